/* .mclint.yaml: every key, every error with its position, discovery, extends, selection,
 * severity overrides, per-path ignores, exclude, --show-config and applying to a report. */
#include "testutil.h"

#include "cfgtest.h"
#include "config/config_int.h"
#include "mclint/config.h"
#include "util/str.h"

#include <stdlib.h>
#include <string.h>

/* ---- an in-memory repository ---- */

typedef struct {
    const char *path;
    const char *text;
} mfile;

typedef struct {
    const mfile *files;
    size_t n;
    char reads[64][128];
    size_t nreads;
} mrepo;

static int mem_read(void *ctx, const char *path, char **out, size_t *len)
{
    mrepo *r = ctx;

    if (r->nreads < 64)
        snprintf(r->reads[r->nreads++], 128, "%s", path);
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->files[i].path, path) == 0) {
            *out = mc_strdup(r->files[i].text);
            *len = strlen(r->files[i].text);
            return 0;
        }
    return MC_ENOTFOUND;
}

static int discover(mc_config **cfg, mrepo *repo, const char *dir)
{
    mc_config_io io = {mem_read, repo, mc_config_fs_read, NULL};

    return mc_config_discover_io(cfg, &io, dir, NULL, tc_rules());
}

static mc_config *parse_ok(const char *text)
{
    mc_config *cfg = NULL;
    int rc = mc_config_parse(&cfg, ".mclint.yaml", "", text, strlen(text), tc_rules());

    if (rc != 0)
        fail_msg("unexpected error: %s", mc_error_last());
    return cfg;
}

static void expect_error(const char *text, const char *message)
{
    mc_config *cfg = NULL;
    int rc = mc_config_parse(&cfg, "c.yaml", "", text, strlen(text), tc_rules());

    if (rc != MC_EINVALID || strstr(mc_error_last(), message) == NULL)
        fail_msg("for %s\nexpected '%s', got %d '%s'", text, message, rc, mc_error_last());
    assert_null(cfg);
}

static void test_defaults(void **state)
{
    mc_config *cfg = NULL;

    (void)state;
    assert_int_equal(mc_config_default(&cfg, tc_rules()), 0);
    assert_null(mc_config_path(cfg));
    assert_true(mc_config_rule_enabled(cfg, "MC101"));
    assert_true(mc_config_rule_enabled(cfg, "MC903"));
    assert_int_equal(mc_config_severity(cfg, "MC101", "a/README.md"), MC_SEV_ERROR);
    assert_int_equal(mc_config_severity(cfg, "MC104", "a/README.md"), MC_SEV_WARNING);
    assert_int_equal(mc_config_fail_on(cfg), MC_SEV_ERROR);
    assert_null(mc_config_min_tier(cfg));
    assert_int_equal(mc_config_max_file_size(cfg), 16 * 1024 * 1024);
    assert_true(mc_config_inline_enabled(cfg));
    assert_false(mc_config_excluded(cfg, "third_party/README.md"));
    assert_int_equal(mc_config_report_dir_count(cfg), 0);
    assert_int_equal(mc_config_rules_file_count(cfg), 0);
    mc_config_free(cfg);
}

static void test_every_key(void **state)
{
    mc_config *cfg = parse_ok("select: [MC1, MC201]\n"
                              "ignore: [MC105]\n"
                              "severity: {MC104: note, MC1: warning}\n"
                              "per_path_ignores: {\"vendor/**\": [ALL], "
                              "\"legacy/*/README.md\": [MC104]}\n"
                              "fail_on: warning\n"
                              "min_tier: T4-1\n"
                              "reports: [docs/reports, paper/]\n"
                              "rules_files: [.mclint/rules.yaml]\n"
                              "max_file_size: 2MiB\n"
                              "exclude: [\"third_party/**\"]\n"
                              "no_inline_config: true\n");

    (void)state;
    assert_string_equal(mc_config_path(cfg), ".mclint.yaml");
    assert_true(mc_config_rule_enabled(cfg, "MC101"));
    assert_true(mc_config_rule_enabled(cfg, "MC201"));
    assert_false(mc_config_rule_enabled(cfg, "MC202"));
    assert_false(mc_config_rule_enabled(cfg, "MC105"));
    assert_int_equal(mc_config_severity(cfg, "MC101", "m/README.md"), MC_SEV_WARNING);
    assert_int_equal(mc_config_severity(cfg, "MC104", "m/README.md"), MC_SEV_NOTE);
    assert_int_equal(mc_config_severity(cfg, "MC104", "legacy/m/README.md"), MC_SEV_NONE);
    assert_int_equal(mc_config_severity(cfg, "MC101", "legacy/m/README.md"), MC_SEV_WARNING);
    assert_int_equal(mc_config_severity(cfg, "MC101", "vendor/x/README.md"), MC_SEV_NONE);
    assert_int_equal(mc_config_fail_on(cfg), MC_SEV_WARNING);
    assert_string_equal(mc_config_min_tier(cfg), "T4-1");
    assert_int_equal(mc_config_report_dir_count(cfg), 2);
    assert_string_equal(mc_config_report_dir_at(cfg, 0), "docs/reports");
    assert_string_equal(mc_config_report_dir_at(cfg, 1), "paper");
    assert_null(mc_config_report_dir_at(cfg, 2));
    assert_int_equal(mc_config_rules_file_count(cfg), 1);
    assert_string_equal(mc_config_rules_file_at(cfg, 0), ".mclint/rules.yaml");
    assert_int_equal(mc_config_max_file_size(cfg), 2 * 1024 * 1024);
    assert_true(mc_config_excluded(cfg, "third_party/m/README.md"));
    assert_false(mc_config_excluded(cfg, "models/third_party.md"));
    assert_false(mc_config_inline_enabled(cfg));
    mc_config_free(cfg);

    /* an empty file is the defaults */
    cfg = parse_ok("");
    assert_true(mc_config_rule_enabled(cfg, "MC105"));
    mc_config_free(cfg);
    cfg = parse_ok("# only a comment\n");
    assert_int_equal(mc_config_fail_on(cfg), MC_SEV_ERROR);
    mc_config_free(cfg);
}

