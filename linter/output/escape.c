/* Escaping of untrusted text for each output format. */
#include "output/escape.h"
#include "util/str.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t mc_out_decode(const char *s, size_t n, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t len = mc_utf8_seqlen(s, n);

    if (len == 0) {
        *cp = 0;
        return 0;
    }
    if (len == 1) {
        *cp = u[0] < 0x80 ? u[0] : 0xFFFD;
        return 1;
    }
    if (len == 2)
        *cp = ((uint32_t)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
    else if (len == 3)
        *cp = ((uint32_t)(u[0] & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
    else
        *cp = ((uint32_t)(u[0] & 0x07) << 18) | ((uint32_t)(u[1] & 0x3F) << 12) |
              ((uint32_t)(u[2] & 0x3F) << 6) | (u[3] & 0x3F);
    return len;
}

typedef struct {
    uint32_t lo, hi;
} range;

static int in_ranges(uint32_t cp, const range *r, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (cp >= r[i].lo && cp <= r[i].hi)
            return 1;
    return 0;
}

unsigned mc_out_cpwidth(uint32_t cp)
{
    static const range zero[] = {
        {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A},
        {0x064B, 0x065F}, {0x1160, 0x11FF}, {0x200B, 0x200F}, {0x20D0, 0x20FF},
        {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF}, {0xE0100, 0xE01EF},
    };
    static const range wide[] = {
        {0x1100, 0x115F},   {0x2E80, 0x303E},   {0x3041, 0x33FF},   {0x3400, 0x4DBF},
        {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},   {0xA960, 0xA97F},   {0xAC00, 0xD7A3},
        {0xF900, 0xFAFF},   {0xFE30, 0xFE4F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},
        {0x1F300, 0x1F64F}, {0x1F900, 0x1F9FF}, {0x20000, 0x3FFFD},
    };

    if (cp < 0x300)
        return 1;
    if (in_ranges(cp, zero, sizeof(zero) / sizeof(zero[0])))
        return 0;
    return in_ranges(cp, wide, sizeof(wide) / sizeof(wide[0])) ? 2 : 1;
}

void mc_out_utf8(mc_buf *b, const char *s)
{
    size_t n, i = 0, start = 0;

    if (s == NULL)
        return;
    n = strlen(s);
    while (i < n) {
        size_t len = mc_utf8_seqlen(s + i, n - i);
        if (len == 1 && (unsigned char)s[i] >= 0x80) {
            mc_buf_put(b, s + start, i - start);
            mc_buf_puts(b, "\xEF\xBF\xBD");
            start = i + 1;
        }
        i += len;
    }
    mc_buf_put(b, s + start, n - start);
}

char *mc_out_utf8_dup(const char *s)
{
    mc_buf b = MC_BUF_INIT;

    if (s == NULL)
        return NULL;
    mc_out_utf8(&b, s);
    mc_buf_putc(&b, '\0'); /* an empty string still gets an allocation */
    if (!mc_buf_ok(&b)) {
        mc_buf_release(&b);
        return NULL;
    }
    return mc_buf_detach(&b);
}

size_t mc_out_term_cp(mc_buf *b, const char *s, size_t n, unsigned *width)
{
    uint32_t cp;
    size_t len = mc_out_decode(s, n, &cp);
    char esc[16];
    int w;

    if (len == 0) {
        *width = 0;
        return 0;
    }
    if (mc_term_unsafe(cp)) {
        if (cp < 0x80)
            w = snprintf(esc, sizeof(esc), "\\x%02x", (unsigned)cp);
        else
            w = snprintf(esc, sizeof(esc), "\\u%04x", (unsigned)cp);
        mc_buf_put(b, esc, (size_t)w);
        *width = (unsigned)w;
        return len;
    }
    if (cp == 0xFFFD && len == 1)
        mc_buf_puts(b, "\xEF\xBF\xBD");
    else
        mc_buf_put(b, s, len);
    *width = cp == '\t' ? 1 : mc_out_cpwidth(cp);
    return len;
}

void mc_out_term(mc_buf *b, const char *s)
{
    size_t n, i = 0;
    unsigned w;

    if (s == NULL)
        return;
    n = strlen(s);
    while (i < n)
        i += mc_out_term_cp(b, s + i, n - i, &w);
}

void mc_out_term_line(mc_buf *b, const char *s)
{
    if (s && (s[0] == ':' || s[0] == '#') && s[1] == s[0]) {
        mc_buf_puts(b, s[0] == ':' ? "\\x3a" : "\\x23");
        s++;
    }
    mc_out_term(b, s);
}

static void gh_escape(mc_buf *b, const char *s, int prop)
{
    size_t n, i = 0;
    unsigned w;

    if (s == NULL)
        return;
    n = strlen(s);
    while (i < n) {
        char c = s[i];
        if (c == '%') {
            mc_buf_puts(b, "%25");
        } else if (c == '\r') {
            mc_buf_puts(b, "%0D");
        } else if (c == '\n') {
            mc_buf_puts(b, "%0A");
        } else if (prop && c == ':') {
            mc_buf_puts(b, "%3A");
        } else if (prop && c == ',') {
            mc_buf_puts(b, "%2C");
        } else {
            i += mc_out_term_cp(b, s + i, n - i, &w);
            continue;
        }
        i++;
    }
}

void mc_out_gh_data(mc_buf *b, const char *s)
{
    gh_escape(b, s, 0);
}

void mc_out_gh_prop(mc_buf *b, const char *s)
{
    gh_escape(b, s, 1);
}

void mc_out_md(mc_buf *b, const char *s, size_t max)
{
    size_t n, i = 0, count = 0;

    if (s == NULL)
        return;
    n = strlen(s);
    while (i < n) {
        uint32_t cp;
        size_t len = mc_out_decode(s + i, n - i, &cp);
        if (max && count == max) {
            mc_buf_puts(b, "\xE2\x80\xA6");
            break;
        }
        count++;
        if (cp == '<')
            mc_buf_puts(b, "&lt;");
        else if (cp == '>')
            mc_buf_puts(b, "&gt;");
        else if (cp == '&')
            mc_buf_puts(b, "&amp;");
        else if (cp == '"')
            mc_buf_puts(b, "&quot;");
        else if (cp == '\r' || cp == '\n' || cp == '\t')
            mc_buf_putc(b, ' ');
        else if (mc_term_unsafe(cp) || (cp == 0xFFFD && len == 1))
            mc_buf_puts(b, "\xEF\xBF\xBD");
        else if (cp < 0x80 && strchr("\\`*_{}[]()#+-.!|~@:=$^'", (int)cp)) {
            mc_buf_putc(b, '\\');
            mc_buf_putc(b, (char)cp);
        } else
            mc_buf_put(b, s + i, len);
        i += len;
    }
}

void mc_out_mermaid(mc_buf *b, const char *s, size_t max)
{
    size_t n, i = 0, count = 0;

    if (s == NULL)
        return;
    n = strlen(s);
    while (i < n) {
        uint32_t cp;
        size_t len = mc_out_decode(s + i, n - i, &cp);
        if (max && count == max) {
            mc_buf_puts(b, "\xE2\x80\xA6");
            break;
        }
        count++;
        if (cp < 0x80 && strchr("\"<>|`#%&;[](){}\\*_~:=", (int)cp))
            mc_buf_printf(b, "#%u;", (unsigned)cp);
        else if (cp == '\r' || cp == '\n' || cp == '\t')
            mc_buf_putc(b, ' ');
        else if (mc_term_unsafe(cp) || (cp == 0xFFFD && len == 1))
            mc_buf_puts(b, "\xEF\xBF\xBD");
        else
            mc_buf_put(b, s + i, len);
        i += len;
    }
}

void mc_out_uri(mc_buf *b, const char *path)
{
    static const char hex[] = "0123456789ABCDEF";

    if (path == NULL)
        return;
    while (path[0] == '.' && path[1] == '/')
        path += 2;
    while (*path == '/')
        path++;
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '.' || *p == '_' || *p == '~' || *p == '/') {
            mc_buf_putc(b, (char)*p);
        } else {
            mc_buf_putc(b, '%');
            mc_buf_putc(b, hex[*p >> 4]);
            mc_buf_putc(b, hex[*p & 15]);
        }
    }
}

