/* MC5: the card's claims against the files beside it (config.json, GGUF headers, tokenizer files,
 * adapter and merge configurations, modeling code, licences). A finding about a claim is on
 * the card's line that makes it, with the evidence file and line as its related location;
 * without such a line it is on the evidence. */
#include "mclint/families.h"
#include "rules/checks.h"
#include "record/tier.h"
#include "util/buf.h"
#include "util/str.h"

#include <stdio.h>
#include <string.h>

static const mc_claim *first_claim(const mc_record *rec, mc_claim_kind kind)
{
    for (size_t i = 0; i < rec->nclaims; i++)
        if (rec->claims[i].kind == kind && !rec->claims[i].negated &&
            rec->claims[i].where.from == MC_FROM_PROSE)
            return &rec->claims[i];
    return NULL;
}

static mc_val at_evidence(const mc_evidence *e)
{
    mc_val v = {0};

    v.str = e->value;
    v.path = e->file;
    v.span = e->span;
    v.from = MC_FROM_EVIDENCE;
    return v;
}

/* What the evidence at `e` shows, for its related location: "tokenizer.json: ..." */
static const char *where_str(const mc_record *rec, const mc_val *v)
{
    if (mc_streq(v->path, rec->card_path))
        return mc_arena_printf(rec->arena, "line %u", v->span.line);
    return mc_arena_printf(rec->arena, "%s:%u", v->path ? v->path : "?", v->span.line);
}

static const mc_family *family_of(const mc_evidence *e)
{
    return e->family ? mc_family_find(e->family) : NULL;
}

/* The model's own network: top-level items, and a diffusers pipeline's denoiser (its
 * "unet" or "transformer" folder), which is the weights a fine-tune trains. */
static int own_network(const mc_evidence *e)
{
    return e->component == NULL || mc_streq(e->component, "unet") ||
           mc_streq(e->component, "transformer") || mc_streq(e->component, "prior");
}

/* The evidence file's path within the model's folder ("unet/config.json"). */
static const char *rel_file(const mc_record *rec, const char *file)
{
    size_t n = rec->dir ? strlen(rec->dir) : 0;

    if (n > 0 && strncmp(file, rec->dir, n) == 0 && file[n] == '/')
        return file + n + 1;
    return file;
}

/* A tokenizer match strong enough to name (not a vocabulary size alone). */
static const mc_evidence *tokenizer_match(const mc_record *rec)
{
    size_t n = rec->evidence ? mc_evidence_count(rec->evidence) : 0;

    for (size_t i = 0; i < n; i++) {
        const mc_evidence *e = mc_evidence_at(rec->evidence, i);
        if (e->kind == MC_EV_TOKENIZER_FAMILY && e->component == NULL && e->family &&
            !mc_streq(e->key, "vocab_size_only"))
            return e;
    }
    return NULL;
}

void mc_check_own_tokenizer_contradicted(mc_check_ctx *ctx)
{
    mc_record *rec = ctx->rec;
    const mc_claim *c = NULL;
    const mc_val *claim = NULL;
    const mc_evidence *e = tokenizer_match(rec);

    if (e == NULL)
        return;
    if (mc_streq(rec->tok_origin.str, "trained"))
        claim = &rec->tok_origin;
    else if (rec->tok_origin.str == NULL && (c = first_claim(rec, MC_CLAIM_OWN_TOKENIZER)) != NULL)
        claim = &c->where;
    if (claim == NULL)
        return;
    mc_val at = at_evidence(e);
    mc_emit_claim(ctx, claim, &at, e->value, "claim", where_str(rec, claim), "evidence", e->value,
                  NULL);
}

