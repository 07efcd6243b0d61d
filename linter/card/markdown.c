/*
 * The Markdown body, read with cmark-gfm (table extension attached), and the structure
 * of plain-text reports.
 *
 * cmark gives reliable lines for blocks but no positions for inlines, so links and
 * inline HTML comments are found again in the raw lines of their block, in document
 * order, with a cursor per block (never searching outside the block, and with a budget
 * of bytes searched so that a block full of links stays linear).
 *
 * Link positions: the destination as written (after "](" or "<"); for reference-style
 * links, the "[" of "[text]"; when nothing matches, the start of the block.
 */
#include "card/docint.h"
#include "card/mdmem.h"

#include "util/buf.h"
#include "util/str.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

typedef struct {
    cmark_node *block; /* the block searched, or NULL */
    unsigned line;     /* current file line (1-based) */
    size_t off;        /* byte offset in that line */
    unsigned first, last;
    size_t budget;
} cursor;

typedef struct {
    mc_doc *doc;
    unsigned shift; /* file line = cmark line + shift */
    cursor links;
    cursor comments;
    mc_buf text; /* reused by plain_text() */
} walker;

/* Node types of the table extension, learnt once (see register_extensions). */
static cmark_node_type table_type, table_cell_type;

static bool is_table(cmark_node *n)
{
    return table_type != CMARK_NODE_NONE && cmark_node_get_type(n) == table_type;
}

static bool is_table_cell(cmark_node *n)
{
    return table_cell_type != CMARK_NODE_NONE && cmark_node_get_type(n) == table_cell_type;
}

static bool is_block(cmark_node *n)
{
    return (cmark_node_get_type(n) & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK;
}

/* File lines of a block, clipped to the document; false if it has none. */
static bool block_lines(const walker *w, cmark_node *n, unsigned *first, unsigned *last)
{
    int s = cmark_node_get_start_line(n), e = cmark_node_get_end_line(n);

    if (s <= 0)
        return false;
    if (e < s)
        e = s;
    if (cmark_node_get_type(n) == CMARK_NODE_HTML_BLOCK) {
        /* cmark-gfm 0.29 ends a block closed by its end condition ("-->") one line early:
         * count the lines of its content instead */
        const char *lit = cmark_node_get_literal(n);
        int lines = 0;
        while (lit && (lit = strchr(lit, '\n')) != NULL) {
            lines++;
            lit++;
        }
        if (s + lines - 1 > e)
            e = s + lines - 1;
    }
    *first = (unsigned)s + w->shift;
    *last = (unsigned)e + w->shift;
    if (*first > w->doc->nlines)
        return false;
    if (*last > w->doc->nlines)
        *last = w->doc->nlines;
    return true;
}

static void set_kind(walker *w, cmark_node *n, mc_line_kind kind)
{
    unsigned first, last;

    if (!block_lines(w, n, &first, &last))
        return;
    for (unsigned l = first; l <= last; l++)
        w->doc->line_kind[l - 1] = (unsigned char)kind;
}

/* The next node after `n` in document order within `root` (no iterator: nothing to
 * allocate); `descend` false to skip n's children. */
static cmark_node *next_in(cmark_node *root, cmark_node *n, bool descend)
{
    cmark_node *c = descend ? cmark_node_first_child(n) : NULL;

    if (c)
        return c;
    while (n != root) {
        cmark_node *next = cmark_node_next(n);
        if (next)
            return next;
        n = cmark_node_parent(n);
        if (n == NULL)
            return NULL;
    }
    return NULL;
}

/* Plain text of an inline subtree: text and code literals, breaks as spaces. */
static const char *plain_text(walker *w, cmark_node *node)
{
    mc_buf *b = &w->text;
    const char *out;
    size_t s = 0, e;

    mc_buf_clear(b);
    for (cmark_node *n = next_in(node, node, true); n; n = next_in(node, n, true)) {
        cmark_node_type t = cmark_node_get_type(n);
        if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) {
            const char *lit = cmark_node_get_literal(n);
            mc_buf_puts(b, lit ? lit : "");
        } else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) {
            mc_buf_putc(b, ' ');
        }
    }
    if (!mc_buf_ok(b))
        w->doc->nomem = true;
    e = b->len;
    while (s < e && (b->ptr[s] == ' ' || b->ptr[s] == '\t'))
        s++;
    while (e > s && (b->ptr[e - 1] == ' ' || b->ptr[e - 1] == '\t'))
        e--;
    out = mc_arena_strndup(w->doc->arena, b->ptr ? b->ptr + s : "", e - s);
    if (out == NULL) {
        w->doc->nomem = true;
        return "";
    }
    return out;
}

