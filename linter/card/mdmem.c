/*
 * A cmark-gfm allocator for one parse: blocks are carved from large chunks and all
 * released at once, so the tree needs no node-by-node free. cmark's allocator interface
 * has no context argument: the pool of the parse running on this thread is thread-local.
 *
 * Each block has a 16-byte header with its size. free() gives back the last block of the
 * current chunk (cmark's temporary buffers are mostly freed in order) and ignores the
 * others; realloc() grows the last block in place when it can. Once the pool holds
 * `budget` bytes, further blocks come from calloc() with a header marking them, and are
 * freed for real: memory stays within a constant of what cmark would use by itself.
 *
 * cmark aborts when its allocator returns NULL; so does this one (through cmark's own
 * behaviour) only when the system allocator itself fails.
 */
#include "card/mdmem.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define HDR 16u
#define CHUNK (64u * 1024u)
#define SYSTEM ((size_t)1 << (sizeof(size_t) * 8 - 1)) /* header flag: from calloc() */

typedef struct chunk {
    struct chunk *next;
    size_t cap;  /* bytes in data */
    size_t used; /* bytes handed out */
    size_t last; /* offset of the last block's header, or SIZE_MAX */
    _Alignas(16) unsigned char data[];
} chunk;

struct mc_mdmem {
    chunk *head; /* current chunk; big blocks get their own chunk behind it */
    size_t total;
    size_t budget;
    bool spilled;
};

static _Thread_local mc_mdmem *current;

static size_t round16(size_t n)
{
    return (n + 15u) & ~(size_t)15u;
}

static chunk *chunk_new(size_t cap)
{
    chunk *c = malloc(sizeof(*c) + cap);

    if (c == NULL)
        return NULL;
    c->next = NULL;
    c->cap = cap;
    c->used = 0;
    c->last = SIZE_MAX;
    return c;
}

static unsigned char *from_system(mc_mdmem *m, size_t size)
{
    unsigned char *p = calloc(1, HDR + size);

    if (p == NULL)
        return NULL;
    m->spilled = true;
    memcpy(p, &(size_t){size | SYSTEM}, sizeof(size_t));
    return p + HDR;
}

/* The slow paths stay out of line, so that the common case needs no saved registers. */
#if defined(__GNUC__)
#define COLD __attribute__((noinline, cold))
#else
#define COLD
#endif

/* A block of `size` bytes, not zeroed. */
static COLD unsigned char *pool_alloc(mc_mdmem *m, size_t size, bool *fresh)
{
    size_t need;
    chunk *c = m->head;
    unsigned char *p;

    *fresh = false;
    if (size > SIZE_MAX / 2 - CHUNK)
        return NULL;
    need = HDR + round16(size ? size : 1);
    if (c == NULL || c->cap - c->used < need) {
        if (m->total + need > m->budget) {
            *fresh = true;
            return from_system(m, size);
        }
        if (need > CHUNK / 4) {
            /* a big block: its own chunk, kept behind the current one */
            chunk *big = chunk_new(need);
            if (big == NULL)
                return NULL;
            m->total += need;
            big->used = need;
            big->last = 0;
            if (c) {
                big->next = c->next;
                c->next = big;
            } else {
                m->head = big;
            }
            memcpy(big->data, &size, sizeof(size));
            return big->data + HDR;
        }
        c = chunk_new(CHUNK);
        if (c == NULL)
            return NULL;
        m->total += CHUNK;
        c->next = m->head;
        m->head = c;
    }
    p = c->data + c->used;
    c->last = c->used;
    c->used += need;
    memcpy(p, &size, sizeof(size));
    return p + HDR;
}

static size_t block_size(const void *ptr)
{
    size_t size;

    memcpy(&size, (const unsigned char *)ptr - HDR, sizeof(size));
    return size;
}

static COLD void *calloc_slow(mc_mdmem *m, size_t size)
{
    bool fresh;
    unsigned char *p = pool_alloc(m, size, &fresh);

    if (p && !fresh)
        memset(p, 0, size);
    return p;
}

