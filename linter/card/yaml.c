/*
 * A positioned YAML tree built from libyaml's event API (see mclint/yaml.h).
 *
 * Nodes live in an arena owned by the mc_yaml. While a collection is open its children
 * are collected on one malloc'd stack shared by the open collections (each frame knows
 * where its children start) and copied into the arena when it closes. Anchors are registered when
 * their node is complete, so an alias can never point at one of its own ancestors (no cycles); an
 * alias to an unknown or still-open anchor becomes a NULL node.
 *
 * Positions come from libyaml's marks (0-based, counted in characters). libyaml also
 * treats U+0085, U+2028 and U+2029 as line breaks, which the document line table does
 * not; such characters in front matter shift the reported lines of what follows them.
 */
#include "mclint/yaml.h"

#include "card/yfast.h"

#include "util/arena.h"
#include "util/str.h"
#include "util/vec.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/types.h>
#include <time.h>
#include <yaml.h>

#define DEFAULT_MAX_DEPTH 64
#define DEFAULT_MAX_NODES 100000
#define DEFAULT_MAX_SCALAR (1024 * 1024)
#define MAX_DIAGS 1000
#define SMALL_MAP 32
#define ANCHOR_MIN_BUCKETS 64

struct mc_ynode {
    mc_ynode_kind kind;
    bool plain;
    mc_span span;
    const char *str;
    size_t len;
    size_t n;               /* items of a sequence, entries of a mapping */
    const mc_ynode **items; /* seq: n items; map: 2n (key, value, key, value...) */
    size_t weight;          /* nodes in the expanded subtree */
};

typedef struct anchor {
    struct anchor *next;
    const char *name;
    const mc_ynode *node;
    uint64_t hash;
} anchor;

typedef struct {
    mc_ynode *node;
    size_t base;        /* its children: builder.kids from this index on */
    const char *anchor; /* arena copy, or NULL */
} frame;

struct mc_yaml {
    mc_arena *arena;
    const mc_ynode *root;
    mc_ydiag *diags;
    size_t ndiags;
    size_t capdiags;
    size_t syntax; /* index of the syntax diagnostic, or SIZE_MAX */
};

typedef struct {
    mc_yaml *y;
    const char *text;
    size_t len;
    unsigned first_line;
    unsigned max_depth;
    size_t max_nodes;
    size_t max_scalar;
    frame *frames;
    mc_vec kids; /* children of the open collections, innermost last */
    size_t nframes;
    size_t capframes;
    size_t skip;  /* > 0 while skipping a subtree too deep to build */
    size_t count; /* nodes built, aliases counted expanded */
    bool limit_depth, limit_nodes, limit_alias, limit_scalar, limit_diags;
    bool stop;
    bool nomem;
    /* anchors: chained hash table, grown to keep chains short, hashed with SipHash under
     * a random key drawn for each document, so names cannot be chosen to collide */
    anchor **anchors;
    size_t nbuckets, nanchors;
    uint64_t anchor_key[2];
} builder;

static mc_span mark_span(const builder *b, yaml_mark_t s, yaml_mark_t e)
{
    mc_span sp;

    sp.line = (unsigned)s.line + b->first_line;
    sp.col = (unsigned)s.column + 1;
    sp.end_line = (unsigned)e.line + b->first_line;
    sp.end_col = (unsigned)e.column + 1;
    if (sp.end_line < sp.line || (sp.end_line == sp.line && sp.end_col < sp.col)) {
        sp.end_line = sp.line;
        sp.end_col = sp.col;
    }
    return sp;
}

static void add_diag(builder *b, mc_ydiag_kind kind, mc_span span, const char *fmt, ...)
    MC_PRINTF(4, 5);

