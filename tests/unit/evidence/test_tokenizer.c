/* tokenizer.json (streaming scanner), tokenizer_config.json, special tokens and family
 * matching. */
#include "evtest.h"

#include "evidence/tokscan.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

static const char tok_llama3[] =
    "{\n  \"version\": \"1.0\",\n  \"added_tokens\": [\n"
    "    {\"id\": 128000, \"content\": \"<|begin_of_text|>\", \"special\": true},\n"
    "    {\"id\": 128009, \"content\": \"<|eot_id|>\", \"special\": true},\n"
    "    {\"id\": 128010, \"content\": \"plain\", \"special\": false}\n  ],\n"
    "  \"model\": {\n    \"type\": \"BPE\",\n"
    "    \"vocab\": {\"a\": 0, \"b\": 1, \"ab\": 2, \"\\u00e9\\ud83d\\ude00\": 3},\n"
    "    \"merges\": [\"a b\", \"ab c\"]\n  }\n}\n";

static void scan_chunks(mc_tokscan *s, const char *t, size_t len, size_t chunk)
{
    mc_tokscan_init(s);
    for (size_t off = 0; off < len; off += chunk)
        mc_tokscan_feed(s, t + off, len - off < chunk ? len - off : chunk);
    mc_tokscan_finish(s);
}

static void test_scan_basic(void **state)
{
    mc_tokscan *a = malloc(sizeof(*a)), *b = malloc(sizeof(*b));
    size_t len = strlen(tok_llama3);

    scan_chunks(a, tok_llama3, len, len);
    assert_false(a->error);
    assert_string_equal(a->model_type, "BPE");
    assert_int_equal(a->model_type_line, 9);
    assert_int_equal(a->vocab, 4);
    assert_int_equal(a->merges, 2);
    assert_int_equal(a->added, 3);
    assert_int_equal(a->max_added_id, 128010);
    assert_int_equal(a->n_special, 2);
    assert_string_equal(a->special[0].content, "<|begin_of_text|>");
    assert_int_equal(a->special[0].id, 128000);
    assert_int_equal(a->special[0].line, 4);
    assert_int_equal(a->special[0].col, 31);
    /* the same in 1-byte and 7-byte chunks */
    for (size_t chunk = 1; chunk <= 7; chunk += 6) {
        scan_chunks(b, tok_llama3, len, chunk);
        assert_false(b->error);
        assert_true(a->hash == b->hash);
        assert_int_equal(b->vocab, a->vocab);
        assert_int_equal(b->merges, a->merges);
        assert_int_equal(b->n_special, a->n_special);
        assert_string_equal(b->special[1].content, a->special[1].content);
        assert_int_equal(b->special[1].col, a->special[1].col);
    }
    free(a);
    free(b);
}

static void test_scan_merge_forms(void **state)
{
    static const char s1[] = "{\"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": 0}, "
                             "\"merges\": [\"a b\", \"c d\"]}}";
    static const char s2[] = "{\"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": 0}, "
                             "\"merges\": [[\"a\", \"b\"], [\"c\", \"d\"]]}}";
    static const char s3[] = "{\"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": 0}, "
                             "\"merges\": [\"a b\", \"c e\"]}}";
    mc_tokscan *a = malloc(sizeof(*a)), *b = malloc(sizeof(*b));

    scan_chunks(a, s1, strlen(s1), 3);
    scan_chunks(b, s2, strlen(s2), 5);
    assert_false(a->error);
    assert_false(b->error);
    assert_int_equal(b->merges, 2);
    assert_true(a->hash == b->hash); /* both serialisations agree */
    scan_chunks(b, s3, strlen(s3), 1);
    assert_true(a->hash != b->hash); /* a different merge does not */
    free(a);
    free(b);
}

static void test_scan_unigram(void **state)
{
    static const char u[] = "{\"model\": {\"type\": \"Unigram\", \"unk_id\": 0, \"vocab\": "
                            "[[\"<unk>\", 0.0], [\"\\u2581the\", -3.5], [\"x\", -1e3]]}}";
    mc_tokscan *s = malloc(sizeof(*s));

    scan_chunks(s, u, strlen(u), 2);
    assert_false(s->error);
    assert_string_equal(s->model_type, "Unigram");
    assert_int_equal(s->vocab, 3);
    assert_int_equal(s->merges, -1);
    free(s);
}

