/* Copyright lines: "Copyright 2024 The Qwen team, Alibaba Group. All rights reserved." */
#ifndef MC_EVIDENCE_TEXT_H
#define MC_EVIDENCE_TEXT_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    size_t offset;      /* of "Copyright" (or ©) in the line */
    int year;           /* the first year */
    const char *holder; /* points into the line */
    size_t holder_len;
} mc_ev_copyright;

/* Parse one line: "Copyright", optional (c)/©, at least one year, then the holder (without
 * "All rights reserved."). Placeholders ("[yyyy] [name of copyright owner]") and lines
 * without a year are not copyright statements. */
bool mc_ev_parse_copyright(const char *line, size_t n, mc_ev_copyright *out);

#endif
