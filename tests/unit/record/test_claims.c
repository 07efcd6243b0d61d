/* Claims from prose: each kind triggers on an invented sentence and not on a close
 * neighbour (negated, excluded, or a capability statement); Korean; objects; positions;
 * lines that are not text; hostile input; the real cards of the corpus. */
#include "claimtest.h"
#include "util/str.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const mc_claim *find(const mc_record *rec, mc_claim_kind kind)
{
    for (size_t i = 0; i < rec->nclaims; i++)
        if (rec->claims[i].kind == kind)
            return &rec->claims[i];
    fail_msg("no %s claim", mc_claim_kind_name(kind));
    return NULL;
}

/* the only claim of that kind, not negated, naming `object` (NULL: none) */
static void expect(const char *md, mc_claim_kind kind, const char *object)
{
    mc_record *rec = run(md);
    const mc_claim *c;
    if (count(rec, kind) != 1)
        fail_msg("%zu %s claims in: %s", count(rec, kind), mc_claim_kind_name(kind), md);
    c = find(rec, kind);
    assert_false(c->negated);
    if (object)
        assert_string_equal(c->object ? c->object : "(none)", object);
    else
        assert_null(c->object);
}

static void expect_negated(const char *md, mc_claim_kind kind)
{
    mc_record *rec = run(md);
    if (count(rec, kind) != 1)
        fail_msg("%zu %s claims in: %s", count(rec, kind), mc_claim_kind_name(kind), md);
    assert_true(find(rec, kind)->negated);
}

static void expect_none(const char *md, mc_claim_kind kind)
{
    mc_record *rec = run(md);
    if (count(rec, kind) != 0)
        fail_msg("unexpected %s claim \"%s\" in: %s", mc_claim_kind_name(kind),
                 find(rec, kind)->phrase, md);
}

static void test_data_loads(void **state)
{
    (void)state;
    assert_int_equal(mc_claims_init(), 0);
    assert_string_equal(mc_claim_kind_name(MC_CLAIM_FROM_SCRATCH), "from_scratch");
    assert_string_equal(mc_claim_kind_name(MC_CLAIM_COMMERCIAL), "commercial");
    assert_string_equal(mc_claim_kind_name(MC_CLAIM__COUNT), "?");
}

static void test_from_scratch(void **state)
{
    const mc_claim *c;
    (void)state;
    run("# Tiny\n\nTiny-7B was trained from scratch on 2T tokens.\n");
    c = find(cur_rec, MC_CLAIM_FROM_SCRATCH);
    assert_false(c->negated);
    assert_string_equal(c->phrase, "from scratch");
    assert_string_equal(c->where.path, "models/tiny/README.md");
    assert_int_equal(c->where.from, MC_FROM_PROSE);
    assert_int_equal(c->where.span.line, 3);
    assert_int_equal(c->where.span.col, 21);
    assert_int_equal(c->where.span.end_line, 3);
    assert_int_equal(c->where.span.end_col, 33);
    assert_string_equal(c->where.str, "Tiny-7B was trained from scratch on 2T tokens.");
    /* emphasis is not part of the match, the phrase is kept as written */
    run("It was trained **from scratch**.\n");
    c = find(cur_rec, MC_CLAIM_FROM_SCRATCH);
    assert_int_equal(c->where.span.col, 18);
    expect("Tiny was built from the ground up.", MC_CLAIM_FROM_SCRATCH, NULL);
    expect_negated("Tiny-7B was not trained from scratch.", MC_CLAIM_FROM_SCRATCH);
    expect_none("You can train a model from scratch with this script.", MC_CLAIM_FROM_SCRATCH);
    expect_none("We trained the tokenizer from scratch.", MC_CLAIM_FROM_SCRATCH);
    expect_none("The fromscratch flag.", MC_CLAIM_FROM_SCRATCH);
}

