/* Every card of the corpus parses without crashing; prints counts and the time taken. */
#include "testutil.h"

#include "mclint/doc.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

typedef struct {
    size_t files, front_matter, unclosed, yaml_errors, headings, links, comments, bytes;
    double seconds;
} counts;

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;

    if (f == NULL)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
        buf = malloc((size_t)n + 1);
        if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
            free(buf);
            buf = NULL;
        }
        *len = (size_t)n;
    }
    fclose(f);
    return buf;
}

static void parse_file(const char *path, counts *c)
{
    size_t len = 0;
    char *data = slurp(path, &len);
    struct timespec t0, t1;
    mc_doc *doc;

    if (data == NULL)
        return;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(mc_doc_parse(&doc, path, data, len, MC_DOC_MARKDOWN, NULL), 0);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    c->seconds += (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    c->files++;
    c->bytes += len;
    if (mc_doc_has_front_matter(doc))
        c->front_matter++;
    if (mc_doc_front_matter_unclosed(doc))
        c->unclosed++;
    if (mc_yaml_syntax_error(mc_doc_yaml(doc)))
        c->yaml_errors++;
    c->headings += mc_doc_heading_count(doc);
    c->links += mc_doc_link_count(doc);
    c->comments += mc_doc_comment_count(doc);
    /* positions stay inside the document */
    for (size_t i = 0; i < mc_doc_link_count(doc); i++) {
        const mc_link *l = mc_doc_link_at(doc, i);
        size_t ll;
        assert_true(l->line >= 1 && l->line <= mc_doc_line_count(doc));
        assert_non_null(mc_doc_line(doc, l->line, &ll));
        assert_true(l->col >= 1 && l->col <= ll + 1);
    }
    for (size_t i = 0; i < mc_doc_comment_count(doc); i++) {
        const mc_comment *m = mc_doc_comment_at(doc, i);
        assert_true(m->span.line >= 1 && m->span.end_line <= mc_doc_line_count(doc));
    }
    mc_doc_free(doc);
    free(data);
}

/* Parse every *.md in `dir` (and, with depth 1, in its subfolders). */
static void parse_dir(const char *dir, int depth, counts *c)
{
    DIR *d = opendir(dir);
    struct dirent *e;

    if (d == NULL)
        return;
    while ((e = readdir(d)) != NULL) {
        char path[4096];
        struct stat st;
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        if (lstat(path, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode) && depth > 0)
            parse_dir(path, depth - 1, c);
        else if (S_ISREG(st.st_mode) && strlen(e->d_name) > 3 &&
                 strcmp(e->d_name + strlen(e->d_name) - 3, ".md") == 0)
            parse_file(path, c);
    }
    closedir(d);
}

static void report(const char *what, const counts *c)
{
    printf("%s: %zu files (%.1f MB), %zu with front matter, %zu unclosed, %zu YAML errors, "
           "%zu headings, %zu links, %zu comments; parsed in %.3f s (%.1f us/file)\n",
           what, c->files, (double)c->bytes / 1e6, c->front_matter, c->unclosed, c->yaml_errors,
           c->headings, c->links, c->comments, c->seconds,
           c->files ? c->seconds * 1e6 / (double)c->files : 0.0);
}

static void test_hub_cards(void **state)
{
    const char *corpus = tu_corpus();
    char dir[4096];
    counts c;

    (void)state;
    if (corpus == NULL) {
        printf("corpus not found: skipped\n");
        skip();
    }
    snprintf(dir, sizeof(dir), "%s/hub/hf-readme", corpus);
    memset(&c, 0, sizeof(c));
    parse_dir(dir, 0, &c);
    if (c.files == 0) {
        printf("%s: no cards: skipped\n", dir);
        skip();
    }
    report("hub/hf-readme", &c);
    assert_true(c.front_matter > c.files / 2);
}

static void test_real_cards(void **state)
{
    const char *corpus = tu_corpus();
    char dir[4096];
    counts c;

    (void)state;
    if (corpus == NULL) {
        printf("corpus not found: skipped\n");
        skip();
    }
    snprintf(dir, sizeof(dir), "%s/real", corpus);
    memset(&c, 0, sizeof(c));
    parse_dir(dir, 1, &c);
    if (c.files == 0) {
        printf("%s: no cards: skipped\n", dir);
        skip();
    }
    report("real", &c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hub_cards),
        cmocka_unit_test(test_real_cards),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
