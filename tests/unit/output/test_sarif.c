/* sarif: validated against the official SARIF 2.1.0 schema with a real validator
 * (python3-jsonschema), and read back for GitHub's requirements. */
#include "outtest.h"

#include "mclint/rules.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static const char validator[] =
    "import json, sys\n"
    "try:\n"
    "    import jsonschema\n"
    "except ImportError:\n"
    "    print('python3-jsonschema is not installed', file=sys.stderr)\n"
    "    sys.exit(77)\n"
    "schema = json.load(open(sys.argv[1], encoding='utf-8'))\n"
    "doc = json.load(open(sys.argv[2], encoding='utf-8'))\n"
    "cls = jsonschema.validators.validator_for(schema)\n"
    "errors = list(cls(schema, format_checker=jsonschema.FormatChecker()).iter_errors(doc))\n"
    "for e in errors[:5]:\n"
    "    print('sarif:', e.message, list(e.absolute_path), file=sys.stderr)\n"
    "sys.exit(1 if errors else 0)\n";

/* 0 valid, 1 invalid, 77 no validator or no schema */
static int validate(const char *sarif)
{
    const char *shared = getenv("MCLINT_SHARED");
    char schema[4096], cmd[8192];
    struct stat st;
    char *dir;
    int status;

    /* ctest sets MCLINT_SHARED to the shared folder beside the repository */
    if (shared == NULL || *shared == '\0') {
        fprintf(stderr, "note: MCLINT_SHARED not set: schema validation skipped\n");
        return 77;
    }
    snprintf(schema, sizeof(schema), "%s/schemas/sarif-schema-2.1.0.json", shared);
    if (stat(schema, &st) != 0) {
        fprintf(stderr, "note: %s not found: schema validation skipped\n", schema);
        return 77;
    }
    if (access("/usr/bin/python3", X_OK) != 0) {
        fprintf(stderr, "note: /usr/bin/python3 not found: schema validation skipped\n");
        return 77;
    }
    dir = tu_mkdtemp();
    tu_write(dir, "validate.py", validator);
    tu_write(dir, "out.sarif", sarif);
    snprintf(cmd, sizeof(cmd), "/usr/bin/python3 '%s/validate.py' '%s' '%s/out.sarif'", dir, schema,
             dir);
    status = system(cmd);
    tu_rmtree(dir);
    free(dir);
    assert_true(status != -1 && WIFEXITED(status));
    if (WEXITSTATUS(status) == 77)
        fprintf(stderr, "note: python3-jsonschema unavailable: schema validation skipped\n");
    return WEXITSTATUS(status);
}

static const cJSON *get(const cJSON *o, const char *path)
{
    char key[64];

    while (o && *path) {
        size_t n = strcspn(path, ".");
        snprintf(key, sizeof(key), "%.*s", (int)n, path);
        if (key[0] >= '0' && key[0] <= '9')
            o = cJSON_GetArrayItem(o, (int)strtol(key, NULL, 10));
        else
            o = cJSON_GetObjectItemCaseSensitive(o, key);
        path += n + (path[n] == '.');
    }
    if (o == NULL)
        fail_msg("missing %s", path);
    return o;
}

static const char *gs(const cJSON *o, const char *path)
{
    const cJSON *v = get(o, path);

    assert_true(cJSON_IsString(v));
    return v->valuestring;
}

static int gi(const cJSON *o, const char *path)
{
    const cJSON *v = get(o, path);

    assert_true(cJSON_IsNumber(v));
    return v->valueint;
}

