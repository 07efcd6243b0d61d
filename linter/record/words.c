/* rules/signals.yaml flattened once into lists of words by path. The file is small (a few
 * dozen lists), so a lookup compares paths linearly; the words are copied out of the YAML
 * tree, which is freed after loading. */
#include "record/words.h"

#include "mclint/common.h"
#include "mclint/yaml.h"
#include "util/embed.h"
#include "util/str.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LISTS 96

typedef struct {
    char *path;
    mc_words words;
} entry;

static struct {
    entry e[MAX_LISTS];
    size_t n;
    int status;
} W;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static const mc_words empty = {NULL, 0};

/* Add the list (a sequence of scalars, or a mapping whose keys are the words) at `path`. */
static int add_list(const char *path, const mc_ynode *n)
{
    size_t size = mc_ynode_size(n), k = 0;
    char **v;
    entry *e;

    if (W.n == MAX_LISTS)
        return MC_EINVALID;
    v = calloc(size + 1, sizeof(*v));
    if (v == NULL)
        return MC_ENOMEM;
    for (size_t i = 0; i < size; i++) {
        const mc_ynode *item = mc_ynode_kind_of(n) == MC_YNODE_SEQ ? mc_ynode_item(n, i)
                                                                   : mc_ynode_key(n, i);
        const char *s = mc_ynode_str(item);
        if (s && (v[k] = mc_strdup(s)) != NULL)
            k++;
    }
    e = &W.e[W.n++];
    e->path = mc_strdup(path);
    e->words.v = (const char *const *)v;
    e->words.n = k;
    return e->path ? 0 : MC_ENOMEM;
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

static void load(void)
{
    size_t len = 0;
    const char *text = mc_embedded_find("signals.yaml", &len);
    mc_yaml *y = NULL;

    if (text == NULL || mc_yaml_parse(&y, text, len, 1, NULL) != 0 || y == NULL ||
        mc_yaml_syntax_error(y) || mc_yaml_root(y) == NULL) {
        W.status = MC_EINVALID;
    } else {
        W.status = walk("", mc_yaml_root(y));
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
    if (mc_words_init() < 0)
        return &empty;
    for (size_t i = 0; i < W.n; i++)
        if (strcmp(W.e[i].path, path) == 0)
            return &W.e[i].words;
    return &empty;
}

bool mc_words_has(const mc_words *w, const char *word, size_t n)
{
    for (size_t i = 0; word && n && i < w->n; i++)
        if (strlen(w->v[i]) == n && mc_memifind(w->v[i], n, word, n) == 0)
            return true;
    return false;
}

bool mc_words_in(const mc_words *w, const char *text, size_t n)
{
    for (size_t i = 0; text && i < w->n; i++)
        if (mc_memifind(text, n, w->v[i], strlen(w->v[i])) >= 0)
            return true;
    return false;
}
