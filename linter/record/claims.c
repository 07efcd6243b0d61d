/* Claims from prose: phrase lists from rules/phrases.yaml matched over the text lines of a
 * card or report, with negation, exclusions and the object a claim names.
 *
 * Every line is first normalised (ASCII lower case, emphasis markers, link destinations,
 * bare URLs and inline HTML comments removed, white space collapsed) into a copy that
 * remembers the byte offset of each character in the line, so that matching is simple and
 * positions stay exact. Objects are read from the line as written.
 *
 * Speed: every list of phrases is indexed once per process (load(), under pthread_once) by the
 * two bytes a match can start with in the normalised text, so a position of a line only tries
 * the few phrases that can match there, and a position inside a word is skipped before any
 * lookup (an ASCII phrase only starts a word). The clause and sentence numbers that negation
 * and context need are computed only for a line with a match, and the buffers of the
 * normalised line are reused from line to line. */
#include "record/claims.h"
#include "record/hub.h"
#include "record/words.h"

#include "util/arena.h"
#include "card/embedded.h"
#include "util/str.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOMATCH ((size_t)-1)
#define MAX_CLAIMS_PER_DOC 4096
#define MAX_OBJECT_BYTES 200
#define MAX_WINDOW_BYTES 400 /* negation and context windows, whatever the words */
#define MAX_STR_BYTES 1024   /* a claim's line text; longer lines keep the part around it */

enum { OBJ_DEFAULT = 0, OBJ_NONE, OBJ_AFTER, OBJ_DIRECT, OBJ_BEFORE };

typedef struct {
    char *text; /* normalised */
    size_t len;
    int obj;
    bool require;
    bool template; /* a generated card template's wording */
    bool weak;     /* a loose wording */
} phrase;

/* A phrase to try at a position of the normalised text, with its claim kind (the phrases of
 * the kinds) or 0 (any other list). */
typedef struct {
    const phrase *p;
    unsigned char kind;
    uint32_t pre, premask; /* the literal first bytes of the phrase (up to 4, before a space or
                              a hyphen), to compare with 4 bytes of the text at once */
} cand;

/* Phrases indexed by the two bytes a match of them can start with in the normalised text:
 * the candidates at `pos` are v[c1][off[c1][c2]] up to v[c1][off[c1][c2 + 1]], with
 * c1 = t[pos] and c2 = t[pos + 1] (the terminating '\0' at the end of the text), in list
 * order. A phrase starting with a hyphen can match without it (match_at): such phrases are in
 * `any`, tried at every position (none in the shipped data). */
typedef struct {
    uint32_t *off[256]; /* NULL, or 257 offsets into v[c1] by the second byte */
    cand *v[256];
    cand *any;
    size_t nany;
} pindex;

typedef struct {
    phrase *v;
    size_t n;
    pindex ix; /* built once all lists are loaded */
} plist;

typedef struct {
    bool present;
    bool object;
    bool require_object;
    bool tables;
    plist phrases, connectives, not_after, exclude;
} kind_data;

static struct {
    kind_data kinds[MC_CLAIM__COUNT];
    plist neg_before, neg_after, not_neg, clause_breaks, skip_sections, quoted_card, skip_lines;
    unsigned before_words, after_words;
    plist ctx_before, ctx_after;
    unsigned ctx_before_words, ctx_after_words;
    plist obj_skip, obj_stop, obj_reject_next, obj_generic, obj_reject_containing;
    plist obj_variant, obj_prepositions;
    pindex kinds_ix; /* the phrases of all kinds, by kind then list order */
    unsigned char cls[256];
    int status;
    char msg[256];
} D;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;

static const char *const kind_names[MC_CLAIM__COUNT] = {
    "from_scratch", "cpt",           "finetune",      "adapter",     "merge",
    "quantized",    "dus",           "distill",       "api_wrapper", "based_on",
    "sovereign",    "native",        "own_tokenizer", "own_arch",    "moe",
    "open_weights", "research_only", "commercial",    "pretrain",    "base_label",
    "conversion",   "arch_standard", "arch_modified", "tok_reused",  "tok_extended",
};

const char *mc_claim_kind_name(mc_claim_kind kind)
{
    if ((int)kind < 0 || kind >= MC_CLAIM__COUNT)
        return "?";
    return kind_names[kind];
}

/* ---------------------------------------------------------------- characters */

static bool is_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_word(unsigned char c)
{
    return is_alnum(c) || c == '_' || c == '-' || c == '/';
}

static bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

static unsigned char lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c - 'A' + 'a') : c;
}

/* Character classes for the hot loops, filled by load(). */
enum {
    CL_ALNUM = 1, /* is_alnum */
    CL_WORD = 2,  /* is_word */
    CL_PLAIN = 4, /* normalise() copies it (lower-cased) and nothing starts with it */
};

static void fill_classes(unsigned char cls[256])
{
    for (int c = 0; c < 256; c++) {
        cls[c] = (unsigned char)((is_alnum((unsigned char)c) ? CL_ALNUM : 0) |
                                 (is_word((unsigned char)c) ? CL_WORD : 0));
        if (c != 0 && !strchr("<*`_[]hH", c) && !is_space((unsigned char)c) && c != 0xC2)
            cls[c] |= CL_PLAIN;
    }
    cls[0] |= CL_PLAIN; /* a NUL byte is copied too */
}

/* ---------------------------------------------------------------- loading */

static int fail(const char *what, const mc_ynode *n)
{
    mc_span sp = n ? mc_ynode_span(n) : (mc_span){0, 0, 0, 0};
    snprintf(D.msg, sizeof D.msg, "rules/phrases.yaml:%u:%u: %s", sp.line, sp.col, what);
    D.status = MC_EINVALID;
    return MC_EINVALID;
}

static char *norm_phrase(const char *s, size_t *outlen)
{
    size_t n = strlen(s);
    char *o = malloc(n + 1);
    size_t k = 0;
    if (!o)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '*' || c == '`')
            continue;
        if (is_space(c)) {
            if (k > 0 && o[k - 1] != ' ')
                o[k++] = ' ';
            continue;
        }
        o[k++] = (char)lower(c);
    }
    while (k > 0 && o[k - 1] == ' ')
        k--;
    o[k] = '\0';
    *outlen = k;
    return o;
}

static bool scalar_true(const mc_ynode *n)
{
    const char *s = n ? mc_ynode_str(n) : NULL;
    return s && (mc_strieq(s, "true") || mc_strieq(s, "yes"));
}

static int add_phrase(plist *l, const char *text, int obj, bool require, bool template, bool weak,
                      const mc_ynode *n)
{
    phrase *v = realloc(l->v, (l->n + 1) * sizeof *v);
    if (!v)
        return fail("out of memory", n);
    l->v = v;
    v[l->n].text = norm_phrase(text, &v[l->n].len);
    if (!v[l->n].text)
        return fail("out of memory", n);
    if (v[l->n].len == 0)
        return fail("empty phrase", n);
    v[l->n].obj = obj;
    v[l->n].require = require;
    v[l->n].template = template;
    v[l->n].weak = weak;
    l->n++;
    return 0;
}

