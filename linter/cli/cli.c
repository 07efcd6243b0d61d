/* mclint's command line: options (a table that also prints the help), the sub-commands
 * `rules` and `explain`, outputs and exit codes. */
#include "cli/cli.h"
#include "cli/explain.h"

#include "mclint/config.h"
#include "mclint/lint.h"
#include "mclint/output.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef enum {
    O_HELP,
    O_VERSION,
    O_STAGED,
    O_REV,
    O_CHANGED,
    O_FORMAT,
    O_SARIF,
    O_JSON,
    O_GITLAB,
    O_SUMMARY,
    O_CONFIG,
    O_NO_INLINE,
    O_SHOW_CONFIG,
    O_LIST_FILES,
    O_FAIL_ON,
    O_EXIT_ZERO,
    O_BASELINE,
    O_WRITE_BASELINE,
    O_PRUNE_BASELINE,
    O_MIN_TIER,
    O_JOBS,
    O_SHARD,
    O_NO_EVIDENCE,
    O_COLOR,
    O_QUIET,
    O_MAX_SIZE,
    O_NO_SOURCE
} opt_id;

static const struct {
    opt_id id;
    const char *name;
    const char *arg; /* NULL: a flag */
    const char *help;
} options[] = {
    {O_STAGED, "--staged", NULL, "lint what is staged in the index (for pre-commit)"},
    {O_REV, "--rev", "REV", "lint the tree of a commit without checking it out"},
    {O_CHANGED, "--changed-since", "BASE",
     "only model folders changed since the merge base with BASE"},
    {O_FORMAT, "--format", "FORMAT",
     "auto, text, json, jsonl, github, sarif, gitlab or rdjsonl (default auto; env "
     "MCLINT_FORMAT)"},
    {O_SARIF, "--sarif", "FILE", "also write SARIF 2.1.0 to FILE"},
    {O_JSON, "--json", "FILE", "also write the JSON report to FILE"},
    {O_GITLAB, "--gitlab", "FILE", "also write a GitLab Code Quality report to FILE"},
    {O_SUMMARY, "--summary", "FILE",
     "write the Markdown summary to FILE (default: $GITHUB_STEP_SUMMARY when set)"},
    {O_CONFIG, "--config", "FILE", "use this configuration (default: closest .mclint.yaml)"},
    {O_NO_INLINE, "--no-inline-config", NULL, "ignore <!-- mclint-... --> comments"},
    {O_SHOW_CONFIG, "--show-config", NULL, "print the effective configuration and exit"},
    {O_LIST_FILES, "--list-files", NULL,
     "print the files a run would read (cards, reports, evidence) and exit"},
    {O_FAIL_ON, "--fail-on", "LEVEL", "exit 1 on findings at or above error, warning or note"},
    {O_EXIT_ZERO, "--exit-zero", NULL, "exit 0 even with findings (errors still exit 2)"},
    {O_BASELINE, "--baseline", "FILE", "report only findings not recorded in FILE"},
    {O_WRITE_BASELINE, "--write-baseline", "FILE", "record today's findings in FILE"},
    {O_PRUNE_BASELINE, "--prune-baseline", "FILE",
     "rewrite FILE without its stale entries (FILE is the baseline unless --baseline)"},
    {O_MIN_TIER, "--min-tier", "TIER", "policy: models below this T-Class tier are a finding"},
    {O_JOBS, "--jobs", "N", "worker threads (default: the number of processors)"},
    {O_SHARD, "--shard", "I/N", "lint only shard I of N (0-based) of the model folders"},
    {O_NO_EVIDENCE, "--no-evidence", NULL, "do not read config, tokenizer and other files"},
    {O_COLOR, "--color", "WHEN", "auto, always or never (NO_COLOR is honoured)"},
    {O_QUIET, "--quiet", NULL, "text: no per-model summary"},
    {O_NO_SOURCE, "--no-source", NULL, "text: do not print source lines"},
    {O_MAX_SIZE, "--max-file-size", "BYTES", "skip larger files with a finding"},
    {O_HELP, "--help", NULL, "show this help"},
    {O_VERSION, "--version", NULL, "show the version"},
};

