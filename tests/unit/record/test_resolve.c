/* The provenance resolver on invented cards: each signal and template, and a close
 * neighbour that must not read the same; which model a sentence is about; precedence and
 * conflicts. */
#include "testutil.h"

#include "record/build.h"

#include <stdio.h>
#include <string.h>

static mc_record *resolve(const char *path, const char *md)
{
    mc_doc *doc = NULL;
    mc_record *rec = NULL;

    assert_int_equal(mc_doc_parse(&doc, path, md, strlen(md), MC_DOC_MARKDOWN, NULL), 0);
    assert_int_equal(mc_record_from_doc(&rec, NULL, doc, NULL), 0);
    return rec;
}

static int has_base(const mc_record *rec, const char *base)
{
    for (size_t i = 0; i < rec->prov.bases.len; i++)
        if (strcmp(rec->prov.bases.items[i].str, base) == 0)
            return 1;
    return 0;
}

static void dump(const mc_record *rec, const char *md)
{
    fprintf(stderr, "read: %s (%s)", rec->prov.training.str ? rec->prov.training.str : "unstated",
            rec->prov.signal ? rec->prov.signal : "-");
    for (size_t i = 0; i < rec->prov.bases.len; i++)
        fprintf(stderr, "%s%s", i ? ", " : "; bases: ", rec->prov.bases.items[i].str);
    fprintf(stderr, "\nfor:\n%s\n", md);
}

/* The card at `path` reads as `training` (NULL: unstated), with `base` among its bases (NULL:
 * no base) and at least `conf`. */
static void expect(const char *path, const char *md, const char *training, const char *base,
                   mc_confidence conf)
{
    mc_record *rec = resolve(path, md);
    const char *got = rec->prov.training.str;

    if ((training == NULL) != (got == NULL) || (training && strcmp(training, got) != 0) ||
        (base && !has_base(rec, base)) || (!base && training == NULL && rec->prov.bases.len) ||
        (training && rec->prov.confidence < conf)) {
        dump(rec, md);
        fail_msg("expected %s%s%s", training ? training : "unstated", base ? " from " : "",
                 base ? base : "");
    }
    mc_record_free(rec);
}

#define CARD "models/tiny/README.md"

static void test_trainer_template(void **state)
{
    (void)state;
    expect(CARD,
           "# tiny\n\nThis model is a fine-tuned version of "
           "[org/base-7b](https://huggingface.co/org/base-7b) on the foo dataset.\n",
           "fine-tune", "org/base-7b", MC_CONF_TEMPLATE);
    /* a capability is not a history */
    expect(CARD, "# tiny\n\nYou can fine-tune this model on your own data.\n", NULL, NULL,
           MC_CONF_NONE);
    /* a base named by its legacy id (no owner) */
    expect(CARD,
           "# tiny\n\nThis model is a fine-tuned version of "
           "[bert-base-cased](https://huggingface.co/bert-base-cased) on the foo dataset.\n",
           "fine-tune", "bert-base-cased", MC_CONF_TEMPLATE);
}

static void test_mergekit_template(void **state)
{
    (void)state;
    expect(CARD,
           "# tiny\n\nThis is a merge of pre-trained language models created using "
           "[mergekit](https://github.com/cg123/mergekit).\n\n### Models Merged\n\n"
           "* [org/alpha-7b](https://huggingface.co/org/alpha-7b)\n"
           "* [org/beta-7b](https://huggingface.co/org/beta-7b)\n\n"
           "```yaml\nmodels:\n  - model: org/gamma-7b\nmerge_method: slerp\n```\n",
           "merge", "org/gamma-7b", MC_CONF_TEMPLATE);
    expect(CARD,
           "# tiny\n\nThis is a merge of pre-trained language models created using mergekit.\n"
           "\n- org/alpha-7b\n- org/beta-7b\n",
           "merge", "org/beta-7b", MC_CONF_TEMPLATE);
    /* a checkpoint merger's recipe, and music notation that looks like one */
    expect(CARD, "# tiny\n\n- recipe : 0.5(alphaMix_v2) + 0.5(betaPastel_fp16)\n", "merge",
           "betaPastel_fp16", MC_CONF_TEMPLATE);
    expect(CARD, "# tiny\n\nX:1 (3(Ace) (3(Bdf) g2\n", NULL, NULL, MC_CONF_NONE);
    expect(CARD, "# tiny\n\nDreamBooth + Merge Block Weights\n", "merge", NULL, MC_CONF_EXPLICIT);
    /* merging code and adapters is not a merge of models */
    expect(CARD, "# tiny\n\nOpen a merge request to contribute. Merge the LoRA before use.\n", NULL,
           NULL, MC_CONF_NONE);
    /* a merge of data sets */
    expect(CARD, "# tiny\n\nThe dataset used for training is the merge of three datasets.\n", NULL,
           NULL, MC_CONF_NONE);
}

