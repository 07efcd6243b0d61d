/* The provenance resolver: one decision per model, from every signal the record holds.
 *
 * Signals, strongest first (docs/claims.md, "Deciding", is the reader's version of this
 * order; a lower rank wins, and the card's text comes before its report's):
 *
 *   rank  signal                                                  confidence
 *    0    the provenance block's training                         explicit
 *    1    base_model_relation                                     metadata
 *    2    quantization: a quantization card's wording, the        template / metadata
 *         repository's name, or quantized_by
 *    3    a generated card: Trainer, mergekit, PEFT, diffusers    template
 *         LoRA; library_name: peft
 *    4    a statement in words (fine-tuned, merge of, LoRA,       explicit
 *         quantized, continued pre-training, up-scaling,
 *         conversion)
 *    5    "based on" / "built on" a named model                   explicit
 *    6    base_model (one: a derivative; several: a merge)        metadata
 *    7    an adapter or merge configuration                        metadata
 *    8    "trained from scratch"                                  explicit
 *    9    a labelled base ("Base model: X") alone, quantized files template, metadata
 *   10    tags                                                    weak
 *   11    a pretraining statement with no starting model named    weak
 *   12    a loose tuning word ("instruction-tuned")                weak
 *   13    the repository's name                                   weak
 *
 * Quantization is recognised before fine-tuning (a quantized repository declares its base
 * and copies its base's card), derivation before a from-scratch statement (a derivative's
 * card often quotes its base's card). When a from-scratch statement stands beside a declared
 * or stated base, both are kept (prov.scratch, prov.derived) for MC302.
 *
 * Word lists are data: rules/phrases.yaml (the text) and rules/signals.yaml (tags, library
 * names, name words). */
#include "record/build.h"
#include "record/claims.h"
#include "record/hub.h"
#include "record/record.h"
#include "record/tier.h"
#include "record/words.h"
#include "util/str.h"

#include <stdio.h>
#include <string.h>

enum {
    R_BLOCK = 0,
    R_RELATION,
    R_QUANT,
    R_TEMPLATE,
    R_TEXT,
    R_BASED_ON,
    R_BASE_MODEL,
    R_EVIDENCE,
    R_SCRATCH,
    R_LABEL,
    R_TAGS,
    R_PRETRAIN,
    R_WEAK_TEXT,
    R_NAME,
    R_NONE
};

typedef struct {
    int rank;
    const char *training;
    mc_confidence conf;
    const char *signal;
    mc_val where;
} vote;

static void cast(vote *best, int rank, const char *training, mc_confidence conf, const char *signal,
                 const mc_val *where)
{
    if (training == NULL || rank >= best->rank)
        return;
    best->rank = rank;
    best->training = training;
    best->conf = conf;
    best->signal = signal;
    best->where = *where;
}

/* ---- data: rules/signals.yaml ---- */

/* Does the list `path` of rules/signals.yaml have `word` (n bytes, ASCII
 * case-insensitive)? */
static bool signal_lookup_list(const char *path, const char *word, size_t n)
{
    return mc_words_has(mc_words_get(path), word, n);
}

/* The training value whose list under `section` ("tags", "names") has `word`, or NULL.
 * `only` restricts the search to one training value. */
static const char *signal_lookup(const char *section, const char *word, size_t n, const char *only)
{
    const mc_words *trainings = mc_words_get(section);

    for (size_t i = 0; n && i < trainings->n; i++) {
        if (only && !mc_streq(only, trainings->v[i]))
            continue;
        if (mc_words_has(mc_words_child(trainings, i), word, n))
            return trainings->v[i];
    }
    return NULL;
}

/* The training the words of a name suggest (quantization first), or NULL. */
static const char *name_training(const char *name, const char *only)
{
    static const char *const order[] = {"quantized", "conversion", "adapter", "merge", "fine-tune"};
    const char *found[5] = {NULL, NULL, NULL, NULL, NULL};

    for (const char *p = name; p && *p;) {
        size_t n = strcspn(p, "-_./ ");
        const char *t = signal_lookup("names", p, n, only);
        for (size_t k = 0; t && k < 5; k++)
            if (mc_streq(t, order[k]))
                found[k] = order[k];
        p += n;
        if (*p)
            p++;
    }
    for (size_t k = 0; k < 5; k++)
        if (found[k])
            return found[k];
    return NULL;
}

/* Is name[b..e) a version or a date ("v0.1", "0106", "2407")? */
static bool version_word(const char *name, size_t b, size_t e)
{
    size_t i = b + (b < e && (name[b] == 'v' || name[b] == 'V'));

    if (i >= e)
        return false;
    for (; i < e; i++)
        if (!(name[i] >= '0' && name[i] <= '9') && name[i] != '.')
            return false;
    return true;
}

/* The length of `name` without its last words while they are of the `training` list of
 * names, versions after them included ("phi-2-GGUF" -> "phi-2", "x-15b-instruct-v0.1" ->
 * "x-15b"); 0 if nothing would be left or nothing is cut. */
static size_t name_cut(const char *name, const char *training)
{
    size_t e = name ? strlen(name) : 0, cut = 0;

    for (;;) {
        size_t b = e;
        while (b > 0 && !strchr("-_./ ", name[b - 1]))
            b--;
        if (b == 0 || b == e)
            break;
        if (signal_lookup("names", name + b, e - b, training))
            cut = b - 1; /* a listed word: cut before it, and look further back */
        else if (!version_word(name, b, e))
            break; /* a version is skipped: "-Instruct-v0.1" */
        e = b - 1;
    }
    return cut;
}

/* Is name[b..e) a size ("8B", "13b", "1.5B", "8x7B", "135M")? */
static bool size_word(const char *name, size_t b, size_t e)
{
    size_t i = b;

    if (e - b < 2 ||
        !(name[e - 1] == 'B' || name[e - 1] == 'b' || name[e - 1] == 'M' || name[e - 1] == 'm'))
        return false;
    for (; i < e - 1; i++)
        if (!(name[i] >= '0' && name[i] <= '9') && name[i] != '.' && name[i] != 'x')
            return false;
    return name[b] >= '0' && name[b] <= '9';
}

/* Is name[b..e) a family of rules/signals.yaml base_families, maybe with a version
 * ("llama3", "qwen2.5")? */
static bool family_word(const char *name, size_t b, size_t e)
{
    const mc_words *f = mc_words_get("base_families");

    for (size_t k = 0; k < f->n; k++) {
        size_t fl = f->len[k], d;
        if (fl > e - b || mc_memifind(name + b, fl, f->v[k], fl) != 0)
            continue;
        for (d = b + fl; d < e && ((name[d] >= '0' && name[d] <= '9') || name[d] == '.');)
            d++;
        if (d == e)
            return true;
    }
    return false;
}

/* The base a derivative's name carries: a family word up to its size, within three words
 * ("Hermes-3-Llama-3.1-8B" -> "Llama-3.1-8B"), in the arena; NULL if none, or if it would
 * be the whole name. */
static const char *name_family_base(mc_record *rec, const char *name)
{
    size_t n = name ? strlen(name) : 0;

    for (size_t b = 0; b < n;) {
        size_t e = b + strcspn(name + b, "-_ ");
        if (family_word(name, b, e)) {
            size_t w = e;
            for (int k = 0; k < 3 && w < n; k++) {
                size_t wb = w + 1, we = wb + strcspn(name + wb, "-_ ");
                if (size_word(name, wb, we))
                    return b == 0 && we == n ? NULL
                                             : mc_arena_strndup(rec->arena, name + b, we - b);
                w = we;
            }
        }
        b = e + (e < n);
    }
    return NULL;
}

/* `name` cut by name_cut(), in the record's arena, or NULL. */
static const char *name_without(mc_record *rec, const char *name, const char *training)
{
    size_t e = name_cut(name, training);

    return e ? mc_arena_strndup(rec->arena, name, e) : NULL;
}

/* ---- claims ---- */

