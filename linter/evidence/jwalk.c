/* The allocation-free JSON walker (jwalk.h). */
#include "evidence/jwalk.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void mc_jwk_init(mc_jwk *w, const char *text, size_t len)
{
    w->t = text;
    w->len = len;
    w->i = 0;
    w->error = NULL;
}

static bool fail(mc_jwk *w, const char *why)
{
    if (w->error == NULL)
        w->error = why;
    return false;
}

static void ws(mc_jwk *w)
{
    while (w->i < w->len &&
           (w->t[w->i] == ' ' || w->t[w->i] == '\t' || w->t[w->i] == '\n' || w->t[w->i] == '\r'))
        w->i++;
}

char mc_jwk_peek(mc_jwk *w)
{
    char c;

    if (w->error)
        return 0;
    ws(w);
    if (w->i >= w->len)
        return 0;
    c = w->t[w->i];
    if (c == '-' || (c >= '0' && c <= '9'))
        return '0';
    return c;
}

static bool eat(mc_jwk *w, char c)
{
    ws(w);
    if (w->i < w->len && w->t[w->i] == c) {
        w->i++;
        return true;
    }
    return false;
}

bool mc_jwk_enter(mc_jwk *w, char open)
{
    if (w->error)
        return false;
    return eat(w, open) || fail(w, open == '{' ? "expected an object" : "expected an array");
}

static int hex4(const char *p)
{
    int v = 0;

    for (int k = 0; k < 4; k++) {
        char c = p[k];

        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= c - '0';
        else if (c >= 'a' && c <= 'f')
            v |= c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            v |= c - 'A' + 10;
        else
            return -1;
    }
    return v;
}

static void put(char *out, size_t cap, size_t *n, unsigned char c)
{
    if (out && *n + 1 < cap)
        out[(*n)++] = (char)c;
}

