/* String, UTF-8 and path helpers. Paths inside mclint are always relative to the
 * repository root and use '/' separators. */
#ifndef MC_UTIL_STR_H
#define MC_UTIL_STR_H

#include "mclint/common.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

char *mc_strdup(const char *s);
char *mc_strndup(const char *s, size_t n);

bool mc_streq(const char *a, const char *b);  /* NULL-safe */
bool mc_strieq(const char *a, const char *b); /* ASCII case-insensitive, NULL-safe */
/* `s` reduced to its ASCII letters (lower-cased) and digits, into `out` (at most cap - 1
 * bytes, NUL-terminated); returns the length. "Llama-3.1-8B" -> "llama318b". NULL-safe. */
size_t mc_squeeze(const char *s, char *out, size_t cap);
bool mc_has_prefix(const char *s, const char *prefix);
bool mc_has_suffix(const char *s, const char *suffix);
bool mc_has_isuffix(const char *s, const char *suffix); /* ASCII case-insensitive */

/** ASCII case-insensitive search of `needle` in the first `hlen` bytes of `hay`.
 * Bytes >= 0x80 compare exactly, so UTF-8 text (Korean included) matches as written.
 * Returns the offset or -1. */
long mc_memifind(const char *hay, size_t hlen, const char *needle, size_t nlen);

/** Number of Unicode code points in the first `n` bytes (invalid bytes count as one each). */
unsigned mc_utf8_count(const char *s, size_t n);
/** True if the `n` bytes are valid UTF-8. */
bool mc_utf8_valid(const char *s, size_t n);
/** Byte length of the UTF-8 sequence starting at s (1 for invalid bytes, 0 at n == 0). */
size_t mc_utf8_seqlen(const char *s, size_t n);

/** True for a code point a terminal (or a reader) would not show as itself: C0 controls
 * except tab, DEL, C1 controls, bidirectional overrides, isolates and marks. */
bool mc_term_unsafe(uint32_t cp);
/** Copy the n bytes of src into dst (cap > 0 bytes, always NUL-terminated) escaped as the
 * text output escapes card text: unsafe code points (mc_term_unsafe) as \xNN or \uNNNN,
 * invalid UTF-8 as U+FFFD; the copy is cut before an escape or a character that does not
 * fit. Returns the length written. Used for every message that may quote input. */
size_t mc_term_escape(char *dst, size_t cap, const char *src, size_t n);

/** Basename (after the last '/'), pointing into `path`. */
const char *mc_path_base(const char *path);
/** Length of the directory part of `path` ("" -> 0, "a/b" -> 1). */
size_t mc_path_dirlen(const char *path);
/** Join a directory and a name with '/', "" or "." dir yields name; malloc'd. */
char *mc_path_join(const char *dir, const char *name);
/** Normalise a relative path ("a/./b/../c" -> "a/c"); returns NULL if it escapes the root
 * ("../x", "/abs"). malloc'd. */
char *mc_path_normalize(const char *path);

#endif
