/* Path globs of the configuration: `*` and `?` match within one path segment, `**` (a
 * whole segment) matches any number of segments, `[abc]`, `[a-z]`, `[!x]` match one
 * character. A glob matches a path or any folder above it: the glob "vendor" covers every
 * file under vendor/, as does "vendor" followed by the segment `**`. Globs are anchored at
 * the repository root. */
#ifndef MC_CONFIG_GLOB_H
#define MC_CONFIG_GLOB_H

#include <stdbool.h>
#include <stddef.h>

/** Longest glob accepted (bytes) and most segments. */
#define MC_GLOB_MAX_LEN 1024
#define MC_GLOB_MAX_SEGMENTS 128

/** NULL if `glob` is valid, else a one-line reason (a static string). */
const char *mc_glob_check(const char *glob);
/** True if the valid glob matches `path` (repository-relative) or one of its folders. */
bool mc_glob_match(const char *glob, const char *path);

#endif
