/* json, jsonl, gitlab and rdjsonl: every output parsed back with cJSON. */
#include "outtest.h"

#include <cjson/cJSON.h>

static cJSON *parse(const char *text, size_t len)
{
    const char *end = NULL;
    cJSON *j = cJSON_ParseWithLengthOpts(text, len, &end, 0);

    if (j == NULL)
        fail_msg("invalid JSON: %.200s", text);
    return j;
}

static const char *str(const cJSON *o, const char *key)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(o, key);

    assert_non_null(item);
    return cJSON_IsString(item) ? item->valuestring : NULL;
}

static double num(const cJSON *o, const char *key)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(o, key);

    assert_non_null(item);
    assert_true(cJSON_IsNumber(item));
    return item->valuedouble;
}

static int is_null(const cJSON *o, const char *key)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(o, key);

    assert_non_null(item);
    return cJSON_IsNull(item);
}

/* A report with a positioned error, a whole-file warning, a duplicate pair of notes and a
 * message with invalid UTF-8, and one model. */
static mc_report *sample(void)
{
    mc_report *r;
    const char *bases[] = {"acme-ai/Base-7B", NULL};
    mc_record *rec;

    assert_int_equal(mc_report_new(&r), 0);
    tu_finding(r, "MC101", MC_SEV_ERROR, "models/tiny/README.md", 4, 3, 4, 9,
               "caf\xe9 \"quoted\" \x01 value", "base_model: x");
    tu_finding(r, "MC201", MC_SEV_WARNING, "models/tiny/LICENSE", 0, 0, 0, 0, "no licence", NULL);
    tu_finding(r, "MC310", MC_SEV_NOTE, "models/tiny/README.md", 9, 1, 11, 4, "same", "dup line");
    tu_finding(r, "MC310", MC_SEV_NOTE, "models/tiny/README.md", 20, 1, 20, 4, "same", "dup line");
    rec = tu_model("models/tiny/README.md", "Tiny-7B \xff", "fine-tune", bases, "T2", "because");
    rec->tok_origin = tu_val(rec, "reused", 7);
    rec->tok_based_on = tu_val(rec, "acme-ai/Base-7B", 8);
    rec->components = mc_arena_alloc(rec->arena, sizeof(mc_component));
    rec->components[0].name = tu_val(rec, "vision encoder", 10);
    rec->components[0].origin = tu_val(rec, "reused", 11);
    rec->components[0].source = tu_val(rec, "acme-ai/Eye-400M", 12);
    rec->ncomponents = 1;
    assert_int_equal(mc_report_add_model(r, rec), 0);
    mc_report_set_files_read(r, 4);
    return r;
}