/* The nearest enclosing block with a position (a table cell counts as its row). */
static cmark_node *enclosing_block(cmark_node *n)
{
    for (n = cmark_node_parent(n); n; n = cmark_node_parent(n)) {
        if (is_block(n) && cmark_node_get_start_line(n) > 0) {
            if (is_table_cell(n)) {
                cmark_node *row = cmark_node_parent(n);
                if (row && cmark_node_get_start_line(row) > 0)
                    return row;
            }
            return n;
        }
    }
    return NULL;
}

/* memmem, which glibc only declares for _GNU_SOURCE */
static const char *find_bytes(const char *h, size_t hlen, const char *n, size_t nlen)
{
    const char *end = h + hlen;

    while ((size_t)(end - h) >= nlen) {
        const char *p = memchr(h, n[0], (size_t)(end - h) - nlen + 1);
        if (p == NULL)
            return NULL;
        if (memcmp(p, n, nlen) == 0)
            return p;
        h = p + 1;
    }
    return NULL;
}

static void cursor_enter(walker *w, cursor *c, cmark_node *block)
{
    unsigned first, last;
    size_t bytes = 0;

    if (c->block == block)
        return;
    c->block = block;
    c->line = c->first = c->last = 0;
    c->off = 0;
    if (block == NULL || !block_lines(w, block, &first, &last))
        return;
    for (unsigned l = first; l <= last; l++)
        bytes += w->doc->line_len[l - 1];
    c->line = c->first = first;
    c->last = last;
    c->budget = 16 * bytes + 4096;
}

static bool is_punct(char c)
{
    return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
           (c >= '{' && c <= '~');
}

/* `n` in `h` where `h` may write any punctuation of `n` backslash-escaped ("\(" for "(").
 * Every byte compared is charged to *budget. Sets *mlen to the bytes matched in `h`. */
static const char *find_escaped(const char *h, size_t hlen, const char *n, size_t nlen,
                                size_t *budget, size_t *mlen)
{
    for (size_t i = 0; i < hlen; i++) {
        size_t j = i, k = 0;
        if (h[i] != n[0] && h[i] != '\\')
            continue;
        while (k < nlen && j < hlen) {
            if (*budget == 0)
                return NULL;
            (*budget)--;
            if (h[j] == '\\' && j + 1 < hlen && is_punct(h[j + 1]) && h[j + 1] == n[k])
                j += 2;
            else if (h[j] == n[k])
                j++;
            else
                break;
            k++;
        }
        if (k == nlen) {
            *mlen = j - i;
            return h + i;
        }
    }
    return NULL;
}

/* Find `needle` from the cursor on, within the block (escapes allowed if `escaped`).
 * Sets *line and *off; false if absent or over the budget. */
static bool cursor_find_ex(walker *w, cursor *c, const char *needle, size_t nlen, bool escaped,
                           unsigned *line, size_t *off)
{
    const mc_doc *doc = w->doc;

    if (c->line == 0 || nlen == 0)
        return false;
    for (unsigned l = c->line; l <= c->last; l++) {
        size_t start = l == c->line ? c->off : 0;
        size_t llen = doc->line_len[l - 1], mlen;
        const char *s = doc->line_text + doc->line_off[l - 1];
        const char *hit;

        if (start >= llen || llen - start < nlen)
            continue;
        if (c->budget < llen - start)
            return false;
        c->budget -= llen - start;
        if (escaped)
            hit = find_escaped(s + start, llen - start, needle, nlen, &c->budget, &mlen);
        else
            hit = find_bytes(s + start, llen - start, needle, nlen);
        if (hit) {
            *line = l;
            *off = (size_t)(hit - s);
            return true;
        }
    }
    return false;
}

static bool cursor_find(walker *w, cursor *c, const char *needle, size_t nlen, unsigned *line,
                        size_t *off)
{
    return cursor_find_ex(w, c, needle, nlen, false, line, off);
}

static void cursor_move(cursor *c, unsigned line, size_t off)
{
    c->line = line;
    c->off = off;
}