static void add_diag(builder *b, mc_ydiag_kind kind, mc_span span, const char *fmt, ...)
{
    mc_yaml *y = b->y;
    char msg[512];
    va_list ap;

    if (y->ndiags >= MAX_DIAGS) {
        /* the last slot is kept for the one "too many" diagnostic */
        return;
    }
    if (y->ndiags == MAX_DIAGS - 1 && kind != MC_YDIAG_SYNTAX) {
        if (b->limit_diags)
            return;
        b->limit_diags = true;
        kind = MC_YDIAG_LIMIT;
        snprintf(msg, sizeof(msg), "too many YAML diagnostics; the rest are not reported");
    } else {
        va_start(ap, fmt);
        vsnprintf(msg, sizeof(msg), fmt, ap);
        va_end(ap);
    }
    if (y->ndiags == y->capdiags) {
        size_t cap = y->capdiags ? y->capdiags * 2 : 8;
        mc_ydiag *d = realloc(y->diags, cap * sizeof(*d));
        if (d == NULL) {
            b->nomem = true;
            return;
        }
        y->diags = d;
        y->capdiags = cap;
    }
    y->diags[y->ndiags].kind = kind;
    y->diags[y->ndiags].span = span;
    y->diags[y->ndiags].message = mc_arena_strdup(y->arena, msg);
    if (y->diags[y->ndiags].message == NULL) {
        b->nomem = true;
        return;
    }
    y->ndiags++;
}

#define ROTL64(x, r) (((x) << (r)) | ((x) >> (64 - (r))))
#define SIPROUND                                                                                   \
    do {                                                                                           \
        v0 += v1;                                                                                  \
        v1 = ROTL64(v1, 13);                                                                       \
        v1 ^= v0;                                                                                  \
        v0 = ROTL64(v0, 32);                                                                       \
        v2 += v3;                                                                                  \
        v3 = ROTL64(v3, 16);                                                                       \
        v3 ^= v2;                                                                                  \
        v0 += v3;                                                                                  \
        v3 = ROTL64(v3, 21);                                                                       \
        v3 ^= v0;                                                                                  \
        v2 += v1;                                                                                  \
        v1 = ROTL64(v1, 17);                                                                       \
        v1 ^= v2;                                                                                  \
        v2 = ROTL64(v2, 32);                                                                       \
    } while (0)

/* SipHash-1-3 of a NUL-terminated name under a 128-bit key. */
static uint64_t siphash(const uint64_t k[2], const char *name)
{
    const unsigned char *m = (const unsigned char *)name;
    size_t len = strlen(name), i = 0;
    uint64_t v0 = 0x736f6d6570736575ULL ^ k[0], v1 = 0x646f72616e646f6dULL ^ k[1];
    uint64_t v2 = 0x6c7967656e657261ULL ^ k[0], v3 = 0x7465646279746573ULL ^ k[1];
    uint64_t w;

    for (; i + 8 <= len; i += 8) {
        w = 0;
        for (size_t j = 0; j < 8; j++)
            w |= (uint64_t)m[i + j] << (8 * j);
        v3 ^= w;
        SIPROUND;
        v0 ^= w;
    }
    w = (uint64_t)len << 56;
    for (size_t j = 0; i + j < len; j++)
        w |= (uint64_t)m[i + j] << (8 * j);
    v3 ^= w;
    SIPROUND;
    v0 ^= w;
    v2 ^= 0xff;
    SIPROUND;
    SIPROUND;
    SIPROUND;
    return v0 ^ v1 ^ v2 ^ v3;
}

/* A random key for the document's anchor table (the clock and an address if the kernel
 * has no random bytes to give: the table stays correct, only less resistant). */
static void anchor_key(builder *b)
{
    struct timespec ts;

    if (getrandom(b->anchor_key, sizeof(b->anchor_key), GRND_NONBLOCK) ==
        (ssize_t)sizeof(b->anchor_key))
        return;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    b->anchor_key[0] = (uint64_t)ts.tv_nsec * 0x9E3779B97F4A7C15ULL ^ (uint64_t)ts.tv_sec;
    b->anchor_key[1] = (uint64_t)(uintptr_t)b ^ ((uint64_t)ts.tv_nsec << 32);
}

static bool anchor_grow(builder *b)
{
    size_t cap = b->nbuckets ? b->nbuckets * 2 : ANCHOR_MIN_BUCKETS;
    anchor **tab = calloc(cap, sizeof(*tab));

    if (tab == NULL) {
        b->nomem = true;
        return false;
    }
    if (b->nbuckets == 0)
        anchor_key(b);
    for (size_t i = 0; i < b->nbuckets; i++) {
        for (anchor *a = b->anchors[i], *next; a; a = next) {
            next = a->next;
            a->next = tab[a->hash & (cap - 1)];
            tab[a->hash & (cap - 1)] = a;
        }
    }
    free(b->anchors);
    b->anchors = tab;
    b->nbuckets = cap;
    return true;
}