static void test_sizes(void **state)
{
    static const struct {
        const char *text;
        uint64_t bytes;
    } ok[] = {{"max_file_size: 1000\n", 1000},
              {"max_file_size: 10 MB\n", 10000000},
              {"max_file_size: 3kib\n", 3072},
              {"max_file_size: 1GiB\n", 1ULL << 30},
              {"max_file_size: \"512K\"\n", 512000}};

    (void)state;
    for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
        mc_config *cfg = parse_ok(ok[i].text);
        assert_int_equal(mc_config_max_file_size(cfg), ok[i].bytes);
        mc_config_free(cfg);
    }
    expect_error("max_file_size: 16XB\n", "c.yaml:1:16: invalid max_file_size '16XB'");
    expect_error("max_file_size: 0\n", "c.yaml:1:16: invalid max_file_size");
    expect_error("max_file_size: -5\n", "c.yaml:1:16: invalid max_file_size");
    expect_error("max_file_size: 99999999999999999999999\n", "c.yaml:1:16:");
    expect_error("max_file_size: 5000GiB\n", "c.yaml:1:16:");
}

static void test_errors_have_positions(void **state)
{
    (void)state;
    expect_error("bogus: 1\n", "c.yaml:1:1: unknown key 'bogus'");
    expect_error("select: [MC1]\nignor: [MC105]\n", "c.yaml:2:1: unknown key 'ignor'");
    expect_error("select: MC1\n", "c.yaml:1:9: 'select' must be a list");
    expect_error("ignore:\n  - MC105\n  - MC1x\n",
                 "c.yaml:3:5: unknown rule or rule prefix 'MC1x'");
    expect_error("select: [MC999]\n", "c.yaml:1:10: unknown rule or rule prefix 'MC999'");
    expect_error("select: [\"MC1 01\"]\n", "c.yaml:1:10: invalid rule selector");
    expect_error("select: [[MC1]]\n", "c.yaml:1:10: expected a rule id");
    expect_error("severity: {MC104: loud}\n", "c.yaml:1:19: invalid severity 'loud'");
    expect_error("severity: {MC7: error}\n", "c.yaml:1:12: unknown rule or rule prefix 'MC7'");
    expect_error("severity: [MC104]\n", "c.yaml:1:11: 'severity' must be a mapping");
    expect_error("per_path_ignores: {\"a/../b\": [ALL]}\n", "c.yaml:1:20: invalid glob 'a/../b'");
    expect_error("per_path_ignores:\n  \"v[0-9/*\": [ALL]\n", "c.yaml:2:3: invalid glob");
    expect_error("per_path_ignores:\n  vendor: ALL\n", "c.yaml:2:11: 'per_path_ignores' must be");
    expect_error("per_path_ignores:\n  vendor: [MC8]\n", "c.yaml:2:12: unknown rule");
    expect_error("fail_on: fatal\n", "c.yaml:1:10: invalid fail_on 'fatal'");
    expect_error("fail_on: off\n", "c.yaml:1:10: invalid fail_on");
    expect_error("fail_on:\n", "c.yaml:1:");
    expect_error("min_tier: T9\n", "c.yaml:1:11: invalid min_tier 'T9'");
    expect_error("reports: [../x]\n", "c.yaml:1:11: path '../x' leaves the repository");
    expect_error("reports: [/etc]\n", "c.yaml:1:11: path '/etc' must be relative");
    expect_error("reports: docs\n", "c.yaml:1:10: 'reports' must be a list of paths");
    expect_error("rules_files: [a/../../r.yaml]\n", "c.yaml:1:15: path");
    expect_error("exclude: [\"/abs/**\"]\n", "c.yaml:1:11: invalid glob");
    expect_error("exclude: [\"a**\"]\n", "c.yaml:1:11: invalid glob 'a**': '**' must be");
    expect_error("no_inline_config: maybe\n", "c.yaml:1:19: 'no_inline_config' must be true");
    expect_error("- select\n", "c.yaml:1:1: the configuration must be a mapping");
    expect_error("fail_on: error\nfail_on: note\n", "c.yaml:2:");
    expect_error("select: [MC1\n", "c.yaml:");
    expect_error("extends: base.yaml\n", "c.yaml:1:1: 'extends' needs a configuration");
}