static void test_quantization(void **state)
{
    (void)state;
    expect("models/Foo-7B-GGUF/README.md",
           "# Foo 7B - GGUF\n\nThis repo contains GGUF format model files for "
           "[Foo 7B](https://huggingface.co/org/Foo-7B).\n",
           "quantized", "org/Foo-7B", MC_CONF_TEMPLATE);
    /* the name alone, and the base it is named after */
    expect("models/Foo-7B-AWQ/README.md", "# Foo\n\nA chat model.\n", "quantized", "Foo-7B",
           MC_CONF_METADATA);
    /* quantization is recognised before fine-tuning: a quantization copies its base's card */
    expect("models/Bar-13B-GPTQ/README.md",
           "---\nbase_model: org/Bar-13B\n---\n# Bar\n\nBar is fine-tuned from "
           "[org/Base-13B](https://huggingface.co/org/Base-13B).\n",
           "quantized", "org/Bar-13B", MC_CONF_METADATA);
    /* offering quantized files is not being one */
    expect("models/Foo-7B/README.md",
           "---\nbase_model: org/Base-7B\n---\n# Foo\n\nQuantized versions of this model are "
           "available.\n",
           "fine-tune", "org/Base-7B", MC_CONF_METADATA);
}

static void test_adapters(void **state)
{
    (void)state;
    expect(CARD, "---\nlibrary_name: peft\nbase_model: org/base-7b\n---\n# tiny\n", "adapter",
           "org/base-7b", MC_CONF_METADATA);
    expect(CARD, "---\nlibrary_name: transformers\nbase_model: org/base-7b\n---\n# tiny\n",
           "fine-tune", "org/base-7b", MC_CONF_METADATA);
    expect(CARD,
           "# tiny\n\nThese are LoRA adaption weights for stabilityai/stable-diffusion-xl-base-1.0."
           "\n",
           "adapter", "stabilityai/stable-diffusion-xl-base-1.0", MC_CONF_TEMPLATE);
    /* a training configuration in the card */
    expect(CARD, "# tiny\n\n```yaml\nbase_model: org/base-7b\nadapter: qlora\n```\n", "adapter",
           "org/base-7b", MC_CONF_TEMPLATE);
    /* "fine-tuned ... trained with LoRA and merged": the adapter is the exact word */
    expect(CARD,
           "# tiny\n\nThis model is a fine-tuned version of "
           "[org/base-7b](https://huggingface.co/org/base-7b).\n\nTrained with LoRA and merged "
           "before upload.\n",
           "adapter", "org/base-7b", MC_CONF_TEMPLATE);
}

static void test_labelled_fields(void **state)
{
    (void)state;
    expect(CARD, "# tiny\n\n- **Base model:** [org/base-7b](https://huggingface.co/org/base-7b)\n",
           "fine-tune", "org/base-7b", MC_CONF_TEMPLATE);
    expect(CARD,
           "# tiny\n\n| Original model | [Foo](https://huggingface.co/org/foo-7b) |\n"
           "|---|---|\n| Size | 7B |\n",
           "fine-tune", "org/foo-7b", MC_CONF_TEMPLATE);
    /* a bare address names the repository */
    expect(CARD, "# tiny\n\nAs a base model we used: https://huggingface.co/org/alpaca-13b\n",
           "fine-tune", "org/alpaca-13b", MC_CONF_TEMPLATE);
    /* the template's unfilled slot names nothing */
    expect(CARD, "# tiny\n\n- **Finetuned from model [optional]:** [More Information Needed]\n",
           NULL, NULL, MC_CONF_NONE);
}