/* Is the text before (line, off) "(" or "<", blanks and one line break allowed? */
static bool preceded_by_opener(const walker *w, unsigned line, size_t off)
{
    const mc_doc *doc = w->doc;
    const char *s = doc->line_text + doc->line_off[line - 1];

    while (off > 0 && (s[off - 1] == ' ' || s[off - 1] == '\t'))
        off--;
    if (off == 0 && line > w->links.first && w->links.first) {
        line--;
        s = doc->line_text + doc->line_off[line - 1];
        off = doc->line_len[line - 1];
        while (off > 0 && (s[off - 1] == ' ' || s[off - 1] == '\t'))
            off--;
    }
    return off > 0 && (s[off - 1] == '(' || s[off - 1] == '<');
}

/* The destination `url` written after "(" or "<", from the cursor on. */
static bool find_dest(walker *w, const char *url, bool escaped, unsigned *line, size_t *off)
{
    cursor probe = w->links;
    size_t ulen = strlen(url);

    while (cursor_find_ex(w, &probe, url, ulen, escaped, line, off)) {
        if (preceded_by_opener(w, *line, *off)) {
            w->links.budget = probe.budget;
            return true;
        }
        cursor_move(&probe, *line, *off + 1);
    }
    w->links.budget = probe.budget;
    return false;
}

/* The first non-empty text literal inside a link ("" if none). */
static const char *first_literal(cmark_node *link)
{
    cmark_iter *it = cmark_iter_new(link);
    cmark_event_type ev;
    const char *out = "";

    if (it == NULL)
        return out;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(n);
        const char *lit;
        if (ev == CMARK_EVENT_ENTER && (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) &&
            (lit = cmark_node_get_literal(n)) != NULL && *lit) {
            out = lit;
            break;
        }
    }
    cmark_iter_free(it);
    return out;
}

/* A reference link whose text has markup ("[**x**][r]"): its plain text, then the "[" before. */
static bool find_text(walker *w, const char *text, unsigned *line, size_t *off)
{
    cursor probe = w->links;
    const char *s;

    if (*text == '\0' || !cursor_find(w, &probe, text, strlen(text), line, off))
        return false;
    w->links.budget = probe.budget;
    s = w->doc->line_text + w->doc->line_off[*line - 1];
    for (size_t i = *off; i > 0 && *off - i < 64; i--) {
        if (s[i - 1] == '[') {
            *off = i - 1;
            break;
        }
    }
    return true;
}

static void on_link(walker *w, cmark_node *n)
{
    mc_link *link = mc_arena_alloc(w->doc->arena, sizeof(*link));
    const char *url = cmark_node_get_url(n);
    unsigned line = 0;
    size_t off = 0;
    bool found = false;

    if (link == NULL) {
        w->doc->nomem = true;
        return;
    }
    link->url = mc_arena_strdup(w->doc->arena, url ? url : "");
    link->text = plain_text(w, n);
    if (link->url == NULL) {
        w->doc->nomem = true;
        return;
    }
    cursor_enter(w, &w->links, enclosing_block(n));
    if (url && *url) {
        found = find_dest(w, url, false, &line, &off);
        if (!found && strncmp(url, "mailto:", 7) == 0 && url[7])
            found = find_dest(w, url + 7, false, &line, &off);
        if (!found)
            found = find_dest(w, url, true, &line, &off);
    }
    if (!found && *link->text) {
        mc_buf b = MC_BUF_INIT;
        mc_buf_putc(&b, '[');
        mc_buf_puts(&b, link->text);
        mc_buf_putc(&b, ']');
        if (mc_buf_ok(&b))
            found = cursor_find(w, &w->links, b.ptr, b.len, &line, &off);
        mc_buf_release(&b);
        if (!found)
            found = find_text(w, first_literal(n), &line, &off);
    }
    if (found) {
        cursor_move(&w->links, line, off + 1);
        link->line = line;
        link->col = mc_doc_col_of(w->doc, line, w->doc->line_off[line - 1] + off);
    } else {
        int s = cmark_node_get_start_line(n);
        line = w->links.first ? w->links.first : s > 0 ? (unsigned)s + w->shift : 1;
        link->line = line <= w->doc->nlines ? line : w->doc->nlines;
        link->col = 1;
    }
    if (mc_vec_push(&w->doc->links, link) != 0)
        w->doc->nomem = true;
}

