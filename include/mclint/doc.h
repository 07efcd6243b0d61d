/*
 * Documents: a model card or a technical report, read once into lines, front matter
 * (YAML, see yaml.h) and the structure of its Markdown body (cmark-gfm): headings,
 * links, HTML comments and the kind of every line, all with file positions.
 *
 * Front matter is found exactly as the Hugging Face Hub finds it: only at the very top
 * (after an optional UTF-8 BOM and leading white space), between "---" lines, CRLF
 * tolerated. The Markdown body is parsed after it, with positions shifted so that every
 * line number is a line of the file.
 */
#ifndef MCLINT_DOC_H
#define MCLINT_DOC_H

#include "mclint/common.h"
#include "mclint/yaml.h"

#include <stdbool.h>

typedef struct mc_doc mc_doc;

typedef enum {
    MC_DOC_MARKDOWN, /**< .md (cards, Markdown reports) */
    MC_DOC_TEXT,     /**< .txt / .tex reports: lines only, headings from \section{} in .tex */
} mc_doc_kind;

typedef enum {
    MC_LINE_BLANK = 0,
    MC_LINE_FRONT_MATTER, /**< the front matter, its "---" delimiters included */
    MC_LINE_TEXT,         /**< paragraph, list item, block quote */
    MC_LINE_HEADING,
    MC_LINE_TABLE,
    MC_LINE_CODE, /**< fenced or indented code */
    MC_LINE_HTML, /**< HTML block (comments included) */
} mc_line_kind;

typedef struct {
    unsigned level; /**< 1..6 */
    const char *text;
    unsigned line;
} mc_heading;

/* A link. Its position is that of the destination as written (after "(" or "<"), or for a
 * reference link that of its "[": at worst, the start of its block. */
typedef struct {
    const char *url;  /**< destination as cmark reads it (escapes decoded; "mailto:" added
                           to e-mail autolinks) */
    const char *text; /**< link text (plain, markup removed) */
    unsigned line;
    unsigned col;
} mc_link;

/* An HTML comment of the Markdown body, or an mclint directive written as a YAML comment in
 * the front matter (`# mclint-disable-line MC102 -- why`; only those starting "mclint-"
 * are kept, and only when the front matter parses). */
typedef struct {
    const char *text; /**< between "<!--" and "-->" (or after "#"), trimmed */
    mc_span span;     /**< for a YAML comment: from its "#" to the end of the line */
    bool yaml;        /**< a YAML comment in the front matter */
} mc_comment;

typedef struct {
    size_t max_bytes; /**< larger input: MC_ETOOBIG (0 = 16 MiB) */
    mc_yaml_limits yaml;
} mc_doc_options;

/**
 * Parse a document. `path` is kept (repository-relative) for messages. The data need not
 * be NUL-terminated and is copied. Binary input (a NUL byte in the first 8000 bytes) is
 * not parsed: the document reports mc_doc_is_binary() and has no lines.
 * Returns 0, or MC_ENOMEM / MC_ETOOBIG.
 */
MC_EXTERN(int)
mc_doc_parse(mc_doc **out, const char *path, const char *data, size_t len, mc_doc_kind kind,
             const mc_doc_options *opts);
MC_EXTERN(void) mc_doc_free(mc_doc *doc);

MC_EXTERN(const char *) mc_doc_path(const mc_doc *doc);
MC_EXTERN(mc_doc_kind) mc_doc_get_kind(const mc_doc *doc);
MC_EXTERN(bool) mc_doc_is_binary(const mc_doc *doc);
MC_EXTERN(bool) mc_doc_has_bom(const mc_doc *doc);
MC_EXTERN(bool) mc_doc_is_crlf(const mc_doc *doc);
/** False if the text is not valid UTF-8 (it is still parsed, bytes as they are). */
MC_EXTERN(bool) mc_doc_is_utf8(const mc_doc *doc);

/** True if the document starts with a front-matter block. */
MC_EXTERN(bool) mc_doc_has_front_matter(const mc_doc *doc);
/** True if it starts with "---" but no closing delimiter was found (also for "---\n---\n",
 * which the Hub's regex does not read as a block: the closing line must follow an end of
 * line that is not the opening one's). */
MC_EXTERN(bool) mc_doc_front_matter_unclosed(const mc_doc *doc);
/** Why the Markdown body was read as plain lines instead of Markdown (its tables would be
 * padded to more cells than the card's size allows: see mc_md_parse), or NULL. */
MC_EXTERN(const char *) mc_doc_markdown_limit(const mc_doc *doc);
/** Lines of the block, delimiters included (zero span when there is none). */
MC_EXTERN(mc_span) mc_doc_front_matter_span(const mc_doc *doc);
/** The parsed front matter, or NULL when there is none. Owned by the document. An empty
 * block gives a YAML with a NULL root and no diagnostics (the Hub reads it as {}). */
MC_EXTERN(const mc_yaml *) mc_doc_yaml(const mc_doc *doc);

/** Number of lines in the file. */
MC_EXTERN(unsigned) mc_doc_line_count(const mc_doc *doc);
/** Line `n` (1-based) without its line ending, NUL-terminated; NULL past the end. *len
 * receives its length (a line may contain NUL bytes after the first 8000 bytes). */
MC_EXTERN(const char *) mc_doc_line(const mc_doc *doc, unsigned n, size_t *len);
MC_EXTERN(mc_line_kind) mc_doc_line_kind(const mc_doc *doc, unsigned n);
/** The nearest heading at or above line `n`, or NULL. */
MC_EXTERN(const mc_heading *) mc_doc_section_of(const mc_doc *doc, unsigned n);

MC_EXTERN(size_t) mc_doc_heading_count(const mc_doc *doc);
MC_EXTERN(const mc_heading *) mc_doc_heading_at(const mc_doc *doc, size_t i);
MC_EXTERN(size_t) mc_doc_link_count(const mc_doc *doc);
MC_EXTERN(const mc_link *) mc_doc_link_at(const mc_doc *doc, size_t i);
MC_EXTERN(size_t) mc_doc_comment_count(const mc_doc *doc);
MC_EXTERN(const mc_comment *) mc_doc_comment_at(const mc_doc *doc, size_t i);

/** The whole text (after the BOM), NUL-terminated, and its length. */
MC_EXTERN(const char *) mc_doc_text(const mc_doc *doc, size_t *len);

#endif