static void test_prose_forms(void **state)
{
    (void)state;
    /* the name before the phrase, after an article */
    expect("models/synthia/README.md",
           "# Synthia\n\nSynthia is a LLama-2-70B model trained on Orca style datasets.\n",
           "fine-tune", "LLama-2-70B", MC_CONF_EXPLICIT);
    expect("models/classic/README.md",
           "# Classic\n\nThis is the fine-tuned Stable Diffusion model trained on film stills.\n",
           "fine-tune", "Stable Diffusion", MC_CONF_EXPLICIT);
    expect(CARD, "# tiny\n\nTiny was trained on the Yi-34B-200K base.\n", "fine-tune",
           "Yi-34B-200K", MC_CONF_EXPLICIT);
    expect(CARD,
           "# tiny\n\nTiny builds on the [DialoGPT-medium](https://huggingface.co/"
           "microsoft/DialoGPT-medium) model, based on the GPT-2 architecture.\n",
           "fine-tune", "microsoft/DialoGPT-medium", MC_CONF_EXPLICIT);
    /* a relative link written as a repository id, and "the model weights of X" */
    expect(CARD,
           "# tiny\n\nA classifier fine tuned and based on [Cardiff](cardiffnlp/"
           "twitter-roberta-base).\n",
           "fine-tune", "cardiffnlp/twitter-roberta-base", MC_CONF_EXPLICIT);
    expect(CARD, "# tiny\n\nThis model was trained based on the model weights of Qwen.\n",
           "fine-tune", "Qwen", MC_CONF_EXPLICIT);
    /* a CJK sentence around a Latin word is no model's name */
    expect(CARD, "# tiny\n\n基于零一万物Yi-VL多模态大模型简单几步就能批量生成笔记\n", NULL, NULL,
           MC_CONF_NONE);
    /* a fine-tune with an unnamed base still decides the origin */
    expect(CARD, "# tiny\n\nTiny was fine-tuned using DPO on preference pairs.\n", "fine-tune",
           NULL, MC_CONF_EXPLICIT);
    /* verb forms */
    expect(CARD,
           "# tiny\n\nTiny is post-trained from [org/base](https://huggingface.co/org/base)."
           "\n",
           "fine-tune", "org/base", MC_CONF_EXPLICIT);
    expect(CARD, "# tiny\n\nThis is the DPO'd version of https://huggingface.co/org/base-7b\n",
           "fine-tune", "org/base-7b", MC_CONF_EXPLICIT);
    expect(CARD, "# tiny\n\nTiny has been llamafied from org/yi-34b and fine tuned on chat data.\n",
           "fine-tune", NULL, MC_CONF_EXPLICIT);
    /* a port of a framework's original weights, not the authors' pretraining */
    expect(CARD,
           "# tiny\n\nA VGG image classifier. Trained on ImageNet-1k, original "
           "torchvision weights.\n",
           "conversion", NULL, MC_CONF_EXPLICIT);
    /* a LoRA trained "by" a named checkpoint; a maker is no base */
    expect(CARD, "# tiny\n\n- any: Trained by anything4.5\n", "fine-tune", "anything4.5",
           MC_CONF_EXPLICIT);
    expect(CARD, "# tiny\n\nA 3.6B model trained by LINE Corporation on 650 GB of text.\n",
           "from-scratch", NULL, MC_CONF_WEAK);
    /* patches merged inside a network, and a quantized latent space, are no merge */
    expect(CARD, "# tiny\n\nIt builds hierarchical feature maps by merging image patches.\n", NULL,
           NULL, MC_CONF_NONE);
    expect(CARD,
           "# tiny\n\nThis model is identical to [org/orig](https://huggingface.co/org/orig)"
           " with the tensors renamed.\n",
           "conversion", "org/orig", MC_CONF_EXPLICIT);
}

