/* The rule catalogue: rule files (rules/MC*.yaml) parsed into mc_rule entries. */
#include "mclint/rules.h"
#include "card/embedded.h"
#include "mclint/yaml.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/embed.h"
#include "util/str.h"
#include "util/vec.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

struct mc_rules {
    mc_arena *arena;
    mc_rule *items;
    size_t len;
    size_t cap;
    /* while loading: rule index + 1 by id and by name (open addressing, grown at half
     * full, hashed under a random key), so each duplicate check is constant time */
    uint32_t *by_id, *by_name;
    size_t ix_cap;
    uint64_t key;
};

static uint64_t str_hash(uint64_t key, const char *s)
{
    uint64_t h = 0xcbf29ce484222325ULL ^ key;

    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
    h ^= h >> 31;
    h *= 0xbf58476d1ce4e5b9ULL ^ key;
    return h ^ (h >> 29);
}

/* The slot of `s` in `ix` (the one holding it, or the free one where it goes). */
static size_t ix_slot(const mc_rules *r, const uint32_t *ix, const char *s, bool name)
{
    size_t i = (size_t)str_hash(r->key, s) & (r->ix_cap - 1);

    while (ix[i]) {
        const mc_rule *o = &r->items[ix[i] - 1];
        if (strcmp(name ? o->name : o->id, s) == 0)
            break;
        i = (i + 1) & (r->ix_cap - 1);
    }
    return i;
}

/* Make room in the index for one more rule (rebuilt from the items when grown). */
static int ix_reserve(mc_rules *r)
{
    size_t cap = r->ix_cap;
    uint32_t *by_id, *by_name;

    if (2 * (r->len + 1) <= cap)
        return 0;
    while (2 * (r->len + 1) > cap)
        cap = cap ? cap * 2 : 256;
    if (cap > UINT32_MAX)
        return mc_error_set(MC_ENOMEM, "out of memory");
    by_id = calloc(cap, sizeof(*by_id));
    by_name = calloc(cap, sizeof(*by_name));
    if (by_id == NULL || by_name == NULL) {
        free(by_id);
        free(by_name);
        return mc_error_set(MC_ENOMEM, "out of memory");
    }
    free(r->by_id);
    free(r->by_name);
    r->by_id = by_id;
    r->by_name = by_name;
    r->ix_cap = cap;
    for (size_t k = 0; k < r->len; k++) {
        r->by_id[ix_slot(r, r->by_id, r->items[k].id, false)] = (uint32_t)(k + 1);
        r->by_name[ix_slot(r, r->by_name, r->items[k].name, true)] = (uint32_t)(k + 1);
    }
    return 0;
}

static const char *str_at(mc_arena *a, const mc_ynode *map, const char *key)
{
    const mc_ynode *n = map ? mc_ynode_get(map, key) : NULL;

    if (n == NULL || mc_ynode_kind_of(n) != MC_YNODE_SCALAR)
        return NULL;
    return mc_arena_strdup(a, mc_ynode_str(n));
}

static int fail_at(const char *path, const mc_ynode *n, const char *msg, const char *what)
{
    mc_span s = n ? mc_ynode_span(n) : (mc_span){0, 0, 0, 0};

    return mc_error_set(MC_EINVALID, "%s:%u:%u: %s%s%s", path, s.line, s.col, msg, what ? ": " : "",
                        what ? what : "");
}

static int read_example(mc_arena *a, const mc_ynode *n, mc_example *ex)
{
    mc_example_file *files;

    if (n == NULL)
        return 0;
    if (mc_ynode_kind_of(n) == MC_YNODE_SCALAR) {
        files = mc_arena_alloc(a, sizeof(*files));
        if (files == NULL)
            return MC_ENOMEM;
        files[0].name = "README.md";
        files[0].len = mc_ynode_strlen(n);
        files[0].text = mc_arena_strndup(a, mc_ynode_str(n), files[0].len);
        ex->files = files;
        ex->nfiles = 1;
        return 0;
    }
    if (mc_ynode_kind_of(n) != MC_YNODE_MAP)
        return -1;
    files = mc_arena_alloc(a, (mc_ynode_size(n) + 1) * sizeof(*files));
    if (files == NULL)
        return MC_ENOMEM;
    for (size_t i = 0; i < mc_ynode_size(n); i++) {
        const mc_ynode *v = mc_ynode_value(n, i);
        if (mc_ynode_kind_of(v) != MC_YNODE_SCALAR)
            return -1;
        files[i].name = mc_arena_strdup(a, mc_ynode_str(mc_ynode_key(n, i)));
        files[i].len = mc_ynode_strlen(v);
        files[i].text = mc_arena_strndup(a, mc_ynode_str(v), files[i].len);
    }
    ex->files = files;
    ex->nfiles = mc_ynode_size(n);
    return 0;
}