/* Every prefix of a full configuration parses or fails cleanly with a position. */
static void test_truncated(void **state)
{
    const char *text = "select: [MC1, MC201]\nignore: [MC105]\n"
                       "severity: {MC104: note, MC1: warning}\n"
                       "per_path_ignores: {\"vendor/**\": [ALL], \"l/*/R.md\": [MC104]}\n"
                       "fail_on: warning\nmin_tier: T4-1\nreports: [docs/reports]\n"
                       "max_file_size: 2MiB\nexclude: [\"t/**\"]\nno_inline_config: true\n";
    size_t n = strlen(text);

    (void)state;
    for (size_t len = 0; len <= n; len++) {
        mc_config *cfg = NULL;
        int rc = mc_config_parse(&cfg, "t.yaml", "", text, len, tc_rules());
        if (rc == 0) {
            mc_config_free(cfg);
            continue;
        }
        assert_int_equal(rc, MC_EINVALID);
        assert_null(cfg);
        assert_true(strncmp(mc_error_last(), "t.yaml:", 7) == 0);
    }
}

static void test_selection(void **state)
{
    mc_config *cfg;

    (void)state;
    /* a family prefix, and an id ignored inside it */
    cfg = parse_ok("select: [MC1]\nignore: [MC105]\n");
    assert_true(mc_config_rule_enabled(cfg, "MC101"));
    assert_true(mc_config_rule_enabled(cfg, "MC104"));
    assert_false(mc_config_rule_enabled(cfg, "MC105"));
    assert_false(mc_config_rule_enabled(cfg, "MC201"));
    assert_int_equal(mc_config_severity(cfg, "MC201", "x.md"), MC_SEV_NONE);
    mc_config_free(cfg);
    /* the most specific selector wins: a selected id inside an ignored family */
    cfg = parse_ok("select: [ALL, MC104]\nignore: [MC1]\n");
    assert_true(mc_config_rule_enabled(cfg, "MC104"));
    assert_false(mc_config_rule_enabled(cfg, "MC101"));
    assert_true(mc_config_rule_enabled(cfg, "MC201"));
    mc_config_free(cfg);
    /* ALL in both: ignore wins the tie */
    cfg = parse_ok("select: [ALL]\nignore: [ALL]\n");
    assert_false(mc_config_rule_enabled(cfg, "MC101"));
    mc_config_free(cfg);
    /* a rule name selects its id */
    cfg = parse_ok("select: [rule-MC202]\n");
    assert_true(mc_config_rule_enabled(cfg, "MC202"));
    assert_false(mc_config_rule_enabled(cfg, "MC201"));
    mc_config_free(cfg);
    /* empty select: nothing */
    cfg = parse_ok("select: []\n");
    assert_false(mc_config_rule_enabled(cfg, "MC101"));
    mc_config_free(cfg);
    /* a longer prefix */
    cfg = parse_ok("select: [MC10]\n");
    assert_true(mc_config_rule_enabled(cfg, "MC105"));
    assert_false(mc_config_rule_enabled(cfg, "MC201"));
    mc_config_free(cfg);
}

/* The command line over the configuration, in ruff's order: --select replaces select and
 * ignore, --extend-select and --ignore add to them. */
