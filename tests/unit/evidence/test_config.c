/* config.json and the other small JSON readers, with key positions. */
#include "evtest.h"
#include "evidence/jsonread.h"

#include <stdio.h>
#include <stdlib.h>

static const char llama_cfg[] = "{\n"
                                "  \"architectures\": [\n"
                                "    \"LlamaForCausalLM\"\n"
                                "  ],\n"
                                "  \"model_type\": \"llama\",\n"
                                "  \"hidden_size\": 4096,\n"
                                "  \"vocab_size\": 128256,\n"
                                "  \"_name_or_path\": \"acme-ai/Tiny-7B\",\n"
                                "  \"text_config\": {\"model_type\": \"qwen2\", \"_name_or_path\": "
                                "\"acme-ai/Text-1B\"},\n"
                                "  \"vision_config\": {\n"
                                "    \"model_type\": \"siglip_vision_model\",\n"
                                "    \"architectures\": [\"SiglipVisionModel\"]\n"
                                "  },\n"
                                "  \"rope_scaling\": null\n"
                                "}\n";

static void test_llama_config(void **state)
{
    mc_evidence_set *set = ev_text("m/config.json", llama_cfg);
    const mc_evidence *e;

    e = ev_find(set, MC_EV_ARCHITECTURE, NULL, "LlamaForCausalLM");
    assert_non_null(e);
    assert_string_equal(e->file, "m/config.json");
    assert_int_equal(e->span.line, 3);
    assert_int_equal(e->span.col, 5);
    assert_int_equal(e->span.end_col, 5 + 18);
    assert_string_equal(e->family, "llama");
    assert_null(e->component);

    e = ev_find(set, MC_EV_MODEL_TYPE, NULL, "llama");
    assert_non_null(e);
    assert_int_equal(e->span.line, 5);
    assert_int_equal(e->span.col, 3);
    assert_int_equal(e->span.end_col, 3 + strlen("\"model_type\": \"llama\""));

    e = ev_find(set, MC_EV_CONFIG_NUMBER, "hidden_size", NULL);
    assert_non_null(e);
    assert_int_equal(e->number, 4096);
    assert_int_equal(e->span.line, 6);

    e = ev_find(set, MC_EV_VOCAB_SIZE, "vocab_size", NULL);
    assert_non_null(e);
    assert_int_equal(e->number, 128256);
    assert_int_equal(e->span.line, 7);

    e = ev_find(set, MC_EV_NAME_OR_PATH, NULL, "acme-ai/Tiny-7B");
    assert_non_null(e);
    assert_int_equal(e->span.line, 8);

    /* one level nested: same line, exact column */
    e = ev_find(set, MC_EV_COMPONENT, "text_config", "qwen2");
    assert_non_null(e);
    assert_string_equal(e->component, "text_config");
    assert_int_equal(e->span.line, 9);
    assert_int_equal(e->span.col, 3);
    assert_string_equal(e->family, "qwen2");
    e = ev_find(set, MC_EV_NAME_OR_PATH, NULL, "acme-ai/Text-1B");
    assert_non_null(e);
    assert_string_equal(e->component, "text_config");
    assert_int_equal(e->span.line, 9);
    assert_int_equal(e->span.col, 42);

    e = ev_find(set, MC_EV_ARCHITECTURE, NULL, "SiglipVisionModel");
    assert_non_null(e);
    assert_string_equal(e->component, "vision_config");
    assert_string_equal(e->family, "siglip");
    assert_int_equal(e->span.line, 12);
    assert_int_equal(e->span.col, 23);
    e = ev_find(set, MC_EV_MODEL_TYPE, NULL, "siglip_vision_model");
    assert_non_null(e);
    assert_int_equal(e->span.line, 11);
    assert_int_equal(e->span.col, 5);

    /* first item of a kind: top level vs component */
    assert_string_equal(mc_evidence_first(set, MC_EV_MODEL_TYPE, NULL)->value, "llama");
    assert_string_equal(mc_evidence_first(set, MC_EV_MODEL_TYPE, "text_config")->value, "qwen2");
    assert_int_equal(mc_evidence_file_count(set), 1);
    assert_string_equal(mc_evidence_file_at(set, 0), "m/config.json");
    mc_evidence_free(set);
}

