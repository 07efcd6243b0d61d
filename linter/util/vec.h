/* A growable array of pointers. The vector owns its storage, not its items. */
#ifndef MC_UTIL_VEC_H
#define MC_UTIL_VEC_H

#include "mclint/common.h"

typedef struct {
    void **items;
    size_t len;
    size_t cap;
} mc_vec;

#define MC_VEC_INIT                                                                                \
    {                                                                                              \
        NULL, 0, 0                                                                                 \
    }

int mc_vec_push(mc_vec *v, void *item);
void mc_vec_release(mc_vec *v);
/** Release the storage and free() every item. */
void mc_vec_release_all(mc_vec *v);

#endif