static void test_json(void **state)
{
    mc_report *r = sample();
    char *out = tu_render(MC_FORMAT_JSON, r, NULL);
    cJSON *doc, *findings, *models, *f, *m, *t;

    assert_true(tu_valid_utf8(out));
    doc = parse(out, strlen(out));
    assert_string_equal(str(doc, "mclint"), MCLINT_VERSION);
    findings = cJSON_GetObjectItemCaseSensitive(doc, "findings");
    models = cJSON_GetObjectItemCaseSensitive(doc, "models");
    assert_int_equal(cJSON_GetArraySize(findings), 4);
    assert_int_equal(cJSON_GetArraySize(models), 1);

    f = cJSON_GetArrayItem(findings, 0);
    assert_string_equal(str(f, "rule"), "MC101");
    assert_string_equal(str(f, "name"), "invented-rule");
    assert_string_equal(str(f, "severity"), "error");
    assert_string_equal(str(f, "path"), "models/tiny/README.md");
    assert_int_equal((int)num(f, "line"), 4);
    assert_int_equal((int)num(f, "column"), 3);
    assert_int_equal((int)num(f, "end_line"), 4);
    assert_int_equal((int)num(f, "end_column"), 9);
    assert_string_equal(str(f, "message"), "caf\xEF\xBF\xBD \"quoted\" \x01 value");
    assert_string_equal(str(f, "model"), "models/tiny/README.md");
    assert_int_equal(strlen(str(f, "fingerprint")), 16);

    f = cJSON_GetArrayItem(findings, 1); /* whole file: null positions */
    assert_string_equal(str(f, "severity"), "warning");
    assert_true(is_null(f, "line") && is_null(f, "column") && is_null(f, "end_line") &&
                is_null(f, "end_column") && is_null(f, "snippet"));

    m = cJSON_GetArrayItem(models, 0);
    assert_string_equal(str(m, "path"), "models/tiny/README.md");
    assert_string_equal(str(m, "name"), "Tiny-7B \xEF\xBF\xBD");
    t = cJSON_GetObjectItemCaseSensitive(m, "training");
    assert_string_equal(str(t, "value"), "fine-tune");
    assert_string_equal(str(t, "path"), "models/tiny/README.md");
    assert_int_equal((int)num(t, "line"), 5);
    assert_string_equal(str(t, "from"), "provenance");
    assert_string_equal(
        cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(m, "base_model"), 0)->valuestring,
        "acme-ai/Base-7B");
    assert_true(is_null(m, "license") && is_null(m, "base_model_relation"));
    t = cJSON_GetObjectItemCaseSensitive(m, "tokenizer");
    assert_string_equal(str(t, "origin"), "reused");
    assert_string_equal(str(t, "based_on"), "acme-ai/Base-7B");
    t = cJSON_GetObjectItemCaseSensitive(m, "architecture");
    assert_true(is_null(t, "origin") && is_null(t, "based_on"));
    t = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(m, "components"), 0);
    assert_string_equal(str(t, "source"), "acme-ai/Eye-400M");
    assert_string_equal(str(m, "tier"), "T2");
    assert_string_equal(str(m, "tier_reason"), "because");
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(m, "evidence")), 0);

    t = cJSON_GetObjectItemCaseSensitive(doc, "counts");
    assert_int_equal((int)num(t, "errors"), 1);
    assert_int_equal((int)num(t, "warnings"), 1);
    assert_int_equal((int)num(t, "notes"), 2);
    assert_int_equal((int)num(t, "files"), 4);
    cJSON_Delete(doc);
    free(out);
    mc_report_free(r);
}

static void test_jsonl(void **state)
{
    mc_report *r = sample();
    char *out = tu_render(MC_FORMAT_JSONL, r, NULL);
    size_t lines = 0, finds = 0, models = 0;

    assert_true(tu_valid_utf8(out));
    for (char *p = out, *nl; *p; p = nl + 1) {
        cJSON *o;
        nl = strchr(p, '\n');
        assert_non_null(nl); /* every record ends its line */
        o = parse(p, (size_t)(nl - p));
        lines++;
        assert_string_equal(o->child->string, "type"); /* first member */
        if (strcmp(str(o, "type"), "finding") == 0) {
            finds++;
            assert_non_null(str(o, "rule"));
        } else {
            assert_string_equal(str(o, "type"), "model");
            assert_string_equal(str(o, "name"), "Tiny-7B \xEF\xBF\xBD");
            models++;
        }
        cJSON_Delete(o);
    }
    assert_int_equal(lines, 5);
    assert_int_equal(finds, 4);
    assert_int_equal(models, 1);
    free(out);
    mc_report_free(r);
}

