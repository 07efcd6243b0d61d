/*
 * Documents (see mclint/doc.h): the text is copied once into an arena, split into lines
 * in one pass, the front matter located and parsed, then the body handed to the Markdown
 * or plain-text reader.
 *
 * Lines end at "\n", "\r\n" or a lone "\r". A final line ending does not start another
 * line: "a\nb\n" has 2 lines, "" has none.
 */
#include "card/docint.h"

#include "util/str.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_MAX_BYTES (16u * 1024u * 1024u)
#define BINARY_SNIFF 8000

/* Bytes of ASCII at the start of s (at most n), 32 and then eight at a time. */
static size_t ascii_prefix(const char *s, size_t n)
{
    size_t i = 0;

    while (i + 32 <= n) {
        uint64_t a, b, c, d;
        memcpy(&a, s + i, 8);
        memcpy(&b, s + i + 8, 8);
        memcpy(&c, s + i + 16, 8);
        memcpy(&d, s + i + 24, 8);
        if ((a | b | c | d) & 0x8080808080808080ull)
            break;
        i += 32;
    }
    while (i + 8 <= n) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (w & 0x8080808080808080ull)
            break;
        i += 8;
    }
    while (i < n && (unsigned char)s[i] < 0x80)
        i++;
    return i;
}

/* mc_utf8_count() with ASCII runs counted eight bytes at a time. */
static unsigned utf8_count(const char *s, size_t n)
{
    size_t i = ascii_prefix(s, n);

    return (unsigned)i + (i < n ? mc_utf8_count(s + i, n - i) : 0);
}

