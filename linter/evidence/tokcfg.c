/* tokenizer_config.json, special_tokens_map.json, added_tokens.json. */
#include "evidence/jsonread.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const special_keys[] = {"bos_token", "eos_token", "unk_token",  "pad_token",
                                           "sep_token", "cls_token", "mask_token", NULL};

/* A token is a string or {"content": "..."}. */
static const char *token_text(const cJSON *v)
{
    if (cJSON_IsString(v))
        return v->valuestring;
    if (cJSON_IsObject(v))
        return mc_json_str(v, "content");
    return NULL;
}

static void read_special_keys(mc_jctx *c)
{
    const cJSON *v, *a;

    for (size_t i = 0; special_keys[i]; i++) {
        const char *t = token_text(cJSON_GetObjectItemCaseSensitive(c->root, special_keys[i]));

        if (t && *t)
            mc_ev_add(c->set, MC_EV_SPECIAL_TOKEN, c->path, mc_jctx_span(c, "%s", special_keys[i]),
                      special_keys[i], t, -1);
    }
    v = cJSON_GetObjectItemCaseSensitive(c->root, "additional_special_tokens");
    if (cJSON_IsArray(v)) {
        int i = 0;

        cJSON_ArrayForEach(a, v)
        {
            const char *t = token_text(a);

            if (t && *t)
                mc_ev_add(c->set, MC_EV_SPECIAL_TOKEN, c->path,
                          mc_jctx_span(c, "additional_special_tokens/%d", i),
                          "additional_special_tokens", t, -1);
            i++;
        }
    }
}

void mc_ev_read_tokenizer_config(mc_evidence_set *set, const char *path, const char *data,
                                 size_t len)
{
    mc_jctx c;
    const char *s;
    const cJSON *v, *t;
    long long n;

    if (mc_jctx_open(&c, set, path, data, len, MC_EV_JSON_CAP, 3) != 0)
        return;
    if ((s = mc_json_str(c.root, "tokenizer_class")) != NULL)
        mc_ev_add(set, MC_EV_TOKENIZER_CLASS, path, mc_jctx_span(&c, "tokenizer_class"),
                  "tokenizer_class", s, -1);
    v = cJSON_GetObjectItemCaseSensitive(c.root, "model_max_length");
    if (mc_json_int(v, &n))
        mc_ev_add(set, MC_EV_TOKENIZER_COUNT, path, mc_jctx_span(&c, "model_max_length"),
                  "model_max_length", NULL, n);
    v = cJSON_GetObjectItemCaseSensitive(c.root, "added_tokens_decoder");
    if (cJSON_IsObject(v)) {
        long long count = 0;

        cJSON_ArrayForEach(t, v)
        {
            const char *content = mc_json_str(t, "content");
            const cJSON *sp = cJSON_GetObjectItemCaseSensitive(t, "special");
            char *endp = NULL;
            long long id = -1;

            count++;
            if (content == NULL || !cJSON_IsTrue(sp) || t->string == NULL)
                continue;
            if (t->string[0] >= '0' && t->string[0] <= '9') {
                id = strtoll(t->string, &endp, 10);
                if (endp == NULL || *endp != '\0')
                    id = -1;
            }
            mc_ev_add(set, MC_EV_SPECIAL_TOKEN, path,
                      mc_jctx_span(&c, "added_tokens_decoder/%s/content", t->string),
                      "added_tokens_decoder", content, id);
        }
        mc_ev_add(set, MC_EV_TOKENIZER_COUNT, path, mc_jctx_span(&c, "added_tokens_decoder"),
                  "added_tokens", NULL, count);
    }
    read_special_keys(&c);
    mc_jctx_close(&c);
}

void mc_ev_read_special_tokens_map(mc_evidence_set *set, const char *path, const char *data,
                                   size_t len)
{
    mc_jctx c;

    if (mc_jctx_open(&c, set, path, data, len, MC_EV_JSON_CAP, 2) != 0)
        return;
    read_special_keys(&c);
    mc_jctx_close(&c);
}

void mc_ev_read_added_tokens(mc_evidence_set *set, const char *path, const char *data, size_t len)
{
    mc_jctx c;
    const cJSON *t;
    long long count = 0;

    if (mc_jctx_open(&c, set, path, data, len, MC_EV_JSON_CAP, 1) != 0)
        return;
    cJSON_ArrayForEach(t, c.root)
    {
        long long id = -1;

        if (t->string == NULL)
            continue;
        count++;
        mc_json_int(t, &id);
        mc_ev_add(set, MC_EV_SPECIAL_TOKEN, path, mc_jctx_span(&c, "%s", t->string), "added_tokens",
                  t->string, id);
    }
    mc_ev_add(set, MC_EV_TOKENIZER_COUNT, path, (mc_span){0, 0, 0, 0}, "added_tokens", NULL, count);
    mc_jctx_close(&c);
}