static void usage(FILE *out)
{
    fprintf(out, "usage: mclint [options] [path ...]\n"
                 "       mclint rules\n"
                 "       mclint explain RULE\n\n"
                 "Lints model cards and technical reports for provenance: walks the repository\n"
                 "containing each path (default: .), reads every model card with the files\n"
                 "beside it, and reports findings. Exit: 0 clean, 1 findings, 2 error.\n\n"
                 "options:\n");
    for (size_t i = 0; i < sizeof(options) / sizeof(options[0]); i++) {
        char left[48];
        snprintf(left, sizeof(left), "%s%s%s", options[i].name, options[i].arg ? " " : "",
                 options[i].arg ? options[i].arg : "");
        fprintf(out, "  %-26s %s\n", left, options[i].help);
    }
    fprintf(out, "\nenvironment: MCLINT_OPTS (extra options), MCLINT_FORMAT, MCLINT_CONFIG, "
                 "NO_COLOR\n");
}

typedef struct {
    mc_lint_options lint;
    const char **paths;
    size_t npaths;
    const char *format;
    const char *sarif, *json, *gitlab, *summary;
    const char *baseline, *write_baseline, *prune_baseline;
    const char *fail_on;
    const char *color;
    int exit_zero, show_config, list_files, quiet, no_source;
} cli_args;

static int bad_usage(const char *fmt, const char *arg) MC_PRINTF(1, 0);
static int bad_usage(const char *fmt, const char *arg)
{
    /* through mc_error_set, which escapes the quoted argument like every message */
    mc_error_set(MC_EINVALID, fmt, arg);
    fprintf(stderr, "mclint: %s\nTry 'mclint --help'.\n", mc_error_last());
    return MC_EXIT_USAGE;
}

/* A number option's value: decimal digits only (no sign, no white space, no "0x"), not
 * over `max`. strtoul would take " 4", "+4" and "-1" (as ULONG_MAX). */
static int parse_uint(const char *s, unsigned long max, unsigned long *out)
{
    unsigned long v = 0;

    if (s == NULL || *s == '\0')
        return -1;
    for (; *s; s++) {
        unsigned d = (unsigned)(*s - '0');

        if (*s < '0' || *s > '9' || d > max || v > (max - d) / 10)
            return -1;
        v = v * 10 + d;
    }
    *out = v;
    return 0;
}

