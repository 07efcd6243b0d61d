#include "walk/ignore.h"

#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define IGN_MAX_FILE (1024 * 1024)

enum { PAT_ALL, PAT_LITERAL, PAT_SUFFIX, PAT_PREFIX, PAT_GLOB };

struct mc_ign_pat {
    char *text; /* the last component (NULL for PAT_ALL) */
    size_t len;
    unsigned char kind;
    bool dir_only;
};

void mc_ign_init(mc_ign *ig, bool casefold)
{
    memset(ig, 0, sizeof(*ig));
    ig->casefold = casefold;
}

void mc_ign_pop(mc_ign *ig, size_t mark)
{
    while (ig->len > mark)
        free(ig->pats[--ig->len].text);
}

void mc_ign_release(mc_ign *ig)
{
    mc_ign_pop(ig, 0);
    free(ig->pats);
    ig->pats = NULL;
    ig->cap = 0;
}

size_t mc_ign_mark(const mc_ign *ig)
{
    return ig->len;
}

static void push(mc_ign *ig, unsigned char kind, const char *text, size_t len, bool dir_only)
{
    mc_ign_pat *p;

    if (ig->len == ig->cap) {
        size_t cap = ig->cap ? ig->cap * 2 : 32;
        mc_ign_pat *n = realloc(ig->pats, cap * sizeof(*n));

        if (n == NULL) {
            ig->failed = 1;
            return;
        }
        ig->pats = n;
        ig->cap = cap;
    }
    p = &ig->pats[ig->len];
    p->text = NULL;
    if (kind != PAT_ALL) {
        p->text = malloc(len + 1);
        if (p->text == NULL) {
            ig->failed = 1;
            return;
        }
        memcpy(p->text, text, len);
        p->text[len] = '\0';
    }
    p->len = len;
    p->kind = kind;
    p->dir_only = dir_only;
    ig->len++;
}

void mc_ign_add_any(mc_ign *ig)
{
    push(ig, PAT_ALL, NULL, 0, false);
}

static bool has_glob(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] == '*' || s[i] == '?' || s[i] == '[')
            return true;
    return false;
}

static bool has_star_star(const char *s, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++)
        if (s[i] == '*' && s[i + 1] == '*')
            return true;
    return false;
}

static void add_line(mc_ign *ig, const char *s, size_t n)
{
    bool dir_only = false;
    size_t start;

    if (n > 0 && s[n - 1] == '\r')
        n--;
    if (n == 0 || s[0] == '#' || s[0] == '!')
        return; /* comments; negations never make a name ignored */
    if (memchr(s, '\\', n) || memchr(s, '\0', n)) {
        push(ig, PAT_ALL, NULL, 0, false); /* escapes: not worth being clever */
        return;
    }
    while (n > 0 && s[n - 1] == ' ')
        n--;
    while (n > 0 && s[n - 1] == '/') {
        dir_only = true;
        n--;
    }
    if (n == 0)
        return;
    start = n;
    while (start > 0 && s[start - 1] != '/')
        start--;
    s += start;
    n -= start;
    if (n == 0)
        return;
    if (has_star_star(s, n) || (n == 1 && s[0] == '*')) {
        push(ig, PAT_ALL, NULL, 0, dir_only);
    } else if (!has_glob(s, n)) {
        push(ig, PAT_LITERAL, s, n, dir_only);
    } else if (s[0] == '*' && !has_glob(s + 1, n - 1)) {
        push(ig, PAT_SUFFIX, s + 1, n - 1, dir_only);
    } else if (s[n - 1] == '*' && !has_glob(s, n - 1)) {
        push(ig, PAT_PREFIX, s, n - 1, dir_only);
    } else {
        push(ig, PAT_GLOB, s, n, dir_only);
    }
}

void mc_ign_add_text(mc_ign *ig, const char *text, size_t len)
{
    size_t i = 0;

    while (i < len) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - text) : len;

        add_line(ig, text + i, end - i);
        i = end + 1;
    }
}

int mc_ign_add_file(mc_ign *ig, int dirfd, const char *name)
{
    struct stat st;
    char *buf = NULL;
    size_t got = 0;
    int fd;

    /* checked before anything opens it: a link is never followed, a FIFO never opened */
    if (fstatat(dirfd >= 0 ? dirfd : AT_FDCWD, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
        if (errno != ENOENT && errno != ENOTDIR)
            mc_ign_add_any(ig);
        return 0;
    }
    if (!S_ISREG(st.st_mode))
        return 1;
    fd =
        openat(dirfd >= 0 ? dirfd : AT_FDCWD, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ELOOP)
            return 1; /* replaced by a link meanwhile */
        if (errno != ENOENT && errno != ENOTDIR)
            mc_ign_add_any(ig);
        return 0;
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return 1;
    }
    if (st.st_size > IGN_MAX_FILE)
        goto any;
    buf = malloc((size_t)st.st_size + 1);
    if (buf == NULL)
        goto any;
    while (got < (size_t)st.st_size) {
        ssize_t r = read(fd, buf + got, (size_t)st.st_size - got);

        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    mc_ign_add_text(ig, buf, got);
    free(buf);
    close(fd);
    return 0;
any:
    mc_ign_add_any(ig);
    close(fd);
    return 0;
}

static bool eq(const mc_ign *ig, const char *a, const char *b, size_t n)
{
    return ig->casefold ? strncasecmp(a, b, n) == 0 : memcmp(a, b, n) == 0;
}

bool mc_ign_maybe(const mc_ign *ig, const char *name, bool is_dir)
{
    size_t n = strlen(name);

    if (ig->failed)
        return true;
    for (size_t i = 0; i < ig->len; i++) {
        const mc_ign_pat *p = &ig->pats[i];

        if (p->dir_only && !is_dir)
            continue;
        switch (p->kind) {
        case PAT_ALL:
            return true;
        case PAT_LITERAL:
            if (n == p->len && eq(ig, name, p->text, n))
                return true;
            break;
        case PAT_SUFFIX:
            if (n >= p->len && eq(ig, name + n - p->len, p->text, p->len))
                return true;
            break;
        case PAT_PREFIX:
            if (n >= p->len && eq(ig, name, p->text, p->len))
                return true;
            break;
        default:
            /* fnmatch() has no portable case folding: be conservative then */
            if (ig->casefold || fnmatch(p->text, name, 0) == 0)
                return true;
            break;
        }
    }
    return false;
}