static void test_finetune(void **state)
{
    (void)state;
    expect("acme-ai/Tiny-7B-Chat is a fine-tuned version of **acme-ai/Tiny-7B**.",
           MC_CLAIM_FINETUNE, "acme-ai/Tiny-7B");
    expect("Finetuned from `acme-ai/Tiny-7B`, then aligned.", MC_CLAIM_FINETUNE, "acme-ai/Tiny-7B");
    expect("Tiny-Chat is fine-tuned using DPO.", MC_CLAIM_FINETUNE, NULL);
    expect_negated("This model hasn't been fine-tuned with instructions.", MC_CLAIM_FINETUNE);
    expect_none("The model can be fine-tuned on your data.", MC_CLAIM_FINETUNE);
    expect_none("Fine-tuned versions are available on the hub.", MC_CLAIM_FINETUNE);
    expect("- **Finetuned from model:** [Tiny](https://huggingface.co/acme-ai/Tiny-7B)",
           MC_CLAIM_FINETUNE, "acme-ai/Tiny-7B");
    /* the unfilled template slot is no claim */
    expect_none("- **Finetuned from model [optional]:** [More Information Needed]",
                MC_CLAIM_FINETUNE);
    expect_none("It is intended to be fine-tuned on a downstream task.", MC_CLAIM_FINETUNE);
    expect_none("Unlike this model, the chat model was fine-tuned with RLHF.", MC_CLAIM_FINETUNE);
}

static void test_based_on(void **state)
{
    (void)state;
    expect("Built on the open-source [Tiny2.5](https://huggingface.co/collections/acme/x) "
           "model, Tiny-K has been further trained.",
           MC_CLAIM_BASED_ON, "Tiny2.5");
    expect("It is based on [the base model](https://huggingface.co/acme-ai/Tiny-7B).",
           MC_CLAIM_BASED_ON, "acme-ai/Tiny-7B");
    expect("Initialized from acme-ai/Tiny-7B-v0.2, then trained further.", MC_CLAIM_BASED_ON,
           "acme-ai/Tiny-7B-v0.2");
}

static void test_based_on_neighbours(void **state)
{
    (void)state;
    expect_none("Scores are based on our evaluation.", MC_CLAIM_BASED_ON);
    expect_none("The ranking is based on feedback from users.", MC_CLAIM_BASED_ON);
    expect_none("Results are based on GPT-4 judgments.", MC_CLAIM_BASED_ON);
    expect_none("Results are based on the [Factors](#factors) section.", MC_CLAIM_BASED_ON);
    expect_none("It was built on Tiny-Corpus, a web dataset.", MC_CLAIM_BASED_ON);
    expect_none("It is based on the transformer design.", MC_CLAIM_BASED_ON);
    expect_negated("They are NOT derivatives of Llama.", MC_CLAIM_BASED_ON);
    assert_string_equal(find(cur_rec, MC_CLAIM_BASED_ON)->object, "Llama");
}

static void test_korean(void **state)
{
    const mc_claim *c;
    (void)state;
    run("Tiny는 오픈소스 기반이 아닌, 독자 개발 모델입니다.\n");
    c = find(cur_rec, MC_CLAIM_BASED_ON);
    assert_true(c->negated);
    assert_string_equal(c->object, "오픈소스");
    assert_int_equal(c->where.span.col, 12);
    assert_int_equal(c->where.span.end_col, 15);
    c = find(cur_rec, MC_CLAIM_SOVEREIGN);
    assert_false(c->negated);
    assert_string_equal(c->phrase, "독자 개발");

    run("Tiny-K는 Tiny2.5를 기반으로 추가 학습했습니다.\n");
    c = find(cur_rec, MC_CLAIM_BASED_ON);
    assert_false(c->negated);
    assert_string_equal(c->object, "Tiny2.5");
    assert_int_equal(count(cur_rec, MC_CLAIM_CPT), 1);

    expect("전체 모델을 처음부터 학습했습니다.", MC_CLAIM_FROM_SCRATCH, NULL);
    /* the Korean phrase and the English one in parentheses are two claims */
    run("모델을 처음부터(from scratch) 학습했습니다.\n");
    assert_int_equal(count(cur_rec, MC_CLAIM_FROM_SCRATCH), 2);
    assert_int_equal(find(cur_rec, MC_CLAIM_FROM_SCRATCH)->where.span.col, 5);

    expect_none("웹 기반 대규모 코퍼스를 기반으로 학습했습니다.", MC_CLAIM_BASED_ON);
    expect_negated("파인튜닝 없이 공개된 기본 모델입니다.", MC_CLAIM_FINETUNE);
    expect_none("이 방식은 처음부터 모델을 새로 학습시키는 것보다 효율적입니다.",
                MC_CLAIM_FROM_SCRATCH);
    expect("Tiny-7B를 파인튜닝한 모델입니다.", MC_CLAIM_FINETUNE, "Tiny-7B");
    expect("두 모델을 병합한 모델입니다.", MC_CLAIM_MERGE, NULL);
    expect("4비트 양자화 버전입니다.", MC_CLAIM_QUANTIZED, NULL);
    expect("한국 소버린 AI 모델", MC_CLAIM_SOVEREIGN, NULL);
    expect("자체 토크나이저를 사용합니다.", MC_CLAIM_OWN_TOKENIZER, NULL);
}

