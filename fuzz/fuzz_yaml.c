/* libFuzzer harness: mc_yaml_parse on arbitrary bytes, then a walk of the whole tree. */
#include "mclint/yaml.h"

#include <stddef.h>
#include <stdint.h>

static size_t walk(const mc_ynode *n, unsigned depth)
{
    size_t total = 1;
    if (!n || depth > 200)
        return 0;
    (void)mc_ynode_span(n);
    switch (mc_ynode_kind_of(n)) {
    case MC_YNODE_SCALAR:
        total += mc_ynode_strlen(n) + (mc_ynode_plain(n) ? 1 : 0) + mc_ynode_is_null(n);
        break;
    case MC_YNODE_SEQ:
        for (size_t i = 0; i < mc_ynode_size(n); i++)
            total += walk(mc_ynode_item(n, i), depth + 1);
        break;
    case MC_YNODE_MAP:
        for (size_t i = 0; i < mc_ynode_size(n); i++) {
            const mc_ynode *k = mc_ynode_key(n, i);
            total += walk(k, depth + 1) + walk(mc_ynode_value(n, i), depth + 1);
            if (k && mc_ynode_str(k))
                total += mc_ynode_get(n, mc_ynode_str(k)) != NULL;
        }
        break;
    default:
        break;
    }
    return total;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mc_yaml *y = NULL;
    mc_yaml_limits lim = {0};
    if (mc_yaml_parse(&y, (const char *)data, size, 2, &lim) == 0 && y) {
        (void)walk(mc_yaml_root(y), 0);
        for (size_t i = 0; i < mc_yaml_diag_count(y); i++)
            (void)mc_yaml_diag_at(y, i)->message;
        (void)mc_yaml_syntax_error(y);
    }
    mc_yaml_free(y);
    return 0;
}
