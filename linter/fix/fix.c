/* --fix and --diff: the mechanical front-matter fixes (see mclint/fix.h) and a unified diff
 * writer. A fix rewrites the bytes of one scalar value and nothing else. */
#include "mclint/fix.h"
#include "mclint/doc.h"
#include "mclint/yaml.h"
#include "card/embedded.h"
#include "record/data.h"
#include "util/buf.h"
#include "util/str.h"

#include <stdlib.h>
#include <string.h>

#define MAX_VALUE 200 /* longer values are not names or spellings mclint knows */

typedef struct {
    size_t at, len; /* the bytes replaced */
    const char *to; /* the new value (static or data-owned) */
} edit;

/* `s` lower-cased, white space runs as one space, trimmed, into `out` (size > MAX_VALUE);
 * false if it is too long. */
static bool normalise(const char *s, char *out)
{
    size_t n = 0;
    bool space = false;

    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == ' ' || c == '\t') {
            space = n > 0;
            continue;
        }
        if (n + 2 >= MAX_VALUE)
            return false;
        if (space)
            out[n++] = ' ';
        space = false;
        out[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    out[n] = '\0';
    return true;
}

/* The value of `key` in the mapping `file`:`map` whose key matches `norm` (normalised). */
static const char *lookup(const char *file, const char *map, const char *norm)
{
    const mc_ynode *root = mc_embedded_root(file), *m = root ? mc_ynode_get(root, map) : NULL;
    char k[MAX_VALUE];

    for (size_t i = 0; m && i < mc_ynode_size(m); i++) {
        const char *key = mc_ynode_str(mc_ynode_key(m, i));
        if (key && normalise(key, k) && strcmp(k, norm) == 0)
            return mc_ynode_str(mc_ynode_value(m, i));
    }
    return NULL;
}

/* The item of the list `file`:`key` equal to `norm`, as the data spells it. */
static const char *list_item(const char *file, const char *key, const char *norm)
{
    const mc_ynode *root = mc_embedded_root(file), *l = root ? mc_ynode_get(root, key) : NULL;

    for (size_t i = 0; l && i < mc_ynode_size(l); i++) {
        const char *s = mc_ynode_str(mc_ynode_item(l, i));
        if (s && strcmp(s, norm) == 0)
            return s;
    }
    return NULL;
}

/* The Hub id of a licence value that is not one, when it can only mean that id. */
static const char *license_fix(const char *value)
{
    const mc_ynode *root, *list;
    char norm[MAX_VALUE], k[MAX_VALUE];
    const char *to;

    if (mc_data_list_has("hub.yaml", "licenses", value, false) || !normalise(value, norm))
        return NULL;
    if ((to = list_item("hub.yaml", "licenses", norm)) != NULL)
        return to; /* the same id in another case */
    if ((to = lookup("hub.yaml", "fix_license_names", norm)) != NULL)
        return to;
    /* the full name of a licence mclint knows whose id is a Hub id */
    root = mc_embedded_root("licenses.yaml");
    list = root ? mc_ynode_get(root, "licenses") : NULL;
    for (size_t i = 0; list && i < mc_ynode_size(list); i++) {
        const mc_ynode *e = mc_ynode_item(list, i);
        const char *name = mc_ynode_str(mc_ynode_get(e, "name"));
        const char *id = mc_ynode_str(mc_ynode_get(e, "id"));
        if (name && id && normalise(name, k) && strcmp(k, norm) == 0 &&
            mc_data_list_has("hub.yaml", "licenses", id, false))
            return id;
    }
    return NULL;
}

/* The Hub relation a base_model_relation value spells differently. */
static const char *relation_fix(const char *value)
{
    char norm[MAX_VALUE];
    const char *to;

    if (mc_data_list_has("hub.yaml", "base_model_relations", value, false) ||
        !normalise(value, norm))
        return NULL;
    if ((to = list_item("hub.yaml", "base_model_relations", norm)) != NULL)
        return to;
    return lookup("hub.yaml", "fix_relations", norm);
}

