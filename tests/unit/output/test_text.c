/* text output: gcc-like lines, caret underline, summary, and no raw control bytes. */
#include "outtest.h"

/* No C0 control except LF and tab, no DEL, no C1 control (raw or UTF-8), valid UTF-8.
 * With colour, every ESC must start one of our SGR sequences (ESC [ digits ; m). */
static void assert_terminal_safe(const char *s, int color)
{
    const unsigned char *u = (const unsigned char *)s;

    assert_true(tu_valid_utf8(s));
    for (size_t i = 0; u[i]; i++) {
        if (u[i] == 0x1b && color) {
            size_t k = i + 1;
            assert_int_equal(u[k], '[');
            for (k++; (u[k] >= '0' && u[k] <= '9') || u[k] == ';'; k++)
                ;
            assert_int_equal(u[k], 'm');
            continue;
        }
        if ((u[i] < 0x20 && u[i] != '\n' && u[i] != '\t') || u[i] == 0x7f)
            fail_msg("raw control byte 0x%02x at %zu", u[i], i);
        if (u[i] == 0xc2 && u[i + 1] >= 0x80 && u[i + 1] <= 0x9f)
            fail_msg("raw C1 control at %zu", i);
        if (u[i] == 0xe2 && u[i + 1] == 0x80 && u[i + 2] >= 0xaa && u[i + 2] <= 0xae)
            fail_msg("raw bidi override at %zu", i);
    }
}

static void test_line_and_caret(void **state)
{
    mc_report *r;
    mc_output_options o = MC_OUTPUT_OPTIONS_INIT;
    char *out;

    assert_int_equal(mc_report_new(&r), 0);
    tu_finding(r, "MC101", MC_SEV_ERROR, "models/tiny/README.md", 14, 10, 14, 13,
               "license is not a known identifier", "license: foo-bar\r\n");
    o.summary = false;
    out = tu_render(MC_FORMAT_TEXT, r, &o);
    assert_string_equal(out, "models/tiny/README.md:14:10: error[MC101] license is not a known "
                             "identifier; see `mclint explain MC101`\n"
                             " 14 | license: foo-bar\n"
                             "    |          ^^^\n");
    free(out);
    o.show_source = false;
    out = tu_render(MC_FORMAT_TEXT, r, &o);
    assert_string_equal(out, "models/tiny/README.md:14:10: error[MC101] license is not a known "
                             "identifier; see `mclint explain MC101`\n");
    free(out);
    /* the pointer is for text only: not in the JSON message */
    out = tu_render(MC_FORMAT_JSON, r, &o);
    assert_null(strstr(out, "mclint explain"));
    free(out);
    mc_report_free(r);
}

/* related locations: one "= evidence:" line each, after the source line */
static void test_related(void **state)
{
    mc_report *r;
    mc_output_options o = MC_OUTPUT_OPTIONS_INIT;
    char *out;

    assert_int_equal(mc_report_new(&r), 0);
    tu_finding_related(r, "the card claims training from scratch");
    o.summary = false;
    out = tu_render(MC_FORMAT_TEXT, r, &o);
    assert_string_equal(out, "models/tiny/README.md:7:22: error[MC503] the card claims training "
                             "from scratch; see `mclint explain MC503`\n"
                             " 7 | Tiny-7B was trained from scratch on invented text.\n"
                             "   |                      ^^^^^^^^^^^^\n"
                             "    = evidence: models/tiny/config.json:2:3: saved from "
                             "acme-ai/Base-7B\n"
                             "    = evidence: models/tiny/tiny [q4].gguf\n");
    free(out);
    o.show_source = false;
    out = tu_render(MC_FORMAT_TEXT, r, &o);
    assert_non_null(strstr(out, "MC503`\n    = evidence: models/tiny/config.json:2:3: "));
    free(out);
    mc_report_free(r);
    (void)state;
}

static void test_wide_characters_and_tabs(void **state)
{
    mc_report *r;
    mc_output_options o = MC_OUTPUT_OPTIONS_INIT;
    char *out;

    o.summary = false;
    assert_int_equal(mc_report_new(&r), 0);
    /* three Hangul syllables take two columns each */
    tu_finding(r, "MC300", MC_SEV_WARNING, "a.md", 2, 8, 2, 11, "claim",
               "\xEC\x9E\x90\xEC\xB2\xB4 "
               "\xEB\xAA\xA8\xEB\x8D\xB8\xEC\x9D\x80 \xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4 x");
    /* a tab before the span is kept in the underline so that both lines align */
    tu_finding(r, "MC301", MC_SEV_NOTE, "b.md", 3, 3, 3, 5, "tab", "\tx yy z");
    /* a span on several lines is underlined to the end of its first line */
    tu_finding(r, "MC302", MC_SEV_NOTE, "c.md", 4, 3, 6, 2, "multi", "abcdef");
    out = tu_render(MC_FORMAT_TEXT, r, &o);
    assert_non_null(strstr(out, "\n 2 | \xEC\x9E\x90\xEC\xB2\xB4 \xEB\xAA\xA8\xEB\x8D\xB8\xEC\x9D"
                                "\x80 \xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4 x\n"
                                "   |             ^^^^^^\n"));
    assert_non_null(strstr(out, "\n 3 | \tx yy z\n   | \t ^^\n"));
    assert_non_null(strstr(out, "\n 4 | abcdef\n   |   ^^^^\n"));
    free(out);
    mc_report_free(r);
}

