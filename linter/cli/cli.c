/* mclint's command line: options (a table that also prints the help), the sub-commands
 * `rules` and `explain`, outputs and exit codes. */
#include "cli/cli.h"
#include "cli/explain.h"

#include "mclint/config.h"
#include "mclint/fix.h"
#include "mclint/lint.h"
#include "mclint/output.h"

#include <cjson/cJSON.h>

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
    O_SARIF_CATEGORY,
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
    O_NO_SOURCE,
    O_SILENT,
    O_SELECT,
    O_IGNORE,
    O_EXTEND_SELECT,
    O_STATISTICS,
    O_OUTPUT_FILE,
    O_STDIN_FILENAME,
    O_FIX,
    O_DIFF,
    O_LIST_FORMATS,
    O_STRICT_PATHS
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
    {O_FORMAT, "--format", "FORMAT", "the output format, below (default auto; env MCLINT_FORMAT)"},
    {O_LIST_FORMATS, "--list-formats", NULL,
     "print the formats (name, streamed or whole, description) and exit"},
    {O_OUTPUT_FILE, "--output-file", "FILE", "write the output to FILE instead of stdout"},
    {O_SARIF, "--sarif", "FILE", "also write SARIF 2.1.0 to FILE"},
    {O_SARIF_CATEGORY, "--sarif-category", "CAT",
     "SARIF automationDetails.id CAT/ (keeps uploads of several runs apart)"},
    {O_JSON, "--json", "FILE", "also write the JSON report to FILE"},
    {O_GITLAB, "--gitlab", "FILE", "also write a GitLab Code Quality report to FILE"},
    {O_SUMMARY, "--summary", "FILE",
     "write the Markdown summary to FILE (default: $GITHUB_STEP_SUMMARY when set)"},
    {O_CONFIG, "--config", "FILE", "use this configuration (default: closest .mclint.yaml)"},
    {O_SELECT, "--select", "RULES",
     "run only these rules (ids, names, prefixes or ALL, comma-separated); replaces the "
     "configuration's select and ignore"},
    {O_EXTEND_SELECT, "--extend-select", "RULES", "run these rules as well"},
    {O_IGNORE, "--ignore", "RULES", "do not run these rules (added to the configuration's)"},
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
    {O_STDIN_FILENAME, "--stdin-filename", "PATH",
     "with the path '-': lint the card read from stdin as if it were at PATH"},
    {O_FIX, "--fix", NULL,
     "rewrite front-matter values the Hub spells otherwise (licence ids, relations)"},
    {O_DIFF, "--diff", NULL, "print what --fix would change as a unified diff; change nothing"},
    {O_STATISTICS, "--statistics", NULL, "print the number of findings per rule instead"},
    {O_COLOR, "--color", "WHEN", "auto, always or never (NO_COLOR, FORCE_COLOR are honoured)"},
    {O_QUIET, "--quiet", NULL, "text: no per-model summary"},
    {O_SILENT, "--silent", NULL, "print nothing; the exit status says it all"},
    {O_NO_SOURCE, "--no-source", NULL, "text: do not print source lines"},
    {O_MAX_SIZE, "--max-file-size", "BYTES", "skip larger files with a finding"},
    {O_STRICT_PATHS, "--strict-paths", NULL,
     "exit 2 when a path yields no model card or a named file is not linted"},
    {O_HELP, "--help", NULL, "show this help"},
    {O_VERSION, "--version", NULL, "show the version"},
};

/* The short forms ruff users type. */
static const struct {
    char c;
    opt_id id;
} shorts[] = {{'h', O_HELP},   {'V', O_VERSION},     {'q', O_QUIET},
              {'s', O_SILENT}, {'o', O_OUTPUT_FILE}, {'e', O_EXIT_ZERO}};