static void test_selection_cli(void **state)
{
    mc_config *cfg;

    (void)state;
    cfg = parse_ok("select: [MC1, MC2]\nignore: [MC105]\n");
    assert_int_equal(mc_config_select_cli(cfg, "MC105", NULL, NULL), 0);
    assert_true(mc_config_rule_enabled(cfg, "MC105")); /* the configuration's ignore is gone */
    assert_false(mc_config_rule_enabled(cfg, "MC101"));
    assert_false(mc_config_rule_enabled(cfg, "MC201"));
    mc_config_free(cfg);
    cfg = parse_ok("select: [MC1]\nignore: [MC105]\n");
    assert_int_equal(mc_config_select_cli(cfg, NULL, "MC101,MC102", "MC2"), 0);
    assert_false(mc_config_rule_enabled(cfg, "MC105")); /* kept */
    assert_false(mc_config_rule_enabled(cfg, "MC101"));
    assert_true(mc_config_rule_enabled(cfg, "MC104"));
    assert_true(mc_config_rule_enabled(cfg, "MC201"));
    mc_config_free(cfg);
    /* a rule the command line names is decided there: --extend-select beats the
     * configuration's ignore, even through a family prefix (as in ruff) */
    cfg = parse_ok("select: [ALL]\nignore: [MC105, MC201]\n");
    assert_int_equal(mc_config_select_cli(cfg, NULL, NULL, "MC1"), 0);
    assert_true(mc_config_rule_enabled(cfg, "MC105"));
    assert_false(mc_config_rule_enabled(cfg, "MC201")); /* not named: the configuration */
    mc_config_free(cfg);
    /* names, an empty item, and errors naming the option */
    cfg = parse_ok("select: [MC1]\n");
    assert_int_equal(mc_config_select_cli(cfg, "rule-MC202,", NULL, NULL), 0);
    assert_true(mc_config_rule_enabled(cfg, "MC202"));
    assert_false(mc_config_rule_enabled(cfg, "MC101"));
    assert_int_equal(mc_config_select_cli(cfg, NULL, "MC999", NULL), MC_EINVALID);
    assert_non_null(strstr(mc_error_last(), "--ignore: unknown rule or rule prefix 'MC999'"));
    assert_int_equal(mc_config_select_cli(cfg, NULL, NULL, "MC1;x"), MC_EINVALID);
    assert_non_null(strstr(mc_error_last(), "--extend-select: invalid rule selector"));
    mc_config_free(cfg);
}

static void test_severity_most_specific(void **state)
{
    mc_config *cfg = parse_ok("severity:\n  ALL: note\n  MC1: error\n  MC104: warning\n"
                              "  MC2: off\n");

    (void)state;
    assert_int_equal(mc_config_severity(cfg, "MC101", "a.md"), MC_SEV_ERROR);
    assert_int_equal(mc_config_severity(cfg, "MC102", "a.md"), MC_SEV_ERROR);
    assert_int_equal(mc_config_severity(cfg, "MC104", "a.md"), MC_SEV_WARNING);
    assert_int_equal(mc_config_severity(cfg, "MC301", "a.md"), MC_SEV_NOTE);
    assert_int_equal(mc_config_severity(cfg, "MC201", "a.md"), MC_SEV_NONE);
    assert_int_equal(mc_config_severity(cfg, "MC301", NULL), MC_SEV_NOTE);
    /* a rule unknown to the catalogue keeps the configured or default severity */
    assert_int_equal(mc_config_severity(cfg, "ZZ001", "a.md"), MC_SEV_NOTE);
    mc_config_free(cfg);
    cfg = parse_ok("severity: {MC3: info}\n");
    assert_int_equal(mc_config_severity(cfg, "MC301", "a.md"), MC_SEV_NOTE);
    assert_int_equal(mc_config_severity(cfg, "ZZ001", "a.md"), MC_SEV_WARNING);
    mc_config_free(cfg);
}

static void test_per_path_globs(void **state)
{
    mc_config *cfg = parse_ok("per_path_ignores:\n"
                              "  \"vendor/**\": [ALL]\n"
                              "  \"legacy/*/README.md\": [MC104]\n"
                              "  \"model-?/**\": [MC2]\n");

    (void)state;
    assert_int_equal(mc_config_severity(cfg, "MC101", "vendor/a/b/README.md"), MC_SEV_NONE);
    assert_int_equal(mc_config_severity(cfg, "MC101", "vendors/README.md"), MC_SEV_ERROR);
    assert_int_equal(mc_config_severity(cfg, "MC104", "legacy/x/README.md"), MC_SEV_NONE);
    assert_int_equal(mc_config_severity(cfg, "MC104", "legacy/x/y/README.md"), MC_SEV_WARNING);
    assert_int_equal(mc_config_severity(cfg, "MC104", "legacy/x/NOTES.md"), MC_SEV_WARNING);
    assert_int_equal(mc_config_severity(cfg, "MC102", "legacy/x/README.md"), MC_SEV_WARNING);
    assert_int_equal(mc_config_severity(cfg, "MC201", "model-a/README.md"), MC_SEV_NONE);
    assert_int_equal(mc_config_severity(cfg, "MC201", "model-ab/README.md"), MC_SEV_WARNING);
    assert_int_equal(mc_config_severity(cfg, "MC101", "model-a/README.md"), MC_SEV_ERROR);
    /* the rule stays enabled: only that path is ignored */
    assert_true(mc_config_rule_enabled(cfg, "MC104"));
    mc_config_free(cfg);
}

