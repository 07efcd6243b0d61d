/* Internals of the configuration shared by its files (and its tests): discovery through
 * any reader, so that it can be driven without a git repository. */
#ifndef MC_CONFIG_CONFIG_INT_H
#define MC_CONFIG_CONFIG_INT_H

#include "mclint/config.h"

/** Read a file into a malloc'd NUL-terminated buffer; MC_ENOTFOUND when it is absent. */
typedef int (*mc_config_reader)(void *ctx, const char *path, char **out, size_t *len);

typedef struct {
    /* repository files (configurations found by walking up, `rules_files`) */
    mc_config_reader repo_read;
    void *repo_ctx;
    /* the file system, for an explicit configuration and what it extends (NULL: none) */
    mc_config_reader fs_read;
    void *fs_ctx;
} mc_config_io;

/** mc_config_discover() with explicit readers; `explicit_path` is read with io->fs_read.
 * The environment is not consulted. */
int mc_config_discover_io(mc_config **out, const mc_config_io *io, const char *start_dir,
                          const char *explicit_path, const mc_rules *rules);

/** Read a file-system file (at most MC_CONFIG_MAX_BYTES); ctx is unused. */
int mc_config_fs_read(void *ctx, const char *path, char **out, size_t *len);

/** The defaults: every rule of `rules` selected at its default severity, fail on errors.
 * `rules` may be NULL (then severities default to each finding's own). */
int mc_config_default(mc_config **out, const mc_rules *rules);
/** Extra rule files (repository-relative, normalised; already loaded into
 * mc_config_rules()). */
size_t mc_config_rules_file_count(const mc_config *cfg);
const char *mc_config_rules_file_at(const mc_config *cfg, size_t i);

#endif