static void test_pretraining(void **state)
{
    (void)state;
    expect(CARD, "# tiny\n\nTiny is a 3B model pretrained on 2T tokens of web text.\n",
           "from-scratch", NULL, MC_CONF_WEAK);
    expect("models/falcon-7b/README.md",
           "# Falcon-7B\n\nFalcon-7B is trained on 1,500B tokens of RefinedWeb.\n", "from-scratch",
           NULL, MC_CONF_WEAK);
    /* a loose wording needs a scale or a corpus */
    expect(CARD,
           "# tiny\n\nIt is trained on the combinations of three data splits, sampling up "
           "to 10K instances.\n",
           NULL, NULL, MC_CONF_NONE);
    /* a scale on the next line of the same paragraph */
    expect(CARD,
           "# tiny\n\nThe model is trained with an initial sequence length of 512\nfor 1.5M "
           "steps.\n",
           "from-scratch", NULL, MC_CONF_WEAK);
    /* another model's pretraining */
    expect(CARD, "# tiny\n\nStable Diffusion was trained on LAION-5B.\n", NULL, NULL, MC_CONF_NONE);
    /* the authors' own pipeline: pretraining, then tuning, names no other model */
    expect(CARD,
           "# tiny\n\nA speech model, pretrained and fine-tuned on 960 hours of "
           "Librispeech.\n",
           "from-scratch", NULL, MC_CONF_WEAK);
    /* an explicit statement */
    expect(CARD, "# tiny\n\nTiny was trained from scratch.\n", "from-scratch", NULL,
           MC_CONF_EXPLICIT);
}

static void test_languages(void **state)
{
    (void)state;
    expect(CARD, "# tiny\n\nTiny는 Qwen2.5를 기반으로 추가 사전학습한 모델입니다.\n",
           "continued-pretraining", "Qwen2.5", MC_CONF_EXPLICIT);
    expect(CARD, "# tiny\n\nTiny는 Llama-3-8B를 토대로 미세 조정한 모델입니다.\n", "fine-tune",
           "Llama-3-8B", MC_CONF_EXPLICIT);
    expect(CARD, "# tiny\n\nTiny는 처음부터 학습한 모델입니다.\n", "from-scratch", NULL,
           MC_CONF_EXPLICIT);
    expect(CARD, "# tiny\n\n本模型基于 Qwen2-7B 微调。\n", "fine-tune", "Qwen2-7B",
           MC_CONF_EXPLICIT);
    expect(CARD, "# tiny\n\n本模型は Llama2をベースとして追加事前学習を行ったモデルです。\n",
           "continued-pretraining", "Llama2", MC_CONF_EXPLICIT);
}

static void test_weak_signals(void **state)
{
    (void)state;
    expect(CARD, "---\ntags:\n- merge\n- mergekit\n---\n# tiny\n", "merge", NULL, MC_CONF_WEAK);
    expect(CARD, "---\ntags:\n- text-generation\n---\n# tiny\n", NULL, NULL, MC_CONF_NONE);
    expect("models/Foo-7B-DPO/README.md", "# Foo\n", "fine-tune", NULL, MC_CONF_WEAK);
    expect("models/Foo-7B-Instruct/README.md", "# Foo\n\nThe instruction-tuned model.\n",
           "fine-tune", "Foo-7B", MC_CONF_EXPLICIT);
    /* a tuned release's version after its suffix, and a family carried in the name */
    expect("models/coder-15b-instruct-v0.1/README.md",
           "# coder\n\nThe instruction-tuned "
           "model.\n",
           "fine-tune", "coder-15b", MC_CONF_EXPLICIT);
    expect("models/Hermes-3-Llama-3.1-8B/README.md",
           "# Hermes 3\n\nHermes 3 was fine-tuned on synthetic conversations.\n", "fine-tune",
           "Llama-3.1-8B", MC_CONF_EXPLICIT);
    /* the family is the model itself: no base from the name */
    expect("models/Llama-3.1-8B/README.md", "# Llama\n\nLlama 3.1 was pretrained on 15T tokens.\n",
           "from-scratch", NULL, MC_CONF_WEAK);
    /* a family's release list is no statement about this repository */
    expect("models/foo-7b/README.md",
           "# Foo\n\nA collection of pretrained and instruction-tuned models.\n", NULL, NULL,
           MC_CONF_NONE);
}

