/* sarif: SARIF 2.1.0 for GitHub code scanning (docs/output-formats.md). The driver lists
 * the rules that have results, sorted by id; results point at them by ruleIndex. */
#include "output/escape.h"
#include "output/writers.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define SARIF_DESCRIPTION_MAX 1000 /* GitHub's limit on fullDescription.text */
#define SARIF_SRCROOT "%SRCROOT%"  /* the base of every artifact location */

/* Build-time defaults (CMake cache variables of the same names); "" means none. */
#ifndef MCLINT_RULES_URL
#define MCLINT_RULES_URL ""
#endif
#ifndef MCLINT_INFORMATION_URI
#define MCLINT_INFORMATION_URI ""
#endif

static int cmp_id(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static const char *rule_id(const mc_finding *f)
{
    return f->rule ? f->rule : "";
}

/* text clipped to `max` bytes at a code point boundary, with an ellipsis */
static int add_text(cJSON *parent, const char *key, const char *text, size_t max)
{
    cJSON *o = cJSON_AddObjectToObject(parent, key);
    mc_buf b = MC_BUF_INIT;
    int rc;

    if (o == NULL)
        return MC_ENOMEM;
    if (max && strlen(text) > max) {
        mc_buf_put(&b, text, mc_out_clip(text, max - 3));
        mc_buf_puts(&b, "\xE2\x80\xA6");
    } else {
        mc_buf_puts(&b, text);
    }
    rc = mc_buf_ok(&b) ? mc_out_jadd_str(o, "text", mc_buf_cstr(&b)) : MC_ENOMEM;
    mc_buf_release(&b);
    return rc;
}

static int nonempty(const char *s)
{
    return s && *s;
}

/* URL#mcNNN: the rule's anchor in docs/rules.md (lower-case, as mclint rules --markdown
 * writes it) */
static int add_help_uri(cJSON *o, const char *rules_url, const char *id)
{
    mc_buf b = MC_BUF_INIT;
    int rc;

    mc_buf_puts(&b, rules_url);
    mc_buf_puts(&b, "#");
    for (const char *p = id; *p; p++)
        mc_buf_putc(&b, (char)tolower((unsigned char)*p));
    rc = mc_buf_ok(&b) ? mc_out_jadd_str(o, "helpUri", mc_buf_cstr(&b)) : MC_ENOMEM;
    mc_buf_release(&b);
    return rc;
}

static cJSON *rule_json(const char *id, const mc_finding *example, const mc_rules *rules,
                        const char *rules_url)
{
    const mc_rule *rule = rules ? mc_rules_find(rules, id) : NULL;
    const char *name = rule && nonempty(rule->name) ? rule->name : example->name;
    const char *title = rule && nonempty(rule->title) ? rule->title
                        : nonempty(example->title)    ? example->title
                                                      : id;
    const char *why = rule && nonempty(rule->rationale) ? rule->rationale : title;
    const char *fix = rule && nonempty(rule->fix) ? rule->fix : NULL;
    mc_severity sev = rule ? rule->severity : example->severity;
    cJSON *o = cJSON_CreateObject(), *help, *conf, *props, *tags;
    mc_buf text = MC_BUF_INIT, md = MC_BUF_INIT;
    int rc = 0;

    if (o == NULL)
        return NULL;
    rc |= mc_out_jadd_str(o, "id", id);
    if (nonempty(name))
        rc |= mc_out_jadd_str(o, "name", name);
    rc |= add_text(o, "shortDescription", title, 0);
    rc |= add_text(o, "fullDescription", why, SARIF_DESCRIPTION_MAX);
    /* docs/rules.md documents the built-in rules only, not those of rules_files */
    if (nonempty(rules_url) && mc_rules_builtin() && mc_rules_find(mc_rules_builtin(), id))
        rc |= add_help_uri(o, rules_url, id);
    mc_buf_puts(&text, why);
    mc_buf_printf(&md, "**%s**\n\n", id);
    mc_buf_puts(&md, why);
    if (fix) {
        mc_buf_puts(&text, "\n\nFix: ");
        mc_buf_puts(&text, fix);
        mc_buf_puts(&md, "\n\n**Fix:** ");
        mc_buf_puts(&md, fix);
    }
    if ((help = cJSON_AddObjectToObject(o, "help")) == NULL || !mc_buf_ok(&text) || !mc_buf_ok(&md))
        rc = MC_ENOMEM;
    else
        rc |= mc_out_jadd_str(help, "text", mc_buf_cstr(&text)) |
              mc_out_jadd_str(help, "markdown", mc_buf_cstr(&md));
    if ((conf = cJSON_AddObjectToObject(o, "defaultConfiguration")) == NULL)
        rc = MC_ENOMEM;
    else
        rc |= mc_out_jadd_str(conf, "level", mc_out_level(sev));
    if ((props = cJSON_AddObjectToObject(o, "properties")) == NULL ||
        (tags = cJSON_AddArrayToObject(props, "tags")) == NULL) {
        rc = MC_ENOMEM;
    } else {
        cJSON *t = cJSON_CreateString("provenance");
        if (t == NULL || !cJSON_AddItemToArray(tags, t))
            rc = MC_ENOMEM;
        if (rule && nonempty(rule->family)) {
            t = mc_out_jstr(rule->family);
            if (t == NULL || !cJSON_AddItemToArray(tags, t))
                rc = MC_ENOMEM;
        }
    }
    mc_buf_release(&text);
    mc_buf_release(&md);
    if (rc) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

/* A region {startLine, startColumn, endLine, endColumn} on `phys`, none for line 0. */
static int add_region(cJSON *phys, mc_span span)
{
    cJSON *region;
    unsigned end_line = span.end_line > span.line ? span.end_line : span.line;
    int rc = 0;

    if (span.line == 0)
        return 0;
    if ((region = cJSON_AddObjectToObject(phys, "region")) == NULL)
        return MC_ENOMEM;
    rc |= mc_out_jadd_num(region, "startLine", span.line, 1);
    if (span.col)
        rc |= mc_out_jadd_num(region, "startColumn", span.col, 1);
    rc |= mc_out_jadd_num(region, "endLine", end_line, 1);
    if (span.end_col && (end_line > span.line || span.end_col > (span.col ? span.col : 1)))
        rc |= mc_out_jadd_num(region, "endColumn", span.end_col, 1);
    return rc;
}

/* Text beside embedded links: a literal [ or ] (and a backslash before one) escaped with
 * a backslash, as SARIF 3.11.6 asks. */
static void link_escaped(mc_buf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '[' || *s == ']' || (*s == '\\' && (s[1] == '[' || s[1] == ']')))
            mc_buf_putc(b, '\\');
        mc_buf_putc(b, *s);
    }
}

