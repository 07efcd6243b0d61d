/* GGUF headers: files built here by a tiny writer, read from buffers, from a directory
 * (a sparse multi-gigabyte file costs its header only) and from git objects; truncated,
 * lying and oversized headers become one unreadable item. */
#include "evtest.h"

#include "evidence/ev.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define GIT "git -c user.name=t -c user.email=t@example.invalid -c init.defaultBranch=main"

/* ---- a tiny GGUF writer ---- */

typedef struct {
    unsigned char *p;
    size_t len, cap;
} gw;

static void gw_bytes(gw *w, const void *d, size_t n)
{
    if (w->len + n > w->cap) {
        w->cap = (w->len + n) * 2 + 64;
        w->p = realloc(w->p, w->cap);
        assert_non_null(w->p);
    }
    memcpy(w->p + w->len, d, n);
    w->len += n;
}

static void gw_le(gw *w, unsigned long long v, int n)
{
    unsigned char b[8];

    for (int i = 0; i < n; i++)
        b[i] = (unsigned char)(v >> (8 * i));
    gw_bytes(w, b, (size_t)n);
}

static void gw_str(gw *w, const char *s)
{
    gw_le(w, strlen(s), 8);
    gw_bytes(w, s, strlen(s));
}

static void gw_header(gw *w, unsigned version, unsigned long long tensors, unsigned long long kv)
{
    gw_bytes(w, "GGUF", 4);
    gw_le(w, version, 4);
    gw_le(w, tensors, 8);
    gw_le(w, kv, 8);
}

static void gw_kv_str(gw *w, const char *k, const char *v)
{
    gw_str(w, k);
    gw_le(w, 8, 4);
    gw_str(w, v);
}

static void gw_kv_u32(gw *w, const char *k, unsigned v)
{
    gw_str(w, k);
    gw_le(w, 4, 4);
    gw_le(w, v, 4);
}

static void gw_kv_strs(gw *w, const char *k, const char *const *v, size_t n)
{
    gw_str(w, k);
    gw_le(w, 9, 4);
    gw_le(w, 8, 4);
    gw_le(w, n, 8);
    for (size_t i = 0; i < n; i++)
        gw_str(w, v[i]);
}

static void gw_kv_i32s(gw *w, const char *k, const int *v, size_t n)
{
    gw_str(w, k);
    gw_le(w, 9, 4);
    gw_le(w, 5, 4);
    gw_le(w, n, 8);
    for (size_t i = 0; i < n; i++)
        gw_le(w, (unsigned)v[i], 4);
}

static const char *const tokens[] = {"<|begin_of_text|>",   "<|end_of_text|>", "hello", "world",
                                     "<|start_header_id|>", "<|eot_id|>"};
static const int types[] = {3, 3, 1, 1, 3, 3};

/* A llama GGUF naming a base model, quantized Q4_K_M, with a Llama 3 style tokenizer. */
static gw llama_file(unsigned version)
{
    gw w = {0};
    static const char *const merges[] = {"h e", "l l"};

    gw_header(&w, version, 0, 17);
    gw_kv_str(&w, "general.architecture", "llama");
    gw_kv_str(&w, "general.name", "Tiny Llama 8B");
    gw_kv_u32(&w, "general.base_model.count", 2);
    gw_kv_str(&w, "general.base_model.0.name", "Llama 3.1 8B");
    gw_kv_str(&w, "general.base_model.0.organization", "Meta Llama");
    gw_kv_str(&w, "general.base_model.0.repo_url", "https://example.org/meta-llama/Llama-3.1-8B");
    gw_kv_str(&w, "general.base_model.1.name", "Other Base");
    gw_kv_str(&w, "general.license", "llama3.1");
    gw_kv_str(&w, "general.quantized_by", "Acme");
    gw_kv_u32(&w, "general.file_type", 15);
    gw_kv_u32(&w, "llama.expert_count", 8);
    gw_kv_str(&w, "tokenizer.ggml.model", "gpt2");
    gw_kv_strs(&w, "tokenizer.ggml.tokens", tokens, 6);
    gw_kv_i32s(&w, "tokenizer.ggml.token_type", types, 6);
    gw_kv_strs(&w, "tokenizer.ggml.merges", merges, 2);
    gw_kv_u32(&w, "tokenizer.ggml.bos_token_id", 0);
    gw_kv_u32(&w, "tokenizer.ggml.eos_token_id", 5);
    return w;
}

