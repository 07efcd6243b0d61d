/* Diffusers pipelines: model_index.json, component configs in their folders, and the
 * families told apart by pipeline class and denoiser values. */
#include "evtest.h"

typedef struct {
    const char *path, *text;
} file;

static mc_evidence_set *ev_files(const file *files, size_t n)
{
    mc_evidence_set *set = NULL;

    assert_int_equal(mc_evidence_new(&set), 0);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(
            mc_evidence_read_buffer(set, files[i].path, files[i].text, strlen(files[i].text)), 0);
    assert_int_equal(mc_evidence_finish(set), 0);
    return set;
}

static const char index_xl[] = "{\n"
                               "  \"_class_name\": \"StableDiffusionXLPipeline\",\n"
                               "  \"_diffusers_version\": \"0.24.0\",\n"
                               "  \"scheduler\": [\"diffusers\", \"EulerDiscreteScheduler\"],\n"
                               "  \"text_encoder\": [\"transformers\", \"CLIPTextModel\"],\n"
                               "  \"unet\": [\"diffusers\", \"UNet2DConditionModel\"],\n"
                               "  \"feature_extractor\": [null, null]\n"
                               "}\n";

static const char unet_xl[] = "{\"_class_name\": \"UNet2DConditionModel\",\n"
                              " \"_name_or_path\": \"stabilityai/stable-diffusion-xl-base-1.0\",\n"
                              " \"cross_attention_dim\": 2048, \"sample_size\": 128}\n";

static const char unet_15[] = "{\"_class_name\": \"UNet2DConditionModel\",\n"
                              " \"cross_attention_dim\": 768, \"sample_size\": 64}\n";

static void test_model_index(void **state)
{
    mc_evidence_set *set = ev_text("model_index.json", index_xl);
    const mc_evidence *e;

    e = ev_find(set, MC_EV_ARCHITECTURE, "_class_name", "StableDiffusionXLPipeline");
    assert_non_null(e);
    assert_int_equal(e->span.line, 2);
    assert_null(e->component);
    assert_string_equal(e->family, "sdxl"); /* a pipeline class of one family */
    e = ev_find(set, MC_EV_CONFIG_NUMBER, "_diffusers_version", "0.24.0");
    assert_non_null(e);
    e = ev_find(set, MC_EV_COMPONENT, "text_encoder", "CLIPTextModel");
    assert_non_null(e);
    assert_string_equal(e->component, "text_encoder");
    assert_int_equal(e->span.line, 5);
    assert_non_null(ev_find(set, MC_EV_COMPONENT, "unet", "UNet2DConditionModel"));
    assert_null(ev_find(set, MC_EV_COMPONENT, "feature_extractor", NULL)); /* absent part */
    mc_evidence_free(set);
    (void)state;
}

static void test_component_configs(void **state)
{
    const file files[] = {
        {"model_index.json", index_xl},
        {"unet/config.json", unet_xl},
        {"text_encoder/config.json",
         "{\"_name_or_path\": \"openai/clip-vit-large-patch14\", \"architectures\": "
         "[\"CLIPTextModel\"], \"model_type\": \"clip_text_model\"}"},
        {"vae/config.json", "{\"_class_name\": \"AutoencoderKL\"}"},
    };
    mc_evidence_set *set = ev_files(files, sizeof(files) / sizeof(files[0]));
    const mc_evidence *e;

    e = ev_find(set, MC_EV_ARCHITECTURE, "_class_name", "UNet2DConditionModel");
    assert_non_null(e);
    assert_string_equal(e->component, "unet");
    assert_string_equal(e->family, "sdxl"); /* cross_attention_dim 2048, sample_size 128 */
    e = ev_find(set, MC_EV_NAME_OR_PATH, NULL, "stabilityai/stable-diffusion-xl-base-1.0");
    assert_non_null(e);
    assert_string_equal(e->component, "unet");
    assert_int_equal(e->span.line, 2);
    e = ev_find(set, MC_EV_CONFIG_NUMBER, "cross_attention_dim", NULL);
    assert_int_equal(e->number, 2048);
    e = ev_find(set, MC_EV_NAME_OR_PATH, NULL, "openai/clip-vit-large-patch14");
    assert_string_equal(e->component, "text_encoder");
    e = ev_find(set, MC_EV_ARCHITECTURE, NULL, "CLIPTextModel");
    assert_string_equal(e->component, "text_encoder");
    e = ev_find(set, MC_EV_ARCHITECTURE, "_class_name", "AutoencoderKL");
    assert_string_equal(e->component, "vae");
    assert_null(e->family);
    mc_evidence_free(set);
    (void)state;
}