/* The message text: with related locations, literal brackets escaped and
 * one embedded link per related location, "(evidence: [path:line](id))" (3.11.6). */
static void message_text(mc_buf *b, const mc_finding *f)
{
    const char *m = nonempty(f->message) ? f->message : rule_id(f);
    size_t n = mc_finding_related_count(f);

    if (n == 0) {
        mc_buf_puts(b, m);
        return;
    }
    link_escaped(b, m);
    mc_buf_puts(b, " (evidence: ");
    for (size_t i = 0; i < n; i++) {
        const mc_related *rel = mc_finding_related_at(f, i);
        mc_buf_puts(b, i ? ", [" : "[");
        link_escaped(b, rel->path ? rel->path : "");
        if (rel->span.line)
            mc_buf_printf(b, ":%u", rel->span.line);
        mc_buf_printf(b, "](%zu)", i + 1);
    }
    mc_buf_putc(b, ')');
}

/* relatedLocations: ids from 1, each with its place and what is there. */
static int add_related(cJSON *o, const mc_finding *f)
{
    size_t n = mc_finding_related_count(f);
    cJSON *arr;
    int rc = 0;

    if (n == 0)
        return 0;
    if ((arr = cJSON_AddArrayToObject(o, "relatedLocations")) == NULL)
        return MC_ENOMEM;
    for (size_t i = 0; i < n && rc == 0; i++) {
        const mc_related *rel = mc_finding_related_at(f, i);
        cJSON *loc = cJSON_CreateObject(), *phys, *art, *msg;
        mc_buf uri = MC_BUF_INIT;
        if (loc == NULL || !cJSON_AddItemToArray(arr, loc)) {
            cJSON_Delete(loc);
            return MC_ENOMEM;
        }
        mc_out_uri(&uri, rel->path);
        rc |= mc_out_jadd_num(loc, "id", (double)(i + 1), 1);
        if ((phys = cJSON_AddObjectToObject(loc, "physicalLocation")) == NULL ||
            (art = cJSON_AddObjectToObject(phys, "artifactLocation")) == NULL || !mc_buf_ok(&uri) ||
            mc_out_jadd_str(art, "uri", mc_buf_cstr(&uri)) || add_region(phys, rel->span))
            rc = MC_ENOMEM;
        if (rc == 0 && nonempty(rel->message) &&
            ((msg = cJSON_AddObjectToObject(loc, "message")) == NULL ||
             mc_out_jadd_str(msg, "text", rel->message)))
            rc = MC_ENOMEM;
        mc_buf_release(&uri);
    }
    return rc;
}