cJSON *mc_out_jstr(const char *s)
{
    char *clean;
    cJSON *item;

    if (s == NULL)
        return cJSON_CreateNull();
    clean = mc_out_utf8_dup(s);
    if (clean == NULL)
        return NULL;
    item = cJSON_CreateString(clean);
    free(clean);
    return item;
}

int mc_out_jadd_str(cJSON *obj, const char *key, const char *s)
{
    cJSON *item = mc_out_jstr(s);

    if (item == NULL)
        return MC_ENOMEM;
    if (!cJSON_AddItemToObject(obj, key, item)) {
        cJSON_Delete(item);
        return MC_ENOMEM;
    }
    return 0;
}

int mc_out_jadd_num(cJSON *obj, const char *key, double v, int present)
{
    cJSON *item = present ? cJSON_CreateNumber(v) : cJSON_CreateNull();

    if (item == NULL)
        return MC_ENOMEM;
    if (!cJSON_AddItemToObject(obj, key, item)) {
        cJSON_Delete(item);
        return MC_ENOMEM;
    }
    return 0;
}

size_t mc_out_clip(const char *s, size_t max)
{
    size_t n = strlen(s), i = 0;

    if (n <= max)
        return n;
    while (i < n) {
        size_t len = mc_utf8_seqlen(s + i, n - i);
        if (i + len > max)
            break;
        i += len;
    }
    return i;
}
