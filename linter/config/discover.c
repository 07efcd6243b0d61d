/* Configuration discovery through a source (working tree, index or revision). */
#include "config/config_int.h"

#include <stdlib.h>

static int source_read(void *ctx, const char *path, char **out, size_t *len)
{
    const mc_source *src = ctx;

    *out = NULL;
    *len = 0;
    if (mc_source_find(src, path) < 0)
        return MC_ENOTFOUND;
    return mc_source_read(src, path, MC_CONFIG_MAX_BYTES, out, len);
}

int mc_config_discover(mc_config **out, const mc_source *src, const char *start_dir,
                       const char *explicit_path, const mc_rules *rules)
{
    mc_config_io io = {NULL, NULL, mc_config_fs_read, NULL};
    const char *env = getenv("MCLINT_CONFIG");

    if (src) {
        io.repo_read = source_read;
        io.repo_ctx = (void *)src;
    }
    if ((explicit_path == NULL || *explicit_path == '\0') && env && *env)
        explicit_path = env;
    return mc_config_discover_io(out, &io, start_dir, explicit_path, rules);
}
