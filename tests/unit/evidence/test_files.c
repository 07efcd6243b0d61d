/* Code headers, licences, merge configs, safetensors headers, mc_evidence_collect on a
 * directory, and every directory of the real corpus. */
#include "evtest.h"

#include "evidence/ev.h"
#include "mclint/families.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static void test_code_header(void **state)
{
    mc_evidence_set *set = ev_text(
        "modeling_acme.py",
        "# coding=utf-8\n"
        "# Copyright 2024 The Acme team, Acme Group and the HuggingFace Inc. team. All rights "
        "reserved.\n#\n# Licensed under the Apache License, Version 2.0\n\n"
        "# Copied from transformers.models.llama.modeling_llama.LlamaRMSNorm with Llama->Acme\n"
        "class AcmeRMSNorm:\n    pass\n"
        "# Copied from transformers.models.llama.modeling_llama.LlamaRMSNorm with Llama->Acme\n"
        "# Adapted from https://example.invalid/acme/model.py\n");
    const mc_evidence *e = ev_find(set, MC_EV_CODE_COPYRIGHT, NULL, NULL);

    assert_non_null(e);
    assert_string_equal(e->value, "The Acme team, Acme Group and the HuggingFace Inc. team");
    assert_int_equal(e->number, 2024);
    assert_int_equal(e->span.line, 2);
    assert_int_equal(e->span.col, 3);
    e = ev_find(set, MC_EV_CODE_COPIED, "copied_from", NULL);
    assert_non_null(e);
    assert_string_equal(e->value, "transformers.models.llama.modeling_llama.LlamaRMSNorm");
    assert_string_equal(e->family, "llama");
    assert_int_equal(e->span.line, 6);
    assert_int_equal(ev_count_kind(set, MC_EV_CODE_COPIED), 2); /* duplicate dropped */
    assert_non_null(
        ev_find(set, MC_EV_CODE_COPIED, "adapted_from", "https://example.invalid/acme/model.py"));
    mc_evidence_free(set);

    /* neighbour: a year-less "copyright" and a copied line past line 200 are not evidence */
    {
        char *t = malloc(300 * 20 + 200);
        size_t n = 0;

        n += (size_t)sprintf(t, "# the copyright notice below\n");
        for (int i = 0; i < 250; i++)
            n += (size_t)snprintf(t + n, 100, "x = %d\n", i);
        snprintf(t + n, 200, "# Copied from transformers.models.qwen2.modeling_qwen2.X\n");
        set = ev_text("configuration_acme.py", t);
        assert_int_equal(mc_evidence_count(set), 0);
        mc_evidence_free(set);
        free(t);
    }
}

static void test_licenses(void **state)
{
    struct {
        const char *text, *id;
    } cases[] = {
        {"   Apache License\n   Version 2.0, January 2004\n", "apache-2.0"},
        {"MIT License\n\nCopyright (c) 2025 Acme Corp\n\nPermission is hereby granted, free of "
         "charge, to any\nperson obtaining a copy of this software\n",
         "mit"},
        {"LLAMA 3.1 COMMUNITY\nLICENSE AGREEMENT\n", "llama3.1"},
        {"META LLAMA 3 COMMUNITY LICENSE AGREEMENT\n", "llama3"},
        {"K-EXAONE AI Model License Agreement\n", "k-exaone"},
        {"EXAONE AI Model License Agreement 1.1 - NC\n", "exaone"},
        {"Gemma Terms of Use\n", "gemma"},
        {"Tongyi Qianwen LICENSE AGREEMENT\n", "qwen"},
        {"Qwen RESEARCH LICENSE AGREEMENT\n", "qwen-research"},
        {"DEEPSEEK LICENSE AGREEMENT\n\nCopyright (c) 2023 DeepSeek\n", "deepseek"},
        {"Attribution-NonCommercial 4.0 International\n", "cc-by-nc-4.0"},
        {"Some words that name no licence at all.\n", "unknown"},
    };

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        mc_evidence_set *set = ev_text("LICENSE", cases[i].text);
        const mc_evidence *e = ev_find(set, MC_EV_LICENSE_FILE, NULL, NULL);

        assert_non_null(e);
        if (strcmp(e->value, cases[i].id) != 0)
            fail_msg("case %zu: %s, expected %s", i, e->value, cases[i].id);
        mc_evidence_free(set);
    }
    {
        mc_evidence_set *set = ev_text("NOTICE", "This product includes code.\n"
                                                 "Copyright (c) 2023 DeepSeek\n"
                                                 "Copyright [yyyy] [name of copyright owner]\n");
        const mc_evidence *e = ev_find(set, MC_EV_NOTICE, NULL, "DeepSeek");

        assert_non_null(e);
        assert_int_equal(e->span.line, 2);
        assert_int_equal(e->number, 2023);
        assert_int_equal(ev_count_kind(set, MC_EV_NOTICE), 1);     /* the placeholder is not one */
        assert_null(ev_find(set, MC_EV_LICENSE_FILE, NULL, NULL)); /* NOTICE names no licence */
        mc_evidence_free(set);
    }
    {
        const mc_family *f = mc_family_find("llama3");
        const mc_license *l;

        assert_int_equal(mc_families_load_error(), 0);
        assert_non_null(f);
        assert_string_equal(f->license_id, "llama3");
        assert_non_null(f->license);
        l = mc_license_find("llama3.1");
        assert_string_equal(l->name_prefix, "Llama");
        assert_string_equal(l->attribution, "Built with Llama");
        assert_true(l->n_obligations >= 4);
        assert_true(mc_license_find("exaone")->research_only);
        assert_null(mc_family_find("no-such-family"));
        assert_string_equal(mc_family_by_arch("Qwen2ForCausalLM", NULL)->id, "qwen2");
        assert_true(mc_family_count() > 30);
    }
}

