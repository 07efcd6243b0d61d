/* The lineage is decided in the record, once: bases with the card's relation, and the
 * tokenizer, architecture and components borrowed from another model; what is trained or
 * original to the model is not drawn. Compaction keeps it. */
#include "testutil.h"

#include "record/build.h"
#include "record/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static mc_record *build(const char *card)
{
    mc_doc *doc = NULL;
    mc_record *rec = NULL;

    assert_int_equal(mc_doc_parse(&doc, "m/README.md", card, strlen(card), MC_DOC_MARKDOWN, NULL),
                     0);
    assert_int_equal(mc_record_from_doc(&rec, NULL, doc, NULL), 0);
    return rec;
}

/* The links as "kind:from:label;" text. */
static char *links(const mc_record *rec)
{
    static char out[1024];
    size_t n = 0;

    out[0] = '\0';
    for (size_t i = 0; i < mc_record_lineage_count(rec); i++) {
        const mc_lineage_edge *l = mc_record_lineage_at(rec, i);
        n += (size_t)snprintf(out + n, sizeof(out) - n, "%d:%s:%s;", (int)l->kind, l->from,
                              l->label);
        assert_true(n < sizeof(out));
    }
    assert_null(mc_record_lineage_at(rec, mc_record_lineage_count(rec)));
    return out;
}

static void test_borrowed_parts_are_linked(void **state)
{
    mc_record *rec = build("---\n"
                           "license: apache-2.0\n"
                           "base_model: acme-ai/Base-7B\n"
                           "base_model_relation: finetune\n"
                           "provenance:\n"
                           "  training: fine-tune\n"
                           "  architecture: {based_on: acme-ai/Base-7B}\n"
                           "  tokenizer: {origin: extended, based_on: acme-ai/Tok}\n"
                           "  components:\n"
                           "    - {name: vision encoder, origin: reused, source: x/Eye}\n"
                           "    - {name: projector, source: x/Proj}\n"
                           "    - {name: audio, origin: original, source: x/Ear}\n"
                           "---\n"
                           "# Tiny 7B\n");

    (void)state;
    assert_string_equal(links(rec), "0:acme-ai/Base-7B:finetune;"
                                    "1:acme-ai/Tok:tokenizer;"
                                    "2:acme-ai/Base-7B:architecture;"
                                    "3:x/Eye:vision encoder;"
                                    "3:x/Proj:projector;");
    assert_int_equal(mc_record_compact(rec), 0);
    assert_string_equal(links(rec), "0:acme-ai/Base-7B:finetune;"
                                    "1:acme-ai/Tok:tokenizer;"
                                    "2:acme-ai/Base-7B:architecture;"
                                    "3:x/Eye:vision encoder;"
                                    "3:x/Proj:projector;");
    mc_record_free(rec);
}

/* The close neighbour: the same names, but the parts are the model's own. */
static void test_own_parts_are_not_linked(void **state)
{
    mc_record *rec = build("---\n"
                           "license: apache-2.0\n"
                           "provenance:\n"
                           "  training: from-scratch\n"
                           "  architecture: {origin: original, based_on: acme-ai/Base-7B}\n"
                           "  tokenizer: {origin: trained, based_on: acme-ai/Tok}\n"
                           "  components:\n"
                           "    - {name: vision encoder, origin: trained, source: x/Eye}\n"
                           "---\n"
                           "# Tiny 7B\n");

    (void)state;
    assert_string_equal(links(rec), "");
    assert_int_equal(mc_record_lineage_count(rec), 0);
    mc_record_free(rec);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_borrowed_parts_are_linked),
        cmocka_unit_test(test_own_parts_are_not_linked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
