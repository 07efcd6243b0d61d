/* The step summary: card text cannot inject HTML, Markdown or Mermaid structure, and the
 * whole stays under 1 MiB. */
#include "outtest.h"

/* Unescaped '|' in a Markdown table row (a backslash escapes the next character). */
static size_t pipes(const char *line, size_t len)
{
    size_t n = 0;

    for (size_t i = 0; i < len; i++) {
        if (line[i] == '\\') {
            i++;
            continue;
        }
        n += line[i] == '|';
    }
    return n;
}

/* A label: text up to the closing quote, with nothing Mermaid or Markdown would act on. */
static const char *label(const char *p, const char *end)
{
    const char *start = p;

    for (; p < end && *p != '"'; p++) {
        if (strchr("`<>|[]{}%\\", *p))
            return NULL;
        if (*p == ';') { /* only to end an entity code: #60; */
            const char *q = p;
            while (q > start && q[-1] >= '0' && q[-1] <= '9')
                q--;
            if (q == p || q == start || q[-1] != '#')
                return NULL;
        }
    }
    return p < end ? p + 1 : NULL;
}

static const char *digits(const char *p, const char *end)
{
    const char *start = p;

    while (p < end && *p >= '0' && *p <= '9')
        p++;
    return p > start ? p : NULL;
}

/* "  m0[\"label\"]", "  s0[\"label\"]" or "  s0 -->|\"label\"| m0", nothing else */
static int mermaid_line_ok(const char *p, size_t len)
{
    const char *end = p + len;

    if (len < 4 || strncmp(p, "  ", 2) != 0 || (p[2] != 'm' && p[2] != 's'))
        return 0;
    if ((p = digits(p + 3, end)) == NULL)
        return 0;
    if (end - p >= 3 && strncmp(p, "[\"", 2) == 0) {
        p = label(p + 2, end);
        return p && end - p == 1 && *p == ']';
    }
    if (end - p < 6 || strncmp(p, " -->|\"", 6) != 0)
        return 0;
    if ((p = label(p + 6, end)) == NULL || end - p < 3 || strncmp(p, "| m", 3) != 0)
        return 0;
    p = digits(p + 3, end);
    return p == end;
}

static void test_hostile_model_names(void **state)
{
    static const char evil[] = "Tiny</td><script>alert(1)</script> | [x](javascript:alert(1)) "
                               "![i](http://x/i.png) <img src=x onerror=alert(1)> **b** @org\n"
                               "```\n# Heading\n--> m0 %%{init}%% \"];click m0 call evil()\x1b";
    const char *bases[] = {"acme-ai/Base\"]\n  x --> y[\"", "a`b|c<d>e#f%g;h", NULL};
    mc_report *r;
    mc_record *rec;
    char *out;
    int in_mermaid = 0, in_table = 0;
    size_t columns = 0, fences = 0;

    assert_int_equal(mc_report_new(&r), 0);
    rec = tu_model("models/tiny/README.md", evil, "fine-tune|x", bases, "T2", "<b>bold</b>");
    rec->tok_origin = tu_val(rec, "reused", 7);
    rec->tok_based_on = tu_val(rec, "acme-ai/Tok\"|`", 8);
    assert_int_equal(mc_record_decide_lineage(rec), 0);
    assert_int_equal(mc_report_add_model(r, rec), 0);
    tu_finding(r, "MC101", MC_SEV_ERROR, "models/tiny/README.md", 2, 1, 2, 4, evil, NULL);
    out = tu_render(-1, r, NULL);
    assert_true(tu_valid_utf8(out));
    assert_null(strstr(out, "<script"));
    assert_null(strstr(out, "<img"));
    assert_null(strstr(out, "</td>"));
    assert_null(strstr(out, "<b>"));
    assert_null(strstr(out, "](javascript"));
    assert_null(strstr(out, "%%{"));
    assert_null(strchr(out, 0x1b));
    assert_non_null(strstr(out, "```mermaid\nflowchart LR\n"));
    for (char *p = out, *nl; *p; p = nl + 1) {
        size_t len;
        nl = strchr(p, '\n');
        assert_non_null(nl);
        len = (size_t)(nl - p);
        if (strncmp(p, "```", 3) == 0) {
            fences++;
            in_mermaid = !in_mermaid;
            continue;
        }
        if (strncmp(p, "#", 1) == 0)
            assert_true(strncmp(p, "## mclint", 9) == 0 || strncmp(p, "### ", 4) == 0);
        if (in_mermaid && strncmp(p, "flowchart", 9) != 0) {
            assert_true(mermaid_line_ok(p, len));
            continue;
        }
        if (len && p[0] == '|') {
            if (!in_table)
                columns = pipes(p, len);
            in_table = 1;
            assert_int_equal(pipes(p, len), columns);
        } else {
            in_table = 0;
        }
    }
    assert_int_equal(fences, 2);
    /* the lineage has the model, its two bases and the tokenizer source */
    assert_non_null(strstr(out, "-->|\"tokenizer\"| m0\n"));
    assert_non_null(strstr(out, "#34;"));
    free(out);
    mc_report_free(r);
}

