#include "util/str.h"
#include "util/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

char *mc_strndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);

    if (p == NULL) {
        mc_error_set(MC_ENOMEM, "out of memory");
        return NULL;
    }
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *mc_strdup(const char *s)
{
    return s ? mc_strndup(s, strlen(s)) : NULL;
}

bool mc_streq(const char *a, const char *b)
{
    if (a == NULL || b == NULL)
        return a == b;
    return strcmp(a, b) == 0;
}

static int lower(int c)
{
    return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

size_t mc_squeeze(const char *s, char *out, size_t cap)
{
    size_t k = 0;

    for (; s && *s && k + 1 < cap; s++) {
        char c = *s;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            out[k++] = c;
    }
    if (cap)
        out[k] = '\0';
    return k;
}

bool mc_strieq(const char *a, const char *b)
{
    if (a == NULL || b == NULL)
        return a == b;
    while (*a && lower((unsigned char)*a) == lower((unsigned char)*b)) {
        a++;
        b++;
    }
    return *a == *b;
}

bool mc_has_prefix(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool mc_has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);

    return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

bool mc_has_isuffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);

    return n >= m && mc_strieq(s + n - m, suffix);
}

/* Next position >= from where `c` or, for a letter, its other case stands; hlen if none.
 * *lo and *up cache the next position of each case (SIZE_MAX: not searched yet). */
static size_t next_either(const char *hay, size_t hlen, size_t from, int c, size_t *lo, size_t *up)
{
    int other = c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;

    if (*lo == SIZE_MAX || *lo < from) {
        const char *p = memchr(hay + from, c, hlen - from);
        *lo = p ? (size_t)(p - hay) : hlen;
    }
    if (other == c)
        return *lo;
    if (*up == SIZE_MAX || *up < from) {
        const char *p = memchr(hay + from, other, hlen - from);
        *up = p ? (size_t)(p - hay) : hlen;
    }
    return *lo < *up ? *lo : *up;
}

long mc_memifind(const char *hay, size_t hlen, const char *needle, size_t nlen)
{
    size_t lo = SIZE_MAX, up = SIZE_MAX;
    int first;

    if (nlen == 0)
        return 0;
    if (nlen > hlen)
        return -1;
    first = lower((unsigned char)needle[0]);
    /* candidates found with memchr (both cases of a letter), then compared */
    for (size_t i = next_either(hay, hlen, 0, first, &lo, &up); i + nlen <= hlen;
         i = next_either(hay, hlen, i + 1, first, &lo, &up)) {
        size_t j = 1;
        while (j < nlen && lower((unsigned char)hay[i + j]) == lower((unsigned char)needle[j]))
            j++;
        if (j == nlen)
            return (long)i;
    }
    return -1;
}

size_t mc_utf8_seqlen(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t len;

    if (n == 0)
        return 0;
    if (u[0] < 0x80)
        return 1;
    if ((u[0] & 0xE0) == 0xC0 && u[0] >= 0xC2)
        len = 2;
    else if ((u[0] & 0xF0) == 0xE0)
        len = 3;
    else if ((u[0] & 0xF8) == 0xF0 && u[0] <= 0xF4)
        len = 4;
    else
        return 1;
    if (len > n)
        return 1;
    for (size_t i = 1; i < len; i++)
        if ((u[i] & 0xC0) != 0x80)
            return 1;
    if (len == 3 && ((u[0] == 0xE0 && u[1] < 0xA0) || (u[0] == 0xED && u[1] >= 0xA0)))
        return 1;
    if (len == 4 && ((u[0] == 0xF0 && u[1] < 0x90) || (u[0] == 0xF4 && u[1] >= 0x90)))
        return 1;
    return len;
}

bool mc_term_unsafe(uint32_t cp)
{
    return (cp < 0x20 && cp != '\t') || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x061C ||
           cp == 0x200E || cp == 0x200F;
}

size_t mc_term_escape(char *dst, size_t cap, const char *src, size_t n)
{
    const unsigned char *u = (const unsigned char *)src;
    size_t i = 0, o = 0;

    while (i < n) {
        size_t len = mc_utf8_seqlen(src + i, n - i);
        uint32_t cp;
        char esc[16];
        const char *put = src + i;
        size_t plen = len;

        if (len == 1)
            cp = u[i] < 0x80 ? u[i] : 0xFFFD;
        else if (len == 2)
            cp = ((uint32_t)(u[i] & 0x1F) << 6) | (u[i + 1] & 0x3F);
        else if (len == 3)
            cp = ((uint32_t)(u[i] & 0x0F) << 12) | ((uint32_t)(u[i + 1] & 0x3F) << 6) |
                 (u[i + 2] & 0x3F);
        else
            cp = 0x10000; /* no 4-byte code point is unsafe */
        if (mc_term_unsafe(cp)) {
            plen =
                (size_t)snprintf(esc, sizeof(esc), cp < 0x80 ? "\\x%02x" : "\\u%04x", (unsigned)cp);
            put = esc;
        } else if (cp == 0xFFFD && len == 1) {
            put = "\xEF\xBF\xBD";
            plen = 3;
        }
        if (o + plen >= cap)
            break;
        memcpy(dst + o, put, plen);
        o += plen;
        i += len;
    }
    dst[o] = '\0';
    return o;
}

unsigned mc_utf8_count(const char *s, size_t n)
{
    unsigned count = 0;
    size_t i = 0;

    while (i < n) {
        i += mc_utf8_seqlen(s + i, n - i);
        count++;
    }
    return count;
}

bool mc_utf8_valid(const char *s, size_t n)
{
    size_t i = 0;

    while (i < n) {
        size_t l = mc_utf8_seqlen(s + i, n - i);
        if (l == 1 && (unsigned char)s[i] >= 0x80)
            return false;
        i += l;
    }
    return true;
}

const char *mc_path_base(const char *path)
{
    const char *slash = strrchr(path, '/');

    return slash ? slash + 1 : path;
}

size_t mc_path_dirlen(const char *path)
{
    const char *slash = strrchr(path, '/');

    return slash ? (size_t)(slash - path) : 0;
}

char *mc_path_join(const char *dir, const char *name)
{
    mc_buf b = MC_BUF_INIT;

    if (dir && *dir && strcmp(dir, ".") != 0) {
        mc_buf_puts(&b, dir);
        if (b.len && b.ptr[b.len - 1] != '/')
            mc_buf_putc(&b, '/');
    }
    mc_buf_puts(&b, name);
    return mc_buf_detach(&b);
}

char *mc_path_normalize(const char *path)
{
    mc_buf out = MC_BUF_INIT;
    const char *p = path;

    if (*p == '/')
        return NULL;
    while (*p) {
        const char *end = strchr(p, '/');
        size_t n = end ? (size_t)(end - p) : strlen(p);

        if (n == 0 || (n == 1 && p[0] == '.')) {
            /* skip */
        } else if (n == 2 && p[0] == '.' && p[1] == '.') {
            size_t d;
            if (out.len == 0) {
                mc_buf_release(&out);
                return NULL;
            }
            d = mc_path_dirlen(out.ptr);
            out.len = d;
            out.ptr[d] = '\0';
        } else {
            if (out.len)
                mc_buf_putc(&out, '/');
            mc_buf_put(&out, p, n);
        }
        p += n;
        if (*p == '/')
            p++;
    }
    return mc_buf_detach(&out);
}
