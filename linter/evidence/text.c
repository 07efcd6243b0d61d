/* Text evidence: modeling/configuration/tokenization code headers and LICENSE/NOTICE
 * files (which licence the text looks like, which copyright holders it names). */
#include "evidence/ev.h"
#include "evidence/text.h"
#include "mclint/families.h"
#include "util/str.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CODE_MAX_LINES 200
#define LICENSE_SCAN_BYTES (256 * 1024)
#define MAX_HOLDERS 32
#define MAX_COPIED 32

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static size_t trim_end(const char *s, size_t n)
{
    while (n > 0 && (is_space(s[n - 1]) || s[n - 1] == '*' || s[n - 1] == '#' || s[n - 1] == '"' ||
                     s[n - 1] == '/'))
        n--;
    return n;
}

bool mc_ev_parse_copyright(const char *line, size_t n, mc_ev_copyright *out)
{
    long at = mc_memifind(line, n, "copyright", 9);
    size_t i, hs, he;
    int year = 0;

    memset(out, 0, sizeof(*out));
    if (at >= 0) {
        i = (size_t)at + 9;
    } else {
        at = mc_memifind(line, n, "\xC2\xA9", 2); /* © */
        if (at < 0)
            return false;
        i = (size_t)at + 2;
    }
    out->offset = (size_t)at;
    while (i < n && is_space(line[i]))
        i++;
    if (i + 3 <= n && (memcmp(line + i, "(c)", 3) == 0 || memcmp(line + i, "(C)", 3) == 0))
        i += 3;
    else if (i + 2 <= n && memcmp(line + i, "\xC2\xA9", 2) == 0)
        i += 2;
    while (i < n && is_space(line[i]))
        i++;
    /* one or more years: 2023, 2023-2024, 2023, 2024 */
    while (i + 4 <= n && is_digit(line[i]) && is_digit(line[i + 1]) && is_digit(line[i + 2]) &&
           is_digit(line[i + 3]) && (i + 4 == n || !is_digit(line[i + 4]))) {
        int y = (line[i] - '0') * 1000 + (line[i + 1] - '0') * 100 + (line[i + 2] - '0') * 10 +
                (line[i + 3] - '0');

        if (y < 1970 || y > 2099)
            break;
        if (year == 0)
            year = y;
        i += 4;
        while (i < n && (is_space(line[i]) || line[i] == '-' || line[i] == ',' ||
                         (unsigned char)line[i] == 0xE2)) {
            if ((unsigned char)line[i] == 0xE2 && i + 2 < n) /* en dash */
                i += 2;
            i++;
        }
    }
    if (year == 0)
        return false;
    hs = i;
    if (hs + 3 <= n && mc_memifind(line + hs, 3, "by ", 3) == 0)
        hs += 3;
    he = n;
    {
        long rr = mc_memifind(line + hs, n - hs, "all rights reserved", 19);

        if (rr >= 0)
            he = hs + (size_t)rr;
    }
    he = trim_end(line, he);
    while (he > hs && (line[he - 1] == '.' || line[he - 1] == ',' || line[he - 1] == ';'))
        he--;
    he = trim_end(line, he);
    if (he <= hs || line[hs] == '[' || line[hs] == '{' || line[hs] == '<')
        return false;
    out->year = year;
    out->holder = line + hs;
    out->holder_len = he - hs;
    return true;
}

/* Iterate lines: returns the length of the line at *pos (without the newline). */
static bool next_line(const char *data, size_t len, size_t *pos, size_t *start, size_t *n)
{
    const char *nl;

    if (*pos >= len)
        return false;
    *start = *pos;
    nl = memchr(data + *pos, '\n', len - *pos);
    *n = nl ? (size_t)(nl - (data + *pos)) : len - *pos;
    *pos += *n + (nl ? 1 : 0);
    if (*n > 0 && data[*start + *n - 1] == '\r')
        (*n)--;
    return true;
}

