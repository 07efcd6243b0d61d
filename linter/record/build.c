#include "record/build.h"
#include "record/claims.h"
#include "record/words.h"
#include "util/str.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_MAX_FILE (16u * 1024 * 1024)

/* ---- positioned values from YAML nodes ---- */

static mc_val val_of(mc_record *rec, const mc_ynode *n, mc_from from)
{
    mc_val v = {0};

    if (n == NULL || mc_ynode_kind_of(n) != MC_YNODE_SCALAR || mc_ynode_is_null(n))
        return v;
    v.str = mc_ynode_str(n);
    v.path = rec->card_path;
    v.span = mc_ynode_span(n);
    v.from = from;
    return v;
}

/* A scalar or the items of a sequence of scalars. */
static void vals_of(mc_record *rec, mc_vals *out, const mc_ynode *n, mc_from from)
{
    if (n == NULL)
        return;
    if (mc_ynode_kind_of(n) == MC_YNODE_SEQ) {
        for (size_t i = 0; i < mc_ynode_size(n); i++) {
            mc_val v = val_of(rec, mc_ynode_item(n, i), from);
            if (v.str)
                mc_vals_push(rec->arena, out, &v);
        }
    } else {
        mc_val v = val_of(rec, n, from);
        if (v.str)
            mc_vals_push(rec->arena, out, &v);
    }
}

static const mc_ynode *get_map(const mc_ynode *n, const char *key)
{
    const mc_ynode *v = n ? mc_ynode_get(n, key) : NULL;

    return v && mc_ynode_kind_of(v) == MC_YNODE_MAP ? v : NULL;
}

static mc_val block_val(mc_record *rec, const mc_ynode *map, const char *key)
{
    return val_of(rec, map ? mc_ynode_get(map, key) : NULL, MC_FROM_BLOCK);
}

static void read_block(mc_record *rec, const mc_ynode *b)
{
    const mc_ynode *arch = get_map(b, "architecture");
    const mc_ynode *tok = get_map(b, "tokenizer");
    const mc_ynode *exp = get_map(b, "experts");
    const mc_ynode *data = get_map(b, "data");
    const mc_ynode *comp = get_map(b, "compute");
    const mc_ynode *w = get_map(b, "weights");
    const mc_ynode *components = mc_ynode_get(b, "components");

    rec->training = block_val(rec, b, "training");
    rec->weights_init = block_val(rec, b, "weights_init");
    rec->arch_origin = block_val(rec, arch, "origin");
    rec->arch_based_on = block_val(rec, arch, "based_on");
    if (arch)
        vals_of(rec, &rec->arch_changes, mc_ynode_get(arch, "changes"), MC_FROM_BLOCK);
    rec->tok_origin = block_val(rec, tok, "origin");
    rec->tok_based_on = block_val(rec, tok, "based_on");
    rec->tok_vocab_size = block_val(rec, tok, "vocab_size");
    if (tok)
        vals_of(rec, &rec->tok_languages, mc_ynode_get(tok, "languages"), MC_FROM_BLOCK);
    if (components && mc_ynode_kind_of(components) == MC_YNODE_SEQ) {
        size_t n = mc_ynode_size(components);
        rec->components = mc_arena_alloc(rec->arena, (n ? n : 1) * sizeof(mc_component));
        for (size_t i = 0; rec->components && i < n; i++) {
            const mc_ynode *c = mc_ynode_item(components, i);
            mc_component *mc;
            if (mc_ynode_kind_of(c) != MC_YNODE_MAP)
                continue;
            mc = &rec->components[rec->ncomponents++];
            mc->name = block_val(rec, c, "name");
            mc->origin = block_val(rec, c, "origin");
            mc->source = block_val(rec, c, "source");
            mc->license = block_val(rec, c, "license");
            if (mc->name.str == NULL) {
                /* keep the item's position for messages about it */
                mc->name.path = rec->card_path;
                mc->name.span = mc_ynode_span(c);
                mc->name.from = MC_FROM_BLOCK;
            }
        }
    }
    rec->experts_count = block_val(rec, exp, "count");
    rec->experts_active = block_val(rec, exp, "active");
    rec->experts_origin = block_val(rec, exp, "origin");
    rec->experts_source = block_val(rec, exp, "source");
    rec->data_tokens = block_val(rec, data, "tokens");
    rec->data_disclosure = block_val(rec, data, "disclosure");
    if (data)
        vals_of(rec, &rec->data_sources, mc_ynode_get(data, "sources"), MC_FROM_BLOCK);
    if (data && rec->data_sources.len == 0) {
        /* sources given as mappings: keep each item's name (or its position) */
        const mc_ynode *s = mc_ynode_get(data, "sources");
        for (size_t i = 0; s && mc_ynode_kind_of(s) == MC_YNODE_SEQ && i < mc_ynode_size(s); i++) {
            const mc_ynode *item = mc_ynode_item(s, i);
            mc_val v = block_val(rec, item, "name");
            if (v.str == NULL && mc_ynode_kind_of(item) == MC_YNODE_MAP) {
                v.str = "(unnamed source)";
                v.path = rec->card_path;
                v.span = mc_ynode_span(item);
                v.from = MC_FROM_BLOCK;
            }
            if (v.str)
                mc_vals_push(rec->arena, &rec->data_sources, &v);
        }
    }
    rec->compute_hardware = block_val(rec, comp, "hardware");
    rec->compute_duration = block_val(rec, comp, "duration");
    rec->compute_provider = block_val(rec, comp, "provider");
    rec->weights_release = block_val(rec, w, "release");
    rec->weights_url = block_val(rec, w, "url");
    rec->technical_report = block_val(rec, b, "technical_report");
    rec->tier_claimed = block_val(rec, b, "tier");
}

