/* Licences of particular models (rules/licenses.yaml, models): by size and version. */
#include "testutil.h"

#include "evidence/ev.h"
#include "mclint/families.h"

#include <string.h>

static const char *lic(const char *id)
{
    const mc_model_license *m = mc_license_for_model(id);

    return m ? m->license_id : NULL;
}

static void test_qwen_sizes(void **state)
{
    assert_string_equal(lic("Qwen/Qwen2.5-7B-Instruct"), "apache-2.0");
    assert_string_equal(lic("Qwen/Qwen2.5-0.5B"), "apache-2.0");
    assert_string_equal(lic("Qwen/Qwen2.5-32B-Instruct"), "apache-2.0");
    assert_string_equal(lic("Qwen/Qwen2.5-3B-Instruct"), "qwen-research");
    assert_string_equal(lic("Qwen/Qwen2.5-72B"), "qwen");
    assert_string_equal(lic("qwen2.5-14b"), "apache-2.0"); /* case-insensitive, no org */
    assert_null(lic("Qwen/Qwen2.5-VL-7B-Instruct"));       /* another model, not a size */
    assert_null(lic("Qwen/Qwen2.5-7Bx"));
    (void)state;
}

static void test_llama_versions(void **state)
{
    assert_string_equal(lic("meta-llama/Llama-2-7b-hf"), "llama2");
    assert_string_equal(lic("meta-llama/Meta-Llama-3-8B-Instruct"), "llama3");
    assert_string_equal(lic("meta-llama/Llama-3.1-8B-Instruct"), "llama3.1");
    assert_string_equal(lic("meta-llama/Meta-Llama-3.1-70B"), "llama3.1");
    assert_string_equal(lic("Llama 3.1 8B"), "llama3.1"); /* a name in words */
    assert_string_equal(lic("meta-llama/Llama-3.2-1B"), "llama3.2");
    assert_string_equal(lic("meta-llama/Llama-3.3-70B-Instruct"), "llama3.3");
    assert_null(lic("acme-ai/Llama-30-Tiny"));
    (void)state;
}

static void test_gemma_versions(void **state)
{
    const mc_model_license *m = mc_license_for_model("google/gemma-2-9b-it");

    assert_non_null(m);
    assert_string_equal(m->license_id, "gemma");
    assert_non_null(m->license);
    assert_non_null(m->source);
    assert_string_equal(lic("google/gemma-7b"), "gemma");
    assert_string_equal(lic("google/gemma-1.1-2b-it"), "gemma");
    assert_string_equal(lic("google/gemma-3-4b-it"), "gemma");
    assert_null(lic("google/codegemma-7b"));
    (void)state;
}

/* diffusion models: the licence is the release's, not the architecture's */
static void test_diffusion_releases(void **state)
{
    const mc_license *l;

    assert_string_equal(lic("black-forest-labs/FLUX.1-dev"), "flux-1-dev-non-commercial-license");
    assert_string_equal(lic("black-forest-labs/FLUX.1-Fill-dev"),
                        "flux-1-dev-non-commercial-license");
    assert_string_equal(lic("black-forest-labs/FLUX.1-schnell"), "apache-2.0");
    assert_string_equal(lic("stabilityai/stable-diffusion-3.5-large"), "stabilityai-ai-community");
    assert_string_equal(lic("stabilityai/stable-diffusion-3-medium-diffusers"),
                        "stabilityai-ai-community");
    assert_string_equal(lic("stabilityai/stable-diffusion-xl-base-1.0"), "openrail++");
    assert_string_equal(lic("stabilityai/stable-diffusion-2-1-base"), "openrail++");
    assert_string_equal(lic("stable-diffusion-v1-5/stable-diffusion-v1-5"),
                        "creativeml-openrail-m");
    assert_string_equal(lic("CompVis/stable-diffusion-v1-4"), "creativeml-openrail-m");
    /* close neighbours that are other releases under other terms */
    assert_null(lic("stabilityai/sdxl-turbo"));
    assert_null(lic("black-forest-labs/FLUX.1-pro"));
    assert_null(lic("acme-ai/stable-diffusion-xl-anime"));
    /* what the licences ask */
    l = mc_license_find("flux-1-dev-non-commercial-license");
    assert_non_null(l);
    assert_true(l->research_only && !l->commercial);
    l = mc_license_find("stabilityai-ai-community");
    assert_non_null(l);
    assert_true(l->commercial && !l->research_only);
    assert_string_equal(l->attribution, "Powered by Stability AI");
    (void)state;
}

/* every entry names a known licence and says where it comes from */
static void test_entries_sourced(void **state)
{
    const char *ids[] = {"Qwen/Qwen2.5-7B",
                         "Qwen/Qwen2.5-3B",
                         "Qwen/Qwen2.5-72B",
                         "Qwen/Qwen2-7B",
                         "Qwen/Qwen2-72B",
                         "meta-llama/Llama-2-7b",
                         "Llama-3-8B",
                         "Llama-3.1-8B",
                         "Llama-3.2-3B",
                         "Llama-3.3-70B",
                         "google/gemma-2b",
                         "FLUX.1-dev",
                         "FLUX.1-schnell",
                         "stable-diffusion-3.5-large",
                         "stable-diffusion-xl-base-1.0",
                         "stable-diffusion-2-1",
                         "stable-diffusion-v1-5"};

    assert_int_equal(mc_families_load_error(), 0);
    for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
        const mc_model_license *m = mc_license_for_model(ids[i]);
        assert_non_null(m);
        assert_non_null(m->license);
        assert_non_null(m->source);
        assert_true(strlen(m->source) > 10);
    }
    (void)state;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_qwen_sizes),      cmocka_unit_test(test_llama_versions),
        cmocka_unit_test(test_gemma_versions),  cmocka_unit_test(test_diffusion_releases),
        cmocka_unit_test(test_entries_sourced),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
