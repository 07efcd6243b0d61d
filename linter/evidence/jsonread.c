#include "evidence/jsonread.h"
#include "evidence/jwalk.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

size_t mc_json_tree_estimate(const char *data, size_t len)
{
    size_t values = 1, strings = 0;
    bool in_str = false;

    for (size_t i = 0; i < len; i++) {
        char ch = data[i];

        if (in_str) {
            if (ch == '\\')
                i++;
            else if (ch == '"')
                in_str = false;
        } else if (ch == '"') {
            in_str = true;
            strings++;
        } else if (ch == ',' || ch == '[' || ch == '{') {
            values++;
        }
    }
    return values * MC_JSON_VALUE_COST + strings * MC_JSON_STRING_COST + len;
}

size_t mc_json_tree_bound(size_t len)
{
    return len * MC_JSON_TREE_FACTOR + (1u << 20);
}

static int check_common(mc_evidence_set *set, const char *path, const char *data, size_t len,
                        size_t cap)
{
    size_t scan = len < 8192 ? len : 8192;
    const mc_span whole = {0, 0, 0, 0};

    if (len == 0) {
        mc_ev_unreadable(set, path, whole, "empty file");
        return -1;
    }
    if (len > cap) {
        mc_ev_unreadable(set, path, whole, "file too big (%zu bytes; limit %zu)", len, cap);
        return -1;
    }
    if (memchr(data, '\0', scan) != NULL) {
        mc_ev_unreadable(set, path, whole, "binary data, not JSON");
        return -1;
    }
    return 0;
}

int mc_json_check(mc_evidence_set *set, const char *path, const char *data, size_t len, size_t cap)
{
    mc_jwk w;

    if (check_common(set, path, data, len, cap) != 0)
        return -1;
    mc_jwk_init(&w, data, len);
    if (mc_jwk_peek(&w) == '{' && mc_jwk_skip(&w) && mc_jwk_end(&w))
        return 0;
    if (w.error == NULL) {
        mc_ev_unreadable(set, path, (mc_span){0, 0, 0, 0}, "not a JSON object");
    } else {
        mc_span sp = mc_ev_span_at(data, len, w.i < len ? w.i : len, 1);

        mc_ev_unreadable(set, path, sp, "invalid JSON at line %u, column %u: %s", sp.line, sp.col,
                         w.error);
    }
    return -1;
}

int mc_jctx_open(mc_jctx *c, mc_evidence_set *set, const char *path, const char *data, size_t len,
                 size_t cap, unsigned depth)
{
    const char *end = NULL;
    const mc_span whole = {0, 0, 0, 0};
    size_t tree;

    memset(c, 0, sizeof(*c));
    c->set = set;
    c->path = path;
    c->data = data;
    c->len = len;
    if (check_common(set, path, data, len, cap) != 0)
        return -1;
    /* the tree cJSON would build, counted before it is built: a file of tiny values would
     * cost about 40 times its size */
    tree = mc_json_tree_estimate(data, len);
    if (tree > mc_json_tree_bound(len)) {
        mc_ev_unreadable(set, path, whole,
                         "too many JSON values for its size (a parsed tree of about "
                         "%zu bytes; limit %zu)",
                         tree, mc_json_tree_bound(len));
        return -1;
    }
    c->root = cJSON_ParseWithLengthOpts(data, len, &end, 0);
    if (c->root == NULL) {
        size_t off = end && end >= data && end <= data + len ? (size_t)(end - data) : 0;
        mc_span sp = mc_ev_span_at(data, len, off, 1);

        mc_ev_unreadable(set, path, sp, "invalid JSON at line %u, column %u", sp.line, sp.col);
        return -1;
    }
    if (end) {
        while (end < data + len && (*end == ' ' || *end == '\t' || *end == '\r' || *end == '\n'))
            end++;
        if (end < data + len) {
            mc_span sp = mc_ev_span_at(data, len, (size_t)(end - data), 1);

            mc_ev_unreadable(set, path, sp, "text after the JSON value at line %u, column %u",
                             sp.line, sp.col);
            mc_jctx_close(c);
            return -1;
        }
    }
    if (!cJSON_IsObject(c->root)) {
        mc_ev_unreadable(set, path, whole, "not a JSON object");
        mc_jctx_close(c);
        return -1;
    }
    if (mc_jpos_build(&c->pos, data, len, depth, 200000) != 0)
        set->failed = 1;
    return 0;
}

void mc_jctx_close(mc_jctx *c)
{
    cJSON_Delete(c->root);
    c->root = NULL;
    mc_jpos_release(&c->pos);
}

mc_span mc_jctx_span(const mc_jctx *c, const char *fmt, ...)
{
    char p[1024];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(p, sizeof(p), fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof(p))
        return (mc_span){0, 0, 0, 0};
    return mc_jpos_span(&c->pos, p);
}

bool mc_json_int(const cJSON *v, long long *out)
{
    double d;

    if (!cJSON_IsNumber(v))
        return false;
    d = v->valuedouble;
    if (!(d <= 9007199254740992.0 && d >= -9007199254740992.0)) /* also NaN */
        return false;
    if ((double)(long long)d != d)
        return false;
    *out = (long long)d;
    return true;
}

const char *mc_json_str(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

    return cJSON_IsString(v) ? v->valuestring : NULL;
}