static void test_exclude_relative_to_config(void **state)
{
    mc_config *cfg = NULL;
    const char *text = "exclude: [\"third_party/**\", \"*.tmp.md\"]\n"
                       "per_path_ignores: {\"legacy\": [MC1]}\n"
                       "reports: [paper]\n";

    (void)state;
    assert_int_equal(
        mc_config_parse(&cfg, "sub/.mclint.yaml", "sub", text, strlen(text), tc_rules()), 0);
    assert_true(mc_config_excluded(cfg, "sub/third_party/m/README.md"));
    assert_false(mc_config_excluded(cfg, "third_party/m/README.md"));
    assert_true(mc_config_excluded(cfg, "sub/x.tmp.md"));
    assert_false(mc_config_excluded(cfg, "sub/d/x.tmp.md"));
    assert_false(mc_config_excluded(cfg, "sub/x.md"));
    assert_int_equal(mc_config_severity(cfg, "MC101", "sub/legacy/README.md"), MC_SEV_NONE);
    assert_int_equal(mc_config_severity(cfg, "MC101", "legacy/README.md"), MC_SEV_ERROR);
    assert_string_equal(mc_config_report_dir_at(cfg, 0), "sub/paper");
    mc_config_free(cfg);

    /* glob characters in the config's folder name are literal */
    assert_int_equal(
        mc_config_parse(&cfg, "a[1]/.mclint.yaml", "a[1]", text, strlen(text), tc_rules()), 0);
    assert_true(mc_config_excluded(cfg, "a[1]/third_party/README.md"));
    assert_false(mc_config_excluded(cfg, "a1/third_party/README.md"));
    mc_config_free(cfg);
}

static void test_discovery_closest_wins(void **state)
{
    static const mfile files[] = {
        {".mclint.yaml", "ignore: [MC105]\n"},
        {"a/.mclint.yaml", "ignore: [MC104]\n"},
        {"b/.mclint.yml", "fail_on: note\n"},
    };
    mrepo repo = {files, 3, {{0}}, 0};
    mc_config *cfg = NULL;

    (void)state;
    assert_int_equal(discover(&cfg, &repo, "a/b/c"), 0);
    assert_string_equal(mc_config_path(cfg), "a/.mclint.yaml");
    assert_false(mc_config_rule_enabled(cfg, "MC104"));
    assert_true(mc_config_rule_enabled(cfg, "MC105")); /* no implicit merge */
    mc_config_free(cfg);

    assert_int_equal(discover(&cfg, &repo, "x/y"), 0);
    assert_string_equal(mc_config_path(cfg), ".mclint.yaml");
    assert_false(mc_config_rule_enabled(cfg, "MC105"));
    mc_config_free(cfg);

    assert_int_equal(discover(&cfg, &repo, ""), 0);
    assert_string_equal(mc_config_path(cfg), ".mclint.yaml");
    mc_config_free(cfg);

    assert_int_equal(discover(&cfg, &repo, "b"), 0);
    assert_string_equal(mc_config_path(cfg), "b/.mclint.yml");
    assert_int_equal(mc_config_fail_on(cfg), MC_SEV_NOTE);
    mc_config_free(cfg);

    assert_int_equal(discover(&cfg, &repo, "./a/../b/"), 0);
    assert_string_equal(mc_config_path(cfg), "b/.mclint.yml");
    mc_config_free(cfg);
}

static void test_discovery_stops_at_root(void **state)
{
    mrepo repo = {NULL, 0, {{0}}, 0};
    mc_config *cfg = NULL;

    (void)state;
    assert_int_equal(discover(&cfg, &repo, "a/b"), 0);
    assert_null(mc_config_path(cfg)); /* defaults */
    assert_true(mc_config_rule_enabled(cfg, "MC105"));
    mc_config_free(cfg);
    /* a/b, a, root: two names each, and nothing above the root */
    assert_int_equal(repo.nreads, 6);
    assert_string_equal(repo.reads[0], "a/b/.mclint.yaml");
    assert_string_equal(repo.reads[1], "a/b/.mclint.yml");
    assert_string_equal(repo.reads[4], ".mclint.yaml");
    assert_string_equal(repo.reads[5], ".mclint.yml");
    for (size_t i = 0; i < repo.nreads; i++)
        assert_null(strstr(repo.reads[i], ".."));

    assert_int_equal(discover(&cfg, &repo, "../outside"), MC_EINVALID);
    assert_null(cfg);
}

static void test_discovery_error_in_found_file(void **state)
{
    static const mfile files[] = {{"m/.mclint.yaml", "select: [MC1]\nfail_on: panic\n"}};
    mrepo repo = {files, 1, {{0}}, 0};
    mc_config *cfg = NULL;

    (void)state;
    assert_int_equal(discover(&cfg, &repo, "m"), MC_EINVALID);
    assert_string_equal(mc_error_last(),
                        "m/.mclint.yaml:2:10: invalid fail_on 'panic' (expected error, warning "
                        "or note)");
    assert_null(cfg);
}