void mc_check_own_architecture_contradicted(mc_check_ctx *ctx)
{
    mc_record *rec = ctx->rec;
    const mc_val *claim = NULL;
    const mc_claim *c;
    size_t n = rec->evidence ? mc_evidence_count(rec->evidence) : 0;

    if (mc_streq(rec->arch_origin.str, "original"))
        claim = &rec->arch_origin;
    else if (rec->arch_origin.str == NULL && (c = first_claim(rec, MC_CLAIM_OWN_ARCH)) != NULL)
        claim = &c->where;
    if (claim == NULL)
        return;
    for (size_t i = 0; i < n; i++) {
        const mc_evidence *e = mc_evidence_at(rec->evidence, i);
        const mc_family *f = family_of(e);
        const char *what = NULL;
        if (!own_network(e))
            continue; /* nested towers are components, not the model's own architecture */
        if (e->kind == MC_EV_ARCHITECTURE && f && mc_has_suffix(e->file, "model_index.json"))
            what = mc_arena_printf(rec->arena, "the pipeline class %s is %s's", e->value, f->name);
        else if (e->kind == MC_EV_ARCHITECTURE && f)
            what = mc_arena_printf(rec->arena, "architecture class %s is %s's", e->value, f->name);
        else if (e->kind == MC_EV_MODEL_TYPE && f && mc_has_suffix(e->file, ".gguf"))
            what = mc_arena_printf(rec->arena, "the GGUF header's architecture %s is %s's",
                                   e->value, f->name);
        else if (e->kind == MC_EV_CODE_COPIED)
            what = mc_arena_printf(rec->arena, "the modeling code says '%s'", e->value);
        if (what) {
            mc_val at = at_evidence(e);
            mc_emit_claim(ctx, claim, &at, what, "claim", where_str(rec, claim), "evidence", what,
                          NULL);
            return;
        }
    }
}

/* "Qwen/Qwen2.5-14B" names another model than "Hanul-13B" when neither name contains the
 * other (case-insensitive, ignoring the organisation). A GGUF header names its base models
 * by name ("Llama 3.1 8B") when it has no repository address. */
static int other_model(const mc_record *rec, const char *repo_id, int by_name)
{
    const char *name = mc_path_base(repo_id);
    const char *own = rec->name ? rec->name : "";
    const char *dir = mc_path_base(rec->dir);

    if (!by_name && !mc_is_repo_id(repo_id))
        return 0;
    if (mc_memifind(own, strlen(own), name, strlen(name)) >= 0 ||
        mc_memifind(name, strlen(name), own, strlen(own)) >= 0)
        return 0;
    if (*dir && (mc_memifind(dir, strlen(dir), name, strlen(name)) >= 0 ||
                 mc_memifind(name, strlen(name), dir, strlen(dir)) >= 0))
        return 0;
    return 1;
}

void mc_check_scratch_checkpoint(mc_check_ctx *ctx)
{
    mc_record *rec = ctx->rec;
    const mc_val *claim = NULL;
    size_t n = rec->evidence ? mc_evidence_count(rec->evidence) : 0;

    if (mc_streq(rec->training.str, "from-scratch"))
        claim = &rec->training;
    else if (rec->training.str == NULL && rec->prov.scratch.path)
        claim = &rec->prov.scratch; /* a from-scratch statement about this model */
    if (claim == NULL)
        return;
    for (size_t i = 0; i < n; i++) {
        const mc_evidence *e = mc_evidence_at(rec->evidence, i);
        const char *what = NULL;
        int gguf = mc_has_suffix(e->file, ".gguf");
        if (e->kind == MC_EV_ADAPTER_BASE)
            what = "adapter_config.json names the base model";
        else if (e->kind == MC_EV_NAME_OR_PATH && gguf && e->value &&
                 mc_has_prefix(e->key, "general.base_model.") && other_model(rec, e->value, 1))
            what = "the GGUF header names the base model";
        else if (e->kind == MC_EV_NAME_OR_PATH && !gguf && own_network(e) && e->value &&
                 other_model(rec, e->value, 0))
            what = mc_arena_printf(rec->arena, "%s was saved from the checkpoint",
                                   rel_file(rec, e->file));
        if (what) {
            mc_val at = at_evidence(e);
            const char *note = mc_arena_printf(rec->arena, "%s '%s'", what, e->value);
            mc_emit_claim(ctx, claim, &at, note, "claim", where_str(rec, claim), "what", what,
                          "value", e->value, NULL);
            return;
        }
    }
}

static int declared_base(const mc_record *rec, const char *id)
{
    for (size_t i = 0; i < rec->base_models.len; i++)
        if (mc_strieq(rec->base_models.items[i].str, id))
            return 1;
    return 0;
}