/* StableDiffusionPipeline is shared by 1.x and 2.x: the UNet's values decide, and without
 * them the class names no family. A folder that is not a pipeline part is not one. */
static void test_shared_pipeline(void **state)
{
    const char *idx = "{\"_class_name\": \"StableDiffusionPipeline\", "
                      "\"unet\": [\"diffusers\", \"UNet2DConditionModel\"]}";
    const file sd15[] = {{"model_index.json", idx}, {"unet/config.json", unet_15}};
    const file sd2[] = {{"model_index.json", idx},
                        {"unet/config.json", "{\"_class_name\": \"UNet2DConditionModel\", "
                                             "\"cross_attention_dim\": 1024}"}};
    const file alone[] = {{"model_index.json", idx}};
    const file other[] = {{"weights/config.json", unet_15}};
    mc_evidence_set *set;
    const mc_evidence *e;

    set = ev_files(sd15, 2);
    e = ev_find(set, MC_EV_ARCHITECTURE, "_class_name", "StableDiffusionPipeline");
    assert_string_equal(e->family, "sd1.5");
    mc_evidence_free(set);

    set = ev_files(sd2, 2);
    e = ev_find(set, MC_EV_ARCHITECTURE, "_class_name", "StableDiffusionPipeline");
    assert_string_equal(e->family, "sd2");
    mc_evidence_free(set);

    set = ev_files(alone, 1);
    e = ev_find(set, MC_EV_ARCHITECTURE, "_class_name", "StableDiffusionPipeline");
    assert_null(e->family);
    mc_evidence_free(set);

    set = ev_files(other, 1);
    e = ev_find(set, MC_EV_ARCHITECTURE, "_class_name", "UNet2DConditionModel");
    assert_null(e->component);
    assert_string_equal(e->family, "sd1.5"); /* a UNet saved alone is still told apart */
    mc_evidence_free(set);
    (void)state;
}

static void test_transformers(void **state)
{
    const file flux[] = {{"model_index.json", "{\"_class_name\": \"FluxPipeline\"}"},
                         {"transformer/config.json",
                          "{\"_class_name\": \"FluxTransformer2DModel\", \"joint_attention_dim\": "
                          "4096}"}};
    const file sd3[] = {
        {"transformer/config.json", "{\"_class_name\": \"SD3Transformer2DModel\"}"}};
    mc_evidence_set *set;
    const mc_evidence *e;

    set = ev_files(flux, 2);
    e = ev_find(set, MC_EV_ARCHITECTURE, "_class_name", "FluxPipeline");
    assert_string_equal(e->family, "flux1");
    e = ev_find(set, MC_EV_ARCHITECTURE, "_class_name", "FluxTransformer2DModel");
    assert_string_equal(e->family, "flux1");
    assert_string_equal(e->component, "transformer");
    mc_evidence_free(set);

    set = ev_files(sd3, 1);
    e = ev_find(set, MC_EV_ARCHITECTURE, "_class_name", "SD3Transformer2DModel");
    assert_string_equal(e->family, "sd3");
    mc_evidence_free(set);
    (void)state;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_model_index),
        cmocka_unit_test(test_component_configs),
        cmocka_unit_test(test_shared_pipeline),
        cmocka_unit_test(test_transformers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
