/* rules/signals.yaml flattened once into lists of words by path. Lookups hash the path into
 * a small open-addressed table (every card looks lists up many times); the words are copied
 * out of the YAML tree, which is freed after loading, with their lengths. */
#include "record/words.h"

#include "mclint/common.h"
#include "mclint/yaml.h"
#include "card/embedded.h"
#include "util/str.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LISTS 128
#define TABLE 256 /* a power of two, at least twice MAX_LISTS */

typedef struct {
    char *path;
    mc_words words;
} entry;

static struct {
    entry e[MAX_LISTS];
    size_t n;
    uint16_t table[TABLE]; /* index + 1 into e, 0 = empty */
    int status;
} W;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static const mc_words empty = {NULL, NULL, NULL, 0};

static uint32_t hash(const char *s)
{
    uint32_t h = 2166136261u;

    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static entry *find(const char *path)
{
    for (uint32_t i = hash(path) & (TABLE - 1);; i = (i + 1) & (TABLE - 1)) {
        uint16_t k = W.table[i];
        if (k == 0)
            return NULL;
        if (strcmp(W.e[k - 1].path, path) == 0)
            return &W.e[k - 1];
    }
}

/* Add the list (a sequence of scalars, or a mapping whose keys are the words) at `path`. */
static int add_list(const char *path, const mc_ynode *n)
{
    size_t size = mc_ynode_size(n), k = 0;
    char **v;
    size_t *len;
    entry *e;
    uint32_t i;

    if (W.n == MAX_LISTS)
        return MC_EINVALID;
    v = calloc(size + 1, sizeof(*v));
    len = calloc(size + 1, sizeof(*len));
    if (v == NULL || len == NULL) {
        free(v);
        free(len);
        return MC_ENOMEM;
    }
    for (size_t j = 0; j < size; j++) {
        const mc_ynode *item =
            mc_ynode_kind_of(n) == MC_YNODE_SEQ ? mc_ynode_item(n, j) : mc_ynode_key(n, j);
        const char *s = mc_ynode_str(item);
        if (s && (v[k] = mc_strdup(s)) != NULL)
            len[k] = strlen(v[k]), k++;
    }
    e = &W.e[W.n++];
    e->path = mc_strdup(path);
    e->words.v = (const char *const *)v;
    e->words.len = len;
    e->words.n = k;
    if (e->path == NULL)
        return MC_ENOMEM;
    for (i = hash(path) & (TABLE - 1); W.table[i]; i = (i + 1) & (TABLE - 1))
        ;
    W.table[i] = (uint16_t)W.n;
    return 0;
}

/* Every list below `n`, recursively, named by its dotted path. */
static int walk(const char *prefix, const mc_ynode *n)
{
    int rc;

    if (mc_ynode_kind_of(n) == MC_YNODE_SEQ)
        return add_list(prefix, n);
    if (mc_ynode_kind_of(n) != MC_YNODE_MAP)
        return 0;
    if (*prefix && (rc = add_list(prefix, n)) < 0)
        return rc;
    for (size_t i = 0; i < mc_ynode_size(n); i++) {
        const char *key = mc_ynode_str(mc_ynode_key(n, i));
        char path[256];
        size_t pl = strlen(prefix), kl = key ? strlen(key) : 0;
        if (key == NULL || pl + kl + 2 > sizeof(path))
            return MC_EINVALID;
        memcpy(path, prefix, pl);
        if (pl)
            path[pl++] = '.';
        memcpy(path + pl, key, kl + 1);
        if ((rc = walk(path, mc_ynode_value(n, i))) < 0)
            return rc;
    }
    return 0;
}

/* Each mapping's list gets the lists under its keys, in the keys' order. */
static int link_children(void)
{
    for (size_t i = 0; i < W.n; i++) {
        entry *e = &W.e[i];
        const mc_words **c = NULL;
        for (size_t k = 0; k < e->words.n; k++) {
            char path[256];
            entry *child;
            if (strlen(e->path) + e->words.len[k] + 2 > sizeof(path))
                continue;
            memcpy(path, e->path, strlen(e->path));
            path[strlen(e->path)] = '.';
            memcpy(path + strlen(e->path) + 1, e->words.v[k], e->words.len[k] + 1);
            if ((child = find(path)) == NULL)
                continue;
            if (c == NULL && (c = calloc(e->words.n, sizeof(*c))) == NULL)
                return MC_ENOMEM;
            c[k] = &child->words;
        }
        e->words.children = (const mc_words *const *)c;
    }
    return 0;
}

static void load(void)
{
    mc_yaml *y = NULL;

    if (mc_embedded_yaml("signals.yaml", &y) < 0) {
        W.status = MC_EINVALID;
    } else if ((W.status = walk("", mc_yaml_root(y))) == 0) {
        W.status = link_children();
    }
    mc_yaml_free(y);
}

int mc_words_init(void)
{
    pthread_once(&once, load);
    if (W.status < 0)
        return mc_error_set(MC_EINVALID, "rules/signals.yaml: not a mapping of word lists");
    return 0;
}

const mc_words *mc_words_get(const char *path)
{
    entry *e;

    if (mc_words_init() < 0 || (e = find(path)) == NULL)
        return &empty;
    return &e->words;
}

const mc_words *mc_words_child(const mc_words *w, size_t i)
{
    if (w->children == NULL || i >= w->n || w->children[i] == NULL)
        return &empty;
    return w->children[i];
}

bool mc_words_has(const mc_words *w, const char *word, size_t n)
{
    for (size_t i = 0; word && n && i < w->n; i++)
        if (w->len[i] == n && mc_memifind(w->v[i], n, word, n) == 0)
            return true;
    return false;
}

bool mc_words_in(const mc_words *w, const char *text, size_t n)
{
    for (size_t i = 0; text && i < w->n; i++)
        if (mc_memifind(text, n, w->v[i], w->len[i]) >= 0)
            return true;
    return false;
}
