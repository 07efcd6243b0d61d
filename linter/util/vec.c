#include "util/vec.h"

#include <stdlib.h>

int mc_vec_push(mc_vec *v, void *item)
{
    if (v->len == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 16;
        void **p;

        if (cap > SIZE_MAX / sizeof(void *))
            return mc_error_set(MC_ENOMEM, "out of memory");
        p = realloc(v->items, cap * sizeof(void *));
        if (p == NULL)
            return mc_error_set(MC_ENOMEM, "out of memory");
        v->items = p;
        v->cap = cap;
    }
    v->items[v->len++] = item;
    return 0;
}

void mc_vec_release(mc_vec *v)
{
    free(v->items);
    v->items = NULL;
    v->len = v->cap = 0;
}

void mc_vec_release_all(mc_vec *v)
{
    for (size_t i = 0; i < v->len; i++)
        free(v->items[i]);
    mc_vec_release(v);
}
