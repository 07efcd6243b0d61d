/* The file classifier: one decision for every mode, from the name and, for Markdown, the
 * top-level keys of the front matter (never the body). */
#include "sourceutil.h"
#include "testutil.h"

#include "record/build.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void test_kinds(void **state)
{
    char *d = tu_mkdtemp();
    mc_source *src;

    (void)state;
    /* a body line that looks like a key is not front matter */
    tu_write(d, "docs/notes.md", "---\ntitle: Notes\n---\n# Notes\n\nlicense: see below\n");
    tu_write(d, "docs/plain.md", "# Plain\n\nlicense: mit\nbase_model: a/b\n");
    /* its close neighbours: the key in the front matter */
    tu_write(d, "docs/card.md", "---\ntitle: T\nlicense: mit\n---\n# T\n");
    tu_write(d, "docs/model.md", "---\nbase_model: a/b\n---\n# T\n");
    /* a nested key is not a top-level key */
    tu_write(d, "docs/nested.md", "---\nextra:\n  license: mit\n---\n# T\n");
    tu_write(d, "data/card.md", "---\ntask_categories: [text-generation]\nlicense: mit\n---\n");
    tu_write(d, "space/app.md", "---\nsdk: gradio\n---\n");
    tu_write(d, "m/README.md", "---\ntask_categories: [x]\n---\n# A data set\n");
    tu_write(d, "m2/README.md", "# No front matter\n");
    tu_write(d, "m2/TECHNICAL_REPORT.md", "---\nlicense: mit\n---\n# Report\n");
    tu_write(d, "m2/config.json", "{}\n");
    tu_write(d, "m2/train.py", "print(1)\n");
    {
        /* front matter longer than the first look (8 KiB): read on, the key after it counts */
        char big[20000];
        size_t n = (size_t)snprintf(big, sizeof(big), "---\ntags:\n");
        while (n < 12000)
            n += (size_t)snprintf(big + n, sizeof(big) - n, "  - tag-%zu\n", n);
        snprintf(big + n, sizeof(big) - n, "license: mit\n---\n# Long\n");
        tu_write(d, "docs/long.md", big);
        /* its neighbour: the same length, no card key */
        memcpy(big + n, "licence", 7);
        tu_write(d, "docs/long-other.md", big);
    }
    src = tu_open_dir(d);
    assert_int_equal(mc_classify(src, "docs/long.md", 0), MC_FILE_MODEL_CARD);
    assert_int_equal(mc_classify(src, "docs/long-other.md", 0), MC_FILE_OTHER);
    assert_int_equal(mc_classify(src, "docs/notes.md", 0), MC_FILE_OTHER);
    assert_int_equal(mc_classify(src, "docs/plain.md", 0), MC_FILE_OTHER);
    assert_int_equal(mc_classify(src, "docs/card.md", 0), MC_FILE_MODEL_CARD);
    assert_int_equal(mc_classify(src, "docs/model.md", 0), MC_FILE_MODEL_CARD);
    assert_int_equal(mc_classify(src, "docs/nested.md", 0), MC_FILE_OTHER);
    /* a data set's keys and `license` only: a dataset card */
    assert_int_equal(mc_classify(src, "data/card.md", 0), MC_FILE_DATASET_CARD);
    assert_int_equal(mc_classify(src, "space/app.md", 0), MC_FILE_SPACE);
    /* a card's name is a model card; its front matter decides when it is read */
    assert_int_equal(mc_classify(src, "m/README.md", 0), MC_FILE_MODEL_CARD);
    assert_int_equal(mc_classify_card(src, "m/README.md", 0), MC_FILE_DATASET_CARD);
    assert_int_equal(mc_classify_card(src, "m2/README.md", 0), MC_FILE_MODEL_CARD);
    assert_int_equal(mc_classify(src, "m2/TECHNICAL_REPORT.md", 0), MC_FILE_REPORT);
    assert_int_equal(mc_classify(src, "m2/config.json", 0), MC_FILE_EVIDENCE);
    assert_int_equal(mc_classify(src, "m2/train.py", 0), MC_FILE_OTHER);
    assert_int_equal(mc_classify(src, "not/listed.md", 0), MC_FILE_OTHER);
    /* over the size limit: not read, not a card */
    assert_int_equal(mc_classify(src, "docs/card.md", 8), MC_FILE_OTHER);
    assert_string_equal(mc_file_kind_name(MC_FILE_SPACE), "Space README");
    mc_source_free(src);
    tu_rmtree(d);
    free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kinds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