static bool is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Record the comment whose "<!--" is at (line, off) and "-->" at (eline, eoff). */
static void add_comment(walker *w, unsigned line, size_t off, unsigned eline, size_t eoff)
{
    mc_doc *doc = w->doc;
    mc_comment *c = mc_arena_alloc(doc->arena, sizeof(*c));
    mc_buf b = MC_BUF_INIT;
    size_t s = 0, e;

    if (c == NULL) {
        doc->nomem = true;
        return;
    }
    for (unsigned l = line; l <= eline; l++) {
        const char *t = doc->line_text + doc->line_off[l - 1];
        size_t from = l == line ? off + 4 : 0;
        size_t to = l == eline ? eoff : doc->line_len[l - 1];
        if (l != line)
            mc_buf_putc(&b, '\n');
        if (to > from)
            mc_buf_put(&b, t + from, to - from);
    }
    if (!mc_buf_ok(&b))
        doc->nomem = true;
    e = b.len;
    while (s < e && is_ws(b.ptr[s]))
        s++;
    while (e > s && is_ws(b.ptr[e - 1]))
        e--;
    c->text = mc_arena_strndup(doc->arena, b.ptr ? b.ptr + s : "", e - s);
    mc_buf_release(&b);
    c->span.line = line;
    c->span.col = mc_doc_col_of(doc, line, doc->line_off[line - 1] + off);
    c->span.end_line = eline;
    c->span.end_col = mc_doc_col_of(doc, eline, doc->line_off[eline - 1] + eoff + 3);
    if (c->text == NULL || mc_vec_push(&doc->comments, c) != 0)
        doc->nomem = true;
}

/* From "<!--" at (line, off), find its "-->" within the cursor's block. */
static bool comment_end(walker *w, cursor *c, unsigned line, size_t off, unsigned *eline,
                        size_t *eoff)
{
    cursor_move(c, line, off + 4);
    return cursor_find(w, c, "-->", 3, eline, eoff);
}

/* HTML elements whose content is raw text: a "<!--" inside them is not a comment. */
static const char *raw_element(const char *name, size_t len)
{
    static const char *const raw[] = {"script", "style", "textarea", "title", "xmp"};

    for (size_t i = 0; i < sizeof(raw) / sizeof(raw[0]); i++)
        if (strlen(raw[i]) == len && strncasecmp(raw[i], name, len) == 0)
            return raw[i];
    return NULL;
}

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_alnum(char c)
{
    return is_alpha(c) || (c >= '0' && c <= '9');
}

/* Every comment of an HTML block, read as an HTML tokenizer reads it in one pass: a
 * "<!--" inside a tag (an attribute value, quoted or not) or inside a raw-text element
 * (script, style, textarea, title) is not a comment, so it cannot carry a suppression. */
static void html_block_comments(walker *w, cmark_node *n)
{
    const mc_doc *doc = w->doc;
    enum { TEXT, TAG, RAW } st = TEXT;
    const char *raw = NULL, *pending = NULL;
    char quote = 0;
    bool after_eq = false;
    unsigned first, last, l;
    size_t i = 0;

    w->comments.block = NULL; /* the inline cursor starts afresh after this block */
    if (!block_lines(w, n, &first, &last))
        return;
    for (l = first; l <= last && !doc->nomem;) {
        const char *t = doc->line_text + doc->line_off[l - 1];
        size_t len = doc->line_len[l - 1];

        if (i >= len) {
            l++;
            i = 0;
            after_eq = after_eq && quote == 0; /* a line break is white space in a tag */
            continue;
        }
        if (st == TAG) {
            if (quote) {
                if (t[i] == quote)
                    quote = 0;
            } else if (t[i] == '>') {
                st = pending ? RAW : TEXT;
                raw = pending;
                pending = NULL;
            } else if (after_eq && (t[i] == '"' || t[i] == '\'')) {
                quote = t[i];
                after_eq = false;
            } else if (t[i] == '=') {
                after_eq = true;
            } else if (!is_ws(t[i])) {
                after_eq = false;
            }
            i++;
            continue;
        }
        if (st == RAW) {
            size_t rl = strlen(raw);
            if (t[i] == '<' && t[i + 1] == '/' && len - i - 2 >= rl &&
                strncasecmp(t + i + 2, raw, rl) == 0 && !is_alnum(t[i + 2 + rl])) {
                st = TAG;
                quote = 0;
                after_eq = false;
                i += 2 + rl;
                continue;
            }
            i++;
            continue;
        }
        if (t[i] != '<') {
            i++;
            continue;
        }
        if (len - i >= 4 && memcmp(t + i, "<!--", 4) == 0) {
            unsigned el = l;
            size_t from = i + 4;
            const char *end = NULL;
            /* its "-->", within the block */
            for (; el <= last; el++, from = 0) {
                const char *u = doc->line_text + doc->line_off[el - 1];
                size_t ulen = doc->line_len[el - 1];
                for (size_t k = from; end == NULL && k + 3 <= ulen; k++)
                    if (u[k] == '-' && u[k + 1] == '-' && u[k + 2] == '>')
                        end = u + k;
                if (end)
                    break;
            }
            if (end == NULL)
                return; /* never closed: the rest of the block is inside it */
            add_comment(w, l, i, el, (size_t)(end - (doc->line_text + doc->line_off[el - 1])));
            i = (size_t)(end - (doc->line_text + doc->line_off[el - 1])) + 3;
            l = el;
            continue;
        }
        if (is_alpha(t[i + 1]) || t[i + 1] == '/' || t[i + 1] == '!' || t[i + 1] == '?') {
            size_t j = i + 1, k;
            bool closing = t[j] == '/';
            if (closing || t[j] == '!' || t[j] == '?')
                j++;
            for (k = j; k < len && (is_alnum(t[k]) || t[k] == '-'); k++)
                ;
            pending =
                !closing && t[i + 1] != '!' && t[i + 1] != '?' ? raw_element(t + j, k - j) : NULL;
            st = TAG;
            quote = 0;
            after_eq = false;
            i = k;
            continue;
        }
        i++;
    }
}

