/* Internal layout of a parsed document, shared by doc.c, frontmatter.c and markdown.c. */
#ifndef MC_CARD_DOCINT_H
#define MC_CARD_DOCINT_H

#include "mclint/doc.h"

#include "util/arena.h"
#include "util/vec.h"

#include <stdbool.h>

struct mc_doc {
    mc_arena *arena;
    const char *path;
    mc_doc_kind kind;
    const char *text; /* after the BOM, NUL-terminated */
    size_t len;
    bool binary, bom, crlf, utf8;

    unsigned nlines;
    const size_t *line_off;   /* byte offset of each line in text */
    const size_t *line_len;   /* length without the line ending */
    const char *line_text;    /* copy of text with every line ending replaced by NULs */
    char *texts;              /* malloc'd: text, then line_text (not zeroed first) */
    unsigned char *line_kind; /* mc_line_kind of each line */

    bool fm, fm_unclosed;
    mc_span fm_span;
    mc_yaml *yaml;

    mc_vec headings;      /* mc_heading *, in document order (arena) */
    mc_vec links;         /* mc_link * */
    mc_vec comments;      /* mc_comment * */
    const char *md_limit; /* why the body was not parsed as Markdown (arena), or NULL */
    bool nomem;
};

/* Where the front matter is (byte offsets in doc->text); see frontmatter.c. */
typedef struct {
    bool found;    /* a complete block */
    bool unclosed; /* starts like one but never closes */
    size_t open;   /* offset of the opening "---" */
    size_t yaml;   /* offset of the YAML text */
    size_t yaml_len;
    size_t close; /* offset of the closing "---" */
    size_t body;  /* offset of the Markdown body */
} mc_fm_match;

/* Match the Hub's front-matter regex on `text` (no BOM). */
void mc_fm_find(mc_fm_match *m, const char *text, size_t len);

/* Line (1-based) containing byte `off`; doc->nlines + 1 at the very end. */
unsigned mc_doc_line_of(const mc_doc *doc, size_t off);

/* Code-point column (1-based) of byte `off` of line `line`. */
unsigned mc_doc_col_of(const mc_doc *doc, unsigned line, size_t off);

/* Parse the Markdown body (lines first_line..nlines) and fill kinds, headings, links and
 * comments. Returns 0 or MC_ENOMEM. */
int mc_md_parse(mc_doc *doc, unsigned first_line);

/* Tests: bytes of cmark blocks the Markdown parse keeps in its pool before using the
 * system allocator (0 restores the default, a few times the body). Not thread-safe. */
void mc_md_set_pool_budget(size_t bytes);

/* Structure of a .txt / .tex report (lines only, \section headings in .tex). */
int mc_text_parse(mc_doc *doc, bool tex);
/* The same from `first_line` on (the body of a card whose Markdown is over its budget). */
int mc_text_lines(mc_doc *doc, unsigned first_line, bool tex);

#endif
