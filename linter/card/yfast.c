/*
 * Front matter is nearly always plain block YAML: mappings and sequences by indentation,
 * plain and quoted one-line scalars, comments. libyaml reads it at a few hundred
 * instructions a byte; this reader produces the same events (same values, styles and
 * marks) for that subset at a small fraction of the cost, and gives up on anything else
 * so that libyaml reads it: tabs, control or non-ASCII characters, a lone CR, directives
 * and document markers, flow collections, anchors, aliases, tags, block scalars, complex
 * keys, multi-line scalars, escapes, and every construct libyaml rejects. Giving up is
 * always safe: the caller then parses with libyaml from scratch.
 *
 * Marks follow libyaml's scanner: a collection starts at its first key or "-"; a block
 * collection ends at the next token (the first character of the next line with content,
 * comments skipped), or at the end of the stream, which is column 0 of the line after
 * the last line break (of the line after a last unterminated line); an empty value is at
 * the end of its ":" or "-". Lines and columns are 0-based here, columns in characters
 * (bytes, since only ASCII is read).
 */
#include "card/yfast.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 48 /* deeper: libyaml (and the depth limit of the tree builder) */
#define MAX_KEY 1000 /* libyaml refuses simple keys over 1024 characters */

typedef struct {
    size_t off;      /* start of the line in the text */
    unsigned len;    /* without the line break */
    unsigned indent; /* leading spaces */
    bool content;    /* neither blank nor a comment */
} yline;

typedef struct {
    const char *t;
    yline *lines;
    unsigned nlines;
    unsigned eof_line;  /* line of the end-of-stream mark */
    bool early;         /* the text ends in an unterminated blank or comment line: */
    unsigned early_col; /* blocks deeper than its end close there, before the stream end */
    mc_yf_events *out;
    int depth;
    int status; /* 1 fine, 0 give up, -1 out of memory */
} reader;

static bool giveup(reader *r)
{
    if (r->status > 0)
        r->status = 0;
    return false;
}

static mc_yf_event *emit(reader *r, mc_yf_type type, unsigned line, unsigned col)
{
    mc_yf_events *o = r->out;
    mc_yf_event *e;

    if (r->status <= 0)
        return NULL;
    if (o->n == o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 64;
        mc_yf_event *ev = realloc(o->ev, cap * sizeof(*ev));
        if (ev == NULL) {
            r->status = -1;
            return NULL;
        }
        o->ev = ev;
        o->cap = cap;
    }
    e = &o->ev[o->n++];
    memset(e, 0, sizeof(*e));
    e->type = type;
    e->line = e->end_line = line;
    e->col = e->end_col = col;
    return e;
}

static void emit_end(reader *r, unsigned line, unsigned col)
{
    emit(r, MC_YF_END, line, col);
}

/* The end of the block collection at column `col` at the end of the stream. */
static void emit_eof_end(reader *r, unsigned col)
{
    if (r->early && col > r->early_col)
        emit_end(r, r->eof_line - 1, r->early_col);
    else
        emit_end(r, r->eof_line, 0);
}

static void emit_empty(reader *r, unsigned line, unsigned col)
{
    mc_yf_event *e = emit(r, MC_YF_SCALAR, line, col);

    if (e) {
        e->plain = true;
        e->str = "";
    }
}

/* Next line with content at or after `li` (r->nlines if none). */
static unsigned next_content(const reader *r, unsigned li)
{
    while (li < r->nlines && !r->lines[li].content)
        li++;
    return li;
}

static const char *line_at(const reader *r, unsigned li)
{
    return r->t + r->lines[li].off;
}

/* A scalar read on one line. */
typedef struct {
    bool ok;
    bool plain;
    unsigned start, end; /* columns of the mark */
    unsigned next;       /* column after it */
    bool key;            /* followed by ":" and a blank or the end of the line */
    unsigned colon;      /* column of that ":" */
    const char *str;
    size_t len;
    bool decoded;
} scal;

