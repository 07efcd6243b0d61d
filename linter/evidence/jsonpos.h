/* Positions of keys and values in a JSON text, which cJSON does not keep. One pass over
 * the text records, for every member and array element up to `max_depth` levels deep, its
 * path ("text_config/model_type", "architectures/0"), the span of its key and the span of
 * its value. The scan is lenient (the text has been validated by cJSON already) and
 * stops quietly at anything unexpected. */
#ifndef MC_EVIDENCE_JSONPOS_H
#define MC_EVIDENCE_JSONPOS_H

#include "mclint/common.h"

#include <stdbool.h>

typedef struct {
    char *path;
    mc_span key; /* the key token with its quotes (line 0 for array elements) */
    mc_span val; /* the whole value */
    bool scalar; /* the value is a string, number or literal */
} mc_jpos_entry;

typedef struct {
    mc_jpos_entry *e;
    size_t n, cap;
    int failed;
} mc_jpos;

#define MC_JPOS_INIT                                                                               \
    {                                                                                              \
        NULL, 0, 0, 0                                                                              \
    }

/* Build the index. Returns 0 or MC_ENOMEM. At most `max_entries` entries are kept. */
int mc_jpos_build(mc_jpos *idx, const char *text, size_t len, unsigned max_depth,
                  size_t max_entries);
const mc_jpos_entry *mc_jpos_get(const mc_jpos *idx, const char *path);
/* The span an item about `path` should have: key to value on one line for scalars, else
 * the key (or the value for array elements); {0} if unknown. */
mc_span mc_jpos_span(const mc_jpos *idx, const char *path);
void mc_jpos_release(mc_jpos *idx);

#endif