static bool isalnum_ascii(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool is_weight_kind(mc_claim_kind k)
{
    return k == MC_CLAIM_FINETUNE || k == MC_CLAIM_CPT || k == MC_CLAIM_ADAPTER ||
           k == MC_CLAIM_MERGE || k == MC_CLAIM_QUANTIZED || k == MC_CLAIM_DUS ||
           k == MC_CLAIM_CONVERSION || k == MC_CLAIM_DISTILL;
}

/* Where the claim's phrase starts in its line (the extractor records it), or -1. */
static long phrase_pos(const mc_claim *c)
{
    return c->where.str && c->phrase && c->phrase_at < strlen(c->where.str) ? (long)c->phrase_at
                                                                            : -1;
}

/* A "based on X" that speaks of weights: a named model, and no architecture word right
 * after the phrase ("based on the GPT-2 architecture": a from-scratch model may well use a
 * standard design). A linked repository is weights whatever follows. */
static bool based_on_weights(const mc_claim *c)
{
    const mc_words *arch_words = mc_words_get("cues.architecture_near");
    const char *line = c->where.str;
    long at;
    char window[160];
    size_t n;

    if (c->kind != MC_CLAIM_BASED_ON || c->negated || c->object == NULL)
        return false;
    if (strchr(c->object, '/'))
        return true;
    at = phrase_pos(c);
    if (at < 0)
        return mc_object_names_model(c->object) && !mc_words_in(arch_words, line, strlen(line));
    n = strlen(line + at);
    n = n < sizeof window - 1 ? n : sizeof window - 1;
    memcpy(window, line + at, n);
    window[n] = '\0';
    /* "based on the model weights of Qwen": weights, whatever the name looks like */
    if (mc_words_in(mc_words_get("cues.weights_near"), window, n < 48 ? n : 48))
        return true;
    return mc_object_names_model(c->object) && !mc_words_in(arch_words, window, n);
}

/* ---- subjects and scales ---- */

/* The name of the repository: the model's folder, else model_name, else the folder the
 * repository is in. Never a heading: headings are free text. */
static const char *repo_name(const mc_record *rec)
{
    const char *root = rec->src ? mc_source_root(rec->src) : NULL;

    if (rec->dir && *rec->dir)
        return mc_path_base(rec->dir);
    if (rec->model_name.str)
        return rec->model_name.str;
    return root && *root ? mc_path_base(root) : NULL;
}

/* Is `name` this model (its name or its repository's, one containing the other)? */
static bool is_this_model(const mc_record *rec, const char *name)
{
    char n[128], m[128];
    const char *own[2] = {rec->name, repo_name(rec)};
    size_t nl = mc_squeeze(name, n, sizeof n);

    if (nl < 3)
        return false;
    for (int i = 0; i < 2; i++) {
        size_t ml = mc_squeeze(own[i], m, sizeof m);
        if (ml >= 3 && (strstr(m, n) || strstr(n, m)))
            return true;
    }
    return false;
}

/* Is `object` a derivative of this model ("MPT-7B-StoryWriter" on the card of "MPT-7B",
 * "community Yi-34B fine-tunes" on Yi-34B's): its name contains this model's whole name.
 * Then a derivation naming it speaks of another repository. */
static bool derivative_of_this(const mc_record *rec, const char *object)
{
    char o[128], m[128];
    /* the repository's name, not a heading: a quantization's card is headed by the
     * name of the model it quantizes */
    const char *own[2] = {repo_name(rec), rec->model_name.str};
    size_t ol = mc_squeeze(object, o, sizeof o);

    for (int i = 0; ol >= 3 && i < 2; i++) {
        size_t ml = mc_squeeze(own[i], m, sizeof m);
        if (ml >= 3 && ml <= ol && strstr(o, m)) {
            /* "X-base" is X's base, not a derivative */
            const mc_words *sfx = mc_words_get("names.base_suffix");
            for (size_t k = 0; k < sfx->n; k++) {
                size_t sl = strlen(sfx->v[k]), n = strlen(object);
                if (n > sl + 1 && mc_memifind(object + n - sl, sl, sfx->v[k], sl) == 0 &&
                    strchr("-_.", object[n - sl - 1]))
                    return false;
            }
            return true;
        }
    }
    return false;
}

/* Is `object` of this model's own lineage: this model's name without its tuning suffix is
 * in it ("deepseek-llm-67b-base" for "deepseek-llm-67b-chat")? A from-scratch statement
 * about the family then does not contradict the derivation. */
static bool own_lineage(const mc_record *rec, const char *object)
{
    const char *name = repo_name(rec);
    size_t cut = name_cut(name, "tuned");
    char o[128], m[128], stem[128];

    if (derivative_of_this(rec, object) || is_this_model(rec, object))
        return true;
    if (cut == 0 || cut >= sizeof stem)
        return false;
    memcpy(stem, name, cut);
    stem[cut] = '\0';
    mc_squeeze(object, o, sizeof o);
    return mc_squeeze(stem, m, sizeof m) >= 5 && strstr(o, m) != NULL;
}

/* The word before the claim's phrase in its line, past "was", "is", "were", "has been":
 * the sentence's subject ("Stable Diffusion was trained on"). Copied into `out`. */
static bool subject_of(const mc_claim *c, char *out, size_t cap)
{
    const mc_words *skip_words = mc_words_get("subjects.skip");
    const char *line = c->where.str;
    long at = phrase_pos(c);
    size_t e, b;

    if (at < 0)
        return false;
    e = (size_t)at;
    for (;;) {
        while (e > 0 && (line[e - 1] == ' ' || line[e - 1] == '*' || line[e - 1] == '`'))
            e--;
        b = e;
        while (b > 0 && line[b - 1] != ' ' && line[b - 1] != '(' && line[b - 1] != '*' &&
               line[b - 1] != '`' && line[b - 1] != '"')
            b--;
        if (b == e)
            return false;
        if (!mc_words_has(skip_words, line + b, e - b))
            break;
        e = b;
    }
    /* a version belongs to the name before it: "Llama 3.1 was trained" */
    if (version_word(line, b, e) && b > 1 && line[b - 1] == ' ') {
        size_t p = b - 1;
        while (p > 0 && line[p - 1] != ' ' && line[p - 1] != '(' && line[p - 1] != '*')
            p--;
        if (p < b - 1)
            b = p;
    }
    if (e - b + 1 > cap)
        return false;
    memcpy(out, line + b, e - b);
    out[e - b] = '\0';
    return true;
}

/* The model a derivation claim without an object speaks of: a "based on X" / "built on X"
 * in the same passage ("Built on X ... further trained on ..."). */
static const char *nearby_based_on(const mc_record *rec, const mc_claim *c)
{
    for (size_t i = 0; i < rec->nclaims; i++) {
        const mc_claim *b = &rec->claims[i];
        /* claims are in line order, the card's before the report's */
        if (b->where.from == c->where.from && b->where.span.line > c->where.span.line + 3)
            break;
        if (b->kind == MC_CLAIM_BASED_ON && !b->negated && mc_object_names_model(b->object) &&
            b->where.from == c->where.from && mc_streq(b->where.path, c->where.path) &&
            b->where.span.line + 3 >= c->where.span.line &&
            c->where.span.line + 3 >= b->where.span.line)
            return b->object;
    }
    return NULL;
}

/* A token that reads as a model's name here: letters and digits with a run of at least
 * three letters ("MPT-30B-Instruct", "Llama-2", "GPT-4"), or a repository id; not a
 * version ("v1"), a size ("14B") or a shape ("L40-D5120"). */
static bool name_token(const char *t)
{
    size_t run = 0, best = 0, caps = 0, best_caps = 0;
    bool digit = false;

    if (strchr(t, '/') && t[0] != '/')
        return true;
    for (const char *p = t; *p; p++) {
        bool letter = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z');
        digit |= *p >= '0' && *p <= '9';
        run = letter ? run + 1 : 0;
        best = run > best ? run : best;
        caps = *p >= 'A' && *p <= 'Z' ? caps + 1 : 0;
        best_caps = caps > best_caps ? caps : best_caps;
    }
    /* "Llama-2", "GPT-4", or a hyphenated name with an acronym ("CXR-BERT-general") */
    return (digit && best >= 3) || (strchr(t, '-') && best_caps >= 3);
}

/* Is the claim's sentence about another model: the first model name of its sentence,
 * before the phrase, is neither this model nor the claim's object, and no "this model",
 * "we", "it" comes before it ("MPT-30B-Instruct: built by finetuning MPT-30B" on the card
 * of MPT-30B; "Llama-2 was fine-tuned with RLHF" on a derivative's)? */
static bool sentence_about_other(const mc_record *rec, const mc_claim *c)
{
    const mc_words *own = mc_words_get("subjects.own_markers");
    const char *line = c->where.str;
    long at = phrase_pos(c);
    size_t start = 0, i;
    char tok[128];

    if (at <= 0 || c->kind == MC_CLAIM_MERGE) /* a merge names its parents first */
        return false;
    for (i = 0; i + 1 < (size_t)at; i++)
        if ((line[i] == '.' || line[i] == '!' || line[i] == '?' || line[i] == '|') &&
            line[i + 1] == ' ')
            start = i + 1;
    for (i = start; i < (size_t)at;) {
        size_t n = 0, b;
        while (i < (size_t)at && !isalnum_ascii(line[i]))
            i++;
        b = i;
        while (i < (size_t)at && (isalnum_ascii(line[i]) || strchr("-_./", line[i])) &&
               n + 1 < sizeof tok)
            tok[n++] = line[i++];
        while (n > 0 && strchr("-_./", tok[n - 1]))
            n--;
        tok[n] = '\0';
        if (n == 0) {
            i++;
            continue;
        }
        /* "we pretrain X-general from a randomly initialized model": for a from-scratch
         * statement, any other model named before it is what was trained */
        for (size_t k = 0; c->kind != MC_CLAIM_FROM_SCRATCH && k < own->n; k++) {
            size_t ol = strlen(own->v[k]);
            if (mc_memifind(line + b, (size_t)at - b, own->v[k], ol) == 0 &&
                (b + ol >= (size_t)at || !isalnum_ascii(line[b + ol])))
                return false;
        }
        if (name_token(tok) &&
            !mc_words_in(mc_words_get("pretraining_scale.corpora"), tok, strlen(tok))) {
            /* a data set ("ImageNet-1k") is no subject */
            const char *near = nearby_based_on(rec, c);
            /* a linked name is the base the sentence builds on ("[Qwen2.5](...)에 ...
             * 추가로 학습") */
            bool linked = b > 0 && line[b - 1] == '[';
            bool base = false; /* a base this card names elsewhere ("llamafied from X") */
            for (size_t k = 0; k < rec->prov.bases.len && !base; k++)
                base = mc_strieq(rec->prov.bases.items[k].str, tok);
            return !is_this_model(rec, tok) && !(c->object && mc_strieq(c->object, tok)) &&
                   !(near && mc_strieq(near, tok)) && !linked && !base;
        }
    }
    return false;
}

/* A pretraining phrase about another model: "Stable Diffusion was trained on LAION", "BERT
 * was pretrained on". A capitalised subject that is not this model's name, nor a pronoun
 * or a determiner, names another model. */
static bool about_other_model(const mc_record *rec, const mc_claim *c)
{
    char subj[128];

    if (!subject_of(c, subj, sizeof subj) || is_this_model(rec, subj))
        return false;
    if (mc_strieq(subj, "model") || mc_strieq(subj, "models")) {
        /* "the base model was pre-trained on", "the original model was trained" */
        return mc_words_in(mc_words_get("subjects.other_model"), c->where.str,
                           strlen(c->where.str));
    }
    if (mc_words_has(mc_words_get("subjects.own"), subj, strlen(subj)))
        return false;
    return mc_object_names_model(subj) || (subj[0] >= 'A' && subj[0] <= 'Z');
}

static bool unit_word(const char *w, size_t n)
{
    const mc_words *units = mc_words_get("pretraining_scale.units");

    for (size_t i = 0; i < units->n; i++) {
        const char *u = units->v[i];
        size_t ul = units->len[i];
        if (ul != n)
            continue;
        if (ul == 1 ? u[0] == w[0] : mc_memifind(w, n, u, n) == 0)
            return true;
    }
    return false;
}

/* Does the sentence give a pretraining scale ("1,500B tokens", "45K hours") or name a
 * pretraining corpus (rules/signals.yaml)? */
static bool pretraining_scale(const char *s)
{
    size_t n = s ? strlen(s) : 0;

    for (size_t i = 0; i < n; i++) {
        size_t j = i, w;
        if (s[i] < '0' || s[i] > '9' ||
            (i > 0 &&
             ((s[i - 1] >= 'a' && s[i - 1] <= 'z') || (s[i - 1] >= 'A' && s[i - 1] <= 'Z'))))
            continue;
        while (j < n && ((s[j] >= '0' && s[j] <= '9') || s[j] == ',' || s[j] == '.'))
            j++;
        if (j < n && s[j] == ' ')
            j++;
        w = j;
        while (w < n &&
               ((s[w] >= 'a' && s[w] <= 'z') || (s[w] >= 'A' && s[w] <= 'Z') || s[w] == '-'))
            w++;
        if (w > j && unit_word(s + j, w - j))
            return true;
        if (w == j + 1 && (s[j] == 'K' || s[j] == 'M' || s[j] == 'k')) {
            /* a multiplier, then the unit: "45K hours", "400M image-text pairs" */
            size_t u = w < n && s[w] == ' ' ? w + 1 : w, v = u;
            while (v < n && ((s[v] >= 'a' && s[v] <= 'z') || s[v] == '-'))
                v++;
            if (v > u && (unit_word(s + u, v - u) ||
                          (s[j] == 'M' && v - u == 5 && memcmp(s + u, "steps", 5) == 0)))
                return true; /* millions of steps: pretraining, not a fine-tuning run */
        }
        i = j;
    }
    return mc_words_in(mc_words_get("pretraining_scale.corpora"), s, n);
}

/* A scale or a corpus in the claim's line or the two lines after it (sentences wrap). */
static bool scale_near(const mc_record *rec, const mc_claim *c)
{
    const mc_doc *d = c->where.from == MC_FROM_REPORT ? rec->report : rec->card;
    char buf[512];

    if (pretraining_scale(c->where.str))
        return true;
    for (unsigned ln = c->where.span.line + 1; d && ln <= c->where.span.line + 2; ln++) {
        size_t len = 0;
        const char *t = ln <= mc_doc_line_count(d) ? mc_doc_line(d, ln, &len) : NULL;
        mc_line_kind k = t ? mc_doc_line_kind(d, ln) : MC_LINE_BLANK;
        if (k != MC_LINE_TEXT)
            break;
        len = len < sizeof buf - 1 ? len : sizeof buf - 1;
        memcpy(buf, t, len);
        buf[len] = '\0';
        if (pretraining_scale(buf))
            return true;
    }
    return false;
}

/* A pretraining statement about this model by its authors: not about another model, and a
 * loose wording only with a scale or a corpus. */
static bool own_pretraining(const mc_record *rec, const mc_claim *c)
{
    return c->kind == MC_CLAIM_PRETRAIN && !c->negated && !about_other_model(rec, c) &&
           !sentence_about_other(rec, c) && (!c->weak || scale_near(rec, c));
}

/* "trained on the Yi-34B base", "a LLama-2-70B model trained on", "trained on
 * [org/name](...)": a pretraining phrase that names a starting model. */
/* A release's name: letters, a version digit and a separator ("FLUX.1-dev", "sd-1.5"),
 * not a resolution or a chip ("1024x1024", "A100"). */
static bool release_name(const char *s)
{
    bool letter = false, digit = false;

    for (const char *p = s; *p; p++) {
        letter = letter || ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z');
        digit = digit || (*p >= '0' && *p <= '9');
    }
    return letter && digit && strpbrk(s, ".-") != NULL;
}

/* Is the subject before the claim's phrase an adapter ("This is a LoRA trained on X")? */
static bool adapter_subject(const mc_claim *c)
{
    long at = phrase_pos(c);

    return at > 0 && c->where.str &&
           mc_words_in(mc_words_get("cues.adapter_subject"), c->where.str, (size_t)at);
}

static bool pretrain_names_base(const mc_claim *c)
{
    const char *line = c->where.str, *o, *ph, *after;

    if (c->kind != MC_CLAIM_PRETRAIN || c->negated || c->object == NULL)
        return false;
    if (!mc_object_names_model(c->object)) {
        /* a family's bare name in apposition: "trained on Mistral, a ... 7B model" */
        const char *a = line ? strstr(line, c->object) : NULL;
        size_t n;
        if (!a || !mc_words_has(mc_words_get("base_families"), c->object, strlen(c->object)))
            return false;
        a += strlen(c->object);
        if (!mc_has_prefix(a, ", a ") && !mc_has_prefix(a, ", an "))
            return false;
        n = strcspn(a + 1, ".;,(");
        return n <= 80 && mc_words_in(mc_words_get("cues.model"), a + 1, n);
    }
    if (strchr(c->object, '/'))
        return true;
    /* "Trained by anything4.5": a LoRA author's way to name the model trained on; a name,
     * not a maker ("trained by LINE Corporation") nor hardware ("trained by A100s") */
    if (c->phrase && mc_strieq(c->phrase, "trained by") && name_token(c->object))
        return true;
    ph = phrase_pos(c) >= 0 ? line + phrase_pos(c) : NULL;
    if (ph) {
        /* the name right before the phrase, after an article ("a X model trained on") */
        const char *e = ph;
        size_t ol = strlen(c->object);
        while (e > line && strchr(" *`]", e[-1]))
            e--;
        if (e - line >= 5 && strncmp(e - 5, "model", 5) == 0)
            for (e -= 5; e > line && strchr(" *`]", e[-1]);)
                e--;
        if ((size_t)(e - line) >= ol && strncmp(e - ol, c->object, ol) == 0 &&
            (e - ol == line || strchr(" *`[(", e[-(long)ol - 1])))
            return true;
    }
    /* "a LoRA trained on FLUX.1-dev": what an adapter is trained on is its base model */
    if (adapter_subject(c) && release_name(c->object))
        return true;
    o = line ? strstr(ph ? ph : line, c->object) : NULL;
    if (o == NULL)
        return false;
    after = o + strlen(c->object);
    while (*after == ' ' || *after == '*' || *after == '`')
        after++;
    /* an apposition: "trained on Mistral, a state of the art 7B parameter model" */
    if (after[0] == ',' && (mc_has_prefix(after, ", a ") || mc_has_prefix(after, ", an ") ||
                            mc_has_prefix(after, ", the "))) {
        size_t n = strcspn(after + 1, ".;,(");
        if (n <= 80 && mc_words_in(mc_words_get("cues.model"), after + 1, n))
            return true;
    }
    {
        const mc_words *w = mc_words_get("cues.model_nouns");
        for (size_t i = 0; i < w->n; i++)
            if (mc_has_prefix(after, w->v[i]))
                return true;
    }
    return false;
}

/* A statement that the weights derive from another model. Distillation in prose is
 * usually knowledge distillation during training, which does not inherit weights: it is
 * read from the provenance block only. */
static bool derivation_claim(const mc_claim *c)
{
    /* "the merge of three datasets" */
    if (c->kind == MC_CLAIM_MERGE && !c->template && !c->object && c->where.str &&
        mc_words_in(mc_words_get("cues.data_merge"), c->where.str, strlen(c->where.str)))
        return false;
    return (!c->negated && is_weight_kind(c->kind) && c->kind != MC_CLAIM_DISTILL) ||
           pretrain_names_base(c);
}

/* ---- bases ---- */

static void add_base(mc_record *rec, const char *name, const mc_val *where)
{
    mc_val v;

    /* a bounded list: deduplication compares with every base kept */
    if (name == NULL || *name == '\0' || strlen(name) > 200 || rec->prov.bases.len >= 256)
        return;
    /* one base by its name after any owner: "org/Model" and a later "Model" (or a link's
     * text and its destination) are one */
    for (size_t i = 0; i < rec->prov.bases.len; i++) {
        const char *b = rec->prov.bases.items[i].str;
        const char *bs = strrchr(b, '/'), *ns = strrchr(name, '/');
        if (mc_strieq(bs ? bs + 1 : b, ns ? ns + 1 : name))
            return;
    }
    v = *where;
    v.str = name;
    mc_vals_push(rec->arena, &rec->prov.bases, &v);
}

/* Add t[i..e) of line `ln` of the card as a base, with its position. */
static void add_base_span(mc_record *rec, const char *t, size_t i, size_t e, unsigned ln)
{
    mc_val at = {0};

    at.path = rec->card_path;
    at.span.line = at.span.end_line = ln;
    at.span.col = (unsigned)i + 1;
    at.span.end_col = (unsigned)e + 1;
    at.from = MC_FROM_PROSE;
    add_base(rec, mc_arena_strndup(rec->arena, t + i, e - i), &at);
}

/* Does a training configuration's `adapter:` value t[0..n) name an adapter method? */
static bool adapter_value(const char *t, size_t n)
{
    const mc_words *w = mc_words_get("code.adapter_values");

    for (size_t i = 0; i < w->n; i++)
        if (mc_memifind(t, n, w->v[i], strlen(w->v[i])) == 0)
            return true;
    return false;
}

/* "model: org/name" lines of a YAML configuration in a code block (mergekit's recipe,
 * printed by the cards it generates). */
static void code_block_models(mc_record *rec)
{
    const mc_doc *d = rec->card;
    unsigned n = d ? mc_doc_line_count(d) : 0;

    for (unsigned ln = 1; ln <= n && rec->prov.bases.len < 64; ln++) {
        size_t len, i = 0, e;
        const char *t;
        if (mc_doc_line_kind(d, ln) != MC_LINE_CODE)
            continue;
        t = mc_doc_line(d, ln, &len);
        while (i < len && (t[i] == ' ' || t[i] == '\t' || t[i] == '-'))
            i++;
        if (len - i > 8 && strncmp(t + i, "adapter:", 8) == 0) {
            /* a training configuration (axolotl) in the card: "adapter: lora" */
            size_t v = i + 8;
            while (v < len && t[v] == ' ')
                v++;
            if (rec->prov.code_adapter.path == NULL && adapter_value(t + v, len - v)) {
                rec->prov.code_adapter.str = "adapter";
                rec->prov.code_adapter.path = rec->card_path;
                rec->prov.code_adapter.span.line = rec->prov.code_adapter.span.end_line = ln;
                rec->prov.code_adapter.span.col = (unsigned)i + 1;
                rec->prov.code_adapter.from = MC_FROM_PROSE;
            }
            continue;
        }
        if (len - i > 6 && strncmp(t + i, "model:", 6) == 0)
            i += 6;
        else if (len - i > 11 && strncmp(t + i, "base_model:", 11) == 0)
            i += 11;
        else
            continue;
        while (i < len && (t[i] == ' ' || t[i] == '"' || t[i] == '\''))
            i++;
        e = i;
        while (e < len && t[e] != ' ' && t[e] != '"' && t[e] != '\'' && t[e] != '#' && t[e] != '\r')
            e++;
        if (e == i || memchr(t + i, '/', e - i) == NULL)
            continue; /* a repository id, or a local path ending in the model's name */
        if (t[i] == '.' || t[i] == '/' || t[i] == '~') {
            const char *last = t + e;
            while (last > t + i && last[-1] != '/')
                last--;
            i = (size_t)(last - t);
            if (e == i)
                continue;
        }
        add_base_span(rec, t, i, e, ln);
    }
}

/* Is `id` (n bytes) a repository id "owner/name" whose name is not this model's? */
static bool other_repo_id(const mc_record *rec, const char *id, size_t n)
{
    const char *slash = memchr(id, '/', n);
    char a[128], b[128], name[128];
    const char *own[2] = {repo_name(rec), rec->name};

    if (n == 0 || n >= sizeof name || slash == NULL || slash == id || slash + 1 == id + n ||
        memchr(slash + 1, '/', (size_t)(id + n - slash - 1)) || id[0] == '.')
        return false;
    for (size_t i = 0; i < n; i++)
        if (!isalnum_ascii(id[i]) && !strchr("-_./", id[i]))
            return false;
    memcpy(name, slash + 1, (size_t)(id + n - slash - 1));
    name[id + n - slash - 1] = '\0';
    mc_squeeze(name, a, sizeof a);
    for (int i = 0; i < 2; i++)
        if (own[i] && mc_squeeze(own[i], b, sizeof b) >= 3 && strcmp(a, b) == 0)
            return false;
    return true;
}

/* The quoted argument of a call at t[i..len), or the quoted value that an earlier line of
 * the block [first, ln) assigns to the variable named there. Sets *at to its line and
 * column; returns its length or 0. */
static size_t call_argument(const mc_doc *d, unsigned first, unsigned ln, const char *t, size_t i,
                            size_t len, const char **arg, unsigned *at_ln, size_t *at_col)
{
    size_t e;

    while (i < len && (t[i] == ' ' || t[i] == '\t'))
        i++;
    if (i < len && (t[i] == '"' || t[i] == '\'')) {
        const char *q = memchr(t + i + 1, t[i], len - i - 1);
        if (!q)
            return 0;
        *arg = t + i + 1;
        *at_ln = ln;
        *at_col = i + 1;
        return (size_t)(q - t - i - 1);
    }
    for (e = i; e < len && (isalnum_ascii(t[e]) || t[e] == '_');)
        e++;
    if (e == i || e - i > 64)
        return 0;
    /* a variable: "model_id = \"org/name\"" earlier in the block */
    for (unsigned k = ln; k-- > first;) {
        size_t vl, v = 0;
        const char *vt = mc_doc_line(d, k, &vl);
        while (v < vl && (vt[v] == ' ' || vt[v] == '\t'))
            v++;
        if (vl - v <= e - i || memcmp(vt + v, t + i, e - i) != 0)
            continue;
        v += e - i;
        while (v < vl && vt[v] == ' ')
            v++;
        if (v >= vl || vt[v] != '=' || (v + 1 < vl && vt[v + 1] == '='))
            continue;
        return call_argument(d, first, k, vt, v + 1, vl, arg, at_ln, at_col);
    }
    return 0;
}

/* Usage code that loads a base and attaches this model to it: in a code block that calls
 * one of code.attach ("load_lora_weights(", "controlnet="), the first checkpoint that a
 * class of code.base_loaders loads ("FluxPipeline.from_pretrained(\"org/base\")") and that
 * is not this repository: what the attached model needs to run, and (a LoRA, a ControlNet
 * copying the base's encoder) what it was trained from. One per card, after the bases
 * read from the text. */
static void code_pipeline_base(mc_record *rec)
{
    static const char call[] = ".from_pretrained(";
    const mc_words *attach = mc_words_get("code.attach");
    const mc_words *loaders = mc_words_get("code.base_loaders");
    const mc_doc *d = rec->card;
    unsigned n = d ? mc_doc_line_count(d) : 0;
    bool found = false;

    for (unsigned first = 1; first <= n && !found;) {
        unsigned last = first;
        bool attaches = false;
        if (mc_doc_line_kind(d, first) != MC_LINE_CODE) {
            first++;
            continue;
        }
        for (; last <= n && mc_doc_line_kind(d, last) == MC_LINE_CODE; last++) {
            size_t len;
            const char *t = mc_doc_line(d, last, &len);
            attaches = attaches || mc_words_in(attach, t, len);
        }
        for (unsigned ln = first; attaches && ln < last && !found; ln++) {
            size_t len;
            const char *t = mc_doc_line(d, ln, &len);
            for (long at = 0, k;
                 (k = mc_memifind(t + at, len - (size_t)at, call, sizeof call - 1)) >= 0;) {
                size_t c = (size_t)(at + k), b = c, col = 0, an;
                const char *arg = NULL;
                unsigned aln = 0;
                bool loader = false;
                at = (long)(c + sizeof call - 1);
                while (b > 0 && (isalnum_ascii(t[b - 1]) || t[b - 1] == '_'))
                    b--;
                for (size_t w = 0; w < loaders->n && !loader; w++) {
                    size_t wl = strlen(loaders->v[w]);
                    for (size_t j = b; j + wl <= c && !loader; j++)
                        loader = memcmp(t + j, loaders->v[w], wl) == 0;
                }
                if (!loader)
                    continue;
                an = call_argument(d, first, ln, t, (size_t)at, len, &arg, &aln, &col);
                if (an && other_repo_id(rec, arg, an)) {
                    size_t al;
                    const char *lt = mc_doc_line(d, aln, &al);
                    add_base_span(rec, lt, (size_t)(arg - lt), (size_t)(arg - lt) + an, aln);
                    found = true;
                    break;
                }
            }
        }
        first = last;
    }
}

/* Every model linked (a Hugging Face link) in a claim's line: "a merge of [A](..) and
 * [B](..)", "[X](..)에 ... 추가로 학습". With `ids_only`, only links to an owner/name
 * repository ("Original model is [here](<link to org/name>)", never "[Meta](<link to
 * meta-llama>)"). */
static void linked_models(mc_record *rec, const mc_claim *c, bool ids_only)
{
    /* a link whose text names a model, wherever it points ("[Qwen2.5](.../collections/..)") */
    for (const char *p = ids_only ? NULL : c->where.str; p && (p = strchr(p, '[')) != NULL; p++) {
        const char *close = strchr(p + 1, ']');
        char *text;
        if (close == NULL || close[1] != '(' || close - p - 1 > 80 || !mc_hub_is_url(close + 2))
            continue; /* a link to a paper or a code repository names a method */
        text = mc_arena_strndup(rec->arena, p + 1, (size_t)(close - p - 1));
        if (text && mc_object_names_model(text) && !derivative_of_this(rec, text)) {
            add_base(rec, text, &c->where);
            break;
        }
    }
    const char *s = c->where.str;
    size_t n = s ? strlen(s) : 0;

    for (long at = 0, k; (k = mc_hub_find(s + at, n - (size_t)at)) >= 0;) {
        const char *p = s + at + k, *e = p, *slash = NULL;
        at += k;
        while (*e && !strchr(" )]>\"'#?,", *e)) {
            if (*e == '/' && slash) /* owner/name/tree/main: keep owner/name */
                break;
            if (*e == '/')
                slash = e;
            e++;
        }
        if (e == p || mc_hub_page_not_model(p, (size_t)(e - p)) || (ids_only && slash == NULL))
            continue;
        while (e > p && e[-1] == '/')
            e--;
        add_base(rec, mc_arena_strndup(rec->arena, p, (size_t)(e - p)), &c->where);
    }
}

static void collect_bases(mc_record *rec)
{
    for (size_t i = 0; i < rec->base_models.len; i++)
        add_base(rec, rec->base_models.items[i].str, &rec->base_models.items[i]);
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < rec->nclaims; i++) {
            const mc_claim *c = &rec->claims[i];
            if ((c->where.from == MC_FROM_REPORT) != (pass == 1) || c->negated || !c->object)
                continue;
            /* the extractor found a model-like object for these; "based on" is looser
             * ("based on Cardiff NLP Group") and needs a version, an id or a camel case */
            if ((derivation_claim(c) || c->kind == MC_CLAIM_BASE_LABEL || based_on_weights(c)) &&
                !derivative_of_this(rec, c->object))
                add_base(rec, c->object, &c->where);
        }
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < rec->nclaims; i++) {
            const mc_claim *c = &rec->claims[i];
            if ((c->where.from == MC_FROM_REPORT) != (pass == 1) || c->negated)
                continue;
            if (c->kind == MC_CLAIM_BASE_LABEL) {
                /* "Original model: [Llama 2 13B](<link to org/name>)": the link names the
                 * repository even where its text is this repository's display name */
                linked_models(rec, c, c->object == NULL);
                continue;
            }
            if (!derivation_claim(c))
                continue;
            linked_models(rec, c, false);
            if (!mc_object_names_model(c->object))
                add_base(rec, nearby_based_on(rec, c), &c->where);
        }
    code_block_models(rec);
    code_pipeline_base(rec);
    if (rec->evidence) {
        for (size_t i = 0; i < mc_evidence_count(rec->evidence); i++) {
            const mc_evidence *e = mc_evidence_at(rec->evidence, i);
            mc_val at = {0};
            if (e->kind != MC_EV_ADAPTER_BASE && e->kind != MC_EV_MERGE_MODEL)
                continue;
            at.path = e->file;
            at.span = e->span;
            at.from = MC_FROM_EVIDENCE;
            add_base(rec, e->value, &at);
        }
    }
}