static bool is_blankz(const char *s, unsigned len, unsigned i)
{
    return i >= len || s[i] == ' ';
}

/* After a scalar: blanks, then an optional ":" (key) and what may follow it. */
static void after_scalar(const char *s, unsigned len, scal *sc)
{
    unsigned i = sc->next;

    while (i < len && s[i] == ' ')
        i++;
    if (i < len && s[i] == ':' && is_blankz(s, len, i + 1)) {
        sc->key = true;
        sc->colon = i;
    }
}

/* Characters that cannot start a plain scalar here ("-" only before a blank). */
static bool is_indicator(char ch)
{
    switch (ch) {
    case '[':
    case ']':
    case '{':
    case '}':
    case '#':
    case '&':
    case '*':
    case '!':
    case '|':
    case '>':
    case '%':
    case '@':
    case '`':
    case ',':
    case '?':
    case ':':
    case '-':
    case '\'':
    case '"':
        return true;
    default:
        return false;
    }
}

/* Room for `n` more bytes in the decoded buffer; false when out of memory. */
static bool dec_reserve(reader *r, size_t n)
{
    mc_yf_events *o = r->out;

    if (o->dec_cap - o->dec_len < n) {
        size_t cap = o->dec_cap ? o->dec_cap : 256;
        char *d;
        while (cap - o->dec_len < n)
            cap *= 2;
        d = realloc(o->dec, cap);
        if (d == NULL) {
            r->status = -1;
            return false;
        }
        o->dec = d;
        o->dec_cap = cap;
    }
    return true;
}

/* Append to the decoded buffer; false when out of memory. */
static bool dec_put(reader *r, const char *p, size_t n)
{
    mc_yf_events *o = r->out;

    if (n == 0)
        return true; /* nothing to copy (and o->dec may still be NULL) */
    if (!dec_reserve(r, n))
        return false;
    memcpy(o->dec + o->dec_len, p, n);
    o->dec_len += n;
    return true;
}

/* A line fold in a multi-line scalar: no blank line between the two lines gives one space,
 * n blank lines give n line breaks. */
static bool put_fold(reader *r, unsigned breaks)
{
    if (breaks == 0)
        return dec_put(r, " ", 1);
    for (; breaks > 0; breaks--)
        if (!dec_put(r, "\n", 1))
            return false;
    return true;
}

/* Read the scalar at column `c` of line `li` (single line only). */
static scal read_scalar(reader *r, unsigned li, unsigned c)
{
    const char *s = line_at(r, li);
    unsigned len = r->lines[li].len, i;
    scal sc;

    memset(&sc, 0, sizeof(sc));
    sc.start = c;
    if (c >= len)
        return sc;
    if (s[c] == '\'') {
        mc_yf_events *o = r->out;
        size_t from = o->dec_len;
        bool copy = false;
        const char *q;
        for (i = c + 1; i < len && (q = memchr(s + i, '\'', len - i)) != NULL;) {
            i = (unsigned)(q - s);
            if (i + 1 < len && s[i + 1] == '\'') {
                copy = true;
                i += 2;
                continue;
            }
            break;
        }
        if (i >= len || s[i] != '\'')
            return sc; /* multi-line */
        sc.end = sc.next = i + 1;
        if (copy) {
            /* decode '' into the buffer */
            if (!dec_reserve(r, i - c))
                return sc;
            for (unsigned j = c + 1; j < i; j++) {
                o->dec[o->dec_len++] = s[j];
                if (s[j] == '\'')
                    j++;
            }
            sc.decoded = true;
            sc.str = (const char *)(uintptr_t)from;
            sc.len = o->dec_len - from;
        } else {
            sc.str = s + c + 1;
            sc.len = i - c - 1;
        }
    } else if (s[c] == '"') {
        const char *q = memchr(s + c + 1, '"', len - c - 1);
        i = q ? (unsigned)(q - s) : len;
        if (memchr(s + c + 1, '\\', i - c - 1) != NULL)
            return sc; /* escapes: libyaml */
        if (i >= len)
            return sc;
        sc.end = sc.next = i + 1;
        sc.str = s + c + 1;
        sc.len = i - c - 1;
    } else {
        const char *q;
        unsigned stop = len, end, from;
        if (is_indicator(s[c]) && !(s[c] == '-' && !is_blankz(s, len, c + 1)))
            return sc;
        /* the first ":" followed by a blank or the end, the first " #" before it */
        for (from = c; from < len && (q = memchr(s + from, ':', len - from)) != NULL;) {
            from = (unsigned)(q - s) + 1;
            if (is_blankz(s, len, from)) {
                stop = from - 1;
                break;
            }
        }
        for (from = c + 1; from < stop && (q = memchr(s + from, '#', stop - from)) != NULL;) {
            from = (unsigned)(q - s);
            if (s[from - 1] == ' ') {
                stop = from - 1;
                break;
            }
            from++;
        }
        end = stop;
        while (end > c && s[end - 1] == ' ')
            end--;
        sc.plain = true;
        sc.end = end;
        sc.next = end;
        sc.str = s + c;
        sc.len = end - c;
    }
    sc.ok = true;
    after_scalar(s, len, &sc);
    return sc;
}