static void test_merge(void **state)
{
    mc_evidence_set *set = ev_text("mergekit_config.yml",
                                   "slices:\n  - sources:\n      - model: acme-ai/Tiny-7B\n"
                                   "        layer_range: [0, 32]\n      - model: acme-ai/Other-7B\n"
                                   "        layer_range: [0, 32]\n"
                                   "merge_method: slerp\nbase_model: acme-ai/Tiny-7B\n"
                                   "models:\n  - model: acme-ai/Third-7B\n  - acme-ai/Fourth-7B\n");
    const mc_evidence *e = ev_find(set, MC_EV_MERGE_MODEL, "slices", "acme-ai/Other-7B");

    assert_non_null(e);
    assert_int_equal(e->span.line, 5);
    assert_int_equal(e->span.col, 16);
    assert_non_null(ev_find(set, MC_EV_MERGE_METHOD, NULL, "slerp"));
    assert_non_null(ev_find(set, MC_EV_MERGE_MODEL, "base_model", "acme-ai/Tiny-7B"));
    assert_non_null(ev_find(set, MC_EV_MERGE_MODEL, "models", "acme-ai/Third-7B"));
    assert_non_null(ev_find(set, MC_EV_MERGE_MODEL, "models", "acme-ai/Fourth-7B"));
    assert_int_equal(ev_count_kind(set, MC_EV_MERGE_MODEL), 5);
    mc_evidence_free(set);

    set = ev_text("mergekit_config.yml", "merge_method: [unclosed\n");
    assert_non_null(ev_find(set, MC_EV_UNREADABLE, NULL, NULL));
    mc_evidence_free(set);
    /* neighbour: the same YAML under another name is not read */
    set = ev_text("train_config.yml", "base_model: acme-ai/Tiny-7B\n");
    assert_int_equal(mc_evidence_count(set), 0);
    mc_evidence_free(set);
}

static size_t st_file(char *buf, const char *json, unsigned long long claimed, size_t data)
{
    size_t n = strlen(json);

    for (int i = 0; i < 8; i++)
        buf[i] = (char)((claimed >> (8 * i)) & 0xff);
    memcpy(buf + 8, json, n);
    memset(buf + 8 + n, 0, data);
    return 8 + n + data;
}

static void test_safetensors(void **state)
{
    static const char hdr[] =
        "{\"__metadata__\": {\"format\": \"pt\"}, "
        "\"model.layers.0.mlp.experts.3.w1.weight\": {\"dtype\": \"BF16\", \"shape\": [4, 8], "
        "\"data_offsets\": [0, 64]}, \"model.mtp.0.norm.weight\": {\"dtype\": \"F32\", \"shape\": "
        "[8], \"data_offsets\": [64, 96]}}";
    char buf[1024];
    size_t n = st_file(buf, hdr, strlen(hdr), 96);
    mc_evidence_set *set = ev_read("model.safetensors", buf, n);

    assert_int_equal(ev_find(set, MC_EV_PARAM_COUNT, "total", NULL)->number, 40);
    assert_int_equal(ev_find(set, MC_EV_PARAM_COUNT, "BF16", NULL)->number, 32);
    assert_int_equal(ev_find(set, MC_EV_PARAM_COUNT, "F32", NULL)->number, 8);
    assert_int_equal(ev_find(set, MC_EV_EXPERT_COUNT, NULL, NULL)->number, 4);
    assert_int_equal(ev_find(set, MC_EV_MTP_TENSORS, NULL, NULL)->number, 1);
    assert_null(ev_find(set, MC_EV_UNREADABLE, NULL, NULL));
    mc_evidence_free(set);

    /* a lying header length: bigger than the file, or absurd */
    n = st_file(buf, hdr, 1ULL << 40, 8);
    set = ev_read("model.safetensors", buf, n);
    assert_non_null(ev_find(set, MC_EV_UNREADABLE, NULL, NULL));
    assert_null(ev_find(set, MC_EV_PARAM_COUNT, NULL, NULL));
    mc_evidence_free(set);
    n = st_file(buf, hdr, strlen(hdr) + 500, 8);
    set = ev_read("model.safetensors", buf, n);
    assert_non_null(strstr(ev_find(set, MC_EV_UNREADABLE, NULL, NULL)->value, "exceeds"));
    mc_evidence_free(set);
    n = st_file(buf, hdr, strlen(hdr) - 10, 8); /* cut inside the JSON */
    set = ev_read("model.safetensors", buf, n);
    assert_non_null(ev_find(set, MC_EV_UNREADABLE, NULL, NULL));
    mc_evidence_free(set);
    set = ev_read("model.safetensors", "abc", 3);
    assert_non_null(ev_find(set, MC_EV_UNREADABLE, NULL, NULL));
    mc_evidence_free(set);
}

