/* github: the output read back as the Actions runner reads it (ActionCommandManager:
 * trim leading white space, "::" first, command up to the next "::", properties split on
 * ',' then the first '=', values and data unescaped; ::stop-commands::TOKEN suspends
 * commands until ::TOKEN::). */
#include "outtest.h"

#define MAX_CMDS 256
#define MAX_PROPS 8

typedef struct {
    char name[32];
    char keys[MAX_PROPS][32];
    char *values[MAX_PROPS];
    size_t nprops;
    char *data;
} command;

typedef struct {
    command cmds[MAX_CMDS];
    size_t ncmds;
    char *log; /* lines seen while commands were stopped, '\n'-separated */
    size_t loglen;
    char token[128];
    size_t stops;
} runner;

/* %25 %0D %0A %3A %2C back to their characters (the runner's unescape) */
static char *unescape(const char *s, size_t n)
{
    char *out = malloc(n + 1);
    size_t k = 0;

    assert_non_null(out);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '%') {
            if (strncmp(s + i, "%25", 3) == 0 && i + 3 <= n) {
                out[k++] = '%';
                i += 2;
                continue;
            }
            if (strncmp(s + i, "%0D", 3) == 0 && i + 3 <= n) {
                out[k++] = '\r';
                i += 2;
                continue;
            }
            if (strncmp(s + i, "%0A", 3) == 0 && i + 3 <= n) {
                out[k++] = '\n';
                i += 2;
                continue;
            }
            if (strncmp(s + i, "%3A", 3) == 0 && i + 3 <= n) {
                out[k++] = ':';
                i += 2;
                continue;
            }
            if (strncmp(s + i, "%2C", 3) == 0 && i + 3 <= n) {
                out[k++] = ',';
                i += 2;
                continue;
            }
        }
        out[k++] = s[i];
    }
    out[k] = '\0';
    return out;
}

static void run(runner *rn, const char *text)
{
    int stopped = 0;

    memset(rn, 0, sizeof(*rn));
    rn->log = calloc(1, 1);
    for (const char *p = text, *nl; *p; p = nl + 1) {
        const char *line = p, *end;
        size_t len;

        nl = strchr(p, '\n');
        assert_non_null(nl); /* the output ends every line */
        /* the runner splits lines on \n and trims white space (\r included) */
        while (line < nl && (*line == ' ' || *line == '\t' || *line == '\r'))
            line++;
        len = (size_t)(nl - line);
        if (stopped) {
            char resume[140];
            snprintf(resume, sizeof(resume), "::%s::", rn->token);
            if (len == strlen(resume) && strncmp(line, resume, len) == 0) {
                stopped = 0;
                continue;
            }
            rn->log = realloc(rn->log, rn->loglen + (size_t)(nl - p) + 2);
            memcpy(rn->log + rn->loglen, p, (size_t)(nl - p));
            rn->loglen += (size_t)(nl - p);
            rn->log[rn->loglen++] = '\n';
            rn->log[rn->loglen] = '\0';
            continue;
        }
        if (len < 2 || strncmp(line, "::", 2) != 0)
            fail_msg("plain line outside ::stop-commands::: %.*s", (int)len, line);
        end = strstr(line + 2, "::");
        if (end == NULL || end > nl)
            fail_msg("not a command: %.*s", (int)len, line);
        {
            command *c = &rn->cmds[rn->ncmds++];
            const char *info = line + 2, *sp;
            size_t ilen = (size_t)(end - info);
            assert_true(rn->ncmds < MAX_CMDS);
            sp = memchr(info, ' ', ilen);
            snprintf(c->name, sizeof(c->name), "%.*s", (int)(sp ? (size_t)(sp - info) : ilen),
                     info);
            if (sp) {
                const char *q = sp + 1;
                while (q < end) {
                    const char *comma = memchr(q, ',', (size_t)(end - q));
                    const char *stop = comma ? comma : end;
                    const char *eq = memchr(q, '=', (size_t)(stop - q));
                    assert_non_null(eq); /* the runner would drop a property without '=' */
                    assert_true(c->nprops < MAX_PROPS);
                    snprintf(c->keys[c->nprops], 32, "%.*s", (int)(eq - q), q);
                    c->values[c->nprops++] = unescape(eq + 1, (size_t)(stop - eq - 1));
                    q = stop + 1;
                }
            }
            c->data = unescape(end + 2, (size_t)(nl - end - 2));
            if (strcmp(c->name, "stop-commands") == 0) {
                snprintf(rn->token, sizeof(rn->token), "%s", c->data);
                stopped = 1;
                rn->stops++;
            }
        }
    }
    assert_false(stopped); /* commands resumed at the end */
}

