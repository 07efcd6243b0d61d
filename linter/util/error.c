/* Thread-local last-error message, in the manner of libgit2's git_error_last(). */
#include "mclint/common.h"
#include "util/str.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static _Thread_local char last_error[512];

const char *mc_error_last(void)
{
    return last_error;
}

/* Messages quote input (values, key names, paths): they are stored escaped as the text
 * output escapes card text, so a message stays one line and carries no terminal sequence. */
int mc_error_set(int code, const char *fmt, ...)
{
    static _Thread_local char raw[sizeof(last_error)];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(raw, sizeof(raw), fmt, ap);
    va_end(ap);
    if (n < 0)
        n = 0;
    mc_term_escape(last_error, sizeof(last_error), raw,
                   (size_t)n < sizeof(raw) ? (size_t)n : sizeof(raw) - 1);
    return code;
}

void mc_error_clear(void)
{
    last_error[0] = '\0';
}

const char *mc_severity_name(mc_severity sev)
{
    switch (sev) {
    case MC_SEV_ERROR:
        return "error";
    case MC_SEV_WARNING:
        return "warning";
    case MC_SEV_NOTE:
        return "note";
    default:
        return "none";
    }
}

mc_severity mc_severity_parse(const char *name)
{
    if (name == NULL)
        return MC_SEV_NONE;
    if (strcmp(name, "error") == 0)
        return MC_SEV_ERROR;
    if (strcmp(name, "warning") == 0)
        return MC_SEV_WARNING;
    if (strcmp(name, "note") == 0 || strcmp(name, "info") == 0)
        return MC_SEV_NOTE;
    return MC_SEV_NONE;
}