static void test_valid_and_complete(void **state)
{
    mc_report *r;
    mc_output_options o = MC_OUTPUT_OPTIONS_INIT;
    const mc_rules *rules = mc_rules_builtin();
    const mc_rule *known = rules && mc_rules_count(rules) ? mc_rules_at(rules, 0) : NULL;
    char *out;
    cJSON *doc;
    const cJSON *run, *res;
    int rc;

    o.rules = rules;
    assert_int_equal(mc_report_new(&r), 0);
    tu_finding(r, "MC999", MC_SEV_WARNING, "./models/my model #1/caf\xc3\xa9 100%?.md", 3, 2, 3, 6,
               "message with \"quotes\" and caf\xe9", "x");
    tu_finding(r, "MC998", MC_SEV_ERROR, "models/tiny/LICENSE", 0, 0, 0, 0, "whole file", NULL);
    tu_finding(r, "MC999", MC_SEV_NOTE, "a.md", 2, 5, 4, 1, "multi-line", NULL);
    if (known)
        tu_finding(r, known->id, MC_SEV_ERROR, "b.md", 1, 1, 1, 3, "known rule", NULL);
    else
        fprintf(stderr, "note: no built-in rule catalogue: rule metadata from the catalogue "
                        "not checked\n");
    out = tu_render(MC_FORMAT_SARIF, r, &o);
    assert_true(tu_valid_utf8(out));
    rc = validate(out);
    assert_true(rc == 0 || rc == 77);

    doc = cJSON_Parse(out);
    assert_non_null(doc);
    assert_string_equal(gs(doc, "version"), "2.1.0");
    assert_int_equal(cJSON_GetArraySize(get(doc, "runs")), 1);
    run = get(doc, "runs.0");
    assert_string_equal(gs(run, "tool.driver.name"), "mclint");
    assert_string_equal(gs(run, "tool.driver.semanticVersion"), MCLINT_VERSION);
    assert_string_equal(gs(run, "automationDetails.id"), "mclint/");
    assert_string_equal(gs(run, "columnKind"), "unicodeCodePoints");
    /* locations are relative to %SRCROOT%, which the run declares */
    assert_non_null(get(run, "originalUriBaseIds.%SRCROOT%.description.text"));
    /* no link unless one is given (the test build sets none) */
    assert_null(cJSON_GetObjectItemCaseSensitive(get(run, "tool.driver"), "informationUri"));
    /* the rules with results, sorted by id, each once */
    assert_int_equal(cJSON_GetArraySize(get(run, "tool.driver.rules")), known ? 3 : 2);
    res = get(run, "results");
    assert_int_equal(cJSON_GetArraySize(res), known ? 4 : 3);
    for (int i = 0; i < cJSON_GetArraySize(res); i++) {
        const cJSON *it = cJSON_GetArrayItem(res, i);
        int index = gi(it, "ruleIndex");
        const cJSON *rule = cJSON_GetArrayItem(get(run, "tool.driver.rules"), index);
        assert_non_null(rule);
        assert_string_equal(gs(rule, "id"), gs(it, "ruleId"));
        assert_true(strlen(gs(rule, "fullDescription.text")) <= 1000);
        assert_non_null(gs(rule, "help.text"));
        assert_non_null(gs(rule, "help.markdown"));
        assert_int_equal(strlen(gs(it, "partialFingerprints.mclint/v1")), 16);
        assert_string_equal(gs(it, "locations.0.physicalLocation.artifactLocation.uriBaseId"),
                            "%SRCROOT%");
        assert_null(cJSON_GetObjectItemCaseSensitive(rule, "helpUri"));
    }
    res = get(run, "results.0");
    assert_string_equal(gs(res, "level"), "warning");
    assert_string_equal(gs(res, "locations.0.physicalLocation.artifactLocation.uri"),
                        "models/my%20model%20%231/caf%C3%A9%20100%25%3F.md");
    assert_int_equal(gi(res, "locations.0.physicalLocation.region.startLine"), 3);
    assert_int_equal(gi(res, "locations.0.physicalLocation.region.startColumn"), 2);
    assert_int_equal(gi(res, "locations.0.physicalLocation.region.endLine"), 3);
    assert_int_equal(gi(res, "locations.0.physicalLocation.region.endColumn"), 6);
    assert_string_equal(gs(res, "message.text"), "message with \"quotes\" and caf\xEF\xBF\xBD");
    res = get(run, "results.1"); /* whole file: no region */
    assert_string_equal(gs(res, "level"), "error");
    assert_null(
        cJSON_GetObjectItemCaseSensitive(get(res, "locations.0.physicalLocation"), "region"));
    res = get(run, "results.2");
    assert_string_equal(gs(res, "level"), "note");
    assert_int_equal(gi(res, "locations.0.physicalLocation.region.endLine"), 4);
    assert_int_equal(gi(res, "locations.0.physicalLocation.region.endColumn"), 1);
    if (known) {
        const cJSON *rule = cJSON_GetArrayItem(get(run, "tool.driver.rules"),
                                               gi(get(run, "results.3"), "ruleIndex"));
        assert_string_equal(gs(rule, "shortDescription.text"), known->title);
        assert_string_equal(gs(rule, "defaultConfiguration.level"),
                            known->severity == MC_SEV_ERROR     ? "error"
                            : known->severity == MC_SEV_WARNING ? "warning"
                                                                : "note");
    }
    cJSON_Delete(doc);
    free(out);
    mc_report_free(r);
}

