/*
 * The fast front-matter reader gives exactly libyaml's tree (values, styles, spans,
 * diagnostics) when it reads a text, and gives up on what it does not know. Each case
 * is parsed twice, with the fast reader and with libyaml alone, and the two trees are
 * compared as text.
 */
#include "testutil.h"

#include "card/docint.h"
#include "ydump.h"
#include "card/yfast.h"
#include "mclint/yaml.h"
#include "util/buf.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The whole result of mc_yaml_parse as text (malloc'd). */
static char *dump(const char *text, size_t len, bool fast)
{
    mc_buf b = MC_BUF_INIT;
    mc_yaml *y = NULL;

    mc_yf_disable(!fast);
    assert_int_equal(mc_yaml_parse(&y, text, len, 2, NULL), 0);
    mc_yf_disable(false);
    mc_yaml_dump(&b, y);
    mc_yaml_free(y);
    assert_true(mc_buf_ok(&b));
    return mc_buf_detach(&b);
}

/* 1 if the fast reader read it, 0 if it gave up; either way the trees must be equal. */
static int same_tree(const char *text, size_t len)
{
    mc_yf_events e;
    int rc = mc_yf_read(&e, text, len);
    char *a, *b;

    mc_yf_release(&e);
    assert_true(rc >= 0);
    a = dump(text, len, true);
    b = dump(text, len, false);
    if (strcmp(a, b) != 0)
        fail_msg("fast and libyaml trees differ for:\n%.*s\n--- fast:\n%s\n--- libyaml:\n%s",
                 (int)len, text, a, b);
    free(a);
    free(b);
    return rc;
}

static int same(const char *text)
{
    return same_tree(text, strlen(text));
}

/* Read by the fast reader, with libyaml's tree. */
static void test_read(void **state)
{
    static const char *const cases[] = {
        "license: mit\nbase_model: acme-ai/Tiny-7B\n",
        "license: mit\nbase_model: acme-ai/Tiny-7B", /* no final line break */
        "license: mit\n  ",                          /* blanks after the last line */
        "a:\n  b:\n    c: 1\n  # note\n",            /* deeper blocks end early */
        "a:\n        b: 1\n# end",
        "tags:\n- x\n- y\nlicense: mit\n", /* indentless sequence */
        "tags:\n  - x\n  -\n  - 'y z'\n",  /* indented, an empty item */
        "model-index:\n- name: Tiny\n  results:\n  - task:\n      type: text\n    metrics: []\n",
        "a:\nb: \nc: # nothing\n",                           /* empty values */
        "k: 'it''s'\nq: \"x: y\"\nr: a#b\ns: c # d\n",       /* quotes, '#' inside and after */
        "language: [en, 'fr', \"de\"]\nlist: [ a b , c ]\n", /* flow sequences */
        "key : value\n'quoted key': 1\n\"dq\": 2\n",
        "a: 1\na: 2\n", /* a duplicate key: the builder's diagnostic */
        "x: -1\ny: http://example.com/a:b\n",
        "\r\nlicense: mit\r\ntags:\r\n- a\r\n", /* CRLF */
        "a scalar document\n",
        "a: long\n  text\n\n   more  \n\n\n  end\nb: c\n", /* a folded plain scalar */
        "- one\n  two\n- three\n",
        "p: '<s>[INST] {prompt} [/INST]\n\n  '\nq: 'a''b  \n   c\n\n\n   d ''e''  '\n", /* folded
                                                                                           quotes */
        "# only a comment\n",
        "",
    };

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        if (same(cases[i]) != 1 && cases[i][0] != '\0' && cases[i][0] != '#')
            fail_msg("the fast reader gave up on:\n%s", cases[i]);
    }
}

