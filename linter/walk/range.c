/* Ranges of the sorted file list: the files under one folder are contiguous in byte
 * order, so two binary searches find them without scanning the whole list. */
#include "mclint/source.h"

#include <string.h>

/* Compare `path` with the prefix "dir/" (`dir` of length dl, without the slash):
 * 0 when path starts with it, else the byte order of path against it. */
static int cmp_dir(const char *path, const char *dir, size_t dl)
{
    int c = strncmp(path, dir, dl);

    if (c != 0)
        return c;
    return (int)(unsigned char)path[dl] - '/';
}

/* First index in [lo, n) whose path compares >= 0 (upper = 0) or > 0 (upper = 1). */
static size_t search(const mc_source *src, const char *dir, size_t dl, int upper)
{
    size_t lo = 0, hi = mc_source_count(src);

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_dir(mc_source_at(src, mid)->path, dir, dl);
        if (c < 0 || (upper && c == 0))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

void mc_source_dir_range(const mc_source *src, const char *dir, size_t *begin, size_t *end)
{
    size_t dl = dir ? strlen(dir) : 0;

    while (dl > 0 && dir[dl - 1] == '/')
        dl--;
    if (src == NULL || dl == 0) {
        *begin = 0;
        *end = src ? mc_source_count(src) : 0;
        return;
    }
    *begin = search(src, dir, dl, 0);
    *end = search(src, dir, dl, 1);
}