static void release(runner *rn)
{
    for (size_t i = 0; i < rn->ncmds; i++) {
        for (size_t k = 0; k < rn->cmds[i].nprops; k++)
            free(rn->cmds[i].values[k]);
        free(rn->cmds[i].data);
    }
    free(rn->log);
}

static const char *prop(const command *c, const char *key)
{
    for (size_t k = 0; k < c->nprops; k++)
        if (strcmp(c->keys[k], key) == 0)
            return c->values[k];
    return NULL;
}

static size_t count(const runner *rn, const char *name)
{
    size_t n = 0;

    for (size_t i = 0; i < rn->ncmds; i++)
        n += strcmp(rn->cmds[i].name, name) == 0;
    return n;
}

/* Only the commands mclint means to send. */
static void assert_intended(const runner *rn)
{
    static const char *ok[] = {"group", "endgroup", "stop-commands", "error", "warning", "notice"};

    for (size_t i = 0; i < rn->ncmds; i++) {
        size_t k = 0;
        while (k < 6 && strcmp(rn->cmds[i].name, ok[k]) != 0)
            k++;
        if (k == 6)
            fail_msg("unexpected command %s", rn->cmds[i].name);
    }
    assert_int_equal(count(rn, "group"), 1);
    assert_int_equal(count(rn, "endgroup"), 1);
    assert_int_equal(count(rn, "stop-commands"), 1);
    assert_int_equal(strlen(rn->token), 32);
}

static void test_annotation_grammar(void **state)
{
    mc_report *r;
    runner *rn = malloc(sizeof(*rn));
    char *out;
    const command *c;

    assert_int_equal(mc_report_new(&r), 0);
    tu_finding(r, "MC101", MC_SEV_ERROR, "models/tiny/README.md", 4, 3, 4, 9, "plain message",
               "license: x");
    tu_finding(r, "MC102", MC_SEV_WARNING, "models/tiny/README.md", 5, 2, 7, 4, "multi-line", NULL);
    tu_finding(r, "MC103", MC_SEV_NOTE, "models/tiny/LICENSE", 0, 0, 0, 0, "whole file", NULL);
    out = tu_render(MC_FORMAT_GITHUB, r, NULL);
    run(rn, out);
    assert_intended(rn);
    assert_int_equal(count(rn, "error") + count(rn, "warning") + count(rn, "notice"), 3);
    /* errors first */
    c = &rn->cmds[3];
    assert_string_equal(c->name, "error");
    assert_string_equal(prop(c, "file"), "models/tiny/README.md");
    assert_string_equal(prop(c, "line"), "4");
    assert_string_equal(prop(c, "endLine"), "4");
    assert_string_equal(prop(c, "col"), "3");
    assert_string_equal(prop(c, "endColumn"), "9");
    assert_string_equal(prop(c, "title"), "mclint (MC101)");
    assert_string_equal(c->data, "models/tiny/README.md:4:3: MC101 plain message");
    /* columns only for one-line ranges */
    c = &rn->cmds[4];
    assert_string_equal(c->name, "warning");
    assert_string_equal(prop(c, "line"), "5");
    assert_string_equal(prop(c, "endLine"), "7");
    assert_null(prop(c, "col"));
    assert_null(prop(c, "endColumn"));
    /* whole file: no line */
    c = &rn->cmds[5];
    assert_string_equal(c->name, "notice");
    assert_string_equal(prop(c, "file"), "models/tiny/LICENSE");
    assert_null(prop(c, "line"));
    assert_string_equal(c->data, "models/tiny/LICENSE: MC103 whole file");
    /* the log lists them all, indented */
    assert_non_null(strstr(rn->log, "  models/tiny/README.md:4:3: error[MC101] plain message\n"));
    assert_non_null(strstr(rn->log, "      4 | license: x\n"));
    assert_non_null(strstr(rn->log, "  models/tiny/LICENSE: note[MC103] whole file\n"));
    assert_non_null(strstr(rn->log, "  3 findings\n"));
    release(rn);
    free(out);
    free(rn);
    mc_report_free(r);
}

