/* Look-ups in the data files of rules/ (hub.yaml, ...), read through mc_embedded_root(). */
#ifndef MC_RECORD_DATA_H
#define MC_RECORD_DATA_H

#include "mclint/yaml.h"

#include <stdbool.h>

/** True if the sequence `key` of data file `name` contains `value` (ASCII case-insensitive
 * when `icase`). */
bool mc_data_list_has(const char *name, const char *key, const char *value, bool icase);

#endif
