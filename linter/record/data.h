/* Data files of rules/ (hub.yaml, ...) parsed once and kept for the life of the program. */
#ifndef MC_RECORD_DATA_H
#define MC_RECORD_DATA_H

#include "mclint/yaml.h"

#include <stdbool.h>

/** The root of rules/NAME parsed as YAML, or NULL if absent or invalid. Thread-safe. */
const mc_ynode *mc_data_root(const char *name);
/** True if the sequence `key` of data file `name` contains `value` (ASCII case-insensitive
 * when `icase`). */
bool mc_data_list_has(const char *name, const char *key, const char *value, bool icase);

#endif
