/* A cheap, conservative pre-filter for ignore rules. It answers "could any ignore rule in
 * effect match this name?" from the last component of each positive pattern; only when it
 * says yes does the walker ask libgit2 for the exact answer (which costs several
 * microseconds a file). A false "yes" costs time only; a "no" must be certain, so anything
 * unusual in a pattern (escapes, "**" in the last component) makes it match everything. */
#ifndef MC_WALK_IGNORE_H
#define MC_WALK_IGNORE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct mc_ign_pat mc_ign_pat;

typedef struct {
    mc_ign_pat *pats;
    size_t len;
    size_t cap;
    bool casefold;
    int failed;
} mc_ign;

void mc_ign_init(mc_ign *ig, bool casefold);
void mc_ign_release(mc_ign *ig);
/** A mark to pop back to when leaving a directory. */
size_t mc_ign_mark(const mc_ign *ig);
void mc_ign_pop(mc_ign *ig, size_t mark);
/** Add the rules of an ignore file's text. */
void mc_ign_add_text(mc_ign *ig, const char *text, size_t len);
/** Add a rule that matches every name (an ignore file we could not read exactly). */
void mc_ign_add_any(mc_ign *ig);
/** Read the ignore file `name` in the open directory `dirfd`, or the file at `name` when
 * dirfd is -1, never following a symbolic link; a missing file adds nothing, an unreadable
 * or oversized one adds a match-all rule. Returns 1 if it is there but is not a regular
 * file (a symbolic link, a FIFO, a folder, a device): then it adds nothing and libgit2 must
 * not be asked about the paths it governs (it would follow the link or block on the FIFO);
 * else 0. */
int mc_ign_add_file(mc_ign *ig, int dirfd, const char *name);
/** False only if no positive rule can match the base name `name`. */
bool mc_ign_maybe(const mc_ign *ig, const char *name, bool is_dir);

#endif