/* related locations: " (evidence: path:line, path)" after the message, in the annotation
 * and in the log; a related path cannot break the command */
static void test_related(void **state)
{
    mc_report *r;
    runner *rn = malloc(sizeof(*rn));
    char *out;
    const command *c;

    assert_int_equal(mc_report_new(&r), 0);
    tu_finding_related(r, "the card claims training from scratch");
    out = tu_render(MC_FORMAT_GITHUB, r, NULL);
    run(rn, out);
    assert_intended(rn);
    assert_int_equal(count(rn, "error"), 1);
    c = &rn->cmds[3];
    assert_string_equal(c->name, "error");
    assert_string_equal(prop(c, "file"), "models/tiny/README.md");
    assert_string_equal(prop(c, "line"), "7");
    assert_string_equal(c->data, "models/tiny/README.md:7:22: MC503 the card claims training from "
                                 "scratch (evidence: models/tiny/config.json:2, models/tiny/tiny "
                                 "[q4].gguf)");
    assert_non_null(strstr(rn->log, "  models/tiny/README.md:7:22: error[MC503] the card claims "
                                    "training from scratch (evidence: models/tiny/config.json:2, "
                                    "models/tiny/tiny [q4].gguf)\n"));
    release(rn);
    free(out);
    free(rn);
    mc_report_free(r);
    (void)state;
}

static void test_hostile_strings(void **state)
{
    static const char path[] = "models/a,b:c::d/100%/README.md";
    static const char msg[] = "evil::error::x 50%0A done,ok: a\r\nb\n::stop-commands::abc\n"
                              "::error file=x::pwned\n::endgroup::";
    mc_report *r;
    runner *rn = malloc(sizeof(*rn));
    char *out, *again, expect[512];
    const command *c;

    assert_int_equal(mc_report_new(&r), 0);
    tu_finding(r, "MC101", MC_SEV_ERROR, path, 2, 1, 2, 5, msg, "::error::injected from a card");
    tu_finding(r, "MC102", MC_SEV_WARNING, "ok.md", 1, 1, 1, 2, "x",
               "  ::warning file=a.md::indented");
    out = tu_render(MC_FORMAT_GITHUB, r, NULL);
    run(rn, out);
    assert_intended(rn);
    assert_string_not_equal(rn->token, "abc");
    assert_int_equal(count(rn, "error"), 1);
    assert_int_equal(count(rn, "warning"), 1);
    assert_int_equal(count(rn, "notice"), 0);
    c = &rn->cmds[3];
    assert_string_equal(c->name, "error");
    assert_string_equal(prop(c, "file"), path); /* round-trips exactly */
    snprintf(expect, sizeof(expect), "%s:2:1: MC101 %s", path, msg);
    assert_string_equal(c->data, expect);
    /* the card's command-like text stays in the log, neutralised */
    assert_non_null(strstr(rn->log, "::error::injected from a card"));
    assert_non_null(strstr(rn->log, "::warning file=a.md::indented"));
    /* and no output line starts with the card's text, even after trimming */
    assert_null(strstr(out, "\n::error::injected"));
    assert_null(strstr(out, "\n::stop-commands::abc"));
    assert_null(strstr(out, "\n::error file=x"));
    /* the token cannot be predicted: it changes from run to run */
    again = tu_render(MC_FORMAT_GITHUB, r, NULL);
    {
        char first[128];
        snprintf(first, sizeof(first), "%s", rn->token);
        release(rn);
        run(rn, again);
        assert_string_not_equal(first, rn->token);
    }
    release(rn);
    free(again);
    free(out);
    free(rn);
    mc_report_free(r);
}