static void anchor_set(builder *b, const char *name, const mc_ynode *node)
{
    uint64_t h;
    anchor *a;

    if (b->nanchors >= b->nbuckets && !anchor_grow(b))
        return;
    h = siphash(b->anchor_key, name);
    for (a = b->anchors[h & (b->nbuckets - 1)]; a; a = a->next) {
        if (a->hash == h && strcmp(a->name, name) == 0) {
            a->node = node; /* a redefined anchor: later aliases see the new node */
            return;
        }
    }
    a = mc_arena_alloc(b->y->arena, sizeof(*a));
    if (a == NULL) {
        b->nomem = true;
        return;
    }
    a->name = name;
    a->node = node;
    a->hash = h;
    a->next = b->anchors[h & (b->nbuckets - 1)];
    b->anchors[h & (b->nbuckets - 1)] = a;
    b->nanchors++;
}

static const anchor *anchor_get(const builder *b, const char *name)
{
    uint64_t h;

    if (b->nbuckets == 0)
        return NULL;
    h = siphash(b->anchor_key, name);
    for (const anchor *a = b->anchors[h & (b->nbuckets - 1)]; a; a = a->next)
        if (a->hash == h && strcmp(a->name, name) == 0)
            return a;
    return NULL;
}

static mc_ynode *new_node(builder *b, mc_ynode_kind kind, mc_span span)
{
    mc_ynode *n = mc_arena_alloc(b->y->arena, sizeof(*n));

    if (n == NULL) {
        b->nomem = true;
        return NULL;
    }
    n->kind = kind;
    n->span = span;
    n->weight = 1;
    return n;
}

/* Count one built node; false (and a LIMIT diagnostic, then stop) when over the limit. */
static bool count_node(builder *b, mc_span span)
{
    if (b->count >= b->max_nodes) {
        if (!b->limit_nodes) {
            b->limit_nodes = true;
            add_diag(b, MC_YDIAG_LIMIT, span, "YAML has more than %zu nodes; the rest is ignored",
                     b->max_nodes);
        }
        b->stop = true;
        return false;
    }
    b->count++;
    return true;
}

/* Hand a finished node to the open collection (or make it the root). */
static void attach(builder *b, const mc_ynode *n)
{
    if (b->nframes == 0) {
        if (b->y->root == NULL)
            b->y->root = n;
        return;
    }
    if (mc_vec_push(&b->kids, (void *)n) != 0)
        b->nomem = true;
}

static int key_cmp(const mc_ynode *a, const mc_ynode *c)
{
    size_t n = a->len < c->len ? a->len : c->len;
    int r = memcmp(a->str, c->str, n);

    if (r != 0)
        return r;
    return a->len < c->len ? -1 : a->len > c->len;
}

typedef struct {
    const mc_ynode *key;
    size_t idx;
} keyref;

static int keyref_cmp(const void *pa, const void *pb)
{
    const keyref *a = pa, *c = pb;
    int r = key_cmp(a->key, c->key);

    if (r != 0)
        return r;
    return a->idx < c->idx ? -1 : a->idx > c->idx;
}

static bool is_scalar_key(const mc_ynode *k)
{
    return k && k->kind == MC_YNODE_SCALAR;
}

static void dup_diag(builder *b, const mc_ynode *k)
{
    add_diag(b, MC_YDIAG_DUPLICATE_KEY, k->span,
             "duplicate key \"%.*s\" (the last one is used, as on the Hub)",
             (int)(k->len > 200 ? 200 : k->len), k->str);
}

