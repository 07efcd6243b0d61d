/* Escaping of untrusted text (card text, paths, rule data) for each output format.
 * Every function appends to an mc_buf; a failed append is remembered by the buffer. */
#ifndef MC_OUTPUT_ESCAPE_H
#define MC_OUTPUT_ESCAPE_H

#include "util/buf.h"

#include <cjson/cJSON.h>
#include <stdint.h>

/** Decode the code point of the UTF-8 sequence at s (n bytes available). Returns the number
 * of bytes used (0 at n == 0); an invalid byte uses 1 byte and yields 0xFFFD. */
size_t mc_out_decode(const char *s, size_t n, uint32_t *cp);

/** Columns a code point takes on a terminal: 0 (combining, zero width), 1 or 2 (wide). */
unsigned mc_out_cpwidth(uint32_t cp);

/** Append s with invalid UTF-8 replaced by U+FFFD. NULL appends nothing. */
void mc_out_utf8(mc_buf *b, const char *s);
/** A malloc'd copy of s with invalid UTF-8 replaced by U+FFFD (NULL if s is NULL or no
 * memory). */
char *mc_out_utf8_dup(const char *s);

/** Append one code point of s (n bytes available) for a terminal, escaping what a terminal
 * would interpret: C0 controls except tab (\x1b), DEL (\x7f), C1 controls (\u0085),
 * bidirectional overrides and isolates (\u202e); invalid bytes become U+FFFD. Returns the
 * bytes consumed and sets *width to the columns appended. */
size_t mc_out_term_cp(mc_buf *b, const char *s, size_t n, unsigned *width);
/** Append the whole of s escaped for a terminal (NULL appends nothing). */
void mc_out_term(mc_buf *b, const char *s);

/** As mc_out_term, for text that starts a line: a leading "::" or "##" (a workflow command
 * of a CI runner reading the output) has its first character escaped (\x3a, \x23). */
void mc_out_term_line(mc_buf *b, const char *s);

/** GitHub workflow commands: message data (% CR LF) and property values (also : ,).
 * Other controls are escaped as for a terminal, and invalid UTF-8 becomes U+FFFD. */
void mc_out_gh_data(mc_buf *b, const char *s);
void mc_out_gh_prop(mc_buf *b, const char *s);

/** Markdown inline text (a table cell or a list item): HTML-significant characters become
 * entities, Markdown punctuation is backslash-escaped, line breaks become spaces, controls
 * U+FFFD; at most `max` code points (0: no limit), then an ellipsis. */
void mc_out_md(mc_buf *b, const char *s, size_t max);

/** A Mermaid quoted label: quotes, <, >, |, backticks, #, %, &, ; and brackets become
 * Mermaid entity codes (#quot; #60; ...); at most `max` code points (0: no limit). */
void mc_out_mermaid(mc_buf *b, const char *s, size_t max);

/** A relative path as a URI reference: leading "./" removed, every byte outside the
 * unreserved set and '/' percent-encoded (spaces, %, #, ?, non-ASCII...). */
void mc_out_uri(mc_buf *b, const char *path);

/** A cJSON string with invalid UTF-8 replaced, or a JSON null for NULL. NULL: no memory. */
cJSON *mc_out_jstr(const char *s);
/** Add s (see mc_out_jstr) to obj under key; returns 0 or MC_ENOMEM. */
int mc_out_jadd_str(cJSON *obj, const char *key, const char *s);
/** Add a number, or null when `present` is false. */
int mc_out_jadd_num(cJSON *obj, const char *key, double v, int present);

/** Truncate s to at most `max` bytes at a code point boundary; returns the byte length. */
size_t mc_out_clip(const char *s, size_t max);

#endif