static void test_table_and_counts(void **state)
{
    const char *bases[] = {"acme-ai/Base-7B", NULL};
    mc_report *r;
    char *out;

    assert_int_equal(mc_report_new(&r), 0);
    assert_int_equal(mc_report_add_model(r, tu_model("models/tiny/README.md", "Tiny-7B",
                                                     "fine-tune", bases, "T2", "fine-tune")),
                     0);
    assert_int_equal(
        mc_report_add_model(r, tu_model("models/x/README.md", "X", NULL, NULL, NULL, NULL)), 0);
    tu_finding(r, "MC101", MC_SEV_ERROR, "models/tiny/README.md", 2, 1, 2, 4, "e", NULL);
    tu_finding(r, "MC102", MC_SEV_WARNING, "models/tiny/README.md", 3, 1, 3, 4, "w", NULL);
    tu_finding(r, "MC103", MC_SEV_WARNING, "models/tiny/README.md", 4, 1, 4, 4, "w", NULL);
    mc_report_set_files_read(r, 7);
    out = tu_render(-1, r, NULL);
    assert_non_null(strstr(out, "**1 error, 2 warnings, 0 notes** in 2 models (7 files read)"));
    assert_non_null(strstr(out, "| Tiny\\-7B | models/tiny/README\\.md | fine\\-tune | "
                                "acme\\-ai/Base\\-7B | \xE2\x80\x94 | \xE2\x80\x94 | **T2** "
                                "fine\\-tune | 1 | 2 | 0 |\n"));
    assert_non_null(strstr(out, "| X | models/x/README\\.md | unstated | \xE2\x80\x94 | "
                                "\xE2\x80\x94 | \xE2\x80\x94 | undetermined | 0 | 0 | 0 |\n"));
    assert_non_null(strstr(out, "  s0 -->|\"base\"| m0\n"));
    assert_null(strstr(out, "m1[")); /* a model without lineage is not drawn */
    free(out);
    mc_report_free(r);
}

/* a finding's related locations follow its message, escaped as card text is */
static void test_findings_related(void **state)
{
    mc_report *r;
    char *out;

    assert_int_equal(mc_report_new(&r), 0);
    tu_finding_related(r, "the card claims training from scratch");
    out = tu_render(-1, r, NULL);
    assert_non_null(strstr(out,
                           "| error | MC503 | models/tiny/README\\.md\\:7\\:22 | the card claims "
                           "training from scratch \\(evidence\\: models/tiny/config\\.json\\:2, "
                           "models/tiny/tiny \\[q4\\]\\.gguf\\) |\n"));
    free(out);
    mc_report_free(r);
    (void)state;
}

static void test_findings_capped(void **state)
{
    mc_report *r;
    char *out, *p;
    size_t rows = 0;

    assert_int_equal(mc_report_new(&r), 0);
    for (unsigned i = 0; i < 250; i++)
        tu_finding(r, "MC101", MC_SEV_ERROR, "a.md", i + 1, 1, i + 1, 2, "e", NULL);
    out = tu_render(-1, r, NULL);
    for (p = out; (p = strstr(p, "\n| error |")) != NULL; p++)
        rows++;
    assert_int_equal(rows, 200);
    assert_non_null(strstr(out, "_50 more findings not shown here"));
    free(out);
    mc_report_free(r);
}

static void test_one_mebibyte(void **state)
{
    mc_report *r;
    char *out, name[400];

    memset(name, '<', sizeof(name) - 1);
    name[sizeof(name) - 1] = '\0';
    assert_int_equal(mc_report_new(&r), 0);
    for (int i = 0; i < 3000; i++) {
        const char *bases[] = {name, NULL};
        char card[64];
        snprintf(card, sizeof(card), "models/m%04d/README.md", i);
        assert_int_equal(mc_report_add_model(r, tu_model(card, name, name, bases, "T2", name)), 0);
    }
    out = tu_render(-1, r, NULL);
    assert_true(strlen(out) <= MC_STEP_SUMMARY_MAX);
    assert_true(strlen(out) > MC_STEP_SUMMARY_MAX / 2);
    assert_non_null(strstr(out, "The summary was cut here"));
    assert_true(tu_valid_utf8(out));
    free(out);
    mc_report_free(r);
}

static void test_empty(void **state)
{
    mc_report *r;
    char *out;

    assert_int_equal(mc_report_new(&r), 0);
    out = tu_render(-1, r, NULL);
    assert_string_equal(out, "## mclint: model-card provenance\n\n\xE2\x9C\x85 **0 errors, 0 "
                             "warnings, 0 notes** in 0 models (0 files read)\n\n");
    free(out);
    mc_report_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hostile_model_names), cmocka_unit_test(test_table_and_counts),
        cmocka_unit_test(test_findings_related),    cmocka_unit_test(test_findings_capped),
        cmocka_unit_test(test_one_mebibyte),        cmocka_unit_test(test_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