static int add_rule(mc_rules *r, const char *path, const mc_ynode *n, const char *family)
{
    mc_rule *rule;
    const char *sev;
    const mc_ynode *ex;
    size_t id_at, name_at;

    if (mc_ynode_kind_of(n) != MC_YNODE_MAP)
        return fail_at(path, n, "a rule must be a mapping", NULL);
    if (r->len == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 64;
        mc_rule *grown = realloc(r->items, cap * sizeof(*grown));
        if (grown == NULL)
            return mc_error_set(MC_ENOMEM, "out of memory");
        r->items = grown;
        r->cap = cap;
    }
    rule = &r->items[r->len];
    memset(rule, 0, sizeof(*rule));
    rule->id = str_at(r->arena, n, "id");
    rule->name = str_at(r->arena, n, "name");
    rule->title = str_at(r->arena, n, "title");
    rule->message = str_at(r->arena, n, "message");
    rule->rationale = str_at(r->arena, n, "rationale");
    rule->check = str_at(r->arena, n, "check");
    rule->evidence = str_at(r->arena, n, "evidence");
    rule->fix = str_at(r->arena, n, "fix");
    rule->family = mc_arena_strdup(r->arena, family);
    sev = str_at(r->arena, n, "severity");
    rule->severity = mc_severity_parse(sev);
    if (rule->id == NULL || rule->name == NULL || rule->title == NULL || rule->check == NULL ||
        rule->message == NULL || rule->rationale == NULL)
        return fail_at(path, n, "a rule needs id, name, title, message, rationale and check",
                       rule->id);
    if (rule->severity == MC_SEV_NONE)
        return fail_at(path, mc_ynode_get(n, "severity"), "severity must be error, warning or note",
                       rule->id);
    if (family && !mc_has_prefix(rule->id, family))
        return fail_at(path, mc_ynode_get(n, "id"), "rule id does not belong to the file's family",
                       rule->id);
    if (ix_reserve(r) < 0)
        return MC_ENOMEM;
    id_at = ix_slot(r, r->by_id, rule->id, false);
    name_at = ix_slot(r, r->by_name, rule->name, true);
    if (r->by_id[id_at] || r->by_name[name_at])
        return fail_at(path, mc_ynode_get(n, "id"), "duplicate rule id or name", rule->id);
    ex = mc_ynode_get(n, "examples");
    if (ex && (read_example(r->arena, mc_ynode_get(ex, "bad"), &rule->bad) != 0 ||
               read_example(r->arena, mc_ynode_get(ex, "good"), &rule->good) != 0))
        return fail_at(path, ex,
                       "examples.bad/good must be text or a mapping of file names to text",
                       rule->id);
    if (mc_arena_failed(r->arena))
        return mc_error_set(MC_ENOMEM, "out of memory");
    r->len++;
    r->by_id[id_at] = r->by_name[name_at] = (uint32_t)r->len;
    return 0;
}

/* Add the rules of a parsed rule file. */
static int load_tree(mc_rules *r, const char *path, const mc_yaml *y)
{
    const mc_ynode *root = mc_yaml_root(y), *list;
    const char *family;
    int rc;

    if (root == NULL || mc_ynode_kind_of(root) != MC_YNODE_MAP)
        return fail_at(path, root, "a rule file must be a mapping with 'family' and 'rules'", NULL);
    family = str_at(r->arena, root, "family");
    list = mc_ynode_get(root, "rules");
    if (list == NULL || mc_ynode_kind_of(list) != MC_YNODE_SEQ)
        return fail_at(path, list ? list : root, "'rules' must be a list", NULL);
    for (size_t i = 0; i < mc_ynode_size(list); i++)
        if ((rc = add_rule(r, path, mc_ynode_item(list, i), family)) < 0)
            return rc;
    return 0;
}

static int load_into(mc_rules *r, const char *path, const char *text, size_t len)
{
    mc_yaml *y = NULL;
    const mc_ydiag *err;
    int rc;

    if ((rc = mc_yaml_parse(&y, text, len, 1, NULL)) < 0)
        return rc;
    if ((err = mc_yaml_syntax_error(y)) != NULL)
        rc = mc_error_set(MC_EINVALID, "%s:%u:%u: %s", path, err->span.line, err->span.col,
                          err->message);
    else
        rc = load_tree(r, path, y);
    mc_yaml_free(y);
    return rc;
}

