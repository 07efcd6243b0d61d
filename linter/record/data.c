#include "record/data.h"
#include "util/embed.h"
#include "util/str.h"

#include <pthread.h>
#include <string.h>

#define MAX_DATA 16

static struct {
    const char *name;
    mc_yaml *yaml;
} cache[MAX_DATA];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

const mc_ynode *mc_data_root(const char *name)
{
    const mc_ynode *root = NULL;
    size_t i;

    pthread_mutex_lock(&lock);
    for (i = 0; i < MAX_DATA && cache[i].name; i++)
        if (strcmp(cache[i].name, name) == 0)
            break;
    if (i < MAX_DATA && cache[i].name == NULL) {
        size_t len;
        const char *text = mc_embedded_find(name, &len);
        mc_yaml *y = NULL;
        if (text && mc_yaml_parse(&y, text, len, 1, NULL) == 0) {
            cache[i].name = name;
            cache[i].yaml = y;
        }
    }
    if (i < MAX_DATA && cache[i].yaml)
        root = mc_yaml_root(cache[i].yaml);
    pthread_mutex_unlock(&lock);
    return root;
}

bool mc_data_list_has(const char *name, const char *key, const char *value, bool icase)
{
    const mc_ynode *root = mc_data_root(name);
    const mc_ynode *list = root ? mc_ynode_get(root, key) : NULL;

    if (list == NULL || value == NULL)
        return false;
    for (size_t i = 0; i < mc_ynode_size(list); i++) {
        const char *s = mc_ynode_str(mc_ynode_item(list, i));
        if (s && (icase ? mc_strieq(s, value) : strcmp(s, value) == 0))
            return true;
    }
    return false;
}
