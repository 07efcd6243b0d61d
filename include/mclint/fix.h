/*
 * Mechanical fixes (--fix, --diff): front-matter edits that cannot change what a card
 * means, only how the Hub reads it. Each rewrites one scalar value in place, so that every
 * other byte of the card (line endings, comments, quoting, key order) stays as it was:
 * - a Hub licence id written in another case (`Apache-2.0` -> `apache-2.0`),   MC102
 * - a known licence name where the Hub wants its id (`Apache License 2.0`),     MC102
 * - a spelling of a Hub base_model_relation (`fine-tuned` -> `finetune`),       MC106
 * The spellings and names are data (rules/hub.yaml, rules/licenses.yaml).
 */
#ifndef MCLINT_FIX_H
#define MCLINT_FIX_H

#include "mclint/common.h"

#include <stdbool.h>
#include <stdio.h>

/** Decides whether the fix of `rule` (an id such as "MC102") for the value on `line` may
 * be made (the CLI: when the run reports that finding there, so that the configuration,
 * the rule selection and inline suppressions apply to fixes as to findings). */
typedef bool (*mc_fix_filter)(const char *rule, unsigned line, void *ctx);

/**
 * Fix the card `text` (`len` bytes). On success *out is the fixed text (malloc'd,
 * NUL-terminated, *out_len bytes) and *nfixes the number of values rewritten, or *out is
 * NULL and *nfixes 0 when nothing is to be fixed. `filter` may be NULL (every fix).
 * A value is only rewritten when its bytes in the text are exactly its value (a plain or
 * quoted scalar on one line, no escapes) and its key appears once. Returns 0 or MC_ENOMEM.
 */
MC_EXTERN(int)
mc_fix_card(const char *text, size_t len, mc_fix_filter filter, void *ctx, char **out,
            size_t *out_len, size_t *nfixes);

/** Write a unified diff (`--- a/PATH`, `+++ b/PATH`, hunks with three lines of context)
 * from `a` to `b`. Returns 0 or MC_EIO. */
MC_EXTERN(int)
mc_fix_diff(FILE *out, const char *path, const char *a, size_t alen, const char *b, size_t blen);

#endif
