#include "evidence/jsonpos.h"
#include "util/buf.h"

#include <stdlib.h>
#include <string.h>

#define JPOS_MAX_STACK 512

typedef struct {
    char is_obj;
    long index;      /* next array index */
    size_t path_len; /* length of the path buffer for this container's own path */
    long entry;      /* index of this container's entry, or -1 */
    int expect_key;
} frame;

typedef struct {
    const char *t;
    size_t len, i;
    unsigned line, col; /* of position i */
} cursor;

static void adv(cursor *c)
{
    unsigned char ch = (unsigned char)c->t[c->i++];

    if (ch == '\n') {
        c->line++;
        c->col = 1;
    } else if ((ch & 0xC0) != 0x80) {
        c->col++;
    }
}

static int push_entry(mc_jpos *idx, const char *path, size_t plen, size_t max_entries)
{
    if (idx->n >= max_entries)
        return -1;
    if (idx->n == idx->cap) {
        size_t cap = idx->cap ? idx->cap * 2 : 64;
        mc_jpos_entry *e = realloc(idx->e, cap * sizeof(*e));

        if (e == NULL) {
            idx->failed = 1;
            return -1;
        }
        idx->e = e;
        idx->cap = cap;
    }
    memset(&idx->e[idx->n], 0, sizeof(idx->e[0]));
    idx->e[idx->n].path = malloc(plen + 1);
    if (idx->e[idx->n].path == NULL) {
        idx->failed = 1;
        return -1;
    }
    memcpy(idx->e[idx->n].path, path, plen);
    idx->e[idx->n].path[plen] = '\0';
    return (int)(idx->n++);
}

static int cmp_entry(const void *a, const void *b)
{
    return strcmp(((const mc_jpos_entry *)a)->path, ((const mc_jpos_entry *)b)->path);
}

/* Skip a string starting at the opening quote; returns false if unterminated. */
static bool skip_string(cursor *c)
{
    adv(c);
    while (c->i < c->len) {
        char ch = c->t[c->i];

        if (ch == '\\') {
            adv(c);
            if (c->i < c->len)
                adv(c);
            continue;
        }
        adv(c);
        if (ch == '"')
            return true;
    }
    return false;
}

int mc_jpos_build(mc_jpos *idx, const char *text, size_t len, unsigned max_depth,
                  size_t max_entries)
{
    frame *st = malloc(JPOS_MAX_STACK * sizeof(frame));
    int depth = 0;
    cursor c = {text, len, 0, 1, 1};
    mc_buf path = MC_BUF_INIT;
    mc_span pending_key = {0, 0, 0, 0};
    size_t key_off = 0, key_len = 0;
    int ret = 0;

    if (st == NULL)
        return MC_ENOMEM;
    /* skip a UTF-8 byte-order mark */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        c.i = 3;
    while (c.i < c.len) {
        char ch = text[c.i];
        frame *top = depth > 0 ? &st[depth - 1] : NULL;

        if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' || ch == ',' || ch == ':') {
            if (ch == ',' && top && top->is_obj)
                top->expect_key = 1;
            adv(&c);
            continue;
        }
        if (ch == '}' || ch == ']') {
            if (depth == 0)
                break;
            adv(&c);
            if (top->entry >= 0 && (size_t)top->entry < idx->n) {
                idx->e[top->entry].val.end_line = c.line;
                idx->e[top->entry].val.end_col = c.col;
            }
            depth--;
            path.len = top->path_len;
            if (path.ptr)
                path.ptr[path.len] = '\0';
            if (depth == 0)
                break;
            continue;
        }
        if (top && top->is_obj && top->expect_key) {
            unsigned l = c.line, col = c.col;
            if (ch != '"')
                break;
            key_off = c.i + 1;
            if (!skip_string(&c))
                break;
            key_len = c.i - key_off - 1;
            pending_key = (mc_span){l, col, c.line, c.col};
            top->expect_key = 0;
            continue;
        }
        /* a value starts here */
        {
            long entry = -1;
            size_t base_len = path.len;
            unsigned sl = c.line, sc = c.col;
            bool scalar = (ch != '{' && ch != '[');

            if (top) {
                if (path.len > 0)
                    mc_buf_putc(&path, '/');
                if (top->is_obj)
                    mc_buf_put(&path, text + key_off, key_len);
                else
                    mc_buf_printf(&path, "%ld", top->index++);
                if (!mc_buf_ok(&path)) {
                    ret = MC_ENOMEM;
                    break;
                }
                if ((unsigned)depth <= max_depth) {
                    int k = push_entry(idx, path.ptr, path.len, max_entries);

                    if (idx->failed) {
                        ret = MC_ENOMEM;
                        break;
                    }
                    if (k >= 0) {
                        entry = k;
                        idx->e[k].key = top->is_obj ? pending_key : (mc_span){0, 0, 0, 0};
                        idx->e[k].val = (mc_span){sl, sc, sl, sc};
                        idx->e[k].scalar = scalar;
                    }
                }
            }
            if (!scalar) {
                if (depth >= JPOS_MAX_STACK)
                    break;
                st[depth] = (frame){ch == '{', 0, base_len, entry, ch == '{'};
                depth++;
                adv(&c);
                continue;
            }
            if (ch == '"') {
                if (!skip_string(&c))
                    break;
            } else {
                while (c.i < c.len && !strchr(",]} \t\r\n:", text[c.i]))
                    adv(&c);
            }
            if (entry >= 0) {
                idx->e[entry].val.end_line = c.line;
                idx->e[entry].val.end_col = c.col;
            }
            path.len = base_len;
            if (path.ptr)
                path.ptr[path.len] = '\0';
            if (depth == 0)
                break;
        }
    }
    free(st);
    mc_buf_release(&path);
    if (idx->n > 1)
        qsort(idx->e, idx->n, sizeof(idx->e[0]), cmp_entry);
    return ret;
}

const mc_jpos_entry *mc_jpos_get(const mc_jpos *idx, const char *path)
{
    size_t lo = 0, hi = idx->n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(idx->e[mid].path, path);

        if (c == 0) {
            /* duplicate keys: cJSON uses the first; entries of equal path keep no order
             * after qsort, so pick the earliest in the file */
            size_t best = mid;
            for (size_t j = mid; j > 0 && strcmp(idx->e[j - 1].path, path) == 0; j--)
                best = j - 1;
            for (size_t j = best; j < idx->n && strcmp(idx->e[j].path, path) == 0; j++)
                if (idx->e[j].val.line < idx->e[best].val.line ||
                    (idx->e[j].val.line == idx->e[best].val.line &&
                     idx->e[j].val.col < idx->e[best].val.col))
                    best = j;
            return &idx->e[best];
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

mc_span mc_jpos_span(const mc_jpos *idx, const char *path)
{
    const mc_jpos_entry *e = mc_jpos_get(idx, path);

    if (e == NULL)
        return (mc_span){0, 0, 0, 0};
    if (e->key.line == 0)
        return e->scalar ? e->val : (mc_span){e->val.line, e->val.col, e->val.line, e->val.col + 1};
    if (e->scalar && e->val.end_line == e->key.line)
        return (mc_span){e->key.line, e->key.col, e->val.end_line, e->val.end_col};
    return e->key;
}

void mc_jpos_release(mc_jpos *idx)
{
    for (size_t i = 0; i < idx->n; i++)
        free(idx->e[i].path);
    free(idx->e);
    *idx = (mc_jpos)MC_JPOS_INIT;
}