static bool binary(const char *data, size_t len)
{
    return memchr(data, '\0', len < 8192 ? len : 8192) != NULL;
}

static uint64_t fnv(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;

    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
    return h;
}

static bool seen(uint64_t *hs, int *n, int max, uint64_t h)
{
    for (int i = 0; i < *n; i++)
        if (hs[i] == h)
            return true;
    if (*n < max)
        hs[(*n)++] = h;
    return false;
}

static void add_holder(mc_evidence_set *set, mc_evidence_kind kind, const char *path,
                       const char *data, size_t len, size_t start, const mc_ev_copyright *cr)
{
    mc_span sp = mc_ev_span_at(data, len, start + cr->offset,
                               (size_t)(cr->holder + cr->holder_len - (data + start + cr->offset)));

    mc_ev_addn(set, kind, path, sp, "copyright", cr->holder, cr->holder_len, cr->year);
}

static const char *const copied_markers[] = {
    "Copied from ",           "Adapted from ",  "adapted from ",
    "Modified from ",         "modified from ", "Ported from ",
    "This code is based on ", "based on ",      NULL};

void mc_ev_read_code(mc_evidence_set *set, const char *path, const char *data, size_t len)
{
    size_t pos = 0, start, n;
    unsigned lines = 0;
    uint64_t hs[MAX_HOLDERS + MAX_COPIED];
    int nh = 0;

    if (binary(data, len)) {
        mc_ev_unreadable(set, path, (mc_span){0, 0, 0, 0}, "binary data, not Python source");
        return;
    }
    while (lines++ < CODE_MAX_LINES && next_line(data, len, &pos, &start, &n)) {
        const char *l = data + start;
        mc_ev_copyright cr;

        if (n > 4096)
            n = 4096;
        if (mc_ev_parse_copyright(l, n, &cr)) {
            if (!seen(hs, &nh, MAX_HOLDERS + MAX_COPIED, fnv(cr.holder, cr.holder_len)))
                add_holder(set, MC_EV_CODE_COPYRIGHT, path, data, len, start, &cr);
            continue;
        }
        if (memchr(l, '#', n) == NULL && !(n > 0 && (l[0] == ' ' || l[0] == '"')))
            continue; /* markers live in comments and docstrings */
        for (size_t m = 0; copied_markers[m]; m++) {
            long at = mc_memifind(l, n, copied_markers[m], strlen(copied_markers[m]));
            size_t vs, ve;
            const mc_family *fam = NULL;
            mc_evidence *e;

            if (at < 0 || memcmp(l + at, copied_markers[m], strlen(copied_markers[m])) != 0)
                continue;
            if (m == 7 && mc_memifind(l, n, "This code is based on ", 22) >= 0)
                break;
            vs = (size_t)at + strlen(copied_markers[m]);
            ve = m == 0 ? vs : n;
            if (m == 0)
                while (ve < n && !is_space(l[ve]))
                    ve++;
            ve = trim_end(l, ve);
            if (ve <= vs)
                break;
            if (seen(hs, &nh, MAX_HOLDERS + MAX_COPIED, fnv(l + vs, ve - vs)))
                break;
            if (mc_has_prefix(l + vs, "transformers.models.")) {
                char mt[64];
                size_t k = 0;

                for (const char *p = l + vs + 20; p < l + ve && *p != '.' && k < sizeof(mt) - 1;
                     p++)
                    mt[k++] = *p;
                mt[k] = '\0';
                fam = mc_family_by_arch(NULL, mt);
            }
            e = mc_ev_addn(set, MC_EV_CODE_COPIED, path,
                           mc_ev_span_at(data, len, start + (size_t)at, ve - (size_t)at),
                           copied_markers[m][0] == 'C' ? "copied_from" : "adapted_from", l + vs,
                           ve - vs, -1);
            if (e && fam)
                e->family = fam->id;
            break;
        }
    }
}