/* Returns -1 to continue, or an exit code. */
static int parse_args(cli_args *a, int argc, char **argv)
{
    int only_paths = 0;

    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i], *val = NULL;
        size_t k, n = sizeof(options) / sizeof(options[0]);
        const char *eq;

        if (only_paths || arg[0] != '-' || strcmp(arg, "-") == 0) {
            a->paths[a->npaths++] = arg;
            continue;
        }
        if (strcmp(arg, "--") == 0) {
            only_paths = 1;
            continue;
        }
        eq = strchr(arg, '=');
        for (k = 0; k < n; k++) {
            size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
            if (strlen(options[k].name) == len && strncmp(options[k].name, arg, len) == 0)
                break;
        }
        if (k == n)
            return bad_usage("unknown option '%s'", arg);
        if (options[k].arg) {
            if (eq)
                val = eq + 1;
            else if (i + 1 < argc)
                val = argv[++i];
            else
                return bad_usage("option '%s' needs a value", options[k].name);
        } else if (eq) {
            return bad_usage("option '%s' takes no value", options[k].name);
        }
        switch (options[k].id) {
        case O_HELP:
            usage(stdout);
            return MC_EXIT_OK;
        case O_VERSION:
            printf("mclint %s\n", MCLINT_VERSION);
            return MC_EXIT_OK;
        case O_STAGED:
            a->lint.kind = MC_SOURCE_INDEX;
            break;
        case O_REV:
            a->lint.kind = MC_SOURCE_REV;
            a->lint.rev = val;
            break;
        case O_CHANGED:
            a->lint.changed_since = val;
            break;
        case O_FORMAT:
            a->format = val;
            break;
        case O_SARIF:
            a->sarif = val;
            break;
        case O_JSON:
            a->json = val;
            break;
        case O_GITLAB:
            a->gitlab = val;
            break;
        case O_SUMMARY:
            a->summary = val;
            break;
        case O_CONFIG:
            a->lint.config_path = val;
            break;
        case O_NO_INLINE:
            a->lint.no_inline_config = true;
            break;
        case O_SHOW_CONFIG:
            a->show_config = 1;
            break;
        case O_LIST_FILES:
            a->list_files = 1;
            break;
        case O_FAIL_ON:
            if (mc_severity_parse(val) == MC_SEV_NONE)
                return bad_usage("--fail-on takes error, warning or note, not '%s'", val);
            a->fail_on = val;
            break;
        case O_EXIT_ZERO:
            a->exit_zero = 1;
            break;
        case O_BASELINE:
            a->baseline = val;
            break;
        case O_WRITE_BASELINE:
            a->write_baseline = val;
            break;
        case O_PRUNE_BASELINE:
            a->prune_baseline = val;
            break;
        case O_MIN_TIER:
            a->lint.min_tier = mc_config_tier_name(val);
            if (a->lint.min_tier == NULL)
                return bad_usage("--min-tier takes T0..T6, T4-1 or T4-2, not '%s'", val);
            break;
        case O_JOBS: {
            unsigned long jobs;
            if (parse_uint(val, 8, &jobs) < 0 || jobs == 0)
                return bad_usage("--jobs takes a number from 1 to 8, not '%s'", val);
            a->lint.jobs = (unsigned)jobs;
            break;
        }
        case O_SHARD: {
            unsigned long si, sn;
            const char *slash = strchr(val, '/');
            char first[32];
            if (slash == NULL || (size_t)(slash - val) >= sizeof(first))
                return bad_usage("--shard takes I/N, not '%s'", val);
            memcpy(first, val, (size_t)(slash - val));
            first[slash - val] = '\0';
            if (parse_uint(first, 100000, &si) < 0 || parse_uint(slash + 1, 100000, &sn) < 0 ||
                sn == 0 || si >= sn)
                return bad_usage("--shard takes I/N with 0 <= I < N, not '%s'", val);
            a->lint.shard_index = (unsigned)si;
            a->lint.shard_count = (unsigned)sn;
            break;
        }
        case O_NO_EVIDENCE:
            a->lint.no_evidence = true;
            break;
        case O_COLOR:
            if (strcmp(val, "auto") && strcmp(val, "always") && strcmp(val, "never"))
                return bad_usage("--color takes auto, always or never, not '%s'", val);
            a->color = val;
            break;
        case O_QUIET:
            a->quiet = 1;
            break;
        case O_NO_SOURCE:
            a->no_source = 1;
            break;
        case O_MAX_SIZE: {
            unsigned long bytes;
            if (parse_uint(val, SIZE_MAX < ULONG_MAX ? SIZE_MAX : ULONG_MAX, &bytes) < 0 ||
                bytes == 0)
                return bad_usage("--max-file-size takes a number of bytes, not '%s'", val);
            a->lint.max_file_size = bytes;
            break;
        }
        }
    }
    return -1;
}

/* Opens a file mclint writes (a report, the summary, a baseline) without following a
 * symbolic link at its path: a link committed where an output goes (mclint.sarif ->
 * ~/.bashrc) is refused, not written through. O_NONBLOCK keeps a FIFO there from blocking
 * the run; anything but a regular file or a character device (/dev/null) is refused. */
static FILE *open_output(const char *path, bool append)
{
    int flags = O_WRONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC;
    int fd, fl;
    struct stat st;
    FILE *f;

    fd = open(path, flags | (append ? O_APPEND : 0), 0666);
    if (fd < 0) {
        if (errno == ELOOP)
            fprintf(stderr, "mclint: %s: is a symbolic link: refusing to write through it\n", path);
        else
            fprintf(stderr, "mclint: %s: %s\n", path, strerror(errno));
        return NULL;
    }
    if (fstat(fd, &st) != 0 || !(S_ISREG(st.st_mode) || S_ISCHR(st.st_mode))) {
        fprintf(stderr, "mclint: %s: not a regular file: refusing to write to it\n", path);
        close(fd);
        return NULL;
    }
    /* truncate only now that the file is known to be the one named */
    if ((!append && S_ISREG(st.st_mode) && ftruncate(fd, 0) != 0) ||
        (fl = fcntl(fd, F_GETFL)) < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) < 0 ||
        (f = fdopen(fd, append ? "a" : "w")) == NULL) {
        fprintf(stderr, "mclint: %s: %s\n", path, strerror(errno));
        close(fd);
        return NULL;
    }
    return f;
}