static void test_extends(void **state)
{
    static const mfile files[] = {
        {"base.mclint.yaml", "ignore: [MC105]\n"
                             "severity: {MC202: error, MC201: note}\n"
                             "fail_on: warning\n"
                             "exclude: [\"gen/**\"]\n"},
        {"a/.mclint.yaml", "extends: ../base.mclint.yaml\n"
                           "ignore: [MC104]\n"
                           "severity: {MC201: error}\n"},
    };
    mrepo repo = {files, 2, {{0}}, 0};
    mc_config *cfg = NULL;

    (void)state;
    assert_int_equal(discover(&cfg, &repo, "a/m"), 0);
    assert_string_equal(mc_config_path(cfg), "a/.mclint.yaml");
    assert_false(mc_config_rule_enabled(cfg, "MC104"));
    assert_true(mc_config_rule_enabled(cfg, "MC105")); /* the child's ignore replaces */
    assert_int_equal(mc_config_severity(cfg, "MC201", "a/m/README.md"), MC_SEV_ERROR);
    assert_int_equal(mc_config_severity(cfg, "MC202", "a/m/README.md"), MC_SEV_ERROR);
    assert_int_equal(mc_config_fail_on(cfg), MC_SEV_WARNING);
    /* the parent's globs are relative to the parent's folder (the root) */
    assert_true(mc_config_excluded(cfg, "gen/README.md"));
    assert_false(mc_config_excluded(cfg, "a/gen/README.md"));
    mc_config_free(cfg);
}

static void test_extends_errors(void **state)
{
    static const mfile escape[] = {{"a/.mclint.yaml", "extends: ../../x.yaml\n"}};
    static const mfile missing[] = {{"a/.mclint.yaml", "select: [ALL]\nextends: base.yaml\n"}};
    static const mfile cycle[] = {{"a/.mclint.yaml", "extends: ../b/.mclint.yaml\n"},
                                  {"b/.mclint.yaml", "extends: ../a/.mclint.yaml\n"}};
    static const mfile bad_parent[] = {{"a/.mclint.yaml", "extends: ../p.yaml\n"},
                                       {"p.yaml", "\nselect: [MC77]\n"}};
    mrepo r1 = {escape, 1, {{0}}, 0}, r2 = {missing, 1, {{0}}, 0}, r3 = {cycle, 2, {{0}}, 0};
    mrepo r4 = {bad_parent, 2, {{0}}, 0};
    mc_config *cfg = NULL;

    (void)state;
    assert_int_equal(discover(&cfg, &r1, "a"), MC_EINVALID);
    assert_string_equal(mc_error_last(),
                        "a/.mclint.yaml:1:1: 'extends' path '../../x.yaml' leaves the repository");
    assert_int_equal(discover(&cfg, &r2, "a"), MC_EINVALID);
    assert_string_equal(mc_error_last(),
                        "a/.mclint.yaml:2:1: 'extends: base.yaml' names 'a/base.yaml' (relative to "
                        "the folder of a/.mclint.yaml), which does not exist");
    assert_int_equal(discover(&cfg, &r3, "a"), MC_EINVALID);
    assert_non_null(strstr(mc_error_last(), "'extends' chain longer than"));
    assert_int_equal(discover(&cfg, &r4, "a"), MC_EINVALID);
    assert_string_equal(mc_error_last(), "p.yaml:2:10: unknown rule or rule prefix 'MC77'");
    assert_null(cfg);
}

static void test_explicit_path_wins(void **state)
{
    static const mfile files[] = {{".mclint.yaml", "ignore: [MC105]\n"}};
    mrepo repo = {files, 1, {{0}}, 0};
    mc_config_io io = {mem_read, &repo, mc_config_fs_read, NULL};
    char *dir = tu_mkdtemp(), path[4096], base[4096];
    mc_config *cfg = NULL;

    (void)state;
    tu_write(dir, "base.yaml", "fail_on: note\nexclude: [\"gen/**\"]\n");
    tu_write(dir, "ci/mclint.yaml", "extends: ../base.yaml\nignore: [MC2]\n");
    snprintf(path, sizeof(path), "%s/ci/mclint.yaml", dir);
    snprintf(base, sizeof(base), "%s/base.yaml", dir);
    assert_int_equal(mc_config_discover_io(&cfg, &io, "m", path, tc_rules()), 0);
    assert_string_equal(mc_config_path(cfg), path);
    assert_true(mc_config_rule_enabled(cfg, "MC105"));
    assert_false(mc_config_rule_enabled(cfg, "MC201"));
    assert_int_equal(mc_config_fail_on(cfg), MC_SEV_NOTE);
    assert_true(mc_config_excluded(cfg, "gen/README.md")); /* relative to the repository */
    mc_config_free(cfg);

    /* the environment, through the public entry point (no source needed) */
    setenv("MCLINT_CONFIG", base, 1);
    assert_int_equal(mc_config_discover(&cfg, NULL, "", NULL, tc_rules()), 0);
    assert_string_equal(mc_config_path(cfg), base);
    assert_int_equal(mc_config_fail_on(cfg), MC_SEV_NOTE);
    mc_config_free(cfg);
    /* --config beats the environment */
    assert_int_equal(mc_config_discover(&cfg, NULL, "", path, tc_rules()), 0);
    assert_string_equal(mc_config_path(cfg), path);
    mc_config_free(cfg);
    unsetenv("MCLINT_CONFIG");

    snprintf(path, sizeof(path), "%s/missing.yaml", dir);
    assert_int_equal(mc_config_discover_io(&cfg, &io, "", path, tc_rules()), MC_ENOTFOUND);
    assert_non_null(strstr(mc_error_last(), "missing.yaml"));
    tu_write(dir, "bad.yaml", "select: [ALL]\nseverity: {MC1: fatal}\n");
    snprintf(path, sizeof(path), "%s/bad.yaml", dir);
    assert_int_equal(mc_config_discover_io(&cfg, &io, "", path, tc_rules()), MC_EINVALID);
    assert_non_null(strstr(mc_error_last(), "bad.yaml:2:17: invalid severity 'fatal'"));
    tu_rmtree(dir);
    free(dir);
}