/* Byte offset of (line, col) in `text` (1-based; columns count code points), or -1. */
static long offset_of(const char *text, size_t len, unsigned line, unsigned col)
{
    size_t i = 0;

    for (unsigned l = 1; l < line; l++) {
        const char *nl = memchr(text + i, '\n', len - i);
        if (nl == NULL)
            return -1;
        i = (size_t)(nl - text) + 1;
    }
    for (unsigned c = 1; c < col; c++) {
        if (i >= len || text[i] == '\n')
            return -1;
        i += mc_utf8_seqlen(text + i, len - i);
    }
    return (long)i;
}

/* The edit that sets the scalar `node` to `to`, if its bytes in the text are its value. */
static bool make_edit(const char *text, size_t len, const mc_ynode *node, const char *to, edit *e)
{
    mc_span sp = mc_ynode_span(node);
    const char *value = mc_ynode_str(node);
    size_t vl = mc_ynode_strlen(node);
    long a, b;

    if (value == NULL || sp.line == 0 || sp.end_line != sp.line || vl == 0)
        return false;
    a = offset_of(text, len, sp.line, sp.col);
    b = offset_of(text, len, sp.end_line, sp.end_col);
    if (a < 0 || b <= a)
        return false;
    if (!mc_ynode_plain(node)) {
        /* quoted: the same quote at both ends and the value between them as written */
        char q = text[a];
        if ((q != '"' && q != '\'') || b - a < 2 || text[b - 1] != q)
            return false;
        a++;
        b--;
    }
    if ((size_t)(b - a) != vl || memcmp(text + a, value, vl) != 0 || memchr(value, '\n', vl))
        return false;
    e->at = (size_t)a;
    e->len = vl;
    e->to = to;
    return true;
}

/* The value node of `key` in the mapping `root` if the key appears exactly once. */
static const mc_ynode *single(const mc_ynode *root, const char *key)
{
    const mc_ynode *v = NULL;
    size_t n = 0;

    for (size_t i = 0; i < mc_ynode_size(root); i++) {
        const char *k = mc_ynode_str(mc_ynode_key(root, i));
        if (k && strcmp(k, key) == 0) {
            v = mc_ynode_value(root, i);
            n++;
        }
    }
    return n == 1 && mc_ynode_kind_of(v) == MC_YNODE_SCALAR ? v : NULL;
}

int mc_fix_card(const char *text, size_t len, mc_fix_filter filter, void *ctx, char **out,
                size_t *out_len, size_t *nfixes)
{
    static const struct {
        const char *key, *rule;
        const char *(*fix)(const char *value);
    } fixes[] = {
        {"license", "MC102", license_fix},
        {"base_model_relation", "MC106", relation_fix},
    };
    edit edits[sizeof(fixes) / sizeof(fixes[0])];
    size_t n = 0, at = 0;
    mc_doc *doc = NULL;
    const mc_ynode *root;
    mc_buf b = MC_BUF_INIT;
    int rc;

    *out = NULL;
    *out_len = 0;
    *nfixes = 0;
    if ((rc = mc_doc_parse(&doc, "card", text, len, MC_DOC_MARKDOWN, NULL)) < 0)
        return rc == MC_ENOMEM ? rc : 0; /* too big: nothing to fix */
    root = mc_doc_has_front_matter(doc) && mc_doc_yaml(doc) &&
                   mc_yaml_syntax_error(mc_doc_yaml(doc)) == NULL
               ? mc_yaml_root(mc_doc_yaml(doc))
               : NULL;
    if (root == NULL || mc_ynode_kind_of(root) != MC_YNODE_MAP)
        goto done;
    for (size_t i = 0; i < sizeof(fixes) / sizeof(fixes[0]); i++) {
        const mc_ynode *v = single(root, fixes[i].key);
        const char *to = v && mc_ynode_str(v) ? fixes[i].fix(mc_ynode_str(v)) : NULL;
        if (to && (filter == NULL || filter(fixes[i].rule, mc_ynode_span(v).line, ctx)) &&
            make_edit(text, len, v, to, &edits[n]))
            n++;
    }
    if (n == 0)
        goto done;
    if (n == 2 && edits[1].at < edits[0].at) {
        edit t = edits[0];
        edits[0] = edits[1];
        edits[1] = t;
    }
    for (size_t i = 0; i < n; i++) {
        mc_buf_put(&b, text + at, edits[i].at - at);
        mc_buf_puts(&b, edits[i].to);
        at = edits[i].at + edits[i].len;
    }
    mc_buf_put(&b, text + at, len - at);
    if (!mc_buf_ok(&b)) {
        mc_buf_release(&b);
        rc = mc_error_set(MC_ENOMEM, "out of memory");
        goto done;
    }
    *out_len = b.len;
    *out = mc_buf_detach(&b);
    *nfixes = n;
done:
    mc_doc_free(doc);
    return rc < 0 ? rc : 0;
}