static void test_subjects(void **state)
{
    (void)state;
    /* a checklist, a hypothetical, an instruction, release history, a citation */
    expect(CARD, "# tiny\n\n- [ ] train from scratch\n- [x] fine-tune from org/base-7b\n", NULL,
           NULL, MC_CONF_NONE);
    expect(CARD, "# tiny\n\nIf you want to train from scratch, use our scripts.\n", NULL, NULL,
           MC_CONF_NONE);
    expect(CARD, "# tiny\n\n- 2024.12.09: We released Tiny-Chat, fine-tuned from Tiny.\n", NULL,
           NULL, MC_CONF_NONE);
    expect(CARD, "# tiny\n\n## Citation\n\nFoo is fine-tuned from org/base-7b.\n", NULL, NULL,
           MC_CONF_NONE);
    /* a sibling's derivation on the family's card */
    expect("models/mpt-30b/README.md",
           "# MPT-30B\n\n* MPT-30B-Instruct: a model built by finetuning MPT-30B on instructions."
           "\n",
           NULL, NULL, MC_CONF_NONE);
    /* a derivative of this model is not its base */
    expect("models/mpt-7b/README.md",
           "# MPT-7B\n\nMPT-7B was trained from scratch on 1T tokens. We finetuned "
           "[mosaicml/mpt-7b-storywriter](https://huggingface.co/mosaicml/mpt-7b-storywriter) "
           "from it.\n",
           "from-scratch", NULL, MC_CONF_EXPLICIT);
}

static void test_conflicts(void **state)
{
    mc_record *rec;
    (void)state;

    /* from scratch against a declared base, whatever the order */
    rec = resolve(CARD, "---\nbase_model: org/base-7b\n---\n# tiny\n\nTiny was trained from "
                        "scratch.\n");
    assert_non_null(rec->prov.scratch.path);
    assert_non_null(rec->prov.derived.path);
    assert_string_equal(rec->prov.derived.str, "org/base-7b");
    mc_record_free(rec);
    rec = resolve(CARD, "# tiny\n\nTiny is fine-tuned from "
                        "[org/base-7b](https://huggingface.co/org/base-7b).\n\nTiny was trained "
                        "from scratch.\n");
    assert_non_null(rec->prov.derived.path);
    mc_record_free(rec);
    /* a chat model of the family's own base is no contradiction */
    rec = resolve("models/foo-7b-chat/README.md",
                  "# foo-7b-chat\n\nThe Foo models were trained from scratch on 2T tokens.\n\n"
                  "foo-7b-chat is initialized from foo-7b-base and fine-tuned on instructions.\n");
    assert_null(rec->prov.derived.path);
    assert_string_equal(rec->prov.training.str, "fine-tune");
    mc_record_free(rec);
    /* a field and the text disagree */
    rec = resolve(CARD, "---\nbase_model:\n- org/a-7b\nbase_model_relation: finetune\n---\n"
                        "# tiny\n\nTiny is a merge of [org/a-7b](https://huggingface.co/org/a-7b)"
                        " and [org/b-7b](https://huggingface.co/org/b-7b).\n");
    assert_string_equal(rec->prov.training.str, "fine-tune");
    assert_non_null(rec->prov.text_says.path);
    assert_string_equal(rec->prov.text_says.str, "merge");
    mc_record_free(rec);
}

static void test_composition(void **state)
{
    (void)state;
    expect(CARD,
           "---\npipeline_tag: image-text-to-text\nbase_model:\n- org/vision-encoder\n"
           "- org/lm-8b\n---\n# tiny\n",
           "fine-tune", "org/vision-encoder", MC_CONF_METADATA);
    expect(CARD,
           "---\npipeline_tag: text-generation\nbase_model:\n- org/a-7b\n- org/b-7b\n---\n"
           "# tiny\n",
           "merge", "org/b-7b", MC_CONF_METADATA);
}

