/* T-Class tiers computed from cards: one card per row of docs/tiers.md, and the close
 * neighbours that must land elsewhere. */
#include "testutil.h"

#include "record/build.h"
#include "record/tier.h"

#include <string.h>

static mc_record *card(const char *text)
{
    mc_doc *doc = NULL;
    mc_record *rec = NULL;

    assert_int_equal(mc_doc_parse(&doc, "README.md", text, strlen(text), MC_DOC_MARKDOWN, NULL), 0);
    assert_int_equal(mc_record_from_doc(&rec, NULL, doc, NULL), 0);
    return rec;
}

static void expect_tier(const char *text, const char *tier, const char *training)
{
    mc_record *rec = card(text);

    if (tier == NULL)
        assert_null(rec->tier);
    else if (rec->tier == NULL || strcmp(rec->tier, tier) != 0)
        fail_msg("expected %s, got %s (%s) for:\n%s", tier, rec->tier ? rec->tier : "none",
                 rec->tier_reason, text);
    if (training)
        assert_string_equal(rec->prov.training.str, training);
    mc_record_free(rec);
}

#define BLOCK(body) "---\nlicense: apache-2.0\nprovenance:\n" body "---\n# M\n"

static void test_block_tiers(void **state)
{
    (void)state;
    expect_tier(BLOCK("  training: api-wrapper\n"), "T0", "api-wrapper");
    expect_tier(BLOCK("  training: fine-tune\n"), "T2", "fine-tune");
    expect_tier(BLOCK("  training: continued-pretraining\n"), "T2", NULL);
    expect_tier(BLOCK("  training: quantized\n"), "T2", NULL);
    expect_tier(BLOCK("  training: distillation\n"), "T2", NULL);
    expect_tier(BLOCK("  training: merge\n"), "T3", NULL);
    expect_tier(BLOCK("  training: depth-upscaling\n"), "T3", NULL);
    expect_tier(BLOCK("  training: from-scratch\n"), "T4", "from-scratch");
    expect_tier(BLOCK("  training: from-scratch\n  weights_init: partial\n"), "T3", NULL);
    expect_tier(BLOCK("  training: from-scratch\n  weights_init: base-model\n"), "T2", NULL);
    expect_tier(
        BLOCK("  training: from-scratch\n  architecture: {origin: standard, based_on: llama}\n"),
        "T4-1", NULL);
    expect_tier(
        BLOCK("  training: from-scratch\n  architecture: {origin: derived, based_on: llama}\n"),
        "T4-2", NULL);
    /* T5 needs an own architecture AND a Korean tokenizer trained here */
    expect_tier(BLOCK("  training: from-scratch\n  architecture: {origin: original}\n"
                      "  tokenizer: {origin: trained, languages: [ko, en]}\n"),
                "T5", NULL);
    expect_tier(BLOCK("  training: from-scratch\n  architecture: {origin: original}\n"
                      "  tokenizer: {origin: trained, languages: [en]}\n"),
                "T4-2", NULL);
    expect_tier(BLOCK("  training: from-scratch\n  architecture: {origin: original}\n"
                      "  tokenizer: {origin: reused, based_on: x, languages: [ko]}\n"),
                "T4-2", NULL);
    /* a borrowed component caps the tier */
    expect_tier(BLOCK("  training: from-scratch\n  architecture: {origin: original}\n"
                      "  tokenizer: {origin: trained, languages: [ko]}\n"
                      "  components:\n    - {name: vision encoder, origin: reused, source: a/b}\n"),
                "T4-2", NULL);
    /* upcycled experts are partly another model's weights */
    expect_tier(
        BLOCK("  training: from-scratch\n  experts: {count: 8, origin: upcycled, source: a/b}\n"),
        "T3", NULL);
    /* T6: a domestic chip and cloud on top of T5 */
    expect_tier(BLOCK("  training: from-scratch\n  architecture: {origin: original}\n"
                      "  tokenizer: {origin: trained, languages: [ko]}\n"
                      "  compute: {hardware: 1024x Rebellions ATOM, provider: KT Cloud}\n"),
                "T6", NULL);
    expect_tier(BLOCK("  training: from-scratch\n  architecture: {origin: original}\n"
                      "  tokenizer: {origin: trained, languages: [ko]}\n"
                      "  compute: {hardware: 1024x GPUs, provider: KT Cloud}\n"),
                "T5", NULL);
}

static void test_hub_fields(void **state)
{
    (void)state;
    expect_tier("---\nbase_model: a/b\n---\n", "T2", "fine-tune");
    expect_tier("---\nbase_model: [a/b, c/d]\n---\n", "T3", "merge");
    expect_tier("---\nbase_model: a/b\nbase_model_relation: quantized\n---\n", "T2", "quantized");
    expect_tier("---\nbase_model: a/b\nbase_model_relation: adapter\n---\n", "T2", "adapter");
    /* the block wins over Hub fields */
    expect_tier("---\nbase_model: a/b\nprovenance:\n  training: merge\n---\n", "T3", "merge");
    /* nothing stated */
    expect_tier("---\nlicense: mit\n---\n# M\nA model.\n", NULL, NULL);
}

static void test_prose(void **state)
{
    (void)state;
    expect_tier("---\nlicense: mit\n---\n# M\nM was trained from scratch on 2T tokens.\n", "T4",
                "from-scratch");
    expect_tier("---\nlicense: mit\n---\n# M\nM is fine-tuned from acme-ai/Base-7B.\n", "T2",
                "fine-tune");
    /* a derivation that names no model is not enough to place the card */
    expect_tier("---\nlicense: mit\n---\n# M\nYou can fine-tune M with LoRA.\n", NULL, NULL);
    /* negated: not a derivation */
    expect_tier("---\nlicense: mit\n---\n# M\nM is not fine-tuned from acme-ai/Base-7B.\n", NULL,
                NULL);
}

static void test_rank(void **state)
{
    (void)state;
    assert_true(mc_tier_rank("T4-2") > mc_tier_rank("T4-1"));
    assert_true(mc_tier_rank("T4-1") > mc_tier_rank("T4"));
    assert_true(mc_tier_rank("T5") > mc_tier_rank("T4-2"));
    assert_int_equal(mc_tier_rank("t3"), mc_tier_rank("T3"));
    assert_int_equal(mc_tier_rank("T7"), -1);
    assert_int_equal(mc_tier_rank(NULL), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_block_tiers),
        cmocka_unit_test(test_hub_fields),
        cmocka_unit_test(test_prose),
        cmocka_unit_test(test_rank),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
