/* config.json, adapter_config.json, quantize_config.json and model.safetensors.index.json. */
#include "evidence/jsonread.h"
#include "evidence/jwalk.h"
#include "evidence/tensors.h"
#include "util/str.h"

#include <stdio.h>
#include <string.h>

#define MAX_COMPONENT_LEVEL 2

static const char *const component_keys[] = {"text_config",
                                             "vision_config",
                                             "audio_config",
                                             "llm_config",
                                             "language_config",
                                             "vision_tower",
                                             "vision_tower_config",
                                             "speech_config",
                                             "thinker_config",
                                             "talker_config",
                                             "encoder",
                                             "decoder",
                                             "language",
                                             "visual",
                                             "projector_config",
                                             NULL};

static const char *const moe_keys[] = {"n_routed_experts",
                                       "num_experts",
                                       "num_local_experts",
                                       "num_experts_per_tok",
                                       "moe_intermediate_size",
                                       "n_shared_experts",
                                       "first_k_dense_replace",
                                       "num_nextn_predict_layers",
                                       "moe_layer_freq",
                                       "shared_expert_intermediate_size",
                                       "num_shared_experts",
                                       "moe_topk",
                                       "n_group",
                                       "topk_group",
                                       NULL};

static const char *const expert_count_keys[] = {"n_routed_experts", "num_experts",
                                                "num_local_experts", NULL};

static const char *const number_keys[] = {"num_hidden_layers",
                                          "hidden_size",
                                          "num_attention_heads",
                                          "num_key_value_heads",
                                          "intermediate_size",
                                          "max_position_embeddings",
                                          "head_dim",
                                          "n_layer",
                                          "n_embd",
                                          "n_head",
                                          "n_layers",
                                          "d_model",
                                          "num_layers",
                                          "kv_lora_rank",
                                          "q_lora_rank",
                                          "partial_rotary_factor",
                                          "sliding_window",
                                          "rope_theta",
                                          "num_kv_heads",
                                          "n_positions",
                                          "tie_word_embeddings",
                                          "qk_rope_head_dim",
                                          "qk_nope_head_dim",
                                          "v_head_dim",
                                          "cross_attention_dim",
                                          "sample_size",
                                          "joint_attention_dim",
                                          NULL};

static bool in_list(const char *s, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strcmp(s, list[i]) == 0)
            return true;
    return false;
}

/* A nested config of a composite model: a known key, or any "*_config" / "projector"
 * object that names a model of its own (model_type or _name_or_path). */
static bool is_component(const char *k, const cJSON *v)
{
    const char *mt, *np;

    if (!cJSON_IsObject(v))
        return false;
    if (in_list(k, component_keys))
        return true;
    if (!mc_has_suffix(k, "_config") && strcmp(k, "projector") != 0 &&
        strcmp(k, "mm_projector") != 0)
        return false;
    mt = mc_json_str(v, "model_type");
    np = mc_json_str(v, "_name_or_path");
    return (mt && *mt) || (np && *np);
}

/* "a/b" path prefix to "a.b" component name */
static void component_name(char *out, size_t n, const char *prefix)
{
    size_t i = 0;

    for (; prefix[i] && i + 1 < n; i++)
        out[i] = prefix[i] == '/' ? '.' : prefix[i];
    out[i] = '\0';
}

static mc_evidence *add_at(mc_jctx *c, mc_evidence_kind kind, const char *prefix, const char *key,
                           const char *value, long long number, const char *component)
{
    mc_span sp = mc_jctx_span(c, "%s%s%s", prefix, *prefix ? "/" : "", key);
    mc_evidence *e = mc_ev_add(c->set, kind, c->path, sp, key, value, number);

    if (e && component)
        e->component = mc_ev_strdup(c->set, component);
    return e;
}

static void read_number_key(mc_jctx *c, const cJSON *v, mc_evidence_kind kind, const char *prefix,
                            const char *component)
{
    long long n;
    char text[64];

    if (mc_json_int(v, &n)) {
        add_at(c, kind, prefix, v->string, NULL, n, component);
    } else if (cJSON_IsNumber(v)) {
        snprintf(text, sizeof(text), "%.17g", v->valuedouble);
        add_at(c, kind, prefix, v->string, text, -1, component);
    } else if (cJSON_IsBool(v)) {
        add_at(c, kind, prefix, v->string, cJSON_IsTrue(v) ? "true" : "false",
               cJSON_IsTrue(v) ? 1 : 0, component);
    }
}