static mc_evidence_set *read_gw(const gw *w, size_t len)
{
    /* an exact-size copy, so that a sanitizer sees any read past the end */
    char *copy = malloc(len ? len : 1);
    mc_evidence_set *set;

    assert_non_null(copy);
    memcpy(copy, w->p, len);
    set = ev_read("m/model-Q4_K_M.gguf", copy, len);
    free(copy);
    return set;
}

static void check_llama(mc_evidence_set *set)
{
    const mc_evidence *e;

    assert_int_equal(ev_count_kind(set, MC_EV_UNREADABLE), 0);
    e = ev_find(set, MC_EV_MODEL_TYPE, "general.architecture", "llama");
    assert_non_null(e);
    assert_string_equal(e->family, "llama");
    assert_string_equal(e->file, "m/model-Q4_K_M.gguf");
    assert_int_equal(e->span.line, 0);
    assert_non_null(ev_find(set, MC_EV_NAME_OR_PATH, "general.name", "Tiny Llama 8B"));
    assert_non_null(ev_find(set, MC_EV_NAME_OR_PATH, "general.base_model.0.repo_url",
                            "meta-llama/Llama-3.1-8B"));
    assert_non_null(ev_find(set, MC_EV_NAME_OR_PATH, "general.base_model.1.name", "Other Base"));
    assert_int_equal(ev_find(set, MC_EV_CONFIG_NUMBER, "general.base_model.count", NULL)->number,
                     2);
    assert_non_null(ev_find(set, MC_EV_LICENSE_FILE, "general.license", "llama3.1"));
    e = mc_evidence_first(set, MC_EV_QUANTIZED, NULL);
    assert_non_null(e);
    assert_string_equal(e->key, "general.file_type");
    assert_string_equal(e->value, "gguf Q4_K_M");
    assert_int_equal(e->number, 15);
    assert_non_null(ev_find(set, MC_EV_QUANTIZED, "general.quantized_by", "Acme"));
    assert_non_null(ev_find(set, MC_EV_TOKENIZER_MODEL, "tokenizer.ggml.model", "gpt2"));
    assert_int_equal(ev_find(set, MC_EV_VOCAB_SIZE, "tokenizer.ggml.tokens", NULL)->number, 6);
    assert_int_equal(ev_find(set, MC_EV_TOKENIZER_COUNT, "tokenizer.ggml.merges", NULL)->number, 2);
    e = ev_find(set, MC_EV_SPECIAL_TOKEN, "tokenizer.ggml.bos_token_id", NULL);
    assert_non_null(e);
    assert_string_equal(e->value, "<|begin_of_text|>");
    assert_int_equal(e->number, 0);
    assert_int_equal(ev_find(set, MC_EV_SPECIAL_TOKEN, "tokenizer.ggml.eos_token_id", NULL)->number,
                     5);
    /* the control tokens, as a tokenizer's special added tokens */
    assert_int_equal(ev_count_kind(set, MC_EV_SPECIAL_TOKEN), 2 + 4);
    assert_non_null(ev_find(set, MC_EV_SPECIAL_TOKEN, "tokenizer.ggml.token_type", "<|eot_id|>"));
    assert_null(ev_find(set, MC_EV_SPECIAL_TOKEN, NULL, "hello"));
    assert_int_equal(ev_find(set, MC_EV_EXPERT_COUNT, "llama.expert_count", NULL)->number, 8);
    assert_non_null(ev_find(set, MC_EV_MOE, "llama.expert_count", NULL));
    /* the tokenizer is matched against the known families like tokenizer files are */
    e = ev_find(set, MC_EV_TOKENIZER_FAMILY, NULL, NULL);
    assert_non_null(e);
    assert_non_null(e->family);
    assert_true(strncmp(e->family, "llama3", 6) == 0);
}