static void test_architecture_tokenizer(void **state)
{
    mc_record *rec;
    (void)state;

    rec = resolve(CARD, "# tiny\n\nTiny was trained from scratch on 2T tokens with the standard "
                        "Llama-2 architecture and our own tokenizer trained on Korean text.\n");
    assert_string_equal(rec->prov.arch_origin.str, "standard");
    assert_string_equal(rec->prov.arch_based_on.str, "Llama-2");
    assert_string_equal(rec->prov.tok_origin.str, "trained");
    assert_string_equal(rec->tier, "T4-1");
    mc_record_free(rec);
    rec = resolve(CARD, "# tiny\n\nTiny was trained from scratch. It uses the GPT-NeoX-20B "
                        "tokenizer and a Llama-like architecture with the following "
                        "modifications.\n");
    assert_string_equal(rec->prov.tok_origin.str, "reused");
    assert_string_equal(rec->prov.arch_origin.str, "derived");
    assert_string_equal(rec->tier, "T4-2");
    mc_record_free(rec);
    /* weak: a transformers class in the card's code; never enough for MC303 */
    rec = resolve(CARD, "# tiny\n\nTiny was trained from scratch.\n\n```python\nfrom transformers "
                        "import GPTNeoXForCausalLM\n```\n");
    assert_string_equal(rec->prov.arch_based_on.str, "GPTNeoX");
    assert_true(rec->prov.arch_weak);
    mc_record_free(rec);
    /* a family with a size in the repository's name */
    rec = resolve("models/resnet50.a1_in1k/README.md",
                  "# resnet50\n\nAn image classifier pretrained on ImageNet-1k.\n");
    assert_string_equal(rec->prov.arch_based_on.str, "resnet");
    assert_string_equal(rec->tier, "T4-1");
    mc_record_free(rec);
    /* an "architecture" that names no model or family */
    rec = resolve(CARD, "# tiny\n\nTiny was trained from scratch.\n\n## Architecture: Innovative "
                        "Load Balancing\n");
    assert_null(rec->prov.arch_origin.str);
    mc_record_free(rec);
}

static void test_not_model_cards(void **state)
{
    mc_record *rec;
    (void)state;

    rec = resolve(CARD, "---\nlicense: mit\ntask_categories:\n- text-generation\n---\n# data\n");
    assert_non_null(rec->not_model);
    mc_record_free(rec);
    rec = resolve(CARD, "---\ntitle: demo\nsdk: gradio\napp_file: app.py\n---\n# demo\n");
    assert_string_equal(rec->not_model, "a Space");
    mc_record_free(rec);
    /* a model card that also lists data sets */
    rec = resolve(CARD, "---\nlicense: mit\nbase_model: org/x\ntask_categories:\n- text\n---\n"
                        "# m\n");
    assert_null(rec->not_model);
    mc_record_free(rec);
}

/* `base` is not among the bases the card at `path` reads. */
static void expect_not_base(const char *path, const char *md, const char *base)
{
    mc_record *rec = resolve(path, md);

    if (has_base(rec, base)) {
        dump(rec, md);
        fail_msg("did not expect %s among the bases", base);
    }
    mc_record_free(rec);
}

