/* Inline suppressions in Markdown HTML comments and in YAML comments of the front matter,
 * and the findings about them (MC9xx). */
#include "mclint/config.h"
#include "rules/engine.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/str.h"
#include "util/vec.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

enum { K_NEXT_LINE, K_LINE, K_RANGE, K_FILE, K_ENABLE };

typedef struct {
    int kind;
    mc_span span;
    bool valid;          /* has a reason: it suppresses */
    size_t first, count; /* its entries: entries[first .. first + count) */
} directive;

typedef struct {
    size_t dir;     /* index of its directive */
    const char *id; /* rule id, prefix, or "ALL" */
    unsigned from;  /* lines covered, inclusive */
    unsigned to;
    bool open; /* a range not closed yet */
    bool used;
} entry;

/* The ranges still open for one id (mclint-disable without its mclint-enable yet). */
typedef struct {
    const char *id;
    mc_vec open; /* entry *, in order; closed ones are skipped when met */
} open_ranges;

/* Valid entries (those of a directive with a reason, next-line ones with a target) sorted
 * by id then first line; for each, the two largest last lines among the slots of its id up
 * to it, from two different directives, so that "is line L covered by a directive other
 * than D" is a binary search. */
typedef struct {
    const char *id;
    unsigned from, to;
    size_t entry;
    size_t dir;
    unsigned to1, to2; /* prefix maxima of `to`, from directives dir1 != dir2 */
    size_t dir1, dir2;
    bool has2;
} slot;

/* A slot id: its slots are slots[start .. start + n). */
typedef struct {
    const char *id;
    size_t start, n;
} group;

/* A finding's line under one id it matches (for marking suppressions used). */
typedef struct {
    size_t group;
    unsigned line, col;
} hit;

typedef struct {
    mc_arena *a;
    const mc_doc *doc;
    const mc_rules *rules;
    const mc_config *cfg;
    mc_vec dirs;      /* directive * */
    mc_vec entries;   /* entry * */
    mc_vec meta;      /* mc_finding * (arena), findings about suppressions */
    mc_vec opens;     /* open_ranges * (arena), one per id */
    unsigned *next;   /* next_target() for each line, built at the first next-line directive */
    unsigned *extent; /* yaml_line_end() for each line, built at the first YAML directive */
    slot *slots;
    size_t nslots;
    group *groups;
    size_t ngroups;
    hit *hits;
    size_t nhits, caphits;
    int rc;
} ctx;

/* The findings about suppressions: MC901, MC902, MC903. Their names, titles, severities and
 * messages are the rule catalogue's (rules/MC9-meta.yaml). */
static const char *const meta_ids[] = {"MC901", "MC902", "MC903"};

/* The meta rule `which` of the catalogue in use, else of the built-in one. */
static const mc_rule *meta_rule(const ctx *c, int which)
{
    const mc_rule *r = c->rules ? mc_rules_find(c->rules, meta_ids[which]) : NULL;

    return r ? r : mc_rules_find(mc_rules_builtin(), meta_ids[which]);
}

/* Add a finding of meta rule `which` with `message` (malloc'd, taken). */
static void add_meta_message(ctx *c, int which, mc_span span, char *message)
{
    const mc_rule *r = meta_rule(c, which);
    mc_finding *f = NULL;
    const char *line;
    size_t len = 0;

    if (message == NULL || r == NULL || (f = mc_arena_alloc(c->a, sizeof(*f))) == NULL) {
        c->rc = r == NULL && message
                    ? mc_error_set(MC_ERROR, "%s is not in the rule catalogue", meta_ids[which])
                    : MC_ENOMEM;
        free(message);
        return;
    }
    f->rule = r->id;
    f->name = r->name;
    f->title = r->title;
    f->severity = r->severity;
    f->path = mc_doc_path(c->doc);
    f->span = span;
    f->message = mc_arena_strdup(c->a, message);
    line = mc_doc_line(c->doc, span.line, &len);
    f->snippet = line ? mc_arena_strndup(c->a, line, len) : NULL;
    free(message);
    if (f->message == NULL || mc_vec_push(&c->meta, f) < 0)
        c->rc = MC_ENOMEM;
}

