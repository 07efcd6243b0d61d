/* Format names, the auto format, and the dispatch to each writer. */
#include "output/writers.h"
#include "util/str.h"

#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name;
    mc_format format;
} formats[] = {
    {"auto", MC_FORMAT_AUTO},   {"text", MC_FORMAT_TEXT},        {"json", MC_FORMAT_JSON},
    {"jsonl", MC_FORMAT_JSONL}, {"json-lines", MC_FORMAT_JSONL}, {"github", MC_FORMAT_GITHUB},
    {"sarif", MC_FORMAT_SARIF}, {"gitlab", MC_FORMAT_GITLAB},    {"rdjsonl", MC_FORMAT_RDJSONL},
    {"gcc", MC_FORMAT_GCC},
};

int mc_format_parse(const char *name)
{
    if (name == NULL)
        return -1;
    for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
        if (mc_strieq(name, formats[i].name))
            return (int)formats[i].format;
    return -1;
}

const char *mc_format_name(mc_format f)
{
    for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
        if (formats[i].format == f)
            return formats[i].name;
    return "unknown";
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

int mc_output_write(FILE *out, mc_format format, const mc_report *report,
                    const mc_output_options *opts)
{
    static const mc_output_options defaults = MC_OUTPUT_OPTIONS_INIT;

    if (out == NULL || report == NULL)
        return mc_error_set(MC_EINVALID, "mc_output_write: no stream or no report");
    if (opts == NULL)
        opts = &defaults;
    switch (mc_format_resolve(format)) {
    case MC_FORMAT_TEXT:
        return mc_out_text(out, report, opts);
    case MC_FORMAT_JSON:
        return mc_out_json(out, report, opts);
    case MC_FORMAT_JSONL:
        return mc_out_jsonl(out, report, opts);
    case MC_FORMAT_GITHUB:
        return mc_out_github(out, report, opts);
    case MC_FORMAT_SARIF:
        return mc_out_sarif(out, report, opts);
    case MC_FORMAT_GITLAB:
        return mc_out_gitlab(out, report, opts);
    case MC_FORMAT_RDJSONL:
        return mc_out_rdjsonl(out, report, opts);
    case MC_FORMAT_GCC:
        return mc_out_gcc(out, report, opts);
    default:
        return mc_error_set(MC_EINVALID, "unknown output format %d", (int)format);
    }
}