static void put_utf8(char *out, size_t cap, size_t *n, uint32_t cp)
{
    if (cp < 0x80) {
        put(out, cap, n, (unsigned char)cp);
    } else if (cp < 0x800) {
        put(out, cap, n, (unsigned char)(0xC0 | (cp >> 6)));
        put(out, cap, n, (unsigned char)(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        put(out, cap, n, (unsigned char)(0xE0 | (cp >> 12)));
        put(out, cap, n, (unsigned char)(0x80 | ((cp >> 6) & 0x3F)));
        put(out, cap, n, (unsigned char)(0x80 | (cp & 0x3F)));
    } else {
        put(out, cap, n, (unsigned char)(0xF0 | (cp >> 18)));
        put(out, cap, n, (unsigned char)(0x80 | ((cp >> 12) & 0x3F)));
        put(out, cap, n, (unsigned char)(0x80 | ((cp >> 6) & 0x3F)));
        put(out, cap, n, (unsigned char)(0x80 | (cp & 0x3F)));
    }
}

/* A string at w->i (its opening quote), decoded into out[cap] when out is not NULL. */
static bool string_at(mc_jwk *w, char *out, size_t cap)
{
    size_t n = 0;

    if (w->i >= w->len || w->t[w->i] != '"')
        return fail(w, "expected a string");
    w->i++;
    while (w->i < w->len) {
        unsigned char c = (unsigned char)w->t[w->i];

        if (c == '"') {
            w->i++;
            if (out && cap)
                out[n] = '\0';
            return true;
        }
        if (c < 0x20)
            return fail(w, "control character in a string");
        if (c != '\\') {
            put(out, cap, &n, c);
            w->i++;
            continue;
        }
        if (w->i + 1 >= w->len)
            break;
        c = (unsigned char)w->t[w->i + 1];
        w->i += 2;
        switch (c) {
        case '"':
        case '\\':
        case '/':
            put(out, cap, &n, c);
            break;
        case 'b':
            put(out, cap, &n, '\b');
            break;
        case 'f':
            put(out, cap, &n, '\f');
            break;
        case 'n':
            put(out, cap, &n, '\n');
            break;
        case 'r':
            put(out, cap, &n, '\r');
            break;
        case 't':
            put(out, cap, &n, '\t');
            break;
        case 'u': {
            int hi = w->i + 4 <= w->len ? hex4(w->t + w->i) : -1;
            uint32_t cp;

            if (hi < 0)
                return fail(w, "invalid \\u escape");
            w->i += 4;
            cp = (uint32_t)hi;
            if (hi >= 0xDC00 && hi <= 0xDFFF)
                return fail(w, "lone low surrogate");
            if (hi >= 0xD800 && hi <= 0xDBFF) {
                int lo = w->i + 6 <= w->len && w->t[w->i] == '\\' && w->t[w->i + 1] == 'u'
                             ? hex4(w->t + w->i + 2)
                             : -1;

                if (lo < 0xDC00 || lo > 0xDFFF)
                    return fail(w, "lone high surrogate");
                w->i += 6;
                cp = 0x10000 + (((uint32_t)hi - 0xD800) << 10) + ((uint32_t)lo - 0xDC00);
            }
            put_utf8(out, cap, &n, cp);
            break;
        }
        default:
            w->i -= 1;
            return fail(w, "invalid escape");
        }
    }
    return fail(w, "unterminated string");
}

bool mc_jwk_string(mc_jwk *w, char *out, size_t cap)
{
    if (w->error)
        return false;
    ws(w);
    return string_at(w, out, cap);
}

static bool digits(mc_jwk *w)
{
    size_t s = w->i;

    while (w->i < w->len && w->t[w->i] >= '0' && w->t[w->i] <= '9')
        w->i++;
    return w->i > s;
}

bool mc_jwk_number(mc_jwk *w, double *out)
{
    size_t s;
    char buf[64];
    size_t n;

    if (w->error)
        return false;
    ws(w);
    s = w->i;
    if (w->i < w->len && w->t[w->i] == '-')
        w->i++;
    if (w->i < w->len && w->t[w->i] == '0')
        w->i++;
    else if (!digits(w))
        return fail(w, "invalid number");
    if (w->i < w->len && w->t[w->i] == '.') {
        w->i++;
        if (!digits(w))
            return fail(w, "invalid number");
    }
    if (w->i < w->len && (w->t[w->i] == 'e' || w->t[w->i] == 'E')) {
        w->i++;
        if (w->i < w->len && (w->t[w->i] == '+' || w->t[w->i] == '-'))
            w->i++;
        if (!digits(w))
            return fail(w, "invalid number");
    }
    if (out) {
        n = w->i - s < sizeof(buf) - 1 ? w->i - s : sizeof(buf) - 1;
        memcpy(buf, w->t + s, n);
        buf[n] = '\0';
        *out = strtod(buf, NULL);
    }
    return true;
}

static bool literal(mc_jwk *w)
{
    static const char *const lits[] = {"true", "false", "null"};

    for (int k = 0; k < 3; k++) {
        size_t n = strlen(lits[k]);

        if (w->len - w->i >= n && memcmp(w->t + w->i, lits[k], n) == 0) {
            w->i += n;
            return true;
        }
    }
    return fail(w, "invalid value");
}

/* A member or element separator, or the end of the container `close`. */
static bool next(mc_jwk *w, bool *first, char close, bool *more)
{
    ws(w);
    if (w->i >= w->len)
        return fail(w, "unexpected end of text");
    if (w->t[w->i] == close) {
        w->i++;
        *more = false;
        return true;
    }
    if (!*first) {
        if (w->t[w->i] != ',')
            return fail(w, close == '}' ? "expected ',' or '}'" : "expected ',' or ']'");
        w->i++;
        ws(w);
    }
    *first = false;
    *more = true;
    return true;
}

bool mc_jwk_next_member(mc_jwk *w, bool *first, char *key, size_t keycap, size_t *off)
{
    bool more;

    if (w->error || !next(w, first, '}', &more) || !more)
        return false;
    if (w->i < w->len && w->t[w->i] == '}')
        return fail(w, "trailing comma");
    if (off)
        *off = w->i;
    if (!string_at(w, key, keycap))
        return false;
    if (!eat(w, ':'))
        return fail(w, "expected ':'");
    return true;
}

bool mc_jwk_next_element(mc_jwk *w, bool *first)
{
    bool more;

    if (w->error || !next(w, first, ']', &more) || !more)
        return false;
    if (w->i < w->len && w->t[w->i] == ']')
        return fail(w, "trailing comma");
    return true;
}

bool mc_jwk_skip(mc_jwk *w)
{
    unsigned char stack[MC_JWK_MAX_DEPTH]; /* '}' or ']' per open container */
    bool first[MC_JWK_MAX_DEPTH];
    int depth = 0;

    for (;;) {
        char c = mc_jwk_peek(w);

        /* one value */
        if (c == '{' || c == '[') {
            if (depth == MC_JWK_MAX_DEPTH)
                return fail(w, "nested too deeply");
            w->i++;
            stack[depth] = (unsigned char)(c == '{' ? '}' : ']');
            first[depth++] = true;
        } else if (c == '"') {
            if (!string_at(w, NULL, 0))
                return false;
        } else if (c == '0') {
            if (!mc_jwk_number(w, NULL))
                return false;
        } else if (c == 0) {
            return fail(w, "unexpected end of text");
        } else if (!literal(w)) {
            return false;
        }
        /* then close containers until one has a next value */
        while (depth > 0) {
            bool more;
            bool obj = stack[depth - 1] == '}';

            if (!next(w, &first[depth - 1], (char)stack[depth - 1], &more))
                return false;
            if (more) {
                if (obj) {
                    if (!string_at(w, NULL, 0))
                        return false;
                    if (!eat(w, ':'))
                        return fail(w, "expected ':'");
                } else if (w->i < w->len && w->t[w->i] == ']') {
                    return fail(w, "trailing comma");
                }
                break;
            }
            depth--;
        }
        if (depth == 0)
            return w->error == NULL;
    }
}

bool mc_jwk_end(mc_jwk *w)
{
    if (w->error)
        return false;
    ws(w);
    return w->i == w->len || fail(w, "text after the JSON value");
}