/* A finding with the rule's message template, its one placeholder `key` set to `value`. */
static void add_meta(ctx *c, int which, mc_span span, const char *key, const char *value)
{
    const mc_rule *r = meta_rule(c, which);
    const char *pairs[2] = {key, value};

    add_meta_message(c, which, span,
                     r && r->message ? mc_template_expand(r->message, pairs, 1) : NULL);
}

/* A finding with a message of its own, for the cases the rule's one template does not
 * word (an mclint-enable closing nothing, an unknown directive). */
static void add_meta_text(ctx *c, int which, mc_span span, const char *fmt, ...) MC_PRINTF(4, 5);
static void add_meta_text(ctx *c, int which, mc_span span, const char *fmt, ...)
{
    mc_buf b = MC_BUF_INIT;
    va_list ap;

    va_start(ap, fmt);
    mc_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    if (!mc_buf_ok(&b)) {
        mc_buf_release(&b);
        c->rc = MC_ENOMEM;
        return;
    }
    add_meta_message(c, which, span, mc_buf_detach(&b));
}

/* Offset of the " -- " separating the reason, or -1. */
static long find_separator(const char *s, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++)
        if (s[i] == '-' && s[i + 1] == '-' && (i == 0 || isspace((unsigned char)s[i - 1])) &&
            (i + 2 == n || isspace((unsigned char)s[i + 2])))
            return (long)i;
    return -1;
}

static bool is_prefix_of_some_rule(const mc_rules *rules, const char *p)
{
    if (strlen(p) < 3)
        return false;
    for (size_t i = 0; i < mc_rules_count(rules); i++)
        if (mc_has_prefix(mc_rules_at(rules, i)->id, p))
            return true;
    return false;
}

/* Resolve a rule id, rule name, family prefix or ALL; NULL if unknown. */
static const char *resolve_id(ctx *c, const char *tok)
{
    const mc_rule *r;

    if (!strcmp(tok, "ALL"))
        return "ALL";
    if (c->rules == NULL)
        return tok;
    if ((r = mc_rules_find(c->rules, tok)) != NULL)
        return r->id;
    return is_prefix_of_some_rule(c->rules, tok) ? tok : NULL;
}

static int kind_of(const char *w, size_t n)
{
    static const struct {
        const char *word;
        int kind;
    } words[] = {{"mclint-disable-next-line", K_NEXT_LINE},
                 {"mclint-disable-line", K_LINE},
                 {"mclint-disable", K_RANGE},
                 {"mclint-disable-file", K_FILE},
                 {"mclint-enable", K_ENABLE}};

    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
        if (strlen(words[i].word) == n && !memcmp(words[i].word, w, n))
            return words[i].kind;
    return -1;
}

static bool is_pragma(const mc_comment *cm)
{
    return cm->text && mc_has_prefix(cm->text, "mclint-");
}

static bool blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!isspace((unsigned char)s[i]))
            return false;
    return true;
}

