/* The one table of output formats: each format's name, what it is for, and how it is
 * written (the streamed formats through their stream callbacks, the others from the whole
 * report). mc_output_write, the streams, `mclint --help` and `mclint --list-formats` (from
 * which the man page's list is checked) all read it. */
#include "output/writers.h"
#include "util/str.h"

#include <stdlib.h>
#include <string.h>

static const mc_format_def formats[] = {
    {"auto", NULL, MC_FORMAT_AUTO,
     "github inside GitHub Actions (GITHUB_ACTIONS=true and GITHUB_WORKFLOW set), else text", NULL,
     NULL},
    {"text", NULL, MC_FORMAT_TEXT, "people: gcc-like lines, the source line, a summary",
     &mc_stream_text, NULL},
    {"gcc", NULL, MC_FORMAT_GCC, "one 'path:line:col: severity: message [RULE]' line per finding",
     &mc_stream_gcc, NULL},
    {"json", NULL, MC_FORMAT_JSON, "one JSON document: findings, models, counts", &mc_stream_json,
     NULL},
    {"jsonl", "json-lines", MC_FORMAT_JSONL, "one JSON object per line: findings, then models",
     &mc_stream_jsonl, NULL},
    {"github", NULL, MC_FORMAT_GITHUB, "GitHub Actions workflow commands (annotations) and a log",
     NULL, mc_out_github},
    {"sarif", NULL, MC_FORMAT_SARIF, "SARIF 2.1.0, for GitHub code scanning", NULL, mc_out_sarif},
    {"gitlab", NULL, MC_FORMAT_GITLAB, "a GitLab Code Quality report", NULL, mc_out_gitlab},
    {"rdjsonl", NULL, MC_FORMAT_RDJSONL, "reviewdog diagnostics, one per line", &mc_stream_rdjsonl,
     NULL},
};

#define NFORMATS (sizeof(formats) / sizeof(formats[0]))

const mc_format_def *mc_format_def_of(mc_format f)
{
    for (size_t i = 0; i < NFORMATS; i++)
        if (formats[i].format == f)
            return &formats[i];
    return NULL;
}

int mc_format_parse(const char *name)
{
    if (name == NULL)
        return -1;
    for (size_t i = 0; i < NFORMATS; i++)
        if (mc_strieq(name, formats[i].name) ||
            (formats[i].alias && mc_strieq(name, formats[i].alias)))
            return (int)formats[i].format;
    return -1;
}

const char *mc_format_name(mc_format f)
{
    const mc_format_def *d = mc_format_def_of(f);

    return d ? d->name : "unknown";
}

bool mc_format_list(size_t i, const char **name, const char **help, bool *streams)
{
    if (i >= NFORMATS)
        return false;
    *name = formats[i].name;
    *help = formats[i].help;
    *streams = formats[i].stream != NULL;
    return true;
}

mc_format mc_format_resolve(mc_format f)
{
    const char *actions, *workflow;

    if (f != MC_FORMAT_AUTO)
        return f;
    actions = getenv("GITHUB_ACTIONS");
    workflow = getenv("GITHUB_WORKFLOW");
    if (actions && strcmp(actions, "true") == 0 && workflow && *workflow)
        return MC_FORMAT_GITHUB;
    return MC_FORMAT_TEXT;
}

bool mc_output_streams(mc_format format)
{
    const mc_format_def *d = mc_format_def_of(mc_format_resolve(format));

    return d && d->stream;
}

int mc_output_write(FILE *out, mc_format format, const mc_report *report,
                    const mc_output_options *opts)
{
    static const mc_output_options defaults = MC_OUTPUT_OPTIONS_INIT;
    const mc_format_def *d = mc_format_def_of(mc_format_resolve(format));

    if (out == NULL || report == NULL)
        return mc_error_set(MC_EINVALID, "mc_output_write: no stream or no report");
    if (opts == NULL)
        opts = &defaults;
    if (d == NULL || (d->stream == NULL && d->whole == NULL))
        return mc_error_set(MC_EINVALID, "unknown output format %d", (int)format);
    return d->stream ? mc_out_whole_streamed(out, d->format, report, opts)
                     : d->whole(out, report, opts);
}
