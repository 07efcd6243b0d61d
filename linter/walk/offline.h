/* libgit2 start-up for an offline program (see offline.c). */
#ifndef MC_WALK_OFFLINE_H
#define MC_WALK_OFFLINE_H

#include <stdbool.h>

/* git_libgit2_init(), then forget the error libgit2 leaves behind when it could not load
 * TLS certificates. Returns 0 or a negative MC_E* code (message set). Pair each success
 * with git_libgit2_shutdown(). */
int mc_walk_git_init(void);

/* True if this build refuses TLS certificate loading (CMake option MCLINT_OFFLINE_TLS). */
bool mc_walk_offline_tls(void);

/* How many certificate loads were refused so far (for tests). */
unsigned long mc_walk_offline_refusals(void);

#endif