static void test_custom_architecture(void **state)
{
    mc_evidence_set *set =
        ev_text("config.json", "{\"architectures\": [\"AcmeForCausalLM\"], \"model_type\": "
                               "\"acme\", \"auto_map\": {\"AutoModelForCausalLM\": "
                               "\"modeling_acme.AcmeForCausalLM\", \"AutoTokenizer\": "
                               "[\"tokenization_acme.AcmeTokenizer\", null]}}");
    const mc_evidence *e = ev_find(set, MC_EV_ARCHITECTURE, NULL, "AcmeForCausalLM");

    assert_non_null(e);
    assert_null(e->family);
    assert_int_equal(e->span.line, 1);
    assert_int_equal(e->span.col, 20);
    assert_null(ev_find(set, MC_EV_MODEL_TYPE, NULL, "acme")->family);
    e = ev_find(set, MC_EV_AUTO_MAP, "AutoModelForCausalLM", "modeling_acme.AcmeForCausalLM");
    assert_non_null(e);
    assert_non_null(
        ev_find(set, MC_EV_AUTO_MAP, "AutoTokenizer", "tokenization_acme.AcmeTokenizer"));
    assert_null(ev_find(set, MC_EV_ARCHITECTURE, NULL, "LlamaForCausalLM"));
    mc_evidence_free(set);
}

static void test_moe_and_quant(void **state)
{
    mc_evidence_set *set =
        ev_text("config.json", "{\"architectures\": [\"DeepseekV3ForCausalLM\"],\n"
                               " \"model_type\": \"deepseek_v3\", \"n_routed_experts\": 256,\n"
                               " \"num_experts_per_tok\": 8, \"num_nextn_predict_layers\": 1,\n"
                               " \"first_k_dense_replace\": 3, \"vocab_size\": 129280,\n"
                               " \"partial_rotary_factor\": 0.5,\n"
                               " \"quantization_config\": {\"quant_method\": \"fp8\"}}");
    const mc_evidence *e;

    assert_string_equal(ev_find(set, MC_EV_ARCHITECTURE, NULL, NULL)->family, "deepseek-v3");
    e = ev_find(set, MC_EV_MOE, "n_routed_experts", NULL);
    assert_non_null(e);
    assert_int_equal(e->number, 256);
    assert_int_equal(e->span.line, 2);
    assert_int_equal(ev_find(set, MC_EV_EXPERT_COUNT, "n_routed_experts", NULL)->number, 256);
    assert_int_equal(ev_find(set, MC_EV_MOE, "num_nextn_predict_layers", NULL)->number, 1);
    assert_int_equal(ev_find(set, MC_EV_MOE, "first_k_dense_replace", NULL)->number, 3);
    e = ev_find(set, MC_EV_CONFIG_NUMBER, "partial_rotary_factor", NULL);
    assert_non_null(e);
    assert_int_equal(e->number, -1);
    assert_string_equal(e->value, "0.5");
    assert_non_null(ev_find(set, MC_EV_QUANTIZED, "quantization_config", "fp8"));
    /* config vocab alone: a weak family hint, said to be weak */
    e = ev_find(set, MC_EV_TOKENIZER_FAMILY, "vocab_size_only", NULL);
    assert_non_null(e);
    assert_string_equal(e->family, "deepseek-v3");
    assert_non_null(strstr(e->value, "weak"));
    mc_evidence_free(set);

    /* close neighbour: a dense config has no MoE items */
    set = ev_text("config.json", "{\"model_type\": \"llama\", \"num_hidden_layers\": 32}");
    assert_int_equal(ev_count_kind(set, MC_EV_MOE), 0);
    assert_int_equal(ev_count_kind(set, MC_EV_EXPERT_COUNT), 0);
    assert_int_equal(ev_count_kind(set, MC_EV_QUANTIZED), 0);
    mc_evidence_free(set);
}

static void expect_unreadable(const char *path, const char *data, size_t len, const char *why)
{
    mc_evidence_set *set = ev_read(path, data, len);
    const mc_evidence *e = ev_find(set, MC_EV_UNREADABLE, NULL, NULL);

    if (e == NULL)
        ev_dump(set, path);
    assert_non_null(e);
    if (why && strstr(e->value, why) == NULL)
        fail_msg("%s: expected '%s' in '%s'", path, why, e->value);
    assert_int_equal(ev_count_kind(set, MC_EV_UNREADABLE), 1);
    mc_evidence_free(set);
}