static mc_rules *rules_new(void)
{
    mc_rules *r = calloc(1, sizeof(*r));

    if (r && (r->arena = mc_arena_new()) == NULL) {
        free(r);
        r = NULL;
    }
    if (r && getrandom(&r->key, sizeof(r->key), GRND_NONBLOCK) != (ssize_t)sizeof(r->key))
        r->key = (uint64_t)(uintptr_t)r * 0x9E3779B97F4A7C15ULL;
    return r;
}

/* The index is only needed while rules are added. */
static void drop_index(mc_rules *r)
{
    free(r->by_id);
    free(r->by_name);
    r->by_id = r->by_name = NULL;
    r->ix_cap = 0;
}

void mc_rules_free(mc_rules *r)
{
    if (r == NULL)
        return;
    drop_index(r);
    free(r->items);
    mc_arena_free(r->arena);
    free(r);
}

static int cmp_rule(const void *a, const void *b)
{
    return strcmp(((const mc_rule *)a)->id, ((const mc_rule *)b)->id);
}

static int copy_rules(mc_rules *dst, const mc_rules *src)
{
    if (src == NULL || src->len == 0)
        return 0;
    dst->items = malloc(src->len * sizeof(mc_rule));
    if (dst->items == NULL)
        return mc_error_set(MC_ENOMEM, "out of memory");
    memcpy(dst->items, src->items, src->len * sizeof(mc_rule)); /* strings stay in src */
    dst->len = dst->cap = src->len;
    return 0;
}

int mc_rules_load(mc_rules **out, const mc_rules *base, const char *path, const char *text,
                  size_t len)
{
    mc_rules *r = rules_new();
    int rc;

    *out = NULL;
    if (r == NULL)
        return mc_error_set(MC_ENOMEM, "out of memory");
    if ((rc = copy_rules(r, base)) < 0 || (rc = load_into(r, path, text, len)) < 0) {
        mc_rules_free(r);
        return rc;
    }
    drop_index(r);
    qsort(r->items, r->len, sizeof(mc_rule), cmp_rule);
    *out = r;
    return 0;
}

int mc_rules_load_files(mc_rules **out, const mc_rules *base, size_t n,
                        int (*next)(void *ctx, size_t i, const char **path, char **text,
                                    size_t *len),
                        void *ctx)
{
    mc_rules *r = rules_new();
    int rc;

    *out = NULL;
    if (r == NULL)
        return mc_error_set(MC_ENOMEM, "out of memory");
    rc = copy_rules(r, base);
    for (size_t i = 0; i < n && rc == 0; i++) {
        const char *path = NULL;
        char *text = NULL;
        size_t len = 0;
        if ((rc = next(ctx, i, &path, &text, &len)) == 0)
            rc = load_into(r, path, text, len);
        free(text);
    }
    if (rc < 0) {
        mc_rules_free(r);
        return rc;
    }
    drop_index(r);
    qsort(r->items, r->len, sizeof(mc_rule), cmp_rule);
    *out = r;
    return 0;
}

static mc_rules *builtin;
static pthread_once_t builtin_once = PTHREAD_ONCE_INIT;

static void load_builtin(void)
{
    mc_rules *r = rules_new();
    const char *name;

    if (r == NULL)
        return;
    for (size_t i = 0; (name = mc_embedded_name(i)) != NULL; i++) {
        mc_yaml *y = NULL;
        char path[256];
        int rc;
        if (!mc_has_prefix(name, "MC"))
            continue; /* other data files (families, phrases, licences) */
        snprintf(path, sizeof(path), "rules/%s", name);
        if ((rc = mc_embedded_yaml(name, &y)) == 0)
            rc = load_tree(r, path, y);
        mc_yaml_free(y);
        if (rc < 0) {
            /* a broken built-in rule file is a build defect: say so loudly */
            fprintf(stderr, "mclint: internal error: %s\n", mc_error_last());
            mc_rules_free(r);
            return;
        }
    }
    drop_index(r);
    qsort(r->items, r->len, sizeof(mc_rule), cmp_rule);
    builtin = r;
}

const mc_rules *mc_rules_builtin(void)
{
    pthread_once(&builtin_once, load_builtin);
    return builtin;
}

size_t mc_rules_count(const mc_rules *r)
{
    return r ? r->len : 0;
}

const mc_rule *mc_rules_at(const mc_rules *r, size_t i)
{
    return r && i < r->len ? &r->items[i] : NULL;
}

const mc_rule *mc_rules_find(const mc_rules *r, const char *id_or_name)
{
    if (r == NULL || id_or_name == NULL)
        return NULL;
    for (size_t i = 0; i < r->len; i++)
        if (mc_strieq(r->items[i].id, id_or_name) || strcmp(r->items[i].name, id_or_name) == 0)
            return &r->items[i];
    return NULL;
}