/* ---- unified diff ------------------------------------------------------------------- */

typedef struct {
    const char *p;
    size_t len; /* with its '\n', if any */
} line;

static size_t split(const char *s, size_t n, line **out)
{
    size_t count = 0, cap = 0, i = 0;
    line *v = NULL;

    while (i < n) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t l = nl ? (size_t)(nl - (s + i)) + 1 : n - i;
        if (count == cap) {
            line *w = realloc(v, (cap = cap ? cap * 2 : 64) * sizeof(line));
            if (w == NULL) {
                free(v);
                *out = NULL;
                return SIZE_MAX;
            }
            v = w;
        }
        v[count].p = s + i;
        v[count].len = l;
        count++;
        i += l;
    }
    *out = v;
    return count;
}

static bool same(const line *x, const line *y)
{
    return x->len == y->len && memcmp(x->p, y->p, x->len) == 0;
}

static void put_line(mc_buf *b, char mark, const line *l)
{
    mc_buf_putc(b, mark);
    mc_buf_put(b, l->p, l->len);
    if (l->len == 0 || l->p[l->len - 1] != '\n')
        mc_buf_puts(b, "\n\\ No newline at end of file\n");
}

int mc_fix_diff(FILE *out, const char *path, const char *a, size_t alen, const char *b, size_t blen)
{
    line *la = NULL, *lb = NULL;
    size_t na = split(a, alen, &la), nb = split(b, blen, &lb);
    mc_buf o = MC_BUF_INIT;
    int rc = 0;

    if (na == SIZE_MAX || nb == SIZE_MAX) {
        rc = mc_error_set(MC_ENOMEM, "out of memory");
        goto done;
    }
    mc_buf_printf(&o, "--- a/%s\n+++ b/%s\n", path, path);
    if (na != nb) {
        /* mclint's fixes keep the lines; anything else is shown as one hunk */
        mc_buf_printf(&o, "@@ -1,%zu +1,%zu @@\n", na, nb);
        for (size_t i = 0; i < na; i++)
            put_line(&o, '-', &la[i]);
        for (size_t i = 0; i < nb; i++)
            put_line(&o, '+', &lb[i]);
    } else {
        size_t i = 0;
        while (i < na) {
            size_t first, last, start, end;
            if (same(&la[i], &lb[i])) {
                i++;
                continue;
            }
            /* a hunk: changed lines closer than seven lines apart share their context */
            first = last = i;
            for (size_t j = i + 1; j < na && j <= last + 6; j++)
                if (!same(&la[j], &lb[j]))
                    last = j;
            start = first >= 3 ? first - 3 : 0;
            end = last + 4 < na ? last + 4 : na; /* exclusive */
            mc_buf_printf(&o, "@@ -%zu,%zu +%zu,%zu @@\n", start + 1, end - start, start + 1,
                          end - start);
            for (size_t j = start; j < end; j++) {
                if (same(&la[j], &lb[j])) {
                    put_line(&o, ' ', &la[j]);
                    continue;
                }
                size_t k = j;
                while (k < end && !same(&la[k], &lb[k]))
                    k++;
                for (size_t m = j; m < k; m++)
                    put_line(&o, '-', &la[m]);
                for (size_t m = j; m < k; m++)
                    put_line(&o, '+', &lb[m]);
                j = k - 1;
            }
            i = end;
        }
    }
    if (!mc_buf_ok(&o))
        rc = mc_error_set(MC_ENOMEM, "out of memory");
    else if (fwrite(o.ptr, 1, o.len, out) != o.len)
        rc = mc_error_set(MC_EIO, "could not write the diff");
done:
    mc_buf_release(&o);
    free(la);
    free(lb);
    return rc;
}
