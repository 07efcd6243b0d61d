/* Known families and licences (rules/families.yaml, rules/licenses.yaml), loaded once from
 * the embedded copies, and matching of a set's evidence against them. */
#include "card/embedded.h"
#include "evidence/ev.h"
#include "mclint/families.h"
#include "mclint/yaml.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/str.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct {
    mc_arena *arena;
    mc_license *lic;
    size_t nlic;
    mc_family *fam;
    size_t nfam;
    mc_model_license *models;
    size_t nmodels;
    int error;
    char message[256];
} g;

static pthread_once_t g_once = PTHREAD_ONCE_INIT;

static const char *dup_node(const mc_ynode *n)
{
    const char *s = mc_ynode_str(n);

    return s && !mc_ynode_is_null(n) ? mc_arena_strndup(g.arena, s, mc_ynode_strlen(n)) : NULL;
}

/* lower-case, whitespace runs to one space (as the licence text is normalised) */
static const char *dup_phrase(const mc_ynode *n)
{
    const char *s = mc_ynode_str(n);
    size_t len = mc_ynode_strlen(n), o = 0;
    char *p;

    if (s == NULL || (p = mc_arena_alloc(g.arena, len + 1)) == NULL)
        return NULL;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];

        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            if (o > 0 && p[o - 1] != ' ')
                p[o++] = ' ';
            continue;
        }
        p[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    while (o > 0 && p[o - 1] == ' ')
        o--;
    p[o] = '\0';
    return o ? p : NULL;
}

static const char *const *str_list(const mc_ynode *n, size_t *count, bool phrase)
{
    size_t k = mc_ynode_kind_of(n) == MC_YNODE_SEQ ? mc_ynode_size(n) : (mc_ynode_str(n) ? 1 : 0);
    const char **v;
    size_t o = 0;

    *count = 0;
    if (k == 0 || (v = mc_arena_alloc(g.arena, k * sizeof(*v))) == NULL)
        return NULL;
    for (size_t i = 0; i < k; i++) {
        const mc_ynode *it = mc_ynode_kind_of(n) == MC_YNODE_SEQ ? mc_ynode_item(n, i) : n;
        const char *s = phrase ? dup_phrase(it) : dup_node(it);

        if (s)
            v[o++] = s;
    }
    *count = o;
    return v;
}

static const long long *num_list(const mc_ynode *n, size_t *count)
{
    size_t k = mc_ynode_size(n);
    long long *v;
    size_t o = 0;

    *count = 0;
    if (mc_ynode_kind_of(n) != MC_YNODE_SEQ || k == 0 ||
        (v = mc_arena_alloc(g.arena, k * sizeof(*v))) == NULL)
        return NULL;
    for (size_t i = 0; i < k; i++) {
        const char *s = mc_ynode_str(mc_ynode_item(n, i));
        char *end = NULL;
        long long x;

        if (s == NULL)
            continue;
        x = strtoll(s, &end, 10);
        if (end != s && *end == '\0' && x > 0)
            v[o++] = x;
    }
    *count = o;
    return v;
}

static bool yes(const mc_ynode *n)
{
    const char *s = mc_ynode_str(n);

    return s && (strcmp(s, "true") == 0 || strcmp(s, "yes") == 0);
}

static const mc_ynode *load_list(mc_yaml **y, const char *file, const char *key)
{
    const mc_ynode *list;

    if (mc_embedded_yaml(file, y) < 0) {
        snprintf(g.message, sizeof(g.message), "%s", mc_error_last());
        return NULL;
    }
    list = mc_ynode_get(mc_yaml_root(*y), key);
    if (mc_ynode_kind_of(list) != MC_YNODE_SEQ) {
        snprintf(g.message, sizeof(g.message), "rules/%s: no '%s' list", file, key);
        return NULL;
    }
    return list;
}