/* An inline HTML node that is a comment: find it in its block. */
static void inline_comment(walker *w, cmark_node *n)
{
    const char *lit = cmark_node_get_literal(n);
    cursor *c = &w->comments;
    size_t first_len;
    unsigned line, eline;
    size_t off, eoff;

    if (lit == NULL || strncmp(lit, "<!--", 4) != 0)
        return;
    first_len = strcspn(lit, "\n");
    cursor_enter(w, c, enclosing_block(n));
    while (cursor_find(w, c, "<!--", 4, &line, &off)) {
        const char *t = w->doc->line_text + w->doc->line_off[line - 1];
        size_t avail = w->doc->line_len[line - 1] - off;
        if (avail >= first_len && memcmp(t + off, lit, first_len) == 0) {
            if (!comment_end(w, c, line, off, &eline, &eoff))
                return;
            add_comment(w, line, off, eline, eoff);
            cursor_move(c, eline, eoff + 3);
            return;
        }
        cursor_move(c, line, off + 1);
    }
}

static void on_heading(walker *w, cmark_node *n)
{
    mc_heading *h = mc_arena_alloc(w->doc->arena, sizeof(*h));
    unsigned first, last;

    set_kind(w, n, MC_LINE_HEADING);
    if (h == NULL) {
        w->doc->nomem = true;
        return;
    }
    if (!block_lines(w, n, &first, &last))
        return;
    h->level = (unsigned)cmark_node_get_heading_level(n);
    h->text = plain_text(w, n);
    h->line = first;
    if (mc_vec_push(&w->doc->headings, h) != 0)
        w->doc->nomem = true;
}

/* cmark-gfm registers its extensions without a lock: once, for every thread */
static pthread_once_t extensions_once = PTHREAD_ONCE_INIT;

static void register_extensions(void)
{
    static const char probe[] = "|a|\n|-|\n|b|\n";
    cmark_parser *p;
    cmark_syntax_extension *table;
    cmark_node *root;

    cmark_gfm_core_extensions_ensure_registered();
    /* the extension's node types are numbers given at registration: read them from a
     * parsed table rather than comparing type names on every node */
    table = cmark_find_syntax_extension("table");
    p = cmark_parser_new(CMARK_OPT_DEFAULT);
    if (p == NULL || table == NULL) {
        if (p)
            cmark_parser_free(p);
        return;
    }
    cmark_parser_attach_syntax_extension(p, table);
    cmark_parser_feed(p, probe, sizeof(probe) - 1);
    root = cmark_parser_finish(p);
    if (root) {
        cmark_iter *it = cmark_iter_new(root);
        cmark_event_type ev;
        while (it && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
            cmark_node *n = cmark_iter_get_node(it);
            const char *name = cmark_node_get_type_string(n);
            if (ev != CMARK_EVENT_ENTER || name == NULL)
                continue;
            if (strcmp(name, "table") == 0)
                table_type = cmark_node_get_type(n);
            else if (strcmp(name, "table_cell") == 0)
                table_cell_type = cmark_node_get_type(n);
        }
        cmark_iter_free(it);
        cmark_node_free(root);
    }
    cmark_parser_free(p);
}

