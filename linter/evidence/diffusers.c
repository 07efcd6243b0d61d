/* Diffusers pipelines: model_index.json (the pipeline class, the diffusers version, each
 * component's library and class) and the configs of its component folders
 * (unet/config.json, transformer/config.json, text_encoder/config.json, vae/config.json,
 * read by the config reader with the folder as their component). A pipeline class listed
 * by one family names it; a class shared by several (StableDiffusionPipeline) is decided
 * by the denoiser's distinguishing values (its UNet's cross_attention_dim). */
#include "evidence/jsonread.h"
#include "mclint/families.h"
#include "util/str.h"

#include <string.h>

/* component folders whose config.json is read; the scheduler's is not evidence */
static const char *const component_dirs[] = {"unet",         "transformer",    "prior",
                                             "text_encoder", "text_encoder_2", "text_encoder_3",
                                             "vae",          "image_encoder",  NULL};
static const char *const denoiser_dirs[] = {"unet", "transformer", "prior", NULL};

static bool in_list(const char *s, size_t n, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strlen(list[i]) == n && memcmp(s, list[i], n) == 0)
            return true;
    return false;
}

const char *mc_ev_diffusers_component(const char *rel)
{
    const char *slash = rel ? strchr(rel, '/') : NULL;

    if (slash == NULL || strcmp(slash + 1, "config.json") != 0 ||
        !in_list(rel, (size_t)(slash - rel), component_dirs))
        return NULL;
    for (size_t i = 0; component_dirs[i]; i++)
        if (strlen(component_dirs[i]) == (size_t)(slash - rel) &&
            memcmp(rel, component_dirs[i], (size_t)(slash - rel)) == 0)
            return component_dirs[i];
    return NULL;
}

bool mc_ev_diffusers_denoiser(const char *component)
{
    return component == NULL || in_list(component, strlen(component), denoiser_dirs);
}

void mc_ev_read_model_index(mc_evidence_set *set, const char *path, const char *data, size_t len)
{
    mc_jctx c;
    const cJSON *v;

    if (mc_jctx_open(&c, set, path, data, len, MC_EV_JSON_CAP, 2) != 0)
        return;
    cJSON_ArrayForEach(v, c.root)
    {
        const char *k = v->string;
        const cJSON *lib, *cls;
        mc_evidence *e;

        if (k == NULL)
            continue;
        if (strcmp(k, "_class_name") == 0 && cJSON_IsString(v)) {
            mc_ev_add(set, MC_EV_ARCHITECTURE, path, mc_jctx_span(&c, "%s", k), k, v->valuestring,
                      -1);
        } else if (strcmp(k, "_diffusers_version") == 0 && cJSON_IsString(v)) {
            mc_ev_add(set, MC_EV_CONFIG_NUMBER, path, mc_jctx_span(&c, "%s", k), k, v->valuestring,
                      -1);
        } else if (strcmp(k, "_name_or_path") == 0 && cJSON_IsString(v) && v->valuestring[0]) {
            mc_ev_add(set, MC_EV_NAME_OR_PATH, path, mc_jctx_span(&c, "%s", k), k, v->valuestring,
                      -1);
        } else if (k[0] != '_' && cJSON_IsArray(v) && cJSON_GetArraySize(v) == 2) {
            /* "unet": ["diffusers", "UNet2DConditionModel"]; [null, null] is an absent part */
            lib = cJSON_GetArrayItem(v, 0);
            cls = cJSON_GetArrayItem(v, 1);
            if (!cJSON_IsString(cls) || !cJSON_IsString(lib))
                continue;
            e = mc_ev_add(set, MC_EV_COMPONENT, path, mc_jctx_span(&c, "%s", k), k,
                          cls->valuestring, -1);
            if (e)
                e->component = mc_ev_strdup(set, k);
        }
    }
    mc_jctx_close(&c);
}

typedef struct {
    const mc_evidence_set *set;
    const char *component;
} denoiser_arg;

static long long denoiser_value(const char *key, void *arg)
{
    const denoiser_arg *d = arg;

    for (size_t i = 0; i < d->set->items.len; i++) {
        const mc_evidence *e = d->set->items.items[i];

        if (e->kind == MC_EV_CONFIG_NUMBER && mc_streq(e->component, d->component) &&
            mc_streq(e->key, key) && !mc_has_suffix(e->file, "model_index.json"))
            return e->number;
    }
    return -1;
}

static bool is_class_item(const mc_evidence *e)
{
    return e->kind == MC_EV_ARCHITECTURE && mc_streq(e->key, "_class_name");
}

void mc_ev_match_diffusers(mc_evidence_set *set)
{
    const mc_family *denoiser = NULL;

    /* the denoiser (a UNet or transformer config, in its folder or alone) */
    for (size_t i = 0; i < set->items.len; i++) {
        mc_evidence *e = set->items.items[i];
        denoiser_arg a = {set, e->component};
        const mc_family *f;

        if (!is_class_item(e) || mc_has_suffix(e->file, "model_index.json") ||
            !mc_ev_diffusers_denoiser(e->component))
            continue;
        f = e->family ? mc_family_find(e->family)
                      : mc_family_by_denoiser(e->value, denoiser_value, &a);
        if (f) {
            e->family = f->id;
            if (denoiser == NULL)
                denoiser = f;
        }
    }
    /* the pipeline class: its own family, or the denoiser's if that family lists it */
    for (size_t i = 0; i < set->items.len; i++) {
        mc_evidence *e = set->items.items[i];
        const mc_family *f;

        if (!is_class_item(e) || !mc_has_suffix(e->file, "model_index.json"))
            continue;
        f = mc_family_by_pipeline(e->value);
        if (f == NULL && denoiser) {
            for (size_t k = 0; k < denoiser->n_pipelines; k++)
                if (strcmp(denoiser->pipelines[k], e->value) == 0)
                    f = denoiser;
        }
        if (f)
            e->family = f->id;
    }
}
