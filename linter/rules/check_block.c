/* MC2: the `provenance:` block against its schema (rules/provenance.yaml). One walker
 * serves four rules; each rule reports one kind of problem. */
#include "rules/checks.h"
#include "card/embedded.h"
#include "util/buf.h"
#include "util/str.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { P_TYPE, P_UNKNOWN, P_VALUE, P_COMPANION } problem;

static int is_number(const mc_ynode *n)
{
    const char *s = mc_ynode_str(n);
    char *end;

    if (s == NULL || !mc_ynode_plain(n) || *s == '\0')
        return 0;
    (void)strtod(s, &end);
    return *end == '\0';
}

static const char *type_ok(const mc_ynode *n, const char *type)
{
    mc_ynode_kind k = mc_ynode_kind_of(n);

    if (type == NULL)
        return NULL;
    if (strcmp(type, "map") == 0)
        return k == MC_YNODE_MAP ? NULL : "a mapping";
    if (strcmp(type, "list") == 0)
        return k == MC_YNODE_SEQ ? NULL : "a list";
    if (strcmp(type, "scalar-or-list") == 0)
        return k == MC_YNODE_SCALAR || k == MC_YNODE_SEQ || mc_ynode_is_null(n)
                   ? NULL
                   : "a value or a list";
    if (strcmp(type, "null-or-string") == 0)
        return k == MC_YNODE_SCALAR || mc_ynode_is_null(n) ? NULL : "a value or null";
    if (strcmp(type, "number") == 0)
        return is_number(n) ? NULL : "a number";
    /* string */
    return k == MC_YNODE_SCALAR && !mc_ynode_is_null(n) ? NULL : "a value";
}

static void enum_list(mc_buf *b, const mc_ynode *e)
{
    for (size_t i = 0; i < mc_ynode_size(e); i++) {
        mc_buf_puts(b, i ? ", " : "");
        mc_buf_puts(b, mc_ynode_str(mc_ynode_item(e, i)));
    }
}

static int in_list(const mc_ynode *list, const char *v)
{
    for (size_t i = 0; v && i < mc_ynode_size(list); i++)
        if (mc_streq(mc_ynode_str(mc_ynode_item(list, i)), v))
            return 1;
    return 0;
}

static const char *str_of(const mc_ynode *map, const char *key)
{
    const mc_ynode *n = map ? mc_ynode_get(map, key) : NULL;

    return n ? mc_ynode_str(n) : NULL;
}

static void walk(mc_check_ctx *ctx, problem want, const mc_ynode *n, const mc_ynode *schema,
                 const char *where)
{
    const char *type = str_of(schema, "type");
    const char *expect = type_ok(n, type);
    const mc_ynode *e = mc_ynode_get(schema, "enum");
    const mc_ynode *keys = mc_ynode_get(schema, "keys");
    const mc_ynode *items = mc_ynode_get(schema, "items");
    const mc_ynode *req = mc_ynode_get(schema, "requires");

    if (expect) {
        if (want == P_TYPE)
            mc_emit(ctx, NULL, mc_ynode_span(n), "key", where, "expected", expect, NULL);
        return;
    }
    if (e && mc_ynode_kind_of(n) == MC_YNODE_SCALAR && !in_list(e, mc_ynode_str(n))) {
        if (want == P_VALUE) {
            mc_buf allowed = MC_BUF_INIT;
            enum_list(&allowed, e);
            mc_emit(ctx, NULL, mc_ynode_span(n), "key", where, "value", mc_ynode_str(n), "allowed",
                    mc_buf_cstr(&allowed), NULL);
            mc_buf_release(&allowed);
        }
        return;
    }
    if (keys && mc_ynode_kind_of(n) == MC_YNODE_MAP) {
        for (size_t i = 0; i < mc_ynode_size(n); i++) {
            const mc_ynode *k = mc_ynode_key(n, i);
            const char *name = mc_ynode_str(k);
            const mc_ynode *sub = name ? mc_ynode_get(keys, name) : NULL;
            char *path = mc_path_join(where, name ? name : "?");
            if (path)
                for (char *p = path; *p; p++)
                    if (*p == '/')
                        *p = '.';
            if (sub == NULL) {
                if (want == P_UNKNOWN) {
                    mc_buf known = MC_BUF_INIT;
                    for (size_t j = 0; j < mc_ynode_size(keys); j++) {
                        mc_buf_puts(&known, j ? ", " : "");
                        mc_buf_puts(&known, mc_ynode_str(mc_ynode_key(keys, j)));
                    }
                    mc_emit(ctx, NULL, mc_ynode_span(k), "key", path ? path : "?", "known",
                            mc_buf_cstr(&known), NULL);
                    mc_buf_release(&known);
                }
            } else if (!mc_ynode_is_null(mc_ynode_value(n, i)) ||
                       strcmp(str_of(sub, "type") ? str_of(sub, "type") : "", "null-or-string")) {
                walk(ctx, want, mc_ynode_value(n, i), sub, path ? path : where);
            }
            free(path);
        }
        for (size_t r = 0; want == P_COMPANION && req && r < mc_ynode_size(req); r++) {
            const mc_ynode *rule = mc_ynode_item(req, r);
            const char *key = str_of(rule, "key"), *then = str_of(rule, "then");
            const mc_ynode *kv = key ? mc_ynode_get(n, key) : NULL;
            const mc_ynode *tv = then ? mc_ynode_get(n, then) : NULL;
            if (kv && in_list(mc_ynode_get(rule, "in"), mc_ynode_str(kv)) &&
                (tv == NULL || mc_ynode_is_null(tv)))
                mc_emit(ctx, NULL, mc_ynode_span(kv), "key", where, "value", mc_ynode_str(kv),
                        "companion", then, NULL);
        }
    }
    if (items && mc_ynode_kind_of(n) == MC_YNODE_SEQ)
        for (size_t i = 0; i < mc_ynode_size(n); i++) {
            char sub[256];
            snprintf(sub, sizeof(sub), "%s[%zu]", where, i);
            walk(ctx, want, mc_ynode_item(n, i), items, sub);
        }
}

static void run(mc_check_ctx *ctx, problem want)
{
    const mc_ynode *schema = mc_embedded_root("provenance.yaml");
    const mc_ynode *front = ctx->rec->front;
    const mc_ynode *block = front ? mc_ynode_get(front, "provenance") : NULL;

    if (schema == NULL || block == NULL)
        return;
    walk(ctx, want, block, schema, "provenance");
}

void mc_check_block_type(mc_check_ctx *ctx)
{
    run(ctx, P_TYPE);
}

void mc_check_block_unknown_key(mc_check_ctx *ctx)
{
    run(ctx, P_UNKNOWN);
}

void mc_check_block_value(mc_check_ctx *ctx)
{
    run(ctx, P_VALUE);
}

void mc_check_block_companion(mc_check_ctx *ctx)
{
    run(ctx, P_COMPANION);
}