void mc_check_adapter_base_mismatch(mc_check_ctx *ctx)
{
    mc_record *rec = ctx->rec;
    const mc_evidence *e;

    if (rec->evidence == NULL || rec->base_models.len == 0)
        return;
    e = mc_evidence_first(rec->evidence, MC_EV_ADAPTER_BASE, NULL);
    if (e == NULL || e->value == NULL || !mc_is_repo_id(e->value) || declared_base(rec, e->value))
        return;
    mc_val at = at_evidence(e);
    const char *note = mc_arena_printf(rec->arena, "the adapter's base model '%s'", e->value);
    mc_emit_claim(ctx, &rec->base_models.items[0], &at, note, "value", e->value, "declared",
                  rec->base_models.items[0].str, NULL);
}

void mc_check_merge_parents_undeclared(mc_check_ctx *ctx)
{
    mc_record *rec = ctx->rec;
    size_t n = rec->evidence ? mc_evidence_count(rec->evidence) : 0;
    mc_buf missing = MC_BUF_INIT;
    const mc_evidence *first = NULL;
    size_t count = 0;

    for (size_t i = 0; i < n; i++) {
        const mc_evidence *e = mc_evidence_at(rec->evidence, i);
        int dup = 0;
        if (e->kind != MC_EV_MERGE_MODEL || e->value == NULL || !mc_is_repo_id(e->value) ||
            declared_base(rec, e->value))
            continue;
        for (size_t k = 0; k < i; k++) {
            const mc_evidence *p = mc_evidence_at(rec->evidence, k);
            dup |= p->kind == MC_EV_MERGE_MODEL && mc_streq(p->value, e->value);
        }
        if (dup)
            continue;
        mc_buf_puts(&missing, count++ ? ", " : "");
        mc_buf_puts(&missing, e->value);
        if (first == NULL)
            first = e;
    }
    if (first) {
        /* the card's base_model list leaves them out; without one, the evidence alone */
        mc_val at = at_evidence(first);
        const char *note =
            mc_arena_printf(rec->arena, "the merge configuration lists %s", mc_buf_cstr(&missing));
        mc_emit_claim(ctx, rec->base_models.len ? &rec->base_models.items[0] : NULL, &at, note,
                      "models", mc_buf_cstr(&missing), NULL);
    }
    mc_buf_release(&missing);
}

static int card_mentions(const mc_record *rec, const char *word)
{
    unsigned lines = rec->card ? mc_doc_line_count(rec->card) : 0;
    size_t wl = word ? strlen(word) : 0;

    if (wl < 3)
        return 0;
    for (unsigned ln = 1; ln <= lines; ln++) {
        size_t len;
        const char *t = mc_doc_line(rec->card, ln, &len);
        if (mc_memifind(t, len, word, wl) >= 0)
            return 1;
    }
    return 0;
}

/* What a component's items say it comes from: a repository id its config was saved from,
 * else the family its model_type or class matches; `at` is the item that shows it. */
static const char *component_source(const mc_record *rec, const char *component,
                                    const mc_evidence **at, const mc_family **fam)
{
    size_t n = mc_evidence_count(rec->evidence);
    const mc_evidence *by_family = NULL;

    *fam = NULL;
    for (size_t i = 0; i < n; i++) {
        const mc_evidence *e = mc_evidence_at(rec->evidence, i);
        if (!mc_streq(e->component, component))
            continue;
        if (e->kind == MC_EV_NAME_OR_PATH && e->value && mc_is_repo_id(e->value)) {
            *at = e;
            *fam = by_family ? family_of(by_family) : NULL;
            return e->value;
        }
        if (by_family == NULL && family_of(e) &&
            (e->kind == MC_EV_COMPONENT || e->kind == MC_EV_MODEL_TYPE ||
             e->kind == MC_EV_ARCHITECTURE))
            by_family = e;
    }
    if (by_family == NULL)
        return NULL;
    *at = by_family;
    *fam = family_of(by_family);
    return (*fam)->name;
}

/* Each borrowed component (a nested config, or a pipeline's part) that names another
 * model or a known family the card never mentions, in its own finding. */