static void test_gitlab(void **state)
{
    mc_report *r = sample();
    char *out = tu_render(MC_FORMAT_GITLAB, r, NULL);
    cJSON *doc = parse(out, strlen(out)), *it;
    static const char *sev[] = {"major", "minor", "info", "info"};
    static const int begin[] = {4, 1, 9, 20}, end[] = {4, 1, 11, 20};
    int i = 0;

    assert_true(cJSON_IsArray(doc));
    assert_int_equal(cJSON_GetArraySize(doc), 4);
    cJSON_ArrayForEach(it, doc)
    {
        const cJSON *loc = cJSON_GetObjectItemCaseSensitive(it, "location");
        const cJSON *lines = cJSON_GetObjectItemCaseSensitive(loc, "lines");
        const char *fp = str(it, "fingerprint");

        assert_string_equal(str(it, "severity"), sev[i]);
        assert_non_null(str(it, "description"));
        assert_non_null(str(it, "check_name"));
        assert_non_null(str(loc, "path"));
        assert_int_equal((int)num(lines, "begin"), begin[i]);
        assert_int_equal((int)num(lines, "end"), end[i]);
        assert_int_equal(strlen(fp), 32);
        assert_int_equal(strspn(fp, "0123456789abcdef"), 32);
        i++;
    }
    /* the two notes share a finding fingerprint, yet get distinct GitLab fingerprints */
    assert_string_equal(str(cJSON_GetArrayItem(doc, 2), "check_name"), "MC310");
    assert_string_not_equal(str(cJSON_GetArrayItem(doc, 2), "fingerprint"),
                            str(cJSON_GetArrayItem(doc, 3), "fingerprint"));
    assert_string_not_equal(str(cJSON_GetArrayItem(doc, 0), "fingerprint"),
                            str(cJSON_GetArrayItem(doc, 1), "fingerprint"));
    cJSON_Delete(doc);
    /* stable from one run to the next */
    {
        char *again = tu_render(MC_FORMAT_GITLAB, r, NULL);
        assert_string_equal(out, again);
        free(again);
    }
    free(out);
    mc_report_free(r);
}

static void test_rdjsonl(void **state)
{
    mc_report *r = sample();
    char *out = tu_render(MC_FORMAT_RDJSONL, r, NULL);
    cJSON *o[4];
    const cJSON *range, *start, *end;
    size_t n = 0;

    for (char *p = out, *nl; *p; p = nl + 1) {
        nl = strchr(p, '\n');
        assert_non_null(nl);
        assert_true(n < 4);
        o[n++] = parse(p, (size_t)(nl - p));
    }
    assert_int_equal(n, 4);
    assert_string_equal(str(o[0], "severity"), "ERROR");
    assert_string_equal(str(o[1], "severity"), "WARNING");
    assert_string_equal(str(o[2], "severity"), "INFO");
    assert_string_equal(str(cJSON_GetObjectItemCaseSensitive(o[0], "code"), "value"), "MC101");
    assert_string_equal(str(cJSON_GetObjectItemCaseSensitive(o[0], "source"), "name"), "mclint");
    assert_string_equal(str(o[0], "message"), "caf\xEF\xBF\xBD \"quoted\" \x01 value");
    range = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(o[0], "location"),
                                             "range");
    start = cJSON_GetObjectItemCaseSensitive(range, "start");
    end = cJSON_GetObjectItemCaseSensitive(range, "end");
    assert_int_equal((int)num(start, "line"), 4);
    assert_int_equal((int)num(start, "column"), 3);
    assert_int_equal((int)num(end, "line"), 4);
    assert_int_equal((int)num(end, "column"), 9);
    /* a whole-file finding has a path and no range */
    assert_string_equal(str(cJSON_GetObjectItemCaseSensitive(o[1], "location"), "path"),
                        "models/tiny/LICENSE");
    assert_null(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(o[1], "location"),
                                                 "range"));
    for (size_t i = 0; i < n; i++)
        cJSON_Delete(o[i]);
    free(out);
    mc_report_free(r);
}

/* related locations: JSON "related" (always present), gitlab's description, rdjsonl's
 * related_locations */
