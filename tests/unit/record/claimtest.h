/* Shared by the claims tests: run the extraction on a Markdown text and look at the
 * claims (one card at a time; the previous one is freed by the next run). */
#ifndef MC_TESTS_CLAIMTEST_H
#define MC_TESTS_CLAIMTEST_H

#include "testutil.h"

#include "record/claims.h"

#include <string.h>

static mc_doc *cur_doc;
static mc_record *cur_rec;

static void reset(void)
{
    mc_record_free(cur_rec);
    mc_doc_free(cur_doc);
    cur_rec = NULL;
    cur_doc = NULL;
}

static mc_record *run_len(const char *md, size_t len)
{
    reset();
    assert_int_equal(
        mc_doc_parse(&cur_doc, "models/tiny/README.md", md, len, MC_DOC_MARKDOWN, NULL), 0);
    cur_rec = mc_record_new(NULL, "models/tiny/README.md");
    assert_non_null(cur_rec);
    assert_int_equal(mc_claims_extract(cur_rec, cur_doc, MC_FROM_PROSE), 0);
    return cur_rec;
}

static mc_record *run(const char *md)
{
    return run_len(md, strlen(md));
}

static size_t count(const mc_record *rec, mc_claim_kind kind)
{
    size_t n = 0;
    for (size_t i = 0; i < rec->nclaims; i++)
        n += rec->claims[i].kind == kind;
    return n;
}

#endif