static int load_list(plist *l, const mc_ynode *seq, bool allow_map)
{
    if (!seq)
        return 0;
    if (mc_ynode_kind_of(seq) != MC_YNODE_SEQ)
        return fail("expected a list", seq);
    for (size_t i = 0; i < mc_ynode_size(seq); i++) {
        const mc_ynode *it = mc_ynode_item(seq, i);
        int rc;
        if (mc_ynode_kind_of(it) == MC_YNODE_SCALAR) {
            rc = add_phrase(l, mc_ynode_str(it), OBJ_DEFAULT, false, false, false, it);
        } else if (allow_map && mc_ynode_kind_of(it) == MC_YNODE_MAP) {
            const mc_ynode *t = mc_ynode_get(it, "text");
            const mc_ynode *o = mc_ynode_get(it, "object");
            const char *os = o ? mc_ynode_str(o) : NULL;
            int obj = OBJ_DEFAULT;
            if (!t || !mc_ynode_str(t))
                return fail("phrase mapping without text", it);
            for (size_t k = 0; k < mc_ynode_size(it); k++) {
                const char *key = mc_ynode_str(mc_ynode_key(it, k));
                if (!mc_streq(key, "text") && !mc_streq(key, "object") &&
                    !mc_streq(key, "require_object") && !mc_streq(key, "template") &&
                    !mc_streq(key, "weak"))
                    return fail("unknown key in phrase mapping", mc_ynode_key(it, k));
            }
            if (os) {
                if (mc_streq(os, "after"))
                    obj = OBJ_AFTER;
                else if (mc_streq(os, "direct"))
                    obj = OBJ_DIRECT;
                else if (mc_streq(os, "before"))
                    obj = OBJ_BEFORE;
                else if (mc_streq(os, "none"))
                    obj = OBJ_NONE;
                else
                    return fail("object must be after, direct, before or none", o);
            }
            rc =
                add_phrase(l, mc_ynode_str(t), obj, scalar_true(mc_ynode_get(it, "require_object")),
                           scalar_true(mc_ynode_get(it, "template")),
                           scalar_true(mc_ynode_get(it, "weak")), it);
        } else {
            return fail("expected a string", it);
        }
        if (rc)
            return rc;
    }
    return 0;
}

static unsigned get_uint(const mc_ynode *n, unsigned dflt)
{
    const char *s = n ? mc_ynode_str(n) : NULL;
    char *end;
    long v;
    if (!s)
        return dflt;
    v = strtol(s, &end, 10);
    if (end == s || *end || v < 0 || v > 100)
        return dflt;
    return (unsigned)v;
}

static int load_kind(const mc_ynode *m)
{
    static const char *const keys[] = {"kind",        "object",    "require_object", "phrases",
                                       "connectives", "not_after", "exclude",        "tables"};
    const mc_ynode *kn = mc_ynode_get(m, "kind");
    const char *name = kn ? mc_ynode_str(kn) : NULL;
    kind_data *k = NULL;
    int rc;
    if (mc_ynode_kind_of(m) != MC_YNODE_MAP)
        return fail("a kind must be a mapping", m);
    for (size_t i = 0; i < mc_ynode_size(m); i++) {
        const char *key = mc_ynode_str(mc_ynode_key(m, i));
        bool ok = false;
        for (size_t j = 0; j < sizeof keys / sizeof keys[0]; j++)
            ok = ok || mc_streq(key, keys[j]);
        if (!ok)
            return fail("unknown key in a kind", mc_ynode_key(m, i));
    }
    for (int i = 0; name && i < MC_CLAIM__COUNT; i++)
        if (mc_streq(name, kind_names[i]))
            k = &D.kinds[i];
    if (!k)
        return fail("unknown claim kind", kn ? kn : m);
    if (k->present)
        return fail("claim kind listed twice", kn);
    k->present = true;
    k->object = scalar_true(mc_ynode_get(m, "object"));
    k->require_object = scalar_true(mc_ynode_get(m, "require_object"));
    k->tables = !mc_ynode_get(m, "tables") || scalar_true(mc_ynode_get(m, "tables"));
    if ((rc = load_list(&k->phrases, mc_ynode_get(m, "phrases"), true)) ||
        (rc = load_list(&k->connectives, mc_ynode_get(m, "connectives"), false)) ||
        (rc = load_list(&k->not_after, mc_ynode_get(m, "not_after"), false)) ||
        (rc = load_list(&k->exclude, mc_ynode_get(m, "exclude"), false)))
        return rc;
    if (k->phrases.n == 0)
        return fail("a kind without phrases", m);
    if (k->phrases.n > 60000)
        return fail("too many phrases", m);
    return 0;
}

/* ---------------------------------------------------------------- phrase indexes */

/* Mark the bytes the text can have where the phrase's character k starts to be matched
 * (match_at): a space in a phrase matches a space or a hyphen; a hyphen matches a hyphen, a
 * space or nothing; past the end of the phrase, the text can have anything. */
static void follow_set(const phrase *p, size_t k, bool set[256])
{
    for (; k < p->len; k++) {
        unsigned char c = (unsigned char)p->text[k];
        if (c == ' ' || c == '-') {
            set[' '] = set['-'] = true;
            if (c == '-')
                continue; /* or nothing: what follows can come first */
            return;
        }
        set[c] = true;
        return;
    }
    for (int b = 0; b < 256; b++)
        set[b] = true;
}

/* Index `n` candidates (in order). With `hyphen_keyed`, a phrase starting with a hyphen is
 * tried only where the text has one (the historical behaviour of the kinds' phrases);
 * otherwise it goes to `any`. */
static int index_build(pindex *ix, cand *c, size_t n, bool hyphen_keyed)
{
    bool set[256];
    for (size_t i = 0; i < n; i++) {
        const phrase *p = c[i].p;
        unsigned char pre[4] = {0}, mask[4] = {0};
        for (size_t k = 0; k < 4 && k < p->len && p->text[k] != ' ' && p->text[k] != '-'; k++) {
            pre[k] = (unsigned char)p->text[k];
            mask[k] = 0xFF;
        }
        memcpy(&c[i].pre, pre, 4);
        memcpy(&c[i].premask, mask, 4);
    }
    for (size_t i = 0; i < n; i++) {
        if (c[i].p->text[0] != '-' || hyphen_keyed)
            continue;
        cand *v = realloc(ix->any, (ix->nany + 1) * sizeof *v);
        if (!v)
            return fail("out of memory", NULL);
        ix->any = v;
        ix->any[ix->nany++] = c[i];
    }
    for (int c1 = 1; c1 < 256; c1++) {
        uint32_t *off = NULL;
        for (int pass = 0; pass < 2; pass++) {
            /* pass 0 counts the entries of each second byte, pass 1 places them */
            for (size_t i = 0; i < n; i++) {
                const phrase *p = c[i].p;
                if ((unsigned char)p->text[0] != c1 || (p->text[0] == '-' && !hyphen_keyed))
                    continue;
                if (!off && !(off = calloc(257, sizeof *off)))
                    return fail("out of memory", NULL);
                memset(set, 0, sizeof set);
                follow_set(p, 1, set);
                for (int c2 = 0; c2 < 256; c2++) {
                    if (!set[c2])
                        continue;
                    if (pass == 0)
                        off[c2 + 1]++;
                    else
                        ix->v[c1][off[c2]++] = c[i];
                }
            }
            if (!off)
                break;
            if (pass == 0) {
                for (int c2 = 0; c2 < 256; c2++)
                    off[c2 + 1] += off[c2];
                if (!(ix->v[c1] = calloc(off[256], sizeof *ix->v[c1])))
                    return fail("out of memory", NULL);
            } else {
                /* off[c2] now holds the end of its run, which is the start of c2 + 1 */
                memmove(off + 1, off, 256 * sizeof *off);
                off[0] = 0;
            }
        }
        ix->off[c1] = off;
    }
    return 0;
}

static int index_list(plist *l)
{
    cand *c = calloc(l->n ? l->n : 1, sizeof *c);
    int rc;
    if (!c)
        return fail("out of memory", NULL);
    for (size_t i = 0; i < l->n; i++)
        c[i] = (cand){&l->v[i], 0, 0, 0};
    rc = index_build(&l->ix, c, l->n, false);
    free(c);
    return rc;
}

