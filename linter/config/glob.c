/* Path globs: segment-wise matching with a dynamic-programming pass for `**`, so that no
 * pattern (configurations come with pull requests too) can make matching exponential. */
#include "config/glob.h"
#include "util/str.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Length of the class starting at p[0] == '[' (through its ']'), or 0 if unclosed. */
static size_t class_len(const char *p, size_t pn)
{
    size_t i = 1;

    if (i < pn && p[i] == '!')
        i++;
    if (i < pn && p[i] == ']')
        i++; /* a leading ']' is literal */
    for (; i < pn; i++)
        if (p[i] == ']')
            return i + 1;
    return 0;
}

static bool class_match(const char *p, size_t len, unsigned char c)
{
    size_t i = 1, end = len - 1;
    bool neg = false, hit = false;

    if (p[i] == '!') {
        neg = true;
        i++;
    }
    for (; i < end; i++) {
        unsigned char lo = (unsigned char)p[i];
        if (i + 2 < end && p[i + 1] == '-') {
            unsigned char hi = (unsigned char)p[i + 2];
            if (c >= lo && c <= hi)
                hit = true;
            i += 2;
        } else if (c == lo) {
            hit = true;
        }
    }
    return hit != neg;
}

/* Match one pattern element at p against s; on success set the lengths consumed. */
static bool elem_match(const char *p, size_t pn, const char *s, size_t sn, size_t *padv,
                       size_t *sadv)
{
    if (sn == 0)
        return false;
    if (p[0] == '?') {
        *padv = 1;
        *sadv = mc_utf8_seqlen(s, sn);
        return true;
    }
    if (p[0] == '[') {
        size_t len = class_len(p, pn);
        if (len > 0) {
            *padv = len;
            *sadv = 1;
            return class_match(p, len, (unsigned char)s[0]);
        }
    }
    *padv = 1;
    *sadv = 1;
    return p[0] == s[0];
}

/* One segment against one name: `*` backtracks to its last position only (O(pn * sn)). */
static bool seg_match(const char *p, size_t pn, const char *s, size_t sn)
{
    size_t pi = 0, si = 0, star_p = SIZE_MAX, star_s = 0;

    while (si < sn) {
        size_t pa, sa;
        if (pi < pn && p[pi] == '*') {
            while (pi < pn && p[pi] == '*')
                pi++;
            star_p = pi;
            star_s = si;
            continue;
        }
        if (pi < pn && elem_match(p + pi, pn - pi, s + si, sn - si, &pa, &sa)) {
            pi += pa;
            si += sa;
            continue;
        }
        if (star_p == SIZE_MAX)
            return false;
        pi = star_p;
        star_s += mc_utf8_seqlen(s + star_s, sn - star_s);
        si = star_s;
    }
    while (pi < pn && p[pi] == '*')
        pi++;
    return pi == pn;
}

const char *mc_glob_check(const char *glob)
{
    size_t n = strlen(glob), segs = 1;

    if (n == 0)
        return "empty glob";
    if (n > MC_GLOB_MAX_LEN)
        return "glob too long";
    if (glob[0] == '/')
        return "glob must be relative (no leading '/')";
    for (size_t i = 0; i < n;) {
        const char *end = strchr(glob + i, '/');
        size_t len = end ? (size_t)(end - (glob + i)) : n - i;
        const char *seg = glob + i;

        if (len == 0 && end)
            return "empty path segment ('//')";
        if ((len == 1 && seg[0] == '.') || (len == 2 && seg[0] == '.' && seg[1] == '.'))
            return "'.' and '..' segments are not allowed";
        for (size_t k = 0; k < len; k++) {
            if (seg[k] == '*' && k + 1 < len && seg[k + 1] == '*' && len != 2)
                return "'**' must be a whole path segment";
            if (seg[k] == '[') {
                size_t cl = class_len(seg + k, len - k);
                if (cl == 0)
                    return "unclosed '[' in glob";
                if (cl <= 2 || (cl == 3 && seg[k + 1] == '!'))
                    return "empty character class";
                k += cl - 1;
            }
            if (seg[k] == '\\')
                return "'\\' is not supported in globs";
        }
        i += len;
        if (end) {
            i++;
            segs++;
        }
    }
    if (segs > MC_GLOB_MAX_SEGMENTS)
        return "glob has too many segments";
    return NULL;
}

typedef struct {
    const char *s;
    size_t n;
} seg_t;

static size_t split(const char *s, seg_t *out, size_t max)
{
    size_t k = 0;

    while (*s) {
        const char *end = strchr(s, '/');
        size_t len = end ? (size_t)(end - s) : strlen(s);
        if (len > 0) {
            if (out && k < max) {
                out[k].s = s;
                out[k].n = len;
            }
            k++;
        }
        s += len;
        if (*s == '/')
            s++;
    }
    return k;
}

bool mc_glob_match(const char *glob, const char *path)
{
    seg_t *ps = NULL, *ss = NULL;
    bool *prev = NULL, *cur = NULL, result = false;
    size_t np, ns;

    if (glob == NULL || path == NULL)
        return false;
    np = split(glob, NULL, 0);
    ns = split(path, NULL, 0);
    if (np == 0 || ns == 0)
        return false;
    ps = malloc(np * sizeof(*ps));
    ss = malloc(ns * sizeof(*ss));
    prev = calloc(ns + 1, sizeof(bool));
    cur = calloc(ns + 1, sizeof(bool));
    if (!ps || !ss || !prev || !cur)
        goto done;
    split(glob, ps, np);
    split(path, ss, ns);
    prev[0] = true; /* the empty pattern matches the empty path */
    for (size_t i = 0; i < np; i++) {
        bool any = false, dstar = ps[i].n == 2 && ps[i].s[0] == '*' && ps[i].s[1] == '*';
        for (size_t j = 0; j <= ns; j++) {
            if (dstar) {
                any = any || prev[j];
                cur[j] = any;
            } else {
                cur[j] =
                    j > 0 && prev[j - 1] && seg_match(ps[i].s, ps[i].n, ss[j - 1].s, ss[j - 1].n);
            }
        }
        bool *t = prev;
        prev = cur;
        cur = t;
    }
    /* the whole path, or a folder above it */
    for (size_t j = 1; j <= ns && !result; j++)
        result = prev[j];
done:
    free(ps);
    free(ss);
    free(prev);
    free(cur);
    return result;
}