static void test_cpt(void **state)
{
    (void)state;
    expect("Tiny-J has undergone continuous pre-training from the Tiny 2 family.", MC_CLAIM_CPT,
           "Tiny 2");
    expect("Continued pretraining on Korean text.", MC_CLAIM_CPT, NULL);
    expect_none("Instead, you can apply post-training, e.g., SFT or continued pretraining.",
                MC_CLAIM_CPT);
}

static void test_adapter_merge_quantized(void **state)
{
    (void)state;
    expect("This is a LoRA adapter for acme-ai/Tiny-7B.", MC_CLAIM_ADAPTER, "acme-ai/Tiny-7B");
    expect_none("Then merge the LoRA adapter into the weights.", MC_CLAIM_ADAPTER);
    expect("Tiny-Duo is a merge of acme-ai/A-7B and acme-ai/B-7B.", MC_CLAIM_MERGE, "acme-ai/A-7B");
    expect("Made with mergekit.", MC_CLAIM_MERGE, NULL);
    expect_none("Please open a merge request.", MC_CLAIM_MERGE);
    expect("GGUF quantization of acme-ai/Tiny-7B.", MC_CLAIM_QUANTIZED, "acme-ai/Tiny-7B");
    expect_none("We study the quantization of activations.", MC_CLAIM_QUANTIZED);
}

static void test_dus_distill_api(void **state)
{
    (void)state;
    expect("Tiny-11B uses depth up-scaling of Tiny-7B.", MC_CLAIM_DUS, "Tiny-7B");
    run("Depth-up Scaling (DUS) was applied.");
    assert_int_equal(count(cur_rec, MC_CLAIM_DUS), 2);
    expect_none("An industry standard for dusting.", MC_CLAIM_DUS);
    expect_none("A vocabulary expansion of Tiny-7B.", MC_CLAIM_DUS);
    expect("Tiny-1B was distilled from acme-ai/Big-70B.", MC_CLAIM_DISTILL, "acme-ai/Big-70B");
    expect_none("Smaller models can be distilled from it.", MC_CLAIM_DISTILL);
    expect("Tiny is an API wrapper.", MC_CLAIM_API_WRAPPER, NULL);
    expect_negated("Tiny is not an API wrapper.", MC_CLAIM_API_WRAPPER);
}

static void test_marketing_and_structure(void **state)
{
    (void)state;
    expect("A fully sovereign model.", MC_CLAIM_SOVEREIGN, NULL);
    expect_none("Selected for the sovereign AI foundation model project.", MC_CLAIM_SOVEREIGN);
    expect("Tiny is natively multimodal.", MC_CLAIM_NATIVE, NULL);
    expect_negated("Tiny is not natively multimodal.", MC_CLAIM_NATIVE);
    expect("We trained our own tokenizer.", MC_CLAIM_OWN_TOKENIZER, NULL);
    expect_none("It reuses the tokenizer of Tiny-7B.", MC_CLAIM_OWN_TOKENIZER);
    expect("Tiny uses our own architecture.", MC_CLAIM_OWN_ARCH, NULL);
    expect_none("Tiny uses the architecture of Tiny-7B.", MC_CLAIM_OWN_ARCH);
    expect("Tiny is a mixture-of-experts model.", MC_CLAIM_MOE, NULL);
    expect("Tiny is a sparse MoE.", MC_CLAIM_MOE, NULL);
    expect_none("A survey of MoEs.", MC_CLAIM_MOE);
    expect_none("Compare acme-ai/Tiny-MoE-A2B.", MC_CLAIM_MOE);
    expect_none("| model | Big (235B MoE) |\n|---|---|\n| a | b |\n", MC_CLAIM_MOE);
}