static int write_file(const char *path, mc_format f, const mc_report *r, const mc_output_options *o)
{
    FILE *out = open_output(path, false);
    int rc;

    if (out == NULL)
        return -1;
    rc = mc_output_write(out, f, r, o);
    if (fclose(out) != 0 || rc < 0) {
        fprintf(stderr, "mclint: %s: could not write\n", path);
        return -1;
    }
    return 0;
}

static int write_summary(const char *path, const mc_report *r, const mc_output_options *o)
{
    FILE *out = open_output(path, true);
    int rc;

    if (out == NULL)
        return -1;
    rc = mc_output_step_summary(out, r, o);
    if (fclose(out) != 0 || rc < 0) {
        fprintf(stderr, "mclint: %s: could not write\n", path);
        return -1;
    }
    return 0;
}

/* MCLINT_OPTS: extra options split on white space, placed before the command line's. */
static char **with_env_opts(int *argc, char **argv, char **storage)
{
    const char *env = getenv("MCLINT_OPTS");
    char **out;
    int n = 0, cap;
    char *copy, *tok, *save = NULL;

    *storage = NULL;
    if (env == NULL || *env == '\0')
        return NULL;
    copy = strdup(env);
    cap = *argc + (int)strlen(env) / 2 + 2;
    out = calloc((size_t)cap, sizeof(char *));
    if (copy == NULL || out == NULL) {
        free(copy);
        free(out);
        return NULL;
    }
    for (tok = strtok_r(copy, " \t\n", &save); tok; tok = strtok_r(NULL, " \t\n", &save))
        out[n++] = tok;
    for (int i = 0; i < *argc; i++)
        out[n++] = argv[i];
    *argc = n;
    *storage = copy;
    return out;
}

static int stream_part(mc_report *part, void *payload)
{
    return mc_output_stream_part(payload, part);
}

/* Lint and write card by card; the exit status as for a whole report. */
static int run_streamed(mc_linter *linter, mc_format fmt, const mc_output_options *oo)
{
    mc_output_stream *out = NULL;
    size_t files = 0;
    int rc;

    if (mc_output_stream_open(&out, stdout, fmt, oo) < 0) {
        fprintf(stderr, "mclint: %s\n", mc_error_last());
        return -1;
    }
    rc = mc_linter_run_each(linter, stream_part, out, &files);
    if (rc < 0) {
        fprintf(stderr, "mclint: %s\n", mc_error_last());
        mc_output_stream_close(out, files);
        return -1;
    }
    if (mc_output_stream_close(out, files) < 0) {
        fprintf(stderr, "mclint: could not write the output\n");
        return -1;
    }
    return 0;
}

/* After a run with a baseline: the note about its stale entries, and --prune-baseline. */
static int baseline_epilogue(const cli_args *a, const mc_linter *linter)
{
    const mc_baseline *bl = mc_linter_baseline(linter);
    FILE *out;
    int rc;

    if (bl == NULL)
        return 0;
    if (!a->prune_baseline) {
        fflush(stdout);
        mc_baseline_write_stale(stderr, bl, a->lint.baseline, 20);
        return 0;
    }
    if ((out = open_output(a->prune_baseline, false)) == NULL)
        return -1;
    rc = mc_baseline_write_pruned(out, bl);
    if (fclose(out) != 0 || rc < 0) {
        fprintf(stderr, "mclint: %s: could not write the baseline\n", a->prune_baseline);
        return -1;
    }
    if (mc_baseline_stale_count(bl) > 0)
        fprintf(stderr, "mclint: note: %zu stale baseline %s pruned\n", mc_baseline_stale_count(bl),
                mc_baseline_stale_count(bl) == 1 ? "entry" : "entries");
    return 0;
}

