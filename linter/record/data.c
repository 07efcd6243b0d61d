#include "record/data.h"
#include "card/embedded.h"
#include "util/str.h"

#include <string.h>

bool mc_data_list_has(const char *name, const char *key, const char *value, bool icase)
{
    const mc_ynode *root = mc_embedded_root(name);
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