void mc_record_read_front_matter(mc_record *rec)
{
    const mc_yaml *y = rec->card ? mc_doc_yaml(rec->card) : NULL;
    const mc_ynode *root = y ? mc_yaml_root(y) : NULL;
    const mc_ynode *lic;

    if (root == NULL || mc_ynode_kind_of(root) != MC_YNODE_MAP)
        return;
    rec->front = root;
    lic = mc_ynode_get(root, "license");
    if (lic && mc_ynode_kind_of(lic) == MC_YNODE_SEQ && mc_ynode_size(lic) > 0)
        lic = mc_ynode_item(lic, 0);
    rec->license = val_of(rec, lic, MC_FROM_HUB);
    rec->license_name = val_of(rec, mc_ynode_get(root, "license_name"), MC_FROM_HUB);
    rec->license_link = val_of(rec, mc_ynode_get(root, "license_link"), MC_FROM_HUB);
    rec->base_model_relation = val_of(rec, mc_ynode_get(root, "base_model_relation"), MC_FROM_HUB);
    rec->model_name = val_of(rec, mc_ynode_get(root, "model_name"), MC_FROM_HUB);
    rec->pipeline_tag = val_of(rec, mc_ynode_get(root, "pipeline_tag"), MC_FROM_HUB);
    rec->library_name = val_of(rec, mc_ynode_get(root, "library_name"), MC_FROM_HUB);
    rec->new_version = val_of(rec, mc_ynode_get(root, "new_version"), MC_FROM_HUB);
    vals_of(rec, &rec->base_models, mc_ynode_get(root, "base_model"), MC_FROM_HUB);
    vals_of(rec, &rec->datasets, mc_ynode_get(root, "datasets"), MC_FROM_HUB);
    vals_of(rec, &rec->languages, mc_ynode_get(root, "language"), MC_FROM_HUB);
    vals_of(rec, &rec->tags, mc_ynode_get(root, "tags"), MC_FROM_HUB);
    rec->block = get_map(root, "provenance");
    if (rec->block)
        read_block(rec, rec->block);
}

/* ---- names ---- */

int mc_is_card_name(const char *path)
{
    const char *base = mc_path_base(path);

    return strcmp(base, "README.md") == 0 || strcmp(base, "MODEL_CARD.md") == 0 ||
           strcmp(base, "model_card.md") == 0;
}

