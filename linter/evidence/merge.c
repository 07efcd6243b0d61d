/* mergekit configurations: every model merged, the base model and the merge method. */
#include "evidence/ev.h"
#include "mclint/yaml.h"

#include <string.h>

static void add_model(mc_evidence_set *set, const char *path, const mc_ynode *n, const char *key)
{
    const char *s;

    /* an entry is "repo" or {model: "repo", parameters: ...} */
    if (mc_ynode_kind_of(n) == MC_YNODE_MAP) {
        n = mc_ynode_get(n, "model");
        if (n == NULL)
            return;
    }
    s = mc_ynode_str(n);
    if (s && *s && !mc_ynode_is_null(n))
        mc_ev_addn(set, MC_EV_MERGE_MODEL, path, mc_ynode_span(n), key, s, mc_ynode_strlen(n), -1);
}

void mc_ev_read_merge(mc_evidence_set *set, const char *path, const char *data, size_t len)
{
    mc_yaml *y = NULL;
    const mc_ynode *root, *n;
    const mc_ydiag *err;

    if (len > MC_EV_TEXT_CAP) {
        mc_ev_unreadable(set, path, (mc_span){0, 0, 0, 0}, "file too big (%zu bytes)", len);
        return;
    }
    if (memchr(data, '\0', len) != NULL) {
        mc_ev_unreadable(set, path, (mc_span){0, 0, 0, 0}, "binary data, not YAML");
        return;
    }
    if (mc_yaml_parse(&y, data, len, 1, NULL) != 0) {
        set->failed = 1;
        return;
    }
    if ((err = mc_yaml_syntax_error(y)) != NULL) {
        mc_ev_unreadable(set, path, err->span, "invalid YAML: %s", err->message);
        goto done;
    }
    root = mc_yaml_root(y);
    if (mc_ynode_kind_of(root) != MC_YNODE_MAP) {
        mc_ev_unreadable(set, path, (mc_span){0, 0, 0, 0}, "not a YAML mapping");
        goto done;
    }
    if ((n = mc_ynode_get(root, "merge_method")) != NULL && mc_ynode_str(n))
        mc_ev_addn(set, MC_EV_MERGE_METHOD, path, mc_ynode_span(n), "merge_method", mc_ynode_str(n),
                   mc_ynode_strlen(n), -1);
    if ((n = mc_ynode_get(root, "base_model")) != NULL)
        add_model(set, path, n, "base_model");
    if ((n = mc_ynode_get(root, "models")) != NULL && mc_ynode_kind_of(n) == MC_YNODE_SEQ)
        for (size_t i = 0; i < mc_ynode_size(n); i++)
            add_model(set, path, mc_ynode_item(n, i), "models");
    if ((n = mc_ynode_get(root, "slices")) != NULL && mc_ynode_kind_of(n) == MC_YNODE_SEQ) {
        for (size_t i = 0; i < mc_ynode_size(n); i++) {
            const mc_ynode *src = mc_ynode_get(mc_ynode_item(n, i), "sources");

            if (mc_ynode_kind_of(src) != MC_YNODE_SEQ)
                continue;
            for (size_t j = 0; j < mc_ynode_size(src); j++)
                add_model(set, path, mc_ynode_item(src, j), "slices");
        }
    }
done:
    mc_yaml_free(y);
}