static void emit_scalar(reader *r, unsigned li, const scal *sc)
{
    mc_yf_event *e;

    if (sc->key && sc->end - sc->start > MAX_KEY) {
        giveup(r);
        return;
    }
    e = emit(r, MC_YF_SCALAR, li, sc->start);
    if (e == NULL)
        return;
    e->end_col = sc->end;
    e->plain = sc->plain;
    e->str = sc->str;
    e->len = sc->len;
    e->decoded = sc->decoded;
}

/* Only blanks and a comment from column `i` to the end of the line? */
static bool rest_empty(const reader *r, unsigned li, unsigned i)
{
    const char *s = line_at(r, li);
    unsigned len = r->lines[li].len;
    bool blank = false;

    while (i < len && s[i] == ' ') {
        i++;
        blank = true;
    }
    return i >= len || (s[i] == '#' && blank);
}

/* A scalar value starting on line `li`; `indent` is libyaml's current block indentation.
 * A plain scalar goes on over the following lines indented further (folded: one line
 * break becomes a space, n + 1 breaks n newlines) up to a comment or a line indented
 * less. Returns the last line of the scalar, or r->nlines after giving up. */
static unsigned value_scalar(reader *r, unsigned li, const scal *sc, unsigned indent, bool top)
{
    unsigned nl, last = li, breaks = 0, end_col = sc->end;
    bool comment;
    size_t from = 0;
    scal folded;

    if (!sc->ok || sc->key)
        return giveup(r), r->nlines;
    if (!rest_empty(r, li, sc->next))
        return giveup(r), r->nlines;
    comment = sc->next < r->lines[li].len;
    for (nl = li + 1; nl < r->nlines; nl++) {
        const yline *l = &r->lines[nl];
        const char *t = line_at(r, nl);
        unsigned e, c;
        if (l->indent >= l->len) {
            breaks++; /* blank */
            continue;
        }
        if (t[l->indent] == '#' || l->indent <= indent)
            break;
        if (top || comment || !sc->plain)
            return giveup(r), r->nlines;
        /* a continuation line: plain text only, no ": " nor " #" */
        c = l->indent;
        if (is_indicator(t[c]))
            return giveup(r), r->nlines;
        for (e = c; e < l->len; e++)
            if ((t[e] == ':' && is_blankz(t, l->len, e + 1)) || (t[e] == '#' && t[e - 1] == ' '))
                return giveup(r), r->nlines;
        e = l->len;
        while (e > c && t[e - 1] == ' ')
            e--;
        if (last == li) {
            from = r->out->dec_len;
            if (!dec_put(r, sc->str, sc->len))
                return r->nlines;
        }
        if (!put_fold(r, breaks))
            return r->nlines;
        if (!dec_put(r, t + c, e - c))
            return r->nlines;
        last = nl;
        end_col = e;
        breaks = 0;
    }
    if (last == li) {
        emit_scalar(r, li, sc);
    } else {
        mc_yf_event *ev;
        folded = *sc;
        folded.decoded = true;
        folded.str = (const char *)(uintptr_t)from;
        folded.len = r->out->dec_len - from;
        if ((ev = emit(r, MC_YF_SCALAR, li, sc->start)) != NULL) {
            ev->end_line = last;
            ev->end_col = end_col;
            ev->plain = true;
            ev->str = folded.str;
            ev->len = folded.len;
            ev->decoded = true;
        }
    }
    return r->status > 0 ? last : r->nlines;
}

