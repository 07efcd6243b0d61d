/* Shared helpers of the cJSON-based readers. */
#ifndef MC_EVIDENCE_JSONREAD_H
#define MC_EVIDENCE_JSONREAD_H

#include "evidence/ev.h"
#include "evidence/jsonpos.h"

#include <cjson/cJSON.h>

typedef struct {
    mc_evidence_set *set;
    const char *path;
    const char *data;
    size_t len;
    cJSON *root;
    mc_jpos pos;
} mc_jctx;

/* Parse `data` as a JSON object (at most `cap` bytes) and index key positions up to
 * `depth` levels. On failure adds one MC_EV_UNREADABLE item and returns -1. */
int mc_jctx_open(mc_jctx *c, mc_evidence_set *set, const char *path, const char *data, size_t len,
                 size_t cap, unsigned depth);
void mc_jctx_close(mc_jctx *c);
mc_span mc_jctx_span(const mc_jctx *c, const char *fmt, ...) MC_PRINTF(2, 3);
/* An integer in [-2^53, 2^53], or false. */
bool mc_json_int(const cJSON *v, long long *out);
/* The string of `obj[key]` or NULL. */
const char *mc_json_str(const cJSON *obj, const char *key);

#endif