/* The models a merge lists: list items that start with a repository id or a Hugging Face
 * link ("- Undi95/ReMM-S-Kimiko-v2-13B (0.272) (base)", "* [X](...)"). */
static void listed_models(mc_record *rec)
{
    const mc_doc *d = rec->card;
    unsigned n = d ? mc_doc_line_count(d) : 0;

    for (unsigned ln = 1; ln <= n && rec->prov.bases.len < 64; ln++) {
        size_t len, i = 0, e;
        const char *t;
        if (mc_doc_line_kind(d, ln) != MC_LINE_TEXT)
            continue;
        t = mc_doc_line(d, ln, &len);
        while (i < len && (t[i] == ' ' || t[i] == '\t'))
            i++;
        if (i + 2 > len || !strchr("-*+", t[i]) || t[i + 1] != ' ')
            continue;
        for (i += 2; i < len && (t[i] == ' ' || t[i] == '[' || t[i] == '`' || t[i] == '*');)
            i++;
        if (len - i > 8 && mc_memifind(t + i, 8, "https://", 8) == 0) {
            /* a link written out: only to the Hub, the repository after the host */
            const char *host = t + i + 8, *sl = memchr(host, '/', len - i - 8);
            long h = mc_hub_find(host, len - i - 8);
            if (h < 0 || sl == NULL || h != (long)(sl - host) + 1)
                continue;
            i += 8 + (size_t)h;
        }
        e = i;
        while (e < len && (isalnum_ascii(t[e]) || strchr("-_./", t[e])))
            e++;
        while (e > i && (t[e - 1] == '.' || t[e - 1] == '/'))
            e--;
        if (e == i || memchr(t + i, '/', e - i) == NULL || t[i] == '/' || t[i] == '.' ||
            mc_hub_page_not_model(t + i, e - i))
            continue;
        add_base_span(rec, t, i, e, ln);
    }
}