/* Append s[from, to) of a single-quoted scalar with "''" decoded. */
static bool dec_quoted(reader *r, const char *s, unsigned from, unsigned to)
{
    while (from < to) {
        const char *q = memchr(s + from, '\'', to - from);
        unsigned at = q ? (unsigned)(q - s) : to;
        if (!dec_put(r, s + from, at - from))
            return false;
        if (q == NULL)
            break;
        if (!dec_put(r, "'", 1))
            return false;
        from = at + 2; /* a pair: the reader found no single quote in [from, to) */
    }
    return true;
}

/* A single-quoted scalar from column `v` of line `li` that ends on a later line, folded
 * as libyaml folds it: spaces around line breaks dropped, one break read as a space,
 * n + 1 breaks as n newlines; continuation lines indented beyond `indent`. Returns the
 * last line and sets *after to the column after the closing quote (r->nlines when giving
 * up). */
static unsigned quoted_lines(reader *r, unsigned li, unsigned v, unsigned indent, unsigned *after)
{
    const char *s = line_at(r, li);
    unsigned len = r->lines[li].len, e = len, nl, breaks = 0;
    size_t from = r->out->dec_len;
    mc_yf_event *ev;

    /* the first line has no closing quote (read_scalar checked): pairs only */
    for (unsigned i = v + 1; i < len; i++) {
        if (s[i] == '\'') {
            if (i + 1 >= len || s[i + 1] != '\'')
                return giveup(r), r->nlines;
            i++;
        }
    }
    while (e > v + 1 && s[e - 1] == ' ')
        e--;
    if (!dec_quoted(r, s, v + 1, e))
        return r->nlines;
    for (nl = li + 1; nl < r->nlines; nl++) {
        const yline *l = &r->lines[nl];
        const char *t = line_at(r, nl);
        unsigned c = l->indent, i, close = l->len;
        if (c >= l->len) {
            breaks++;
            continue;
        }
        if (c <= indent)
            return giveup(r), r->nlines;
        for (i = c; i < l->len; i++) {
            if (t[i] == '\'') {
                if (i + 1 < l->len && t[i + 1] == '\'') {
                    i++;
                    continue;
                }
                close = i;
                break;
            }
        }
        if (!put_fold(r, breaks))
            return r->nlines;
        breaks = 0;
        if (close < l->len) {
            /* the last line: blanks before the quote are kept */
            if (!dec_quoted(r, t, c, close))
                return r->nlines;
            if ((ev = emit(r, MC_YF_SCALAR, li, v)) != NULL) {
                ev->end_line = nl;
                ev->end_col = close + 1;
                ev->str = (const char *)(uintptr_t)from;
                ev->len = r->out->dec_len - from;
                ev->decoded = true;
            }
            *after = close + 1;
            return r->status > 0 ? nl : r->nlines;
        }
        e = l->len;
        while (e > c && t[e - 1] == ' ')
            e--;
        if (!dec_quoted(r, t, c, e))
            return r->nlines;
    }
    return giveup(r), r->nlines; /* never closed */
}