static char short_of(opt_id id)
{
    for (size_t i = 0; i < sizeof(shorts) / sizeof(shorts[0]); i++)
        if (shorts[i].id == id)
            return shorts[i].c;
    return '\0';
}

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
        fprintf(out, "  %-26s %s", left, options[i].help);
        if (short_of(options[i].id))
            fprintf(out, " (-%c)", short_of(options[i].id));
        fputc('\n', out);
    }
    fprintf(out, "\nformats:\n");
    {
        const char *name, *help;
        bool streams;
        for (size_t i = 0; mc_format_list(i, &name, &help, &streams); i++)
            fprintf(out, "  %-10s %s\n", name, help);
    }
    fprintf(out, "\nenvironment: MCLINT_OPTS (extra options), MCLINT_FORMAT, MCLINT_CONFIG, "
                 "NO_COLOR, FORCE_COLOR,\n  MCLINT_RULES_URL and MCLINT_INFORMATION_URI (SARIF "
                 "links)\n");
}

typedef struct {
    mc_lint_options lint;
    const char **paths;
    size_t npaths;
    const char *format;
    const char *sarif, *json, *gitlab, *summary;
    const char *sarif_category;
    const char *baseline, *write_baseline, *prune_baseline;
    const char *fail_on;
    const char *color;
    const char *output_file, *stdin_filename;
    char *select, *ignore, *extend_select; /* joined with ',' when given more than once */
    int exit_zero, show_config, list_files, quiet, no_source, silent, statistics, fix, diff,
        strict_paths;
} cli_args;