/* The header is walked in place: every malformed JSON is one unreadable item, and the
 * same header written validly (escapes, nesting in the metadata, white space) is read. */
static void test_safetensors_walk(void **state)
{
    static const char *const bad[] = {
        "{\"a\": {\"dtype\": \"F16\", \"shape\": [1, 2,]}}",
        "{\"a\": {\"dtype\": \"F16\", \"shape\": [1, 2]},}",
        "{\"a\": {\"dtype\": \"F\\q16\", \"shape\": [1]}}",
        "{\"a\": {\"dtype\": \"F16\", \"shape\": [01]}}",
        "{\"a\": {\"dtype\": \"F16\" \"shape\": [1]}}",
        "{\"a\": {\"dtype\": \"\\ud800\", \"shape\": [1]}}",
        "{\"__metadata__\": "
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]], "
        "\"a\": nul}",
        "{\"a\": {\"dtype\": \"F16\", \"shape\": [1, 2]}",
    };
    static const char good[] =
        "{ \"__metadata__\" : {\"x\": [[{}], [], \"\\u00e9\\ud83d\\ude00\", -1.5e3, true, null]},\n"
        "  \"model.experts.\\u0031.w\" : { \"data_offsets\": [0, 2], \"shape\": [ 2 , 3 ],"
        " \"dtype\": \"BF16\" } }  ";
    char buf[1024];
    size_t n;
    mc_evidence_set *set;

    (void)state;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        n = st_file(buf, bad[i], strlen(bad[i]), 8);
        set = ev_read("model.safetensors", buf, n);
        if (ev_find(set, MC_EV_UNREADABLE, NULL, NULL) == NULL)
            fail_msg("header %zu read as valid: %s", i, bad[i]);
        assert_null(ev_find(set, MC_EV_PARAM_COUNT, NULL, NULL));
        mc_evidence_free(set);
    }
    n = st_file(buf, good, strlen(good), 8);
    set = ev_read("model.safetensors", buf, n);
    assert_null(ev_find(set, MC_EV_UNREADABLE, NULL, NULL));
    assert_int_equal(ev_find(set, MC_EV_PARAM_COUNT, "BF16", NULL)->number, 6);
    assert_int_equal(ev_find(set, MC_EV_EXPERT_COUNT, NULL, NULL)->number, 2);
    mc_evidence_free(set);
}

static void test_collect_dir(void **state)
{
    char *dir = tu_mkdtemp();
    mc_source *src = NULL;
    mc_source_options opts = MC_SOURCE_OPTIONS_INIT;
    mc_evidence_set *set = NULL;
    char buf[4096], path[4200];
    static const char hdr[] = "{\"w\": {\"dtype\": \"F16\", \"shape\": [10, 10], \"data_offsets\": "
                              "[0, 200]}}";
    size_t n;
    const mc_evidence *e;

    tu_write(dir, "m/config.json", "{\"architectures\": [\"LlamaForCausalLM\"]}");
    tu_write(dir, "m/tokenizer.model",
             "version https://git-lfs.github.com/spec/v1\noid sha256:ab\nsize 500000\n");
    tu_write(dir, "m/sub/config.json", "{\"model_type\": \"gemma\"}");
    tu_write(dir, "m/README.md", "---\nlicense: mit\n---\n");
    tu_write(dir, "outside.json", "{\"model_type\": \"qwen2\"}");
    n = st_file(buf, hdr, strlen(hdr), 1400); /* over 1 KiB: read through the header path */
    tu_write_len(dir, "m/model.safetensors", buf, n);
    snprintf(path, sizeof(path), "%s/m/tokenizer.json", dir);
    assert_int_equal(symlink("/etc/passwd", path), 0); /* never followed */

    opts.kind = MC_SOURCE_DIR;
    assert_int_equal(mc_source_open(&src, dir, &opts), 0);
    assert_int_equal(mc_evidence_collect(&set, src, "m"), 0);
    ev_dump(set, "collect m");
    assert_non_null(ev_find(set, MC_EV_ARCHITECTURE, NULL, "LlamaForCausalLM"));
    assert_null(ev_find(set, MC_EV_MODEL_TYPE, NULL, "gemma")); /* not the subfolder's */
    assert_null(ev_find(set, MC_EV_MODEL_TYPE, NULL, "qwen2"));
    e = ev_find(set, MC_EV_LFS_POINTER, "tokenizer.model", NULL);
    assert_non_null(e);
    assert_string_equal(e->file, "m/tokenizer.model");
    assert_int_equal(ev_find(set, MC_EV_PARAM_COUNT, "total", NULL)->number, 100);
    for (size_t i = 0; i < mc_evidence_count(set); i++)
        assert_null(
            strstr(mc_evidence_at(set, i)->value ? mc_evidence_at(set, i)->value : "", "root:"));
    mc_evidence_free(set);
    mc_source_free(src);
    tu_rmtree(dir);
    free(dir);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;

    if (f == NULL)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)n + 1);
    *len = fread(buf, 1, (size_t)n, f);
    fclose(f);
    return buf;
}