/* The validator itself must reject a broken document, or the test above proves nothing. */
/* related locations: relatedLocations with ids, referred to from the message text by
 * embedded links; literal brackets escaped; still valid SARIF */
static void test_related(void **state)
{
    mc_report *r;
    mc_output_options o = MC_OUTPUT_OPTIONS_INIT;
    char *out;
    cJSON *doc;
    const cJSON *res;
    int rc;

    assert_int_equal(mc_report_new(&r), 0);
    tu_finding_related(r, "the card claims [a] thing \\[b]");
    tu_finding(r, "MC101", MC_SEV_WARNING, "b.md", 1, 1, 1, 3, "plain [text]", NULL);
    out = tu_render(MC_FORMAT_SARIF, r, &o);
    rc = validate(out);
    assert_true(rc == 0 || rc == 77);
    doc = cJSON_Parse(out);
    assert_non_null(doc);
    res = get(doc, "runs.0.results.0");
    assert_string_equal(gs(res, "locations.0.physicalLocation.artifactLocation.uri"),
                        "models/tiny/README.md");
    assert_int_equal(gi(res, "locations.0.physicalLocation.region.startLine"), 7);
    assert_string_equal(gs(res, "message.text"),
                        "the card claims \\[a\\] thing \\\\\\[b\\] (evidence: "
                        "[models/tiny/config.json:2](1), [models/tiny/tiny \\[q4\\].gguf](2))");
    assert_int_equal(cJSON_GetArraySize(get(res, "relatedLocations")), 2);
    assert_int_equal(gi(res, "relatedLocations.0.id"), 1);
    assert_string_equal(gs(res, "relatedLocations.0.physicalLocation.artifactLocation.uri"),
                        "models/tiny/config.json");
    assert_int_equal(gi(res, "relatedLocations.0.physicalLocation.region.startLine"), 2);
    assert_int_equal(gi(res, "relatedLocations.0.physicalLocation.region.startColumn"), 3);
    assert_string_equal(gs(res, "relatedLocations.0.message.text"), "saved from acme-ai/Base-7B");
    assert_int_equal(gi(res, "relatedLocations.1.id"), 2);
    assert_string_equal(gs(res, "relatedLocations.1.physicalLocation.artifactLocation.uri"),
                        "models/tiny/tiny%20%5Bq4%5D.gguf");
    /* a whole file: no region, and no message where there is none */
    assert_null(cJSON_GetObjectItemCaseSensitive(get(res, "relatedLocations.1.physicalLocation"),
                                                 "region"));
    assert_null(cJSON_GetObjectItemCaseSensitive(get(res, "relatedLocations.1"), "message"));
    /* a finding without related locations keeps its message as it is */
    res = get(doc, "runs.0.results.1");
    assert_string_equal(gs(res, "message.text"), "plain [text]");
    assert_null(cJSON_GetObjectItemCaseSensitive(res, "relatedLocations"));
    cJSON_Delete(doc);
    free(out);
    mc_report_free(r);
    (void)state;
}

static void test_validator_rejects(void **state)
{
    int rc = validate("{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": "
                      "\"mclint\"}}, \"results\": [{\"level\": \"fatal\", \"message\": "
                      "{\"text\": \"x\"}}]}]}");

    if (rc == 77)
        skip();
    assert_int_equal(rc, 1);
}