/* Report duplicate scalar keys: quadratic for small maps, sorted for large ones. */
static void check_duplicates(builder *b, const mc_ynode *map)
{
    size_t n = map->n;

    if (n < 2)
        return;
    if (n <= SMALL_MAP) {
        for (size_t i = 1; i < n; i++) {
            const mc_ynode *k = map->items[2 * i];
            if (!is_scalar_key(k))
                continue;
            for (size_t j = 0; j < i; j++) {
                const mc_ynode *p = map->items[2 * j];
                if (is_scalar_key(p) && key_cmp(p, k) == 0) {
                    dup_diag(b, k);
                    break;
                }
            }
        }
        return;
    }
    {
        keyref *idx = malloc(n * sizeof(*idx));
        bool *dup = calloc(n, sizeof(*dup));
        size_t m = 0;

        if (idx == NULL || dup == NULL) {
            free(idx);
            free(dup);
            b->nomem = true;
            return;
        }
        for (size_t i = 0; i < n; i++) {
            if (is_scalar_key(map->items[2 * i])) {
                idx[m].key = map->items[2 * i];
                idx[m++].idx = i;
            }
        }
        qsort(idx, m, sizeof(*idx), keyref_cmp);
        for (size_t i = 1; i < m; i++)
            if (key_cmp(idx[i - 1].key, idx[i].key) == 0)
                dup[idx[i].idx] = true;
        for (size_t i = 0; i < n; i++)
            if (dup[i])
                dup_diag(b, map->items[2 * i]);
        free(idx);
        free(dup);
    }
}

static void open_frame(builder *b, mc_ynode *n, const char *anchor_name)
{
    if (b->nframes == b->capframes) {
        size_t cap = b->capframes ? b->capframes * 2 : 16;
        frame *f = realloc(b->frames, cap * sizeof(*f));
        if (f == NULL) {
            b->nomem = true;
            return;
        }
        b->frames = f;
        b->capframes = cap;
    }
    b->frames[b->nframes].node = n;
    b->frames[b->nframes].base = b->kids.len;
    b->frames[b->nframes].anchor = anchor_name;
    b->nframes++;
}

/* Close the innermost collection: copy its children into the arena and attach it. */
static void close_frame(builder *b, const yaml_mark_t *end)
{
    frame *f = &b->frames[b->nframes - 1];
    mc_ynode *n = f->node;
    size_t nk = b->kids.len - f->base;

    if (n->kind == MC_YNODE_MAP && nk % 2 == 1) {
        /* closed early (limit or error): give the last key an empty value */
        mc_ynode *nul =
            new_node(b, MC_YNODE_NULL, ((mc_ynode *)b->kids.items[b->kids.len - 1])->span);
        if (nul == NULL || mc_vec_push(&b->kids, nul) != 0)
            b->nomem = true;
        nk = b->kids.len - f->base;
    }
    if (nk && !b->nomem) {
        n->items = mc_arena_alloc(b->y->arena, nk * sizeof(*n->items));
        if (n->items == NULL) {
            b->nomem = true;
        } else {
            memcpy(n->items, b->kids.items + f->base, nk * sizeof(*n->items));
            n->n = n->kind == MC_YNODE_MAP ? nk / 2 : nk;
        }
    }
    for (size_t i = 0; i < n->n * (n->kind == MC_YNODE_MAP ? 2 : 1); i++) {
        n->weight += n->items[i]->weight;
        if (n->weight > b->max_nodes + 1)
            n->weight = b->max_nodes + 1;
    }
    if (end) {
        mc_span e = mark_span(b, *end, *end);
        n->span.end_line = e.line;
        n->span.end_col = e.col;
    }
    if (n->kind == MC_YNODE_MAP)
        check_duplicates(b, n);
    b->kids.len = f->base;
    b->nframes--;
    if (f->anchor)
        anchor_set(b, f->anchor, n);
    attach(b, n);
}

/* In a mapping, is the next child a key? */
static bool expecting_key(const builder *b)
{
    const frame *f;

    if (b->nframes == 0)
        return false;
    f = &b->frames[b->nframes - 1];
    return f->node->kind == MC_YNODE_MAP && (b->kids.len - f->base) % 2 == 0;
}

static const char *arena_anchor(builder *b, const yaml_char_t *a)
{
    const char *s;

    if (a == NULL)
        return NULL;
    s = mc_arena_strdup(b->y->arena, (const char *)a);
    if (s == NULL)
        b->nomem = true;
    return s;
}