int mc_cli_main(int argc, char **argv)
{
    cli_args a;
    const char *paths_buf[1024];
    const char **paths = paths_buf;
    mc_linter *linter = NULL;
    mc_report *report = NULL;
    mc_output_options oo = MC_OUTPUT_OPTIONS_INIT;
    int fmt, rc, exit_code = MC_EXIT_USAGE;
    char *env_storage = NULL, **env_argv;
    const char *summary;

    argc--;
    argv++;
    if (argc >= 1 && strcmp(argv[0], "rules") == 0)
        return mc_cli_rules(argc - 1, argv + 1);
    if (argc >= 1 && strcmp(argv[0], "explain") == 0)
        return mc_cli_explain(argc - 1, argv + 1);
    env_argv = with_env_opts(&argc, argv, &env_storage);
    if (env_argv)
        argv = env_argv;
    memset(&a, 0, sizeof(a));
    a.lint = (mc_lint_options)MC_LINT_OPTIONS_INIT;
    if ((size_t)argc > sizeof(paths_buf) / sizeof(paths_buf[0]))
        paths = calloc((size_t)argc, sizeof(char *));
    if (paths == NULL)
        goto done;
    a.paths = paths;
    if ((rc = parse_args(&a, argc, argv)) >= 0) {
        exit_code = rc;
        goto done;
    }
    a.lint.paths = a.paths;
    a.lint.npaths = a.npaths;
    a.lint.baseline = a.baseline ? a.baseline : a.prune_baseline;
    a.lint.fail_on = a.fail_on ? mc_severity_parse(a.fail_on) : MC_SEV_NONE;
    if (a.format == NULL)
        a.format = getenv("MCLINT_FORMAT");
    fmt = mc_format_parse(a.format ? a.format : "auto");
    if (fmt < 0) {
        exit_code = bad_usage("unknown format '%s'", a.format);
        goto done;
    }
    fmt = mc_format_resolve((mc_format)fmt);
    if (mc_linter_open(&linter, &a.lint) < 0) {
        fprintf(stderr, "mclint: %s\n", mc_error_last());
        goto done;
    }
    if (a.show_config) {
        exit_code = mc_config_show(stdout, mc_linter_config(linter)) < 0 ? MC_EXIT_USAGE : 0;
        goto done;
    }
    if (a.list_files) {
        if (mc_linter_list_files(linter, stdout) < 0) {
            fprintf(stderr, "mclint: %s\n", mc_error_last());
            goto done;
        }
        exit_code = MC_EXIT_OK;
        goto done;
    }
    oo.rules = mc_linter_rules(linter);
    oo.summary = !a.quiet;
    oo.show_source = !a.no_source;
    oo.color = a.color ? strcmp(a.color, "always") == 0
                       : (isatty(STDOUT_FILENO) && !(getenv("NO_COLOR") && *getenv("NO_COLOR")));
    summary = a.summary ? a.summary : getenv("GITHUB_STEP_SUMMARY");
    if (mc_output_streams((mc_format)fmt) && !a.write_baseline && !a.sarif && !a.json &&
        !a.gitlab && !(summary && *summary)) {
        /* nothing needs the whole report: write each card's part as it is done */
        if (run_streamed(linter, (mc_format)fmt, &oo) < 0 || baseline_epilogue(&a, linter) < 0)
            goto done;
        exit_code = !a.exit_zero && mc_linter_failed(linter) ? MC_EXIT_FINDINGS : MC_EXIT_OK;
        goto done;
    }
    if (mc_linter_run(linter, &report) < 0) {
        fprintf(stderr, "mclint: %s\n", mc_error_last());
        goto done;
    }
    if (a.write_baseline) {
        FILE *out = open_output(a.write_baseline, false);
        if (out == NULL)
            goto done;
        if (mc_baseline_write(out, report) < 0) {
            fclose(out);
            fprintf(stderr, "mclint: %s: could not write the baseline\n", a.write_baseline);
            goto done;
        }
        if (fclose(out) != 0) {
            fprintf(stderr, "mclint: %s: could not write the baseline\n", a.write_baseline);
            goto done;
        }
    }
    if (mc_output_write(stdout, (mc_format)fmt, report, &oo) < 0 || fflush(stdout) != 0) {
        fprintf(stderr, "mclint: could not write the output\n");
        goto done;
    }
    oo.color = false;
    if ((a.sarif && write_file(a.sarif, MC_FORMAT_SARIF, report, &oo) < 0) ||
        (a.json && write_file(a.json, MC_FORMAT_JSON, report, &oo) < 0) ||
        (a.gitlab && write_file(a.gitlab, MC_FORMAT_GITLAB, report, &oo) < 0))
        goto done;
    if (summary && *summary && write_summary(summary, report, &oo) < 0)
        goto done;
    if (baseline_epilogue(&a, linter) < 0)
        goto done;
    exit_code = !a.exit_zero && mc_linter_failed(linter) ? MC_EXIT_FINDINGS : MC_EXIT_OK;
done:
    mc_report_free(report);
    mc_linter_free(linter);
    if (paths != paths_buf)
        free(paths);
    free(env_argv);
    free(env_storage);
    return exit_code;
}
