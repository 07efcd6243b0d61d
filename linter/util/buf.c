#include "util/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int mc_buf_grow(mc_buf *b, size_t extra)
{
    size_t need, cap;
    char *p;

    if (b->failed)
        return MC_ENOMEM;
    if (extra > SIZE_MAX - b->len - 1)
        goto fail;
    need = b->len + extra + 1;
    if (need <= b->cap)
        return 0;
    cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    p = realloc(b->ptr, cap);
    if (p == NULL)
        goto fail;
    b->ptr = p;
    b->cap = cap;
    return 0;
fail:
    b->failed = 1;
    return mc_error_set(MC_ENOMEM, "out of memory");
}

int mc_buf_put(mc_buf *b, const void *data, size_t len)
{
    if (mc_buf_grow(b, len) < 0)
        return MC_ENOMEM;
    if (len)
        memcpy(b->ptr + b->len, data, len);
    b->len += len;
    b->ptr[b->len] = '\0';
    return 0;
}

int mc_buf_puts(mc_buf *b, const char *s)
{
    return mc_buf_put(b, s, strlen(s));
}

int mc_buf_putc(mc_buf *b, char c)
{
    return mc_buf_put(b, &c, 1);
}

int mc_buf_vprintf(mc_buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    int n;

    if (b->failed)
        return MC_ENOMEM;
    va_copy(ap2, ap);
    n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return mc_error_set(MC_ERROR, "invalid format");
    if (mc_buf_grow(b, (size_t)n) < 0)
        return MC_ENOMEM;
    vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    return 0;
}

int mc_buf_printf(mc_buf *b, const char *fmt, ...)
{
    va_list ap;
    int rc;

    va_start(ap, fmt);
    rc = mc_buf_vprintf(b, fmt, ap);
    va_end(ap);
    return rc;
}

const char *mc_buf_cstr(const mc_buf *b)
{
    return b->ptr && !b->failed ? b->ptr : "";
}

void mc_buf_clear(mc_buf *b)
{
    b->len = 0;
    if (b->ptr)
        b->ptr[0] = '\0';
}

void mc_buf_release(mc_buf *b)
{
    free(b->ptr);
    b->ptr = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
}

char *mc_buf_detach(mc_buf *b)
{
    char *p;

    if (b->failed) {
        mc_buf_release(b);
        return NULL;
    }
    p = b->ptr ? b->ptr : calloc(1, 1);
    b->ptr = NULL;
    b->len = b->cap = 0;
    return p;
}