static void test_licences(void **state)
{
    (void)state;
    expect("We release open weights.", MC_CLAIM_OPEN_WEIGHTS, NULL);
    expect_none("It outperforms leading open-weight models.", MC_CLAIM_OPEN_WEIGHTS);
    expect("For research purposes only.", MC_CLAIM_RESEARCH_ONLY, NULL);
    expect("Licensed for non-commercial use.", MC_CLAIM_RESEARCH_ONLY, NULL);
    expect_none("Licensed for non-commercial use.", MC_CLAIM_COMMERCIAL);
    expect("Commercial use is permitted.", MC_CLAIM_COMMERCIAL, NULL);
    expect_negated("Commercial use is prohibited.", MC_CLAIM_COMMERCIAL);
    expect_negated("Not for commercial use.", MC_CLAIM_COMMERCIAL);
    expect("상업적 이용이 가능합니다.", MC_CLAIM_COMMERCIAL, NULL);
}

static void test_not_text_lines(void **state)
{
    (void)state;
    run("---\n"
        "license: mit\n"
        "description: trained from scratch\n"
        "---\n"
        "\n"
        "```\n"
        "python train.py --from scratch  # fine-tuned from acme-ai/Tiny-7B\n"
        "```\n"
        "\n"
        "<!-- trained from scratch -->\n"
        "\n"
        "    indented code: a merge of acme-ai/A-7B\n"
        "\n"
        "Text with an inline <!-- merge of acme-ai/A-7B --> comment.\n"
        "\n"
        "## Citation\n"
        "\n"
        "Trained from scratch, in the cited paper.\n");
    assert_int_equal(cur_rec->nclaims, 0);
}

static void test_heading_and_report(void **state)
{
    mc_record *rec;
    (void)state;
    reset();
    assert_int_equal(mc_doc_parse(&cur_doc, "docs/report.md", "## Trained from scratch\n", 23,
                                  MC_DOC_MARKDOWN, NULL),
                     0);
    rec = cur_rec = mc_record_new(NULL, "README.md");
    assert_int_equal(mc_claims_extract(rec, cur_doc, MC_FROM_REPORT), 0);
    assert_int_equal(rec->nclaims, 1);
    assert_int_equal(rec->claims[0].where.from, MC_FROM_REPORT);
    assert_string_equal(rec->claims[0].where.path, "docs/report.md");
    assert_int_equal(rec->claims[0].where.span.col, 12);
}

static void test_hostile(void **state)
{
    static const char bad[] = "trained from scratch \xff\xfe based on \xc3";
    size_t big = 4u << 20;
    char *buf = malloc(big + 1);
    (void)state;
    assert_int_equal(mc_claims_extract(NULL, NULL, MC_FROM_PROSE), MC_EINVALID);
    run("");
    assert_int_equal(cur_rec->nclaims, 0);
    run_len(bad, sizeof bad - 1);
    assert_int_equal(count(cur_rec, MC_CLAIM_FROM_SCRATCH), 1);
    run("based on");
    run("fine-tuned from");
    run("Qwen 기반으로");
    run("[x](https://huggingface.co/");
    run("based on [");
    run("based on [x](https://huggingface.co/a/");
    run("기반으로 [x](");
    run("trained <!-- from scratch");
    assert_int_equal(cur_rec->nclaims, 0);
    /* one 4 MiB line full of phrases: bounded claims, no blow-up */
    assert_non_null(buf);
    for (size_t i = 0; i < big; i++)
        buf[i] = "from scratch, MoE; "[i % 19];
    buf[big] = '\0';
    run_len(buf, big);
    assert_true(cur_rec->nclaims > 0 && cur_rec->nclaims <= 4096);
    free(buf);
}