static void test_malformed(void **state)
{
    static const char bin[] = "{\"a\":\0\x01\x02}";
    char *deep;
    size_t n = 100000;

    expect_unreadable("config.json", "", 0, "empty");
    expect_unreadable("config.json", "{\"model_type\": \"llama\"", 22, "invalid JSON");
    expect_unreadable("config.json", "{\"a\": 1}\n{\"b\": 2}", 17, "after");
    expect_unreadable("config.json", bin, sizeof(bin) - 1, "binary");
    expect_unreadable("config.json", "[1, 2, 3]", 9, "not a JSON object");
    expect_unreadable("adapter_config.json", "{\"peft_type\": LORA}", 19, "line 1, column 15");
    expect_unreadable("tokenizer_config.json", "{\n\n  \"x\": tru\n}", 15, "line 3");
    /* deeply nested: refused before cJSON builds anything (a value per bracket is more
     * than the tree bound), and cJSON refuses past its own limit anyway; no crash */
    deep = malloc(2 * n + 16);
    memcpy(deep, "{\"a\":", 5);
    memset(deep + 5, '[', n);
    memset(deep + 5 + n, ']', n);
    memcpy(deep + 5 + 2 * n, "}", 2);
    expect_unreadable("config.json", deep, strlen(deep), NULL);
    free(deep);
}

/* A JSON file whose cJSON tree would cost much more than the file (tiny values) is refused
 * before it is parsed; ordinary files of the same size are read. */
static void test_dense_json(void **state)
{
    size_t n = 4u << 20, len;
    char *big = malloc(n + 64);
    mc_evidence_set *set;

    (void)state;
    assert_non_null(big);
    len = (size_t)sprintf(big, "{\"model_type\": \"llama\", \"x\": [0");
    while (len < n)
        len += (size_t)sprintf(big + len, ",0");
    len += (size_t)sprintf(big + len, "]}");
    expect_unreadable("config.json", big, len, "too many JSON values");
    assert_true(mc_json_tree_estimate(big, len) > mc_json_tree_bound(len));
    /* close neighbour: the same size of ordinary keys and values */
    len = (size_t)sprintf(big, "{\"model_type\": \"llama\"");
    for (int i = 0; len < n; i++)
        len += (size_t)sprintf(big + len, ", \"layer_%d_scale\": %d.5", i, i);
    len += (size_t)sprintf(big + len, "}");
    set = ev_read("config.json", big, len);
    assert_null(ev_find(set, MC_EV_UNREADABLE, NULL, NULL));
    assert_non_null(ev_find(set, MC_EV_MODEL_TYPE, NULL, "llama"));
    mc_evidence_free(set);
    free(big);
}

static void test_huge_numbers(void **state)
{
    mc_evidence_set *set = ev_text("config.json", "{\"vocab_size\": 1e400, \"hidden_size\": "
                                                  "99999999999999999999999, \"num_hidden_layers\": "
                                                  "-3, \"intermediate_size\": 11008}");

    /* no vocab item from an infinite number; others as text or negative, never garbage */
    assert_null(ev_find(set, MC_EV_VOCAB_SIZE, NULL, NULL));
    assert_int_equal(ev_find(set, MC_EV_CONFIG_NUMBER, "hidden_size", NULL)->number, -1);
    assert_int_equal(ev_find(set, MC_EV_CONFIG_NUMBER, "num_hidden_layers", NULL)->number, -3);
    assert_int_equal(ev_find(set, MC_EV_CONFIG_NUMBER, "intermediate_size", NULL)->number, 11008);
    mc_evidence_free(set);
}

static void test_adapter_quant(void **state)
{
    mc_evidence_set *set =
        ev_text("adapter_config.json", "{\n  \"base_model_name_or_path\": \"acme-ai/Tiny-7B\",\n"
                                       "  \"peft_type\": \"LORA\",\n  \"r\": 16\n}\n");
    const mc_evidence *e = ev_find(set, MC_EV_ADAPTER_BASE, NULL, "acme-ai/Tiny-7B");

    assert_non_null(e);
    assert_int_equal(e->span.line, 2);
    assert_int_equal(e->span.col, 3);
    assert_non_null(ev_find(set, MC_EV_ADAPTER_TYPE, NULL, "LORA"));
    mc_evidence_free(set);

    /* neighbour: a config.json with the same key is not an adapter */
    set = ev_text("config.json", "{\"base_model_name_or_path\": \"acme-ai/Tiny-7B\"}");
    assert_null(ev_find(set, MC_EV_ADAPTER_BASE, NULL, NULL));
    mc_evidence_free(set);

    set = ev_text("quantize_config.json", "{\"bits\": 4, \"group_size\": 128, \"desc_act\": true}");
    assert_non_null(ev_find(set, MC_EV_QUANTIZED, "bits", "gptq"));
    mc_evidence_free(set);
    set =
        ev_text("quant_config.json", "{\"zero_point\": true, \"q_group_size\": 128, \"w_bit\": 4}");
    assert_non_null(ev_find(set, MC_EV_QUANTIZED, "w_bit", "awq"));
    mc_evidence_free(set);
}