static void test_quoted_cards(void **state)
{
    mc_record *rec;
    (void)state;
    /* a quantization quoting its original's card: the label's link names the base, and the
     * quoted card's own sentences (headed at any level) are not claims about this model */
    expect("models/Foo-13B-GGUF/README.md",
           "---\nquantized_by: someone\nmodel_name: Foo 13B\n---\n# Foo 13B - GGUF\n\n"
           "- Original model: [Foo 13B](https://huggingface.co/org/Foo-13b-hf)\n\n"
           "# Original model card: Org's Foo 13B\n\n# **Foo**\n\n"
           "Our fine-tuned Chat models were trained from scratch on 2T tokens of public data.\n",
           "quantized", "org/Foo-13b-hf", MC_CONF_METADATA);
    expect_not_base("models/Foo-13B-GGUF/README.md",
                    "---\nquantized_by: someone\n---\n# Foo 13B - GGUF\n\n"
                    "# Original model card\n\n# Foo\n\nA fine-tuned Chat-7B of Bar-2-7B.\n",
                    "Bar-2-7B");
    /* ... but its data statement is still the data this model was trained on */
    rec = resolve("models/Foo-13B-GGUF/README.md",
                  "---\nquantized_by: someone\n---\n# Foo 13B - GGUF\n\n"
                  "# Original model card\n\n# Foo\n\nFoo was pretrained on 2T tokens of "
                  "public data.\n");
    assert_non_null(rec->prov.data.str);
    assert_string_equal(rec->prov.training.str, "quantized");
    mc_record_free(rec);
    /* a label with a link to a repository, whatever its text */
    expect(CARD, "# tiny\n\nOriginal model is [here](https://huggingface.co/org/foo-xl).\n",
           "fine-tune", "org/foo-xl", MC_CONF_TEMPLATE);
    /* a maker's page is no model */
    expect_not_base(CARD, "# tiny\n\n- Model creator: [Org](https://huggingface.co/org)\n", "org");
}

static void test_usage_code(void **state)
{
    (void)state;
    /* a LoRA loaded into a pipeline: the pipeline's checkpoint is the base */
    expect("models/foo-lora/README.md",
           "---\ntags: [lora]\n---\n# foo-lora\n\n```python\n"
           "pipe = FooPipeline.from_pretrained(\"org/foo-1-dev\", dtype=torch.bfloat16)\n"
           "pipe.load_lora_weights(\"me/foo-lora\")\n```\n",
           "adapter", "org/foo-1-dev", MC_CONF_WEAK);
    /* through a variable, and a ControlNet passed to the pipeline */
    expect("models/foo-controlnet/README.md",
           "# foo-controlnet\n\nA ControlNet.\n\n```python\nbase_id = \"org/diffusion-v1-5\"\n"
           "controlnet = ControlNetModel.from_pretrained(\"me/foo-controlnet\")\n"
           "pipe = FooControlNetPipeline.from_pretrained(base_id, controlnet=controlnet)\n```\n",
           NULL, "org/diffusion-v1-5", MC_CONF_NONE);
    /* a block that only loads this model, or loads another one beside it, attaches nothing */
    expect_not_base("models/foo/README.md",
                    "# foo\n\n```python\npipe = FooPipeline.from_pretrained(\"org/other-1\")\n"
                    "vae = AutoencoderKL.from_pretrained(\"org/vae-2\")\n```\n",
                    "org/other-1");
    expect_not_base("models/foo/README.md",
                    "# foo\n\n```python\nm = AutoModelForCausalLM.from_pretrained(\"me/foo\")\n"
                    "m.load_adapter(\"me/foo-adapter\")\n```\n",
                    "me/foo");
}

static void test_family_signals(void **state)
{
    (void)state;
    /* a licence that binds one family's derivatives names the family */
    expect("models/bio-assistant/README.md",
           "---\nlicense: llama3\ntags: [finetune]\n---\n# bio-assistant\n\nA chat model.\n",
           "fine-tune", "Llama 3", MC_CONF_WEAK);
    /* never on the family's own release, nor on a model trained from scratch */
    expect_not_base("models/Llama-3-8B/README.md",
                    "---\nlicense: llama3\n---\n# Llama 3 8B\n\nOur model.\n", "Llama 3");
    expect_not_base(CARD,
                    "---\nlicense: llama3\n---\n# tiny\n\nWe trained tiny from scratch on 1T "
                    "tokens.\n",
                    "Llama 3");
    /* a diffusion family's tag, for a derived model that names no base */
    expect("models/tiny-lora/README.md", "---\ntags: [lora, sdxl]\n---\n# tiny-lora\n\nA style.\n",
           "adapter", "Stable Diffusion XL", MC_CONF_WEAK);
    expect_not_base("models/tiny-lora/README.md",
                    "---\ntags: [lora, stable-diffusion]\n---\n# tiny-lora\n\nA style.\n",
                    "Stable Diffusion XL");
}