/* ---------------------------------------------------------------- corpus */

static mc_record *run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *data;
    size_t n;
    mc_record *rec;
    if (!f)
        return NULL;
    data = malloc(16u << 20);
    assert_non_null(data);
    n = fread(data, 1, 16u << 20, f);
    fclose(f);
    rec = run_len(data, n);
    free(data);
    return rec;
}

static const mc_claim *find_in_file(const char *dir, const char *file, mc_claim_kind kind,
                                    int negated, const char *object)
{
    char path[4096];
    mc_record *rec;
    snprintf(path, sizeof path, "%s/real/%s/%s", tu_corpus(), dir, file);
    rec = run_file(path);
    if (!rec)
        fail_msg("cannot read %s", path);
    for (size_t i = 0; i < rec->nclaims; i++) {
        const mc_claim *c = &rec->claims[i];
        if (c->kind != kind || (negated >= 0 && c->negated != negated))
            continue;
        if (object && !mc_streq(c->object, object))
            continue;
        return c;
    }
    return NULL;
}

static void test_corpus_real(void **state)
{
    char path[4096];
    (void)state;
    if (!tu_corpus()) {
        printf("corpus not found (MCLINT_CORPUS): skipped\n");
        skip();
    }
    snprintf(path, sizeof path, "%s/real/ax-3.1/README.md", tu_corpus());
    if (access(path, R_OK) != 0) {
        printf("corpus without real/ax-3.1: skipped\n");
        skip();
    }
    /* A.X 3.1: from scratch; "not open-source based" */
    assert_non_null(find_in_file("ax-3.1", "README.en.md", MC_CLAIM_FROM_SCRATCH, 0, NULL));
    assert_non_null(find_in_file("ax-3.1", "README.md", MC_CLAIM_FROM_SCRATCH, 0, NULL));
    assert_non_null(find_in_file("ax-3.1", "README.md", MC_CLAIM_BASED_ON, 1, "오픈소스"));
    assert_null(find_in_file("ax-3.1", "README.md", MC_CLAIM_BASED_ON, 0, NULL));
    assert_non_null(find_in_file("ax-3.1", "README.en.md", MC_CLAIM_SOVEREIGN, 0, NULL));
    /* A.X 4.0: built on Qwen2.5, continued pre-training; never from scratch */
    assert_non_null(find_in_file("ax-4.0", "README.en.md", MC_CLAIM_BASED_ON, 0, "Qwen2.5"));
    assert_non_null(find_in_file("ax-4.0", "README.en.md", MC_CLAIM_CPT, 0, NULL));
    assert_null(find_in_file("ax-4.0", "README.md", MC_CLAIM_FROM_SCRATCH, 0, NULL));
    assert_null(find_in_file("ax-4.0", "README.en.md", MC_CLAIM_FROM_SCRATCH, -1, NULL));
    /* EEVE: an extended version of SOLAR, fine-tuned, never from scratch */
    assert_non_null(find_in_file("eeve-korean-10.8b", "README.md", MC_CLAIM_BASED_ON, 0,
                                 "upstage/SOLAR-10.7B-v1.0"));
    assert_null(find_in_file("eeve-korean-10.8b", "README.md", MC_CLAIM_FROM_SCRATCH, -1, NULL));
    /* Swallow: continuous pre-training from Llama 2 */
    assert_non_null(find_in_file("swallow-7b", "README.md", MC_CLAIM_CPT, 0, "Llama 2"));
    /* Solar Pro preview: depth up-scaling */
    assert_non_null(find_in_file("solar-pro-preview-instruct", "README.md", MC_CLAIM_DUS, 0, NULL));
    /* Goliath: a merge; LLaMA Pro: an expansion of LLaMA2-7B; SJ-SOLAR: a fine-tune */
    assert_non_null(find_in_file("goliath-120b", "README.md", MC_CLAIM_MERGE, 0, NULL));
    assert_non_null(find_in_file("llama-pro-8b", "README.md", MC_CLAIM_DUS, 0, "LLaMA2-7B"));
    assert_non_null(find_in_file("llama-pro-8b", "README.md", MC_CLAIM_CPT, 0, NULL));
    assert_non_null(find_in_file("sj-solar-10.7b-dpo", "README.md", MC_CLAIM_FINETUNE, 0, NULL));
    /* the Llamafied Yi names the repository it repackages */
    assert_non_null(find_in_file("yi-34b-200k-llamafied", "README.md", MC_CLAIM_BASED_ON, 0,
                                 "01-ai/Yi-34B-200K"));
    /* cards that claim nothing of the sort */
    assert_null(find_in_file("qwen2.5-7b", "README.md", MC_CLAIM_CPT, -1, NULL));
    assert_null(find_in_file("smollm-1.7b", "README.md", MC_CLAIM_BASED_ON, -1, NULL));
    assert_null(find_in_file("gemma-2b", "README.md", MC_CLAIM_FROM_SCRATCH, -1, NULL));
    reset();
}

