/* Inline suppressions in Markdown HTML comments, and the findings about them (MC9xx). */
#include "mclint/config.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/str.h"
#include "util/vec.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

enum { K_NEXT_LINE, K_RANGE, K_FILE, K_ENABLE };

typedef struct {
    int kind;
    mc_span span;
    bool valid; /* has a reason: it suppresses */
} directive;

typedef struct {
    size_t dir;     /* index of its directive */
    const char *id; /* rule id, prefix, or "ALL" */
    unsigned from;  /* lines covered, inclusive */
    unsigned to;
    bool open; /* a range not closed yet */
    bool used;
} entry;

typedef struct {
    mc_arena *a;
    const mc_doc *doc;
    const mc_rules *rules;
    mc_vec dirs;    /* directive * */
    mc_vec entries; /* entry * */
    mc_vec meta;    /* mc_finding * (arena), findings about suppressions */
    int rc;
} ctx;

static const struct {
    const char *id, *name, *title;
} meta_rules[] = {
    {"MC901", "suppression-without-reason", "Inline suppression without a reason"},
    {"MC902", "unused-suppression", "Inline suppression that suppresses nothing"},
    {"MC903", "invalid-suppression", "Inline suppression names an unknown rule or directive"},
};

static void add_meta(ctx *c, int which, mc_span span, const char *fmt, ...) MC_PRINTF(4, 5);
static void add_meta(ctx *c, int which, mc_span span, const char *fmt, ...)
{
    const mc_rule *r = c->rules ? mc_rules_find(c->rules, meta_rules[which].id) : NULL;
    mc_finding *f = mc_arena_alloc(c->a, sizeof(*f));
    mc_buf b = MC_BUF_INIT;
    const char *line;
    size_t len = 0;
    va_list ap;

    if (f == NULL) {
        c->rc = MC_ENOMEM;
        return;
    }
    va_start(ap, fmt);
    mc_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    f->rule = meta_rules[which].id;
    f->name = r ? r->name : meta_rules[which].name;
    f->title = r ? r->title : meta_rules[which].title;
    f->severity = r ? r->severity : MC_SEV_WARNING;
    f->path = mc_doc_path(c->doc);
    f->span = span;
    f->message = mc_buf_ok(&b) ? mc_arena_strdup(c->a, mc_buf_cstr(&b)) : NULL;
    line = mc_doc_line(c->doc, span.line, &len);
    f->snippet = line ? mc_arena_strndup(c->a, line, len) : NULL;
    mc_buf_release(&b);
    if (f->message == NULL || mc_vec_push(&c->meta, f) < 0)
        c->rc = MC_ENOMEM;
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

/* The line a disable-next-line comment applies to: the next line that is neither blank
 * nor another one-line mclint comment. 0 if none. */
static unsigned next_target(const mc_doc *doc, unsigned after)
{
    unsigned n = mc_doc_line_count(doc);

    for (unsigned l = after + 1; l <= n; l++) {
        size_t len = 0, i = 0;
        const char *s = mc_doc_line(doc, l, &len);
        bool pragma = false;

        if (s == NULL)
            return 0;
        while (i < len && isspace((unsigned char)s[i]))
            i++;
        if (i == len)
            continue;
        for (size_t k = 0; k < mc_doc_comment_count(doc) && !pragma; k++) {
            const mc_comment *cm = mc_doc_comment_at(doc, k);
            pragma = cm->span.line == l && cm->span.end_line == l && is_pragma(cm);
        }
        if (!pragma)
            return l;
    }
    return 0;
}

static void close_range(ctx *c, const char *id, mc_span span)
{
    bool any = false;

    for (size_t i = c->entries.len; i > 0; i--) {
        entry *e = c->entries.items[i - 1];
        if (e->open && (!strcmp(id, "ALL") || !strcmp(e->id, id))) {
            e->open = false;
            e->to = span.line;
            any = true;
            if (strcmp(id, "ALL") != 0)
                break;
        }
    }
    if (!any)
        add_meta(c, 1, span, "mclint-enable %s without a matching mclint-disable", id);
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
        add_meta(c, 2, cm->span, "unknown mclint directive '%.*s'", (int)(w > 60 ? 60 : w), t);
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
    if (!d->valid)
        add_meta(c, 0, cm->span,
                 "suppression without a reason: write <!-- %.*s RULE -- why -->; it is not applied",
                 (int)w, t);
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
            add_meta(c, 2, cm->span, "unknown rule '%.60s' in suppression", tok);
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
        if (kind == K_FILE) {
            e->from = 0;
            e->to = UINT_MAX;
        } else if (kind == K_RANGE) {
            e->from = cm->span.line;
            e->to = UINT_MAX;
            e->open = true;
        } else {
            e->from = e->to =
                next_target(c->doc, cm->span.end_line ? cm->span.end_line : cm->span.line);
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
            e->from = kind == K_FILE ? 0 : kind == K_RANGE ? cm->span.line : 0;
            e->to = kind == K_NEXT_LINE ? 0 : UINT_MAX;
            if (kind == K_NEXT_LINE)
                e->from = e->to =
                    next_target(c->doc, cm->span.end_line ? cm->span.end_line : cm->span.line);
            e->open = kind == K_RANGE;
        }
    }
}