static void test_whole_file_and_long_lines(void **state)
{
    mc_report *r;
    mc_output_options o = MC_OUTPUT_OPTIONS_INIT;
    char *out, longline[2001];

    o.summary = false;
    memset(longline, 'a', 2000);
    longline[2000] = '\0';
    longline[1500] = 'X';
    assert_int_equal(mc_report_new(&r), 0);
    tu_finding(r, "MC201", MC_SEV_WARNING, "models/a/README.md", 0, 0, 0, 0, "no license file",
               NULL);
    tu_finding(r, "MC202", MC_SEV_WARNING, "models/b/config.json", 1, 1501, 1, 1502, "long",
               longline);
    tu_finding(r, "ACME01", MC_SEV_NOTE, "models/c/README.md", 3, 1, 3, 2, "own rule", NULL);
    out = tu_render(MC_FORMAT_TEXT, r, &o);
    assert_non_null(strstr(out, "models/a/README.md: warning[MC201] no license file; see `mclint "
                                "explain MC201`\n"));
    /* a rule `mclint explain` does not know (from a user's rule file) gets no pointer */
    assert_non_null(strstr(out, "models/c/README.md:3:1: note[ACME01] own rule\n"));
    /* a long line is shown as a window around the span, and the caret still points at it */
    {
        const char *line = strstr(out, "\n 1 | \xE2\x80\xA6");
        const char *caret, *x;
        assert_non_null(line);
        caret = strchr(line + 1, '\n') + 1;
        x = strchr(line, 'X');
        assert_non_null(x);
        assert_true(strlen(line) < 600);
        /* columns: "…" is one column but three bytes */
        assert_int_equal((size_t)(strchr(caret, '^') - caret), (size_t)(x - line - 1) - 2);
    }
    free(out);
    mc_report_free(r);
}

static void test_hostile_text_is_escaped(void **state)
{
    mc_report *r;
    mc_output_options o = MC_OUTPUT_OPTIONS_INIT;
    const char *bases[] = {"acme-ai/\x1b[2JBase\x07", NULL};
    char *out;

    assert_int_equal(mc_report_new(&r), 0);
    tu_finding(r, "MC101", MC_SEV_ERROR, "models/\x1b]0;pwn\x07/README.md", 3, 1, 3, 4,
               "value \x1b[31mred\x07 bell \x7f del \xc2\x9b csi \x9b raw \xe2\x80\xae rtl",
               "name: \x1b[31m\x1b]8;;http://x\x07link\x08\x08\r");
    assert_int_equal(mc_report_add_model(r, tu_model("models/tiny/README.md", "Tiny\x1b[1A\rX",
                                                     "fine-tune\x07", bases, "T2", "r\x1b[0m")),
                     0);
    for (int color = 0; color < 2; color++) {
        o.color = color;
        out = tu_render(MC_FORMAT_TEXT, r, &o);
        assert_terminal_safe(out, color);
        assert_non_null(strstr(out, "value \\x1b[31mred\\x07 bell \\x7f del \\u009b csi "
                                    "\xEF\xBF\xBD raw \\u202e rtl"));
        assert_non_null(strstr(out, "name: \\x1b[31m\\x1b]8;;http://x\\x07link\\x08\\x08"));
        assert_non_null(strstr(out, "Tiny\\x1b[1A\\x0dX"));
        free(out);
    }
    mc_report_free(r);
}

static void test_colour(void **state)
{
    mc_report *r;
    mc_output_options o = MC_OUTPUT_OPTIONS_INIT;
    char *out;

    assert_int_equal(mc_report_new(&r), 0);
    tu_finding(r, "MC101", MC_SEV_ERROR, "a.md", 1, 1, 1, 2, "m", "x");
    out = tu_render(MC_FORMAT_TEXT, r, &o);
    assert_null(strchr(out, 0x1b));
    free(out);
    o.color = true;
    out = tu_render(MC_FORMAT_TEXT, r, &o);
    assert_non_null(strstr(out, "\033[1;31merror"));
    assert_terminal_safe(out, 1);
    free(out);
    mc_report_free(r);
}