static int build_indexes(void)
{
    plist *const lists[] = {&D.neg_before, &D.neg_after, &D.not_neg,       &D.clause_breaks,
                            &D.ctx_before, &D.ctx_after, &D.skip_sections, &D.quoted_card};
    size_t n = 0, k = 0;
    cand *c;
    int rc = 0;
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++)
        if ((rc = index_list(lists[i])) != 0)
            return rc;
    for (int kind = 0; kind < MC_CLAIM__COUNT; kind++)
        n += D.kinds[kind].phrases.n;
    if (!(c = calloc(n ? n : 1, sizeof *c)))
        return fail("out of memory", NULL);
    for (int kind = 0; kind < MC_CLAIM__COUNT; kind++)
        for (size_t i = 0; i < D.kinds[kind].phrases.n; i++)
            c[k++] = (cand){&D.kinds[kind].phrases.v[i], (unsigned char)kind, 0, 0};
    rc = index_build(&D.kinds_ix, c, n, true);
    free(c);
    return rc;
}

/* The indexed candidates at `pos` of the normalised text `t` (pos < its length). */
static inline const cand *index_at(const pindex *ix, const char *t, size_t pos, size_t *n)
{
    const uint32_t *off = ix->off[(unsigned char)t[pos]];
    unsigned char c2 = (unsigned char)t[pos + 1];
    if (!off) {
        *n = 0;
        return NULL;
    }
    *n = off[c2 + 1] - off[c2];
    return ix->v[(unsigned char)t[pos]] + off[c2];
}

static void load(void)
{
    mc_yaml *y = NULL;
    const mc_ynode *root, *neg, *ctx, *obj, *kinds;
    fill_classes(D.cls);
    if ((D.status = mc_embedded_yaml("phrases.yaml", &y)) < 0) {
        snprintf(D.msg, sizeof D.msg, "%s", mc_error_last());
        return;
    }
    root = mc_yaml_root(y);
    neg = mc_ynode_get(root, "negation");
    obj = mc_ynode_get(root, "objects");
    ctx = mc_ynode_get(root, "context");
    kinds = mc_ynode_get(root, "kinds");
    if (!neg || !obj || !kinds || mc_ynode_kind_of(kinds) != MC_YNODE_SEQ) {
        fail("negation, objects and kinds are required", root);
        goto done;
    }
    if (load_list(&D.neg_before, mc_ynode_get(neg, "before"), false) ||
        load_list(&D.neg_after, mc_ynode_get(neg, "after"), false) ||
        load_list(&D.not_neg, mc_ynode_get(neg, "not_negation"), false) ||
        load_list(&D.clause_breaks, mc_ynode_get(root, "clause_breaks"), false) ||
        load_list(&D.skip_sections, mc_ynode_get(root, "skip_sections"), false) ||
        load_list(&D.quoted_card, mc_ynode_get(root, "quoted_card_sections"), false) ||
        load_list(&D.skip_lines, mc_ynode_get(root, "skip_lines"), false) ||
        load_list(&D.obj_skip, mc_ynode_get(obj, "skip"), false) ||
        load_list(&D.obj_stop, mc_ynode_get(obj, "stop"), false) ||
        load_list(&D.obj_reject_next, mc_ynode_get(obj, "reject_next"), false) ||
        load_list(&D.obj_generic, mc_ynode_get(obj, "generic"), false) ||
        load_list(&D.obj_reject_containing, mc_ynode_get(obj, "reject_containing"), false) ||
        load_list(&D.obj_variant, mc_ynode_get(obj, "variant_words"), false) ||
        load_list(&D.obj_prepositions, mc_ynode_get(obj, "name_prepositions"), false) ||
        load_list(&D.ctx_before, ctx ? mc_ynode_get(ctx, "before") : NULL, false) ||
        load_list(&D.ctx_after, ctx ? mc_ynode_get(ctx, "after") : NULL, false))
        goto done;
    D.before_words = get_uint(mc_ynode_get(neg, "before_words"), 5);
    D.after_words = get_uint(mc_ynode_get(neg, "after_words"), 4);
    D.ctx_before_words = get_uint(ctx ? mc_ynode_get(ctx, "before_words") : NULL, 12);
    D.ctx_after_words = get_uint(ctx ? mc_ynode_get(ctx, "after_words") : NULL, 8);
    for (size_t i = 0; i < mc_ynode_size(kinds); i++)
        if (load_kind(mc_ynode_item(kinds, i)))
            goto done;
    build_indexes();
done:
    mc_yaml_free(y);
}

int mc_claims_init(void)
{
    if (pthread_once(&load_once, load) != 0)
        return mc_error_set(MC_ERROR, "cannot load the claim phrases");
    if (D.status)
        return mc_error_set(D.status, "%s", D.msg);
    return 0;
}

/* ---------------------------------------------------------------- normalised lines */

typedef struct {
    const char *line; /* as written */
    size_t len;
    char *t;     /* normalised */
    size_t *map; /* t[i] comes from line[map[i]] */
    size_t n;
    unsigned *clause;   /* clause number of each character of t (see clauses()) */
    unsigned *sentence; /* sentence number of each character of t */
    bool have_clauses;  /* clause and sentence are computed for this line */
    size_t cap;         /* the buffers hold cap characters; reused from line to line */
} text;

static void emit(text *x, char c, size_t at)
{
    x->t[x->n] = c;
    x->map[x->n] = at;
    x->n++;
}

static void emit_space(text *x, size_t at)
{
    if (x->n > 0 && x->t[x->n - 1] != ' ')
        emit(x, ' ', at);
}

static bool starts_ci(const char *s, size_t len, size_t i, const char *p)
{
    size_t pl = strlen(p);
    if (len - i < pl)
        return false;
    for (size_t k = 0; k < pl; k++)
        if (lower((unsigned char)s[i + k]) != (unsigned char)p[k])
            return false;
    return true;
}

static size_t match_at(const text *x, size_t pos, const phrase *p);

/* Make room for a line of `len` bytes (the normalised text is never longer) and the four
 * zero bytes after the normalised text that scan_line() may read. */
static int text_reserve(text *x, size_t len)
{
    size_t cap = x->cap ? x->cap : 256;
    if (len + 4 <= x->cap)
        return 0;
    while (cap < len + 4)
        cap *= 2;
    free(x->t);
    free(x->map);
    free(x->clause);
    free(x->sentence);
    x->t = malloc(cap);
    x->map = malloc(cap * sizeof *x->map);
    x->clause = malloc(cap * sizeof *x->clause);
    x->sentence = malloc(cap * sizeof *x->sentence);
    x->cap = 0;
    if (!x->t || !x->map || !x->clause || !x->sentence)
        return MC_ENOMEM;
    x->cap = cap;
    return 0;
}