static bool is_dash(const reader *r, unsigned li, unsigned c)
{
    const char *s = line_at(r, li);
    unsigned len = r->lines[li].len;

    return c < len && s[c] == '-' && is_blankz(s, len, c + 1);
}

/* A one-line flow sequence of scalars at column `c` ("[a, 'b c']"); false to give up.
 * Flow mappings, pairs, nesting, empty or trailing entries and anything over one line
 * are left to libyaml. Sets *next to the column after the "]". */
static bool parse_flow_seq(reader *r, unsigned li, unsigned c, unsigned *next)
{
    const char *s = line_at(r, li);
    unsigned len = r->lines[li].len, i = c + 1;
    mc_yf_event *e;

    if (++r->depth > MAX_DEPTH)
        return giveup(r);
    if ((e = emit(r, MC_YF_SEQ_START, li, c)) != NULL)
        e->end_col = c + 1;
    while (i < len && s[i] == ' ')
        i++;
    if (i < len && s[i] != ']') {
        for (;;) {
            scal sc;
            memset(&sc, 0, sizeof(sc));
            if (i >= len)
                return giveup(r);
            if (s[i] == '\'' || s[i] == '"') {
                sc = read_scalar(r, li, i);
                if (!sc.ok)
                    return giveup(r);
                sc.key = false;
                i = sc.next;
            } else {
                unsigned end;
                if (is_indicator(s[i]))
                    return giveup(r);
                for (end = i; end < len && s[end] != ',' && s[end] != ']'; end++)
                    if (strchr(":#[]{}?", s[end]) != NULL)
                        return giveup(r);
                sc.ok = sc.plain = true;
                sc.start = i;
                while (end > i && s[end - 1] == ' ')
                    end--;
                sc.end = sc.next = end;
                sc.str = s + i;
                sc.len = end - i;
                i = end;
            }
            emit_scalar(r, li, &sc);
            while (i < len && s[i] == ' ')
                i++;
            if (i < len && s[i] == ']')
                break;
            if (i >= len || s[i] != ',')
                return giveup(r);
            i++;
            while (i < len && s[i] == ' ')
                i++;
            if (i >= len || s[i] == ']' || s[i] == ',')
                return giveup(r); /* empty or trailing entry, or more lines */
        }
    }
    if (i >= len)
        return giveup(r);
    if ((e = emit(r, MC_YF_END, li, i)) != NULL)
        e->end_col = i + 1;
    r->depth--;
    *next = i + 1;
    return r->status > 0;
}

static unsigned parse_node(reader *r, unsigned li, unsigned c, int indent);

/* The value after a ":" or "-" at column `at` of line `li`, for a collection at column
 * `col`: on the same line from column `v`, or on the next lines. Returns the next line. */
