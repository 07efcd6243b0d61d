/* The JSON writer (see jsonw.h). */
#include "output/jsonw.h"
#include "output/escape.h"
#include "util/str.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void mc_jw_init(mc_jw *w, mc_buf *b)
{
    w->b = b;
    w->depth = 0;
    w->after_key = false;
    w->first[0] = true;
}

/* Before a value: a comma unless it is the first of its array (members get theirs from
 * mc_jw_key). */
static void value(mc_jw *w)
{
    if (w->after_key) {
        w->after_key = false;
        return;
    }
    if (w->depth > 0 && w->depth <= MC_JW_DEPTH) {
        if (!w->first[w->depth - 1])
            mc_buf_putc(w->b, ',');
        w->first[w->depth - 1] = false;
    }
}

static void open(mc_jw *w, char c)
{
    value(w);
    mc_buf_putc(w->b, c);
    if (w->depth < MC_JW_DEPTH)
        w->first[w->depth] = true;
    w->depth++;
}

static void close_(mc_jw *w, char c)
{
    if (w->depth > 0)
        w->depth--;
    mc_buf_putc(w->b, c);
}

void mc_jw_obj(mc_jw *w)
{
    open(w, '{');
}

void mc_jw_arr(mc_jw *w)
{
    open(w, '[');
}

void mc_jw_end_obj(mc_jw *w)
{
    close_(w, '}');
}

void mc_jw_end_arr(mc_jw *w)
{
    close_(w, ']');
}

/* cJSON's string form: ", \, \b, \f, \n, \r, \t escaped by name, other bytes below 0x20
 * as \u00XX, everything else (UTF-8 included) as is. */
static void raw_string(mc_buf *b, const char *s, size_t n)
{
    size_t start = 0;

    mc_buf_putc(b, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *esc = NULL;
        char u[8];
        if (c > 31 && c != '"' && c != '\\')
            continue;
        switch (c) {
        case '"':
            esc = "\\\"";
            break;
        case '\\':
            esc = "\\\\";
            break;
        case '\b':
            esc = "\\b";
            break;
        case '\f':
            esc = "\\f";
            break;
        case '\n':
            esc = "\\n";
            break;
        case '\r':
            esc = "\\r";
            break;
        case '\t':
            esc = "\\t";
            break;
        default:
            snprintf(u, sizeof(u), "\\u%04x", c);
            esc = u;
        }
        mc_buf_put(b, s + start, i - start);
        mc_buf_puts(b, esc);
        start = i + 1;
    }
    mc_buf_put(b, s + start, n - start);
    mc_buf_putc(b, '"');
}

static bool valid_utf8(const char *s, size_t *len)
{
    size_t n = strlen(s);

    *len = n;
    for (size_t i = 0; i < n;) {
        if ((unsigned char)s[i] < 0x80) {
            i++; /* ASCII, the common case */
            continue;
        }
        {
            size_t l = mc_utf8_seqlen(s + i, n - i);
            if (l == 1)
                return false;
            i += l;
        }
    }
    return true;
}

static void string(mc_buf *b, const char *s)
{
    size_t n;

    if (valid_utf8(s, &n)) {
        raw_string(b, s, n);
    } else {
        char *clean = mc_out_utf8_dup(s);
        if (clean == NULL) {
            b->failed = 1;
            return;
        }
        raw_string(b, clean, strlen(clean));
        free(clean);
    }
}

void mc_jw_key(mc_jw *w, const char *key)
{
    value(w);
    string(w->b, key);
    mc_buf_putc(w->b, ':');
    w->after_key = true;
}

void mc_jw_str(mc_jw *w, const char *s)
{
    value(w);
    if (s == NULL)
        mc_buf_puts(w->b, "null");
    else
        string(w->b, s);
}

static double absd(double x)
{
    return x < 0 ? -x : x;
}

/* cJSON's round-trip test: equal within the larger magnitude's epsilon */
static bool close_enough(double a, double b)
{
    double m = absd(a) > absd(b) ? absd(a) : absd(b);

    return absd(a - b) <= m * DBL_EPSILON;
}

/* cJSON's number form: an integral value that fits an int as %d, else the shortest of
 * %1.15g and %1.17g that reads back as the same double. */
void mc_jw_num(mc_jw *w, double v, bool present)
{
    char num[32];

    value(w);
    if (!present || isnan(v) || isinf(v)) {
        mc_buf_puts(w->b, "null");
        return;
    }
    {
        int iv = v >= INT_MAX ? INT_MAX : v <= (double)INT_MIN ? INT_MIN : (int)v;
        if (v == (double)iv) {
            snprintf(num, sizeof(num), "%d", iv);
        } else {
            double back;
            snprintf(num, sizeof(num), "%1.15g", v);
            back = strtod(num, NULL);
            if (!close_enough(back, v))
                snprintf(num, sizeof(num), "%1.17g", v);
        }
    }
    mc_buf_puts(w->b, num);
}

void mc_jw_bool(mc_jw *w, bool v)
{
    value(w);
    mc_buf_puts(w->b, v ? "true" : "false");
}

void mc_jw_null(mc_jw *w)
{
    value(w);
    mc_buf_puts(w->b, "null");
}

void mc_jw_kstr(mc_jw *w, const char *key, const char *s)
{
    mc_jw_key(w, key);
    mc_jw_str(w, s);
}

void mc_jw_knum(mc_jw *w, const char *key, double v, bool present)
{
    mc_jw_key(w, key);
    mc_jw_num(w, v, present);
}