int mc_is_report_name(const char *path)
{
    const char *base = mc_path_base(path);
    size_t dirlen = mc_path_dirlen(path);
    const char *dir = path;
    int text_ext =
        mc_has_isuffix(base, ".md") || mc_has_isuffix(base, ".tex") || mc_has_isuffix(base, ".txt");

    if (!text_ext)
        return 0;
    if (mc_has_prefix(base, "TECHNICAL_REPORT") || mc_has_prefix(base, "technical_report") ||
        mc_has_prefix(base, "technical-report") || strcmp(base, "REPORT.md") == 0)
        return 1;
    if (mc_memifind(base, strlen(base), "tech", 4) >= 0 &&
        mc_memifind(base, strlen(base), "report", 6) >= 0)
        return 1;
    /* docs/report*, paper/ *.md|tex (the folder is the last one of the path) */
    if (dirlen >= 4) {
        const char *last = dir + dirlen;
        const char *start = last;
        while (start > dir && start[-1] != '/')
            start--;
        if ((size_t)(last - start) == 4 && strncmp(start, "docs", 4) == 0 &&
            mc_has_prefix(base, "report"))
            return 1;
        if ((size_t)(last - start) == 5 && strncmp(start, "paper", 5) == 0 &&
            !mc_has_isuffix(base, ".txt"))
            return 1;
    }
    return 0;
}

static const char *derive_name(mc_record *rec)
{
    size_t nh;

    if (rec->model_name.str && *rec->model_name.str)
        return rec->model_name.str;
    nh = rec->card ? mc_doc_heading_count(rec->card) : 0;
    for (size_t i = 0; i < nh; i++) {
        const mc_heading *h = mc_doc_heading_at(rec->card, i);
        if (h->level == 1 && h->text && *h->text)
            return h->text;
    }
    if (rec->dir && *rec->dir)
        return mc_path_base(rec->dir);
    if (rec->src) {
        const char *root = mc_source_root(rec->src);
        if (root && *root)
            return mc_path_base(root);
    }
    return rec->card_path;
}

/* ---- technical reports ---- */

static int is_url(const char *s)
{
    return mc_has_prefix(s, "http://") || mc_has_prefix(s, "https://");
}

static int looks_like_report_url(const char *url)
{
    return mc_words_in(mc_words_get("cues.report_url"), url, strlen(url));
}

/* Resolve a link relative to the card's folder; NULL if it leaves the repository. */
static char *resolve_rel(const mc_record *rec, const char *link)
{
    char *joined, *norm;
    const char *hash = strpbrk(link, "#?");
    char *clean = hash ? mc_strndup(link, (size_t)(hash - link)) : mc_strdup(link);

    if (clean == NULL)
        return NULL;
    if (clean[0] == '/')
        joined = mc_strdup(clean + 1);
    else
        joined = mc_path_join(rec->dir, clean);
    free(clean);
    if (joined == NULL)
        return NULL;
    norm = mc_path_normalize(joined);
    free(joined);
    return norm;
}

/* Read and parse the report at `path`; NULL if it cannot be used. */
static mc_doc *parse_report(const mc_source *src, const char *path, size_t max)
{
    char *data = NULL;
    size_t len = 0;
    mc_doc *doc = NULL;
    mc_doc_kind kind = mc_has_isuffix(path, ".md") ? MC_DOC_MARKDOWN : MC_DOC_TEXT;

    if (mc_source_read(src, path, max, &data, &len) < 0)
        return NULL;
    if (mc_doc_parse(&doc, path, data, len, kind, NULL) < 0)
        doc = NULL;
    free(data);
    return doc;
}

/* One report of the cache: read by the first card that needs it while the others wait. */
typedef struct {
    bool done;
    mc_doc *doc;       /* NULL if it cannot be used */
    mc_record *claims; /* the report's claims, extracted once */
} report_slot;

struct mc_report_cache {
    const mc_source *src;
    pthread_mutex_t mu;
    pthread_cond_t done;
    report_slot **slots; /* by the report's index in the listing (allocated on first use) */
};

mc_report_cache *mc_report_cache_new(const mc_source *src)
{
    mc_report_cache *c = calloc(1, sizeof(*c));

    if (c == NULL)
        return NULL;
    c->src = src;
    pthread_mutex_init(&c->mu, NULL);
    pthread_cond_init(&c->done, NULL);
    return c;
}

void mc_report_cache_free(mc_report_cache *c)
{
    if (c == NULL)
        return;
    for (size_t i = 0; c->slots && i < mc_source_count(c->src); i++) {
        if (c->slots[i]) {
            mc_doc_free(c->slots[i]->doc);
            mc_record_free(c->slots[i]->claims);
            free(c->slots[i]);
        }
    }
    free(c->slots);
    pthread_cond_destroy(&c->done);
    pthread_mutex_destroy(&c->mu);
    free(c);
}