static unsigned parse_value(reader *r, unsigned li, unsigned v, unsigned at, unsigned col,
                            bool in_map)
{
    const char *s = line_at(r, li);
    unsigned len = r->lines[li].len, nl;
    mc_yf_event *e;

    while (v < len && s[v] == ' ')
        v++;
    if (v < len && s[v] != '#') {
        scal sc;
        unsigned after = 0;
        if (s[v] == '[') {
            if (!parse_flow_seq(r, li, v, &after) || !rest_empty(r, li, after))
                return giveup(r), r->nlines;
            return next_content(r, li + 1);
        }
        if (s[v] == '-' && is_blankz(s, len, v + 1)) {
            giveup(r); /* "key: - x" is an error, "- - x" is rare */
            return r->nlines;
        }
        sc = read_scalar(r, li, v);
        if (!sc.ok && s[v] == '\'' && r->status > 0) {
            li = quoted_lines(r, li, v, col, &after);
            if (li >= r->nlines || !rest_empty(r, li, after))
                return giveup(r), r->nlines;
            return next_content(r, li + 1);
        }
        if (!sc.ok)
            return giveup(r), r->nlines;
        if (sc.key) {
            if (in_map)
                return giveup(r), r->nlines;       /* "a: b: c" */
            return parse_node(r, li, v, (int)col); /* "- key: value" */
        }
        li = value_scalar(r, li, &sc, col, false);
        return li < r->nlines ? next_content(r, li + 1) : r->nlines;
    }
    nl = next_content(r, li + 1);
    if (nl < r->nlines && r->lines[nl].indent > col)
        return parse_node(r, nl, r->lines[nl].indent, (int)col);
    if (in_map && nl < r->nlines && r->lines[nl].indent == col && is_dash(r, nl, col)) {
        /* an indentless sequence */
        unsigned c = col;
        if (++r->depth > MAX_DEPTH)
            return giveup(r), r->nlines;
        if ((e = emit(r, MC_YF_SEQ_START, nl, c)) != NULL)
            e->end_col = c + 1; /* libyaml: the end of the first "-" */
        li = nl;
        for (;;) {
            nl = parse_value(r, li, c + 1, c, c, false);
            if (r->status <= 0)
                return r->nlines;
            if (nl >= r->nlines) {
                emit_eof_end(r, c);
                break;
            }
            if (r->lines[nl].indent == c && is_dash(r, nl, c)) {
                li = nl;
                continue;
            }
            if (r->lines[nl].indent > c)
                return giveup(r), r->nlines;
            emit_end(r, nl, r->lines[nl].indent);
            break;
        }
        r->depth--;
        return nl;
    }
    emit_empty(r, li, at + 1);
    return nl;
}

/* After an entry of a block collection at column `c`, with the next content on line `nl`:
 * true when the collection ends here (the reader gave up or failed; the text ended; or
 * line `nl` is indented less), with its end event emitted. */
static bool collection_ends(reader *r, unsigned nl, unsigned c)
{
    if (r->status <= 0)
        return true;
    if (nl >= r->nlines) {
        emit_eof_end(r, c);
        return true;
    }
    if (r->lines[nl].indent < c) {
        emit_end(r, nl, r->lines[nl].indent);
        return true;
    }
    return false;
}

static unsigned parse_map(reader *r, unsigned li, unsigned c)
{
    unsigned nl;

    emit(r, MC_YF_MAP_START, li, c);
    for (;;) {
        scal k = read_scalar(r, li, c);
        if (!k.ok || !k.key)
            return giveup(r), r->nlines;
        emit_scalar(r, li, &k);
        nl = parse_value(r, li, k.colon + 1, k.colon, c, true);
        if (collection_ends(r, nl, c))
            return r->status <= 0 ? r->nlines : nl;
        if (r->lines[nl].indent > c)
            return giveup(r), r->nlines;
        li = nl;
    }
}

static unsigned parse_seq(reader *r, unsigned li, unsigned c)
{
    unsigned nl;

    emit(r, MC_YF_SEQ_START, li, c);
    for (;;) {
        nl = parse_value(r, li, c + 1, c, c, false);
        if (collection_ends(r, nl, c))
            return r->status <= 0 ? r->nlines : nl;
        if (r->lines[nl].indent > c || !is_dash(r, nl, c))
            return giveup(r), r->nlines;
        li = nl;
    }
}

/* A block node whose first token is at column `c` of line `li`; `indent` is the
 * enclosing block's column (-1 at the top). Returns the next line with content. */
static unsigned parse_node(reader *r, unsigned li, unsigned c, int indent)
{
    unsigned nl;
    scal sc;

    if (r->status <= 0)
        return r->nlines;
    if (++r->depth > MAX_DEPTH)
        return giveup(r), r->nlines;
    if (is_dash(r, li, c)) {
        nl = parse_seq(r, li, c);
    } else {
        sc = read_scalar(r, li, c);
        if (!sc.ok)
            return giveup(r), r->nlines;
        if (sc.key) {
            nl = parse_map(r, li, c);
        } else {
            li = value_scalar(r, li, &sc, indent < 0 ? 0 : (unsigned)indent, indent < 0);
            nl = li < r->nlines ? next_content(r, li + 1) : r->nlines;
        }
    }
    r->depth--;
    return nl;
}

