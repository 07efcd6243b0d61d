/* A fast reader for the plain block YAML most front matter is written in (see yfast.c). */
#ifndef MC_CARD_YFAST_H
#define MC_CARD_YFAST_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    MC_YF_SCALAR,
    MC_YF_SEQ_START,
    MC_YF_MAP_START,
    MC_YF_END, /* of the innermost open collection */
} mc_yf_type;

/* One libyaml event as libyaml would give it: 0-based lines and columns (characters). */
typedef struct {
    mc_yf_type type;
    bool plain;                 /* scalar: plain style */
    bool decoded;               /* scalar: str is an offset into the decoded buffer until
                                   mc_yf_read() returns */
    unsigned line, col;         /* start mark */
    unsigned end_line, end_col; /* end mark */
    const char *str;            /* scalar text (in the input or in the decoded buffer) */
    size_t len;
} mc_yf_event;

typedef struct {
    mc_yf_event *ev;
    size_t n, cap;
    char *dec; /* decoded scalars ('' in single quotes), referenced by events */
    size_t dec_len, dec_cap;
} mc_yf_events;

/* Read `text` into the events libyaml would produce for it (stream and document events
 * left out). Returns 1 with the events when the text is within the subset this reader
 * knows to give exactly libyaml's events, 0 when it is not (the caller then uses libyaml;
 * the events are meaningless), -1 when out of memory. Free with mc_yf_release(). */
int mc_yf_read(mc_yf_events *out, const char *text, size_t len);
void mc_yf_release(mc_yf_events *e);

/* Tests: make mc_yf_read() always give up, so that libyaml reads everything. */
void mc_yf_disable(bool off);

#endif