static void expect_scan_error(const char *t, size_t len, const char *why)
{
    mc_tokscan *s = malloc(sizeof(*s));

    scan_chunks(s, t, len, 1);
    assert_true(s->error);
    if (why && strstr(s->message, why) == NULL)
        fail_msg("expected '%s', got '%s'", why, s->message);
    free(s);
}

static void test_scan_malformed(void **state)
{
    char *deep = malloc(200);

    expect_scan_error("", 0, "truncated");
    expect_scan_error(tok_llama3, strlen(tok_llama3) - 5, "truncated");
    expect_scan_error("[1]", 3, "not a JSON object");
    expect_scan_error("{\"a\": 1} x", 10, "after");
    expect_scan_error("{\"a\": 1,}", 9, "expected a key");
    expect_scan_error("{\"a\" 1}", 7, "expected ':'");
    expect_scan_error("{\"a\": tru}", 10, "invalid literal");
    expect_scan_error("{\"a\": \"\\x\"}", 11, "bad escape");
    expect_scan_error("{\"a\": \"\\u12G4\"}", 15, "bad \\u");
    expect_scan_error("{\"a\": 1]", 8, "mismatched");
    expect_scan_error("{\"a\": \0}", 8, "binary");
    memset(deep, '[', 199);
    deep[0] = '{';
    memcpy(deep, "{\"a\":", 5);
    expect_scan_error(deep, 199, "too deep");
    free(deep);
}