/* Normalise x->line (x->len bytes) into x->t. */
static int normalise(text *x)
{
    const char *s = x->line;
    size_t len = x->len, i = 0;
    x->n = 0;
    x->have_clauses = false;
    if (text_reserve(x, len) != 0)
        return MC_ENOMEM;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        /* the common case first: a run of bytes that start nothing special */
        if (D.cls[c] & CL_PLAIN) {
            char *t = x->t;
            size_t *map = x->map, n = x->n;
            do {
                t[n] = (char)lower(c);
                map[n++] = i++;
            } while (i < len && (D.cls[c = (unsigned char)s[i]] & CL_PLAIN));
            x->n = n;
            continue;
        }
        if (c == '<' && starts_ci(s, len, i, "<!--")) {
            const char *e = NULL;
            for (size_t j = i + 4; j + 3 <= len; j++)
                if (memcmp(s + j, "-->", 3) == 0) {
                    e = s + j + 3;
                    break;
                }
            emit_space(x, i);
            i = e ? (size_t)(e - s) : len;
            continue;
        }
        if (c == '*' || c == '`') {
            i++;
            continue;
        }
        if (c == '_' && (i == 0 || !is_alnum((unsigned char)s[i - 1]) || i + 1 == len ||
                         !is_alnum((unsigned char)s[i + 1]))) {
            i++;
            continue;
        }
        if (c == '[') {
            /* a link's text reads as plain text: "using [LoRA](...)" is "using lora" */
            size_t j = i + 1;
            while (j < len && j < i + 200 && s[j] != '[' && s[j] != ']')
                j++;
            if (!(j + 1 < len && s[j] == ']' && s[j + 1] == '('))
                emit(x, '[', i);
            i++;
            continue;
        }
        if (c == ']' && i + 1 < len && s[i + 1] == '(') {
            int depth = 0;
            emit_space(x, i);
            for (i += 1; i < len; i++) {
                if (s[i] == '(')
                    depth++;
                else if (s[i] == ')' && --depth == 0) {
                    i++;
                    break;
                }
            }
            continue;
        }
        if ((c == 'h' || c == 'H') && (i == 0 || !is_alnum((unsigned char)s[i - 1])) &&
            (starts_ci(s, len, i, "http://") || starts_ci(s, len, i, "https://"))) {
            emit_space(x, i);
            while (i < len && !is_space((unsigned char)s[i]))
                i++;
            continue;
        }
        if (is_space(c)) {
            emit_space(x, i);
            i++;
            continue;
        }
        if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0) { /* no-break space */
            emit_space(x, i);
            i += 2;
            continue;
        }
        emit(x, (char)lower(c), i);
        i++;
    }
    memset(x->t + x->n, 0, 4);
    x->map[x->n] = len;
    return 0;
}

/* Does a phrase of `l` match at `pos` (< x->n)? */
static bool any_match_at(const text *x, size_t pos, const plist *l)
{
    size_t nc;
    const cand *c = index_at(&l->ix, x->t, pos, &nc);
    for (size_t i = 0; i < nc; i++)
        if (match_at(x, pos, c[i].p) != NOMATCH)
            return true;
    for (size_t i = 0; i < l->ix.nany; i++)
        if (match_at(x, pos, l->ix.any[i].p) != NOMATCH)
            return true;
    return false;
}

/* Number the clauses (punctuation and the clause-breaking words end one) and the sentences
 * of the line; done once per line, and only for a line with a match. */
static void clauses(text *x)
{
    unsigned id = 0, sid = 0;
    if (x->have_clauses)
        return;
    x->have_clauses = true;
    for (size_t k = 0; k < x->n; k++) {
        unsigned char c = (unsigned char)x->t[k];
        bool end = c == '!' || c == '?' || c == ';' ||
                   (c == '.' && (k + 1 == x->n || x->t[k + 1] == ' ' || x->t[k + 1] == ')'));
        x->sentence[k] = sid;
        if (end)
            sid++;
        bool brk = c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '(' ||
                   c == ')' || c == '|' ||
                   (c == '.' && (k + 1 == x->n || x->t[k + 1] == ' ' || x->t[k + 1] == ')'));
        if (!brk && (k == 0 || !is_word((unsigned char)x->t[k - 1])))
            brk = any_match_at(x, k, &D.clause_breaks);
        if (brk)
            id++;
        x->clause[k] = id;
        if (brk)
            id++;
    }
}

static void text_free(text *x)
{
    free(x->t);
    free(x->map);
    free(x->clause);
    free(x->sentence);
}

/* A match of `p` at `pos` (with word boundaries for ASCII ends): its end, or NOMATCH. */
static size_t match_at(const text *x, size_t pos, const phrase *p)
{
    const char *t = x->t;
    size_t n = x->n, i = pos;
    unsigned char first = (unsigned char)p->text[0], last = (unsigned char)p->text[p->len - 1];
    if (is_alnum(first) && pos > 0 && is_word((unsigned char)t[pos - 1]))
        return NOMATCH;
    for (size_t k = 0; k < p->len; k++) {
        char pc = p->text[k];
        if (pc == ' ') {
            if (i < n && (t[i] == ' ' || t[i] == '-')) {
                i++;
                if (t[i - 1] == '-' && i < n && t[i] == ' ')
                    i++;
                continue;
            }
            return NOMATCH;
        }
        if (pc == '-') {
            if (i < n && (t[i] == '-' || t[i] == ' '))
                i++;
            continue;
        }
        if (i >= n || t[i] != pc)
            return NOMATCH;
        i++;
    }
    if (is_alnum(last) && i < n && is_word((unsigned char)t[i]))
        return NOMATCH;
    return i;
}

/* Does any phrase of `l` match with its start in [from, to) and its end in (end_min,
 * end_max]? Returns the start of the first such match or NOMATCH. */
static size_t find_in(const text *x, const plist *l, size_t from, size_t to, size_t end_min,
                      size_t end_max)
{
    for (size_t pos = from; pos < to && pos < x->n; pos++) {
        size_t nc;
        const cand *c = index_at(&l->ix, x->t, pos, &nc);
        for (size_t i = 0; i < nc; i++) {
            size_t e = match_at(x, pos, c[i].p);
            if (e != NOMATCH && e > end_min && e <= end_max)
                return pos;
        }
        for (size_t i = 0; i < l->ix.nany; i++) {
            size_t e = match_at(x, pos, l->ix.any[i].p);
            if (e != NOMATCH && e > end_min && e <= end_max)
                return pos;
        }
    }
    return NOMATCH;
}

/* Start of the window of `words` words before `pos`, not before the start of its clause
 * (or sentence: `ids` is x->clause or x->sentence). */
static size_t window_before(const text *x, const unsigned *ids, size_t pos, unsigned words)
{
    size_t i = pos;
    unsigned clause = pos > 0 ? ids[pos - 1] : 0;
    unsigned seen = 0;
    while (i > 0 && ids[i - 1] == clause && pos - i < MAX_WINDOW_BYTES) {
        if (x->t[i - 1] == ' ' && i < pos && ++seen > words)
            break;
        i--;
    }
    return i;
}

static size_t window_after(const text *x, const unsigned *ids, size_t end, unsigned words)
{
    size_t i = end;
    unsigned clause = end > 0 ? ids[end - 1] : 0;
    unsigned seen = 0;
    while (i < x->n && ids[i] == clause && i - end < MAX_WINDOW_BYTES) {
        if (x->t[i] == ' ' && i > end && ++seen > words)
            break;
        i++;
    }
    return i;
}

static bool is_negated(text *x, size_t start, size_t end)
{
    size_t from, to;
    clauses(x);
    from = window_before(x, x->clause, start, D.before_words);
    to = window_after(x, x->clause, end, D.after_words);
    for (size_t pos = from; pos < start; pos++) {
        size_t nc;
        const cand *c = index_at(&D.neg_before.ix, x->t, pos, &nc);
        for (size_t i = 0; i < nc + D.neg_before.ix.nany; i++) {
            const phrase *p = i < nc ? c[i].p : D.neg_before.ix.any[i - nc].p;
            size_t e = match_at(x, pos, p);
            if (e == NOMATCH || e > start)
                continue;
            /* "not only", "no longer": not a negation */
            if (find_in(x, &D.not_neg, pos, pos + 1, pos, x->n) != NOMATCH)
                continue;
            return true;
        }
    }
    return find_in(x, &D.neg_after, end, to, end, to) != NOMATCH;
}

/* Is the phrase in a hypothetical or other-subject sentence ("you can", "unlike")? */
static bool in_context(text *x, size_t start, size_t end)
{
    size_t from, to;
    clauses(x);
    from = window_before(x, x->sentence, start, D.ctx_before_words);
    to = window_after(x, x->sentence, end, D.ctx_after_words);
    return find_in(x, &D.ctx_before, from, start, from, start) != NOMATCH ||
           find_in(x, &D.ctx_after, end, to, end, to) != NOMATCH;
}

