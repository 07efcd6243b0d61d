/* A bump allocator. Everything parsed for one model directory (documents, YAML trees,
 * the provenance record, evidence) is allocated from one arena and released at once,
 * which keeps ownership simple and per-card cost low. Allocation never fails silently:
 * on exhaustion of memory it returns NULL and the arena remembers the failure. */
#ifndef MC_UTIL_ARENA_H
#define MC_UTIL_ARENA_H

#include "mclint/common.h"

typedef struct mc_arena mc_arena;

mc_arena *mc_arena_new(void);
void mc_arena_free(mc_arena *a);
/** Free everything allocated so far but keep the first block for reuse. */
void mc_arena_reset(mc_arena *a);
/** Zero-filled, aligned for any type. NULL on failure. */
void *mc_arena_alloc(mc_arena *a, size_t size);
char *mc_arena_strndup(mc_arena *a, const char *s, size_t n);
char *mc_arena_strdup(mc_arena *a, const char *s);
char *mc_arena_printf(mc_arena *a, const char *fmt, ...) MC_PRINTF(2, 3);
/** Non-zero once any allocation failed. */
int mc_arena_failed(const mc_arena *a);
/** Bytes handed out (for memory accounting in tests and benchmarks). */
size_t mc_arena_used(const mc_arena *a);

#endif
