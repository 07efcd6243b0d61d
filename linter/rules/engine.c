#include "rules/engine.h"
#include "record/tier.h"
#include "util/buf.h"
#include "util/str.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

char *mc_template_expand(const char *tmpl, const char *const *pairs, size_t npairs)
{
    mc_buf b = MC_BUF_INIT;
    const char *p = tmpl;

    while (*p) {
        const char *open = strchr(p, '{');
        const char *close;
        int done = 0;

        if (open == NULL) {
            mc_buf_puts(&b, p);
            break;
        }
        mc_buf_put(&b, p, (size_t)(open - p));
        close = strchr(open + 1, '}');
        if (close == NULL) {
            mc_buf_puts(&b, open);
            break;
        }
        for (size_t i = 0; i + 1 < npairs * 2; i += 2) {
            size_t klen = strlen(pairs[i]);
            if ((size_t)(close - open - 1) == klen && strncmp(open + 1, pairs[i], klen) == 0) {
                mc_buf_puts(&b, pairs[i + 1] ? pairs[i + 1] : "");
                done = 1;
                break;
            }
        }
        if (!done)
            mc_buf_put(&b, open, (size_t)(close - open + 1));
        p = close + 1;
    }
    return mc_buf_detach(&b);
}

static const char *snippet_of(mc_check_ctx *ctx, const char *path, unsigned line, char **owned)
{
    const mc_doc *doc = NULL;
    const char *text;
    size_t len;

    *owned = NULL;
    if (line == 0)
        return NULL;
    if (ctx->rec->card && strcmp(path, mc_doc_path(ctx->rec->card)) == 0)
        doc = ctx->rec->card;
    else if (ctx->rec->report && strcmp(path, mc_doc_path(ctx->rec->report)) == 0)
        doc = ctx->rec->report;
    if (doc == NULL || (text = mc_doc_line(doc, line, &len)) == NULL)
        return NULL;
    *owned = mc_strndup(text, len > 4096 ? 4096 : len);
    return *owned;
}

static int emit_v(mc_check_ctx *ctx, const char *path, mc_span span, const mc_related *rel,
                  size_t nrel, va_list ap)
{
    const char *pairs[32];
    size_t n = 0;
    const char *k;
    char *msg, *snip_owned;
    mc_finding f = {0};
    int rc;

    while ((k = va_arg(ap, const char *)) != NULL && n < 30) {
        pairs[n++] = k;
        pairs[n++] = va_arg(ap, const char *);
    }
    msg = mc_template_expand(ctx->rule->message, pairs, n / 2);
    if (msg == NULL)
        return MC_ENOMEM;
    f.rule = ctx->rule->id;
    f.name = ctx->rule->name;
    f.title = ctx->rule->title;
    f.severity = ctx->rule->severity;
    f.path = path ? path : ctx->rec->card_path;
    f.span = span;
    if (f.span.line && f.span.end_line == 0) {
        f.span.end_line = f.span.line;
        f.span.end_col = f.span.col ? f.span.col + 1 : 0;
    }
    f.message = msg;
    f.model = ctx->rec->card_path;
    f.snippet = snippet_of(ctx, f.path, f.span.line, &snip_owned);
    f.related = rel;
    f.nrelated = nrel;
    rc = mc_report_add(ctx->report, &f);
    free(msg);
    free(snip_owned);
    return rc;
}

int mc_emit(mc_check_ctx *ctx, const char *path, mc_span span, ...)
{
    va_list ap;
    int rc;

    va_start(ap, span);
    rc = emit_v(ctx, path, span, NULL, 0, ap);
    va_end(ap);
    return rc;
}

int mc_emit_at(mc_check_ctx *ctx, const mc_val *where, ...)
{
    va_list ap;
    int rc;

    va_start(ap, where);
    rc = emit_v(ctx, where->path, where->span, NULL, 0, ap);
    va_end(ap);
    return rc;
}

/* A claim on a line of the card (a card-relative place with a line). */
static int on_card_line(const mc_check_ctx *ctx, const mc_val *v)
{
    return v && v->span.line > 0 && v->path && ctx->rec->card_path &&
           strcmp(v->path, ctx->rec->card_path) == 0;
}

int mc_emit_claim(mc_check_ctx *ctx, const mc_val *claim, const mc_val *evidence,
                  const char *evidence_note, ...)
{
    va_list ap;
    mc_related rel = {0};
    const mc_val *primary = evidence;
    int rc;

    if (on_card_line(ctx, claim)) {
        primary = claim;
        rel.path = evidence->path ? evidence->path : ctx->rec->card_path;
        rel.span = evidence->span;
        rel.message = evidence_note;
    }
    va_start(ap, evidence_note);
    rc = emit_v(ctx, primary->path, primary->span, &rel, rel.path ? 1 : 0, ap);
    va_end(ap);
    return rc;
}

int mc_engine_run(const mc_rules *rules, mc_record *rec, mc_report *report, const mc_policy *policy)
{
    mc_check_ctx ctx = {0};

    mc_record_resolve(rec); /* done when the record was built; records made by hand */
    ctx.rules = rules;
    ctx.rec = rec;
    ctx.report = report;
    ctx.policy = policy;
    for (size_t i = 0; i < mc_rules_count(rules); i++) {
        const mc_rule *rule = mc_rules_at(rules, i);
        mc_check_fn fn = mc_check_find(rule->check);
        if (fn == NULL)
            continue; /* made elsewhere (suppressions), or a user rule's unknown check */
        if (policy && policy->enabled && !policy->enabled(rule->id, policy->enabled_arg))
            continue; /* disabled by the configuration: not run at all */
        ctx.rule = rule;
        fn(&ctx);
    }
    return 0;
}
