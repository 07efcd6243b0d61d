/* Helpers shared by the unit tests. */
#ifndef MC_TESTUTIL_H
#define MC_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

/** A fresh empty temporary directory (malloc'd path); removed by tu_rmtree. */
char *tu_mkdtemp(void);
/** Write `text` to dir/rel, creating parent folders. */
void tu_write(const char *dir, const char *rel, const char *text);
void tu_write_len(const char *dir, const char *rel, const char *data, size_t len);
/** rm -rf */
void tu_rmtree(const char *dir);
/** Run a shell command (for git set-up in tests); fails the test on non-zero exit. */
void tu_sh(const char *fmt, ...);
/** cmocka group set-up and tear-down that keep the user's git configuration out of the
 * tests: a fresh HOME (tu_home), no system configuration, no GIT_DIR and friends. */
extern char *tu_home;
int tu_git_setup(void **state);
int tu_git_teardown(void **state);
/** The corpus directory, or NULL (tests that need it then skip, saying so). */
const char *tu_corpus(void);

#endif