static void test_v3(void **state)
{
    gw w = llama_file(3);
    mc_evidence_set *set = read_gw(&w, w.len);

    ev_dump(set, "gguf v3");
    check_llama(set);
    mc_evidence_free(set);
    free(w.p);
}

static void test_v2_and_other_versions(void **state)
{
    gw w = llama_file(2);
    mc_evidence_set *set = read_gw(&w, w.len);

    check_llama(set);
    mc_evidence_free(set);
    /* version 1 (32-bit lengths), an unknown version, big-endian: unreadable */
    for (unsigned v = 0; v < 3; v++) {
        static const unsigned char versions[3][4] = {{1, 0, 0, 0}, {9, 0, 0, 0}, {0, 0, 0, 3}};

        memcpy(w.p + 4, versions[v], 4);
        set = read_gw(&w, w.len);
        assert_int_equal(mc_evidence_count(set), 1);
        assert_non_null(ev_find(set, MC_EV_UNREADABLE, NULL, NULL));
        mc_evidence_free(set);
    }
    free(w.p);
    /* not GGUF at all, and an empty file */
    set = ev_text("m/x.gguf", "{\"model_type\": \"llama\"}");
    assert_int_equal(mc_evidence_count(set), 1);
    assert_non_null(strstr(ev_find(set, MC_EV_UNREADABLE, NULL, NULL)->value, "magic"));
    mc_evidence_free(set);
    set = ev_read("m/x.gguf", "", 0);
    assert_int_equal(ev_count_kind(set, MC_EV_UNREADABLE), 1);
    mc_evidence_free(set);
    /* a Git LFS pointer named .gguf */
    set = ev_text("m/x.gguf", "version https://git-lfs.github.com/spec/v1\noid sha256:ab\n"
                              "size 4920734816\n");
    assert_int_equal(ev_find(set, MC_EV_LFS_POINTER, NULL, NULL)->number, 4920734816LL);
    mc_evidence_free(set);
}

static void test_truncated_everywhere(void **state)
{
    gw w = llama_file(3);

    for (size_t cut = 0; cut < w.len; cut++) {
        mc_evidence_set *set = read_gw(&w, cut);

        if (mc_evidence_count(set) != 1 || ev_count_kind(set, MC_EV_UNREADABLE) != 1) {
            ev_dump(set, "truncated");
            fail_msg("cut at %zu of %zu", cut, w.len);
        }
        mc_evidence_free(set);
    }
    free(w.p);
}

/* One unreadable item, nothing else. */
static void expect_unreadable(const gw *w, const char *why)
{
    mc_evidence_set *set = read_gw(w, w->len);
    const mc_evidence *e = ev_find(set, MC_EV_UNREADABLE, NULL, NULL);

    if (mc_evidence_count(set) != 1 || e == NULL || strstr(e->value, why) == NULL) {
        ev_dump(set, why);
        fail_msg("expected one unreadable item saying '%s'", why);
    }
    mc_evidence_free(set);
}

