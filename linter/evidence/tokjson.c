/* tokenizer.json through the push scanner. */
#include "evidence/ev.h"
#include "evidence/tokjson.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void mc_ev_tokscan_emit(mc_evidence_set *set, const char *path, const mc_tokscan *s)
{
    char text[64];
    long long size;

    if (s->error) {
        mc_ev_unreadable(set, path, (mc_span){s->err_line, s->err_col, s->err_line, s->err_col + 1},
                         "invalid JSON at line %u, column %u: %s", s->err_line, s->err_col,
                         s->message);
        return;
    }
    if (s->model_type[0])
        mc_ev_add(set, MC_EV_TOKENIZER_MODEL, path,
                  (mc_span){s->model_type_line, s->model_type_col, s->model_type_line,
                            s->model_type_col + 2 + (unsigned)strlen(s->model_type)},
                  "model.type", s->model_type, -1);
    if (s->vocab >= 0)
        mc_ev_add(set, MC_EV_TOKENIZER_COUNT, path, (mc_span){0, 0, 0, 0}, "vocab", NULL, s->vocab);
    if (s->merges >= 0)
        mc_ev_add(set, MC_EV_TOKENIZER_COUNT, path, (mc_span){0, 0, 0, 0}, "merges", NULL,
                  s->merges);
    mc_ev_add(set, MC_EV_TOKENIZER_COUNT, path, (mc_span){0, 0, 0, 0}, "added_tokens", NULL,
              s->added);
    size = s->vocab > 0 ? s->vocab : 0;
    if (s->max_added_id + 1 > size)
        size = s->max_added_id + 1;
    if (size > 0)
        mc_ev_add(set, MC_EV_VOCAB_SIZE, path, (mc_span){0, 0, 0, 0}, "tokenizer.json", NULL, size);
    if (s->vocab > 0 || s->merges > 0) {
        snprintf(text, sizeof(text), "fnv1a64:%016llx", (unsigned long long)s->hash);
        mc_ev_add(set, MC_EV_TOKENIZER_HASH, path, (mc_span){0, 0, 0, 0}, "vocab+merges", text, -1);
    }
    for (int i = 0; i < s->n_special; i++) {
        const mc_tokscan_token *t = &s->special[i];

        mc_ev_add(set, MC_EV_SPECIAL_TOKEN, path, (mc_span){t->line, t->col, t->line, t->end_col},
                  "added_tokens", t->content, t->id);
    }
}

void mc_ev_read_tokenizer_json(mc_evidence_set *set, const char *path, const char *data, size_t len)
{
    mc_tokscan *s;

    if (len == 0) {
        mc_ev_unreadable(set, path, (mc_span){0, 0, 0, 0}, "empty file");
        return;
    }
    s = malloc(sizeof(*s));
    if (s == NULL) {
        set->failed = 1;
        return;
    }
    mc_tokscan_init(s);
    for (size_t off = 0; off < len && !s->error; off += MC_TOKJSON_CHUNK)
        mc_tokscan_feed(s, data + off, len - off < MC_TOKJSON_CHUNK ? len - off : MC_TOKJSON_CHUNK);
    mc_tokscan_finish(s);
    mc_ev_tokscan_emit(set, path, s);
    free(s);
}