/* Split into lines; false if a character is outside the subset. */
static bool split(reader *r, const char *t, size_t len)
{
    size_t n = 1, k = 0, start = 0;

    for (size_t i = 0; i < len; i++) {
        unsigned char ch;
        if (i + 8 <= len) {
            /* eight printable ASCII bytes at once: none < 0x20, >= 0x80 or 0x7F */
            /* b in [0x20, 0x7E]: b + 0x60 has its high bit, b + 1 and b have not (exact
             * when every byte is in range, no carry then; else the lowest one out of
             * range fails) */
            const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
            uint64_t w;
            memcpy(&w, t + i, 8);
            if (((w + 0x60 * ones) & ~(w + ones) & ~w & highs) == highs) {
                i += 7;
                continue;
            }
        }
        ch = (unsigned char)t[i];
        if (ch >= 0x20 && ch < 0x7F)
            continue;
        if (ch == '\n')
            n++;
        else if (!(ch == '\r' && i + 1 < len && t[i + 1] == '\n'))
            return false; /* tab, control, lone CR, non-ASCII */
    }
    if (len > UINT32_MAX / 2 || n > UINT32_MAX / 2)
        return false;
    r->lines = malloc(n * sizeof(*r->lines));
    if (r->lines == NULL) {
        r->status = -1;
        return false;
    }
    while (start < len) {
        const char *nlp = memchr(t + start, '\n', len - start);
        size_t end = nlp ? (size_t)(nlp - t) : len, l;
        yline *y = &r->lines[k++];
        l = end - start;
        if (nlp && l && t[end - 1] == '\r')
            l--;
        y->off = start;
        y->len = (unsigned)l;
        y->indent = 0;
        while (y->indent < l && t[start + y->indent] == ' ')
            y->indent++;
        y->content = y->indent < l && t[start + y->indent] != '#';
        if (l >= 3 && y->indent == 0 &&
            (memcmp(t + start, "---", 3) == 0 || memcmp(t + start, "...", 3) == 0))
            return false; /* document markers */
        if (l >= 1 && t[start] == '%')
            return false; /* directives */
        start = nlp ? end + 1 : len;
    }
    r->nlines = (unsigned)k;
    r->eof_line = (unsigned)(n - 1) + (len && t[len - 1] != '\n' ? 1 : 0);
    if (len && t[len - 1] != '\n' && k && !r->lines[k - 1].content) {
        r->early = true;
        r->early_col = r->lines[k - 1].len;
    }
    return true;
}

static bool disabled; /* tests: compare with libyaml */

void mc_yf_disable(bool off)
{
    disabled = off;
}

int mc_yf_read(mc_yf_events *out, const char *text, size_t len)
{
    reader r;
    unsigned li;

    memset(out, 0, sizeof(*out));
    if (disabled)
        return 0;
    memset(&r, 0, sizeof(r));
    r.t = text;
    r.out = out;
    r.status = 1;
    if (!split(&r, text, len)) {
        free(r.lines);
        return r.status < 0 ? -1 : 0;
    }
    li = next_content(&r, 0);
    if (li < r.nlines) {
        li = parse_node(&r, li, r.lines[li].indent, -1);
        if (r.status > 0 && li < r.nlines)
            giveup(&r); /* more after the root: an error */
    }
    free(r.lines);
    if (r.status > 0) {
        for (size_t i = 0; i < out->n; i++)
            if (out->ev[i].decoded)
                out->ev[i].str = out->dec + (uintptr_t)out->ev[i].str;
    }
    return r.status;
}

void mc_yf_release(mc_yf_events *e)
{
    free(e->ev);
    free(e->dec);
    memset(e, 0, sizeof(*e));
}