/* Does the line name some model other than this one: a token with a letter and a digit, a
 * slash or a capital inside ("RWKV-4-Pile", "Stable Diffusion 1.5", "`gtr-large-1`"), or
 * two capitalised words in a row not at the sentence's start ("a Stable Diffusion model")?
 * Used only to hold back an accusation (MC305), so it may well see a name where there is
 * none. */
static bool line_names_a_model(const mc_record *rec, const char *line)
{
    char tok[96];
    int caps = 0;
    bool first = true;

    for (const char *p = line; p && *p;) {
        size_t n = 0;
        bool letter = false, digit = false, inner = false;
        while (*p && !isalnum_ascii(*p) && *p != '`' && !((unsigned char)*p & 0x80)) {
            if (*p == '.' || *p == ':')
                first = true;
            p++;
        }
        while (*p && (isalnum_ascii(*p) || strchr("-_./`", *p)) && n + 1 < sizeof tok) {
            char c = *p++;
            letter |= (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            digit |= c >= '0' && c <= '9';
            inner |= n > 0 && c >= 'A' && c <= 'Z' && tok[n - 1] >= 'a' && tok[n - 1] <= 'z';
            tok[n++] = c;
        }
        tok[n] = '\0';
        if (n == 0) {
            while (*p && ((unsigned char)*p & 0x80))
                p++;
            caps = 0;
            continue;
        }
        if (((letter && digit) || inner || strchr(tok, '/') || tok[0] == '`') &&
            !is_this_model(rec, tok))
            return true;
        caps = tok[0] >= 'A' && tok[0] <= 'Z' && !first ? caps + 1 : 0;
        if (caps >= 2)
            return true;
        first = false;
    }
    return false;
}

/* A weighted model of a checkpoint merger's recipe at t[i] ("0.5(name)": a decimal weight,
 * then a name that is not a version); its name is t[*b..*e). */
static bool weighted_term(const char *t, size_t len, size_t i, size_t *b, size_t *e)
{
    size_t k;

    /* a weight is a decimal fraction: "0.5(" (not music notation's "(3(") */
    if (i < 3 || i + 2 >= len || t[i] != '(' || !(t[i - 1] >= '0' && t[i - 1] <= '9') ||
        t[i - 2] != '.')
        return false;
    for (k = i + 1; k < len && (isalnum_ascii(t[k]) || strchr("-_.", t[k]));)
        k++;
    if (k >= len || t[k] != ')' || k - (i + 1) < 3 || version_word(t, i + 1, k))
        return false;
    *b = i + 1;
    *e = k;
    return true;
}

/* A checkpoint merger's recipe in a line of text: weighted models added or subtracted,
 * "0.5(A) + 0.5(B)", "A + 0.5(B - C)". Two weighted names make a merge; their names are
 * bases. Returns the line's number, or 0. */
static unsigned merge_recipe(mc_record *rec)
{
    const mc_doc *d = rec->card;
    unsigned n = d ? mc_doc_line_count(d) : 0, found = 0;

    for (unsigned ln = 1; ln <= n && rec->prov.bases.len < 64; ln++) {
        size_t len, weighted = 0, b, e;
        const char *t;
        mc_line_kind k = mc_doc_line_kind(d, ln);
        if (k != MC_LINE_TEXT && k != MC_LINE_CODE)
            continue;
        t = mc_doc_line(d, ln, &len);
        if (memchr(t, '+', len) == NULL)
            continue;
        for (size_t i = 0; i < len; i++)
            weighted += weighted_term(t, len, i, &b, &e);
        if (weighted < 2)
            continue;
        found = found ? found : ln;
        for (size_t i = 0; i < len; i++)
            if (weighted_term(t, len, i, &b, &e))
                add_base_span(rec, t, b, e, ln);
    }
    return found;
}

/* ---- training ---- */

static const char *relation_training(const char *rel)
{
    if (mc_streq(rel, "adapter"))
        return "adapter";
    if (mc_streq(rel, "merge"))
        return "merge";
    if (mc_streq(rel, "quantized"))
        return "quantized";
    if (mc_streq(rel, "finetune"))
        return "fine-tune";
    return NULL;
}

static const char *tag_training(const mc_record *rec, const char *only, const mc_val **at)
{
    static const char *const order[] = {"quantized", "conversion", "merge", "adapter", "fine-tune"};

    for (size_t k = 0; k < 5; k++) {
        if (only && !mc_streq(only, order[k]))
            continue;
        for (size_t i = 0; i < rec->tags.len; i++) {
            const char *t = rec->tags.items[i].str;
            if (signal_lookup("tags", t, strlen(t), order[k])) {
                *at = &rec->tags.items[i];
                return order[k];
            }
        }
    }
    return NULL;
}

static bool before(const mc_val *a, const mc_val *b)
{
    return a->span.line < b->span.line ||
           (a->span.line == b->span.line && a->span.col <= b->span.col);
}

/* Does the claim name the model it derives from: its object, a model linked in its line,
 * or a "based on X" in the same passage? */
static bool names_its_base(const mc_record *rec, const mc_claim *c)
{
    size_t n = c->where.str ? strlen(c->where.str) : 0;

    return mc_object_names_model(c->object) || mc_hub_find(c->where.str, n) >= 0 ||
           nearby_based_on(rec, c) != NULL;
}

/* The first statement of the authors' own pretraining in the card (0) and in the report
 * (1), found once per record (the index + 1 of the claim, 0 for none). */
static size_t first_own_pretraining(mc_record *rec, int report)
{
    if (!rec->prov.own_pretrain_known) {
        rec->prov.own_pretrain_known = true;
        for (size_t i = 0; i < rec->nclaims; i++) {
            const mc_claim *p = &rec->claims[i];
            int r = p->where.from == MC_FROM_REPORT;
            if (rec->prov.own_pretrain[r] == 0 && own_pretraining(rec, p) &&
                !pretrain_names_base(p))
                rec->prov.own_pretrain[r] = i + 1;
        }
    }
    return rec->prov.own_pretrain[report];
}

/* An own pretraining statement (no starting model named) in the card before `c`: then a
 * fine-tuning statement that names no base describes the authors' own pipeline
 * ("pretrained and fine-tuned on 960 hours", "We pre-train the models ... and fine-tune
 * them"), not a derivation from someone else's weights. */
static bool own_pipeline(mc_record *rec, const mc_claim *c)
{
    size_t first, n = c->where.str ? strlen(c->where.str) : 0;

    /* only tuning belongs to a pipeline: a conversion, a merge, a quantization do not;
     * an instruction-tuned model, or one tuned from "the base model", has a base; so has
     * a chat or instruct release ("Qwen1.5-72B-Chat": the family's base, then tuning) */
    if ((c->kind != MC_CLAIM_FINETUNE && c->kind != MC_CLAIM_CPT && c->kind != MC_CLAIM_ADAPTER) ||
        rec->base_models.len || c->template || names_its_base(rec, c) ||
        name_cut(repo_name(rec), "tuned") || mc_memifind(c->where.str, n, "base", 4) >= 0 ||
        mc_words_in(mc_words_get("cues.instruct"), c->phrase, strlen(c->phrase)))
        return false;
    first = first_own_pretraining(rec, c->where.from == MC_FROM_REPORT);
    return first && before(&rec->claims[first - 1].where, &c->where);
}

/* Cast the votes of the claims: the card's, then the report's (`only`: 0 the card's
 * alone, 1 the report's alone, -1 both). */
static void vote_claims(mc_record *rec, vote *best, bool quantized_repo, int only)
{
    for (int pass = 0; pass < 2; pass++) {
        if (only >= 0 && pass != only)
            continue;
        for (size_t i = 0; i < rec->nclaims; i++) {
            const mc_claim *c = &rec->claims[i];
            const char *t = mc_claim_training(c->kind);
            int rank;
            if ((c->where.from == MC_FROM_REPORT) != (pass == 1) || c->negated)
                continue;
            if (c->kind == MC_CLAIM_FROM_SCRATCH) {
                if (!sentence_about_other(rec, c))
                    cast(best, R_SCRATCH, "from-scratch", MC_CONF_EXPLICIT, "the text", &c->where);
                continue;
            }
            if (c->kind == MC_CLAIM_BASE_LABEL) {
                cast(best, R_LABEL, "fine-tune", MC_CONF_TEMPLATE, "a labelled base model",
                     &c->where);
                continue;
            }
            if (pretrain_names_base(c)) {
                cast(best, R_TEXT, adapter_subject(c) ? "adapter" : "fine-tune", MC_CONF_EXPLICIT,
                     "the text", &c->where);
                continue;
            }
            if (c->kind == MC_CLAIM_PRETRAIN) {
                if (own_pretraining(rec, c))
                    cast(best, R_PRETRAIN, "from-scratch", MC_CONF_WEAK, "a pretraining statement",
                         &c->where);
                continue;
            }
            if (based_on_weights(c)) {
                cast(best, R_BASED_ON, "fine-tune", MC_CONF_EXPLICIT, "the text", &c->where);
                continue;
            }
            if (!derivation_claim(c) || own_pipeline(rec, c) ||
                (c->object && derivative_of_this(rec, c->object)) || sentence_about_other(rec, c))
                continue;
            if (c->weak && c->kind == MC_CLAIM_FINETUNE)
                /* "instruction-tuned": often the family's other release; this one's when
                 * its name says so ("-Instruct", "-Chat") */
                rank = name_cut(repo_name(rec), "tuned") ? R_TEXT : R_WEAK_TEXT;
            else if (c->weak) /* "quantized by": often about sibling releases */
                rank = c->kind == MC_CLAIM_QUANTIZED && quantized_repo ? R_QUANT : R_TAGS;
            else if (c->kind == MC_CLAIM_QUANTIZED && (c->template || quantized_repo))
                rank = R_QUANT;
            else if (c->template)
                rank = R_TEMPLATE;
            else
                rank = R_TEXT;
            cast(best, rank, t,
                 c->template ? MC_CONF_TEMPLATE
                             : (c->weak && rank != R_TEXT ? MC_CONF_WEAK : MC_CONF_EXPLICIT),
                 c->template ? "a generated card's wording" : "the text", &c->where);
        }
    }
}

/* A derived model (or one whose origin is not stated) that names no base anywhere else:
 * a licence that binds one family's derivatives names the family, and then a tag naming a
 * diffusion family does, weakly; never the family's own releases ("Llama 3" on the card
 * of Meta-Llama-3-8B). */
static void family_bases(mc_record *rec, const char *training)
{
    const mc_val *lic[2] = {&rec->license_name, &rec->license};

    if (rec->prov.bases.len || mc_streq(training, "from-scratch"))
        return;
    for (int i = 0; i < 2 && rec->prov.bases.len == 0; i++) {
        const char *id = lic[i]->str;
        const char *family = id ? signal_lookup("license_bases", id, strlen(id), NULL) : NULL;
        if (family && !is_this_model(rec, family))
            add_base(rec, family, lic[i]);
    }
    for (size_t i = 0; i < rec->tags.len && rec->prov.bases.len == 0; i++) {
        const char *tag = rec->tags.items[i].str;
        const char *family = tag ? signal_lookup("tag_bases", tag, strlen(tag), NULL) : NULL;
        if (family && !is_this_model(rec, family))
            add_base(rec, family, &rec->tags.items[i]);
    }
}

static void resolve_training(mc_record *rec)
{
    vote best = {R_NONE, NULL, MC_CONF_NONE, NULL, {0}};
    const mc_val *at = NULL;
    const char *t;
    const char *name = repo_name(rec);
    bool quantized_repo = name_training(name, "quantized") != NULL;
    mc_val where = {0};

    if (rec->training.str)
        cast(&best, R_BLOCK, rec->training.str, MC_CONF_EXPLICIT, "the provenance block",
             &rec->training);
    if ((t = relation_training(rec->base_model_relation.str)) != NULL)
        cast(&best, R_RELATION, t, MC_CONF_METADATA, "base_model_relation",
             &rec->base_model_relation);
    if (rec->front) {
        const mc_ynode *qb = mc_ynode_get(rec->front, "quantized_by");
        if (qb && mc_ynode_str(qb)) {
            where.path = rec->card_path;
            where.span = mc_ynode_span(qb);
            where.from = MC_FROM_HUB;
            cast(&best, R_QUANT, "quantized", MC_CONF_METADATA, "quantized_by", &where);
        }
    }
    if (rec->library_name.str && rec->library_name.str[0] &&
        signal_lookup("libraries", rec->library_name.str, strlen(rec->library_name.str), "adapter"))
        cast(&best, R_TEMPLATE, "adapter", MC_CONF_METADATA, "library_name", &rec->library_name);
    vote_claims(rec, &best, quantized_repo, 0);
    {
        unsigned ln = merge_recipe(rec);
        if (ln) {
            mc_val recipe = {0};
            recipe.path = rec->card_path;
            recipe.span.line = recipe.span.end_line = ln;
            recipe.span.col = 1;
            recipe.from = MC_FROM_PROSE;
            cast(&best, R_TEMPLATE, "merge", MC_CONF_TEMPLATE, "a merge recipe", &recipe);
        }
    }
    if (quantized_repo) { /* after the card's words: a quantization card's line decides */
        mc_val named = {0};
        named.path = rec->card_path;
        named.from = MC_FROM_PATH;
        cast(&best, R_QUANT, "quantized", MC_CONF_METADATA, "the repository name", &named);
    }
    if (rec->prov.code_adapter.path)
        cast(&best, R_TEMPLATE, "adapter", MC_CONF_TEMPLATE, "a training configuration",
             &rec->prov.code_adapter);
    if (rec->base_models.len) {
        /* several parents make a merge, as the Hub infers, except for a multimodal model:
         * a vision or audio encoder with a language model is a composition of existing
         * weights tuned together (T2), not a merge */
        bool composed = rec->base_models.len > 1 && rec->pipeline_tag.str &&
                        signal_lookup_list("multimodal_pipelines", rec->pipeline_tag.str,
                                           strlen(rec->pipeline_tag.str));
        cast(&best, R_BASE_MODEL, rec->base_models.len > 1 && !composed ? "merge" : "fine-tune",
             MC_CONF_METADATA, composed ? "base_model (a composition)" : "base_model",
             &rec->base_models.items[0]);
    }
    if (rec->evidence) {
        /* an adapter or merge configuration is what the repository holds; quantized files
         * (a GGUF export, a quantization_config) may sit beside an original model's weights,
         * so they decide only after the card's own from-scratch statement */
        static const struct {
            mc_evidence_kind kind;
            const char *training;
            int rank;
        } ev[] = {{MC_EV_ADAPTER_BASE, "adapter", R_EVIDENCE},
                  {MC_EV_MERGE_MODEL, "merge", R_EVIDENCE},
                  {MC_EV_QUANTIZED, "quantized", R_LABEL}};
        for (size_t k = 0; k < sizeof(ev) / sizeof(ev[0]); k++) {
            const mc_evidence *e = mc_evidence_first(rec->evidence, ev[k].kind, "*");
            if (e == NULL)
                continue;
            where.path = e->file;
            where.span = e->span;
            where.from = MC_FROM_EVIDENCE;
            cast(&best, ev[k].rank, ev[k].training, MC_CONF_METADATA, "an evidence file", &where);
        }
    }
    /* the technical report speaks where the card and its fields do not: the card is what
     * readers see, and a report that says otherwise is MC314 */
    if (best.rank > R_SCRATCH)
        vote_claims(rec, &best, quantized_repo, 1);
    if ((t = tag_training(rec, NULL, &at)) != NULL)
        cast(&best, R_TAGS, t, MC_CONF_WEAK, mc_arena_printf(rec->arena, "tag '%s'", at->str), at);
    if ((t = name_training(name, NULL)) != NULL) {
        where.path = rec->card_path;
        where.span = (mc_span){0, 0, 0, 0};
        where.from = MC_FROM_PATH;
        cast(&best, R_NAME, t, MC_CONF_WEAK, "the repository name", &where);
    }
    if (best.training == NULL) {
        family_bases(rec, NULL);
        return;
    }
    /* "fine-tuned ... trained with LoRA and merged": the adapter is the more exact word */
    if (mc_streq(best.training, "fine-tune") && best.rank <= R_BASED_ON) {
        for (size_t i = 0; i < rec->nclaims; i++) {
            const mc_claim *c = &rec->claims[i];
            if (c->kind == MC_CLAIM_ADAPTER && !c->negated && c->where.from == MC_FROM_PROSE &&
                mc_words_in(mc_words_get("cues.training_verbs"), c->phrase, strlen(c->phrase))) {
                best.training = "adapter";
                best.where = c->where;
                break;
            }
        }
    }
    if (mc_streq(best.training, "merge"))
        listed_models(rec);
    rec->prov.base_hinted = best.where.str && line_names_a_model(rec, best.where.str);
    /* the authors pretrained their own base: the fine-tune's base is theirs */
    if (!rec->prov.base_hinted)
        rec->prov.base_hinted = first_own_pretraining(rec, 0) || first_own_pretraining(rec, 1);
    rec->prov.training = best.where;
    rec->prov.training.str = best.training;
    /* a repository that names no base is named after it: "phi-2-GGUF" quantizes
     * "phi-2", "Qwen2-7B-Instruct" is tuned from "Qwen2-7B" */
    if (rec->prov.bases.len == 0 && name) {
        mc_val here = {0};
        here.path = rec->card_path;
        here.from = MC_FROM_PATH;
        if (mc_streq(best.training, "quantized"))
            add_base(rec, name_without(rec, name, "quantized"), &here);
        else if (mc_streq(best.training, "fine-tune"))
            add_base(rec, name_without(rec, name, "tuned"), &here);
        if (rec->prov.bases.len == 0 && !mc_streq(best.training, "from-scratch"))
            add_base(rec, name_family_base(rec, name), &here);
    }
    family_bases(rec, best.training);
    rec->prov.confidence = best.conf;
    rec->prov.signal = best.signal;
}

/* ---- architecture, tokenizer, data ---- */

static void set_from_claim(mc_val *origin, mc_val *based_on, const mc_claim *c, const char *value)
{
    *origin = c->where;
    origin->str = value;
    if (c->object && (mc_object_names_model(c->object) ||
                      signal_lookup_list("architectures", c->object, strcspn(c->object, " -")))) {
        *based_on = c->where;
        based_on->str = c->object;
    }
}

/* A transformers class in the card's code ("GPTNeoXForCausalLM", "BertModel"): its prefix
 * when it is a known architecture family (rules/signals.yaml), copied into the arena. */
static const char *code_architecture(mc_record *rec, mc_val *where)
{
    const mc_words *suffixes = mc_words_get("cues.model_class_suffix");
    const mc_doc *d = rec->card;
    unsigned n = d ? mc_doc_line_count(d) : 0;

    for (unsigned ln = 1; ln <= n; ln++) {
        size_t len;
        const char *t;
        if (mc_doc_line_kind(d, ln) != MC_LINE_CODE)
            continue;
        t = mc_doc_line(d, ln, &len);
        for (size_t k = 0; k < suffixes->n; k++) {
            const char *sfx = suffixes->v[k];
            size_t sl = strlen(sfx);
            long at = mc_memifind(t, len, sfx, sl);
            size_t b;
            if (at <= 0 || strncmp(t + at, sfx, sl) != 0) /* case matters here */
                continue;
            b = (size_t)at;
            while (b > 0 && isalnum_ascii(t[b - 1]))
                b--;
            if ((size_t)at - b < 2 || mc_has_prefix(t + b, "Auto") ||
                !signal_lookup_list("architectures", t + b, (size_t)at - b))
                continue;
            where->path = rec->card_path;
            where->span.line = where->span.end_line = ln;
            where->span.col = (unsigned)b + 1;
            where->from = MC_FROM_PROSE;
            return mc_arena_strndup(rec->arena, t + b, (size_t)at - b);
        }
    }
    return NULL;
}

/* A word of the repository's name that is a known architecture family. */
static const char *name_architecture(mc_record *rec)
{
    const char *name = repo_name(rec);

    const mc_words *families = mc_words_get("architectures");

    for (const char *p = name; p && *p;) {
        size_t n = strcspn(p, "-_./ ");
        if (signal_lookup_list("architectures", p, n))
            return mc_arena_strndup(rec->arena, p, n);
        /* a family with a size ("resnet50") or a prefix ("DNABERT") */
        for (size_t k = 0; k < families->n; k++) {
            size_t fl = families->len[k];
            size_t d = fl;
            if (fl < 3 || fl >= n)
                continue;
            while (d < n && p[d] >= '0' && p[d] <= '9')
                d++;
            if ((d == n && mc_memifind(p, fl, families->v[k], fl) == 0) ||
                (fl >= 4 && mc_memifind(p + n - fl, fl, families->v[k], fl) == 0))
                return mc_arena_strdup(rec->arena, families->v[k]);
        }
        /* "bert-base", "gpt-neox": two words */
        if (p[n] == '-') {
            size_t m = strcspn(p + n + 1, "-_./ ");
            if (signal_lookup_list("architectures", p, n + 1 + m))
                return mc_arena_strndup(rec->arena, p, n + 1 + m);
        }
        p += n;
        if (*p)
            p++;
    }
    return NULL;
}

/* The first "X architecture" statement whose X names a model or a known family ("the T5
 * architecture", not "an Innovative Load Balancing architecture"). */
static const mc_claim *first_arch_named(const mc_record *rec)
{
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < rec->nclaims; i++) {
            const mc_claim *c = &rec->claims[i];
            if (c->kind != MC_CLAIM_ARCH_STANDARD || c->negated || !c->object ||
                (c->where.from == MC_FROM_REPORT) != pass)
                continue;
            if (mc_object_names_model(c->object) ||
                signal_lookup_list("architectures", c->object, strcspn(c->object, " -")))
                return c;
        }
    return NULL;
}