void mc_check_undisclosed_component(mc_check_ctx *ctx)
{
    mc_record *rec = ctx->rec;
    size_t n = rec->evidence ? mc_evidence_count(rec->evidence) : 0;

    const char *done[64]; /* components looked at */
    size_t ndone = 0;

    if (rec->ncomponents > 0)
        return; /* the provenance block lists its components: MC309 checks them */
    /* a derivative that names its base inherits the base's parts (a Stable Diffusion
     * fine-tune's CLIP text encoder is the base's): disclosed with the base */
    if (rec->prov.bases.len && rec->prov.training.str &&
        !mc_streq(rec->prov.training.str, "from-scratch"))
        return;
    for (size_t i = 0; i < n; i++) {
        const mc_evidence *e = mc_evidence_at(rec->evidence, i), *at = NULL;
        const mc_family *f;
        const char *source;
        int seen = 0;
        if (e->component == NULL || own_network(e))
            continue; /* top level, or a pipeline's denoiser: the model itself */
        for (size_t k = 0; k < ndone && !seen; k++)
            seen = mc_streq(done[k], e->component);
        if (seen || ndone == sizeof(done) / sizeof(done[0]))
            continue;
        done[ndone++] = e->component;
        if ((source = component_source(rec, e->component, &at, &f)) == NULL)
            continue;
        /* disclosed if the card names the source or the family */
        if (card_mentions(rec, source) || (f && card_mentions(rec, f->name)) ||
            (f && card_mentions(rec, f->id)) ||
            (at->value && card_mentions(rec, mc_path_base(at->value))))
            continue;
        mc_val v = at_evidence(at);
        mc_emit_at(ctx, &v, "file", rel_file(rec, at->file), "component", e->component, "source",
                   source, NULL);
    }
}

/* The licence of the base the weights inherit, from the tokenizer or architecture
 * evidence of a derived model. */
static const mc_family *inherited_family(const mc_record *rec, const mc_evidence **via)
{
    const mc_evidence *e = tokenizer_match(rec);
    size_t n = rec->evidence ? mc_evidence_count(rec->evidence) : 0;

    if (e && family_of(e) && family_of(e)->license) {
        *via = e;
        return family_of(e);
    }
    for (size_t i = 0; i < n; i++) {
        e = mc_evidence_at(rec->evidence, i);
        if ((e->kind == MC_EV_ARCHITECTURE || e->kind == MC_EV_MODEL_TYPE) && !e->component &&
            family_of(e) && family_of(e)->license) {
            *via = e;
            return family_of(e);
        }
    }
    return NULL;
}

static int derived(const mc_record *rec)
{
    const char *t = rec->prov.training.str;

    return t && !mc_streq(t, "from-scratch") && !mc_streq(t, "api-wrapper");
}

/* The licence the weights inherit: a base the card declares or names (base_model, or the
 * text) whose licence is known per model (rules/licenses.yaml, models) decides; else the
 * family matched by the tokenizer or architecture evidence. `what` names the base or the
 * family, `at` is where it shows. */
static const mc_license *inherited_license(const mc_record *rec, const char **what, mc_val *at)
{
    const mc_evidence *via = NULL;
    const mc_family *f;

    for (size_t i = 0; i < rec->prov.bases.len; i++) {
        const mc_val *b = &rec->prov.bases.items[i];
        const mc_model_license *m;
        if (i > 0 && !declared_base(rec, b->str))
            continue; /* the first base, or one base_model declares: not every model named */
        m = mc_license_for_model(b->str);
        if (m && m->license) {
            *what = b->str;
            *at = *b;
            if (at->path == NULL) /* a base without a place: the card's licence field */
                *at = rec->license;
            return m->license;
        }
    }
    if ((f = inherited_family(rec, &via)) == NULL || f->license == NULL)
        return NULL;
    *what = f->name;
    *at = at_evidence(via);
    return f->license;
}

/* The card's own licence: its license field (with `license: other`, its license_name:
 * "stabilityai-ai-community"), else its licence file. */
static const mc_license *own_license(const mc_record *rec)
{
    const mc_evidence *e;

    if (rec->license.str && mc_license_find(rec->license.str))
        return mc_license_find(rec->license.str);
    if (mc_streq(rec->license.str, "other") && mc_license_find(rec->license_name.str))
        return mc_license_find(rec->license_name.str);
    e = rec->evidence ? mc_evidence_first(rec->evidence, MC_EV_LICENSE_FILE, NULL) : NULL;
    return e ? mc_license_find(e->value) : NULL;
}

/* Another version of the base's own licence (the same attribution or name prefix, another
 * id): only the licensor releases a model under new terms of its own, and it owes itself
 * nothing (Llama 3.2 from Llama 3.1 under the Llama 3.2 licence). */