static void test_related(void **state)
{
    mc_report *r;
    char *out;
    cJSON *doc, *f, *rel;
    const cJSON *rdrel, *loc;

    assert_int_equal(mc_report_new(&r), 0);
    tu_finding_related(r, "the card claims training from scratch");
    tu_finding(r, "MC101", MC_SEV_WARNING, "models/tiny/README.md", 9, 1, 9, 4, "plain", NULL);

    out = tu_render(MC_FORMAT_JSON, r, NULL);
    doc = cJSON_Parse(out);
    assert_non_null(doc);
    f = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(doc, "findings"), 0);
    assert_string_equal(str(f, "path"), "models/tiny/README.md");
    rel = cJSON_GetObjectItemCaseSensitive(f, "related");
    assert_true(cJSON_IsArray(rel));
    assert_int_equal(cJSON_GetArraySize(rel), 2);
    assert_string_equal(str(cJSON_GetArrayItem(rel, 0), "path"), "models/tiny/config.json");
    assert_int_equal((int)num(cJSON_GetArrayItem(rel, 0), "line"), 2);
    assert_int_equal((int)num(cJSON_GetArrayItem(rel, 0), "column"), 3);
    assert_string_equal(str(cJSON_GetArrayItem(rel, 0), "message"), "saved from acme-ai/Base-7B");
    assert_true(is_null(cJSON_GetArrayItem(rel, 1), "line") &&
                is_null(cJSON_GetArrayItem(rel, 1), "column") &&
                is_null(cJSON_GetArrayItem(rel, 1), "message"));
    f = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(doc, "findings"), 1);
    rel = cJSON_GetObjectItemCaseSensitive(f, "related");
    assert_true(cJSON_IsArray(rel) && cJSON_GetArraySize(rel) == 0); /* always there */
    cJSON_Delete(doc);
    free(out);

    out = tu_render(MC_FORMAT_GITLAB, r, NULL);
    doc = cJSON_Parse(out);
    assert_non_null(doc);
    assert_string_equal(str(cJSON_GetArrayItem(doc, 0), "description"),
                        "the card claims training from scratch (evidence: "
                        "models/tiny/config.json:2, models/tiny/tiny [q4].gguf)");
    assert_string_equal(str(cJSON_GetArrayItem(doc, 1), "description"), "plain");
    cJSON_Delete(doc);
    free(out);

    out = tu_render(MC_FORMAT_RDJSONL, r, NULL);
    doc = cJSON_ParseWithOpts(out, NULL, 0); /* the first line */
    assert_non_null(doc);
    assert_string_equal(str(doc, "message"), "the card claims training from scratch");
    rdrel = cJSON_GetObjectItemCaseSensitive(doc, "related_locations");
    assert_int_equal(cJSON_GetArraySize(rdrel), 2);
    assert_string_equal(str(cJSON_GetArrayItem(rdrel, 0), "message"), "saved from acme-ai/Base-7B");
    loc = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(rdrel, 0), "location");
    assert_string_equal(str(loc, "path"), "models/tiny/config.json");
    assert_int_equal(cJSON_GetObjectItemCaseSensitive(
                         cJSON_GetObjectItemCaseSensitive(
                             cJSON_GetObjectItemCaseSensitive(loc, "range"), "start"),
                         "line")
                         ->valueint,
                     2);
    loc = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(rdrel, 1), "location");
    assert_null(cJSON_GetObjectItemCaseSensitive(loc, "range")); /* a whole file */
    assert_null(cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(rdrel, 1), "message"));
    cJSON_Delete(doc);
    assert_null(strstr(strchr(out, '\n') + 1, "related_locations")); /* not on the plain one */
    free(out);
    mc_report_free(r);
    (void)state;
}

static void test_empty(void **state)
{
    mc_report *r;
    char *out;
    cJSON *doc;

    assert_int_equal(mc_report_new(&r), 0);
    out = tu_render(MC_FORMAT_JSON, r, NULL);
    doc = parse(out, strlen(out));
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(doc, "findings")), 0);
    assert_true(cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(doc, "models")));
    cJSON_Delete(doc);
    free(out);
    out = tu_render(MC_FORMAT_JSONL, r, NULL);
    assert_string_equal(out, "");
    free(out);
    out = tu_render(MC_FORMAT_GITLAB, r, NULL);
    assert_string_equal(out, "[]\n");
    free(out);
    out = tu_render(MC_FORMAT_RDJSONL, r, NULL);
    assert_string_equal(out, "");
    free(out);
    mc_report_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json),    cmocka_unit_test(test_jsonl),
        cmocka_unit_test(test_gitlab),  cmocka_unit_test(test_rdjsonl),
        cmocka_unit_test(test_related), cmocka_unit_test(test_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