static void *md_calloc(size_t n, size_t size)
{
    mc_mdmem *m = current;
    unsigned char *p;

    if (m == NULL)
        return calloc(n, size);
    if (n != 1) {
        if (size && n > SIZE_MAX / size)
            return NULL;
        size *= n;
    }
    if (m->head && size <= CHUNK) {
        /* the common case, inline: room in the current chunk */
        chunk *c = m->head;
        size_t need = HDR + round16(size ? size : 1);
        if (c->cap - c->used >= need) {
            p = c->data + c->used;
            c->last = c->used;
            c->used += need;
            memcpy(p, &size, sizeof(size));
            memset(p + HDR, 0, size);
            return p + HDR;
        }
    }
    return calloc_slow(m, size);
}

/* Is `ptr` the last block of the current chunk? */
static bool is_last(const mc_mdmem *m, const void *ptr)
{
    const chunk *c = m->head;

    return c && c->last != SIZE_MAX && (const unsigned char *)ptr == c->data + c->last + HDR;
}

static void md_free(void *ptr)
{
    mc_mdmem *m = current;
    size_t size;

    if (ptr == NULL)
        return;
    if (m == NULL) {
        free(ptr);
        return;
    }
    size = block_size(ptr);
    if (size & SYSTEM) {
        free((unsigned char *)ptr - HDR);
        return;
    }
    if (is_last(m, ptr)) {
        m->head->used = m->head->last;
        m->head->last = SIZE_MAX;
    }
}

/* realloc() of a block that must move or comes from the system allocator. */
static COLD void *realloc_slow(mc_mdmem *m, void *ptr, size_t size)
{
    size_t old;
    unsigned char *p;
    bool fresh;

    if (ptr == NULL)
        return pool_alloc(m, size, &fresh);
    old = block_size(ptr);
    if (old & SYSTEM) {
        unsigned char *q;
        if (size > SIZE_MAX - HDR)
            return NULL;
        q = realloc((unsigned char *)ptr - HDR, HDR + size);
        if (q == NULL)
            return NULL;
        memcpy(q, &(size_t){size | SYSTEM}, sizeof(size_t));
        return q + HDR;
    }
    p = pool_alloc(m, size, &fresh);
    if (p)
        memcpy(p, ptr, old < size ? old : size);
    return p;
}

static void *md_realloc(void *ptr, size_t size)
{
    mc_mdmem *m = current;
    chunk *c;
    size_t need;

    if (m == NULL)
        return realloc(ptr, size);
    c = m->head;
    if (c == NULL || size > CHUNK)
        return realloc_slow(m, ptr, size);
    need = HDR + round16(size ? size : 1);
    if (ptr == NULL) {
        /* inline, like md_calloc() without the zeroing */
        unsigned char *p = c->data + c->used;
        if (c->cap - c->used < need)
            return realloc_slow(m, ptr, size);
        c->last = c->used;
        c->used += need;
        memcpy(p, &size, sizeof(size));
        return p + HDR;
    }
    if (!(block_size(ptr) & SYSTEM)) {
        if (size <= block_size(ptr))
            return ptr;
        if (is_last(m, ptr) && c->cap - c->last >= need) {
            /* the last block grows in place */
            c->used = c->last + need;
            memcpy(c->data + c->last, &size, sizeof(size));
            return ptr;
        }
    }
    return realloc_slow(m, ptr, size);
}

static cmark_mem allocator = {md_calloc, md_realloc, md_free};

mc_mdmem *mc_mdmem_begin(size_t budget)
{
    mc_mdmem *m = calloc(1, sizeof(*m));

    if (m == NULL)
        return NULL;
    m->budget = budget;
    current = m;
    return m;
}

cmark_mem *mc_mdmem_allocator(void)
{
    return &allocator;
}

bool mc_mdmem_spilled(const mc_mdmem *m)
{
    return m->spilled;
}

void mc_mdmem_end(mc_mdmem *m)
{
    chunk *c, *next;

    if (m == NULL)
        return;
    for (c = m->head; c; c = next) {
        next = c->next;
        free(c);
    }
    if (current == m)
        current = NULL;
    free(m);
}