/* Is the phrase at [start, end) right after one of the `not_after` words? */
static bool after_word(const text *x, size_t start, const plist *l)
{
    size_t e = start;
    while (e > 0 && x->t[e - 1] == ' ')
        e--;
    for (size_t i = 0; i < l->n; i++) {
        const phrase *w = &l->v[i];
        if (w->len > e)
            continue;
        if (memcmp(x->t + e - w->len, w->text, w->len) != 0)
            continue;
        if (e - w->len > 0 && is_word((unsigned char)x->t[e - w->len - 1]))
            continue;
        return true;
    }
    return false;
}

/* Does one of the `exclude` phrases match across the phrase at [start, end)? */
static bool excluded(const text *x, size_t start, size_t end, const plist *ex)
{
    for (size_t i = 0; i < ex->n; i++) {
        const phrase *p = &ex->v[i];
        size_t from = start > p->len + 8 ? start - p->len - 8 : 0;
        for (size_t pos = from; pos < end && pos < x->n; pos++) {
            size_t e;
            /* only a leading hyphen can match without its byte (match_at) */
            if (x->t[pos] != p->text[0] && p->text[0] != '-')
                continue;
            e = match_at(x, pos, p);
            if (e != NOMATCH && e > start)
                return true;
        }
    }
    return false;
}

/* ---------------------------------------------------------------- objects */

typedef struct {
    size_t s, e;      /* bytes of the line */
    bool poss;        /* "01-ai's" */
    bool anchor;      /* a link to a place in the same document */
    const char *repo; /* repo id from a link destination, or NULL */
    size_t repolen;
} token;

static bool in_list_ci(const plist *l, const char *s, size_t n)
{
    for (size_t i = 0; i < l->n; i++) {
        if (l->v[i].len != n)
            continue;
        size_t k = 0;
        while (k < n && lower((unsigned char)s[k]) == (unsigned char)l->v[i].text[k])
            k++;
        if (k == n)
            return true;
    }
    return false;
}

static bool tok_stop(unsigned char c)
{
    return is_space(c) || strchr(",;:()!?|[]\"*`<>{}", c) != NULL;
}

/* Does u[0..n) end with `sfx`, ASCII case-insensitively? */
static bool has_isuffix_n(const char *u, size_t n, const char *sfx)
{
    size_t sl = strlen(sfx);
    return n >= sl && mc_memifind(u + n - sl, sl, sfx, sl) == 0;
}

/* A repository id in a link to the Hub ("https://HOST/owner/name/..."). */
static void url_repo(const char *u, size_t n, token *t)
{
    /* a relative link written as a repository id ("[X](org/name)"), as the Hub renders it:
     * one slash, letters, digits, "-", "_" and "." only, no file extension */
    {
        size_t slash = 0, dots = 0, k;
        for (k = 0; k < n && u[k] != ')' && !is_space((unsigned char)u[k]); k++) {
            char c = u[k];
            slash += c == '/';
            dots += c == '.';
            if (!(is_alnum((unsigned char)c) || c == '/' || c == '-' || c == '_' || c == '.'))
                break;
        }
        if (k > 2 && (k == n || u[k] == ')') && slash == 1 && u[0] != '/' && u[k - 1] != '/' &&
            u[0] != '.' && dots <= 2 &&
            !(k > 3 && (has_isuffix_n(u, k, ".md") || has_isuffix_n(u, k, ".json") ||
                        has_isuffix_n(u, k, ".png") || has_isuffix_n(u, k, ".jpg")))) {
            t->repo = u;
            t->repolen = k;
            return;
        }
    }
    {
        long at = mc_hub_find(u, n);
        size_t i, s, slash;
        if (at < 0)
            return;
        i = s = (size_t)at;
        while (i < n && u[i] != '/' && u[i] != '?' && u[i] != '#' && u[i] != ')')
            i++;
        if (i == s || mc_hub_page_not_model(u + s, i - s))
            return;
        if (i >= n || u[i] != '/') { /* a legacy id without an owner: "gpt2" */
            t->repo = u + s;
            t->repolen = i - s;
            return;
        }
        slash = i++;
        while (i < n && u[i] != '/' && u[i] != '?' && u[i] != '#' && u[i] != ')' &&
               !is_space((unsigned char)u[i]))
            i++;
        if (i == slash + 1)
            return;
        t->repo = u + s;
        t->repolen = i - s;
    }
}

/* Read the token starting at or after `i`; returns false at the end of the clause. */
static bool read_token(const char *s, size_t len, size_t i, token *t, size_t *next)
{
    memset(t, 0, sizeof *t);
    for (;;) {
        if (i < len && (is_space((unsigned char)s[i]) || s[i] == '*' || s[i] == '_' ||
                        s[i] == '"' || s[i] == '\'' || s[i] == ':' || s[i] == '|' || s[i] == '='))
            i++;
        else if (i + 1 < len && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0)
            i += 2; /* a no-break space */
        else
            break;
    }
    if (i >= len)
        return false;
    if (starts_ci(s, len, i, "https://") || starts_ci(s, len, i, "http://")) {
        size_t j = i;
        while (j < len && !is_space((unsigned char)s[j]) && s[j] != ')' && s[j] != '>')
            j++;
        url_repo(s + i, j - i, t);
        t->s = t->e = i; /* a bare URL is an object only when it names a repository */
        *next = j;
        return t->repo != NULL;
    }
    if (s[i] == '[') {
        size_t j = i + 1;
        while (j < len && s[j] != ']')
            j++;
        if (j >= len)
            return false;
        t->s = i + 1;
        t->e = j;
        j++;
        if (j < len && s[j] == '(') {
            size_t u = j + 1;
            while (j < len && s[j] != ')')
                j++;
            url_repo(s + u, j - u, t);
            /* a link text that is itself a repository id names the model as the author
             * wrote it (the destination may point at a sibling) */
            if (t->repo && t->e > t->s && memchr(s + t->s, '/', t->e - t->s) &&
                !memchr(s + t->s, ' ', t->e - t->s) && s[t->s] != '/' && s[t->e - 1] != '/') {
                t->repo = s + t->s;
                t->repolen = t->e - t->s;
            }
            t->anchor = u < len && s[u] == '#';
            if (j < len)
                j++;
        }
        *next = j;
    } else if (s[i] == '`') {
        size_t j = i + 1;
        while (j < len && s[j] != '`')
            j++;
        t->s = i + 1;
        t->e = j;
        *next = j < len ? j + 1 : j;
    } else {
        size_t j = i;
        bool ascii = !((unsigned char)s[i] & 0x80);
        if (tok_stop((unsigned char)s[i]) || s[i] == '.')
            return false;
        while (j < len && !tok_stop((unsigned char)s[j])) {
            if (s[j] == '.' && (j + 1 == len || is_space((unsigned char)s[j + 1]) ||
                                tok_stop((unsigned char)s[j + 1])))
                break;
            if (ascii && ((unsigned char)s[j] & 0x80))
                break; /* a Korean particle after a Latin name: "Qwen2.5를" */
            j++;
        }
        t->s = i;
        t->e = j;
        *next = j;
    }
    /* trim emphasis and a possessive */
    while (t->e > t->s && strchr("*_`'.", s[t->e - 1]))
        t->e--;
    if (t->e - t->s > 2 && s[t->e - 2] == '\'' && lower((unsigned char)s[t->e - 1]) == 's') {
        t->e -= 2;
        t->poss = true;
    }
    return t->e > t->s || t->repo;
}

static bool version_like(const char *s, size_t n)
{
    if (n == 0 || n > 12)
        return false;
    if (s[0] >= '0' && s[0] <= '9')
        return true;
    return (s[0] == 'v' || s[0] == 'V') && n > 1 && s[1] >= '0' && s[1] <= '9';
}

