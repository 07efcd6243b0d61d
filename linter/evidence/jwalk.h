/* A JSON walker that allocates nothing: it reads a JSON text in place, one token at a
 * time, for the readers of large evidence files (safetensors headers, weight maps), where
 * a cJSON tree would cost many times the file. The caller walks the members it wants and
 * skips the others; every value is checked as it is read or skipped, so a walk that ends
 * without error has seen a valid JSON text. Nesting is capped at MC_JWK_MAX_DEPTH. */
#ifndef MC_EVIDENCE_JWALK_H
#define MC_EVIDENCE_JWALK_H

#include <stdbool.h>
#include <stddef.h>

#define MC_JWK_MAX_DEPTH 512

typedef struct {
    const char *t;
    size_t len, i;
    const char *error; /* why the walk stopped, or NULL; i is where */
} mc_jwk;

void mc_jwk_init(mc_jwk *w, const char *text, size_t len);
/* The type of the next value ('{', '[', '"', '0' for a number, 't'/'f'/'n' for a literal,
 * 0 at the end or on error), after white space. */
char mc_jwk_peek(mc_jwk *w);
/* Enter an object or array: the next value must be one. */
bool mc_jwk_enter(mc_jwk *w, char open);
/* The next member or element of the container entered last: true if there is one (and,
 * in an object, its key has been read: decoded into key[keycap], cut there, NUL-ended;
 * *off is the byte offset of its opening quote), false at its end (consumed) or on error. */
bool mc_jwk_next_member(mc_jwk *w, bool *first, char *key, size_t keycap, size_t *off);
bool mc_jwk_next_element(mc_jwk *w, bool *first);
/* Read a string value (decoded, cut at cap) or a number. */
bool mc_jwk_string(mc_jwk *w, char *out, size_t cap);
bool mc_jwk_number(mc_jwk *w, double *out);
/* Skip one value of any kind, checking it. */
bool mc_jwk_skip(mc_jwk *w);
/* Only white space remains. */
bool mc_jwk_end(mc_jwk *w);

#endif