static void test_annotation_cap(void **state)
{
    mc_report *r;
    runner *rn = malloc(sizeof(*rn));
    char *out, msg[32];
    const command *notice;

    assert_int_equal(mc_report_new(&r), 0);
    for (int i = 0; i < 25; i++) {
        snprintf(msg, sizeof(msg), "problem %d", i);
        tu_finding(r, "MC101", MC_SEV_ERROR, "models/tiny/README.md", (unsigned)i + 1, 1,
                   (unsigned)i + 1, 2, msg, NULL);
    }
    out = tu_render(MC_FORMAT_GITHUB, r, NULL);
    run(rn, out);
    assert_intended(rn);
    assert_int_equal(count(rn, "error"), 10);
    assert_int_equal(count(rn, "notice"), 1);
    notice = &rn->cmds[rn->ncmds - 1];
    assert_string_equal(notice->name, "notice");
    assert_non_null(strstr(notice->data, "15 of 25 findings were not annotated"));
    for (int i = 0; i < 25; i++) { /* all in the log */
        char line[64];
        snprintf(line, sizeof(line), "README.md:%d:1: error[MC101] problem %d\n", i + 1, i);
        assert_non_null(strstr(rn->log, line));
    }
    release(rn);
    free(out);

    /* with ten notes as well, one note gives its place to the notice, which then shows */
    for (int i = 0; i < 10; i++)
        tu_finding(r, "MC109", MC_SEV_NOTE, "models/tiny/README.md", 100, 1, 100, 2, "n", NULL);
    out = tu_render(MC_FORMAT_GITHUB, r, NULL);
    run(rn, out);
    assert_int_equal(count(rn, "error"), 10);
    assert_int_equal(count(rn, "notice"), 10); /* 9 notes + the notice */
    assert_non_null(strstr(rn->cmds[rn->ncmds - 1].data, "16 of 35 findings"));
    release(rn);
    free(out);

    /* a lower limit */
    {
        mc_output_options o = MC_OUTPUT_OPTIONS_INIT;
        o.annotation_limit = 3;
        out = tu_render(MC_FORMAT_GITHUB, r, &o);
        run(rn, out);
        assert_int_equal(count(rn, "error"), 3);
        assert_int_equal(count(rn, "notice"), 3);
        release(rn);
        free(out);
    }
    free(rn);
    mc_report_free(r);
}

static void test_exactly_at_limit(void **state)
{
    mc_report *r;
    runner *rn = malloc(sizeof(*rn));
    char *out;

    assert_int_equal(mc_report_new(&r), 0);
    for (int i = 0; i < 10; i++)
        tu_finding(r, "MC109", MC_SEV_NOTE, "a.md", (unsigned)i + 1, 1, 1, 2, "n", NULL);
    out = tu_render(MC_FORMAT_GITHUB, r, NULL);
    run(rn, out);
    assert_int_equal(count(rn, "notice"), 10); /* all fit: no summary notice */
    assert_null(strstr(out, "not annotated"));
    release(rn);
    free(out);
    free(rn);
    mc_report_free(r);
}

static void test_long_message_truncated(void **state)
{
    mc_report *r;
    runner *rn = malloc(sizeof(*rn));
    char *out, *msg = malloc(10001);

    memset(msg, 'x', 10000);
    msg[10000] = '\0';
    msg[3895] = '\xED'; /* a Hangul syllable across the cut */
    msg[3896] = '\x95';
    msg[3897] = '\x9C';
    assert_int_equal(mc_report_new(&r), 0);
    tu_finding(r, "MC101", MC_SEV_ERROR, "a.md", 1, 1, 1, 2, msg, NULL);
    out = tu_render(MC_FORMAT_GITHUB, r, NULL);
    run(rn, out);
    assert_true(strlen(rn->cmds[3].data) <= 4096);
    assert_true(tu_valid_utf8(rn->cmds[3].data));
    assert_non_null(strstr(rn->log, msg)); /* the log keeps it whole */
    release(rn);
    free(out);
    free(msg);
    free(rn);
    mc_report_free(r);
}

static void test_empty(void **state)
{
    mc_report *r;
    runner *rn = malloc(sizeof(*rn));
    char *out;

    assert_int_equal(mc_report_new(&r), 0);
    out = tu_render(MC_FORMAT_GITHUB, r, NULL);
    run(rn, out);
    assert_intended(rn);
    assert_int_equal(rn->ncmds, 3); /* group, stop-commands, endgroup */
    assert_string_equal(rn->log, "  0 findings\n");
    release(rn);
    free(out);
    free(rn);
    mc_report_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_annotation_grammar),
        cmocka_unit_test(test_related),
        cmocka_unit_test(test_hostile_strings),
        cmocka_unit_test(test_annotation_cap),
        cmocka_unit_test(test_exactly_at_limit),
        cmocka_unit_test(test_long_message_truncated),
        cmocka_unit_test(test_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