static bool generic_object(const char *s, size_t n)
{
    for (size_t i = 0; i < D.obj_generic.n; i++) {
        const phrase *g = &D.obj_generic.v[i];
        if (n < g->len || n > g->len + 3)
            continue;
        size_t k = 0;
        while (k < g->len && lower((unsigned char)s[k]) == (unsigned char)g->text[k])
            k++;
        if (k == g->len && (n == g->len || ((unsigned char)s[g->len] & 0x80)))
            return true;
    }
    return false;
}

static bool model_like(const char *s, size_t n)
{
    bool alnum = false, strong = false;
    if (n == 0 || n > MAX_OBJECT_BYTES)
        return false;
    if (generic_object(s, n))
        return true;
    if (in_list_ci(&D.obj_stop, s, n))
        return false;
    /* a name is written in Latin letters: a run of CJK or Hangul text around a Latin word
     * ("...Yi-VL多模态大模型...") is a sentence, not a model's name */
    {
        size_t high = 0;
        for (size_t i = 0; i < n; i++)
            high += ((unsigned char)s[i] & 0x80) != 0;
        if (high * 2 > n || (high && n > 40))
            return false;
    }
    for (size_t i = 0; i < D.obj_reject_containing.n; i++)
        if (mc_memifind(s, n, D.obj_reject_containing.v[i].text,
                        D.obj_reject_containing.v[i].len) >= 0)
            return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
            alnum = true; /* a letter: "4" of "4비트" is no model */
        if ((c >= '0' && c <= '9') || c == '/' || (c >= 'A' && c <= 'Z'))
            strong = true;
    }
    /* "bert-base-uncased": a hyphenated name with a variant word after its first part */
    for (size_t b = 0; alnum && !strong && b < n;) {
        size_t e = b;
        while (e < n && s[e] != '-' && s[e] != '_')
            e++;
        if (b > 0 && in_list_ci(&D.obj_variant, s + b, e - b))
            strong = true;
        b = e + 1;
    }
    return alnum && strong;
}

/* Copy a token (or a token run) into the arena, without emphasis and backticks. */
static char *object_text(mc_arena *a, const char *s, size_t n)
{
    char *o = mc_arena_alloc(a, n + 1);
    size_t k = 0;
    if (!o)
        return NULL;
    for (size_t i = 0; i < n; i++)
        if (s[i] != '*' && s[i] != '`')
            o[k++] = s[i];
    while (k > 0 && is_space((unsigned char)o[k - 1]))
        k--;
    o[k] = '\0';
    return o;
}

static const char *object_after(mc_arena *a, const char *s, size_t len, size_t i, bool direct,
                                const kind_data *k)
{
    token t;
    size_t next;
    int skips = 0;
    /* a short parenthesis between the phrase and its connective: "a fine-tune (DPO) of X" */
    if (i + 2 < len && s[i] == ' ' && s[i + 1] == '(') {
        const char *close = memchr(s + i + 2, ')', len - i - 2 < 40 ? len - i - 2 : 40);
        if (close)
            i = (size_t)(close - s) + 1;
    }
    if (!direct) {
        if (!read_token(s, len, i, &t, &next) || t.repo ||
            !in_list_ci(&k->connectives, s + t.s, t.e - t.s))
            return NULL;
        i = next;
    }
    for (;;) {
        if (!read_token(s, len, i, &t, &next))
            return NULL;
        if (t.repo)
            return mc_arena_strndup(a, t.repo, t.repolen);
        bool skip = in_list_ci(&D.obj_skip, s + t.s, t.e - t.s) || t.poss;
        if (!skip)
            break;
        if (++skips > 4)
            return NULL;
        i = next;
    }
    /* the token, then version-like words ("Llama 2", "Mistral 7B") */
    size_t os = t.s, oe = t.e;
    bool bracketed = os > 0 && (s[os - 1] == '[' || s[os - 1] == '`');
    i = next;
    for (int more = 0; !bracketed && more < 2; more++) {
        token v;
        size_t vn;
        if (i >= len || s[i] != ' ' || !read_token(s, len, i, &v, &vn) || v.repo ||
            !version_like(s + v.s, v.e - v.s))
            break;
        oe = v.e;
        i = vn;
    }
    /* a name of capitalised words: "Stable Diffusion", "Mistral Nemo" */
    for (int more = 0; !bracketed && more < 2 && s[os] >= 'A' && s[os] <= 'Z'; more++) {
        token v;
        size_t vn;
        if (i >= len || s[i] != ' ' || !read_token(s, len, i, &v, &vn) || v.repo || v.e - v.s < 2 ||
            s[v.s] < 'A' || s[v.s] > 'Z' || s[v.s - 1] != ' ' ||
            in_list_ci(&D.obj_skip, s + v.s, v.e - v.s) ||
            in_list_ci(&D.obj_reject_next, s + v.s, v.e - v.s))
            break;
        oe = v.e;
        i = vn;
    }
    {
        token r;
        size_t rn;
        if (read_token(s, len, i, &r, &rn) && !r.repo &&
            in_list_ci(&D.obj_reject_next, s + r.s, r.e - r.s))
            return NULL;
    }
    if (t.anchor || !model_like(s + os, oe - os))
        return NULL;
    return object_text(a, s + os, oe - os);
}

static const char *object_before(mc_arena *a, const char *s, size_t i)
{
    size_t e = i, b;
    bool ascii = false;
    while (e > 0 && (is_space((unsigned char)s[e - 1]) || s[e - 1] == '*' || s[e - 1] == '_'))
        e--;
    if (e == 0)
        return NULL;
    if (s[e - 1] == ')') { /* a link: [text](url) */
        size_t p = e - 1;
        while (p > 0 && s[p] != '(')
            p--;
        if (p > 0 && s[p - 1] == ']') {
            token t;
            size_t q = p - 1;
            memset(&t, 0, sizeof t);
            url_repo(s + p + 1, e - 1 - (p + 1), &t);
            if (t.repo)
                return mc_arena_strndup(a, t.repo, t.repolen);
            b = q;
            while (b > 0 && s[b - 1] != '[')
                b--;
            if (b > 0 && s[p + 1] != '#' && model_like(s + b, q - b))
                return object_text(a, s + b, q - b);
            return NULL;
        }
    }
    b = e;
    while (b > 0 && !tok_stop((unsigned char)s[b - 1]))
        b--;
    for (size_t k = b; k < e; k++)
        if (is_alnum((unsigned char)s[k]))
            ascii = true;
    if (ascii) { /* drop a Korean particle: "Qwen2.5를" */
        while (e > b && ((unsigned char)s[e - 1] & 0x80))
            e--;
    }
    while (e > b && strchr("'.`*_", s[e - 1]))
        e--;
    if (e > b && model_like(s + b, e - b))
        return object_text(a, s + b, e - b);
    return NULL;
}

/* Is s[..w) ending with the whole word `word` (ASCII case-insensitive)? */
static bool word_ends_at(const char *s, size_t w, const char *word)
{
    size_t n = strlen(word);

    return w >= n && starts_ci(s, w, w - n, word) &&
           (w == n || !is_alnum((unsigned char)s[w - n - 1]));
}

/* The name right before a phrase when an article introduces it: "a Mistral-7B fine-tuned
 * on", "an `xlm-roberta` fine-tuned to", "a [X](url) model trained on". A name without an
 * article before it is the sentence's subject ("Falcon-7B is trained on"), not a base. */