static void resolve_arch_tok(mc_record *rec)
{
    const mc_claim *c;
    mc_resolved *p = &rec->prov;

    p->arch_origin = rec->arch_origin;
    p->arch_based_on = rec->arch_based_on;
    if (p->arch_origin.str == NULL) {
        if ((c = mc_record_first_claim(rec, MC_CLAIM_OWN_ARCH)) != NULL)
            set_from_claim(&p->arch_origin, &p->arch_based_on, c, "original");
        else if ((c = mc_record_first_claim(rec, MC_CLAIM_ARCH_MODIFIED)) != NULL)
            set_from_claim(&p->arch_origin, &p->arch_based_on, c, "derived");
        else if ((c = first_arch_named(rec)) != NULL)
            set_from_claim(&p->arch_origin, &p->arch_based_on, c, "standard");
    }
    if (p->arch_origin.str == NULL && mc_streq(p->training.str, "from-scratch")) {
        /* weak, and asked only of weights trained from scratch (the tier's T4-1): a
         * standard class in the card's code, or a family word in the name */
        mc_val at = {0};
        const char *arch = code_architecture(rec, &at);
        if (arch == NULL && (arch = name_architecture(rec)) != NULL) {
            at.path = rec->card_path;
            at.from = MC_FROM_PATH;
        }
        if (arch) {
            p->arch_origin = at;
            p->arch_origin.str = "standard";
            p->arch_based_on = at;
            p->arch_based_on.str = arch;
            p->arch_weak = true;
        }
    }
    p->tok_origin = rec->tok_origin;
    p->tok_based_on = rec->tok_based_on;
    if (p->tok_origin.str == NULL) {
        if ((c = mc_record_first_claim(rec, MC_CLAIM_OWN_TOKENIZER)) != NULL)
            set_from_claim(&p->tok_origin, &p->tok_based_on, c, "trained");
        else if ((c = mc_record_first_claim(rec, MC_CLAIM_TOK_EXTENDED)) != NULL)
            set_from_claim(&p->tok_origin, &p->tok_based_on, c, "extended");
        else if ((c = mc_record_first_claim(rec, MC_CLAIM_TOK_REUSED)) != NULL)
            set_from_claim(&p->tok_origin, &p->tok_based_on, c, "reused");
    }
}