/* Close neighbours the fast reader leaves to libyaml (the trees still agree). */
static void test_give_up(void **state)
{
    static const char *const cases[] = {
        "a: \"x\\ty\"\n",         /* escape */
        "a: |\n  text\n",         /* block scalar */
        "a: \"one\n  two\"\n",    /* multi-line double-quoted scalar */
        "a: 'one\ntwo'\n",        /* a quoted line not indented */
        "a: 'one\n  two' x\n",    /* text after the closing quote */
        "a: {b: 1}\n",            /* flow mapping */
        "a: [b, [c]]\n",          /* nested flow */
        "a: [b,\n  c]\n",         /* flow over two lines */
        "a: [b, ]\n",             /* trailing entry */
        "a: [b: c]\n",            /* flow pair */
        "a: &x 1\nb: *x\n",       /* anchor and alias */
        "a: !!str 1\n",           /* tag */
        "? a\n: b\n",             /* complex key */
        "a:\tb\n",                /* tab */
        "name: T\xC3\xADtulo\n",  /* non-ASCII */
        "a: b: c\n",              /* error */
        "a: 1\n b: 2\n",          /* error */
        "- a\nb: 1\n",            /* error */
        "---\na: 1\n",            /* document marker */
        "%YAML 1.1\n---\na: 1\n", /* directive */
        "a: 1\r b: 2\n",          /* lone CR */
        "a:\n- b\n  - c\n",       /* error inside a sequence */
    };

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        if (same(cases[i]) != 0)
            fail_msg("the fast reader read:\n%s", cases[i]);
}

/* Random edits of small documents: whatever is read fast matches libyaml. */
static void test_mutations(void **state)
{
    static const char *const docs[] = {
        "license: mit\ntags:\n- a\n- 'b'\nmodel-index:\n- name: T\n  results:\n  - x: [1, 2]\n"
        "    y: \"z\"\n# c\nbase_model: acme-ai/Tiny-7B\n",
        "a:\n  b:\n    c: d\n  e:\n  - f\n  -\n  - g: h\n    i: j\nk: l # m\n",
    };
    static const char *const ins[] = {" ", "  ", ":", ": ", "-", "- ", "#",    " #",   "\n", "\r\n",
                                      "'", "\"", "a", "[",  "]", ",",  "\n  ", "\n- ", "''"};
    unsigned long long r = 0x9E3779B97F4A7C15ull;
    char buf[512];
    int fast = 0;

    (void)state;
    for (int round = 0; round < 4000; round++) {
        const char *d = docs[round % 2];
        size_t len = strlen(d);
        memcpy(buf, d, len);
        for (int k = 0; k < 1 + round % 3; k++) {
            size_t pos;
            r ^= r << 13;
            r ^= r >> 7;
            r ^= r << 17;
            pos = (size_t)(r % (len + 1));
            if ((r >> 20) % 3 == 0 && pos < len) {
                memmove(buf + pos, buf + pos + 1, len - pos - 1);
                len--;
            } else if ((r >> 20) % 3 == 1) {
                const char *s = ins[(r >> 32) % (sizeof(ins) / sizeof(ins[0]))];
                size_t sl = strlen(s);
                memmove(buf + pos + sl, buf + pos, len - pos);
                memcpy(buf + pos, s, sl);
                len += sl;
            } else {
                len = pos;
            }
        }
        fast += same_tree(buf, len);
    }
    printf("%d of 4000 edited documents read fast\n", fast);
    assert_true(fast > 1000); /* the comparison is not vacuous */
}

/* Every front matter of the Hub cards: the same tree either way. */
static void test_corpus(void **state)
{
    const char *corpus = tu_corpus();
    char dir[4096];
    DIR *d;
    struct dirent *de;
    size_t n = 0, fast = 0;

    (void)state;
    if (corpus == NULL) {
        printf("corpus not found: skipped\n");
        skip();
    }
    snprintf(dir, sizeof(dir), "%s/hub/hf-readme", corpus);
    if ((d = opendir(dir)) == NULL) {
        printf("%s: not found: skipped\n", dir);
        skip();
    }
    while ((de = readdir(d)) != NULL) {
        char path[8192];
        FILE *f;
        char *buf;
        size_t len;
        mc_fm_match m;
        if (de->d_name[0] == '.')
            continue;
        snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
        if ((f = fopen(path, "rb")) == NULL)
            continue;
        buf = malloc(1 << 21);
        assert_non_null(buf);
        len = fread(buf, 1, 1 << 21, f);
        fclose(f);
        mc_fm_find(&m, buf, len);
        if (m.found) {
            n++;
            fast += (size_t)same_tree(buf + m.yaml, m.yaml_len);
        }
        free(buf);
    }
    closedir(d);
    printf("%zu front matters, %zu read fast\n", n, fast);
    if (n == 0) {
        printf("no cards: skipped\n");
        skip();
    }
    assert_true(fast > n / 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_read),
        cmocka_unit_test(test_give_up),
        cmocka_unit_test(test_mutations),
        cmocka_unit_test(test_corpus),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