/* Bytes of cmark blocks kept in the parse's pool before it falls back to the system
 * allocator: a few times the body, which is what the tree takes anyway. */
static size_t budget_override; /* tests: 0 = the default */

void mc_md_set_pool_budget(size_t bytes)
{
    budget_override = bytes;
}

static size_t pool_budget(size_t len)
{
    if (budget_override)
        return budget_override;
    return 4u * 1024u * 1024u + (len < SIZE_MAX / 16 ? 8 * len : SIZE_MAX / 2);
}

/* Table cells: cmark-gfm pads every row of a table to the header's width, so a header of
 * thousands of columns followed by thousands of one-cell rows makes millions of nodes from
 * a few kilobytes (a 28 KB card took 2.1 GB). Before cmark runs, the cells its tables could
 * hold are counted from the text: for each line that looks like a delimiter row (only '|',
 * '-', ':' and blanks, with a '-'; block-quote markers skipped), its columns times the
 * lines up to the next blank line, plus the header. An over-estimate, in one pass. */
#define CELLS_PER_BYTE 8
#define CELLS_FREE 4096

static size_t cells_budget(size_t len)
{
    return CELLS_FREE +
           (len < SIZE_MAX / (2 * CELLS_PER_BYTE) ? CELLS_PER_BYTE * len : SIZE_MAX / 2);
}

static const char *line_start(const char *s, const char *end)
{
    while (s < end && (*s == ' ' || *s == '\t' || *s == '>'))
        s++;
    return s;
}

/* The columns of a delimiter row at [s, end), or 0 if it is not one. */
static size_t delimiter_columns(const char *s, const char *end)
{
    size_t cols = 0;
    bool pipe = false, dash = false;

    for (; s < end; s++) {
        if (*s == '-') {
            cols += !dash;
            dash = true;
            continue;
        }
        if (*s == '|')
            pipe = true;
        else if (*s != ':' && *s != ' ' && *s != '\t' && *s != '\r')
            return 0;
        dash = false;
    }
    return pipe ? cols : 0;
}

/* The table cells of text [s, end), counted up to `stop` (then more than `stop`). */
static size_t table_cells(const char *s, const char *end, size_t stop, size_t *cols_out)
{
    size_t cells = 0, cols = 0;

    *cols_out = 0;
    while (s < end && cells <= stop) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        const char *le = nl ? nl : end, *p = line_start(s, le);
        bool blank = p == le || (p + 1 == le && *p == '\r');

        if (blank)
            cols = 0;
        else if (cols)
            cells += cols; /* a row of the open table, padded */
        else if ((cols = delimiter_columns(p, le)) != 0) {
            cells += 2 * cols; /* the header and the delimiter row */
            if (cols > *cols_out)
                *cols_out = cols;
        }
        s = nl ? nl + 1 : end;
    }
    return cells;
}