/* The slot of the report at index `at` of the listing, read and parsed on first use; NULL
 * when out of memory. */
static const report_slot *cached_report(mc_report_cache *c, size_t at, const char *path, size_t max)
{
    report_slot *slot;

    pthread_mutex_lock(&c->mu);
    if (c->slots == NULL &&
        (c->slots = calloc(mc_source_count(c->src), sizeof(*c->slots))) == NULL) {
        pthread_mutex_unlock(&c->mu);
        return NULL;
    }
    if ((slot = c->slots[at]) != NULL) {
        while (!slot->done)
            pthread_cond_wait(&c->done, &c->mu);
        pthread_mutex_unlock(&c->mu);
        return slot;
    }
    if ((slot = c->slots[at] = calloc(1, sizeof(*slot))) == NULL) {
        pthread_mutex_unlock(&c->mu);
        return NULL;
    }
    pthread_mutex_unlock(&c->mu);
    slot->doc = parse_report(c->src, path, max);
    if (slot->doc && ((slot->claims = mc_record_new(c->src, path)) == NULL ||
                      mc_claims_extract(slot->claims, slot->doc, MC_FROM_REPORT) < 0)) {
        mc_doc_free(slot->doc); /* out of memory: as if it could not be read */
        slot->doc = NULL;
    }
    pthread_mutex_lock(&c->mu);
    slot->done = true;
    pthread_cond_broadcast(&c->done);
    pthread_mutex_unlock(&c->mu);
    return slot;
}

static int try_report(mc_record *rec, const char *path, const mc_val *ref,
                      const mc_build_options *opts)
{
    mc_doc *doc = NULL;
    size_t max = opts && opts->max_file_size ? opts->max_file_size : DEFAULT_MAX_FILE;
    long at;

    if (rec->src == NULL || (at = mc_source_find(rec->src, path)) < 0)
        return 0;
    if (strcmp(path, rec->card_path) == 0)
        return 0;
    if (opts && opts->reports) {
        /* shared: parsed once per run; its claims are copied (at most 4,096) */
        const report_slot *slot = cached_report(opts->reports, (size_t)at, path, max);
        if (slot == NULL || slot->doc == NULL)
            return 0;
        for (size_t i = 0; i < slot->claims->nclaims; i++)
            if (mc_record_add_claim(rec, &slot->claims->claims[i]) < 0)
                break; /* the arena has failed: the build reports it */
        rec->report_shared = true;
        doc = slot->doc;
    } else if ((doc = parse_report(rec->src, path, max)) == NULL) {
        return 0;
    }
    rec->report = doc;
    if (ref)
        rec->report_ref = *ref;
    if (rec->report_ref.str == NULL) {
        rec->report_ref.str = mc_arena_strdup(rec->arena, path);
        rec->report_ref.path = rec->report_ref.str;
        rec->report_ref.from = MC_FROM_PATH;
    }
    return 1;
}