static void test_lying(void **state)
{
    gw w = {0};

    /* key-value and tensor counts past what the file can hold */
    gw_header(&w, 3, 0, 1ULL << 40);
    gw_kv_str(&w, "general.architecture", "llama");
    expect_unreadable(&w, "key-value pairs");
    w.len = 0;
    gw_header(&w, 3, ~0ULL, 1);
    gw_kv_str(&w, "general.architecture", "llama");
    expect_unreadable(&w, "tensors");
    /* one pair fewer than declared */
    w.len = 0;
    gw_header(&w, 3, 0, 3);
    gw_kv_str(&w, "general.architecture", "llama");
    gw_kv_str(&w, "general.name", "x");
    expect_unreadable(&w, "past the end");
    /* a string length past the end, and a huge one */
    w.len = 0;
    gw_header(&w, 3, 0, 1);
    gw_str(&w, "general.name");
    gw_le(&w, 8, 4);
    gw_le(&w, 100, 8);
    gw_bytes(&w, "short", 5);
    expect_unreadable(&w, "past the end");
    w.len -= 13;
    gw_le(&w, 1ULL << 62, 8);
    gw_bytes(&w, "short", 5);
    expect_unreadable(&w, "past the end");
    w.len -= 13;
    gw_le(&w, ~0ULL, 8);
    gw_bytes(&w, "short", 5);
    expect_unreadable(&w, "past the end");
    /* a key length no key has */
    w.len = 0;
    gw_header(&w, 3, 0, 1);
    gw_le(&w, 1ULL << 40, 8);
    gw_bytes(&w, "general.name", 12);
    expect_unreadable(&w, "key length");
    /* unknown value types */
    w.len = 0;
    gw_header(&w, 3, 0, 1);
    gw_str(&w, "general.name");
    gw_le(&w, 13, 4);
    gw_le(&w, 0, 8);
    expect_unreadable(&w, "unknown value type 13");
    w.len = 0;
    gw_header(&w, 3, 0, 1);
    gw_str(&w, "a\x1b[31mb\xff");
    gw_le(&w, 13, 4);
    gw_le(&w, 0, 8);
    expect_unreadable(&w, "key 'a?[31mb?' has unknown value type"); /* shown printable */
    w.len = 0;
    gw_header(&w, 3, 0, 1);
    gw_str(&w, "general.name");
    gw_le(&w, 0xffffffffu, 4);
    gw_le(&w, 0, 8);
    expect_unreadable(&w, "unknown value type");
    /* huge arrays: strings, fixed-size elements; arrays of arrays; of unknown type */
    unsigned long long huge[] = {1ULL << 40, 1ULL << 61, ~0ULL};
    for (size_t i = 0; i < 3; i++) {
        w.len = 0;
        gw_header(&w, 3, 0, 1);
        gw_str(&w, "tokenizer.ggml.tokens");
        gw_le(&w, 9, 4);
        gw_le(&w, 8, 4);
        gw_le(&w, huge[i], 8);
        gw_str(&w, "a");
        expect_unreadable(&w, "more than the file can hold");
        w.len = 0;
        gw_header(&w, 3, 0, 1);
        gw_str(&w, "tokenizer.ggml.scores");
        gw_le(&w, 9, 4);
        gw_le(&w, 12, 4);
        gw_le(&w, huge[i], 8);
        gw_le(&w, 0, 8);
        expect_unreadable(&w, "more than the file can hold");
    }
    w.len = 0;
    gw_header(&w, 3, 0, 1);
    gw_str(&w, "x.nested");
    gw_le(&w, 9, 4);
    gw_le(&w, 9, 4);
    gw_le(&w, 1, 8);
    gw_le(&w, 4, 4);
    gw_le(&w, 1, 8);
    gw_le(&w, 7, 4);
    expect_unreadable(&w, "array of arrays");
    w.len = 0;
    gw_header(&w, 3, 0, 1);
    gw_str(&w, "x.odd");
    gw_le(&w, 9, 4);
    gw_le(&w, 77, 4);
    gw_le(&w, 1, 8);
    gw_le(&w, 0, 8);
    expect_unreadable(&w, "unknown type 77");
    /* a special token id past the tokens, and a negative one: a number, no text */
    {
        mc_evidence_set *set;

        w.len = 0;
        gw_header(&w, 3, 0, 3);
        gw_kv_strs(&w, "tokenizer.ggml.tokens", tokens, 2);
        gw_kv_u32(&w, "tokenizer.ggml.eos_token_id", 1000000);
        gw_str(&w, "tokenizer.ggml.bos_token_id");
        gw_le(&w, 5, 4);
        gw_le(&w, 0xffffffffu, 4);
        set = read_gw(&w, w.len);
        assert_int_equal(ev_count_kind(set, MC_EV_UNREADABLE), 0);
        assert_int_equal(ev_count_kind(set, MC_EV_SPECIAL_TOKEN), 0);
        assert_int_equal(
            ev_find(set, MC_EV_CONFIG_NUMBER, "tokenizer.ggml.eos_token_id", NULL)->number,
            1000000);
        mc_evidence_free(set);
    }
    /* invalid UTF-8 and control characters in a value are made printable */
    {
        mc_evidence_set *set;

        w.len = 0;
        gw_header(&w, 3, 0, 1);
        gw_kv_str(&w, "general.name", "a\xff\xfe\x01z");
        set = read_gw(&w, w.len);
        assert_non_null(ev_find(set, MC_EV_NAME_OR_PATH, "general.name", "a???z"));
        mc_evidence_free(set);
    }
    free(w.p);
}

