/* Files of rules/ embedded in the program at build time (cmake/embed.cmake). */
#ifndef MC_UTIL_EMBED_H
#define MC_UTIL_EMBED_H

#include <stddef.h>

/** The contents of rules/NAME (NUL-terminated) and its length, or NULL. */
const char *mc_embedded_find(const char *name, size_t *len);
/** The name of the i-th embedded file (sorted), or NULL past the end. */
const char *mc_embedded_name(size_t i);

#endif