/* A tag a YAML safe loader does not construct: anything but the non-specific "!" and the
 * standard tags of the YAML 1.1 type repository that safe loaders know (a safe loader
 * refuses !!python/object/apply and every application tag, and the Hub then drops the
 * whole metadata block). */
static void check_tag(builder *b, const yaml_char_t *tag, mc_span span)
{
    static const char *const safe[] = {"null", "bool",  "int", "float", "binary", "timestamp",
                                       "omap", "pairs", "set", "str",   "seq",    "map"};
    static const char prefix[] = "tag:yaml.org,2002:";
    const char *t = (const char *)tag;

    if (t == NULL || strcmp(t, "!") == 0)
        return;
    if (strncmp(t, prefix, sizeof(prefix) - 1) == 0)
        for (size_t i = 0; i < sizeof(safe) / sizeof(safe[0]); i++)
            if (strcmp(t + sizeof(prefix) - 1, safe[i]) == 0)
                return;
    if (strncmp(t, prefix, sizeof(prefix) - 1) == 0)
        add_diag(b, MC_YDIAG_TAG, span, "YAML tag !!%.100s is not one a safe loader accepts",
                 t + sizeof(prefix) - 1);
    else
        add_diag(b, MC_YDIAG_TAG, span, "YAML tag %.100s is not one a safe loader accepts", t);
}

static void on_scalar(builder *b, const yaml_event_t *ev)
{
    mc_span span = mark_span(b, ev->start_mark, ev->end_mark);
    mc_ynode *n;

    if (!count_node(b, span))
        return;
    check_tag(b, ev->data.scalar.tag, span);
    if (ev->data.scalar.length > b->max_scalar) {
        if (!b->limit_scalar) {
            b->limit_scalar = true;
            add_diag(b, MC_YDIAG_LIMIT, span,
                     "YAML scalar of %zu bytes is over the limit of %zu; it is ignored",
                     ev->data.scalar.length, b->max_scalar);
        }
        n = new_node(b, MC_YNODE_NULL, span);
    } else {
        /* the node and its text in one allocation */
        size_t len = ev->data.scalar.length;
        n = mc_arena_alloc(b->y->arena, sizeof(*n) + len + 1);
        if (n == NULL) {
            b->nomem = true;
        } else {
            char *str = (char *)(n + 1);
            n->kind = MC_YNODE_SCALAR;
            n->span = span;
            n->weight = 1;
            if (len)
                memcpy(str, ev->data.scalar.value, len);
            str[len] = '\0';
            n->str = str;
            n->len = len;
            n->plain =
                ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && ev->data.scalar.tag == NULL;
        }
    }
    if (n == NULL)
        return;
    if (ev->data.scalar.anchor) {
        const char *a = arena_anchor(b, ev->data.scalar.anchor);
        if (a)
            anchor_set(b, a, n);
    }
    attach(b, n);
}

static void on_alias(builder *b, const yaml_event_t *ev)
{
    mc_span span = mark_span(b, ev->start_mark, ev->end_mark);
    const char *name = (const char *)ev->data.alias.anchor;
    const anchor *a = name ? anchor_get(b, name) : NULL;
    const mc_ynode *target = a ? a->node : NULL;

    add_diag(b, MC_YDIAG_ALIAS, span, "YAML alias *%.100s", name ? name : "");
    if (target == NULL) {
        mc_ynode *n;
        if (!count_node(b, span))
            return;
        n = new_node(b, MC_YNODE_NULL, span);
        if (n)
            attach(b, n);
        return;
    }
    if (target->weight > b->max_nodes || b->count > b->max_nodes - target->weight) {
        mc_ynode *n;
        if (!b->limit_alias) {
            b->limit_alias = true;
            add_diag(b, MC_YDIAG_LIMIT, span,
                     "YAML aliases expand to more than %zu nodes; the alias is dropped",
                     b->max_nodes);
        }
        if (!count_node(b, span))
            return;
        n = new_node(b, MC_YNODE_NULL, span);
        if (n)
            attach(b, n);
        return;
    }
    b->count += target->weight;
    attach(b, target);
}