static void test_st_index(void **state)
{
    mc_evidence_set *set =
        ev_text("model.safetensors.index.json",
                "{\"metadata\": {\"total_size\": 1000},\n \"weight_map\": {\n"
                "  \"model.layers.0.mlp.experts.0.gate_proj.weight\": \"a.safetensors\",\n"
                "  \"model.layers.0.mlp.experts.191.gate_proj.weight\": \"a.safetensors\",\n"
                "  \"model.layers.61.mtp.eh_proj.weight\": \"b.safetensors\",\n"
                "  \"model.embed_tokens.weight\": \"a.safetensors\"}}");

    assert_int_equal(ev_find(set, MC_EV_EXPERT_COUNT, "tensor_names", NULL)->number, 192);
    assert_int_equal(ev_find(set, MC_EV_MTP_TENSORS, NULL, NULL)->number, 1);
    assert_int_equal(ev_find(set, MC_EV_CONFIG_NUMBER, "total_size", NULL)->number, 1000);
    mc_evidence_free(set);

    /* neighbour: "expertsX" and "attempt" are neither experts nor mtp */
    set = ev_text("model.safetensors.index.json",
                  "{\"weight_map\": {\"model.shared_experts.gate.weight\": \"a\", "
                  "\"model.attempt.weight\": \"a\", \"model.experts.x.w\": \"a\"}}");
    assert_null(ev_find(set, MC_EV_EXPERT_COUNT, NULL, NULL));
    assert_null(ev_find(set, MC_EV_MTP_TENSORS, NULL, NULL));
    mc_evidence_free(set);
}

static void test_unknown_file(void **state)
{
    mc_evidence_set *set = ev_text("README.md", "# hello");

    assert_int_equal(mc_evidence_count(set), 0);
    assert_int_equal(mc_evidence_file_count(set), 0);
    assert_false(mc_evidence_wants("README.md"));
    assert_true(mc_evidence_wants("a/b/config.json"));
    assert_true(mc_evidence_wants("modeling_acme.py"));
    assert_false(mc_evidence_wants("acme.py"));
    mc_evidence_free(set);
}

/* Every nested config that names a model of its own is a component; a "*_config" object
 * without a model_type or _name_or_path (rope or generation settings) is not. */
static void test_nested_components(void **state)
{
    static const char cfg[] =
        "{\"architectures\": [\"OmniForConditionalGeneration\"],\n"
        " \"speech_config\": {\"model_type\": \"whisper\"},\n"
        " \"projector\": {\"_name_or_path\": \"acme-ai/projector-v1\"},\n"
        " \"image_encoder_config\": {\"model_type\": \"siglip_vision_model\",\n"
        "    \"_name_or_path\": \"google/siglip-so400m-patch14-384\"},\n"
        " \"thinker_config\": {\"model_type\": \"qwen2\",\n"
        "    \"audio_config\": {\"model_type\": \"qwen2_audio_encoder\"}},\n"
        " \"rope_config\": {\"theta\": 10000},\n"
        " \"generation_config\": {\"max_length\": 4096}}\n";
    mc_evidence_set *set = ev_text("config.json", cfg);
    const mc_evidence *e;

    e = ev_find(set, MC_EV_COMPONENT, "speech_config", "whisper");
    assert_non_null(e);
    assert_string_equal(e->family, "whisper");
    assert_int_equal(e->span.line, 2);
    e = ev_find(set, MC_EV_COMPONENT, "projector", "");
    assert_non_null(e);
    e = ev_find(set, MC_EV_NAME_OR_PATH, NULL, "acme-ai/projector-v1");
    assert_string_equal(e->component, "projector");
    e = ev_find(set, MC_EV_NAME_OR_PATH, NULL, "google/siglip-so400m-patch14-384");
    assert_string_equal(e->component, "image_encoder_config");
    e = ev_find(set, MC_EV_COMPONENT, "audio_config", "qwen2_audio_encoder");
    assert_non_null(e);
    assert_string_equal(e->component, "thinker_config.audio_config");
    assert_null(ev_find(set, MC_EV_COMPONENT, "rope_config", NULL));
    assert_null(ev_find(set, MC_EV_COMPONENT, "generation_config", NULL));
    assert_int_equal(ev_count_kind(set, MC_EV_COMPONENT), 5);
    mc_evidence_free(set);
    (void)state;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_llama_config),  cmocka_unit_test(test_custom_architecture),
        cmocka_unit_test(test_moe_and_quant), cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_huge_numbers),  cmocka_unit_test(test_adapter_quant),
        cmocka_unit_test(test_st_index),      cmocka_unit_test(test_dense_json),
        cmocka_unit_test(test_unknown_file),  cmocka_unit_test(test_nested_components),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
