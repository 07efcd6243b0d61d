/*
 * A YAML document as a tree of positioned nodes, parsed with libyaml's event API.
 *
 * Every node keeps the span of its text in the file it came from, so a finding about
 * `base_model` points at that line of the card. The parser also reports what YAML itself
 * accepts but a card should not have: duplicate keys, aliases, excessive depth or size.
 * Aliases are resolved by sharing the anchored node; their expanded size is bounded.
 */
#ifndef MCLINT_YAML_H
#define MCLINT_YAML_H

#include "mclint/common.h"

#include <stdbool.h>

typedef struct mc_yaml mc_yaml;
typedef struct mc_ynode mc_ynode;

typedef enum {
    MC_YNODE_NULL,   /**< an empty value (also produced for alias targets that were dropped) */
    MC_YNODE_SCALAR, /**< any scalar; plain "null"/"~" stay scalars, see mc_ynode_is_null() */
    MC_YNODE_SEQ,
    MC_YNODE_MAP,
} mc_ynode_kind;

typedef enum {
    MC_YDIAG_SYNTAX,        /**< libyaml error: the document has no usable tree */
    MC_YDIAG_DUPLICATE_KEY, /**< the same key twice in one mapping (the last one wins) */
    MC_YDIAG_ALIAS,         /**< an alias (*name) was used */
    MC_YDIAG_LIMIT,         /**< depth, node-count or alias-expansion limit hit */
    MC_YDIAG_COMPLEX_KEY,   /**< a mapping key that is not a scalar */
    MC_YDIAG_MULTI_DOC,     /**< more than one document */
    MC_YDIAG_TAG,           /**< a tag a YAML safe loader refuses (!!python/..., !custom) */
} mc_ydiag_kind;

typedef struct {
    mc_ydiag_kind kind;
    mc_span span;
    const char *message; /**< one line, owned by the mc_yaml */
} mc_ydiag;

typedef struct {
    unsigned max_depth;      /**< 0 = 64 */
    size_t max_nodes;        /**< 0 = 100,000 (aliases count their expanded size) */
    size_t max_scalar_bytes; /**< 0 = 1 MiB; a longer scalar is a limit diagnostic */
} mc_yaml_limits;

/**
 * Parse `len` bytes of YAML (one document; a UTF-8 BOM is skipped). `first_line` is the line of the
 * file on which the text starts (1 for a whole file, 2 for front matter after "---"); reported
 * lines are file lines, columns are 1-based code points. Returns 0 with *out set even when the YAML
 * is invalid (see the diagnostics); fails only when out of memory.
 */
/* Spans: a scalar's text (quotes included), a key's scalar, a collection from its start to
 * its end mark; a syntax error at libyaml's problem mark. libyaml also breaks lines at
 * U+0085/U+2028/U+2029, which mc_doc does not: lines after one of those are off by one. */
MC_EXTERN(int)
mc_yaml_parse(mc_yaml **out, const char *text, size_t len, unsigned first_line,
              const mc_yaml_limits *limits);
MC_EXTERN(void) mc_yaml_free(mc_yaml *y);

/** The root node; NULL for an empty document or after a syntax error. */
MC_EXTERN(const mc_ynode *) mc_yaml_root(const mc_yaml *y);
MC_EXTERN(size_t) mc_yaml_diag_count(const mc_yaml *y);
MC_EXTERN(const mc_ydiag *) mc_yaml_diag_at(const mc_yaml *y, size_t i);
/** The syntax error, if any (NULL when the YAML parsed). */
MC_EXTERN(const mc_ydiag *) mc_yaml_syntax_error(const mc_yaml *y);

MC_EXTERN(mc_ynode_kind) mc_ynode_kind_of(const mc_ynode *n);
MC_EXTERN(mc_span) mc_ynode_span(const mc_ynode *n);
/** Scalar text (NUL-terminated, UTF-8 as written, escapes decoded), or NULL if not a scalar. */
MC_EXTERN(const char *) mc_ynode_str(const mc_ynode *n);
MC_EXTERN(size_t) mc_ynode_strlen(const mc_ynode *n);
/** True for a plain (unquoted, untagged) scalar. */
MC_EXTERN(bool) mc_ynode_plain(const mc_ynode *n);
/** NULL node, or a plain scalar "", "~", "null", "Null", "NULL". */
MC_EXTERN(bool) mc_ynode_is_null(const mc_ynode *n);
/** Items of a sequence or entries of a mapping (0 for scalars). */
MC_EXTERN(size_t) mc_ynode_size(const mc_ynode *n);
MC_EXTERN(const mc_ynode *) mc_ynode_item(const mc_ynode *seq, size_t i);
MC_EXTERN(const mc_ynode *) mc_ynode_key(const mc_ynode *map, size_t i);
MC_EXTERN(const mc_ynode *) mc_ynode_value(const mc_ynode *map, size_t i);
/** The value for a scalar key in a mapping, or NULL; of a duplicated key, the last
 * occurrence (as the Hub's YAML loader reads it). */
MC_EXTERN(const mc_ynode *) mc_ynode_get(const mc_ynode *map, const char *key);
/** The key node itself (for positions), or NULL. */
MC_EXTERN(const mc_ynode *) mc_ynode_get_key(const mc_ynode *map, const char *key);

#endif