unsigned mc_doc_line_of(const mc_doc *doc, size_t off)
{
    size_t lo = 0, hi = doc->nlines;

    if (doc->nlines == 0)
        return 1;
    if (off >= doc->len) {
        /* the end of the text: on the last line unless that line was ended */
        size_t last = doc->nlines - 1;
        if (doc->line_off[last] + doc->line_len[last] == doc->len)
            return doc->nlines;
        return doc->nlines + 1;
    }
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->line_off[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    return (unsigned)lo + 1;
}

unsigned mc_doc_col_of(const mc_doc *doc, unsigned line, size_t off)
{
    size_t start;

    if (line == 0 || line > doc->nlines)
        return 1;
    start = doc->line_off[line - 1];
    if (off < start)
        return 1;
    if (off - start > doc->line_len[line - 1])
        off = start + doc->line_len[line - 1];
    if (doc->utf8 && (off == doc->len || ((unsigned char)doc->text[off] & 0xC0) != 0x80)) {
        /* valid UTF-8 cut at a character boundary: count the bytes that start one */
        const unsigned char *u = (const unsigned char *)doc->text + start;
        size_t n = off - start, i = ascii_prefix((const char *)u, n);
        unsigned cols = (unsigned)i;
        for (; i < n; i++)
            cols += (u[i] & 0xC0) != 0x80;
        return cols + 1;
    }
    return utf8_count(doc->text + start, off - start) + 1;
}

/* Occurrences of byte `c` in `s` (memchr runs, not a byte loop). */
static size_t count_byte(const char *s, size_t len, char c)
{
    const char *end = s + len;
    size_t n = 0;

    while (s < end && (s = memchr(s, c, (size_t)(end - s))) != NULL) {
        n++;
        s++;
    }
    return n;
}

/* mc_utf8_valid() with runs of ASCII skipped several bytes at a time. */
static bool utf8_valid(const char *s, size_t n)
{
    size_t i = 0;

    while ((i += ascii_prefix(s + i, n - i)) < n) {
        size_t l = mc_utf8_seqlen(s + i, n - i);
        if (l == 1)
            return false;
        i += l;
    }
    return true;
}

static int split_lines(mc_doc *doc)
{
    const char *t = doc->text;
    size_t len = doc->len, ncr, n, k, start;
    size_t *off, *llen;
    char *lt = doc->texts + len + 1;
    bool exact = false;

    memcpy(lt, t, len);
    lt[len] = '\0';
    ncr = count_byte(t, len, '\r');
    /* a guess at the number of lines, counted exactly only when it is too small: at most
     * one line per "\n", one per "\r" and a last unended one */
    n = len / 24 + 64 + ncr;
again:
    if (exact)
        n = count_byte(t, len, '\n') + ncr + 1;
    if (n > 0xFFFFFFF0u)
        return mc_error_set(MC_ETOOBIG, "%s: too many lines", doc->path);
    off = mc_arena_alloc(doc->arena, (n + 1) * sizeof(*off));
    llen = mc_arena_alloc(doc->arena, (n + 1) * sizeof(*llen));
    if (off == NULL || llen == NULL)
        return mc_error_set(MC_ENOMEM, "out of memory");
    k = start = 0;
    {
        /* one memchr per line; every "\r" is checked to be part of a "\r\n" */
        const char *p = t, *end = t + len, *q;
        size_t pairs = 0;
        while (p < end && (q = memchr(p, '\n', (size_t)(end - p))) != NULL) {
            size_t l = (size_t)(q - p);
            if (k >= n) {
                exact = true;
                goto again;
            }
            if (l > 0 && q[-1] == '\r') {
                l--;
                pairs++;
                lt[q - 1 - t] = '\0';
            }
            off[k] = (size_t)(p - t);
            llen[k++] = l;
            lt[q - t] = '\0';
            p = q + 1;
        }
        start = (size_t)(p - t);
        if (pairs)
            doc->crlf = true;
        if (pairs != ncr && ncr) {
            /* a lone "\r" (or one at the very end): byte by byte */
            if (!exact) {
                exact = true;
                goto again;
            }
            memcpy(lt, t, len);
            k = start = 0;
            for (size_t i = 0; i < len; i++) {
                if (t[i] == '\n' || t[i] == '\r') {
                    off[k] = start;
                    llen[k++] = i - start;
                    lt[i] = '\0';
                    if (t[i] == '\r' && i + 1 < len && t[i + 1] == '\n')
                        lt[++i] = '\0';
                    start = i + 1;
                }
            }
        }
    }
    if (start < len) {
        if (k >= n) {
            exact = true;
            goto again;
        }
        off[k] = start;
        llen[k++] = len - start;
    }
    doc->line_kind = mc_arena_alloc(doc->arena, k + 1);
    if (doc->line_kind == NULL)
        return mc_error_set(MC_ENOMEM, "out of memory");
    doc->nlines = (unsigned)k;
    doc->line_off = off;
    doc->line_len = llen;
    doc->line_text = lt;
    return 0;
}

static bool blank_line(const mc_doc *doc, unsigned i)
{
    const char *s = doc->line_text + doc->line_off[i];

    for (size_t j = 0; j < doc->line_len[i]; j++)
        if (s[j] != ' ' && s[j] != '\t' && s[j] != '\f' && s[j] != '\v')
            return false;
    return true;
}

static int front_matter(mc_doc *doc, const mc_doc_options *opts, size_t *body)
{
    mc_fm_match m;
    unsigned first, last;
    int rc;

    *body = 0;
    mc_fm_find(&m, doc->text, doc->len);
    if (m.unclosed) {
        doc->fm_unclosed = true;
        return 0;
    }
    if (!m.found)
        return 0;
    doc->fm = true;
    *body = m.body;
    first = mc_doc_line_of(doc, m.open);
    last = mc_doc_line_of(doc, m.close);
    doc->fm_span.line = first;
    doc->fm_span.col = 1;
    doc->fm_span.end_line = last;
    doc->fm_span.end_col = 4;
    if (last <= doc->nlines)
        doc->fm_span.end_col =
            utf8_count(doc->line_text + doc->line_off[last - 1], doc->line_len[last - 1]) + 1;
    for (unsigned l = first; l <= last && l <= doc->nlines; l++)
        doc->line_kind[l - 1] = MC_LINE_FRONT_MATTER;
    rc = mc_yaml_parse(&doc->yaml, doc->text + m.yaml, m.yaml_len, mc_doc_line_of(doc, m.yaml),
                       opts ? &opts->yaml : NULL);
    return rc;
}

/* Spans of the scalars a " #" can be part of: quoted and block scalars (a plain scalar
 * ends before " #"). Aliases share their node, so a node may be met twice. */
typedef struct {
    mc_span *v;
    size_t n, cap;
} span_list;

static void quoted_spans(span_list *l, const mc_ynode *n, unsigned depth, bool *nomem)
{
    if (n == NULL || depth > 128 || *nomem)
        return;
    switch (mc_ynode_kind_of(n)) {
    case MC_YNODE_SCALAR:
        if (mc_ynode_plain(n))
            return;
        if (l->n == l->cap) {
            size_t cap = l->cap ? l->cap * 2 : 16;
            mc_span *v = realloc(l->v, cap * sizeof(*v));
            if (v == NULL) {
                *nomem = true;
                return;
            }
            l->v = v;
            l->cap = cap;
        }
        l->v[l->n++] = mc_ynode_span(n);
        return;
    case MC_YNODE_MAP:
        for (size_t i = 0; i < mc_ynode_size(n); i++) {
            quoted_spans(l, mc_ynode_key(n, i), depth + 1, nomem);
            quoted_spans(l, mc_ynode_value(n, i), depth + 1, nomem);
        }
        return;
    case MC_YNODE_SEQ:
        for (size_t i = 0; i < mc_ynode_size(n); i++)
            quoted_spans(l, mc_ynode_item(n, i), depth + 1, nomem);
        return;
    default:
        return;
    }
}

static int cmp_span_start(const void *x, const void *y)
{
    const mc_span *a = x, *b = y;

    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    return a->col < b->col ? -1 : a->col > b->col;
}

/* Is (line, col) inside one of the sorted, disjoint spans? */
static bool in_spans(const span_list *l, unsigned line, unsigned col)
{
    size_t lo = 0, hi = l->n;
    const mc_span *s;

    while (lo < hi) { /* first span starting after (line, col) */
        size_t mid = lo + (hi - lo) / 2;
        const mc_span *m = &l->v[mid];
        if (m->line < line || (m->line == line && m->col <= col))
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return false;
    s = &l->v[lo - 1];
    return s->end_line > line || (s->end_line == line && s->end_col > col);
}

/* The mclint directives written as YAML comments in the front matter: a "#" at the start
 * of a line or after white space, outside quoted and block scalars, to the end of the line.
 * Read only when the front matter parsed (the scalars are known). */
static int yaml_comments(mc_doc *doc)
{
    span_list spans = {NULL, 0, 0};
    bool nomem = false;

    if (!doc->fm || doc->yaml == NULL || mc_yaml_syntax_error(doc->yaml) != NULL)
        return 0;
    quoted_spans(&spans, mc_yaml_root(doc->yaml), 0, &nomem);
    if (spans.n > 1)
        qsort(spans.v, spans.n, sizeof(*spans.v), cmp_span_start);
    for (unsigned l = doc->fm_span.line + 1; !nomem && l < doc->fm_span.end_line; l++) {
        const char *t = doc->line_text + doc->line_off[l - 1];
        size_t n = doc->line_len[l - 1], s, e, hash;
        mc_comment *c;

        for (s = 0; s < n; s++) {
            if (t[s] == '#' && (s == 0 || t[s - 1] == ' ' || t[s - 1] == '\t') &&
                !in_spans(&spans, l, mc_doc_col_of(doc, l, doc->line_off[l - 1] + s)))
                break;
        }
        if (s == n)
            continue;
        hash = s;
        e = n;
        while (++s < e && (t[s] == ' ' || t[s] == '\t'))
            ;
        while (e > s && (t[e - 1] == ' ' || t[e - 1] == '\t' || t[e - 1] == '\r'))
            e--;
        if (e - s < 7 || memcmp(t + s, "mclint-", 7) != 0)
            continue;
        if ((c = mc_arena_alloc(doc->arena, sizeof(*c))) == NULL) {
            nomem = true;
            break;
        }
        c->text = mc_arena_strndup(doc->arena, t + s, e - s);
        c->yaml = true;
        c->span.line = c->span.end_line = l;
        c->span.col = mc_doc_col_of(doc, l, doc->line_off[l - 1] + hash);
        c->span.end_col = mc_doc_col_of(doc, l, doc->line_off[l - 1] + n);
        if (c->text == NULL || mc_vec_push(&doc->comments, c) != 0)
            nomem = true;
    }
    free(spans.v);
    return nomem ? mc_error_set(MC_ENOMEM, "out of memory") : 0;
}

int mc_doc_parse(mc_doc **out, const char *path, const char *data, size_t len, mc_doc_kind kind,
                 const mc_doc_options *opts)
{
    size_t max = opts && opts->max_bytes ? opts->max_bytes : DEFAULT_MAX_BYTES;
    size_t body = 0;
    mc_doc *doc;
    int rc = MC_ENOMEM;

    *out = NULL;
    if (data == NULL)
        len = 0;
    if (len > max)
        return mc_error_set(MC_ETOOBIG, "%s: %zu bytes is over the limit of %zu",
                            path ? path : "document", len, max);
    doc = calloc(1, sizeof(*doc));
    if (doc == NULL || (doc->arena = mc_arena_new()) == NULL) {
        free(doc);
        return mc_error_set(MC_ENOMEM, "out of memory");
    }
    doc->kind = kind;
    doc->path = mc_arena_strdup(doc->arena, path ? path : "");
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        doc->bom = true;
        data += 3;
        len -= 3;
    }
    /* both copies of the text in one block, written once each (no zeroing first) */
    doc->texts = len < SIZE_MAX / 2 - 1 ? malloc(2 * (len + 1)) : NULL;
    if (doc->texts) {
        if (len)
            memcpy(doc->texts, data, len);
        doc->texts[len] = '\0';
    }
    doc->text = doc->texts;
    doc->len = len;
    if (doc->path == NULL || doc->text == NULL)
        goto fail_nomem;
    doc->utf8 = utf8_valid(doc->text, len);
    if (memchr(doc->text, '\0', len < BINARY_SNIFF ? len : BINARY_SNIFF) != NULL) {
        doc->binary = true;
        *out = doc;
        return 0;
    }
    rc = split_lines(doc);
    if (rc != 0)
        goto fail;
    if (kind == MC_DOC_MARKDOWN) {
        rc = front_matter(doc, opts, &body);
        if (rc == 0)
            rc = yaml_comments(doc);
        if (rc != 0)
            goto fail;
        if (body < len)
            rc = mc_md_parse(doc, mc_doc_line_of(doc, body));
    } else {
        rc = mc_text_parse(doc, mc_has_isuffix(doc->path, ".tex"));
    }
    if (rc != 0)
        goto fail;
    for (unsigned i = 0; i < doc->nlines && kind == MC_DOC_MARKDOWN; i++) {
        if (doc->line_kind[i] == MC_LINE_BLANK && !blank_line(doc, i))
            doc->line_kind[i] = MC_LINE_TEXT;
        else if (doc->line_kind[i] == MC_LINE_TEXT && blank_line(doc, i))
            doc->line_kind[i] = MC_LINE_BLANK;
    }
    if (doc->nomem || mc_arena_failed(doc->arena))
        goto fail_nomem;
    *out = doc;
    return 0;

fail_nomem:
    rc = mc_error_set(MC_ENOMEM, "out of memory");
fail:
    mc_doc_free(doc);
    return rc;
}

void mc_doc_free(mc_doc *doc)
{
    if (doc == NULL)
        return;
    mc_yaml_free(doc->yaml);
    mc_vec_release(&doc->headings);
    mc_vec_release(&doc->links);
    mc_vec_release(&doc->comments);
    mc_arena_free(doc->arena);
    free(doc->texts);
    free(doc);
}

const char *mc_doc_path(const mc_doc *doc)
{
    return doc->path;
}

mc_doc_kind mc_doc_get_kind(const mc_doc *doc)
{
    return doc->kind;
}

bool mc_doc_is_binary(const mc_doc *doc)
{
    return doc->binary;
}

bool mc_doc_has_bom(const mc_doc *doc)
{
    return doc->bom;
}

bool mc_doc_is_crlf(const mc_doc *doc)
{
    return doc->crlf;
}

bool mc_doc_is_utf8(const mc_doc *doc)
{
    return doc->utf8;
}

bool mc_doc_has_front_matter(const mc_doc *doc)
{
    return doc->fm;
}

bool mc_doc_front_matter_unclosed(const mc_doc *doc)
{
    return doc->fm_unclosed;
}

const char *mc_doc_markdown_limit(const mc_doc *doc)
{
    return doc->md_limit;
}

mc_span mc_doc_front_matter_span(const mc_doc *doc)
{
    return doc->fm_span;
}

const mc_yaml *mc_doc_yaml(const mc_doc *doc)
{
    return doc->yaml;
}

unsigned mc_doc_line_count(const mc_doc *doc)
{
    return doc->nlines;
}

const char *mc_doc_line(const mc_doc *doc, unsigned n, size_t *len)
{
    if (n == 0 || n > doc->nlines) {
        if (len)
            *len = 0;
        return NULL;
    }
    if (len)
        *len = doc->line_len[n - 1];
    return doc->line_text + doc->line_off[n - 1];
}

mc_line_kind mc_doc_line_kind(const mc_doc *doc, unsigned n)
{
    if (n == 0 || n > doc->nlines)
        return MC_LINE_BLANK;
    return (mc_line_kind)doc->line_kind[n - 1];
}

const mc_heading *mc_doc_section_of(const mc_doc *doc, unsigned n)
{
    size_t lo = 0, hi = doc->headings.len;
    const mc_heading *const *h = (const mc_heading *const *)doc->headings.items;

    /* the last heading whose line is <= n */
    if (hi == 0 || h[0]->line > n)
        return NULL;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (h[mid]->line <= n)
            lo = mid;
        else
            hi = mid;
    }
    return h[lo];
}

size_t mc_doc_heading_count(const mc_doc *doc)
{
    return doc->headings.len;
}

const mc_heading *mc_doc_heading_at(const mc_doc *doc, size_t i)
{
    return i < doc->headings.len ? doc->headings.items[i] : NULL;
}

size_t mc_doc_link_count(const mc_doc *doc)
{
    return doc->links.len;
}

const mc_link *mc_doc_link_at(const mc_doc *doc, size_t i)
{
    return i < doc->links.len ? doc->links.items[i] : NULL;
}

size_t mc_doc_comment_count(const mc_doc *doc)
{
    return doc->comments.len;
}

const mc_comment *mc_doc_comment_at(const mc_doc *doc, size_t i)
{
    return i < doc->comments.len ? doc->comments.items[i] : NULL;
}

const char *mc_doc_text(const mc_doc *doc, size_t *len)
{
    if (len)
        *len = doc->len;
    return doc->text;
}