static const char *object_before_article(mc_arena *a, const char *s, size_t i)
{
    size_t e = i, b, w;
    while (e > 0 && (is_space((unsigned char)s[e - 1]) || s[e - 1] == '*' || s[e - 1] == '_'))
        e--;
    if (e >= 6 && starts_ci(s, e, e - 5, "model") && (e == 5 || is_space((unsigned char)s[e - 6])))
        for (e -= 5; e > 0 && is_space((unsigned char)s[e - 1]);)
            e--;
    if (e == 0)
        return NULL;
    b = e;
    if (s[e - 1] == '`') {
        b = e - 1;
        while (b > 0 && s[b - 1] != '`')
            b--;
        if (b == 0)
            return NULL;
        b--;
    } else if (s[e - 1] == ')') {
        while (b > 0 && s[b - 1] != '[')
            b--;
        if (b == 0)
            return NULL;
        b--;
    } else {
        while (b > 0 && !tok_stop((unsigned char)s[b - 1]))
            b--;
    }
    if (b == e)
        return NULL;
    /* the article */
    w = b;
    while (w > 0 && is_space((unsigned char)s[w - 1]))
        w--;
    if (!word_ends_at(s, w, "a") && !word_ends_at(s, w, "an") && !word_ends_at(s, w, "the"))
        return NULL;
    if (s[b] == '`') {
        if (e - b < 5)
            return NULL;
        return object_text(a, s + b + 1, e - b - 2); /* a name set as code is a name */
    }
    {
        /* a size is no name: "a 3.6B model trained by ..." */
        size_t d = b;
        while (d < e && ((s[d] >= '0' && s[d] <= '9') || s[d] == '.'))
            d++;
        if (d > b && d + 1 == e && strchr("BbMmKkTt", s[d]))
            return NULL;
        return object_before(a, s, e);
    }
}

/* ---------------------------------------------------------------- extraction */

typedef struct {
    int kind;
    size_t start, end;
    const phrase *p;
} hit;

/* Does the line start (after white space, list and quote markers) with one of the
 * skip_lines prefixes: a checklist item, a TODO? The normalised prefixes are compared with
 * the line as written, ASCII case-insensitively, a space matching any run of white space. */
static bool line_skipped(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && (is_space((unsigned char)s[i]) || s[i] == '>' || s[i] == '-' || s[i] == '*' ||
                       s[i] == '+'))
        i++;
    {
        /* a dated list item: release history ("2024.12.09:", "[2024-05-13]", "2024/9/11:") */
        size_t d = i;
        while (d < len && (s[d] == '[' || s[d] == '*' || s[d] == '`'))
            d++;
        if (d + 6 <= len && s[d] >= '1' && s[d] <= '2' && s[d + 1] >= '0' && s[d + 1] <= '9' &&
            s[d + 2] >= '0' && s[d + 2] <= '9' && s[d + 3] >= '0' && s[d + 3] <= '9' &&
            (s[d + 4] == '.' || s[d + 4] == '-' || s[d + 4] == '/') && s[d + 5] >= '0' &&
            s[d + 5] <= '9')
            return true;
    }
    for (size_t k = 0; k < D.skip_lines.n; k++) {
        const phrase *p = &D.skip_lines.v[k];
        size_t j = i, q = 0;
        while (q < p->len && j < len) {
            if (p->text[q] == ' ' && is_space((unsigned char)s[j])) {
                while (j < len && is_space((unsigned char)s[j]))
                    j++;
                q++;
            } else if (lower((unsigned char)s[j]) == (unsigned char)p->text[q]) {
                j++;
                q++;
            } else {
                break;
            }
        }
        if (q == p->len)
            return true;
    }
    return false;
}

/* Does heading `h`'s text contain a phrase of list `l` (skip_sections, quoted_card)? `x`
 * is scratch space. */
static bool heading_in(text *x, const mc_heading *h, const plist *l)
{
    if (!h || !h->text || !l->n)
        return false;
    x->line = h->text;
    x->len = strlen(h->text);
    return normalise(x) == 0 && find_in(x, l, 0, x->n, 0, x->n) != NOMATCH;
}

static bool memchr_digit(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] >= '0' && s[i] <= '9')
            return true;
    return false;
}

/* The name written right before s[i] as up to four words, each capitalised or a version
 * ("on Llama 3 8B base model" -> "Llama 3 8B"), or NULL. */
static const char *name_run_before(mc_arena *a, const char *s, size_t i)
{
    size_t e = i, b = i;
    bool capital = false;

    while (e > 0 && (is_space((unsigned char)s[e - 1]) || s[e - 1] == '*' || s[e - 1] == '`'))
        e--;
    b = e;
    for (int words = 0; words < 4 && b > 0; words++) {
        size_t wb = b;
        while (wb > 0 && !is_space((unsigned char)s[wb - 1]) && !tok_stop((unsigned char)s[wb - 1]))
            wb--;
        if (wb == b)
            break;
        if (s[wb] >= 'A' && s[wb] <= 'Z')
            capital = true;
        else if (!version_like(s + wb, b - wb))
            break;
        b = wb;
        while (b > 0 && s[b - 1] == ' ' && b - 1 > 0 && !is_space((unsigned char)s[b - 2]))
            b--;
        if (b == wb)
            break;
    }
    while (b < e && s[b] == ' ')
        b++;
    /* the object of a preposition ("DPO on Llama 3 8B base model"), not a description
     * of this model ("This is a Japanese DeBERTa V2 base model") */
    {
        size_t w = b;
        while (w > 0 && is_space((unsigned char)s[w - 1]))
            w--;
        size_t wb = w;
        while (wb > 0 && is_alnum((unsigned char)s[wb - 1]))
            wb--;
        if (wb == w || !in_list_ci(&D.obj_prepositions, s + wb, w - wb))
            return NULL;
    }
    /* a version or a size makes it a release's name ("As base model", "the BERT base
     * model" name none) */
    if (!capital || b >= e || !memchr_digit(s + b, e - b) || !model_like(s + b, e - b))
        return NULL;
    return object_text(a, s + b, e - b);
}

static int emit_claim(mc_record *rec, const mc_doc *doc, text *x, unsigned ln, const hit *h,
                      mc_from from)
{
    mc_arena *a = rec->arena;
    const kind_data *k = &D.kinds[h->kind];
    size_t os = x->map[h->start], oe = x->map[h->end - 1] + 1;
    mc_claim c;
    int mode = h->p->obj;
    memset(&c, 0, sizeof c);
    c.kind = (mc_claim_kind)h->kind;
    c.negated = is_negated(x, h->start, h->end);
    c.template = h->p->template;
    c.weak = h->p->weak;

    if (!k->object)
        mode = OBJ_NONE;
    else if (mode == OBJ_DEFAULT)
        mode = ((unsigned char)h->p->text[0] & 0x80) ? OBJ_BEFORE : OBJ_AFTER;
    if (mode == OBJ_AFTER) {
        /* a phrase ending with a connective ("fine-tuned from") takes its object directly */
        const char *lw = h->p->text + h->p->len;
        while (lw > h->p->text && lw[-1] != ' ' && lw[-1] != '-')
            lw--;
        bool direct = in_list_ci(&k->connectives, lw, (size_t)(h->p->text + h->p->len - lw));
        c.object = object_after(a, x->line, x->len, oe, direct, k);
    } else if (mode == OBJ_DIRECT) {
        c.object = object_after(a, x->line, x->len, oe, true, k);
    } else if (mode == OBJ_BEFORE) {
        c.object = object_before(a, x->line, os);
    }
    if (!c.object && (mode == OBJ_AFTER || mode == OBJ_DIRECT) &&
        (h->kind == MC_CLAIM_FINETUNE || h->kind == MC_CLAIM_PRETRAIN ||
         h->kind == MC_CLAIM_ADAPTER || h->kind == MC_CLAIM_CPT))
        c.object = object_before_article(a, x->line, os);
    if (!c.object && mode == OBJ_DIRECT && h->kind == MC_CLAIM_BASE_LABEL)
        c.object = name_run_before(a, x->line, os); /* "on Llama 3 8B base model" */
    if ((k->require_object || h->p->require) && !c.object)
        return 0;

    size_t ls = 0, le = x->len;
    while (ls < le && is_space((unsigned char)x->line[ls]))
        ls++;
    while (le > ls && is_space((unsigned char)x->line[le - 1]))
        le--;
    if (le - ls > MAX_STR_BYTES) { /* hostile or minified text: keep the phrase's part */
        size_t s0 = os > ls + MAX_STR_BYTES / 2 ? os - MAX_STR_BYTES / 2 : ls;
        while (s0 > ls && ((unsigned char)x->line[s0] & 0xC0) == 0x80)
            s0--;
        size_t e0 = s0 + MAX_STR_BYTES < le ? s0 + MAX_STR_BYTES : le;
        while (e0 < le && ((unsigned char)x->line[e0] & 0xC0) == 0x80)
            e0++;
        ls = s0;
        le = e0;
    }
    c.phrase = mc_arena_strndup(a, x->line + os, oe - os);
    c.phrase_at = os - ls;
    c.where.str = mc_arena_strndup(a, x->line + ls, le - ls);
    c.where.path = mc_arena_strdup(a, mc_doc_path(doc) ? mc_doc_path(doc) : "");
    c.where.from = from;
    c.where.span.line = ln;
    c.where.span.end_line = ln;
    c.where.span.col = mc_utf8_count(x->line, os) + 1;
    c.where.span.end_col = mc_utf8_count(x->line, oe) + 1;
    if (!c.phrase || !c.where.str || !c.where.path)
        return mc_error_set(MC_ENOMEM, "out of memory");
    return mc_record_add_claim(rec, &c);
}