static void read_config_obj(mc_jctx *c, const cJSON *obj, const char *prefix, const char *component,
                            int level)
{
    const cJSON *v;
    char comp[256];

    cJSON_ArrayForEach(v, obj)
    {
        const char *k = v->string;

        if (k == NULL)
            continue;
        if (strcmp(k, "architectures") == 0) {
            if (cJSON_IsString(v)) {
                add_at(c, MC_EV_ARCHITECTURE, prefix, k, v->valuestring, -1, component);
            } else if (cJSON_IsArray(v)) {
                const cJSON *a;
                int i = 0;

                cJSON_ArrayForEach(a, v)
                {
                    if (cJSON_IsString(a)) {
                        mc_span sp = mc_jctx_span(c, "%s%s%s/%d", prefix, *prefix ? "/" : "", k, i);
                        mc_evidence *e = mc_ev_add(c->set, MC_EV_ARCHITECTURE, c->path, sp, k,
                                                   a->valuestring, -1);
                        if (e && component)
                            e->component = mc_ev_strdup(c->set, component);
                    }
                    i++;
                }
            }
        } else if (strcmp(k, "_class_name") == 0 && cJSON_IsString(v)) { /* diffusers */
            add_at(c, MC_EV_ARCHITECTURE, prefix, k, v->valuestring, -1, component);
        } else if (strcmp(k, "model_type") == 0 && cJSON_IsString(v)) {
            add_at(c, MC_EV_MODEL_TYPE, prefix, k, v->valuestring, -1, component);
        } else if (strcmp(k, "_name_or_path") == 0 && cJSON_IsString(v) && v->valuestring[0]) {
            add_at(c, MC_EV_NAME_OR_PATH, prefix, k, v->valuestring, -1, component);
        } else if (strcmp(k, "auto_map") == 0 && cJSON_IsObject(v)) {
            const cJSON *m;

            cJSON_ArrayForEach(m, v)
            {
                mc_span sp = mc_jctx_span(c, "%s%sauto_map/%s", prefix, *prefix ? "/" : "",
                                          m->string ? m->string : "");
                const cJSON *s = m;

                if (cJSON_IsArray(m)) /* tokenizers: ["mod.Slow", "mod.Fast"] */
                    for (s = m->child; s && !cJSON_IsString(s); s = s->next)
                        ;
                if (s && cJSON_IsString(s) && m->string) {
                    mc_evidence *e = mc_ev_add(c->set, MC_EV_AUTO_MAP, c->path, sp, m->string,
                                               s->valuestring, -1);
                    if (e && component)
                        e->component = mc_ev_strdup(c->set, component);
                }
            }
        } else if (strcmp(k, "vocab_size") == 0) {
            long long n;

            if (mc_json_int(v, &n))
                add_at(c, MC_EV_VOCAB_SIZE, prefix, k, NULL, n, component);
        } else if (strcmp(k, "quantization_config") == 0 && cJSON_IsObject(v)) {
            const char *m = mc_json_str(v, "quant_method");

            add_at(c, MC_EV_QUANTIZED, prefix, k, m ? m : "unknown", -1, component);
        } else if (in_list(k, moe_keys)) {
            read_number_key(c, v, MC_EV_MOE, prefix, component);
            if (in_list(k, expert_count_keys)) {
                long long n;

                if (mc_json_int(v, &n))
                    add_at(c, MC_EV_EXPERT_COUNT, prefix, k, NULL, n, component);
            }
        } else if (in_list(k, number_keys)) {
            read_number_key(c, v, MC_EV_CONFIG_NUMBER, prefix, component);
        } else if (level < MAX_COMPONENT_LEVEL && is_component(k, v)) {
            char sub[512];
            const char *mt = mc_json_str(v, "model_type");
            mc_evidence *e;

            snprintf(sub, sizeof(sub), "%s%s%s", prefix, *prefix ? "/" : "", k);
            component_name(comp, sizeof(comp), sub);
            e = mc_ev_add(c->set, MC_EV_COMPONENT, c->path, mc_jctx_span(c, "%s", sub), k,
                          mt ? mt : "", -1);
            if (e)
                e->component = mc_ev_strdup(c->set, comp);
            read_config_obj(c, v, sub, comp, level + 1);
        }
    }
}

void mc_ev_read_config(mc_evidence_set *set, const char *path, const char *data, size_t len)
{
    mc_jctx c;

    if (mc_jctx_open(&c, set, path, data, len, MC_EV_JSON_CAP, 4) != 0)
        return;
    /* a diffusers pipeline's "unet/config.json": every item is of that component */
    read_config_obj(
        &c, c.root, "",
        mc_ev_diffusers_component(path + (strlen(path) >= set->root_len ? set->root_len : 0)), 0);
    mc_jctx_close(&c);
}