static void resolve_data(mc_record *rec)
{
    mc_resolved *p = &rec->prov;

    if (rec->data_sources.len) {
        p->data = rec->data_sources.items[0];
        return;
    }
    if (rec->datasets.len) {
        p->data = rec->datasets.items[0];
        return;
    }
    if (rec->data_tokens.str) {
        p->data = rec->data_tokens;
        return;
    }
    for (size_t i = 0; i < rec->nclaims; i++) {
        if (mc_claim_states_data(&rec->claims[i])) {
            p->data = rec->claims[i].where;
            return;
        }
    }
    if (rec->quoted_data.path)
        p->data = rec->quoted_data;
}

/* ---- conflicts: from scratch against a declared or stated base ---- */

/* The first from-scratch statement about this model (not "we pretrain X-general from a
 * randomly initialized model" on the card of X-specialized). */
static const mc_claim *first_scratch(const mc_record *rec)
{
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < rec->nclaims; i++) {
            const mc_claim *c = &rec->claims[i];
            if (c->kind == MC_CLAIM_FROM_SCRATCH && !c->negated &&
                (c->where.from == MC_FROM_REPORT) == pass && !sentence_about_other(rec, c))
                return c;
        }
    return NULL;
}

static void resolve_conflict(mc_record *rec)
{
    mc_resolved *p = &rec->prov;
    const mc_claim *sc;

    if (rec->training.str) {
        if (!mc_streq(rec->training.str, "from-scratch"))
            return;
        p->scratch = rec->training;
    } else if ((sc = first_scratch(rec)) != NULL && sc->where.from == MC_FROM_PROSE) {
        /* whatever the order: a from-scratch statement about this model (not one about
         * another model, nor one in a quoted original card, which is skipped) */
        p->scratch = sc->where;
    } else {
        return;
    }
    /* a base of the model's own lineage ("X-base" for "X-chat") is the family's own
     * from-scratch model: no contradiction */
    for (size_t i = 0; i < rec->base_models.len; i++)
        if (!own_lineage(rec, rec->base_models.items[i].str)) {
            p->derived = rec->base_models.items[i];
            p->derived_what = "declares base_model";
            return;
        }
    if (rec->base_model_relation.str && (mc_streq(rec->base_model_relation.str, "adapter") ||
                                         mc_streq(rec->base_model_relation.str, "finetune"))) {
        p->derived = rec->base_model_relation;
        p->derived_what = "declares base_model_relation";
        return;
    }
    if (rec->weights_init.str && !mc_streq(rec->weights_init.str, "random")) {
        p->derived = rec->weights_init;
        p->derived_what = "declares weights_init";
        return;
    }
    for (size_t i = 0; i < rec->nclaims; i++) {
        const mc_claim *c = &rec->claims[i];
        if (!(derivation_claim(c) || based_on_weights(c)) || !mc_object_names_model(c->object) ||
            own_lineage(rec, c->object))
            continue;
        /* "based on unCLIP" may name a design: an accusation wants an id or a version */
        if (c->kind == MC_CLAIM_BASED_ON && !strchr(c->object, '/') &&
            !strpbrk(c->object, "0123456789"))
            continue;
        /* a heading names a section, a table lists other models: not a history */
        if (rec->card && c->where.from == MC_FROM_PROSE &&
            (mc_doc_line_kind(rec->card, c->where.span.line) == MC_LINE_HEADING ||
             mc_doc_line_kind(rec->card, c->where.span.line) == MC_LINE_TABLE))
            continue;
        p->derived = c->where;
        p->derived_what = c->where.from == MC_FROM_REPORT ? "its technical report says" : "says";
        return;
    }
    if (rec->evidence) {
        const mc_evidence *e = mc_evidence_first(rec->evidence, MC_EV_ADAPTER_BASE, "*");
        if (e) {
            p->derived.str = e->value;
            p->derived.path = e->file;
            p->derived.span = e->span;
            p->derived.from = MC_FROM_EVIDENCE;
            p->derived_what = "has an adapter configuration naming";
        }
    }
}

