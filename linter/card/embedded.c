/* The loader of the embedded YAML data files (see embedded.h). */
#include "card/embedded.h"
#include "util/embed.h"

#include <pthread.h>
#include <string.h>

int mc_embedded_yaml(const char *name, mc_yaml **out)
{
    size_t len = 0;
    const char *text = mc_embedded_find(name, &len);
    const mc_ynode *root;
    const mc_ydiag *err;
    mc_yaml *y = NULL;
    int rc;

    *out = NULL;
    if (text == NULL)
        return mc_error_set(MC_EINVALID, "rules/%s: not embedded in the program", name);
    if ((rc = mc_yaml_parse(&y, text, len, 1, NULL)) < 0)
        return rc;
    if ((err = mc_yaml_syntax_error(y)) != NULL) {
        rc = mc_error_set(MC_EINVALID, "rules/%s:%u:%u: %s", name, err->span.line, err->span.col,
                          err->message);
        goto fail;
    }
    root = mc_yaml_root(y);
    if (root == NULL || mc_ynode_kind_of(root) != MC_YNODE_MAP) {
        rc = mc_error_set(MC_EINVALID, "rules/%s: not a mapping", name);
        goto fail;
    }
    *out = y;
    return 0;
fail:
    mc_yaml_free(y);
    return rc;
}

#define MAX_KEPT 16

static struct {
    const char *name;
    mc_yaml *yaml;
} kept[MAX_KEPT];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

const mc_ynode *mc_embedded_root(const char *name)
{
    const mc_ynode *root = NULL;
    size_t i;

    pthread_mutex_lock(&lock);
    for (i = 0; i < MAX_KEPT && kept[i].name; i++)
        if (strcmp(kept[i].name, name) == 0)
            break;
    if (i < MAX_KEPT && kept[i].name == NULL) {
        mc_yaml *y = NULL;
        if (mc_embedded_yaml(name, &y) == 0) {
            kept[i].name = name;
            kept[i].yaml = y;
        }
    }
    if (i < MAX_KEPT && kept[i].yaml)
        root = mc_yaml_root(kept[i].yaml);
    pthread_mutex_unlock(&lock);
    return root;
}