static void test_tokenizer_json_items(void **state)
{
    mc_evidence_set *set = ev_text("tokenizer.json", tok_llama3);
    const mc_evidence *e;

    assert_non_null(ev_find(set, MC_EV_TOKENIZER_MODEL, NULL, "BPE"));
    assert_int_equal(ev_find(set, MC_EV_TOKENIZER_COUNT, "vocab", NULL)->number, 4);
    assert_int_equal(ev_find(set, MC_EV_TOKENIZER_COUNT, "merges", NULL)->number, 2);
    assert_int_equal(ev_find(set, MC_EV_VOCAB_SIZE, "tokenizer.json", NULL)->number, 128011);
    assert_non_null(ev_find(set, MC_EV_TOKENIZER_HASH, NULL, NULL));
    e = ev_find(set, MC_EV_SPECIAL_TOKEN, NULL, "<|eot_id|>");
    assert_non_null(e);
    assert_int_equal(e->span.line, 5);
    assert_null(ev_find(set, MC_EV_SPECIAL_TOKEN, NULL, "plain"));
    /* two Llama 3 special tokens: a match, though the size differs */
    e = ev_find(set, MC_EV_TOKENIZER_FAMILY, "special_token", NULL);
    assert_non_null(e);
    assert_string_equal(e->family, "llama3");
    assert_non_null(strstr(e->value, "<|begin_of_text|>"));
    mc_evidence_free(set);
    set = ev_text("tokenizer.json", "{\"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": 0");
    e = ev_find(set, MC_EV_UNREADABLE, NULL, NULL);
    assert_non_null(e);
    assert_non_null(strstr(e->value, "truncated"));
    mc_evidence_free(set);
}

/* A tokenizer with 128256 entries and Llama 3's tokens vs the same size without them. */
static char *big_tokenizer(long long entries, bool llama_tokens, size_t *len)
{
    size_t cap = (size_t)entries * 32 + 4096, n = 0;
    char *t = malloc(cap);

    n += (size_t)snprintf(t + n, cap - n, "{\"added_tokens\": [");
    if (llama_tokens)
        n += (size_t)snprintf(t + n, cap - n,
                              "{\"id\": %lld, \"content\": \"<|begin_of_text|>\", \"special\": "
                              "true}",
                              entries - 256);
    else
        n += (size_t)snprintf(t + n, cap - n,
                              "{\"id\": %lld, \"content\": \"<s>\", \"special\": true}",
                              entries - 256);
    n += (size_t)snprintf(t + n, cap - n, "], \"model\": {\"type\": \"BPE\", \"vocab\": {");
    for (long long i = 0; i < entries; i++)
        n += (size_t)snprintf(t + n, cap - n, "%s\"t%llx\": %lld", i ? ", " : "", i, i);
    n += (size_t)snprintf(t + n, cap - n, "}, \"merges\": []}}");
    *len = n;
    return t;
}

static void test_family_match_vs_size(void **state)
{
    size_t len;
    char *t = big_tokenizer(128256, true, &len);
    mc_evidence_set *set = ev_read("tokenizer.json", t, len);
    const mc_evidence *e = ev_find(set, MC_EV_TOKENIZER_FAMILY, NULL, NULL);

    assert_non_null(e);
    assert_string_equal(e->key, "special_token");
    assert_string_equal(
        e->value, "tokenizer matches Llama 3 (special token <|begin_of_text|>; 128256 entries)");
    assert_int_equal(e->number, 128256);
    mc_evidence_free(set);
    free(t);

    t = big_tokenizer(128256, false, &len);
    set = ev_read("tokenizer.json", t, len);
    e = ev_find(set, MC_EV_TOKENIZER_FAMILY, NULL, NULL);
    assert_non_null(e);
    assert_string_equal(e->key, "vocab_size_only");
    assert_non_null(strstr(e->value, "weak"));
    assert_null(ev_find(set, MC_EV_TOKENIZER_FAMILY, "special_token", NULL));
    mc_evidence_free(set);
    free(t);
}

static void test_tokenizer_config(void **state)
{
    mc_evidence_set *set = ev_text(
        "tokenizer_config.json",
        "{\n  \"added_tokens_decoder\": {\n    \"151644\": {\"content\": \"<|im_start|>\", "
        "\"special\": true},\n    \"151646\": {\"content\": \"<|object_ref_start|>\", \"special\": "
        "true},\n    \"9\": {\"content\": \"word\", \"special\": false}\n  },\n"
        "  \"bos_token\": null,\n  \"eos_token\": {\"content\": \"<|im_end|>\"},\n"
        "  \"model_max_length\": 131072,\n  \"tokenizer_class\": \"Qwen2Tokenizer\"\n}\n");
    const mc_evidence *e =
        ev_find(set, MC_EV_SPECIAL_TOKEN, "added_tokens_decoder", "<|im_start|>");

    assert_non_null(e);
    assert_int_equal(e->number, 151644);
    assert_int_equal(e->span.line, 3);
    assert_int_equal(e->span.col, 16);
    assert_null(ev_find(set, MC_EV_SPECIAL_TOKEN, NULL, "word"));
    assert_non_null(ev_find(set, MC_EV_SPECIAL_TOKEN, "eos_token", "<|im_end|>"));
    assert_null(ev_find(set, MC_EV_SPECIAL_TOKEN, "bos_token", NULL));
    assert_int_equal(ev_find(set, MC_EV_TOKENIZER_COUNT, "model_max_length", NULL)->number, 131072);
    e = ev_find(set, MC_EV_TOKENIZER_CLASS, NULL, "Qwen2Tokenizer");
    assert_non_null(e);
    assert_int_equal(e->span.line, 10);
    e = ev_find(set, MC_EV_TOKENIZER_FAMILY, NULL, NULL);
    assert_non_null(e);
    assert_string_equal(e->family, "qwen2");
    mc_evidence_free(set);

    /* ChatML tokens alone (a fine-tune adding <|im_start|>) are not a Qwen match */
    set = ev_text("special_tokens_map.json",
                  "{\"additional_special_tokens\": [\"<|im_start|>\", \"<|im_end|>\"]}");
    assert_non_null(ev_find(set, MC_EV_SPECIAL_TOKEN, "additional_special_tokens", "<|im_end|>"));
    assert_null(ev_find(set, MC_EV_TOKENIZER_FAMILY, NULL, NULL));
    mc_evidence_free(set);

    set = ev_text("added_tokens.json", "{\"<|im_start|>\": 32000, \"<pad>\": 32001}");
    assert_int_equal(ev_find(set, MC_EV_SPECIAL_TOKEN, "added_tokens", "<pad>")->number, 32001);
    mc_evidence_free(set);
}

static void test_lfs_pointer(void **state)
{
    static const char ptr[] = "version https://git-lfs.github.com/spec/v1\n"
                              "oid sha256:4f1a2b3c\nsize 4241003\n";
    static const char huge[] = "version https://git-lfs.github.com/spec/v1\n"
                               "oid sha256:00\nsize 1234567890123456789012\n";
    mc_evidence_set *set = ev_text("tokenizer.model", ptr);
    const mc_evidence *e = ev_find(set, MC_EV_LFS_POINTER, NULL, NULL);

    assert_non_null(e);
    assert_string_equal(e->key, "tokenizer.model");
    assert_string_equal(e->value, "4f1a2b3c");
    assert_int_equal(e->number, 4241003);
    mc_evidence_free(set);
    set = ev_text("tokenizer.json", ptr);
    assert_non_null(ev_find(set, MC_EV_LFS_POINTER, "tokenizer.json", NULL));
    assert_null(ev_find(set, MC_EV_UNREADABLE, NULL, NULL));
    mc_evidence_free(set);
    set = ev_text("model.safetensors", huge);
    assert_int_equal(ev_find(set, MC_EV_LFS_POINTER, NULL, NULL)->number, -1);
    mc_evidence_free(set);
    /* neighbour: text that merely mentions LFS is not a pointer */
    set = ev_text("tokenizer.json", "{\"note\": \"version https://git-lfs.github.com/spec/v1\"}");
    assert_null(ev_find(set, MC_EV_LFS_POINTER, NULL, NULL));
    mc_evidence_free(set);
}

static long peak_rss_kb(void)
{
    struct rusage ru;

    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

/* 50 MB tokenizer.json streamed through the scanner from a file in 64 KiB reads. */
static void test_50mb_measurement(void **state)
{
    char *dir = tu_mkdtemp(), path[4200], *chunk = malloc(65536);
    FILE *f;
    mc_tokscan *s = malloc(sizeof(*s));
    long long entries = 0;
    size_t total = 0, r;
    long rss0, rss1;
    struct timespec t0, t1;

    snprintf(path, sizeof(path), "%s/tokenizer.json", dir);
    f = fopen(path, "wb");
    assert_non_null(f);
    fputs("{\"added_tokens\": [], \"model\": {\"type\": \"BPE\", \"vocab\": {", f);
    while (total < 25u << 20) {
        int n = fprintf(f, "%s\"tok\\u00e9%lld\": %lld", entries ? ", " : "", entries, entries);
        total += (size_t)n;
        entries++;
    }
    fputs("}, \"merges\": [", f);
    for (long long i = 0; total < 50u << 20; i++)
        total += (size_t)fprintf(f, "%s\"tok%lld tok%lld\"", i ? ", " : "", i, i + 1);
    fputs("]}}", f);
    fclose(f);

    rss0 = peak_rss_kb();
    clock_gettime(CLOCK_MONOTONIC, &t0);
    f = fopen(path, "rb");
    mc_tokscan_init(s);
    while ((r = fread(chunk, 1, 65536, f)) > 0)
        mc_tokscan_feed(s, chunk, r);
    fclose(f);
    assert_true(mc_tokscan_finish(s));
    clock_gettime(CLOCK_MONOTONIC, &t1);
    rss1 = peak_rss_kb();
    assert_int_equal(s->vocab, entries);
    printf("tokenizer.json %zu bytes: %lld vocab entries, %lld merges, %.2f s, peak RSS %ld KiB "
           "before / %ld KiB after (scanner state %zu bytes)\n",
           total, s->vocab, s->merges,
           (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, rss0, rss1,
           sizeof(*s));
    assert_true(rss1 - rss0 < 8 * 1024); /* streaming: no growth with the file */
    free(s);
    free(chunk);
    tu_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scan_basic),           cmocka_unit_test(test_scan_merge_forms),
        cmocka_unit_test(test_scan_unigram),         cmocka_unit_test(test_scan_malformed),
        cmocka_unit_test(test_tokenizer_json_items), cmocka_unit_test(test_family_match_vs_size),
        cmocka_unit_test(test_tokenizer_config),     cmocka_unit_test(test_lfs_pointer),
        cmocka_unit_test(test_50mb_measurement),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
