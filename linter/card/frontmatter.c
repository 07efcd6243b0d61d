/*
 * Front matter, found exactly as the Hub finds it:
 *
 *   ^(\s*---(?:\r\n|\r|\n))([\S\s]*?)((?:\r\n|\r|\n)---[ \t]*(\r\n|\n|$))
 *
 * matched by hand in one pass. Consequences kept on purpose: the opening "---" takes no
 * trailing blanks; a closing line ended by a lone CR only closes at the end of the file;
 * "---\n---\n" (LF) is no block at all, while "---\n\n---\n" is an empty one (and so is
 * "---\r\n---\r\n", the regex taking "\r" as the opening line end). `\s` is ASCII white
 * space here.
 */
#include "card/docint.h"

#include <string.h>

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static bool is_dashes(const char *t, size_t len, size_t i)
{
    return i + 3 <= len && t[i] == '-' && t[i + 1] == '-' && t[i + 2] == '-';
}

/* Length of the line end at i (\r\n, \r or \n), 0 if none. */
static size_t eol_at(const char *t, size_t len, size_t i)
{
    if (i >= len)
        return 0;
    if (t[i] == '\r')
        return i + 1 < len && t[i + 1] == '\n' ? 2 : 1;
    return t[i] == '\n' ? 1 : 0;
}

/* Group 3 at i: an end of line, "---", blanks, then \r\n, \n or the end. Sets *end. */
static bool closing_at(const char *t, size_t len, size_t i, size_t *end)
{
    size_t e = eol_at(t, len, i);
    size_t j;

    if (e == 0 || !is_dashes(t, len, i + e))
        return false;
    j = i + e + 3;
    while (j < len && (t[j] == ' ' || t[j] == '\t'))
        j++;
    if (j == len) {
        *end = j;
        return true;
    }
    if (t[j] == '\n') {
        *end = j + 1;
        return true;
    }
    if (t[j] == '\r' && j + 1 < len && t[j + 1] == '\n') {
        *end = j + 2;
        return true;
    }
    return false;
}

void mc_fm_find(mc_fm_match *m, const char *t, size_t len)
{
    size_t i = 0, e, end;

    memset(m, 0, sizeof(*m));
    while (i < len && is_space(t[i]))
        i++;
    if (!is_dashes(t, len, i))
        return;
    e = eol_at(t, len, i + 3);
    if (e == 0)
        return;
    m->open = i;
    m->yaml = i + 3 + e;
    /* every "---" after a line end, in order (memchr on "-" rather than a byte loop);
     * from "\r\n---" the line end starts at the "\r", which is the first position the
     * regex tries */
    for (size_t q = m->yaml + 1; q < len;) {
        const char *d = memchr(t + q, '-', len - q);
        size_t p;
        if (d == NULL)
            break;
        q = (size_t)(d - t);
        if (t[q - 1] == '\n' || t[q - 1] == '\r') {
            p = q - 1;
            if (t[p] == '\n' && p > m->yaml && t[p - 1] == '\r')
                p--;
            if (closing_at(t, len, p, &end)) {
                m->found = true;
                m->yaml_len = p - m->yaml;
                m->close = p + eol_at(t, len, p);
                m->body = end;
                return;
            }
        }
        q++;
    }
    /* the regex's only backtrack: "---\r" + "\n---..." (an empty CRLF block) */
    if (e == 2 && closing_at(t, len, i + 4, &end)) {
        m->found = true;
        m->yaml = i + 4;
        m->yaml_len = 0;
        m->close = i + 5;
        m->body = end;
        return;
    }
    m->unclosed = true;
}