/* denoiser: {class: UNet2DConditionModel, cross_attention_dim: 2048, ...} */
static void load_denoiser(mc_family *f, const mc_ynode *map)
{
    size_t n = mc_ynode_kind_of(map) == MC_YNODE_MAP ? mc_ynode_size(map) : 0;
    const char **keys;
    long long *vals;

    if (n == 0)
        return;
    keys = mc_arena_alloc(g.arena, n * sizeof(*keys));
    vals = mc_arena_alloc(g.arena, n * sizeof(*vals));
    if (keys == NULL || vals == NULL)
        return;
    for (size_t i = 0; i < n; i++) {
        const char *k = dup_node(mc_ynode_key(map, i));
        const char *v = mc_ynode_str(mc_ynode_value(map, i));
        char *end = NULL;
        long long x;

        if (k == NULL || v == NULL)
            continue;
        if (strcmp(k, "class") == 0) {
            f->denoiser_class = dup_node(mc_ynode_value(map, i));
            continue;
        }
        x = strtoll(v, &end, 10);
        if (end == v || *end != '\0')
            continue;
        keys[f->n_denoiser] = k;
        vals[f->n_denoiser++] = x;
    }
    f->denoiser_keys = keys;
    f->denoiser_values = vals;
}

/* Lookup without ensure(): load() itself uses it, and calling pthread_once from inside
 * its own init routine would deadlock. */
static const mc_license *license_lookup(const char *id)
{
    for (size_t i = 0; id && i < g.nlic; i++)
        if (strcmp(g.lic[i].id, id) == 0)
            return &g.lic[i];
    return NULL;
}

static void load(void)
{
    mc_yaml *ly = NULL, *fy = NULL;
    const mc_ynode *list;

    g.arena = mc_arena_new();
    if (g.arena == NULL)
        goto fail;
    if ((list = load_list(&ly, "licenses.yaml", "licenses")) == NULL)
        goto fail;
    g.lic = mc_arena_alloc(g.arena, (mc_ynode_size(list) + 1) * sizeof(*g.lic));
    if (g.lic == NULL)
        goto fail;
    for (size_t i = 0; i < mc_ynode_size(list); i++) {
        const mc_ynode *e = mc_ynode_item(list, i);
        mc_license *l = &g.lic[g.nlic];

        l->id = dup_node(mc_ynode_get(e, "id"));
        if (l->id == NULL)
            continue;
        l->name = dup_node(mc_ynode_get(e, "name"));
        if (l->name == NULL)
            l->name = l->id;
        l->commercial = yes(mc_ynode_get(e, "commercial"));
        l->research_only = yes(mc_ynode_get(e, "research_only"));
        l->name_prefix = dup_node(mc_ynode_get(e, "name_prefix"));
        l->attribution = dup_node(mc_ynode_get(e, "attribution"));
        l->obligations = str_list(mc_ynode_get(e, "obligations"), &l->n_obligations, false);
        l->phrases = str_list(mc_ynode_get(e, "phrases"), &l->n_phrases, true);
        l->source = dup_node(mc_ynode_get(e, "source"));
        g.nlic++;
    }
    list = mc_ynode_get(mc_yaml_root(ly), "models");
    if (mc_ynode_kind_of(list) == MC_YNODE_SEQ) {
        g.models = mc_arena_alloc(g.arena, (mc_ynode_size(list) + 1) * sizeof(*g.models));
        if (g.models == NULL)
            goto fail;
        for (size_t i = 0; i < mc_ynode_size(list); i++) {
            const mc_ynode *e = mc_ynode_item(list, i);
            mc_model_license *m = &g.models[g.nmodels];

            m->names = str_list(mc_ynode_get(e, "names"), &m->n_names, false);
            m->license_id = dup_node(mc_ynode_get(e, "license"));
            m->license = license_lookup(m->license_id);
            m->source = dup_node(mc_ynode_get(e, "source"));
            if (m->n_names > 0 && m->license_id)
                g.nmodels++;
        }
    }
    if ((list = load_list(&fy, "families.yaml", "families")) == NULL)
        goto fail;
    g.fam = mc_arena_alloc(g.arena, (mc_ynode_size(list) + 1) * sizeof(*g.fam));
    if (g.fam == NULL)
        goto fail;
    for (size_t i = 0; i < mc_ynode_size(list); i++) {
        const mc_ynode *e = mc_ynode_item(list, i);
        mc_family *f = &g.fam[g.nfam];

        f->id = dup_node(mc_ynode_get(e, "id"));
        if (f->id == NULL)
            continue;
        f->name = dup_node(mc_ynode_get(e, "name"));
        if (f->name == NULL)
            f->name = f->id;
        f->kind = dup_node(mc_ynode_get(e, "kind"));
        if (f->kind == NULL)
            f->kind = "text";
        f->license_id = dup_node(mc_ynode_get(e, "license"));
        f->architectures = str_list(mc_ynode_get(e, "architectures"), &f->n_architectures, false);
        f->model_types = str_list(mc_ynode_get(e, "model_types"), &f->n_model_types, false);
        f->config_keys = str_list(mc_ynode_get(e, "config_keys"), &f->n_config_keys, false);
        f->vocab_sizes = num_list(mc_ynode_get(e, "vocab_sizes"), &f->n_vocab_sizes);
        f->special_tokens =
            str_list(mc_ynode_get(e, "special_tokens"), &f->n_special_tokens, false);
        f->tokenizer_classes =
            str_list(mc_ynode_get(e, "tokenizer_classes"), &f->n_tokenizer_classes, false);
        f->pipelines = str_list(mc_ynode_get(e, "pipelines"), &f->n_pipelines, false);
        load_denoiser(f, mc_ynode_get(e, "denoiser"));
        f->source = dup_node(mc_ynode_get(e, "source"));
        g.nfam++;
    }
    for (size_t i = 0; i < g.nfam; i++)
        g.fam[i].license = license_lookup(g.fam[i].license_id);
    if (mc_arena_failed(g.arena))
        goto fail;
    mc_yaml_free(ly);
    mc_yaml_free(fy);
    return;
fail:
    if (g.message[0] == '\0')
        snprintf(g.message, sizeof(g.message), "out of memory loading family data");
    g.error = 1;
    g.nlic = g.nfam = g.nmodels = 0;
    mc_yaml_free(ly);
    mc_yaml_free(fy);
}

