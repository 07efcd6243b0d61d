/* Links to the Hub in card text: where a Hub address starts and whether it names a model
 * repository. The hosts and the pages that are not models are data (rules/signals.yaml,
 * hub_hosts and hub_pages); this is the one place that reads them. */
#ifndef MC_RECORD_HUB_H
#define MC_RECORD_HUB_H

#include <stdbool.h>
#include <stddef.h>

/** The first Hub address in s[0..n): the offset just after "HOST/" (the start of its
 * path), or -1. ASCII case-insensitive. */
long mc_hub_find(const char *s, size_t n);

/** Does `s` (NUL-terminated) start with "https://HOST/" for a Hub host? */
bool mc_hub_is_url(const char *s);

/** Is the path after a Hub host (p[0..n), up to the first '/', '?', '#' or ')') a page that
 * is not a model repository ("datasets/...", "spaces/...", "models?search=")? */
bool mc_hub_page_not_model(const char *p, size_t n);

#endif