static void test_more_prose(void **state)
{
    (void)state;
    /* a lower-case legacy id is a name ("bert-base-uncased"), a lower-case word is not */
    expect(CARD, "# tiny\n\n- **Base Model:** bert-base-uncased\n", "fine-tune",
           "bert-base-uncased", MC_CONF_TEMPLATE);
    expect(CARD, "# tiny\n\nThis model is a fine-tuned version of `bert-base-uncased`.\n",
           "fine-tune", "bert-base-uncased", MC_CONF_TEMPLATE);
    expect_not_base(CARD, "# tiny\n\nIt was fine-tuned from well-known checkpoints.\n",
                    "well-known");
    /* a parenthesis between the phrase and its connective */
    expect(CARD, "# tiny\n\nThis model is a fine-tune (DPO) of `org/foo-4k-instruct` model.\n",
           "fine-tune", "org/foo-4k-instruct", MC_CONF_EXPLICIT);
    /* a no-break space after a label */
    expect(CARD, "# tiny\n\n- **Fine-tuned from models:**\xc2\xa0[org/foo-8B](org/foo-8B)\n",
           "fine-tune", "org/foo-8B", MC_CONF_EXPLICIT);
    /* "on X base model": the object of the preposition; "a X base model" describes this */
    expect(CARD, "# tiny\n\n- Training: full fine-tuning on Foo 3 8B base model\n", "fine-tune",
           "Foo 3 8B", MC_CONF_TEMPLATE);
    expect_not_base(CARD, "# tiny\n\nThis is a Japanese Foo V2 base model pre-trained on text.\n",
                    "Japanese Foo V2");
    /* "X as the base model" */
    expect(CARD,
           "# tiny\n\nWe chose [Foo](https://huggingface.co/org/foo-large-v3) as our "
           "base model.\n",
           "fine-tune", "org/foo-large-v3", MC_CONF_TEMPLATE);
    /* a family's name in apposition with a model; a family's name alone is data */
    expect(CARD, "# tiny\n\nTrained on Mistral, a state of the art 7B parameter model.\n",
           "fine-tune", "Mistral", MC_CONF_EXPLICIT);
    expect_not_base(CARD, "# tiny\n\nTrained on Mistral outputs.\n", "Mistral");
    /* what an adapter is trained on is its base; a resolution is not */
    expect("models/tiny-lora/README.md",
           "# tiny-lora\n\nThis is a LoRA (Logo) trained on FOO.1-dev by me.\n", "adapter",
           "FOO.1-dev", MC_CONF_EXPLICIT);
    expect_not_base("models/tiny-lora/README.md",
                    "# tiny-lora\n\nEach ControlNet is trained on 1024x1024 resolution.\n",
                    "1024x1024");
    /* Russian basics */
    expect(
        CARD,
        "# tiny\n\nМодель основана на [org/bar-small2](https://huggingface.co/org/bar-small2).\n",
        "fine-tune", "org/bar-small2", MC_CONF_EXPLICIT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_trainer_template),
        cmocka_unit_test(test_mergekit_template),
        cmocka_unit_test(test_quantization),
        cmocka_unit_test(test_adapters),
        cmocka_unit_test(test_labelled_fields),
        cmocka_unit_test(test_prose_forms),
        cmocka_unit_test(test_pretraining),
        cmocka_unit_test(test_languages),
        cmocka_unit_test(test_weak_signals),
        cmocka_unit_test(test_subjects),
        cmocka_unit_test(test_conflicts),
        cmocka_unit_test(test_composition),
        cmocka_unit_test(test_architecture_tokenizer),
        cmocka_unit_test(test_not_model_cards),
        cmocka_unit_test(test_quoted_cards),
        cmocka_unit_test(test_usage_code),
        cmocka_unit_test(test_family_signals),
        cmocka_unit_test(test_more_prose),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
