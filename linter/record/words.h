/* Word lists of rules/signals.yaml, loaded once per process (thread-safe) and looked up by
 * their path in the file ("tags.quantized", "cues.architecture"). Every word list the
 * provenance reader and the rules use lives there: code implements checks, data names the
 * words. */
#ifndef MC_RECORD_WORDS_H
#define MC_RECORD_WORDS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct mc_words mc_words;
struct mc_words {
    const char *const *v;            /**< the words (NUL-terminated strings) */
    const size_t *len;               /**< their lengths */
    const mc_words *const *children; /**< for a mapping: the list under each key, or NULL */
    size_t n;
};

/** The list at `path` ("names.quantized"), or an empty list if there is none. A list of
 * mappings' keys is given by the mapping's path ("tags" lists "quantized", "merge", ...). */
const mc_words *mc_words_get(const char *path);

/** The list under the i-th key of a mapping's list ("tags" -> "tags.quantized"), or an empty
 * list. */
const mc_words *mc_words_child(const mc_words *w, size_t i);

/** Is `word` (n bytes) one of the list's words, ASCII case-insensitively? */
bool mc_words_has(const mc_words *w, const char *word, size_t n);

/** Does `text` (n bytes) contain one of the list's words, ASCII case-insensitively? */
bool mc_words_in(const mc_words *w, const char *text, size_t n);

/** Make sure the lists are loaded. Returns 0, or MC_EINVALID when rules/signals.yaml is not
 * embedded or not a mapping of lists (a build error). */
int mc_words_init(void);

#endif