static void test_summary(void **state)
{
    mc_report *r;
    mc_output_options o = MC_OUTPUT_OPTIONS_INIT;
    const char *bases[] = {"acme-ai/Base-7B", "acme-ai/Other-7B", NULL};
    char *out;

    assert_int_equal(mc_report_new(&r), 0);
    tu_finding(r, "MC101", MC_SEV_ERROR, "models/tiny/README.md", 1, 1, 1, 2, "m", NULL);
    tu_finding(r, "MC102", MC_SEV_NOTE, "models/tiny/README.md", 2, 1, 2, 2, "n", NULL);
    assert_int_equal(
        mc_report_add_model(r, tu_model("models/tiny/README.md", "Tiny-7B", "fine-tune", bases,
                                        "T2", "fine-tune of open weights")),
        0);
    assert_int_equal(
        mc_report_add_model(r, tu_model("models/x/README.md", NULL, NULL, NULL, NULL, NULL)), 0);
    mc_report_set_files_read(r, 3);
    out = tu_render(MC_FORMAT_TEXT, r, &o);
    assert_non_null(strstr(out, "\n\nmodels/tiny/README.md: Tiny-7B \xE2\x80\x94 training: "
                                "fine-tune; base: acme-ai/Base-7B, acme-ai/Other-7B; tier: T2 "
                                "(fine-tune of open weights)\n"
                                "models/x/README.md: models/x/README.md \xE2\x80\x94 training: "
                                "unstated; base: none; tier: undetermined\n"
                                "1 error, 0 warnings, 1 note in 2 models (3 files)\n"));
    free(out);
    mc_report_free(r);
}

static void test_empty(void **state)
{
    mc_report *r;
    mc_output_options o = MC_OUTPUT_OPTIONS_INIT;
    char *out;

    assert_int_equal(mc_report_new(&r), 0);
    out = tu_render(MC_FORMAT_TEXT, r, &o);
    assert_string_equal(out, "0 errors, 0 warnings, 0 notes in 0 models (0 files)\n");
    free(out);
    o.summary = false;
    out = tu_render(MC_FORMAT_TEXT, r, &o);
    assert_string_equal(out, "");
    free(out);
    mc_report_free(r);
}

static void test_format_names(void **state)
{
    static const char *names[] = {"auto",   "text",  "json",   "jsonl",
                                  "github", "sarif", "gitlab", "rdjsonl"};

    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        int f = mc_format_parse(names[i]);
        assert_true(f >= 0);
        assert_string_equal(mc_format_name((mc_format)f), names[i]);
    }
    assert_int_equal(mc_format_parse("SARIF"), MC_FORMAT_SARIF);
    assert_int_equal(mc_format_parse("json-lines"), MC_FORMAT_JSONL);
    assert_int_equal(mc_format_parse("junit"), -1);
    assert_int_equal(mc_format_parse(""), -1);
    assert_int_equal(mc_format_parse(NULL), -1);

    unsetenv("GITHUB_ACTIONS");
    unsetenv("GITHUB_WORKFLOW");
    assert_int_equal(mc_format_resolve(MC_FORMAT_AUTO), MC_FORMAT_TEXT);
    setenv("GITHUB_ACTIONS", "true", 1);
    assert_int_equal(mc_format_resolve(MC_FORMAT_AUTO), MC_FORMAT_TEXT); /* no workflow */
    setenv("GITHUB_WORKFLOW", "ci", 1);
    assert_int_equal(mc_format_resolve(MC_FORMAT_AUTO), MC_FORMAT_GITHUB);
    assert_int_equal(mc_format_resolve(MC_FORMAT_JSON), MC_FORMAT_JSON);
    setenv("GITHUB_ACTIONS", "false", 1);
    assert_int_equal(mc_format_resolve(MC_FORMAT_AUTO), MC_FORMAT_TEXT);
    unsetenv("GITHUB_ACTIONS");
    unsetenv("GITHUB_WORKFLOW");
}

static void test_write_errors(void **state)
{
    mc_report *r;
    FILE *full = fopen("/dev/full", "w");

    assert_int_equal(mc_report_new(&r), 0);
    tu_finding(r, "MC101", MC_SEV_ERROR, "a.md", 1, 1, 1, 2, "m", NULL);
    assert_int_equal(mc_output_write(NULL, MC_FORMAT_TEXT, r, NULL), MC_EINVALID);
    assert_int_equal(mc_output_write(stdout, (mc_format)99, r, NULL), MC_EINVALID);
    if (full != NULL) {
        assert_int_equal(mc_output_write(full, MC_FORMAT_JSON, r, NULL), MC_EIO);
        fclose(full);
    }
    mc_report_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_line_and_caret),
        cmocka_unit_test(test_related),
        cmocka_unit_test(test_wide_characters_and_tabs),
        cmocka_unit_test(test_whole_file_and_long_lines),
        cmocka_unit_test(test_hostile_text_is_escaped),
        cmocka_unit_test(test_colour),
        cmocka_unit_test(test_summary),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_format_names),
        cmocka_unit_test(test_write_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
