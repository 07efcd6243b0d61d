/* Links to the Hub in card text (see hub.h). */
#include "record/hub.h"
#include "record/words.h"
#include "util/str.h"

#include <string.h>

static bool is_alnum(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

long mc_hub_find(const char *s, size_t n)
{
    const mc_words *hosts = mc_words_get("hub_hosts");
    long best = -1;

    for (size_t h = 0; s && h < hosts->n; h++) {
        size_t hl = hosts->len[h];
        for (size_t from = 0; from + hl < n;) {
            long at = mc_memifind(s + from, n - from, hosts->v[h], hl);
            size_t end;
            if (at < 0)
                break;
            end = from + (size_t)at + hl;
            /* the host itself, not the end of a longer one ("nothub.example/" for "hub.example") */
            if (end < n && s[end] == '/' &&
                (from + (size_t)at == 0 || !is_alnum(s[from + (size_t)at - 1]))) {
                if (best < 0 || (long)(end + 1) < best)
                    best = (long)(end + 1);
                break;
            }
            from = end;
        }
    }
    return best;
}

bool mc_hub_is_url(const char *s)
{
    const mc_words *hosts = mc_words_get("hub_hosts");
    size_t n = s ? strlen(s) : 0;

    if (n < 8 || mc_memifind(s, 8, "https://", 8) != 0)
        return false;
    for (size_t h = 0; h < hosts->n; h++)
        if (n > 8 + hosts->len[h] &&
            mc_memifind(s + 8, hosts->len[h], hosts->v[h], hosts->len[h]) == 0 &&
            s[8 + hosts->len[h]] == '/')
            return true;
    return false;
}

bool mc_hub_page_not_model(const char *p, size_t n)
{
    size_t seg = 0;

    while (seg < n && !strchr("/?#)", p[seg]))
        seg++;
    return mc_words_has(mc_words_get("hub_pages"), p, seg);
}
