#include "util/arena.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Blocks grow geometrically from ARENA_FIRST to ARENA_BLOCK: a record or an evidence set
 * of a few hundred bytes then costs 2 KiB, not 64 KiB, and big documents still get big
 * blocks after a few steps. */
#define ARENA_FIRST (2 * 1024)
#define ARENA_BLOCK (64 * 1024)
#define ARENA_ALIGN (sizeof(void *) > 8 ? sizeof(void *) : 8)

typedef struct block {
    struct block *next;
    size_t size;
    size_t used;
    int dedicated; /* one large allocation of its own */
    /* data follows, suitably aligned */
} block;

struct mc_arena {
    block *head;
    size_t used;
    size_t next_size; /* size of the next standard block */
    int failed;
};

static size_t header_size(void)
{
    return (sizeof(block) + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
}

mc_arena *mc_arena_new(void)
{
    return calloc(1, sizeof(mc_arena));
}

static void free_blocks(block *b)
{
    while (b) {
        block *next = b->next;
        free(b);
        b = next;
    }
}

void mc_arena_free(mc_arena *a)
{
    if (a == NULL)
        return;
    free_blocks(a->head);
    free(a);
}

void mc_arena_reset(mc_arena *a)
{
    block *last = a->head;

    if (last == NULL)
        return;
    /* keep the oldest block (the list is newest-first) if it is a standard one */
    while (last->next)
        last = last->next;
    for (block *b = a->head; b && b != last;) {
        block *next = b->next;
        free(b);
        b = next;
    }
    if (!last->dedicated) {
        last->used = 0;
        a->head = last;
    } else {
        free(last);
        a->head = NULL;
    }
    a->used = 0;
    a->failed = 0;
}

void *mc_arena_alloc(mc_arena *a, size_t size)
{
    block *b = a->head;
    size_t need = (size + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
    char *p;

    if (need < size)
        goto fail;
    if (b == NULL || b->size - b->used < need) {
        int dedicated = need > ARENA_BLOCK / 4;
        size_t bsize = a->next_size ? a->next_size : ARENA_FIRST;
        block *nb;

        if (dedicated)
            bsize = need;
        else if (bsize < need)
            bsize = need;
        if (bsize > SIZE_MAX - header_size())
            goto fail;
        nb = malloc(header_size() + bsize);
        if (nb == NULL)
            goto fail;
        nb->size = bsize;
        nb->used = 0;
        nb->dedicated = dedicated;
        if (!dedicated) {
            size_t grown = (a->next_size ? a->next_size : ARENA_FIRST) * 2;
            a->next_size = grown > ARENA_BLOCK ? ARENA_BLOCK : grown;
        }
        if (!dedicated || b == NULL) {
            nb->next = b;
            a->head = nb;
        } else {
            /* a large dedicated block goes behind the current one, which stays in use */
            nb->next = b->next;
            b->next = nb;
        }
        b = nb;
    }
    p = (char *)b + header_size() + b->used;
    b->used += need;
    a->used += need;
    memset(p, 0, size);
    return p;
fail:
    a->failed = 1;
    mc_error_set(MC_ENOMEM, "out of memory");
    return NULL;
}

char *mc_arena_strndup(mc_arena *a, const char *s, size_t n)
{
    char *p = mc_arena_alloc(a, n + 1);

    if (p == NULL)
        return NULL;
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *mc_arena_strdup(mc_arena *a, const char *s)
{
    return s ? mc_arena_strndup(a, s, strlen(s)) : NULL;
}

char *mc_arena_printf(mc_arena *a, const char *fmt, ...)
{
    va_list ap;
    int n;
    char *p;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    p = mc_arena_alloc(a, (size_t)n + 1);
    if (p == NULL)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

int mc_arena_failed(const mc_arena *a)
{
    return a->failed;
}

size_t mc_arena_used(const mc_arena *a)
{
    return a->used;
}