/* The group of a training value for disagreements: from scratch, a merge, a repackaging
 * (quantization, conversion), or tuned weights. */
static int training_group(const char *t)
{
    if (mc_streq(t, "from-scratch"))
        return 0;
    if (mc_streq(t, "merge"))
        return 1;
    if (mc_streq(t, "quantized") || mc_streq(t, "conversion"))
        return 2;
    return 3;
}

/* Signals that disagree: the technical report against the card (from scratch against
 * derived weights, either way), and a field (the provenance block, base_model_relation)
 * against the card's own words (a merge against a fine-tune). From scratch against a base
 * in the card itself is MC302 (resolve_conflict). */
static void resolve_disagreements(mc_record *rec)
{
    mc_resolved *p = &rec->prov;
    bool quantized_repo = name_training(repo_name(rec), "quantized") != NULL;
    vote report = {R_NONE, NULL, MC_CONF_NONE, NULL, {0}};
    vote text = {R_NONE, NULL, MC_CONF_NONE, NULL, {0}};

    if (p->training.str == NULL)
        return;
    if (rec->report && p->training.from != MC_FROM_REPORT && p->confidence >= MC_CONF_METADATA) {
        vote_claims(rec, &report, quantized_repo, 1);
        if (report.training && report.conf >= MC_CONF_TEMPLATE &&
            (training_group(report.training) == 0) != (training_group(p->training.str) == 0)) {
            p->report_says = report.where;
            p->report_says.str = report.training;
        }
    }
    if (p->training.from == MC_FROM_BLOCK || p->training.from == MC_FROM_HUB) {
        int gm = training_group(p->training.str), gt;
        vote_claims(rec, &text, quantized_repo, 0);
        if (text.training == NULL || text.conf < MC_CONF_TEMPLATE)
            return;
        gt = training_group(text.training);
        /* from scratch is MC302's; a quantization's card copies its base's card */
        if (gm != gt && gm != 0 && gt != 0 && !(gm == 2 && gt == 3)) {
            p->text_says = text.where;
            p->text_says.str = text.training;
        }
    }
}

const char *mc_record_not_model(const mc_ynode *front)
{
    switch (mc_classify_front(front, false)) {
    case MC_FILE_DATASET_CARD:
        return "a dataset card";
    case MC_FILE_SPACE:
        return "a Space";
    default:
        return NULL;
    }
}

void mc_record_resolve(mc_record *rec)
{
    if (rec == NULL || rec->prov.done)
        return;
    rec->prov.done = true;
    collect_bases(rec);
    resolve_training(rec);
    resolve_arch_tok(rec);
    resolve_data(rec);
    resolve_conflict(rec);
    resolve_disagreements(rec);
    mc_tier_compute(rec);
    mc_record_decide_lineage(rec);
}