/* Another --select/--ignore/--extend-select: the lists add up, as ruff's do. */
static int add_list(char **list, const char *val)
{
    size_t n = *list ? strlen(*list) : 0, m = strlen(val);
    char *s = realloc(*list, n + m + 2);

    if (s == NULL)
        return -1;
    if (n)
        s[n++] = ',';
    memcpy(s + n, val, m + 1);
    *list = s;
    return 0;
}

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
        eq = arg[1] == '-' ? strchr(arg, '=') : NULL;
        for (k = 0; k < n; k++) {
            size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
            if (arg[1] != '-'
                    ? arg[2] == '\0' && short_of(options[k].id) == arg[1]
                    : strlen(options[k].name) == len && strncmp(options[k].name, arg, len) == 0)
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
        case O_LIST_FORMATS: {
            const char *name, *help;
            bool streams;
            for (size_t f = 0; mc_format_list(f, &name, &help, &streams); f++)
                printf("%s\t%s\t%s\n", name,
                       streams                     ? "streamed"
                       : strcmp(name, "auto") == 0 ? "-"
                                                   : "whole",
                       help);
            return MC_EXIT_OK;
        }
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
        case O_SARIF_CATEGORY:
            a->sarif_category = val;
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
        case O_STRICT_PATHS:
            a->strict_paths = 1;
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
        case O_SILENT:
            a->silent = 1;
            break;
        case O_SELECT:
        case O_IGNORE:
        case O_EXTEND_SELECT: {
            char **list = options[k].id == O_SELECT   ? &a->select
                          : options[k].id == O_IGNORE ? &a->ignore
                                                      : &a->extend_select;
            if (add_list(list, val) < 0)
                return bad_usage("%s", "out of memory");
            break;
        }
        case O_STATISTICS:
            a->statistics = 1;
            break;
        case O_OUTPUT_FILE:
            a->output_file = val;
            break;
        case O_STDIN_FILENAME:
            if (*val == '\0')
                return bad_usage("--stdin-filename takes a path%s", "");
            a->stdin_filename = val;
            break;
        case O_FIX:
            a->fix = 1;
            break;
        case O_DIFF:
            a->diff = 1;
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

/* --statistics: the number of findings per rule, most frequent first (ruff's layout). */
typedef struct {
    const char *rule, *name, *title;
    size_t count;
} rule_count;

static int cmp_count(const void *a, const void *b)
{
    const rule_count *x = a, *y = b;

    if (x->count != y->count)
        return x->count < y->count ? 1 : -1;
    return strcmp(x->rule, y->rule);
}

/* Text without control bytes (each becomes '?'). */
static void put_plain(FILE *out, const char *s)
{
    for (; *s; s++)
        fputc((unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s, out);
}

static int write_statistics(FILE *out, const mc_report *r, mc_format fmt)
{
    size_t n = 0, total = mc_report_count(r);
    rule_count *v = calloc(total ? total : 1, sizeof(*v));
    int rc = 0;

    if (v == NULL)
        return -1;
    for (size_t i = 0; i < total; i++) {
        const mc_finding *f = mc_report_at(r, i);
        size_t k = 0;
        while (k < n && strcmp(v[k].rule, f->rule) != 0)
            k++;
        if (k == n) {
            v[n].rule = f->rule;
            v[n].name = f->name ? f->name : "";
            v[n].title = f->title ? f->title : "";
            n++;
        }
        v[k].count++;
    }
    qsort(v, n, sizeof(*v), cmp_count);
    if (fmt == MC_FORMAT_JSON) {
        cJSON *arr = cJSON_CreateArray();
        char *txt;
        for (size_t i = 0; arr && i < n; i++) {
            cJSON *o = cJSON_CreateObject();
            if (o == NULL || !cJSON_AddItemToArray(arr, o) ||
                !cJSON_AddStringToObject(o, "code", v[i].rule) ||
                !cJSON_AddStringToObject(o, "name", v[i].name) ||
                !cJSON_AddNumberToObject(o, "count", (double)v[i].count)) {
                cJSON_Delete(arr);
                arr = NULL;
            }
        }
        txt = arr ? cJSON_PrintUnformatted(arr) : NULL;
        if (txt == NULL)
            rc = -1;
        else
            fprintf(out, "%s\n", txt);
        free(txt);
        cJSON_Delete(arr);
    } else {
        int width = 1; /* of the largest count, the first */
        for (size_t c = n ? v[0].count : 0; c >= 10; c /= 10)
            width++;
        for (size_t i = 0; i < n; i++) {
            /* rule texts may come from a repository's rules files: no control bytes */
            fprintf(out, "%*zu\t", width, v[i].count);
            put_plain(out, v[i].rule);
            fputc('\t', out);
            put_plain(out, v[i].title);
            fputc('\n', out);
        }
    }
    if (fflush(out) != 0 || ferror(out))
        rc = -1;
    free(v);
    return rc;
}

/* The card on stdin, whole (at most `max` bytes). */
static char *read_stdin(size_t max, size_t *len)
{
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap + 1);

    while (buf) {
        size_t got;
        if (n == cap) {
            char *b2 = cap >= max ? NULL : realloc(buf, (cap *= 2) + 1);
            if (b2 == NULL) {
                fprintf(stderr, "mclint: stdin: %s\n",
                        cap >= max ? "larger than the size limit" : "out of memory");
                free(buf);
                return NULL;
            }
            buf = b2;
        }
        got = fread(buf + n, 1, cap - n, stdin);
        n += got;
        if (got == 0) {
            if (ferror(stdin)) {
                fprintf(stderr, "mclint: stdin: could not read\n");
                free(buf);
                return NULL;
            }
            break;
        }
    }
    if (buf == NULL) {
        fprintf(stderr, "mclint: out of memory\n");
        return NULL;
    }
    if (n > max) {
        fprintf(stderr, "mclint: stdin: larger than the size limit\n");
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* Replace the card at `path` with `data`: a temporary file in the same folder, renamed
 * over it, so that a reader never sees half a card; a symbolic link is never written
 * through (it is refused), and the file keeps its permissions. */
static int write_card_atomic(const char *path, const char *data, size_t len)
{
    size_t dl = strlen(path);
    char *tmp = malloc(dl + 32);
    struct stat st;
    int fd = -1, rc = -1;

    while (dl > 0 && path[dl - 1] != '/')
        dl--;
    if (tmp == NULL)
        goto done;
    snprintf(tmp, dl + 32, "%.*s.mclint-fix-XXXXXX", (int)dl, path);
    if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
        fprintf(stderr, "mclint: %s: not a regular file: not fixed\n", path);
        goto done;
    }
    if ((fd = mkstemp(tmp)) < 0) {
        fprintf(stderr, "mclint: %s: %s\n", path, strerror(errno));
        goto done;
    }
    {
        size_t off = 0;
        while (off < len) {
            ssize_t w = write(fd, data + off, len - off);
            if (w <= 0)
                break;
            off += (size_t)w;
        }
        if (off != len || fchmod(fd, st.st_mode & 07777) != 0 || fsync(fd) != 0 || close(fd) != 0) {
            fprintf(stderr, "mclint: %s: could not write the fixed card\n", path);
            fd = -1;
            unlink(tmp);
            goto done;
        }
        fd = -1;
    }
    if (rename(tmp, path) != 0) {
        fprintf(stderr, "mclint: %s: %s\n", path, strerror(errno));
        unlink(tmp);
        goto done;
    }
    rc = 0;
done:
    if (fd >= 0) {
        close(fd);
        unlink(tmp);
    }
    free(tmp);
    return rc;
}

/* A fix is made where the run reports its finding: the findings of one card. */
typedef struct {
    const mc_report *report;
    const char *card; /* NULL: any path (a card on stdin) */
} fix_scope;

static bool fix_reported(const char *rule, unsigned line, void *ctx)
{
    const fix_scope *fs = ctx;

    for (size_t i = 0; i < mc_report_count(fs->report); i++) {
        const mc_finding *f = mc_report_at(fs->report, i);
        if (f->span.line == line && strcmp(f->rule, rule) == 0 &&
            (fs->card == NULL || strcmp(f->path, fs->card) == 0))
            return true;
    }
    return false;
}

/* --fix / --diff over the cards of the run (working tree or plain directory). Returns the
 * number of cards that change, or -1. */
static long fix_cards(mc_linter *linter, const cli_args *a, FILE *out)
{
    const char *root = mc_source_root(mc_linter_source(linter));
    size_t max = a->lint.max_file_size ? a->lint.max_file_size : 16u << 20;
    long changed = 0;
    size_t values = 0;
    mc_report *report = NULL;

    /* what the run reports decides what is fixed */
    if (mc_linter_run(linter, &report) < 0)
        return -1;
    for (size_t i = 0; i < mc_linter_card_count(linter); i++) {
        const char *card = mc_linter_card_at(linter, i);
        size_t len = 0, flen = 0, nfix = 0;
        char *path = malloc(strlen(root) + strlen(card) + 2), *text = NULL, *fixed = NULL;
        int rc = 0;
        fix_scope scope = {report, card};

        if (path == NULL) {
            mc_report_free(report);
            return -1;
        }
        sprintf(path, "%s/%s", root, card);
        /* read as the run read it: through the source, beneath the root, no link followed */
        if (mc_source_read(mc_linter_source(linter), card, max, &text, &len) < 0)
            text = NULL;
        if (text && mc_fix_card(text, len, fix_reported, &scope, &fixed, &flen, &nfix) < 0)
            rc = -1;
        if (rc == 0 && fixed) {
            changed++;
            values += nfix;
            if (a->diff) {
                /* repository-relative, as git diff names files: patch -p1 at the root */
                rc = mc_fix_diff(out, card, text, len, fixed, flen);
            } else {
                rc = write_card_atomic(path, fixed, flen);
            }
        }
        free(fixed);
        free(text);
        free(path);
        if (rc < 0) {
            mc_report_free(report);
            return -1;
        }
    }
    mc_report_free(report);
    if (a->fix && !a->silent && changed)
        fprintf(stderr, "mclint: fixed %zu value%s in %ld card%s\n", values, values == 1 ? "" : "s",
                changed, changed == 1 ? "" : "s");
    return changed;
}

/* The working directory relative to the repository root, when it is inside it: text
 * paths are printed relative to it. NULL otherwise (paths stay repository-relative). */
static char *cwd_in_root(const char *root)
{
    char cwd[PATH_MAX];
    size_t rl = strlen(root);

    if (getcwd(cwd, sizeof(cwd)) == NULL)
        return NULL;
    if (strcmp(cwd, root) == 0)
        return NULL;
    if (rl == 1 && root[0] == '/')
        return strdup(cwd + 1);
    if (strncmp(cwd, root, rl) == 0 && cwd[rl] == '/')
        return strdup(cwd + rl + 1);
    return NULL;
}

/* --color, then FORCE_COLOR, then NO_COLOR (each when set and not empty), then whether
 * the output is a terminal. */
static bool use_colour(const char *flag, FILE *out)
{
    const char *force = getenv("FORCE_COLOR"), *no = getenv("NO_COLOR");

    if (flag)
        return strcmp(flag, "always") == 0;
    if (force && *force)
        return strcmp(force, "0") != 0 && strcmp(force, "false") != 0;
    if (no && *no)
        return false;
    return isatty(fileno(out));
}

static int stream_part(mc_report *part, void *payload)
{
    return mc_output_stream_part(payload, part);
}

/* Lint and write card by card. */
static int run_streamed(mc_linter *linter, FILE *stream, mc_format fmt, const mc_output_options *oo)
{
    mc_output_stream *out = NULL;
    size_t files = 0;
    int rc;

    if (mc_output_stream_open(&out, stream, fmt, oo) < 0) {
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
        if (!a->silent)
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
    if (mc_baseline_stale_count(bl) > 0 && !a->silent)
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
    char *env_storage = NULL, **env_argv, *stdin_data = NULL, *path_base = NULL;
    const char *summary;
    FILE *out = stdout;

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
    a.lint.select = a.select;
    a.lint.ignore = a.ignore;
    a.lint.extend_select = a.extend_select;
    if ((a.fix || a.diff) && a.lint.kind != MC_SOURCE_AUTO) {
        exit_code = bad_usage("%s cannot change cards in the index or a revision: only the "
                              "working tree",
                              a.fix ? "--fix" : "--diff");
        goto done;
    }
    if (a.stdin_filename || (a.npaths == 1 && strcmp(a.paths[0], "-") == 0)) {
        /* a card piped by an editor: linted at --stdin-filename, with the files beside it */
        if (a.stdin_filename == NULL) {
            exit_code = bad_usage("the path '-' (stdin) needs --stdin-filename PATH%s", "");
            goto done;
        }
        if (a.npaths > 1 || (a.npaths == 1 && strcmp(a.paths[0], "-") != 0)) {
            exit_code = bad_usage("--stdin-filename takes the path '-' alone, not '%s'",
                                  a.paths[a.npaths > 1 && !strcmp(a.paths[0], "-")]);
            goto done;
        }
        if (a.lint.kind != MC_SOURCE_AUTO) {
            exit_code = bad_usage("a card on stdin is read as it is, not from %s",
                                  a.lint.kind == MC_SOURCE_REV ? "a revision" : "the index");
            goto done;
        }
        if ((stdin_data = read_stdin(a.lint.max_file_size ? a.lint.max_file_size : 16u << 20,
                                     &a.lint.stdin_len)) == NULL)
            goto done;
        a.lint.stdin_path = a.stdin_filename;
        a.lint.stdin_data = stdin_data;
        a.paths[0] = a.stdin_filename;
        a.npaths = 1;
    } else {
        for (size_t i = 0; i < a.npaths; i++)
            if (strcmp(a.paths[i], "-") == 0) {
                exit_code = bad_usage("the path '-' (stdin) must be the only path%s", "");
                goto done;
            }
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
    /* what the paths did not yield, and why; with --strict-paths an error */
    for (size_t i = 0; !a.silent && i < mc_linter_path_note_count(linter); i++)
        fprintf(stderr, "mclint: %s\n", mc_linter_path_note_at(linter, i));
    if (a.strict_paths && mc_linter_path_note_count(linter) > 0) {
        fprintf(stderr, "mclint: error: --strict-paths: %zu path%s yielded nothing to lint\n",
                mc_linter_path_note_count(linter),
                mc_linter_path_note_count(linter) == 1 ? "" : "s");
        goto done;
    }
    path_base = cwd_in_root(mc_source_root(mc_linter_source(linter)));
    if (a.output_file || a.silent) {
        /* --silent: the output goes nowhere, but is made as usual (and the files too) */
        FILE *f = a.output_file ? open_output(a.output_file, false) : fopen("/dev/null", "w");
        if (f == NULL) {
            if (!a.output_file)
                fprintf(stderr, "mclint: /dev/null: %s\n", strerror(errno));
            goto done;
        }
        out = f;
    }
    if (a.show_config) {
        exit_code = mc_config_show(out, mc_linter_config(linter)) < 0 ? MC_EXIT_USAGE : 0;
        goto done;
    }
    if (a.list_files) {
        if (mc_linter_list_files(linter, out) < 0) {
            fprintf(stderr, "mclint: %s\n", mc_error_last());
            goto done;
        }
        exit_code = MC_EXIT_OK;
        goto done;
    }
    if (stdin_data && (a.fix || a.diff)) {
        /* an editor's card: the fixed card (or the diff) on the output, nothing written */
        char *fixed = NULL;
        size_t flen = 0, nfix = 0;
        fix_scope scope = {NULL, NULL};
        if (mc_linter_run(linter, &report) < 0) {
            fprintf(stderr, "mclint: %s\n", mc_error_last());
            goto done;
        }
        scope.report = report;
        if (mc_fix_card(stdin_data, a.lint.stdin_len, fix_reported, &scope, &fixed, &flen, &nfix) <
            0) {
            fprintf(stderr, "mclint: %s\n", mc_error_last());
            goto done;
        }
        rc = a.diff ? (fixed ? mc_fix_diff(out, a.stdin_filename, stdin_data, a.lint.stdin_len,
                                           fixed, flen)
                             : 0)
                    : (fwrite(fixed ? fixed : stdin_data, 1, fixed ? flen : a.lint.stdin_len,
                              out) == (fixed ? flen : a.lint.stdin_len)
                           ? 0
                           : -1);
        free(fixed);
        if (rc < 0 || fflush(out) != 0) {
            fprintf(stderr, "mclint: could not write the output\n");
            goto done;
        }
        exit_code = a.diff && fixed ? MC_EXIT_FINDINGS : MC_EXIT_OK;
        goto done;
    }
    if (a.fix || a.diff) {
        long changed = fix_cards(linter, &a, out);
        if (changed < 0) {
            fprintf(stderr, "mclint: %s\n", mc_error_last());
            goto done;
        }
        if (a.diff) {
            /* as ruff: the diff alone; exit 1 when there is something to fix */
            exit_code = fflush(out) != 0 ? MC_EXIT_USAGE : changed ? MC_EXIT_FINDINGS : MC_EXIT_OK;
            goto done;
        }
    }
    oo.rules = mc_linter_rules(linter);
    oo.sarif_category = a.sarif_category;
    oo.rules_url = getenv("MCLINT_RULES_URL");
    oo.information_uri = getenv("MCLINT_INFORMATION_URI");
    oo.summary = !a.quiet;
    oo.show_source = !a.no_source;
    oo.color = use_colour(a.color, out);
    oo.path_base = path_base;
    summary = a.summary ? a.summary : getenv("GITHUB_STEP_SUMMARY");
    if (mc_output_streams((mc_format)fmt) && !a.write_baseline && !a.sarif && !a.json &&
        !a.gitlab && !(summary && *summary) && !a.statistics) {
        /* nothing needs the whole report: write each card's part as it is done */
        if (run_streamed(linter, out, (mc_format)fmt, &oo) < 0 || baseline_epilogue(&a, linter) < 0)
            goto done;
        exit_code = !a.exit_zero && mc_linter_failed(linter) ? MC_EXIT_FINDINGS : MC_EXIT_OK;
        goto done;
    }
    if (mc_linter_run(linter, &report) < 0) {
        fprintf(stderr, "mclint: %s\n", mc_error_last());
        goto done;
    }
    if (a.write_baseline) {
        FILE *bf = open_output(a.write_baseline, false);
        if (bf == NULL)
            goto done;
        if (mc_baseline_write(bf, report) < 0) {
            fclose(bf);
            fprintf(stderr, "mclint: %s: could not write the baseline\n", a.write_baseline);
            goto done;
        }
        if (fclose(bf) != 0) {
            fprintf(stderr, "mclint: %s: could not write the baseline\n", a.write_baseline);
            goto done;
        }
    }
    if ((a.statistics ? write_statistics(out, report, (mc_format)fmt)
                      : mc_output_write(out, (mc_format)fmt, report, &oo)) < 0 ||
        fflush(out) != 0) {
        fprintf(stderr, "mclint: could not write the output\n");
        goto done;
    }
    oo.color = false;
    oo.path_base = NULL;
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
    if (out != stdout && fclose(out) != 0 && exit_code != MC_EXIT_USAGE) {
        fprintf(stderr, "mclint: %s: could not write\n", a.output_file ? a.output_file : "output");
        exit_code = MC_EXIT_USAGE;
    }
    mc_report_free(report);
    mc_linter_free(linter);
    if (paths != paths_buf)
        free(paths);
    free(env_argv);
    free(env_storage);
    free(stdin_data);
    free(path_base);
    free(a.select);
    free(a.ignore);
    free(a.extend_select);
    return exit_code;
}