static void on_start(builder *b, const yaml_event_t *ev, mc_ynode_kind kind)
{
    mc_span span = mark_span(b, ev->start_mark, ev->end_mark);
    const yaml_char_t *anchor_name =
        kind == MC_YNODE_MAP ? ev->data.mapping_start.anchor : ev->data.sequence_start.anchor;
    bool key = expecting_key(b);
    mc_ynode *n;

    if (b->skip) {
        b->skip++;
        return;
    }
    if (!count_node(b, span))
        return;
    check_tag(b, kind == MC_YNODE_MAP ? ev->data.mapping_start.tag : ev->data.sequence_start.tag,
              span);
    if (key)
        add_diag(b, MC_YDIAG_COMPLEX_KEY, span, "YAML mapping key is not a scalar");
    if (b->nframes >= b->max_depth) {
        if (!b->limit_depth) {
            b->limit_depth = true;
            add_diag(b, MC_YDIAG_LIMIT, span,
                     "YAML nested deeper than %u levels; the deeper part is ignored", b->max_depth);
        }
        n = new_node(b, MC_YNODE_NULL, span);
        if (n)
            attach(b, n);
        b->skip = 1;
        return;
    }
    n = new_node(b, kind, span);
    if (n == NULL)
        return;
    open_frame(b, n, arena_anchor(b, anchor_name));
}

static void on_end(builder *b, const yaml_event_t *ev)
{
    if (b->skip) {
        b->skip--;
        return;
    }
    if (b->nframes)
        close_frame(b, &ev->end_mark);
}

/* Line and column of byte `off` of the input (for reader errors, which give bytes). */
static mc_span offset_span(const builder *b, size_t off)
{
    unsigned line = b->first_line;
    size_t ls = 0;
    mc_span sp;

    if (off > b->len)
        off = b->len;
    for (size_t i = 0; i < off; i++) {
        if (b->text[i] == '\n' || b->text[i] == '\r') {
            if (b->text[i] == '\r' && i + 1 < off && b->text[i + 1] == '\n')
                i++;
            line++;
            ls = i + 1;
        }
    }
    sp.line = sp.end_line = line;
    sp.col = mc_utf8_count(b->text + ls, off - ls) + 1;
    sp.end_col = sp.col + 1;
    return sp;
}

static void syntax_error(builder *b, const yaml_parser_t *p)
{
    mc_span span;
    const char *problem = p->problem ? p->problem : "invalid YAML";

    if (p->error == YAML_MEMORY_ERROR) {
        b->nomem = true;
        return;
    }
    if (p->error == YAML_READER_ERROR) {
        span = offset_span(b, p->problem_offset);
        if (p->problem_value != -1)
            add_diag(b, MC_YDIAG_SYNTAX, span, "YAML: %s (byte 0x%02X)", problem,
                     (unsigned)p->problem_value & 0xFFu);
        else
            add_diag(b, MC_YDIAG_SYNTAX, span, "YAML: %s", problem);
    } else {
        span = mark_span(b, p->problem_mark, p->problem_mark);
        span.end_col = span.col + 1;
        if (p->context)
            add_diag(b, MC_YDIAG_SYNTAX, span, "YAML: %s %s (line %u)", problem, p->context,
                     (unsigned)p->context_mark.line + b->first_line);
        else
            add_diag(b, MC_YDIAG_SYNTAX, span, "YAML: %s", problem);
    }
    if (b->y->ndiags && b->y->diags[b->y->ndiags - 1].kind == MC_YDIAG_SYNTAX)
        b->y->syntax = b->y->ndiags - 1;
}

