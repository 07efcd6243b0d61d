/* A cmark-gfm allocator that bump-allocates from chunks owned by one parse (see mdmem.c). */
#ifndef MC_CARD_MDMEM_H
#define MC_CARD_MDMEM_H

#include <cmark-gfm.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct mc_mdmem mc_mdmem;

/* Start a parse on this thread: cmark allocations made through mc_mdmem_allocator() go to
 * the returned pool until mc_mdmem_end(). `budget` bounds the bytes kept in chunks; past
 * it, blocks come from the system allocator. NULL when out of memory. */
mc_mdmem *mc_mdmem_begin(size_t budget);
cmark_mem *mc_mdmem_allocator(void);
/* True once a block was handed out by the system allocator: the cmark objects must then
 * be freed with cmark's own functions before mc_mdmem_end(). */
bool mc_mdmem_spilled(const mc_mdmem *m);
/* Release every chunk and detach the pool from the thread. */
void mc_mdmem_end(mc_mdmem *m);

#endif