/* A category, the rules' documentation and a home page: the document stays valid, the
 * category becomes automationDetails.id, and each catalogued rule links to its anchor. */
static char *render_category(const char *category, const mc_rule *known)
{
    mc_report *r;
    mc_output_options o = MC_OUTPUT_OPTIONS_INIT;
    char *out;

    o.rules = mc_rules_builtin();
    o.sarif_category = category;
    o.rules_url = "https://example.org/acme/mclint/blob/0123abc/docs/rules.md";
    o.information_uri = "https://example.org/acme/mclint";
    assert_int_equal(mc_report_new(&r), 0);
    tu_finding(r, known->id, MC_SEV_ERROR, "models/a/README.md", 2, 1, 2, 4, "known", NULL);
    tu_finding(r, "MC999", MC_SEV_NOTE, "models/a/README.md", 3, 1, 3, 2, "invented", NULL);
    out = tu_render(MC_FORMAT_SARIF, r, &o);
    mc_report_free(r);
    return out;
}

static void test_category_and_links(void **state)
{
    const mc_rules *rules = mc_rules_builtin();
    const mc_rule *known = rules && mc_rules_count(rules) ? mc_rules_at(rules, 0) : NULL;
    char *a, *b, *c, want[64], *lower;
    cJSON *da, *db, *dc;
    const cJSON *rule;
    int rc;

    if (known == NULL)
        skip();
    a = render_category("models-shard-0", known);
    b = render_category("models-shard-1/", known);
    c = render_category("", known);
    rc = validate(a);
    assert_true(rc == 0 || rc == 77);
    rc = validate(b);
    assert_true(rc == 0 || rc == 77);
    da = cJSON_Parse(a);
    db = cJSON_Parse(b);
    dc = cJSON_Parse(c);
    assert_non_null(da);
    assert_non_null(db);
    assert_non_null(dc);
    /* "/" is added as upload-sarif adds it, and two categories stay apart */
    assert_string_equal(gs(da, "runs.0.automationDetails.id"), "models-shard-0/");
    assert_string_equal(gs(db, "runs.0.automationDetails.id"), "models-shard-1/");
    assert_string_not_equal(gs(da, "runs.0.automationDetails.id"),
                            gs(db, "runs.0.automationDetails.id"));
    assert_string_equal(gs(dc, "runs.0.automationDetails.id"), "mclint/");
    assert_string_equal(gs(da, "runs.0.tool.driver.informationUri"),
                        "https://example.org/acme/mclint");
    /* rules sorted by id: the catalogued rule first, with its anchor; the invented one has
     * no page to link to */
    rule = get(da, "runs.0.tool.driver.rules.0");
    assert_string_equal(gs(rule, "id"), known->id);
    lower = strdup(known->id);
    for (char *p = lower; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    snprintf(want, sizeof(want), "#%s", lower);
    assert_non_null(strstr(gs(rule, "helpUri"), "/docs/rules.md#"));
    assert_string_equal(strchr(gs(rule, "helpUri"), '#'), want);
    assert_null(cJSON_GetObjectItemCaseSensitive(get(da, "runs.0.tool.driver.rules.1"), "helpUri"));
    free(lower);
    cJSON_Delete(da);
    cJSON_Delete(db);
    cJSON_Delete(dc);
    free(a);
    free(b);
    free(c);
}

static void test_empty(void **state)
{
    mc_report *r;
    char *out;
    cJSON *doc;
    int rc;

    assert_int_equal(mc_report_new(&r), 0);
    out = tu_render(MC_FORMAT_SARIF, r, NULL);
    rc = validate(out);
    assert_true(rc == 0 || rc == 77);
    doc = cJSON_Parse(out);
    assert_int_equal(cJSON_GetArraySize(get(doc, "runs.0.results")), 0);
    assert_int_equal(cJSON_GetArraySize(get(doc, "runs.0.tool.driver.rules")), 0);
    cJSON_Delete(doc);
    free(out);
    mc_report_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_and_complete),
        cmocka_unit_test(test_related),
        cmocka_unit_test(test_validator_rejects),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_category_and_links),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