/* Feed the fast reader's events to the builder as libyaml events. */
static void run_fast(builder *b, const mc_yf_events *e)
{
    for (size_t i = 0; i < e->n && !b->stop && !b->nomem; i++) {
        const mc_yf_event *f = &e->ev[i];
        yaml_event_t ev;

        memset(&ev, 0, sizeof(ev));
        ev.start_mark.line = f->line;
        ev.start_mark.column = f->col;
        ev.end_mark.line = f->end_line;
        ev.end_mark.column = f->end_col;
        switch (f->type) {
        case MC_YF_SCALAR:
            ev.type = YAML_SCALAR_EVENT;
            ev.data.scalar.value = (yaml_char_t *)f->str;
            ev.data.scalar.length = f->len;
            ev.data.scalar.style =
                f->plain ? YAML_PLAIN_SCALAR_STYLE : YAML_SINGLE_QUOTED_SCALAR_STYLE;
            if (!b->skip)
                on_scalar(b, &ev);
            break;
        case MC_YF_SEQ_START:
            ev.type = YAML_SEQUENCE_START_EVENT;
            on_start(b, &ev, MC_YNODE_SEQ);
            break;
        case MC_YF_MAP_START:
            ev.type = YAML_MAPPING_START_EVENT;
            on_start(b, &ev, MC_YNODE_MAP);
            break;
        case MC_YF_END:
            ev.type = YAML_MAPPING_END_EVENT;
            on_end(b, &ev);
            break;
        }
    }
}

static void run(builder *b)
{
    yaml_parser_t p;
    yaml_event_t ev;
    int docs = 0;
    bool done = false;
    mc_yf_events fast;
    int rc = mc_yf_read(&fast, b->text, b->len);

    if (rc != 0) {
        if (rc > 0)
            run_fast(b, &fast);
        else
            b->nomem = true;
        mc_yf_release(&fast);
        return;
    }
    mc_yf_release(&fast);
    if (!yaml_parser_initialize(&p)) {
        b->nomem = true;
        return;
    }
    yaml_parser_set_input_string(&p, (const unsigned char *)b->text, b->len);
    yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
    while (!done && !b->stop && !b->nomem) {
        if (!yaml_parser_parse(&p, &ev)) {
            syntax_error(b, &p);
            b->y->root = NULL;
            break;
        }
        switch (ev.type) {
        case YAML_STREAM_END_EVENT:
            done = true;
            break;
        case YAML_DOCUMENT_START_EVENT:
            if (++docs > 1) {
                add_diag(b, MC_YDIAG_MULTI_DOC, mark_span(b, ev.start_mark, ev.end_mark),
                         "more than one YAML document; only the first is read");
                done = true;
            }
            break;
        case YAML_SCALAR_EVENT:
            if (!b->skip)
                on_scalar(b, &ev);
            break;
        case YAML_ALIAS_EVENT:
            if (!b->skip)
                on_alias(b, &ev);
            break;
        case YAML_SEQUENCE_START_EVENT:
            on_start(b, &ev, MC_YNODE_SEQ);
            break;
        case YAML_MAPPING_START_EVENT:
            on_start(b, &ev, MC_YNODE_MAP);
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            on_end(b, &ev);
            break;
        default:
            break;
        }
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&p);
}

int mc_yaml_parse(mc_yaml **out, const char *text, size_t len, unsigned first_line,
                  const mc_yaml_limits *limits)
{
    builder b;
    mc_yaml *y;
    bool syntax;

    *out = NULL;
    memset(&b, 0, sizeof(b));
    y = calloc(1, sizeof(*y));
    if (y == NULL || (y->arena = mc_arena_new()) == NULL) {
        free(y);
        return mc_error_set(MC_ENOMEM, "out of memory parsing YAML");
    }
    y->syntax = SIZE_MAX;
    b.y = y;
    b.text = text ? text : "";
    b.len = text ? len : 0;
    if (b.len >= 3 && memcmp(b.text, "\xEF\xBB\xBF", 3) == 0) {
        /* libyaml skips a BOM only when it detects the encoding itself */
        b.text += 3;
        b.len -= 3;
    }
    b.first_line = first_line ? first_line : 1;
    b.max_depth = limits && limits->max_depth ? limits->max_depth : DEFAULT_MAX_DEPTH;
    b.max_nodes = limits && limits->max_nodes ? limits->max_nodes : DEFAULT_MAX_NODES;
    b.max_scalar =
        limits && limits->max_scalar_bytes ? limits->max_scalar_bytes : DEFAULT_MAX_SCALAR;

    run(&b);
    syntax = y->syntax != SIZE_MAX;
    /* stopped early (limit, second document): close what is open so the tree is whole */
    while (b.nframes && !b.nomem)
        close_frame(&b, NULL);
    mc_vec_release(&b.kids);
    free(b.frames);
    free(b.anchors);
    if (syntax)
        y->root = NULL;
    if (b.nomem || mc_arena_failed(y->arena)) {
        mc_yaml_free(y);
        return mc_error_set(MC_ENOMEM, "out of memory parsing YAML");
    }
    *out = y;
    return 0;
}

