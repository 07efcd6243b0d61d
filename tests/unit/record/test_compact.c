/* Compaction: after the rules, a record keeps a copy of every value in a fresh arena and
 * frees its documents; long lists grow in linear space. */
#include "testutil.h"

#include "record/build.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *card =
    "---\n"
    "license: other\n"
    "license_name: acme\n"
    "license_link: LICENSE\n"
    "base_model:\n"
    "  - acme-ai/Base-7B\n"
    "  - other-lab/Chat-7B\n"
    "base_model_relation: merge\n"
    "datasets: [acme/web, acme/code]\n"
    "language: [ko, en]\n"
    "provenance:\n"
    "  training: merge\n"
    "  architecture: {origin: reused, based_on: acme-ai/Base-7B}\n"
    "  tokenizer: {origin: extended, based_on: acme-ai/Base-7B, languages: [ko, en]}\n"
    "  components:\n"
    "    - {name: vision encoder, origin: reused, source: x/y, license: mit}\n"
    "  experts: {count: 8, active: 2, origin: upcycled, source: acme-ai/Base-7B}\n"
    "  data: {tokens: 2T, disclosure: partial, sources: [acme/web]}\n"
    "  weights: {release: open, url: https://example.org/w}\n"
    "  tier: T3\n"
    "---\n"
    "# Merged 7B\n"
    "\n"
    "This model is a merge of acme-ai/Base-7B and other-lab/Chat-7B.\n";

static void expect_same(const mc_val *a, const mc_val *b)
{
    if (a->str == NULL) {
        assert_null(b->str);
        return;
    }
    assert_non_null(b->str);
    assert_string_equal(a->str, b->str);
    assert_string_equal(a->path ? a->path : "", b->path ? b->path : "");
    assert_int_equal(a->span.line, b->span.line);
    assert_int_equal(a->span.col, b->span.col);
    assert_int_equal(a->from, b->from);
}

static void test_compact_keeps_values(void **state)
{
    mc_doc *doc = NULL;
    mc_record *rec = NULL, before;
    char *copy[64];
    size_t ncopy = 0;

    (void)state;
    assert_int_equal(mc_doc_parse(&doc, "m/README.md", card, strlen(card), MC_DOC_MARKDOWN, NULL),
                     0);
    assert_int_equal(mc_record_from_doc(&rec, NULL, doc, NULL), 0);
    rec->tier = "T3";
    rec->tier_reason = mc_arena_strdup(rec->arena, "merge of open weights");
    assert_true(rec->nclaims > 0);
    assert_non_null(rec->card);
    /* a deep snapshot of the strings we compare (the old storage is freed) */
    before = *rec;
#define KEEP(v)                                                                                    \
    do {                                                                                           \
        if ((v).str) {                                                                             \
            copy[ncopy] = strdup((v).str);                                                         \
            (v).str = copy[ncopy++];                                                               \
        }                                                                                          \
        if ((v).path) {                                                                            \
            copy[ncopy] = strdup((v).path);                                                        \
            (v).path = copy[ncopy++];                                                              \
        }                                                                                          \
    } while (0)
    KEEP(before.license);
    KEEP(before.license_link);
    KEEP(before.tok_origin);
    KEEP(before.experts_source);
    KEEP(before.weights_url);
    KEEP(before.tier_claimed);
    mc_val b1 = rec->base_models.items[1], c0 = rec->components[0].license,
           d0 = rec->data_sources.items[0], cl = rec->claims[0].where;
    KEEP(b1);
    KEEP(c0);
    KEEP(d0);
    KEEP(cl);
    char *reason = strdup(rec->tier_reason), *name = strdup(rec->name);
    size_t nclaims = rec->nclaims;

    assert_int_equal(mc_record_compact(rec), 0);
    assert_null(rec->card);
    assert_null(rec->front);
    assert_null(rec->block);
    expect_same(&before.license, &rec->license);
    expect_same(&before.license_link, &rec->license_link);
    expect_same(&before.tok_origin, &rec->tok_origin);
    expect_same(&before.experts_source, &rec->experts_source);
    expect_same(&before.weights_url, &rec->weights_url);
    expect_same(&before.tier_claimed, &rec->tier_claimed);
    expect_same(&b1, &rec->base_models.items[1]);
    expect_same(&c0, &rec->components[0].license);
    expect_same(&d0, &rec->data_sources.items[0]);
    expect_same(&cl, &rec->claims[0].where);
    assert_int_equal(rec->nclaims, nclaims);
    assert_string_equal(rec->tier_reason, reason);
    assert_string_equal(rec->name, name);
    assert_string_equal(mc_record_card_path(rec), "m/README.md");
    /* small: what a model keeps is a few hundred bytes, not the document */
    assert_true(mc_arena_used(rec->arena) < 4096);
    for (size_t i = 0; i < ncopy; i++)
        free(copy[i]);
    free(reason);
    free(name);
    mc_record_free(rec);
}

/* A card listing 3,000 languages: the list costs linear space (it once grew by copying
 * the whole list at every value: hundreds of megabytes). */
static void test_long_list_is_linear(void **state)
{
    mc_arena *a = mc_arena_new();
    mc_vals list = {NULL, 0};
    mc_val v = {0};

    (void)state;
    for (size_t i = 0; i < 3000; i++) {
        v.span.line = (unsigned)i + 1;
        assert_int_equal(mc_vals_push(a, &list, &v), 0);
    }
    assert_int_equal(list.len, 3000);
    for (size_t i = 0; i < 3000; i++)
        assert_int_equal(list.items[i].span.line, i + 1);
    assert_true(mc_arena_used(a) < 4 * 3000 * sizeof(mc_val));
    mc_arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_compact_keeps_values),
        cmocka_unit_test(test_long_list_is_linear),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