int mc_md_parse(mc_doc *doc, unsigned first_line)
{
    walker w;
    mc_mdmem *mem;
    cmark_parser *parser;
    cmark_syntax_extension *table;
    cmark_node *root;
    size_t start;

    if (first_line == 0 || first_line > doc->nlines)
        return 0;
    memset(&w, 0, sizeof(w));
    w.doc = doc;
    w.shift = first_line - 1;
    start = doc->line_off[first_line - 1];
    {
        size_t budget = cells_budget(doc->len), cols, cells;
        char why[200];

        cells = table_cells(doc->text + start, doc->text + doc->len, budget, &cols);
        if (cells > budget) {
            /* not given to cmark: the body is read as plain lines, the metadata as usual */
            snprintf(why, sizeof(why),
                     "its tables would be padded to more than %zu cells (the limit for a card "
                     "of %zu bytes; widest header: %zu columns), so it is read as plain text",
                     budget, doc->len, cols);
            if ((doc->md_limit = mc_arena_strdup(doc->arena, why)) == NULL)
                return mc_error_set(MC_ENOMEM, "out of memory");
            return mc_text_lines(doc, first_line, false);
        }
    }

    pthread_once(&extensions_once, register_extensions);
    mem = mc_mdmem_begin(pool_budget(doc->len - start));
    if (mem == NULL)
        return mc_error_set(MC_ENOMEM, "out of memory");
    parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, mc_mdmem_allocator());
    if (parser == NULL) {
        mc_mdmem_end(mem);
        return mc_error_set(MC_ENOMEM, "out of memory");
    }
    table = cmark_find_syntax_extension("table");
    if (table)
        cmark_parser_attach_syntax_extension(parser, table);
    cmark_parser_feed(parser, doc->text + start, doc->len - start);
    root = cmark_parser_finish(parser);
    if (root == NULL) {
        if (mc_mdmem_spilled(mem))
            cmark_parser_free(parser);
        mc_mdmem_end(mem);
        return mc_error_set(MC_ENOMEM, "out of memory");
    }
    /* every node in document order, as an iterator enters them, without allocating one */
    for (cmark_node *n = root; n && !doc->nomem; n = next_in(root, n, true)) {
        cmark_node_type t = cmark_node_get_type(n);

        if (t == CMARK_NODE_HEADING)
            on_heading(&w, n);
        else if (t == CMARK_NODE_CODE_BLOCK)
            set_kind(&w, n, MC_LINE_CODE);
        else if (t == CMARK_NODE_HTML_BLOCK) {
            set_kind(&w, n, MC_LINE_HTML);
            html_block_comments(&w, n);
        } else if (t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_THEMATIC_BREAK)
            set_kind(&w, n, MC_LINE_TEXT);
        else if (t == CMARK_NODE_LINK)
            on_link(&w, n);
        else if (t == CMARK_NODE_HTML_INLINE)
            inline_comment(&w, n);
        else if (is_table(n))
            set_kind(&w, n, MC_LINE_TABLE);
    }
    if (mc_mdmem_spilled(mem)) {
        /* some blocks came from the system allocator: free them one by one */
        cmark_node_free(root);
        cmark_parser_free(parser);
    }
    /* otherwise the pool holds the parser and the tree */
    mc_mdmem_end(mem);
    mc_buf_release(&w.text);
    if (doc->nomem)
        return mc_error_set(MC_ENOMEM, "out of memory");
    return 0;
}

/* "\section{Title}" (or \subsection, \subsubsection, starred): level and title. */
static unsigned tex_heading(const char *s, size_t len, size_t *ts, size_t *te)
{
    static const char *const cmds[] = {"\\section", "\\subsection", "\\subsubsection"};
    size_t i = 0;

    while (i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
    for (unsigned k = 0; k < 3; k++) {
        size_t cl = strlen(cmds[k]), j = i;
        unsigned depth = 0;
        if (len - i < cl || memcmp(s + i, cmds[k], cl) != 0)
            continue;
        j += cl;
        if (j < len && s[j] == '*')
            j++;
        if (j >= len || s[j] != '{')
            return 0;
        *ts = j + 1;
        for (; j < len; j++) {
            if (s[j] == '{') {
                depth++;
            } else if (s[j] == '}' && --depth == 0) {
                *te = j;
                return k + 1;
            }
        }
        return 0;
    }
    return 0;
}

int mc_text_parse(mc_doc *doc, bool tex)
{
    return mc_text_lines(doc, 1, tex);
}

int mc_text_lines(mc_doc *doc, unsigned first_line, bool tex)
{
    for (unsigned l = first_line; l <= doc->nlines; l++) {
        const char *s = doc->line_text + doc->line_off[l - 1];
        size_t len = doc->line_len[l - 1], i = 0, ts = 0, te = 0;
        unsigned level;

        while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\f' || s[i] == '\v'))
            i++;
        if (i == len || (tex && s[i] == '%')) {
            doc->line_kind[l - 1] = MC_LINE_BLANK;
            continue;
        }
        doc->line_kind[l - 1] = MC_LINE_TEXT;
        if (tex && (level = tex_heading(s, len, &ts, &te)) != 0) {
            mc_heading *h = mc_arena_alloc(doc->arena, sizeof(*h));
            if (h == NULL || (h->text = mc_arena_strndup(doc->arena, s + ts, te - ts)) == NULL ||
                mc_vec_push(&doc->headings, h) != 0)
                return mc_error_set(MC_ENOMEM, "out of memory");
            h->level = level;
            h->line = l;
            doc->line_kind[l - 1] = MC_LINE_HEADING;
        }
    }
    return 0;
}