/* True if line `l` holds nothing but a YAML comment (in the front matter). */
static bool yaml_comment_line(const ctx *c, unsigned l, const char *s, size_t len)
{
    size_t i = 0;

    if (mc_doc_line_kind(c->doc, l) != MC_LINE_FRONT_MATTER)
        return false;
    while (i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return i < len && s[i] == '#';
}

/* The line a disable-next-line comment applies to: the next line that is neither blank
 * nor another one-line mclint comment (nor, in the front matter, a comment line). 0 if
 * none. The answer for every line is computed once, backwards, so stacked comments cost
 * one pass over the document. */
static unsigned next_target(ctx *c, unsigned after)
{
    unsigned n = mc_doc_line_count(c->doc);

    if (after >= n)
        return 0;
    if (c->next == NULL) {
        unsigned *next = calloc((size_t)n + 2, sizeof(*next));
        bool *pragma = calloc((size_t)n + 2, sizeof(*pragma));

        if (next == NULL || pragma == NULL) {
            free(next);
            free(pragma);
            c->rc = MC_ENOMEM;
            return 0;
        }
        for (size_t k = 0; k < mc_doc_comment_count(c->doc); k++) {
            const mc_comment *cm = mc_doc_comment_at(c->doc, k);
            if (cm->span.line >= 1 && cm->span.line <= n && cm->span.end_line == cm->span.line &&
                is_pragma(cm) && !cm->yaml)
                pragma[cm->span.line] = true;
        }
        for (unsigned l = n; l >= 1; l--) {
            size_t len = 0;
            const char *s = mc_doc_line(c->doc, l, &len);
            next[l] = s == NULL                                                       ? 0
                      : blank(s, len) || pragma[l] || yaml_comment_line(c, l, s, len) ? next[l + 1]
                                                                                      : l;
        }
        free(pragma);
        c->next = next;
    }
    return c->next[after + 1];
}

/* One pass over the front matter's YAML tree: returns the last line of node n's text (its
 * scalars' ends; an end at the start of a line, as libyaml gives after a block scalar's
 * line breaks, belongs to the line before), and records in ext[L], for each mapping key
 * that starts on line L, the last line of its entry (key and value). Linear in the tree. */
static unsigned fill_extents(const mc_ynode *n, unsigned *ext, unsigned nlines, unsigned depth)
{
    mc_span sp;
    unsigned last = 0;

    if (n == NULL || depth > 128)
        return 0;
    sp = mc_ynode_span(n);
    if (mc_ynode_kind_of(n) == MC_YNODE_SCALAR || mc_ynode_kind_of(n) == MC_YNODE_NULL) {
        last = sp.end_line;
        if (sp.end_col <= 1 && sp.end_line > sp.line)
            last--;
        return last > sp.line ? last : sp.line;
    }
    for (size_t i = 0; i < mc_ynode_size(n); i++) {
        unsigned k;
        if (mc_ynode_kind_of(n) == MC_YNODE_MAP) {
            unsigned kl = mc_ynode_span(mc_ynode_key(n, i)).line;
            k = fill_extents(mc_ynode_value(n, i), ext, nlines, depth + 1);
            if (kl >= 1 && kl <= nlines && (k > ext[kl] || ext[kl] == 0))
                ext[kl] = k > kl ? k : kl;
        } else {
            k = fill_extents(mc_ynode_item(n, i), ext, nlines, depth + 1);
        }
        if (k > last)
            last = k;
    }
    return last > sp.line ? last : sp.line;
}

/* The last line a one-line suppression written as a YAML comment covers from `line`: the
 * end of the entry of a mapping key that starts there (the outermost, when several do),
 * else `line`. The table is built once per card, at the first such suppression. */
static unsigned yaml_line_end(ctx *c, unsigned line)
{
    const mc_yaml *y = mc_doc_yaml(c->doc);
    unsigned n = mc_doc_line_count(c->doc);

    if (line == 0 || line > n || y == NULL ||
        mc_doc_line_kind(c->doc, line) != MC_LINE_FRONT_MATTER)
        return line;
    if (c->extent == NULL) {
        if ((c->extent = calloc((size_t)n + 1, sizeof(*c->extent))) == NULL) {
            c->rc = MC_ENOMEM;
            return line;
        }
        fill_extents(mc_yaml_root(y), c->extent, n, 0);
    }
    return c->extent[line] > line ? c->extent[line] : line;
}

static open_ranges *opens_of(ctx *c, const char *id)
{
    open_ranges *o;

    for (size_t i = 0; i < c->opens.len; i++) {
        o = c->opens.items[i];
        if (!strcmp(o->id, id))
            return o;
    }
    o = mc_arena_alloc(c->a, sizeof(*o));
    if (o == NULL || mc_vec_push(&c->opens, o) < 0) {
        c->rc = MC_ENOMEM;
        return NULL;
    }
    o->id = id;
    o->open = (mc_vec)MC_VEC_INIT;
    return o;
}

/* mclint-enable ID closes the latest open range of ID; mclint-enable (ALL) closes every
 * open range. Each range is closed once and leaves its list then: linear in all. */
static void close_range(ctx *c, const char *id, mc_span span)
{
    bool any = false;

    for (size_t i = 0; i < c->opens.len; i++) {
        open_ranges *o = c->opens.items[i];
        if (strcmp(id, "ALL") != 0 && strcmp(o->id, id) != 0)
            continue;
        while (o->open.len > 0) {
            entry *e = o->open.items[--o->open.len];
            if (!e->open)
                continue;
            e->open = false;
            e->to = span.line;
            any = true;
            if (strcmp(id, "ALL") != 0)
                break;
        }
        if (strcmp(id, "ALL") != 0)
            break;
    }
    if (!any)
        add_meta_text(c, 1, span, "mclint-enable %s without a matching mclint-disable", id);
}

static void push_open(ctx *c, entry *e)
{
    open_ranges *o = opens_of(c, e->id);

    if (o && mc_vec_push(&o->open, e) < 0)
        c->rc = MC_ENOMEM;
}

/* The lines of a next-line or same-line suppression: the target line; written as a YAML
 * comment on (or before) a mapping key, every line of that key's entry. */
static void line_entry(ctx *c, entry *e, const mc_comment *cm, int kind)
{
    unsigned end = cm->span.end_line ? cm->span.end_line : cm->span.line;

    e->from = e->to = kind == K_LINE ? cm->span.line : next_target(c, end);
    if (cm->yaml && e->from)
        e->to = yaml_line_end(c, e->from);
}

static void parse_comment(ctx *c, const mc_comment *cm)
{
    const char *t = cm->text, *ids, *sep_at;
    size_t n = strlen(t), w = 0, idlen;
    long sep;
    int kind;
    directive *d;
    bool any_id = false, has_reason = false;

    while (w < n && !isspace((unsigned char)t[w]))
        w++;
    if ((kind = kind_of(t, w)) < 0) {
        add_meta_text(c, 2, cm->span, "unknown mclint directive '%.*s'", (int)(w > 60 ? 60 : w), t);
        return;
    }
    ids = t + w;
    sep = find_separator(ids, n - w);
    idlen = sep < 0 ? n - w : (size_t)sep;
    if (sep >= 0) {
        for (sep_at = ids + sep + 2; *sep_at; sep_at++)
            if (!isspace((unsigned char)*sep_at))
                has_reason = true;
    }
    d = mc_arena_alloc(c->a, sizeof(*d));
    if (d == NULL || mc_vec_push(&c->dirs, d) < 0) {
        c->rc = MC_ENOMEM;
        return;
    }
    d->kind = kind;
    d->span = cm->span;
    d->valid = has_reason || kind == K_ENABLE;
    d->first = c->entries.len;
    d->count = 0;
    if (!d->valid) {
        /* the form to write, in the comment syntax the directive was written in */
        char *form = mc_arena_printf(
            c->a, cm->yaml ? "# %.*s RULE -- why" : "<!-- %.*s RULE -- why -->", (int)w, t);
        if (form == NULL) {
            c->rc = MC_ENOMEM;
            return;
        }
        add_meta(c, 0, cm->span, "form", form);
    }
    for (size_t i = 0; i <= idlen && c->rc == 0;) {
        size_t j = i;
        char *tok;
        const char *id;

        while (j < idlen && !isspace((unsigned char)ids[j]) && ids[j] != ',')
            j++;
        if (j == i) {
            if (j == idlen)
                break;
            i = j + 1;
            continue;
        }
        tok = mc_arena_strndup(c->a, ids + i, j - i);
        i = j;
        if (tok == NULL) {
            c->rc = MC_ENOMEM;
            return;
        }
        any_id = true;
        if ((id = resolve_id(c, tok)) == NULL) {
            if (strlen(tok) > 60)
                tok[60] = '\0'; /* as much of it as a message shows */
            add_meta(c, 2, cm->span, "rule", tok);
            continue;
        }
        if (kind == K_ENABLE) {
            close_range(c, id, cm->span);
            continue;
        }
        entry *e = mc_arena_alloc(c->a, sizeof(*e));
        if (e == NULL || mc_vec_push(&c->entries, e) < 0) {
            c->rc = MC_ENOMEM;
            return;
        }
        e->dir = c->dirs.len - 1;
        e->id = id;
        d->count++;
        if (kind == K_FILE) {
            e->from = 0;
            e->to = UINT_MAX;
        } else if (kind == K_RANGE) {
            e->from = cm->span.line;
            e->to = UINT_MAX;
            e->open = true;
            push_open(c, e);
        } else {
            line_entry(c, e, cm, kind);
        }
    }
    if (!any_id && c->rc == 0) {
        /* no rule named: all rules */
        if (kind == K_ENABLE) {
            close_range(c, "ALL", cm->span);
        } else {
            entry *e = mc_arena_alloc(c->a, sizeof(*e));
            if (e == NULL || mc_vec_push(&c->entries, e) < 0) {
                c->rc = MC_ENOMEM;
                return;
            }
            e->dir = c->dirs.len - 1;
            e->id = "ALL";
            d->count++;
            e->from = kind == K_FILE ? 0 : kind == K_RANGE ? cm->span.line : 0;
            e->to = UINT_MAX;
            if (kind == K_NEXT_LINE || kind == K_LINE)
                line_entry(c, e, cm, kind);
            e->open = kind == K_RANGE;
            if (e->open)
                push_open(c, e);
        }
    }
}

static int cmp_slot(const void *x, const void *y)
{
    const slot *a = x, *b = y;
    int k = strcmp(a->id, b->id);

    if (k)
        return k;
    if (a->from != b->from)
        return a->from < b->from ? -1 : 1;
    return a->entry < b->entry ? -1 : a->entry > b->entry;
}

/* The slot index: every entry that can suppress (a directive with a reason; a next-line
 * one with a target line), grouped by id and sorted by first line, with prefix maxima. */
static int build_index(ctx *c)
{
    size_t n = 0;

    for (size_t i = 0; i < c->entries.len; i++) {
        const entry *e = c->entries.items[i];
        const directive *d = c->dirs.items[e->dir];
        if (d->valid && !(d->kind == K_NEXT_LINE && e->from == 0))
            n++;
    }
    if (n == 0)
        return 0;
    c->slots = calloc(n, sizeof(*c->slots));
    c->groups = calloc(n, sizeof(*c->groups));
    if (c->slots == NULL || c->groups == NULL)
        return MC_ENOMEM;
    for (size_t i = 0; i < c->entries.len; i++) {
        const entry *e = c->entries.items[i];
        const directive *d = c->dirs.items[e->dir];
        if (!d->valid || (d->kind == K_NEXT_LINE && e->from == 0))
            continue;
        c->slots[c->nslots].id = e->id;
        c->slots[c->nslots].from = e->from;
        c->slots[c->nslots].to = e->to;
        c->slots[c->nslots].entry = i;
        c->slots[c->nslots].dir = e->dir;
        c->nslots++;
    }
    qsort(c->slots, c->nslots, sizeof(*c->slots), cmp_slot);
    for (size_t i = 0; i < c->nslots; i++) {
        slot *sl = &c->slots[i];
        if (i == 0 || strcmp(c->slots[i - 1].id, sl->id) != 0) {
            c->groups[c->ngroups].id = sl->id;
            c->groups[c->ngroups].start = i;
            c->ngroups++;
            sl->to1 = sl->to;
            sl->dir1 = sl->dir;
            sl->has2 = false;
        } else {
            const slot *p = &c->slots[i - 1];
            sl->to1 = p->to1;
            sl->dir1 = p->dir1;
            sl->to2 = p->to2;
            sl->dir2 = p->dir2;
            sl->has2 = p->has2;
            if (sl->dir == sl->dir1) {
                if (sl->to > sl->to1)
                    sl->to1 = sl->to;
            } else if (sl->to > sl->to1) {
                sl->to2 = sl->to1;
                sl->dir2 = sl->dir1;
                sl->has2 = true;
                sl->to1 = sl->to;
                sl->dir1 = sl->dir;
            } else if (!sl->has2 || sl->to > sl->to2) {
                sl->to2 = sl->to;
                sl->dir2 = sl->dir;
                sl->has2 = true;
            }
        }
        c->groups[c->ngroups - 1].n++;
    }
    return 0;
}

/* The group of the id equal to the first `len` bytes of `id`, or -1. */
static long find_group(const ctx *c, const char *id, size_t len)
{
    size_t lo = 0, hi = c->ngroups;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *g = c->groups[mid].id;
        int k = strncmp(g, id, len);
        if (k == 0)
            k = g[len] != '\0';
        if (k == 0)
            return (long)mid;
        if (k < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* The groups whose id matches a rule: ALL and every prefix of the rule id (the full id
 * included). Calls fn for each; stops early when it returns true. */
static bool each_group(const ctx *c, const char *rule, bool (*fn)(ctx *, size_t, void *), void *arg)
{
    size_t len = strlen(rule);
    long g = find_group(c, "ALL", 3);

    if (g >= 0 && fn((ctx *)c, (size_t)g, arg))
        return true;
    for (size_t k = 1; k <= len; k++) {
        if ((g = find_group(c, rule, k)) >= 0 && fn((ctx *)c, (size_t)g, arg))
            return true;
    }
    return false;
}

typedef struct {
    unsigned line, col;
    bool not_self; /* a directive at (line, col) does not count (a finding about it) */
} cover_q;

static bool at_self(const ctx *c, size_t dir, const cover_q *q)
{
    const directive *d = c->dirs.items[dir];

    return q->not_self && d->span.line == q->line && d->span.col == q->col;
}

/* Is the query's line covered by a slot of group g (from a directive other than the one
 * the finding is about)? The last slot starting at or before the line holds the two
 * largest ends so far, from two different directives. */
static bool group_covers(ctx *c, size_t g, void *arg)
{
    const cover_q *q = arg;
    const group *gr = &c->groups[g];
    size_t lo = 0, hi = gr->n;
    const slot *sl;

    while (lo < hi) { /* first slot with from > line */
        size_t mid = lo + (hi - lo) / 2;
        if (c->slots[gr->start + mid].from <= q->line)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return false;
    sl = &c->slots[gr->start + lo - 1];
    if (sl->to1 >= q->line && !at_self(c, sl->dir1, q))
        return true;
    return sl->has2 && sl->to2 >= q->line;
}

/* Whether a finding is suppressed; a finding about a suppression comment is never
 * suppressed by that comment. A finding about the file as a whole (line 0) only by
 * mclint-disable-file (the only slots starting at line 0). */
static bool suppressed(const ctx *c, const mc_finding *f, bool about_comment)
{
    cover_q q = {f->span.line, f->span.col, about_comment};

    return each_group(c, f->rule, group_covers, &q);
}

typedef struct {
    unsigned line, col;
} hit_pos;

static bool add_hit(ctx *c, size_t g, void *arg)
{
    const hit_pos *p = arg;

    if (c->nhits == c->caphits) {
        size_t cap = c->caphits ? c->caphits * 2 : 64;
        hit *grown = realloc(c->hits, cap * sizeof(*grown));
        if (grown == NULL) {
            c->rc = MC_ENOMEM;
            return true;
        }
        c->hits = grown;
        c->caphits = cap;
    }
    c->hits[c->nhits].group = g;
    c->hits[c->nhits].line = p->line;
    c->hits[c->nhits].col = p->col;
    c->nhits++;
    return false;
}

static int cmp_hit(const void *x, const void *y)
{
    const hit *a = x, *b = y;

    if (a->group != b->group)
        return a->group < b->group ? -1 : 1;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    return a->col < b->col ? -1 : a->col > b->col;
}

/* Marks used every slot that holds one of the recorded findings (under a matching id);
 * with `not_self`, a finding at the slot's own directive does not count. Sorting the
 * findings by id and line makes it one binary search per slot. */
static void mark_used(ctx *c, bool not_self)
{
    size_t h = 0;

    if (c->nhits > 1)
        qsort(c->hits, c->nhits, sizeof(*c->hits), cmp_hit);
    for (size_t g = 0; g < c->ngroups; g++) {
        size_t h0, h1;
        while (h < c->nhits && c->hits[h].group < g)
            h++;
        h0 = h;
        while (h < c->nhits && c->hits[h].group == g)
            h++;
        h1 = h;
        if (h0 == h1)
            continue;
        for (size_t i = c->groups[g].start; i < c->groups[g].start + c->groups[g].n; i++) {
            const slot *sl = &c->slots[i];
            const directive *d = c->dirs.items[sl->dir];
            size_t lo = h0, hi = h1;
            entry *e = c->entries.items[sl->entry];

            while (lo < hi) { /* first hit at or after the slot's first line */
                size_t mid = lo + (hi - lo) / 2;
                if (c->hits[mid].line < sl->from)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            if (not_self && lo < h1 && c->hits[lo].line == d->span.line &&
                c->hits[lo].col == d->span.col) {
                /* skip the findings about this slot's own comment */
                size_t l2 = lo, h2 = h1;
                while (l2 < h2) {
                    size_t mid = l2 + (h2 - l2) / 2;
                    const hit *x = &c->hits[mid];
                    if (x->line < d->span.line ||
                        (x->line == d->span.line && x->col <= d->span.col))
                        l2 = mid + 1;
                    else
                        h2 = mid;
                }
                lo = l2;
            }
            if (lo < h1 && c->hits[lo].line <= sl->to)
                e->used = true;
        }
    }
    c->nhits = 0;
}

typedef struct {
    ctx *c;
    const char *path;
} keep_arg;

static int keep_unsuppressed(const mc_finding *f, void *payload)
{
    keep_arg *k = payload;
    hit_pos p = {f->span.line, f->span.col};

    if (!mc_streq(f->path, k->path))
        return 1;
    (void)each_group(k->c, f->rule, add_hit, &p);
    return !suppressed(k->c, f, false);
}

int mc_suppressions_apply(mc_report *report, const mc_doc *doc, const mc_rules *rules,
                          const mc_config *cfg)
{
    ctx c = {0};
    keep_arg k;
    size_t nmeta;

    if (doc == NULL || !mc_config_inline_enabled(cfg) || mc_doc_comment_count(doc) == 0)
        return 0;
    c.doc = doc;
    c.cfg = cfg;
    c.rules = rules ? rules : cfg ? mc_config_rules(cfg) : NULL;
    if ((c.a = mc_arena_new()) == NULL)
        return mc_error_set(MC_ENOMEM, "out of memory");
    for (size_t i = 0; i < mc_doc_comment_count(doc) && c.rc == 0; i++) {
        const mc_comment *cm = mc_doc_comment_at(doc, i);
        if (is_pragma(cm))
            parse_comment(&c, cm);
    }
    if (c.rc < 0)
        goto done;
    if ((c.rc = build_index(&c)) < 0)
        goto done;
    k.c = &c;
    k.path = mc_doc_path(doc);
    mc_report_filter(report, keep_unsuppressed, &k);
    if (c.rc < 0)
        goto done;
    mark_used(&c, false);

    /* MC901/MC903 findings may themselves be suppressed (marking what covers them used) */
    nmeta = c.meta.len;
    for (size_t i = 0; i < nmeta && c.rc == 0; i++) {
        const mc_finding *f = c.meta.items[i];
        hit_pos p = {f->span.line, f->span.col};
        (void)each_group(&c, f->rule, add_hit, &p);
    }
    if (c.rc < 0)
        goto done;
    mark_used(&c, true);
    /* unused suppressions, one finding per directive; a suppression aimed at MC902 itself
     * is never reported as unused */
    for (size_t d = 0; d < c.dirs.len && c.rc == 0; d++) {
        const directive *dir = c.dirs.items[d];
        mc_buf ids = MC_BUF_INIT;
        if (!dir->valid || dir->kind == K_ENABLE)
            continue;
        for (size_t i = dir->first; i < dir->first + dir->count; i++) {
            const entry *e = c.entries.items[i];
            if (e->used || (strcmp(e->id, "ALL") && mc_has_prefix("MC902", e->id)))
                continue;
            /* a rule the configuration turns off here was not run: nothing to suppress */
            if (c.cfg && c.rules && mc_rules_find(c.rules, e->id) &&
                mc_config_severity(c.cfg, e->id, mc_doc_path(doc)) == MC_SEV_NONE)
                continue;
            if (ids.len)
                mc_buf_puts(&ids, ", ");
            mc_buf_puts(&ids, e->id);
        }
        if (!mc_buf_ok(&ids))
            c.rc = MC_ENOMEM;
        else if (ids.len)
            add_meta(&c, 1, dir->span, "rules", mc_buf_cstr(&ids));
        mc_buf_release(&ids);
    }
    for (size_t i = 0; i < c.meta.len && c.rc == 0; i++) {
        const mc_finding *f = c.meta.items[i];
        if (!suppressed(&c, f, true))
            c.rc = mc_report_add(report, f);
    }
done:
    for (size_t i = 0; i < c.opens.len; i++)
        mc_vec_release(&((open_ranges *)c.opens.items[i])->open);
    mc_vec_release(&c.opens);
    free(c.next);
    free(c.extent);
    free(c.slots);
    free(c.groups);
    free(c.hits);
    mc_vec_release(&c.dirs);
    mc_vec_release(&c.entries);
    mc_vec_release(&c.meta);
    mc_arena_free(c.a);
    if (c.rc == MC_ENOMEM)
        return mc_error_set(MC_ENOMEM, "out of memory");
    return c.rc;
}