static int licensor_release(const mc_record *rec, const mc_license *base)
{
    const mc_license *own = own_license(rec);

    return own && own != base &&
           ((own->attribution && mc_streq(own->attribution, base->attribution)) ||
            (own->name_prefix && mc_streq(own->name_prefix, base->name_prefix)));
}

/* Does `name` begin with `prefix`, letters and digits compared without case, spaces,
 * hyphens or dots ("Llama-3-8b-Ita" begins with "Llama 3"), after the licensor's own word
 * ("Meta-Llama-3.1-8B")? */
static int name_begins(const char *name, const char *prefix)
{
    char n[256], p[64];
    size_t q = mc_squeeze(prefix, p, sizeof(p));

    mc_squeeze(name, n, sizeof(n));
    return q > 0 &&
           (strncmp(n, p, q) == 0 || (strncmp(n, "meta", 4) == 0 && strncmp(n + 4, p, q) == 0));
}

void mc_check_base_license_obligations(mc_check_ctx *ctx)
{
    mc_record *rec = ctx->rec;
    const mc_license *lic;
    const char *what = NULL;
    mc_val at = {0};
    mc_buf unmet = MC_BUF_INIT;

    if (!derived(rec) || (lic = inherited_license(rec, &what, &at)) == NULL ||
        licensor_release(rec, lic))
        return;
    if (lic->name_prefix && rec->name && !name_begins(rec->name, lic->name_prefix) &&
        !(rec->dir && *rec->dir && name_begins(mc_path_base(rec->dir), lic->name_prefix)))
        mc_buf_printf(&unmet, "the model's name does not begin with \"%s\"", lic->name_prefix);
    if (lic->attribution && !card_mentions(rec, lic->attribution))
        mc_buf_printf(&unmet, "%sthe card does not display \"%s\"", unmet.len ? "; " : "",
                      lic->attribution);
    if (unmet.len && at.from == MC_FROM_EVIDENCE) {
        /* the family shows in an evidence file: on the card's licence line, if it has one */
        const char *note = mc_arena_printf(rec->arena, "the weights match %s", what);
        mc_emit_claim(ctx, &rec->license, &at, note, "family", what, "license", lic->name, "unmet",
                      mc_buf_cstr(&unmet), NULL);
    } else if (unmet.len) {
        mc_emit_at(ctx, &at, "family", what, "license", lic->name, "unmet", mc_buf_cstr(&unmet),
                   NULL);
    }
    mc_buf_release(&unmet);
}

void mc_check_license_conflicts_base(mc_check_ctx *ctx)
{
    mc_record *rec = ctx->rec;
    const mc_license *own, *base;
    const char *what = NULL;
    mc_val at = {0};

    if (!derived(rec) || rec->license.str == NULL ||
        (base = inherited_license(rec, &what, &at)) == NULL || !base->research_only)
        return;
    own = mc_license_find(rec->license.str);
    if (own == NULL || !own->commercial || own->research_only)
        return;
    if (at.from == MC_FROM_EVIDENCE && at.path) {
        /* the family shows in an evidence file: its related location */
        const char *note = mc_arena_printf(rec->arena, "the weights match %s", what);
        mc_emit_claim(ctx, &rec->license, &at, note, "value", rec->license.str, "family", what,
                      "base_license", base->name, NULL);
    } else {
        mc_emit_at(ctx, &rec->license, "value", rec->license.str, "family", what, "base_license",
                   base->name, NULL);
    }
}

void mc_check_evidence_unreadable(mc_check_ctx *ctx)
{
    mc_record *rec = ctx->rec;
    size_t n = rec->evidence ? mc_evidence_count(rec->evidence) : 0;

    for (size_t i = 0; i < n; i++) {
        const mc_evidence *e = mc_evidence_at(rec->evidence, i);
        if (e->kind == MC_EV_UNREADABLE)
            mc_emit(ctx, e->file, e->span, "file", e->file, "reason", e->value ? e->value : "",
                    NULL);
    }
}

void mc_check_lfs_pointer(mc_check_ctx *ctx)
{
    mc_record *rec = ctx->rec;
    size_t n = rec->evidence ? mc_evidence_count(rec->evidence) : 0;

    for (size_t i = 0; i < n; i++) {
        const mc_evidence *e = mc_evidence_at(rec->evidence, i);
        if (e->kind == MC_EV_LFS_POINTER)
            mc_emit(ctx, e->file, (mc_span){0, 0, 0, 0}, "file", e->file, NULL);
    }
}
