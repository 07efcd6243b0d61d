/* MC0: can the card be read at all, and is its front matter well-formed YAML? */
#include "rules/checks.h"

#include <stdio.h>

static const mc_span FILE_START = {1, 1, 1, 2};

void mc_check_card_unreadable(mc_check_ctx *ctx)
{
    const mc_record *rec = ctx->rec;

    if (rec->read_error)
        mc_emit(ctx, NULL, (mc_span){0, 0, 0, 0}, "reason", rec->read_error, NULL);
    else if (rec->card && mc_doc_is_binary(rec->card))
        mc_emit(ctx, NULL, (mc_span){0, 0, 0, 0}, "reason", "the file is binary", NULL);
}

static const mc_yaml *front(const mc_check_ctx *ctx)
{
    return ctx->rec->card ? mc_doc_yaml(ctx->rec->card) : NULL;
}

void mc_check_front_matter_syntax(mc_check_ctx *ctx)
{
    const mc_yaml *y = front(ctx);
    const mc_ydiag *err = y ? mc_yaml_syntax_error(y) : NULL;

    if (err)
        mc_emit(ctx, NULL, err->span, "detail", err->message, NULL);
}

void mc_check_front_matter_unclosed(mc_check_ctx *ctx)
{
    if (ctx->rec->card && mc_doc_front_matter_unclosed(ctx->rec->card))
        mc_emit(ctx, NULL, FILE_START, NULL);
}

static const char *kind_name(mc_ynode_kind k)
{
    return k == MC_YNODE_SEQ ? "a list" : k == MC_YNODE_SCALAR ? "a scalar" : "empty";
}

void mc_check_front_matter_not_mapping(mc_check_ctx *ctx)
{
    const mc_yaml *y = front(ctx);
    const mc_ynode *root = y ? mc_yaml_root(y) : NULL;

    if (root && mc_ynode_kind_of(root) != MC_YNODE_MAP)
        mc_emit(ctx, NULL, mc_ynode_span(root), "kind", kind_name(mc_ynode_kind_of(root)), NULL);
}

void mc_check_front_matter_missing(mc_check_ctx *ctx)
{
    const mc_doc *card = ctx->rec->card;

    if (card && !mc_doc_is_binary(card) && !mc_doc_has_front_matter(card) &&
        !mc_doc_front_matter_unclosed(card))
        mc_emit(ctx, NULL, FILE_START, NULL);
}

static void each_diag(mc_check_ctx *ctx, mc_ydiag_kind kind)
{
    const mc_yaml *y = front(ctx);

    for (size_t i = 0; y && i < mc_yaml_diag_count(y); i++) {
        const mc_ydiag *d = mc_yaml_diag_at(y, i);
        if (d->kind == kind)
            mc_emit(ctx, NULL, d->span, "detail", d->message, NULL);
    }
}

void mc_check_yaml_duplicate_key(mc_check_ctx *ctx)
{
    each_diag(ctx, MC_YDIAG_DUPLICATE_KEY);
}

void mc_check_yaml_unsafe_tag(mc_check_ctx *ctx)
{
    each_diag(ctx, MC_YDIAG_TAG);
}

void mc_check_yaml_limit(mc_check_ctx *ctx)
{
    each_diag(ctx, MC_YDIAG_LIMIT);
}

void mc_check_markdown_limit(mc_check_ctx *ctx)
{
    const mc_doc *card = ctx->rec->card;
    const char *why = card ? mc_doc_markdown_limit(card) : NULL;

    if (why)
        mc_emit(ctx, NULL, (mc_span){0, 0, 0, 0}, "detail", why, NULL);
}