/* every card of the real corpus: no failure, every claim positioned inside its line */
static void test_corpus_all_cards(void **state)
{
    char cmd[4096];
    char line[4096];
    FILE *p;
    size_t files = 0, claims = 0;
    (void)state;
    if (!tu_corpus()) {
        printf("corpus not found (MCLINT_CORPUS): skipped\n");
        skip();
    }
    snprintf(cmd, sizeof cmd, "find '%s/real' -name '*.md' -type f 2>/dev/null | sort",
             tu_corpus());
    p = popen(cmd, "r");
    assert_non_null(p);
    while (fgets(line, sizeof line, p)) {
        mc_record *rec;
        line[strcspn(line, "\n")] = '\0';
        rec = run_file(line);
        assert_non_null(rec);
        files++;
        for (size_t i = 0; i < rec->nclaims; i++) {
            const mc_claim *c = &rec->claims[i];
            size_t len = 0;
            const char *l = mc_doc_line(cur_doc, c->where.span.line, &len);
            assert_non_null(l);
            assert_true(c->where.span.col >= 1);
            assert_true(c->where.span.end_col > c->where.span.col);
            assert_true(c->where.span.end_col <= mc_utf8_count(l, len) + 1);
            assert_non_null(c->phrase);
            claims++;
        }
    }
    pclose(p);
    reset();
    if (files == 0) {
        printf("no cards under %s/real: skipped\n", tu_corpus());
        skip();
    }
    printf("%zu cards, %zu claims\n", files, claims);
}

/* each claim records where its phrase stands in its line, the second of two alike too */
static void test_phrase_offset(void **state)
{
    mc_record *rec = run("# m\n\n   Not merged: a *merge of* A and B, then a merge of "
                         "[org/c-7b](https://huggingface.co/org/c-7b).\n");
    size_t seen = 0;
    (void)state;
    for (size_t i = 0; i < rec->nclaims; i++) {
        const mc_claim *c = &rec->claims[i];
        assert_true(c->phrase_at < strlen(c->where.str));
        assert_memory_equal(c->where.str + c->phrase_at, c->phrase, strlen(c->phrase));
        if (c->kind == MC_CLAIM_MERGE && c->object && strcmp(c->object, "org/c-7b") == 0) {
            assert_true(c->phrase_at > 30); /* the second "merge of", not the first */
            seen++;
        }
    }
    assert_int_equal(seen, 1);
    reset();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_data_loads),
        cmocka_unit_test(test_phrase_offset),
        cmocka_unit_test(test_from_scratch),
        cmocka_unit_test(test_finetune),
        cmocka_unit_test(test_based_on),
        cmocka_unit_test(test_based_on_neighbours),
        cmocka_unit_test(test_korean),
        cmocka_unit_test(test_cpt),
        cmocka_unit_test(test_adapter_merge_quantized),
        cmocka_unit_test(test_dus_distill_api),
        cmocka_unit_test(test_marketing_and_structure),
        cmocka_unit_test(test_licences),
        cmocka_unit_test(test_not_text_lines),
        cmocka_unit_test(test_heading_and_report),
        cmocka_unit_test(test_hostile),
        cmocka_unit_test(test_corpus_real),
        cmocka_unit_test(test_corpus_all_cards),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    reset();
    return rc;
}
