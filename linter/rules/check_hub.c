/* MC1: the Hub's own metadata fields (license, base_model, base_model_relation) and what
 * the Hub's template leaves behind. */
#include "rules/checks.h"
#include "card/embedded.h"
#include "record/data.h"
#include "util/str.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int front_is_map(const mc_check_ctx *ctx)
{
    return ctx->rec->front != NULL;
}

void mc_check_license_missing(mc_check_ctx *ctx)
{
    const mc_record *rec = ctx->rec;

    if (front_is_map(ctx) && mc_ynode_get(rec->front, "license") == NULL)
        mc_emit(ctx, NULL, mc_ynode_span(rec->front), NULL);
}

void mc_check_license_unknown(mc_check_ctx *ctx)
{
    const mc_val *lic = &ctx->rec->license;
    char hint[160] = "";

    if (lic->str == NULL || mc_data_list_has("hub.yaml", "licenses", lic->str, false))
        return;
    if (mc_data_list_has("hub.yaml", "licenses", lic->str, true))
        snprintf(hint, sizeof(hint), " (Hub identifiers are lower-case)");
    mc_emit_at(ctx, lic, "value", lic->str, "hint", hint, NULL);
}

void mc_check_license_other_incomplete(mc_check_ctx *ctx)
{
    const mc_record *rec = ctx->rec;
    const char *missing;

    if (!mc_streq(rec->license.str, "other"))
        return;
    if (rec->license_name.str && rec->license_link.str)
        return;
    missing = !rec->license_name.str && !rec->license_link.str
                  ? "license_name and license_link"
                  : (!rec->license_name.str ? "license_name" : "license_link");
    mc_emit_at(ctx, &rec->license, "missing", missing, NULL);
}

void mc_check_license_link_missing_file(mc_check_ctx *ctx)
{
    const mc_record *rec = ctx->rec;
    const char *link = rec->license_link.str;
    char *path;

    if (link == NULL || rec->src == NULL || strstr(link, "://") || link[0] == '#')
        return;
    path = link[0] == '/' ? mc_path_normalize(link + 1) : NULL;
    if (link[0] != '/') {
        char *joined = mc_path_join(rec->dir, link);
        path = joined ? mc_path_normalize(joined) : NULL;
        free(joined);
    }
    if (path == NULL || mc_source_find(rec->src, path) < 0)
        mc_emit_at(ctx, &rec->license_link, "value", link, NULL);
    free(path);
}

int mc_is_repo_id(const char *s)
{
    const char *slash = strchr(s, '/');
    int seg = 0;

    if (slash == NULL || strchr(slash + 1, '/') || slash == s || slash[1] == '\0')
        return 0;
    for (const char *p = s; *p; p++) {
        if (*p == '/') {
            seg = 0;
            continue;
        }
        if (!(isalnum((unsigned char)*p) || *p == '.' || *p == '_' || *p == '-'))
            return 0;
        if (seg == 0 && (*p == '.' || *p == '-'))
            return 0;
        seg++;
    }
    return strlen(s) <= 96;
}

/* "gpt2", "bert-base-uncased": canonical repositories from before organisations. */
static int legacy_repo_id(const char *s)
{
    const mc_ynode *root = mc_embedded_root("hub.yaml");
    const mc_ynode *list = root ? mc_ynode_get(root, "legacy_repo_prefixes") : NULL;

    if (strchr(s, '/') || strchr(s, ' ') || mc_is_repo_id(s))
        return 0;
    for (size_t i = 0; list && i < mc_ynode_size(list); i++) {
        const char *p = mc_ynode_str(mc_ynode_item(list, i));
        if (p && mc_has_prefix(s, p))
            return 1;
    }
    return 0;
}

void mc_check_base_model_repo_id(mc_check_ctx *ctx)
{
    const mc_vals *b = &ctx->rec->base_models;

    for (size_t i = 0; i < b->len; i++)
        if (!mc_is_repo_id(b->items[i].str) && !legacy_repo_id(b->items[i].str))
            mc_emit_at(ctx, &b->items[i], "value", b->items[i].str, NULL);
}

void mc_check_base_model_relation(mc_check_ctx *ctx)
{
    const mc_val *rel = &ctx->rec->base_model_relation;

    if (rel->str && !mc_data_list_has("hub.yaml", "base_model_relations", rel->str, false))
        mc_emit_at(ctx, rel, "value", rel->str, NULL);
}

void mc_check_base_model_list_relation(mc_check_ctx *ctx)
{
    const mc_record *rec = ctx->rec;
    char n[32];

    if (rec->base_models.len < 2 || rec->base_model_relation.str == NULL ||
        mc_streq(rec->base_model_relation.str, "merge"))
        return;
    if (!mc_data_list_has("hub.yaml", "base_model_relations", rec->base_model_relation.str, false))
        return; /* an invalid relation is reported by its own rule */
    snprintf(n, sizeof(n), "%zu", rec->base_models.len);
    mc_emit_at(ctx, &rec->base_model_relation, "value", rec->base_model_relation.str, "count", n,
               NULL);
}

void mc_check_template_placeholder(mc_check_ctx *ctx)
{
    const mc_doc *card = ctx->rec->card;
    const mc_ynode *list = NULL;
    const mc_ynode *root = mc_embedded_root("hub.yaml");
    unsigned first_line = 0, first_col = 0, count = 0, end_col = 0;
    const char *which = NULL;
    char more[64] = "";

    if (card == NULL || root == NULL || (list = mc_ynode_get(root, "placeholders")) == NULL)
        return;
    for (unsigned ln = 1; ln <= mc_doc_line_count(card); ln++) {
        size_t len;
        const char *text = mc_doc_line(card, ln, &len);
        mc_line_kind kind = mc_doc_line_kind(card, ln);
        if (kind == MC_LINE_CODE || kind == MC_LINE_HTML || kind == MC_LINE_BLANK)
            continue;
        for (size_t k = 0; k < mc_ynode_size(list); k++) {
            const char *ph = mc_ynode_str(mc_ynode_item(list, k));
            long at = ph ? mc_memifind(text, len, ph, strlen(ph)) : -1;
            if (at < 0)
                continue;
            if (count++ == 0) {
                first_line = ln;
                first_col = mc_utf8_count(text, (size_t)at) + 1;
                end_col = first_col + mc_utf8_count(ph, strlen(ph));
                which = ph;
            }
            break;
        }
    }
    if (count == 0)
        return;
    if (count > 1)
        snprintf(more, sizeof(more), " (and on %u more line%s)", count - 1, count > 2 ? "s" : "");
    mc_emit(ctx, NULL, (mc_span){first_line, first_col, first_line, end_col}, "value", which,
            "more", more, NULL);
}