void mc_yaml_free(mc_yaml *y)
{
    if (y == NULL)
        return;
    mc_arena_free(y->arena);
    free(y->diags);
    free(y);
}

const mc_ynode *mc_yaml_root(const mc_yaml *y)
{
    return y ? y->root : NULL;
}

size_t mc_yaml_diag_count(const mc_yaml *y)
{
    return y ? y->ndiags : 0;
}

const mc_ydiag *mc_yaml_diag_at(const mc_yaml *y, size_t i)
{
    return y && i < y->ndiags ? &y->diags[i] : NULL;
}

const mc_ydiag *mc_yaml_syntax_error(const mc_yaml *y)
{
    return y && y->syntax != SIZE_MAX ? &y->diags[y->syntax] : NULL;
}

mc_ynode_kind mc_ynode_kind_of(const mc_ynode *n)
{
    return n ? n->kind : MC_YNODE_NULL;
}

mc_span mc_ynode_span(const mc_ynode *n)
{
    mc_span zero = {0, 0, 0, 0};

    return n ? n->span : zero;
}

const char *mc_ynode_str(const mc_ynode *n)
{
    return n && n->kind == MC_YNODE_SCALAR ? n->str : NULL;
}

size_t mc_ynode_strlen(const mc_ynode *n)
{
    return n && n->kind == MC_YNODE_SCALAR ? n->len : 0;
}

bool mc_ynode_plain(const mc_ynode *n)
{
    return n && n->kind == MC_YNODE_SCALAR && n->plain;
}

bool mc_ynode_is_null(const mc_ynode *n)
{
    static const char *const nulls[] = {"", "~", "null", "Null", "NULL"};

    if (n == NULL || n->kind == MC_YNODE_NULL)
        return true;
    if (n->kind != MC_YNODE_SCALAR || !n->plain)
        return false;
    for (size_t i = 0; i < sizeof(nulls) / sizeof(nulls[0]); i++)
        if (n->len == strlen(nulls[i]) && memcmp(n->str, nulls[i], n->len) == 0)
            return true;
    return false;
}

size_t mc_ynode_size(const mc_ynode *n)
{
    return n && (n->kind == MC_YNODE_SEQ || n->kind == MC_YNODE_MAP) ? n->n : 0;
}

const mc_ynode *mc_ynode_item(const mc_ynode *seq, size_t i)
{
    return seq && seq->kind == MC_YNODE_SEQ && i < seq->n ? seq->items[i] : NULL;
}

const mc_ynode *mc_ynode_key(const mc_ynode *map, size_t i)
{
    return map && map->kind == MC_YNODE_MAP && i < map->n ? map->items[2 * i] : NULL;
}

const mc_ynode *mc_ynode_value(const mc_ynode *map, size_t i)
{
    return map && map->kind == MC_YNODE_MAP && i < map->n ? map->items[2 * i + 1] : NULL;
}

static long find_key(const mc_ynode *map, const char *key)
{
    size_t klen;

    if (map == NULL || map->kind != MC_YNODE_MAP || key == NULL)
        return -1;
    klen = strlen(key);
    /* the last occurrence of a duplicated key counts, as for the Hub's YAML loader */
    for (size_t i = map->n; i > 0; i--) {
        const mc_ynode *k = map->items[2 * (i - 1)];
        if (k->kind == MC_YNODE_SCALAR && k->len == klen && memcmp(k->str, key, klen) == 0)
            return (long)(i - 1);
    }
    return -1;
}

const mc_ynode *mc_ynode_get(const mc_ynode *map, const char *key)
{
    long i = find_key(map, key);

    return i < 0 ? NULL : map->items[2 * i + 1];
}

const mc_ynode *mc_ynode_get_key(const mc_ynode *map, const char *key)
{
    long i = find_key(map, key);

    return i < 0 ? NULL : map->items[2 * i];
}
