/* Claims from prose: a phrase is found wherever it stands in a line (first or last on the
 * line, after punctuation, after Korean text with no space, in any letter case, with a space
 * or a hyphen or nothing for a hyphen), at the right column, and a close neighbour (inside a
 * word, cut short, followed by a word character) is not. Lines of different lengths one after
 * the other must not see each other's text. */
#include "claimtest.h"
#include "util/str.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const mc_claim *only(const char *md, mc_claim_kind kind)
{
    mc_record *rec = run(md);
    if (count(rec, kind) != 1)
        fail_msg("%zu %s claims in: %s", count(rec, kind), mc_claim_kind_name(kind), md);
    for (size_t i = 0; i < rec->nclaims; i++)
        if (rec->claims[i].kind == kind)
            return &rec->claims[i];
    return NULL;
}

static void none(const char *md, mc_claim_kind kind)
{
    mc_record *rec = run(md);
    if (count(rec, kind) != 0)
        fail_msg("unexpected %s claim in: %s", mc_claim_kind_name(kind), md);
}

/* Phrases of several kinds, as written in a line (any case, hyphen or space). */
static const struct {
    const char *text;
    mc_claim_kind kind;
} samples[] = {
    {"from scratch", MC_CLAIM_FROM_SCRATCH},
    {"FROM SCRATCH", MC_CLAIM_FROM_SCRATCH},
    {"From The Ground Up", MC_CLAIM_FROM_SCRATCH},
    {"처음부터", MC_CLAIM_FROM_SCRATCH},
    {"Continued Pre-Training", MC_CLAIM_CPT},
    {"continued pretraining", MC_CLAIM_CPT},
    {"continued pre training", MC_CLAIM_CPT},
    {"추가학습", MC_CLAIM_CPT},
    {"QLoRA", MC_CLAIM_ADAPTER},
    {"SLERP merge", MC_CLAIM_MERGE},
    {"DUS", MC_CLAIM_DUS},
    {"Depth Up-Scaling", MC_CLAIM_DUS},
    {"파인튜닝", MC_CLAIM_FINETUNE},
    {"미세 조정", MC_CLAIM_FINETUNE},
};

/* What can come right before a phrase: the start of the line, punctuation, Hangul with no
 * space, a no-break space, an opening bracket or quote, emphasis. */
static const char *const before[] = {
    "", "Tiny: ", "(", "\"", "모델은", "Tiny\xc2\xa0", "[", "— ", "Tiny, ", "**", "#1 ",
};

/* What can come right after: the end of the line, punctuation, Hangul, emphasis. */
static const char *const after[] = {
    "", ".", ")", "!", " 했습니다", "**", ",", "\"", " (Tiny)",
};

static void test_every_position(void **state)
{
    char md[256], want[64];
    (void)state;
    for (size_t s = 0; s < sizeof samples / sizeof samples[0]; s++) {
        for (size_t b = 0; b < sizeof before / sizeof before[0]; b++) {
            for (size_t a = 0; a < sizeof after / sizeof after[0]; a++) {
                const mc_claim *c;
                snprintf(md, sizeof md, "%s%s%s\n", before[b], samples[s].text, after[a]);
                c = only(md, samples[s].kind);
                /* the phrase is kept as written, columns count characters from 1 */
                snprintf(want, sizeof want, "%s", samples[s].text);
                assert_string_equal(c->phrase, want);
                assert_int_equal(c->where.span.line, 1);
                if (c->where.span.col != mc_utf8_count(before[b], strlen(before[b])) + 1 ||
                    c->where.span.end_col != c->where.span.col + mc_utf8_count(want, strlen(want)))
                    fail_msg("columns %u-%u in: %s", c->where.span.col, c->where.span.end_col, md);
            }
        }
    }
}

static void test_phrase_in_long_lines(void **state)
{
    char md[1024];
    size_t n = 0;
    const mc_claim *c;
    (void)state;
    /* far into a line, after many words that share its first letters */
    for (int i = 0; i < 40; i++)
        n += (size_t)snprintf(md + n, sizeof md - n, "fro frog scratchy ");
    snprintf(md + n, sizeof md - n, "trained From Scratch\n");
    c = only(md, MC_CLAIM_FROM_SCRATCH);
    assert_int_equal(c->where.span.col, n + 9);
    assert_int_equal(c->where.span.end_col, n + 21);
    /* a long line, then a line that ends where the phrase of the long one is cut short:
     * the second line must not see the rest of the first */
    snprintf(md + n, sizeof md - n, "trained from scratch\ntrained from scratc\n");
    run(md);
    assert_int_equal(count(cur_rec, MC_CLAIM_FROM_SCRATCH), 1);
    run("Tiny-7B was fine-tuned using\nTiny-7B was fine-tune\nTiny-7B was fine-tuned\n");
    assert_int_equal(count(cur_rec, MC_CLAIM_FINETUNE), 2);
}

static void test_neighbours(void **state)
{
    (void)state;
    /* inside a word, or followed by a word character */
    none("It was trained xfrom scratch.", MC_CLAIM_FROM_SCRATCH);
    none("It was trained from scratchy data.", MC_CLAIM_FROM_SCRATCH);
    none("It was trained from scratch_2 data.", MC_CLAIM_FROM_SCRATCH);
    none("It was trained from scratch-like data.", MC_CLAIM_FROM_SCRATCH);
    none("It was trained from/scratch.", MC_CLAIM_FROM_SCRATCH);
    none("The industry standard.", MC_CLAIM_DUS);
    none("The DUSK release.", MC_CLAIM_DUS);
    none("Tiny-DUS", MC_CLAIM_DUS);
    none("Uses qloras.", MC_CLAIM_ADAPTER);
    /* cut short at the end of the line */
    none("It was trained from scratc", MC_CLAIM_FROM_SCRATCH);
    none("It was trained from", MC_CLAIM_FROM_SCRATCH);
    none("f", MC_CLAIM_FROM_SCRATCH);
    /* a space where the phrase has none, two hyphens */
    none("It was trained fr om scratch.", MC_CLAIM_FROM_SCRATCH);
    none("Tiny used continued pre--training.", MC_CLAIM_CPT);
    /* a Korean phrase matches as a substring, even right after Hangul */
    only("모델을파인튜닝했다", MC_CLAIM_FINETUNE);
    none("모델을파인튜했다", MC_CLAIM_FINETUNE);
}

static void test_clause_words_anywhere(void **state)
{
    (void)state;
    /* the negation is cut off by a clause-breaking word, in any case, after punctuation */
    assert_true(
        only("It was not released; it was trained from scratch.", MC_CLAIM_FROM_SCRATCH)->negated ==
        false);
    assert_true(only("Not a toy BUT trained from scratch.", MC_CLAIM_FROM_SCRATCH)->negated ==
                false);
    assert_true(only("Not a toy but trained from scratch.", MC_CLAIM_FROM_SCRATCH)->negated ==
                false);
    assert_true(only("NOT trained from scratch.", MC_CLAIM_FROM_SCRATCH)->negated);
    assert_true(only("(not trained from scratch)", MC_CLAIM_FROM_SCRATCH)->negated);
    /* "butter" is no clause break */
    assert_true(only("Not butter trained from scratch.", MC_CLAIM_FROM_SCRATCH)->negated);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_position),
        cmocka_unit_test(test_phrase_in_long_lines),
        cmocka_unit_test(test_neighbours),
        cmocka_unit_test(test_clause_words_anywhere),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    reset();
    return rc;
}
