/*
 * The rule catalogue. Rules are data (the MC files under rules/, embedded at build time; users
 * may add files through the configuration): id, name, default severity, title, rationale,
 * message template, the check that implements it, and examples that must and must not trigger.
 */
#ifndef MCLINT_RULES_H
#define MCLINT_RULES_H

#include "mclint/common.h"

typedef struct mc_rules mc_rules;

/** One file of an example: a model directory as a list of (name, contents). */
typedef struct {
    const char *name; /**< "README.md", "config.json", ... */
    const char *text;
    size_t len; /**< bytes of text (examples may contain NUL bytes) */
} mc_example_file;

typedef struct {
    const mc_example_file *files;
    size_t nfiles;
} mc_example;

typedef struct {
    const char *id;        /**< "MC101" */
    const char *family;    /**< "MC1" */
    const char *name;      /**< "front-matter-invalid" */
    mc_severity severity;  /**< default severity */
    const char *title;     /**< one line */
    const char *message;   /**< template; {placeholders} are filled by the check */
    const char *rationale; /**< why: the provenance risk it guards, with its source */
    const char *check;     /**< the check that implements it */
    const char *evidence;  /**< which evidence it reads (for `mclint explain`), or NULL */
    const char *fix;       /**< how to fix it */
    mc_example bad;        /**< must trigger the rule */
    mc_example good;       /**< a close neighbour that must not */
} mc_rule;

/** The built-in catalogue (parsed once, shared, never freed). NULL on a broken build. */
MC_EXTERN(const mc_rules *) mc_rules_builtin(void);
/** Load a catalogue from YAML text (rule files of the same format), appended to `base`
 * (may be NULL). Returns 0 or MC_EINVALID with a message naming the line. */
MC_EXTERN(int)
mc_rules_load(mc_rules **out, const mc_rules *base, const char *path, const char *text, size_t len);
/** Load `n` rule files, appended to `base` (may be NULL), into one catalogue: each is read
 * by `next` (its path, and its text in *text, malloc'd, freed here) as it is loaded; a
 * negative return of `next` stops with that error. Linear in the rules loaded. */
MC_EXTERN(int)
mc_rules_load_files(mc_rules **out, const mc_rules *base, size_t n,
                    int (*next)(void *ctx, size_t i, const char **path, char **text, size_t *len),
                    void *ctx);
MC_EXTERN(void) mc_rules_free(mc_rules *rules);

MC_EXTERN(size_t) mc_rules_count(const mc_rules *rules);
MC_EXTERN(const mc_rule *) mc_rules_at(const mc_rules *rules, size_t i);
/** Look up by id ("MC101") or name ("front-matter-invalid"). */
MC_EXTERN(const mc_rule *) mc_rules_find(const mc_rules *rules, const char *id_or_name);

#endif
