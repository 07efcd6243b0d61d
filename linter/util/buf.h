/* A growable, always NUL-terminated byte buffer (like curl's dynbuf / git's strbuf).
 * A failed append releases nothing and sets `failed`; later appends are ignored, so
 * callers may check once at the end with mc_buf_ok(). */
#ifndef MC_UTIL_BUF_H
#define MC_UTIL_BUF_H

#include "mclint/common.h"
#include <stdarg.h>

typedef struct {
    char *ptr;
    size_t len;
    size_t cap;
    int failed;
} mc_buf;

#define MC_BUF_INIT                                                                                \
    {                                                                                              \
        NULL, 0, 0, 0                                                                              \
    }

int mc_buf_grow(mc_buf *b, size_t extra);
int mc_buf_put(mc_buf *b, const void *data, size_t len);
int mc_buf_puts(mc_buf *b, const char *s);
int mc_buf_putc(mc_buf *b, char c);
int mc_buf_printf(mc_buf *b, const char *fmt, ...) MC_PRINTF(2, 3);
int mc_buf_vprintf(mc_buf *b, const char *fmt, va_list ap);
/** The contents as a C string; "" for an empty buffer. Never NULL. */
const char *mc_buf_cstr(const mc_buf *b);
static inline int mc_buf_ok(const mc_buf *b)
{
    return !b->failed;
}
/** Forget the contents, keep the allocation. */
void mc_buf_clear(mc_buf *b);
/** Free the contents and reset to MC_BUF_INIT. */
void mc_buf_release(mc_buf *b);
/** Hand the (malloc'd, NUL-terminated) contents to the caller; the buffer is reset.
 * Returns NULL if the buffer failed. */
char *mc_buf_detach(mc_buf *b);

#endif