static void test_rules_files(void **state)
{
    static const mfile files[] = {
        {"team/.mclint.yaml", "rules_files: [rules/extra.yaml]\nselect: [MC1, XX001]\n"},
        {"team/rules/extra.yaml", "family: XX\nrules:\n  - id: XX001\n    name: house-rule\n"
                                  "    severity: note\n    check: none\n    title: t\n"
                                  "    message: m\n    rationale: r\n"},
        {"bad/.mclint.yaml", "select: [ALL]\nrules_files: [nope.yaml]\n"},
    };
    mrepo repo = {files, 3, {{0}}, 0};
    mc_config *cfg = NULL;

    (void)state;
    assert_int_equal(discover(&cfg, &repo, "team"), 0);
    assert_non_null(mc_rules_find(mc_config_rules(cfg), "XX001"));
    assert_non_null(mc_rules_find(mc_config_rules(cfg), "MC101"));
    assert_true(mc_config_rule_enabled(cfg, "XX001"));
    assert_int_equal(mc_config_severity(cfg, "XX001", "team/README.md"), MC_SEV_NOTE);
    assert_string_equal(mc_config_rules_file_at(cfg, 0), "team/rules/extra.yaml");
    mc_config_free(cfg);

    assert_int_equal(discover(&cfg, &repo, "bad"), MC_EINVALID);
    assert_string_equal(mc_error_last(),
                        "bad/.mclint.yaml:2:15: rules file 'bad/nope.yaml' not found");
}

/* Through a real source (a plain directory): the file found is read from the source. */
static void test_discovery_through_source(void **state)
{
    char *dir = tu_mkdtemp();
    mc_source *src = NULL;
    mc_source_options opts = MC_SOURCE_OPTIONS_INIT;
    mc_config *cfg = NULL;

    (void)state;
    unsetenv("MCLINT_CONFIG");
    tu_write(dir, ".mclint.yaml", "ignore: [MC105]\n");
    tu_write(dir, "org/.mclint.yml", "extends: ../.mclint.yaml\nfail_on: note\n");
    tu_write(dir, "org/m/README.md", "# T\n");
    opts.kind = MC_SOURCE_DIR;
    assert_int_equal(mc_source_open(&src, dir, &opts), 0);
    assert_int_equal(mc_config_discover(&cfg, src, "org/m", NULL, tc_rules()), 0);
    assert_string_equal(mc_config_path(cfg), "org/.mclint.yml");
    assert_false(mc_config_rule_enabled(cfg, "MC105"));
    assert_int_equal(mc_config_fail_on(cfg), MC_SEV_NOTE);
    mc_config_free(cfg);
    assert_int_equal(mc_config_discover(&cfg, src, "", NULL, tc_rules()), 0);
    assert_string_equal(mc_config_path(cfg), ".mclint.yaml");
    mc_config_free(cfg);
    mc_source_free(src);
    tu_rmtree(dir);
    free(dir);
}

static void add(mc_report *r, const char *rule, const char *path, unsigned line, mc_severity sev)
{
    mc_finding f = {0};

    f.rule = rule;
    f.name = "n";
    f.title = "t";
    f.severity = sev;
    f.path = path;
    f.span.line = line;
    f.message = "m";
    f.snippet = "some line";
    assert_int_equal(mc_report_add(r, &f), 0);
}

static const mc_finding *find(const mc_report *r, const char *rule, const char *path)
{
    for (size_t i = 0; i < mc_report_count(r); i++) {
        const mc_finding *f = mc_report_at(r, i);
        if (!strcmp(f->rule, rule) && !strcmp(f->path, path))
            return f;
    }
    return NULL;
}