static void read_tree(mc_evidence_set *set, const char *abs, const char *rel, int depth)
{
    DIR *d = opendir(abs);
    struct dirent *de;

    if (d == NULL || depth > 4) {
        if (d)
            closedir(d);
        return;
    }
    while ((de = readdir(d)) != NULL) {
        char a[4400], r[4400];
        struct stat st;

        if (de->d_name[0] == '.')
            continue;
        snprintf(a, sizeof(a), "%s/%s", abs, de->d_name);
        snprintf(r, sizeof(r), "%s%s%s", rel, *rel ? "/" : "", de->d_name);
        if (lstat(a, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            read_tree(set, a, r, depth + 1);
        } else if (S_ISREG(st.st_mode) && mc_evidence_wants(r)) {
            size_t len = 0;
            char *data = slurp(a, &len);

            if (data) {
                assert_int_equal(mc_evidence_read_buffer(set, r, data, len), 0);
                free(data);
            }
        }
    }
    closedir(d);
}

static void test_corpus(void **state)
{
    const char *corpus = tu_corpus();
    char real[1024];
    DIR *d;
    struct dirent *de;
    size_t dirs = 0, items = 0;

    if (corpus == NULL) {
        printf("corpus not found: test_corpus skipped\n");
        skip();
    }
    snprintf(real, sizeof(real), "%s/real", corpus);
    d = opendir(real);
    if (d == NULL) {
        printf("%s not found: test_corpus skipped\n", real);
        skip();
    }
    while ((de = readdir(d)) != NULL) {
        char abs[1400];
        mc_evidence_set *set = NULL;

        if (de->d_name[0] == '.')
            continue;
        snprintf(abs, sizeof(abs), "%s/%s", real, de->d_name);
        assert_int_equal(mc_evidence_new(&set), 0);
        read_tree(set, abs, de->d_name, 0);
        assert_int_equal(mc_evidence_finish(set), 0);
        dirs++;
        items += mc_evidence_count(set);
        if (strcmp(de->d_name, "falcon-180b-chat") == 0) {
            ev_dump(set, de->d_name);
            assert_string_equal(ev_find(set, MC_EV_ARCHITECTURE, NULL, NULL)->family, "falcon");
            assert_string_equal(ev_find(set, MC_EV_TOKENIZER_FAMILY, NULL, NULL)->family, "falcon");
        } else if (strcmp(de->d_name, "gem2-14b-korean-rag-qlora") == 0) {
            ev_dump(set, de->d_name);
            assert_non_null(ev_find(set, MC_EV_ADAPTER_BASE, NULL, NULL));
            assert_string_equal(ev_find(set, MC_EV_TOKENIZER_FAMILY, NULL, NULL)->family, "llama3");
        } else if (strcmp(de->d_name, "deepseek-v3") == 0 || strcmp(de->d_name, "llama3_1") == 0 ||
                   strcmp(de->d_name, "exaone-3.5") == 0) {
            ev_dump(set, de->d_name);
        }
        mc_evidence_free(set);
    }
    closedir(d);
    printf("corpus: %zu directories read, %zu items\n", dirs, items);
    assert_true(dirs >= 50);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_code_header),
        cmocka_unit_test(test_licenses),
        cmocka_unit_test(test_merge),
        cmocka_unit_test(test_safetensors),
        cmocka_unit_test(test_safetensors_walk),
        cmocka_unit_test(test_collect_dir),
        cmocka_unit_test(test_corpus),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
