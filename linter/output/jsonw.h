/* A small JSON writer that appends to an mc_buf, without building a tree. Its bytes are
 * those cJSON_PrintUnformatted gives for the same values (same string escapes, same
 * number forms), so documents written either way are identical. Strings are made valid
 * UTF-8 first (invalid bytes become U+FFFD). */
#ifndef MC_OUTPUT_JSONW_H
#define MC_OUTPUT_JSONW_H

#include "util/buf.h"

#include <stdbool.h>

#define MC_JW_DEPTH 16

typedef struct {
    mc_buf *b;
    unsigned depth;
    bool after_key;          /* a key was written: the value needs no comma */
    bool first[MC_JW_DEPTH]; /* nothing written yet in the open object/array */
} mc_jw;

void mc_jw_init(mc_jw *w, mc_buf *b);
void mc_jw_obj(mc_jw *w);     /* { */
void mc_jw_arr(mc_jw *w);     /* [ */
void mc_jw_end_obj(mc_jw *w); /* } */
void mc_jw_end_arr(mc_jw *w); /* ] */
/** The key of the next member (inside an object). */
void mc_jw_key(mc_jw *w, const char *key);
/** A string, or null for NULL. */
void mc_jw_str(mc_jw *w, const char *s);
/** A number, or null when !present. */
void mc_jw_num(mc_jw *w, double v, bool present);
void mc_jw_bool(mc_jw *w, bool v);
void mc_jw_null(mc_jw *w);

/* key + value in one call */
void mc_jw_kstr(mc_jw *w, const char *key, const char *s);
void mc_jw_knum(mc_jw *w, const char *key, double v, bool present);

#endif