static void ensure(void)
{
    pthread_once(&g_once, load);
}

int mc_families_load_error(void)
{
    ensure();
    if (g.error)
        return mc_error_set(MC_ERROR, "%s", g.message);
    return 0;
}

const mc_license *mc_license_find(const char *id)
{
    if (id == NULL)
        return NULL;
    ensure();
    return license_lookup(id);
}

size_t mc_license_count(void)
{
    ensure();
    return g.nlic;
}

const mc_license *mc_license_at(size_t i)
{
    ensure();
    return i < g.nlic ? &g.lic[i] : NULL;
}

static char fold(char c)
{
    if (c == ' ' || c == '_')
        return '-';
    return (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
}

const mc_model_license *mc_license_for_model(const char *id)
{
    const char *name;

    if (id == NULL)
        return NULL;
    ensure();
    name = strrchr(id, '/') ? strrchr(id, '/') + 1 : id;
    for (size_t i = 0; i < g.nmodels; i++) {
        for (size_t k = 0; k < g.models[i].n_names; k++) {
            const char *p = g.models[i].names[k];
            size_t n = 0;

            while (p[n] && name[n] && fold(p[n]) == fold(name[n]))
                n++;
            if (p[n] == '\0' && (name[n] == '\0' || fold(name[n]) == '-'))
                return &g.models[i];
        }
    }
    return NULL;
}

const mc_family *mc_family_find(const char *id)
{
    if (id == NULL)
        return NULL;
    ensure();
    for (size_t i = 0; i < g.nfam; i++)
        if (strcmp(g.fam[i].id, id) == 0)
            return &g.fam[i];
    return NULL;
}

size_t mc_family_count(void)
{
    ensure();
    return g.nfam;
}

const mc_family *mc_family_at(size_t i)
{
    ensure();
    return i < g.nfam ? &g.fam[i] : NULL;
}

static bool listed(const char *s, const char *const *list, size_t n)
{
    for (size_t i = 0; s && i < n; i++)
        if (strcmp(s, list[i]) == 0)
            return true;
    return false;
}

const mc_family *mc_family_by_arch(const char *class_name, const char *model_type)
{
    ensure();
    for (size_t i = 0; class_name && i < g.nfam; i++)
        if (listed(class_name, g.fam[i].architectures, g.fam[i].n_architectures))
            return &g.fam[i];
    for (size_t i = 0; model_type && i < g.nfam; i++)
        if (listed(model_type, g.fam[i].model_types, g.fam[i].n_model_types))
            return &g.fam[i];
    return NULL;
}

const mc_family *mc_family_by_pipeline(const char *class_name)
{
    const mc_family *found = NULL;

    ensure();
    for (size_t i = 0; class_name && i < g.nfam; i++) {
        if (!listed(class_name, g.fam[i].pipelines, g.fam[i].n_pipelines))
            continue;
        if (found)
            return NULL; /* shared: the denoiser's values decide */
        found = &g.fam[i];
    }
    return found;
}

const mc_family *mc_family_by_denoiser(const char *class_name,
                                       long long (*value_of)(const char *key, void *arg), void *arg)
{
    ensure();
    for (size_t i = 0; class_name && i < g.nfam; i++) {
        const mc_family *f = &g.fam[i];
        size_t k = 0;

        if (f->denoiser_class == NULL || f->n_denoiser == 0 ||
            strcmp(f->denoiser_class, class_name) != 0)
            continue;
        while (k < f->n_denoiser && value_of(f->denoiser_keys[k], arg) == f->denoiser_values[k])
            k++;
        if (k == f->n_denoiser)
            return f;
    }
    return NULL;
}

/* ---- matching ---- */

typedef struct {
    const mc_family *f;
    int hits, score;
    bool cls, size;
    const mc_evidence *first_hit;
} candidate;

static bool has_size(const mc_family *f, long long n)
{
    for (size_t i = 0; n > 0 && i < f->n_vocab_sizes; i++)
        if (f->vocab_sizes[i] == n)
            return true;
    return false;
}

static const mc_evidence *find_token(const mc_evidence_set *set, const char *tok)
{
    for (size_t i = 0; i < set->items.len; i++) {
        const mc_evidence *e = set->items.items[i];

        if (e->kind == MC_EV_SPECIAL_TOKEN && mc_streq(e->value, tok))
            return e;
    }
    return NULL;
}

void mc_ev_match_families(mc_evidence_set *set)
{
    const mc_evidence *cls_item = NULL, *tok_size_item = NULL, *cfg_size_item = NULL;
    long long tok_size = -1, cfg_size = -1;
    candidate best[3];
    int nbest = 0, best_score = -1000;
    size_t w = 0;
    bool any_special = false;

    ensure();
    /* drop the results of an earlier call */
    for (size_t i = 0; i < set->items.len; i++) {
        mc_evidence *e = set->items.items[i];

        if (e->kind != MC_EV_TOKENIZER_FAMILY)
            set->items.items[w++] = e;
    }
    set->items.len = w;
    for (size_t i = 0; i < set->items.len; i++) {
        mc_evidence *e = set->items.items[i];
        const mc_family *f = NULL;

        switch (e->kind) {
        case MC_EV_ARCHITECTURE:
            f = mc_family_by_arch(e->value, NULL);
            break;
        case MC_EV_MODEL_TYPE:
            f = mc_family_by_arch(NULL, e->value);
            break;
        case MC_EV_COMPONENT: /* a nested config's model_type, or a pipeline part's class */
            f = mc_family_by_arch(NULL, e->value);
            if (f == NULL && mc_has_suffix(e->file, "model_index.json"))
                f = mc_family_by_arch(e->value, NULL);
            break;
        case MC_EV_TOKENIZER_CLASS:
            if (cls_item == NULL)
                cls_item = e;
            break;
        case MC_EV_SPECIAL_TOKEN:
            any_special = true;
            break;
        case MC_EV_VOCAB_SIZE:
            if (mc_streq(e->key, "tokenizer.json") && tok_size_item == NULL) {
                tok_size_item = e;
                tok_size = e->number;
            } else if (e->component == NULL && cfg_size_item == NULL &&
                       !mc_streq(e->key, "tokenizer.json")) {
                cfg_size_item = e;
                cfg_size = e->number;
            }
            break;
        default:
            break;
        }
        if (f)
            e->family = f->id;
    }
    mc_ev_match_diffusers(set);
    if (!any_special && cls_item == NULL && tok_size < 0 && cfg_size < 0)
        return;
    for (size_t i = 0; i < g.nfam; i++) {
        const mc_family *f = &g.fam[i];
        candidate c = {f, 0, 0, false, false, NULL};

        if (f->n_special_tokens == 0 && f->n_vocab_sizes == 0 && f->n_tokenizer_classes == 0)
            continue;
        for (size_t k = 0; any_special && k < f->n_special_tokens; k++) {
            const mc_evidence *e = find_token(set, f->special_tokens[k]);

            if (e) {
                c.hits++;
                if (c.first_hit == NULL)
                    c.first_hit = e;
            }
        }
        c.cls = cls_item && listed(cls_item->value, f->tokenizer_classes, f->n_tokenizer_classes);
        c.size = has_size(f, tok_size) || has_size(f, cfg_size);
        if (!(c.hits >= 2 || (c.hits >= 1 && (c.size || c.cls)) || (c.cls && c.size) ||
              (c.size && c.hits == 0 && !c.cls)))
            continue;
        c.score = c.hits * 10 - (int)(f->n_special_tokens - (size_t)c.hits) + (c.size ? 5 : 0) +
                  (c.cls ? 5 : 0);
        if (c.hits == 0 && !c.cls)
            c.score = -100; /* size only: weak */
        if (c.score > best_score) {
            best_score = c.score;
            nbest = 0;
        }
        if (c.score == best_score && nbest < 3)
            best[nbest++] = c;
    }
    for (int i = 0; i < nbest; i++) {
        const candidate *c = &best[i];
        mc_buf b = MC_BUF_INIT;
        const mc_evidence *at = c->first_hit    ? c->first_hit
                                : c->cls        ? cls_item
                                : tok_size_item ? tok_size_item
                                                : cfg_size_item;
        long long size = c->size && has_size(c->f, tok_size) ? tok_size : cfg_size;
        mc_evidence *e;
        const char *key;

        if (best_score == -100) {
            mc_buf_printf(&b,
                          "vocabulary size %lld is that of %s (size alone is weak evidence: "
                          "no distinctive special token or tokenizer class)",
                          size, c->f->name);
            key = "vocab_size_only";
        } else {
            int k = 0;

            mc_buf_printf(&b, "tokenizer matches %s (", c->f->name);
            if (c->hits > 0) {
                mc_buf_puts(&b, c->hits > 1 ? "special tokens " : "special token ");
                for (size_t t = 0; t < c->f->n_special_tokens && k < 3; t++)
                    if (find_token(set, c->f->special_tokens[t]))
                        mc_buf_printf(&b, "%s%s", k++ ? ", " : "", c->f->special_tokens[t]);
            }
            if (c->cls)
                mc_buf_printf(&b, "%sclass %s", c->hits ? "; " : "", cls_item->value);
            if (c->size)
                mc_buf_printf(&b, "; %lld entries", size);
            mc_buf_putc(&b, ')');
            key = c->hits ? "special_token" : "tokenizer_class";
        }
        if (!mc_buf_ok(&b)) {
            set->failed = 1;
            mc_buf_release(&b);
            return;
        }
        set->file_items = 0;
        e = mc_ev_add(set, MC_EV_TOKENIZER_FAMILY, at ? at->file : "", at ? at->span : (mc_span){0},
                      key, mc_buf_cstr(&b), size);
        if (e)
            e->family = c->f->id;
        mc_buf_release(&b);
    }
}