/* Find the claims of the normalised line `x` (line `ln` of `doc`). At each position, the
 * longest match of each kind wins (the first phrase in list order on a tie), and a kind is
 * not looked for again inside its own match. */
static int scan_line(mc_record *rec, const mc_doc *doc, text *x, unsigned ln, bool table,
                     mc_from from, size_t *count)
{
    const char *t = x->t;
    size_t last_end[MC_CLAIM__COUNT] = {0};
    int rc = 0;
    bool in_word = false; /* t[pos - 1] is a word character */
    _Static_assert(MC_CLAIM__COUNT <= 32, "one bit per kind");
    for (size_t pos = 0; pos < x->n && rc == 0; pos++) {
        unsigned char cl = D.cls[(unsigned char)t[pos]];
        hit best[MC_CLAIM__COUNT];
        uint32_t have = 0, w;
        size_t nc;
        const cand *cands;
        bool skip = (cl & CL_ALNUM) && in_word;
        in_word = cl & CL_WORD;
        /* a phrase starting with a letter or digit only matches at the start of a word */
        if (skip)
            continue;
        cands = index_at(&D.kinds_ix, t, pos, &nc);
        if (nc == 0)
            continue;
        memcpy(&w, t + pos, 4); /* text_reserve() leaves 4 readable bytes after t[n - 1] */
        for (size_t b = 0; b < nc; b++) {
            int kind = cands[b].kind;
            size_t e;
            if ((w & cands[b].premask) != cands[b].pre || pos < last_end[kind])
                continue;
            e = match_at(x, pos, cands[b].p);
            if (e == NOMATCH)
                continue;
            if (!(have & (1u << kind)) || e > best[kind].end) {
                best[kind] = (hit){kind, pos, e, cands[b].p};
                have |= 1u << kind;
            }
        }
        for (int k = 0; have && k < MC_CLAIM__COUNT && rc == 0; k++) {
            const kind_data *kd = &D.kinds[k];
            if (!(have & (1u << k)))
                continue;
            last_end[k] = best[k].end;
            if (after_word(x, best[k].start, &kd->not_after) ||
                excluded(x, best[k].start, best[k].end, &kd->exclude) ||
                in_context(x, best[k].start, best[k].end) || (table && !kd->tables))
                continue;
            if (*count >= MAX_CLAIMS_PER_DOC)
                break;
            size_t before = rec->nclaims;
            rc = emit_claim(rec, doc, x, ln, &best[k], from);
            if (rec->nclaims > before)
                (*count)++;
        }
    }
    return rc;
}

bool mc_claim_states_data(const mc_claim *c)
{
    return !c->negated &&
           (c->kind == MC_CLAIM_PRETRAIN || c->kind == MC_CLAIM_FINETUNE ||
            c->kind == MC_CLAIM_FROM_SCRATCH || c->kind == MC_CLAIM_CPT) &&
           c->where.str &&
           mc_words_in(mc_words_get("cues.data_mention"), c->where.str, strlen(c->where.str));
}

/* A line of a quoted card: its claims are about the original model and are dropped, but a
 * statement of training data is kept (a quantization was trained on its original's data). */
static int quoted_line(mc_record *rec, const mc_doc *doc, text *x, unsigned ln, bool table,
                       mc_from from)
{
    size_t before = rec->nclaims, count = 0;
    int rc;

    if (rec->quoted_data.path || from != MC_FROM_PROSE)
        return 0;
    rc = scan_line(rec, doc, x, ln, table, from, &count);
    for (size_t i = before; rc == 0 && i < rec->nclaims && !rec->quoted_data.path; i++)
        if (mc_claim_states_data(&rec->claims[i]))
            rec->quoted_data = rec->claims[i].where;
    rec->nclaims = before;
    return rc;
}

int mc_claims_extract(mc_record *rec, const mc_doc *doc, mc_from from)
{
    int rc;
    size_t count = 0;
    unsigned nlines;
    const mc_heading *h, *last_heading = NULL;
    bool skip = false;
    unsigned skip_level = 0; /* the level of the skipped heading whose section we are in */
    bool quoted = false;     /* past a heading that quotes another model's card */
    text x = {0}, hx = {0};  /* a line and a heading, buffers reused */
    if (!rec || !doc)
        return mc_error_set(MC_EINVALID, "no record or document");
    if ((rc = mc_claims_init()) != 0)
        return rc;
    nlines = mc_doc_line_count(doc);
    for (unsigned ln = 1; ln <= nlines; ln++) {
        mc_line_kind lk = mc_doc_line_kind(doc, ln);
        size_t len = 0;
        const char *line;
        if (lk != MC_LINE_TEXT && lk != MC_LINE_HEADING && lk != MC_LINE_TABLE)
            continue;
        line = mc_doc_line(doc, ln, &len);
        if (!line || len == 0)
            continue;
        h = mc_doc_section_of(doc, ln);
        if (h != last_heading) {
            /* a skipped section covers its subsections ("# Original model card" and the
             * quoted card's own headings below it) */
            last_heading = h;
            if (!quoted && heading_in(&hx, h, &D.quoted_card))
                quoted = true; /* another model's card, quoted to the end */
            if (!(skip_level && h && h->level > skip_level))
                skip_level = heading_in(&hx, h, &D.skip_sections) ? (h->level ? h->level : 1) : 0;
            skip = skip_level != 0;
        }
        if (skip || line_skipped(line, len))
            continue;
        x.line = line;
        x.len = len;
        if (normalise(&x) != 0) {
            rc = mc_error_set(MC_ENOMEM, "out of memory");
            break;
        }
        if (quoted) {
            if ((rc = quoted_line(rec, doc, &x, ln, lk == MC_LINE_TABLE, from)) != 0)
                break;
            continue;
        }
        if ((rc = scan_line(rec, doc, &x, ln, lk == MC_LINE_TABLE, from, &count)) != 0)
            break;
        if (count >= MAX_CLAIMS_PER_DOC)
            break;
    }
    text_free(&x);
    text_free(&hx);
    return rc;
}