static void test_over_the_cap(void **state)
{
    gw w = {0};
    size_t big = MC_EV_GGUF_CAP + (1u << 20);
    char *s = malloc(big + 1);
    mc_evidence_set *set;
    const mc_evidence *e;

    assert_non_null(s);
    memset(s, 'a', big);
    s[big] = '\0';
    gw_header(&w, 3, 0, 4);
    gw_kv_str(&w, "general.architecture", "qwen2");
    gw_kv_str(&w, "tokenizer.ggml.chat_template", s);
    gw_kv_u32(&w, "tokenizer.ggml.eos_token_id", 2);
    gw_kv_str(&w, "general.name", "after the cap");
    set = read_gw(&w, w.len);
    ev_dump(set, "over the cap");
    assert_non_null(ev_find(set, MC_EV_MODEL_TYPE, "general.architecture", "qwen2"));
    e = ev_find(set, MC_EV_UNREADABLE, NULL, NULL);
    assert_non_null(e);
    assert_non_null(strstr(e->value, "exceeds the 16 MiB limit: 1 of 4 keys read"));
    assert_non_null(strstr(e->value, "tokenizer.ggml.chat_template"));
    assert_null(ev_find(set, MC_EV_NAME_OR_PATH, "general.name", NULL));
    mc_evidence_free(set);
    /* a vocabulary running past the cap still gives its length */
    {
        gw t = {0};

        gw_header(&t, 3, 0, 2);
        gw_kv_str(&t, "general.architecture", "qwen2");
        gw_str(&t, "tokenizer.ggml.tokens");
        gw_le(&t, 9, 4);
        gw_le(&t, 8, 4);
        gw_le(&t, 3, 8);
        gw_str(&t, "a");
        gw_str(&t, s);
        gw_str(&t, "c");
        set = read_gw(&t, t.len);
        assert_int_equal(ev_find(set, MC_EV_VOCAB_SIZE, "tokenizer.ggml.tokens", NULL)->number, 3);
        assert_non_null(ev_find(set, MC_EV_UNREADABLE, NULL, NULL));
        mc_evidence_free(set);
        free(t.p);
    }
    /* what a prefix needs: more than it has, past the cap, for a file that holds it */
    assert_true(mc_ev_gguf_need((const char *)w.p, 4096, w.len) > MC_EV_GGUF_CAP);
    assert_true(mc_ev_gguf_need((const char *)w.p, 4096, w.len) <= w.len);
    free(w.p);
    free(s);
    /* a declared string of a gigabyte in a file of ten: needs more than the cap, allocates
     * nothing for it */
    w = (gw){0};
    gw_header(&w, 3, 0, 1);
    gw_str(&w, "general.name");
    gw_le(&w, 8, 4);
    gw_le(&w, 1ULL << 30, 8);
    assert_int_equal(mc_ev_gguf_need((const char *)w.p, w.len, 10ULL << 30), w.len + (1ULL << 30));
    free(w.p);
}

static void write_file(const char *dir, const char *rel, const gw *w, long long sparse_size)
{
    char path[4096];
    int fd;

    tu_write_len(dir, rel, (const char *)w->p, w->len);
    snprintf(path, sizeof(path), "%s/%s", dir, rel);
    if (sparse_size > 0) {
        fd = open(path, O_WRONLY);
        assert_true(fd >= 0);
        assert_int_equal(ftruncate(fd, (off_t)sparse_size), 0);
        close(fd);
    }
}