static cJSON *result_json(const mc_finding *f, size_t index)
{
    cJSON *o = cJSON_CreateObject(), *msg, *locs, *loc, *phys, *art, *fp;
    mc_buf uri = MC_BUF_INIT, text = MC_BUF_INIT;
    int rc = 0;

    if (o == NULL)
        return NULL;
    rc |= mc_out_jadd_str(o, "ruleId", rule_id(f));
    rc |= mc_out_jadd_num(o, "ruleIndex", (double)index, 1);
    rc |= mc_out_jadd_str(o, "level", mc_out_level(f->severity));
    message_text(&text, f);
    if ((msg = cJSON_AddObjectToObject(o, "message")) == NULL || !mc_buf_ok(&text) ||
        mc_out_jadd_str(msg, "text", mc_buf_cstr(&text)))
        rc = MC_ENOMEM;
    mc_out_uri(&uri, f->path);
    if ((locs = cJSON_AddArrayToObject(o, "locations")) == NULL ||
        (loc = cJSON_CreateObject()) == NULL) {
        rc = MC_ENOMEM;
    } else if (!cJSON_AddItemToArray(locs, loc)) {
        cJSON_Delete(loc);
        rc = MC_ENOMEM;
    } else if ((phys = cJSON_AddObjectToObject(loc, "physicalLocation")) == NULL ||
               (art = cJSON_AddObjectToObject(phys, "artifactLocation")) == NULL ||
               !mc_buf_ok(&uri) || mc_out_jadd_str(art, "uri", mc_buf_cstr(&uri)) ||
               mc_out_jadd_str(art, "uriBaseId", SARIF_SRCROOT)) {
        rc = MC_ENOMEM;
    } else if (add_region(phys, f->span)) { /* none for a whole-file finding */
        rc = MC_ENOMEM;
    }
    if (rc == 0 && add_related(o, f))
        rc = MC_ENOMEM;
    if ((fp = cJSON_AddObjectToObject(o, "partialFingerprints")) == NULL ||
        mc_out_jadd_str(fp, "mclint/v1", f->fingerprint ? f->fingerprint : ""))
        rc = MC_ENOMEM;
    mc_buf_release(&uri);
    mc_buf_release(&text);
    if (rc) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

/* automationDetails.id: "CATEGORY/" as GitHub's upload-sarif forms it from its category
 * input (a category that already ends in "/" is kept as it is); "mclint/" without one */
static int add_automation(cJSON *run, const char *category)
{
    cJSON *o = cJSON_AddObjectToObject(run, "automationDetails");
    mc_buf b = MC_BUF_INIT;
    int rc;

    if (o == NULL)
        return MC_ENOMEM;
    mc_buf_puts(&b, nonempty(category) ? category : "mclint");
    if (b.len == 0 || mc_buf_cstr(&b)[b.len - 1] != '/')
        mc_buf_puts(&b, "/");
    rc = mc_buf_ok(&b) ? mc_out_jadd_str(o, "id", mc_buf_cstr(&b)) : MC_ENOMEM;
    mc_buf_release(&b);
    return rc;
}

/* originalUriBaseIds: %SRCROOT% is the root of the linted repository; its absolute place is
 * left to the consumer (GitHub resolves it to the checkout), so the output stays the same
 * on every machine */
static int add_base_ids(cJSON *run)
{
    cJSON *ids = cJSON_AddObjectToObject(run, "originalUriBaseIds"), *root, *desc;

    if (ids == NULL || (root = cJSON_AddObjectToObject(ids, SARIF_SRCROOT)) == NULL ||
        (desc = cJSON_AddObjectToObject(root, "description")) == NULL)
        return MC_ENOMEM;
    return mc_out_jadd_str(desc, "text", "The root of the linted repository (its git work tree)");
}

int mc_out_sarif(FILE *out, const mc_report *r, const mc_output_options *opts)
{
    const char *rules_url = opts->rules_url ? opts->rules_url : MCLINT_RULES_URL;
    const char *info_uri = opts->information_uri ? opts->information_uri : MCLINT_INFORMATION_URI;
    size_t n = mc_report_count(r), nids = 0;
    const char **ids = calloc(n ? n : 1, sizeof(*ids));
    const mc_finding **first = calloc(n ? n : 1, sizeof(*first));
    cJSON *root = cJSON_CreateObject(), *runs, *run, *tool, *driver, *rules, *results;
    int rc = MC_ENOMEM;

    if (ids == NULL || first == NULL || root == NULL)
        goto done;
    /* the rules with results, sorted and unique */
    for (size_t i = 0; i < n; i++)
        ids[i] = rule_id(mc_report_at(r, i));
    if (n)
        qsort(ids, n, sizeof(*ids), cmp_id);
    for (size_t i = 0; i < n; i++)
        if (nids == 0 || strcmp(ids[nids - 1], ids[i]) != 0)
            ids[nids++] = ids[i];
    for (size_t i = 0; i < n; i++) {
        const mc_finding *f = mc_report_at(r, i);
        const char *key = rule_id(f);
        const char **hit = bsearch(&key, ids, nids, sizeof(*ids), cmp_id);
        if (hit && first[hit - ids] == NULL)
            first[hit - ids] = f;
    }

    if (mc_out_jadd_str(root, "$schema", "https://json.schemastore.org/sarif-2.1.0.json") ||
        mc_out_jadd_str(root, "version", "2.1.0") ||
        (runs = cJSON_AddArrayToObject(root, "runs")) == NULL ||
        (run = cJSON_CreateObject()) == NULL)
        goto done;
    if (!cJSON_AddItemToArray(runs, run)) {
        cJSON_Delete(run);
        goto done;
    }
    if ((tool = cJSON_AddObjectToObject(run, "tool")) == NULL ||
        (driver = cJSON_AddObjectToObject(tool, "driver")) == NULL ||
        mc_out_jadd_str(driver, "name", "mclint") ||
        mc_out_jadd_str(driver, "semanticVersion", MCLINT_VERSION) ||
        (nonempty(info_uri) && mc_out_jadd_str(driver, "informationUri", info_uri)) ||
        (rules = cJSON_AddArrayToObject(driver, "rules")) == NULL)
        goto done;
    for (size_t k = 0; k < nids; k++) {
        cJSON *rule = rule_json(ids[k], first[k], opts->rules, rules_url);
        if (rule == NULL)
            goto done;
        if (!cJSON_AddItemToArray(rules, rule)) {
            cJSON_Delete(rule);
            goto done;
        }
    }
    if (add_automation(run, opts->sarif_category) || add_base_ids(run) ||
        mc_out_jadd_str(run, "columnKind", "unicodeCodePoints") ||
        (results = cJSON_AddArrayToObject(run, "results")) == NULL)
        goto done;
    for (size_t i = 0; i < n; i++) {
        const mc_finding *f = mc_report_at(r, i);
        const char *key = rule_id(f);
        const char **hit = bsearch(&key, ids, nids, sizeof(*ids), cmp_id);
        cJSON *res = result_json(f, hit ? (size_t)(hit - ids) : 0);
        if (res == NULL)
            goto done;
        if (!cJSON_AddItemToArray(results, res)) {
            cJSON_Delete(res);
            goto done;
        }
    }
    rc = mc_out_print_json(out, root);
    if (rc == 0)
        rc = mc_out_finish(out);
done:
    if (rc == MC_ENOMEM)
        mc_error_set(MC_ENOMEM, "out of memory");
    cJSON_Delete(root);
    free(ids);
    free(first);
    return rc;
}