/* Lower-case ASCII, whitespace runs to one space, curly quotes to straight ones; map[i]
 * is the offset in the original of normalised byte i. */
static char *normalise(const char *data, size_t len, uint32_t **mapp, size_t *outlen)
{
    char *t = malloc(len + 1);
    uint32_t *map = malloc((len + 1) * sizeof(uint32_t));
    size_t o = 0;
    bool sp = true;

    if (t == NULL || map == NULL) {
        free(t);
        free(map);
        return NULL;
    }
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)data[i];

        if (is_space((char)c) || c == 0) {
            if (!sp) {
                map[o] = (uint32_t)i;
                t[o++] = ' ';
            }
            sp = true;
            continue;
        }
        if (c == 0xE2 && i + 2 < len && (unsigned char)data[i + 1] == 0x80 &&
            ((unsigned char)data[i + 2] >= 0x98 && (unsigned char)data[i + 2] <= 0x9D)) {
            map[o] = (uint32_t)i;
            t[o++] = (unsigned char)data[i + 2] <= 0x9B ? '\'' : '"';
            i += 2;
            sp = false;
            continue;
        }
        map[o] = (uint32_t)i;
        t[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        sp = false;
    }
    t[o] = '\0';
    map[o] = (uint32_t)len;
    *mapp = map;
    *outlen = o;
    return t;
}

void mc_ev_read_license(mc_evidence_set *set, const char *path, const char *data, size_t len)
{
    size_t scan = len < LICENSE_SCAN_BYTES ? len : LICENSE_SCAN_BYTES;
    const char *base = mc_path_base(path);
    bool is_license = mc_has_prefix(base, "LICEN") || mc_has_prefix(base, "licen") ||
                      mc_has_prefix(base, "COPYING");
    uint32_t *map = NULL;
    size_t nlen = 0, pos = 0, start, n;
    char *norm;
    bool found = false;
    uint64_t hs[MAX_HOLDERS];
    int nh = 0;

    if (len == 0) {
        mc_ev_unreadable(set, path, (mc_span){0, 0, 0, 0}, "empty file");
        return;
    }
    if (binary(data, len)) {
        mc_ev_unreadable(set, path, (mc_span){0, 0, 0, 0}, "binary data, not a licence text");
        return;
    }
    norm = normalise(data, scan, &map, &nlen);
    if (norm == NULL) {
        set->failed = 1;
        return;
    }
    for (size_t i = 0; i < mc_license_count() && !found; i++) {
        const mc_license *lic = mc_license_at(i);

        for (size_t p = 0; p < lic->n_phrases; p++) {
            const char *hit = strstr(norm, lic->phrases[p]);

            if (hit) {
                size_t o = (size_t)(hit - norm), e = o + strlen(lic->phrases[p]);
                size_t from = map[o], to = e > 0 ? map[e - 1] + 1 : from;
                mc_evidence *ev;

                ev = mc_ev_add(set, MC_EV_LICENSE_FILE, path,
                               mc_ev_span_at(data, len, from, to - from), lic->phrases[p], lic->id,
                               -1);
                (void)ev;
                found = true;
                break;
            }
        }
    }
    if (!found && is_license)
        mc_ev_add(set, MC_EV_LICENSE_FILE, path, (mc_span){0, 0, 0, 0}, NULL, "unknown", -1);
    free(norm);
    free(map);
    while (next_line(data, scan, &pos, &start, &n)) {
        mc_ev_copyright cr;

        if (n > 4096)
            n = 4096;
        if (mc_ev_parse_copyright(data + start, n, &cr) &&
            !seen(hs, &nh, MAX_HOLDERS, fnv(cr.holder, cr.holder_len))) {
            if (nh >= MAX_HOLDERS)
                break;
            add_holder(set, MC_EV_NOTICE, path, data, len, start, &cr);
        }
    }
}