void mc_record_find_report(mc_record *rec, const mc_build_options *opts)
{
    const mc_val *tr = &rec->technical_report;
    size_t nlinks = rec->card ? mc_doc_link_count(rec->card) : 0;

    /* 1. the provenance block names it */
    if (tr->str) {
        if (is_url(tr->str)) {
            rec->report_url = *tr;
        } else {
            char *p = resolve_rel(rec, tr->str);
            int found = p && try_report(rec, p, tr, opts);
            free(p);
            if (found)
                return;
        }
    }
    /* 2. a link from the card: a relative one to a text file that reads as a report, or an
     * outside one to a paper */
    for (size_t i = 0; i < nlinks; i++) {
        const mc_link *l = mc_doc_link_at(rec->card, i);
        size_t tl = l->text ? strlen(l->text) : 0;
        int says_report =
            l->text && mc_words_in(mc_words_get("cues.report_link_text"), l->text, tl);
        if (is_url(l->url)) {
            if (rec->report_url.str == NULL && (says_report || looks_like_report_url(l->url)) &&
                (mc_memifind(l->url, strlen(l->url), "arxiv.org/", 10) >= 0 || says_report)) {
                rec->report_url.str = mc_arena_strdup(rec->arena, l->url);
                rec->report_url.path = rec->card_path;
                rec->report_url.span.line = rec->report_url.span.end_line = l->line;
                rec->report_url.span.col = l->col;
                rec->report_url.from = MC_FROM_PROSE;
            }
            continue;
        }
        if (strstr(l->url, "://") || mc_has_prefix(l->url, "mailto:") || l->url[0] == '#')
            continue;
        {
            char *p = resolve_rel(rec, l->url);
            int text_file = p && (mc_has_isuffix(p, ".md") || mc_has_isuffix(p, ".tex") ||
                                  mc_has_isuffix(p, ".txt"));
            if (text_file && (says_report || mc_is_report_name(p))) {
                mc_val ref = {0};
                ref.str = mc_arena_strdup(rec->arena, l->url);
                ref.path = rec->card_path;
                ref.span.line = ref.span.end_line = l->line;
                ref.span.col = l->col;
                ref.from = MC_FROM_PROSE;
                if (try_report(rec, p, &ref, opts)) {
                    free(p);
                    return;
                }
            }
            free(p);
        }
    }
    /* 3. by name, in the model's folder and below, and in configured folders */
    if (rec->src) {
        size_t begin = 0, n = mc_source_count(rec->src);
        size_t dl = strlen(rec->dir);
        /* without extra report folders only the model's folder can match: search its
         * range of the sorted list instead of the whole repository */
        if (opts == NULL || opts->nreport_dirs == 0)
            mc_source_dir_range(rec->src, rec->dir, &begin, &n);
        for (size_t i = begin; i < n; i++) {
            const char *p = mc_source_at(rec->src, i)->path;
            int inside = dl == 0 || (strncmp(p, rec->dir, dl) == 0 && p[dl] == '/');
            for (size_t k = 0; !inside && opts && k < opts->nreport_dirs; k++) {
                size_t rl = strlen(opts->report_dirs[k]);
                inside = strncmp(p, opts->report_dirs[k], rl) == 0 && p[rl] == '/';
            }
            if (!inside || !mc_is_report_name(p) || mc_is_card_name(p))
                continue;
            if (dl == 0 && strchr(p, '/') && !mc_has_prefix(p, "docs/") &&
                !mc_has_prefix(p, "paper/"))
                continue; /* at the root, only top-level, docs/ and paper/ reports */
            if (try_report(rec, p, NULL, opts))
                return;
        }
    }
}

int mc_record_from_doc(mc_record **out, const mc_source *src, mc_doc *card,
                       const mc_build_options *opts)
{
    mc_record *rec = mc_record_new(src, mc_doc_path(card));
    int rc = 0;

    *out = NULL;
    if (rec == NULL) {
        mc_doc_free(card);
        return MC_ENOMEM;
    }
    rec->card = card;
    mc_record_read_front_matter(rec);
    rec->name = derive_name(rec);
    rec->not_model = mc_record_not_model(rec->front);
    if ((rc = mc_claims_extract(rec, card, MC_FROM_PROSE)) < 0)
        goto fail;
    mc_record_find_report(rec, opts);
    if (rec->report && !rec->report_shared &&
        (rc = mc_claims_extract(rec, rec->report, MC_FROM_REPORT)) < 0)
        goto fail;
    if (src && !(opts && opts->no_evidence) &&
        (rc = mc_evidence_collect(&rec->evidence, src, rec->dir)) < 0)
        goto fail;
    mc_record_resolve(rec);
    if (mc_arena_failed(rec->arena)) {
        rc = MC_ENOMEM;
        goto fail;
    }
    *out = rec;
    return 0;
fail:
    mc_record_free(rec);
    return rc;
}

int mc_record_build(mc_record **out, const mc_source *src, const char *card_path)
{
    char *data = NULL;
    size_t len = 0;
    mc_doc *doc = NULL;
    int rc;

    *out = NULL;
    if ((rc = mc_source_read(src, card_path, DEFAULT_MAX_FILE, &data, &len)) < 0)
        return rc;
    rc = mc_doc_parse(&doc, card_path, data, len, MC_DOC_MARKDOWN, NULL);
    free(data);
    if (rc < 0)
        return rc;
    return mc_record_from_doc(out, src, doc, NULL);
}
