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

/* What a cJSON tree of a text costs, at most (bytes per value, per string, times the
 * text): mc_jctx_open refuses a text whose estimate is over mc_json_tree_bound(len), so
 * that the memory a parse may take is known from the file size before it is read. */
#define MC_JSON_VALUE_COST 112
#define MC_JSON_STRING_COST 32
#define MC_JSON_TREE_FACTOR 24
size_t mc_json_tree_estimate(const char *data, size_t len);
size_t mc_json_tree_bound(size_t len);
/* Check without building a tree that `data` is one JSON object (at most `cap` bytes);
 * on failure adds one MC_EV_UNREADABLE item and returns -1. */
int mc_json_check(mc_evidence_set *set, const char *path, const char *data, size_t len, size_t cap);
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