static bool covers(const ctx *c, const entry *e, const mc_finding *f)
{
    const directive *d = c->dirs.items[e->dir];

    if (!d->valid)
        return false;
    if (strcmp(e->id, "ALL") != 0 && !mc_has_prefix(f->rule, e->id))
        return false;
    if (f->span.line == 0)
        return d->kind == K_FILE;
    if (d->kind == K_NEXT_LINE && e->from == 0)
        return false;
    return f->span.line >= e->from && f->span.line <= e->to;
}

typedef struct {
    ctx *c;
    const char *path;
} keep_arg;

static int keep_unsuppressed(const mc_finding *f, void *payload)
{
    keep_arg *k = payload;
    bool hit = false;

    if (!mc_streq(f->path, k->path))
        return 1;
    for (size_t i = 0; i < k->c->entries.len; i++) {
        entry *e = k->c->entries.items[i];
        if (covers(k->c, e, f)) {
            e->used = true;
            hit = true;
        }
    }
    return !hit;
}

/* Whether a finding about a suppression comment is suppressed by another comment; the
 * suppressions that cover it are marked used when `mark` is set. */
static bool meta_suppressed(ctx *c, const mc_finding *f, bool mark)
{
    bool hit = false;

    for (size_t j = 0; j < c->entries.len; j++) {
        entry *e = c->entries.items[j];
        const directive *d = c->dirs.items[e->dir];
        /* a comment never suppresses a finding about itself */
        if (d->span.line == f->span.line && d->span.col == f->span.col)
            continue;
        if (covers(c, e, f)) {
            hit = true;
            if (mark)
                e->used = true;
        }
    }
    return hit;
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
    k.c = &c;
    k.path = mc_doc_path(doc);
    mc_report_filter(report, keep_unsuppressed, &k);

    /* MC901/MC903 findings may themselves be suppressed (marking what covers them used) */
    nmeta = c.meta.len;
    for (size_t i = 0; i < nmeta; i++)
        (void)meta_suppressed(&c, c.meta.items[i], true);
    /* unused suppressions, one finding per directive; a suppression aimed at MC902 itself
     * is never reported as unused */
    for (size_t d = 0; d < c.dirs.len && c.rc == 0; d++) {
        const directive *dir = c.dirs.items[d];
        mc_buf ids = MC_BUF_INIT;
        if (!dir->valid || dir->kind == K_ENABLE)
            continue;
        for (size_t i = 0; i < c.entries.len; i++) {
            const entry *e = c.entries.items[i];
            if (e->dir != d || e->used || (strcmp(e->id, "ALL") && mc_has_prefix("MC902", e->id)))
                continue;
            if (ids.len)
                mc_buf_puts(&ids, ", ");
            mc_buf_puts(&ids, e->id);
        }
        if (!mc_buf_ok(&ids))
            c.rc = MC_ENOMEM;
        else if (ids.len)
            add_meta(&c, 1, dir->span, "unused suppression: %s suppressed nothing",
                     mc_buf_cstr(&ids));
        mc_buf_release(&ids);
    }
    for (size_t i = 0; i < c.meta.len && c.rc == 0; i++) {
        const mc_finding *f = c.meta.items[i];
        bool hit = meta_suppressed(&c, f, false);
        if (!hit)
            c.rc = mc_report_add(report, f);
    }
done:
    mc_vec_release(&c.dirs);
    mc_vec_release(&c.entries);
    mc_vec_release(&c.meta);
    mc_arena_free(c.a);
    if (c.rc == MC_ENOMEM)
        return mc_error_set(MC_ENOMEM, "out of memory");
    return c.rc;
}
