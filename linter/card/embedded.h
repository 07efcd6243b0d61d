/* The one loader of the YAML data files embedded from rules/ (rule files, families,
 * licences, phrases, word lists, Hub and provenance schemas): every module that reads
 * embedded data reads it through these two functions. */
#ifndef MC_CARD_EMBEDDED_H
#define MC_CARD_EMBEDDED_H

#include "mclint/yaml.h"

/** Parse rules/NAME as embedded in the program into *out (the caller frees it with
 * mc_yaml_free). Returns 0 when the file is a YAML mapping; else *out is NULL and the
 * return is MC_ENOMEM, or MC_EINVALID with a message naming the file ("rules/NAME: not
 * embedded in the program", "rules/NAME:LINE:COL: <the YAML error>", "rules/NAME: not a
 * mapping"). */
int mc_embedded_yaml(const char *name, mc_yaml **out);

/** The root mapping of rules/NAME, parsed at the first call and kept for the life of the
 * program, or NULL when it is absent or invalid. Thread-safe. */
const mc_ynode *mc_embedded_root(const char *name);

#endif
