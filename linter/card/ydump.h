/* A parsed YAML document as text (diagnostics, then every node with its kind, span, style
 * and value), for comparing two parses in the tests and the differential fuzz harness. */
#ifndef MC_CARD_YDUMP_H
#define MC_CARD_YDUMP_H

#include "mclint/yaml.h"
#include "util/buf.h"

void mc_yaml_dump(mc_buf *b, const mc_yaml *y);

#endif