static void test_apply(void **state)
{
    mc_config *cfg = parse_ok("ignore: [MC105]\n"
                              "severity: {MC201: error, MC104: note}\n"
                              "per_path_ignores: {\"vendor/**\": [MC1]}\n"
                              "exclude: [\"third_party\"]\n");
    mc_report *r = NULL;
    char fp[64];

    (void)state;
    assert_int_equal(mc_report_new(&r), 0);
    add(r, "MC101", "m/README.md", 3, MC_SEV_ERROR);
    add(r, "MC105", "m/README.md", 4, MC_SEV_WARNING);
    add(r, "MC104", "m/README.md", 5, MC_SEV_WARNING);
    add(r, "MC201", "m/README.md", 6, MC_SEV_WARNING);
    add(r, "MC101", "vendor/x/README.md", 1, MC_SEV_ERROR);
    add(r, "MC201", "vendor/x/README.md", 1, MC_SEV_WARNING);
    add(r, "MC301", "third_party/y/README.md", 1, MC_SEV_WARNING);
    add(r, "MC102", "m/README.md", 7, MC_SEV_NOTE); /* the check's own severity stays */
    snprintf(fp, sizeof(fp), "%s", find(r, "MC201", "m/README.md")->fingerprint);

    assert_int_equal(mc_config_apply(cfg, r), 0);
    assert_int_equal(mc_report_count(r), 5);
    assert_non_null(find(r, "MC101", "m/README.md"));
    assert_null(find(r, "MC105", "m/README.md"));
    assert_int_equal(find(r, "MC104", "m/README.md")->severity, MC_SEV_NOTE);
    assert_int_equal(find(r, "MC201", "m/README.md")->severity, MC_SEV_ERROR);
    assert_string_equal(find(r, "MC201", "m/README.md")->fingerprint, fp);
    assert_null(find(r, "MC101", "vendor/x/README.md"));
    assert_int_equal(find(r, "MC201", "vendor/x/README.md")->severity, MC_SEV_ERROR);
    assert_null(find(r, "MC301", "third_party/y/README.md"));
    assert_int_equal(find(r, "MC102", "m/README.md")->severity, MC_SEV_NOTE);
    mc_report_free(r);
    mc_config_free(cfg);
}

static void test_show(void **state)
{
    static const mfile files[] = {
        {"base.yaml", "fail_on: warning\nseverity: {MC2: note}\n"},
        {"a/.mclint.yaml", "extends: ../base.yaml\nignore: [MC105]\n"
                           "per_path_ignores: {\"x\\\"y/**\": [ALL]}\nmin_tier: T3\n"},
        {".mclint.yaml", "fail_on: note\n"},
    };
    mrepo repo = {files, 3, {{0}}, 0};
    mc_config *cfg = NULL;
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);

    (void)state;
    assert_int_equal(discover(&cfg, &repo, "a"), 0);
    assert_int_equal(mc_config_show(out, cfg), 0);
    fclose(out);
    assert_non_null(strstr(text, "from \"a/.mclint.yaml\"\n"));
    /* the chain from the root down, the closest one used, and what it extends */
    assert_non_null(strstr(text, "#   \".mclint.yaml\"  (not used: a closer file wins)\n"
                                 "#   \"a/.mclint.yaml\"  (used)\n"
                                 "#   extends \"base.yaml\"\n"));
    assert_non_null(strstr(text, "select: [\"ALL\"]  # default\n"));
    assert_non_null(strstr(text, "ignore: [\"MC105\"]  # \"a/.mclint.yaml\":2\n"));
    assert_non_null(strstr(text, "fail_on: warning  # \"base.yaml\":1\n"));
    assert_non_null(strstr(text, "  \"MC2\": note  # \"base.yaml\":2\n"));
    assert_non_null(strstr(text, "  \"a/x\\\"y/**\": [\"ALL\"]  # \"a/.mclint.yaml\":3\n"));
    assert_non_null(strstr(text, "min_tier: T3  # \"a/.mclint.yaml\":4\n"));
    assert_non_null(strstr(text, "max_file_size: 16777216  # default\n"));
    assert_non_null(strstr(text, "no_inline_config: false  # default\n"));
    free(text);
    mc_config_free(cfg);
}

static int teardown(void **state)
{
    (void)state;
    tc_rules_free();
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_every_key),
        cmocka_unit_test(test_sizes),
        cmocka_unit_test(test_errors_have_positions),
        cmocka_unit_test(test_truncated),
        cmocka_unit_test(test_selection),
        cmocka_unit_test(test_selection_cli),
        cmocka_unit_test(test_severity_most_specific),
        cmocka_unit_test(test_per_path_globs),
        cmocka_unit_test(test_exclude_relative_to_config),
        cmocka_unit_test(test_discovery_closest_wins),
        cmocka_unit_test(test_discovery_stops_at_root),
        cmocka_unit_test(test_discovery_error_in_found_file),
        cmocka_unit_test(test_extends),
        cmocka_unit_test(test_extends_errors),
        cmocka_unit_test(test_explicit_path_wins),
        cmocka_unit_test(test_rules_files),
        cmocka_unit_test(test_discovery_through_source),
        cmocka_unit_test(test_apply),
        cmocka_unit_test(test_show),
    };
    return cmocka_run_group_tests(tests, NULL, teardown);
}