void mc_ev_read_adapter(mc_evidence_set *set, const char *path, const char *data, size_t len)
{
    mc_jctx c;
    const char *s;

    if (mc_jctx_open(&c, set, path, data, len, MC_EV_JSON_CAP, 1) != 0)
        return;
    if ((s = mc_json_str(c.root, "base_model_name_or_path")) != NULL)
        add_at(&c, MC_EV_ADAPTER_BASE, "", "base_model_name_or_path", s, -1, NULL);
    if ((s = mc_json_str(c.root, "peft_type")) != NULL)
        add_at(&c, MC_EV_ADAPTER_TYPE, "", "peft_type", s, -1, NULL);
    mc_jctx_close(&c);
}

void mc_ev_read_quant(mc_evidence_set *set, const char *path, const char *data, size_t len)
{
    mc_jctx c;
    const char *m;
    const char *key = "quant_method";

    if (mc_jctx_open(&c, set, path, data, len, MC_EV_JSON_CAP, 1) != 0)
        return;
    m = mc_json_str(c.root, "quant_method");
    if (m == NULL) {
        /* AutoGPTQ writes bits/group_size/desc_act; AutoAWQ w_bit/q_group_size/zero_point */
        if (cJSON_GetObjectItemCaseSensitive(c.root, "w_bit") ||
            cJSON_GetObjectItemCaseSensitive(c.root, "q_group_size")) {
            m = "awq";
            key = cJSON_GetObjectItemCaseSensitive(c.root, "w_bit") ? "w_bit" : "q_group_size";
        } else if (cJSON_GetObjectItemCaseSensitive(c.root, "bits")) {
            m = "gptq";
            key = "bits";
        } else {
            m = "unknown";
            key = NULL;
        }
    }
    mc_ev_add(set, MC_EV_QUANTIZED, path, key ? mc_jctx_span(&c, "%s", key) : (mc_span){0, 0, 0, 0},
              key ? key : "", m, -1);
    mc_jctx_close(&c);
}

void mc_ev_read_st_index(mc_evidence_set *set, const char *path, const char *data, size_t len)
{
    mc_jwk w;
    mc_jpos pos = MC_JPOS_INIT;
    mc_tensor_stats ts;
    char key[MC_TS_NAME_MAX];
    bool first = true, have_map = false, have_total = false;
    long long total = 0;

    /* walked in place: a weight map can hold a hundred thousand names */
    if (mc_json_check(set, path, data, len, MC_EV_INDEX_CAP) != 0)
        return;
    mc_tensor_stats_init(&ts);
    mc_jwk_init(&w, data, len);
    mc_jwk_enter(&w, '{');
    while (mc_jwk_next_member(&w, &first, key, sizeof(key), NULL)) {
        bool f = true;

        if (strcmp(key, "weight_map") == 0 && !have_map && mc_jwk_peek(&w) == '{') {
            have_map = true;
            mc_jwk_enter(&w, '{');
            while (mc_jwk_next_member(&w, &f, key, sizeof(key), NULL)) {
                mc_tensor_stats_name(&ts, key);
                mc_jwk_skip(&w);
            }
        } else if (strcmp(key, "metadata") == 0 && !have_total && mc_jwk_peek(&w) == '{') {
            mc_jwk_enter(&w, '{');
            while (mc_jwk_next_member(&w, &f, key, sizeof(key), NULL)) {
                double d;

                if (strcmp(key, "total_size") == 0 && !have_total && mc_jwk_peek(&w) == '0') {
                    mc_jwk_number(&w, &d);
                    have_total = true;
                    if (d <= 9007199254740992.0 && d >= -9007199254740992.0 &&
                        (double)(long long)d == d)
                        total = (long long)d;
                    else
                        have_total = false;
                } else {
                    mc_jwk_skip(&w);
                }
            }
        } else {
            mc_jwk_skip(&w);
        }
    }
    /* spans of the keys before the weight map's names (metadata comes first) */
    if (mc_jpos_build(&pos, data, len, 2, 4096) != 0)
        set->failed = 1;
    if (have_total)
        mc_ev_add(set, MC_EV_CONFIG_NUMBER, path, mc_jpos_span(&pos, "metadata/total_size"),
                  "total_size", NULL, total);
    if (have_map)
        mc_tensor_stats_emit(&ts, set, path, mc_jpos_span(&pos, "weight_map"));
    mc_jpos_release(&pos);
}