static void test_collect_dir_and_git(void **state)
{
    char *dir = tu_mkdtemp();
    gw w = llama_file(3);
    mc_source *src = NULL;
    mc_source_options opts = MC_SOURCE_OPTIONS_INIT;
    mc_evidence_set *set = NULL;

    /* 4 GiB, sparse: only the header is read */
    write_file(dir, "m/model-Q4_K_M.gguf", &w, 4LL << 30);
    opts.kind = MC_SOURCE_DIR;
    assert_int_equal(mc_source_open(&src, dir, &opts), 0);
    assert_int_equal(mc_evidence_collect(&set, src, "m"), 0);
    check_llama(set);
    assert_string_equal(mc_evidence_file_at(set, 0), "m/model-Q4_K_M.gguf");
    mc_evidence_free(set);
    mc_source_free(src);
    tu_rmtree(dir);
    free(dir);

    /* metadata of several MiB (a large vocabulary) beyond the first read, in a sparse file:
     * read in a few growing prefixes, the keys after the array included */
    {
        gw b = {0};
        char tok[32];
        const mc_evidence *e;

        dir = tu_mkdtemp();
        gw_header(&b, 3, 0, 3);
        gw_kv_str(&b, "general.architecture", "qwen2");
        gw_str(&b, "tokenizer.ggml.tokens");
        gw_le(&b, 9, 4);
        gw_le(&b, 8, 4);
        gw_le(&b, 300000, 8);
        for (int i = 0; i < 300000; i++) {
            snprintf(tok, sizeof(tok), "t%d%s", i, i % 3 ? "" : "xyzzy");
            gw_str(&b, tok);
        }
        gw_kv_u32(&b, "tokenizer.ggml.eos_token_id", 299999);
        assert_true(b.len > (4u << 20));
        write_file(dir, "m/big.gguf", &b, 3LL << 30);
        opts.kind = MC_SOURCE_DIR;
        assert_int_equal(mc_source_open(&src, dir, &opts), 0);
        assert_int_equal(mc_evidence_collect(&set, src, "m"), 0);
        assert_int_equal(ev_count_kind(set, MC_EV_UNREADABLE), 0);
        assert_int_equal(ev_find(set, MC_EV_VOCAB_SIZE, NULL, NULL)->number, 300000);
        e = ev_find(set, MC_EV_SPECIAL_TOKEN, "tokenizer.ggml.eos_token_id", NULL);
        assert_non_null(e);
        assert_string_equal(e->value, "t299999");
        mc_evidence_free(set);
        mc_source_free(src);
        tu_rmtree(dir);
        free(dir);
        free(b.p);
    }

    /* from git objects: a revision (loose objects streamed) and after gc (packed) */
    dir = tu_mkdtemp();
    write_file(dir, "m/model-Q4_K_M.gguf", &w, 300000);
    tu_sh("cd '%s' && " GIT " init -q . && " GIT " add -A && " GIT " commit -qm one", dir);
    opts.kind = MC_SOURCE_REV;
    for (int pass = 0; pass < 2; pass++) {
        assert_int_equal(mc_source_open(&src, dir, &opts), 0);
        assert_int_equal(mc_evidence_collect(&set, src, "m"), 0);
        check_llama(set);
        mc_evidence_free(set);
        mc_source_free(src);
        tu_sh("cd '%s' && " GIT " gc -q", dir);
    }
    tu_rmtree(dir);
    free(dir);
    free(w.p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_v3),
        cmocka_unit_test(test_v2_and_other_versions),
        cmocka_unit_test(test_truncated_everywhere),
        cmocka_unit_test(test_lying),
        cmocka_unit_test(test_over_the_cap),
        cmocka_unit_test(test_collect_dir_and_git),
    };
    return cmocka_run_group_tests(tests, tu_git_setup, tu_git_teardown);
}
