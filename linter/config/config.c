/* The configuration: parsing (every error names file, line and column), `extends:` chains,
 * discovery, merging, queries, --show-config and applying it to a report. */
#include "config/config_int.h"
#include "config/glob.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/str.h"
#include "util/vec.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_MAX_FILE_SIZE (16ULL * 1024 * 1024)
#define MAX_SELECTOR_LEN 64

typedef struct {
    const char *file; /* NULL: the default */
    unsigned line;
    unsigned col;
} origin;

typedef struct {
    const char *id; /* rule id, family prefix, ALL; or a path / glob in path lists */
    origin o;
} item_t;

typedef struct {
    item_t *v;
    size_t n;
} item_list;

typedef struct {
    const char *id;
    mc_severity sev; /* MC_SEV_NONE: off */
    origin o;
} sevo_t;

typedef struct {
    const char *glob; /* repository-relative (the config's folder prepended) */
    const char *written;
    item_list sels;
    origin o;
} ppi_t;

typedef struct {
    origin o_select, o_ignore, o_severity, o_ppi, o_fail_on, o_min_tier, o_reports, o_rules_files,
        o_max, o_exclude, o_inline, o_extends;
    item_list select, ignore, reports, rules_files, exclude;
    sevo_t *sev;
    size_t nsev;
    ppi_t *ppi;
    size_t nppi;
    mc_severity fail_on;
    const char *min_tier;
    uint64_t max_file_size;
    bool no_inline;
    const char *extends;
} layer;

struct mc_config {
    mc_arena *a;
    layer eff;
    const char *path;
    const mc_rules *rules;
    mc_vec owned_rules;               /* mc_rules * loaded from rules_files */
    item_list cli_select, cli_ignore; /* the command line's selectors (mc_config_select_cli) */
    /* for --show-config: the .mclint.yaml files from the repository root down to the folder
     * the configuration was discovered for (root first; arena strings), and the files the
     * one in use extends (in the order they were read) */
    mc_vec chain, extended;
};

static const char *const tiers[] = {"T0", "T1", "T2", "T3", "T4", "T4-1", "T4-2", "T5", "T6"};

/* "FILE:LINE:COL: message" */
static int errat(const char *file, unsigned line, unsigned col, const char *fmt, ...)
    MC_PRINTF(4, 5);
static int errat(const char *file, unsigned line, unsigned col, const char *fmt, ...)
{
    mc_buf b = MC_BUF_INIT;
    va_list ap;
    int rc;

    mc_buf_printf(&b, "%s:%u:%u: ", file ? file : "<config>", line, col);
    va_start(ap, fmt);
    mc_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    if (!mc_buf_ok(&b)) {
        mc_buf_release(&b);
        return mc_error_set(MC_ENOMEM, "out of memory");
    }
    rc = mc_error_set(MC_EINVALID, "%s", mc_buf_cstr(&b));
    mc_buf_release(&b);
    return rc;
}

static origin node_origin(const char *file, const mc_ynode *n)
{
    mc_span sp = mc_ynode_span(n);
    origin o = {file, sp.line, sp.col};
    return o;
}

#define NERR(file, node, ...)                                                                      \
    errat((file), mc_ynode_span(node).line, mc_ynode_span(node).col, __VA_ARGS__)

static void layer_defaults(layer *L)
{
    memset(L, 0, sizeof(*L));
    L->fail_on = MC_SEV_ERROR;
    L->max_file_size = DEFAULT_MAX_FILE_SIZE;
}

static int config_new(mc_config **out, const mc_rules *rules)
{
    mc_config *cfg = calloc(1, sizeof(*cfg));
    static item_t all = {"ALL", {NULL, 0, 0}};

    *out = NULL;
    if (cfg == NULL || (cfg->a = mc_arena_new()) == NULL) {
        free(cfg);
        return mc_error_set(MC_ENOMEM, "out of memory");
    }
    layer_defaults(&cfg->eff);
    cfg->eff.select.v = &all;
    cfg->eff.select.n = 1;
    cfg->rules = rules;
    *out = cfg;
    return 0;
}

void mc_config_free(mc_config *cfg)
{
    if (cfg == NULL)
        return;
    for (size_t i = cfg->owned_rules.len; i > 0; i--)
        mc_rules_free(cfg->owned_rules.items[i - 1]);
    mc_vec_release(&cfg->owned_rules);
    mc_vec_release(&cfg->chain);
    mc_vec_release(&cfg->extended);
    mc_arena_free(cfg->a);
    free(cfg);
}

int mc_config_default(mc_config **out, const mc_rules *rules)
{
    return config_new(out, rules);
}

/* ---- parsing ---------------------------------------------------------------------- */

static const char *scalar(const mc_ynode *n)
{
    return n && mc_ynode_kind_of(n) == MC_YNODE_SCALAR ? mc_ynode_str(n) : NULL;
}

static bool selector_syntax_ok(const char *s)
{
    size_t n = strlen(s);

    if (n == 0 || n > MAX_SELECTOR_LEN)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_'))
            return false;
    }
    return true;
}

static int parse_selector(mc_config *cfg, const char *file, const mc_ynode *n, item_t *it)
{
    const char *s = scalar(n);

    if (s == NULL || mc_ynode_is_null(n))
        return NERR(file, n, "expected a rule id, a family prefix or ALL");
    if (!selector_syntax_ok(s))
        return NERR(file, n, "invalid rule selector '%.80s'", s);
    it->id = mc_arena_strdup(cfg->a, s);
    it->o = node_origin(file, n);
    return it->id ? 0 : mc_error_set(MC_ENOMEM, "out of memory");
}

static int parse_selectors(mc_config *cfg, const char *file, const char *key, const mc_ynode *v,
                           item_list *out)
{
    size_t n;
    int rc;

    if (mc_ynode_kind_of(v) != MC_YNODE_SEQ)
        return NERR(file, v, "'%s' must be a list of rule ids or prefixes", key);
    n = mc_ynode_size(v);
    out->v = mc_arena_alloc(cfg->a, (n ? n : 1) * sizeof(item_t));
    if (out->v == NULL)
        return mc_error_set(MC_ENOMEM, "out of memory");
    out->n = n;
    for (size_t i = 0; i < n; i++)
        if ((rc = parse_selector(cfg, file, mc_ynode_item(v, i), &out->v[i])) < 0)
            return rc;
    return 0;
}

/* Prepend the config's folder to a glob, escaping the folder's metacharacters. */
static const char *join_glob(mc_config *cfg, const char *base_dir, const char *glob)
{
    mc_buf b = MC_BUF_INIT;
    const char *r;

    for (const char *p = base_dir; p && *p; p++) {
        if (*p == '*' || *p == '?' || *p == '[') {
            mc_buf_putc(&b, '[');
            mc_buf_putc(&b, *p);
            mc_buf_putc(&b, ']');
        } else {
            mc_buf_putc(&b, *p);
        }
    }
    if (b.len)
        mc_buf_putc(&b, '/');
    mc_buf_puts(&b, glob);
    r = mc_buf_ok(&b) ? mc_arena_strdup(cfg->a, mc_buf_cstr(&b)) : NULL;
    mc_buf_release(&b);
    return r;
}

static int parse_globs(mc_config *cfg, const char *file, const char *base_dir, const char *key,
                       const mc_ynode *v, item_list *out)
{
    size_t n;

    if (mc_ynode_kind_of(v) != MC_YNODE_SEQ)
        return NERR(file, v, "'%s' must be a list of globs", key);
    n = mc_ynode_size(v);
    out->v = mc_arena_alloc(cfg->a, (n ? n : 1) * sizeof(item_t));
    if (out->v == NULL)
        return mc_error_set(MC_ENOMEM, "out of memory");
    out->n = n;
    for (size_t i = 0; i < n; i++) {
        const mc_ynode *it = mc_ynode_item(v, i);
        const char *s = scalar(it), *why;
        if (s == NULL || mc_ynode_is_null(it))
            return NERR(file, it, "expected a glob");
        if ((why = mc_glob_check(s)) != NULL)
            return NERR(file, it, "invalid glob '%.200s': %s", s, why);
        out->v[i].id = join_glob(cfg, base_dir, s);
        out->v[i].o = node_origin(file, it);
        if (out->v[i].id == NULL)
            return mc_error_set(MC_ENOMEM, "out of memory");
    }
    return 0;
}

static int parse_paths(mc_config *cfg, const char *file, const char *base_dir, const char *key,
                       const mc_ynode *v, item_list *out)
{
    size_t n;

    if (mc_ynode_kind_of(v) != MC_YNODE_SEQ)
        return NERR(file, v, "'%s' must be a list of paths", key);
    n = mc_ynode_size(v);
    out->v = mc_arena_alloc(cfg->a, (n ? n : 1) * sizeof(item_t));
    if (out->v == NULL)
        return mc_error_set(MC_ENOMEM, "out of memory");
    out->n = n;
    for (size_t i = 0; i < n; i++) {
        const mc_ynode *it = mc_ynode_item(v, i);
        const char *s = scalar(it);
        char *joined, *norm;
        if (s == NULL || mc_ynode_is_null(it) || *s == '\0')
            return NERR(file, it, "expected a path");
        if (*s == '/')
            return NERR(file, it, "path '%.200s' must be relative to the repository", s);
        joined = mc_path_join(base_dir, s);
        norm = joined ? mc_path_normalize(joined) : NULL;
        free(joined);
        if (norm == NULL)
            return NERR(file, it, "path '%.200s' leaves the repository", s);
        out->v[i].id = mc_arena_strdup(cfg->a, *norm ? norm : ".");
        out->v[i].o = node_origin(file, it);
        free(norm);
        if (out->v[i].id == NULL)
            return mc_error_set(MC_ENOMEM, "out of memory");
    }
    return 0;
}

static bool parse_sev_name(const char *s, mc_severity *out)
{
    if (s == NULL)
        return false;
    if (strcmp(s, "off") == 0) {
        *out = MC_SEV_NONE;
        return true;
    }
    if (strcmp(s, "error") && strcmp(s, "warning") && strcmp(s, "note") && strcmp(s, "info"))
        return false;
    *out = mc_severity_parse(s);
    return *out != MC_SEV_NONE;
}

static int parse_severity_map(mc_config *cfg, const char *file, const mc_ynode *v, layer *L)
{
    size_t n;
    int rc;

    if (mc_ynode_kind_of(v) != MC_YNODE_MAP)
        return NERR(file, v, "'severity' must be a mapping of rule id or prefix to severity");
    n = mc_ynode_size(v);
    L->sev = mc_arena_alloc(cfg->a, (n ? n : 1) * sizeof(sevo_t));
    if (L->sev == NULL)
        return mc_error_set(MC_ENOMEM, "out of memory");
    L->nsev = n;
    for (size_t i = 0; i < n; i++) {
        const mc_ynode *val = mc_ynode_value(v, i);
        item_t it;
        if ((rc = parse_selector(cfg, file, mc_ynode_key(v, i), &it)) < 0)
            return rc;
        L->sev[i].id = it.id;
        L->sev[i].o = it.o;
        if (!parse_sev_name(scalar(val), &L->sev[i].sev))
            return NERR(file, val,
                        "invalid severity '%.40s' (expected error, warning, note or off)",
                        scalar(val) ? scalar(val) : "");
    }
    return 0;
}

static int parse_ppi(mc_config *cfg, const char *file, const char *base_dir, const mc_ynode *v,
                     layer *L)
{
    size_t n;
    int rc;

    if (mc_ynode_kind_of(v) != MC_YNODE_MAP)
        return NERR(file, v, "'per_path_ignores' must be a mapping of glob to rule list");
    n = mc_ynode_size(v);
    L->ppi = mc_arena_alloc(cfg->a, (n ? n : 1) * sizeof(ppi_t));
    if (L->ppi == NULL)
        return mc_error_set(MC_ENOMEM, "out of memory");
    L->nppi = n;
    for (size_t i = 0; i < n; i++) {
        const mc_ynode *k = mc_ynode_key(v, i);
        const char *g = scalar(k), *why;
        if (g == NULL || *g == '\0')
            return NERR(file, k, "expected a glob");
        if ((why = mc_glob_check(g)) != NULL)
            return NERR(file, k, "invalid glob '%.200s': %s", g, why);
        L->ppi[i].glob = join_glob(cfg, base_dir, g);
        L->ppi[i].written = mc_arena_strdup(cfg->a, g);
        L->ppi[i].o = node_origin(file, k);
        if (L->ppi[i].glob == NULL || L->ppi[i].written == NULL)
            return mc_error_set(MC_ENOMEM, "out of memory");
        if ((rc = parse_selectors(cfg, file, "per_path_ignores", mc_ynode_value(v, i),
                                  &L->ppi[i].sels)) < 0)
            return rc;
    }
    return 0;
}

/* "16MiB", "10 MB", "1048576" */
static bool parse_size(const char *s, uint64_t *out)
{
    static const struct {
        const char *unit;
        uint64_t mul;
    } units[] = {{"", 1},           {"b", 1},           {"k", 1000},        {"kb", 1000},
                 {"kib", 1024},     {"m", 1000000},     {"mb", 1000000},    {"mib", 1 << 20},
                 {"g", 1000000000}, {"gb", 1000000000}, {"gib", 1ULL << 30}};
    unsigned long long v;
    char *end;

    if (s == NULL || *s < '0' || *s > '9')
        return false;
    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno != 0)
        return false;
    while (*end == ' ')
        end++;
    for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
        if (mc_strieq(end, units[i].unit)) {
            if (v == 0 || v > (1ULL << 40) / units[i].mul)
                return false;
            *out = v * units[i].mul;
            return true;
        }
    }
    return false;
}

static bool parse_bool(const char *s, bool *out)
{
    if (s && (!strcmp(s, "true") || !strcmp(s, "True") || !strcmp(s, "TRUE"))) {
        *out = true;
        return true;
    }
    if (s && (!strcmp(s, "false") || !strcmp(s, "False") || !strcmp(s, "FALSE"))) {
        *out = false;
        return true;
    }
    return false;
}

static int parse_layer(mc_config *cfg, layer *L, const char *file, const char *base_dir,
                       const char *text, size_t len)
{
    mc_yaml *y = NULL;
    const mc_ydiag *d;
    const mc_ynode *root;
    int rc;

    layer_defaults(L);
    if ((rc = mc_yaml_parse(&y, text, len, 1, NULL)) < 0)
        return rc;
    if ((d = mc_yaml_syntax_error(y)) != NULL) {
        rc = errat(file, d->span.line, d->span.col, "invalid YAML: %s", d->message);
        goto done;
    }
    for (size_t i = 0; i < mc_yaml_diag_count(y); i++) {
        d = mc_yaml_diag_at(y, i);
        if (d->kind != MC_YDIAG_ALIAS) {
            rc = errat(file, d->span.line, d->span.col, "%s", d->message);
            goto done;
        }
    }
    root = mc_yaml_root(y);
    if (root == NULL || mc_ynode_is_null(root))
        goto done; /* an empty file: the defaults */
    if (mc_ynode_kind_of(root) != MC_YNODE_MAP) {
        rc = NERR(file, root, "the configuration must be a mapping of keys to values");
        goto done;
    }
    for (size_t i = 0; i < mc_ynode_size(root) && rc == 0; i++) {
        const mc_ynode *k = mc_ynode_key(root, i), *v = mc_ynode_value(root, i);
        const char *key = scalar(k), *s = scalar(v);
        origin ko = node_origin(file, k);

        if (key == NULL) {
            rc = NERR(file, k, "keys must be strings");
        } else if (!strcmp(key, "select")) {
            L->o_select = ko;
            rc = parse_selectors(cfg, file, key, v, &L->select);
        } else if (!strcmp(key, "ignore")) {
            L->o_ignore = ko;
            rc = parse_selectors(cfg, file, key, v, &L->ignore);
        } else if (!strcmp(key, "severity")) {
            L->o_severity = ko;
            rc = parse_severity_map(cfg, file, v, L);
        } else if (!strcmp(key, "per_path_ignores")) {
            L->o_ppi = ko;
            rc = parse_ppi(cfg, file, base_dir, v, L);
        } else if (!strcmp(key, "fail_on")) {
            L->o_fail_on = ko;
            if (!parse_sev_name(s, &L->fail_on) || L->fail_on == MC_SEV_NONE)
                rc = NERR(file, v, "invalid fail_on '%.40s' (expected error, warning or note)",
                          s ? s : "");
        } else if (!strcmp(key, "min_tier")) {
            L->o_min_tier = ko;
            L->min_tier = mc_config_tier_name(s);
            if (L->min_tier == NULL)
                rc = NERR(file, v, "invalid min_tier '%.40s' (expected T0..T6, T4-1 or T4-2)",
                          s ? s : "");
        } else if (!strcmp(key, "reports")) {
            L->o_reports = ko;
            rc = parse_paths(cfg, file, base_dir, key, v, &L->reports);
        } else if (!strcmp(key, "rules_files")) {
            L->o_rules_files = ko;
            rc = parse_paths(cfg, file, base_dir, key, v, &L->rules_files);
        } else if (!strcmp(key, "max_file_size")) {
            L->o_max = ko;
            if (!parse_size(s, &L->max_file_size))
                rc = NERR(file, v, "invalid max_file_size '%.40s' (expected e.g. 16MiB)",
                          s ? s : "");
        } else if (!strcmp(key, "exclude")) {
            L->o_exclude = ko;
            rc = parse_globs(cfg, file, base_dir, key, v, &L->exclude);
        } else if (!strcmp(key, "no_inline_config")) {
            L->o_inline = ko;
            if (!parse_bool(s, &L->no_inline))
                rc = NERR(file, v, "'no_inline_config' must be true or false");
        } else if (!strcmp(key, "extends")) {
            L->o_extends = ko;
            if (s == NULL || *s == '\0' || mc_ynode_is_null(v))
                rc = NERR(file, v, "'extends' must be the path of a configuration file");
            else if ((L->extends = mc_arena_strdup(cfg->a, s)) == NULL)
                rc = mc_error_set(MC_ENOMEM, "out of memory");
        } else {
            rc = NERR(file, k, "unknown key '%.80s'", key);
        }
    }
done:
    mc_yaml_free(y);
    if (rc == 0 && mc_arena_failed(cfg->a))
        rc = mc_error_set(MC_ENOMEM, "out of memory");
    return rc;
}

/* ---- merging and checking ------------------------------------------------------------ */

static int merge(mc_config *cfg, layer *dst, const layer *src)
{
#define TAKE(o, field)                                                                             \
    if (src->o.file) {                                                                             \
        dst->field = src->field;                                                                   \
        dst->o = src->o;                                                                           \
    }
    TAKE(o_select, select);
    TAKE(o_ignore, ignore);
    TAKE(o_fail_on, fail_on);
    TAKE(o_min_tier, min_tier);
    TAKE(o_reports, reports);
    TAKE(o_rules_files, rules_files);
    TAKE(o_max, max_file_size);
    TAKE(o_exclude, exclude);
    TAKE(o_inline, no_inline);
#undef TAKE
    if (src->o_severity.file) {
        sevo_t *v = mc_arena_alloc(cfg->a, (dst->nsev + src->nsev + 1) * sizeof(sevo_t));
        size_t n = 0;
        if (v == NULL)
            return mc_error_set(MC_ENOMEM, "out of memory");
        for (size_t i = 0; i < dst->nsev; i++) {
            bool over = false;
            for (size_t j = 0; j < src->nsev && !over; j++)
                over = !strcmp(dst->sev[i].id, src->sev[j].id);
            if (!over)
                v[n++] = dst->sev[i];
        }
        for (size_t j = 0; j < src->nsev; j++)
            v[n++] = src->sev[j];
        dst->sev = v;
        dst->nsev = n;
        dst->o_severity = src->o_severity;
    }
    if (src->o_ppi.file) {
        ppi_t *v = mc_arena_alloc(cfg->a, (dst->nppi + src->nppi + 1) * sizeof(ppi_t));
        size_t n = 0;
        if (v == NULL)
            return mc_error_set(MC_ENOMEM, "out of memory");
        for (size_t i = 0; i < dst->nppi; i++) {
            bool over = false;
            for (size_t j = 0; j < src->nppi && !over; j++)
                over = !strcmp(dst->ppi[i].glob, src->ppi[j].glob);
            if (!over)
                v[n++] = dst->ppi[i];
        }
        for (size_t j = 0; j < src->nppi; j++)
            v[n++] = src->ppi[j];
        dst->ppi = v;
        dst->nppi = n;
        dst->o_ppi = src->o_ppi;
    }
    return 0;
}

static bool any_id_with_prefix(const mc_rules *rules, const char *prefix)
{
    for (size_t i = 0; i < mc_rules_count(rules); i++)
        if (mc_has_prefix(mc_rules_at(rules, i)->id, prefix))
            return true;
    return false;
}

/* Check a selector against the catalogue; a rule name becomes its id. */
static int check_selector(mc_config *cfg, const char **id, const origin *o)
{
    const mc_rule *r;

    if (!strcmp(*id, "ALL") || cfg->rules == NULL)
        return 0;
    if ((r = mc_rules_find(cfg->rules, *id)) != NULL) {
        if (strcmp(r->id, *id) != 0 && (*id = mc_arena_strdup(cfg->a, r->id)) == NULL)
            return mc_error_set(MC_ENOMEM, "out of memory");
        return 0;
    }
    if (strlen(*id) >= 3 && any_id_with_prefix(cfg->rules, *id))
        return 0;
    return errat(o->file, o->line, o->col, "unknown rule or rule prefix '%s'", *id);
}

static int check_list(mc_config *cfg, item_list *l)
{
    int rc;

    for (size_t i = 0; i < l->n; i++)
        if ((rc = check_selector(cfg, &l->v[i].id, &l->v[i].o)) < 0)
            return rc;
    return 0;
}

static int check_all(mc_config *cfg)
{
    layer *L = &cfg->eff;
    int rc;

    if ((rc = check_list(cfg, &L->select)) < 0 || (rc = check_list(cfg, &L->ignore)) < 0)
        return rc;
    for (size_t i = 0; i < L->nsev; i++)
        if ((rc = check_selector(cfg, &L->sev[i].id, &L->sev[i].o)) < 0)
            return rc;
    for (size_t i = 0; i < L->nppi; i++)
        if ((rc = check_list(cfg, &L->ppi[i].sels)) < 0)
            return rc;
    return 0;
}

typedef struct {
    const mc_config_io *io;
    const item_list *l;
} rules_reader;

static int read_rules_file(void *ctx, size_t i, const char **path, char **text, size_t *len)
{
    rules_reader *rr = ctx;
    const item_list *l = rr->l;
    int rc = rr->io->repo_read(rr->io->repo_ctx, l->v[i].id, text, len);

    *path = l->v[i].id;
    if (rc == MC_ENOTFOUND)
        return errat(l->v[i].o.file, l->v[i].o.line, l->v[i].o.col, "rules file '%s' not found",
                     l->v[i].id);
    return rc < 0 ? rc : 0;
}

/* Load the configuration's rule files (through the repository) into its catalogue: one
 * catalogue for all of them (the built-in rules copied once). */
static int load_rules_files(mc_config *cfg, const mc_config_io *io)
{
    rules_reader rr = {io, &cfg->eff.rules_files};
    mc_rules *next = NULL;
    int rc;

    if (io == NULL || io->repo_read == NULL || rr.l->n == 0)
        return 0;
    rc = mc_rules_load_files(&next, cfg->rules, rr.l->n, read_rules_file, &rr);
    if (rc == 0 && (rc = mc_vec_push(&cfg->owned_rules, next)) < 0)
        mc_rules_free(next);
    else if (rc == 0)
        cfg->rules = next;
    return rc;
}

int mc_config_parse(mc_config **out, const char *path, const char *base_dir, const char *text,
                    size_t len, const mc_rules *rules)
{
    mc_config *cfg = NULL;
    layer L;
    int rc;

    *out = NULL;
    if ((rc = config_new(&cfg, rules)) < 0)
        return rc;
    if ((rc = parse_layer(cfg, &L, path, base_dir ? base_dir : "", text, len)) < 0)
        goto fail;
    if (L.extends) {
        rc = errat(path, L.o_extends.line, L.o_extends.col,
                   "'extends' needs a configuration found on disk");
        goto fail;
    }
    if ((rc = merge(cfg, &cfg->eff, &L)) < 0 || (rc = check_all(cfg)) < 0)
        goto fail;
    cfg->path = mc_arena_strdup(cfg->a, path);
    *out = cfg;
    return 0;
fail:
    mc_config_free(cfg);
    return rc;
}

/* ---- discovery ------------------------------------------------------------------------ */

static char *dirname_of(const char *path)
{
    return mc_strndup(path, mc_path_dirlen(path));
}

/* Load `path` and, first, what it extends; layers end up parent first. */
static int load_chain(mc_config *cfg, const mc_config_io *io, bool fs, const char *path,
                      const origin *from, const char *from_value, int depth, mc_vec *layers)
{
    mc_config_reader rd = fs ? io->fs_read : io->repo_read;
    void *ctx = fs ? io->fs_ctx : io->repo_ctx;
    char *text = NULL, *dir = NULL, *parent = NULL;
    const char *file = mc_arena_strdup(cfg->a, path);
    size_t len = 0;
    layer *L = mc_arena_alloc(cfg->a, sizeof(*L));
    int rc;

    if (file == NULL || L == NULL)
        return mc_error_set(MC_ENOMEM, "out of memory");
    if (rd == NULL)
        return mc_error_set(MC_ENOTFOUND, "%s: cannot read configuration", path);
    rc = rd(ctx, path, &text, &len);
    if (rc == MC_ENOTFOUND && from)
        return errat(from->file, from->line, from->col,
                     "'extends: %s' names '%s' (relative to the folder of %s), which does not "
                     "exist",
                     from_value, path, from->file);
    if (rc == MC_ENOTFOUND)
        return mc_error_set(MC_ENOTFOUND, "%s: configuration file not found", path);
    if (rc < 0)
        return rc;
    dir = dirname_of(path);
    if (dir == NULL) {
        free(text);
        return mc_error_set(MC_ENOMEM, "out of memory");
    }
    rc = parse_layer(cfg, L, file, fs ? "" : dir, text, len);
    free(text);
    if (rc < 0)
        goto done;
    if (L->extends) {
        if (depth >= MC_CONFIG_MAX_EXTENDS) {
            rc = errat(file, L->o_extends.line, L->o_extends.col,
                       "'extends' chain longer than %d files (a cycle?)", MC_CONFIG_MAX_EXTENDS);
            goto done;
        }
        if (fs && L->extends[0] == '/') {
            parent = mc_strdup(L->extends);
        } else {
            char *joined = mc_path_join(dir, L->extends);
            if (fs)
                parent = joined;
            else {
                parent = joined ? mc_path_normalize(joined) : NULL;
                free(joined);
                if (parent == NULL || *parent == '\0') {
                    rc = errat(file, L->o_extends.line, L->o_extends.col,
                               "'extends' path '%s' leaves the repository", L->extends);
                    goto done;
                }
            }
        }
        if (parent == NULL) {
            rc = mc_error_set(MC_ENOMEM, "out of memory");
            goto done;
        }
        rc = load_chain(cfg, io, fs, parent, &L->o_extends, L->extends, depth + 1, layers);
        if (rc == 0) {
            const char *kept = mc_arena_strdup(cfg->a, parent);
            if (kept == NULL || mc_vec_push(&cfg->extended, (void *)kept) < 0)
                rc = mc_error_set(MC_ENOMEM, "out of memory");
        }
        if (rc < 0)
            goto done;
    }
    rc = mc_vec_push(layers, L);
done:
    free(dir);
    free(parent);
    return rc;
}

static int finish(mc_config *cfg, const mc_config_io *io, mc_vec *layers)
{
    int rc = 0;

    for (size_t i = 0; i < layers->len && rc == 0; i++)
        rc = merge(cfg, &cfg->eff, layers->items[i]);
    if (rc == 0)
        rc = load_rules_files(cfg, io);
    if (rc == 0)
        rc = check_all(cfg);
    return rc;
}

int mc_config_discover_io(mc_config **out, const mc_config_io *io, const char *start_dir,
                          const char *explicit_path, const mc_rules *rules)
{
    static const char *const names[] = {".mclint.yaml", ".mclint.yml"};
    mc_config *cfg = NULL;
    mc_vec layers = MC_VEC_INIT;
    char *dir = NULL, *found = NULL;
    int rc;

    *out = NULL;
    if ((rc = config_new(&cfg, rules)) < 0)
        return rc;
    if (explicit_path && *explicit_path) {
        if ((rc = load_chain(cfg, io, true, explicit_path, NULL, NULL, 0, &layers)) < 0)
            goto fail;
        cfg->path = mc_arena_strdup(cfg->a, explicit_path);
    } else if (io->repo_read) {
        dir = mc_path_normalize(start_dir ? start_dir : "");
        if (dir == NULL) {
            rc = mc_error_set(MC_EINVALID, "'%s' is outside the repository", start_dir);
            goto fail;
        }
        /* every configuration file from `dir` up to the root (for --show-config); the
         * closest one is used */
        for (;;) {
            for (size_t i = 0; i < 2; i++) {
                char *p = mc_path_join(dir, names[i]), *text = NULL;
                const char *kept;
                size_t len;
                if (p == NULL) {
                    rc = mc_error_set(MC_ENOMEM, "out of memory");
                    goto fail;
                }
                rc = io->repo_read(io->repo_ctx, p, &text, &len);
                free(text);
                if (rc < 0) {
                    free(p);
                    if (rc != MC_ENOTFOUND)
                        goto fail;
                    rc = 0;
                    continue;
                }
                if ((kept = mc_arena_strdup(cfg->a, p)) == NULL ||
                    mc_vec_push(&cfg->chain, (void *)kept) < 0) {
                    free(p);
                    rc = mc_error_set(MC_ENOMEM, "out of memory");
                    goto fail;
                }
                if (found == NULL)
                    found = p;
                else
                    free(p);
                break; /* .mclint.yml only where there is no .mclint.yaml */
            }
            if (*dir == '\0')
                break;
            dir[mc_path_dirlen(dir)] = '\0';
        }
        for (size_t i = 0, n = cfg->chain.len; i < n / 2; i++) {
            void *t = cfg->chain.items[i];
            cfg->chain.items[i] = cfg->chain.items[n - 1 - i];
            cfg->chain.items[n - 1 - i] = t;
        }
        if (found) {
            if ((rc = load_chain(cfg, io, false, found, NULL, NULL, 0, &layers)) < 0)
                goto fail;
            cfg->path = mc_arena_strdup(cfg->a, found);
        }
    }
    if ((rc = finish(cfg, io, &layers)) < 0)
        goto fail;
    free(dir);
    free(found);
    mc_vec_release(&layers);
    *out = cfg;
    return 0;
fail:
    free(dir);
    free(found);
    mc_vec_release(&layers);
    mc_config_free(cfg);
    return rc;
}

int mc_config_fs_read(void *ctx, const char *path, char **out, size_t *len)
{
    FILE *f = fopen(path, "rb");
    mc_buf b = MC_BUF_INIT;
    char chunk[8192];
    size_t n;

    (void)ctx;
    *out = NULL;
    *len = 0;
    if (f == NULL)
        return errno == ENOENT || errno == ENOTDIR
                   ? MC_ENOTFOUND
                   : mc_error_set(MC_EIO, "%s: %s", path, strerror(errno));
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        if (b.len + n > MC_CONFIG_MAX_BYTES) {
            fclose(f);
            mc_buf_release(&b);
            return mc_error_set(MC_ETOOBIG, "%s: larger than %d bytes", path, MC_CONFIG_MAX_BYTES);
        }
        mc_buf_put(&b, chunk, n);
    }
    if (ferror(f)) {
        fclose(f);
        mc_buf_release(&b);
        return mc_error_set(MC_EIO, "%s: read error", path);
    }
    fclose(f);
    *len = b.len;
    if (!mc_buf_ok(&b) || (*out = b.len ? mc_buf_detach(&b) : mc_strdup("")) == NULL) {
        mc_buf_release(&b);
        return mc_error_set(MC_ENOMEM, "out of memory");
    }
    return 0;
}

/* ---- the command line's rule selection ------------------------------------------------ */

/* Append the comma-separated selectors of `list` (given to `option`) to `l`. */
static int add_cli_selectors(mc_config *cfg, const char *option, const char *list, item_list *l)
{
    static const char cli_file[] = "command line";
    size_t n = 1, k = l->n;
    const char *p = list;
    item_t *v;

    for (const char *c = list; *c; c++)
        n += *c == ',';
    if ((v = mc_arena_alloc(cfg->a, (l->n + n) * sizeof(item_t))) == NULL)
        return mc_error_set(MC_ENOMEM, "out of memory");
    if (l->n)
        memcpy(v, l->v, l->n * sizeof(item_t));
    while (p) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        const char *id = mc_arena_strndup(cfg->a, p, len);
        const mc_rule *r;

        p = end ? end + 1 : NULL;
        if (id == NULL)
            return mc_error_set(MC_ENOMEM, "out of memory");
        if (len == 0)
            continue; /* "MC1," and ",," are tolerated, as ruff does */
        if (!selector_syntax_ok(id))
            return mc_error_set(MC_EINVALID, "%s: invalid rule selector '%.80s'", option, id);
        if (strcmp(id, "ALL") != 0 && cfg->rules != NULL) {
            if ((r = mc_rules_find(cfg->rules, id)) != NULL)
                id = r->id; /* a rule name becomes its id */
            else if (strlen(id) < 3 || !any_id_with_prefix(cfg->rules, id))
                return mc_error_set(MC_EINVALID, "%s: unknown rule or rule prefix '%.80s'", option,
                                    id);
        }
        v[k].id = id;
        v[k].o.file = cli_file;
        v[k].o.line = v[k].o.col = 0;
        k++;
    }
    l->v = v;
    l->n = k;
    return 0;
}

int mc_config_select_cli(mc_config *cfg, const char *select, const char *ignore,
                         const char *extend_select)
{
    layer *L = &cfg->eff;
    int rc;

    if (select) {
        /* the rules named on the command line are the rules that run (ruff's precedence):
         * the configuration's select and ignore are both replaced */
        L->select.n = 0;
        L->ignore.n = 0;
        if ((rc = add_cli_selectors(cfg, "--select", select, &L->select)) < 0 ||
            (rc = add_cli_selectors(cfg, "--select", select, &cfg->cli_select)) < 0)
            return rc;
        L->o_select.file = L->o_ignore.file = "command line";
        L->o_select.line = L->o_ignore.line = 0;
    }
    if (extend_select) {
        if ((rc = add_cli_selectors(cfg, "--extend-select", extend_select, &L->select)) < 0 ||
            (rc = add_cli_selectors(cfg, "--extend-select", extend_select, &cfg->cli_select)) < 0)
            return rc;
        L->o_select.file = "command line";
        L->o_select.line = 0;
    }
    if (ignore) {
        if ((rc = add_cli_selectors(cfg, "--ignore", ignore, &L->ignore)) < 0 ||
            (rc = add_cli_selectors(cfg, "--ignore", ignore, &cfg->cli_ignore)) < 0)
            return rc;
        L->o_ignore.file = "command line";
        L->o_ignore.line = 0;
    }
    return 0;
}

/* ---- queries -------------------------------------------------------------------------- */

/* Specificity of the best selector of `l` matching `rule`: -1 none, 0 ALL, else length. */
static long best_match(const item_t *v, size_t n, const char *rule)
{
    long best = -1;

    for (size_t i = 0; i < n; i++) {
        long s = !strcmp(v[i].id, "ALL")        ? 0
                 : mc_has_prefix(rule, v[i].id) ? (long)strlen(v[i].id)
                                                : -1;
        if (s > best)
            best = s;
    }
    return best;
}

const char *mc_config_path(const mc_config *cfg)
{
    return cfg->path;
}

const mc_rules *mc_config_rules(const mc_config *cfg)
{
    return cfg->rules;
}

bool mc_config_rule_enabled(const mc_config *cfg, const char *rule_id)
{
    long s, i;

    if (rule_id == NULL)
        return false;
    /* a rule a command-line selector names is decided by the command line alone */
    s = best_match(cfg->cli_select.v, cfg->cli_select.n, rule_id);
    i = best_match(cfg->cli_ignore.v, cfg->cli_ignore.n, rule_id);
    if (s >= 0 || i >= 0)
        return s > i;
    s = best_match(cfg->eff.select.v, cfg->eff.select.n, rule_id);
    i = best_match(cfg->eff.ignore.v, cfg->eff.ignore.n, rule_id);
    return s >= 0 && s > i;
}

/* The severity with `fallback` when nothing in the configuration sets one. */
static mc_severity effective(const mc_config *cfg, const char *rule, const char *path,
                             mc_severity fallback)
{
    const layer *L = &cfg->eff;
    long best = -1;
    mc_severity sev = fallback;

    if (!mc_config_rule_enabled(cfg, rule))
        return MC_SEV_NONE;
    for (size_t i = 0; path && i < L->nppi; i++)
        if (best_match(L->ppi[i].sels.v, L->ppi[i].sels.n, rule) >= 0 &&
            mc_glob_match(L->ppi[i].glob, path))
            return MC_SEV_NONE;
    for (size_t i = 0; i < L->nsev; i++) {
        long s = !strcmp(L->sev[i].id, "ALL")        ? 0
                 : mc_has_prefix(rule, L->sev[i].id) ? (long)strlen(L->sev[i].id)
                                                     : -1;
        if (s > best) {
            best = s;
            sev = L->sev[i].sev;
        }
    }
    return sev;
}

mc_severity mc_config_severity(const mc_config *cfg, const char *rule_id, const char *path)
{
    const mc_rule *r = cfg->rules && rule_id ? mc_rules_find(cfg->rules, rule_id) : NULL;

    return effective(cfg, rule_id, path, r ? r->severity : MC_SEV_WARNING);
}

bool mc_config_excluded(const mc_config *cfg, const char *path)
{
    for (size_t i = 0; path && i < cfg->eff.exclude.n; i++)
        if (mc_glob_match(cfg->eff.exclude.v[i].id, path))
            return true;
    return false;
}

mc_severity mc_config_fail_on(const mc_config *cfg)
{
    return cfg->eff.fail_on;
}

const char *mc_config_tier_name(const char *name)
{
    for (size_t t = 0; name && t < sizeof(tiers) / sizeof(tiers[0]); t++)
        if (!strcmp(name, tiers[t]))
            return tiers[t];
    return NULL;
}

const char *mc_config_min_tier(const mc_config *cfg)
{
    return cfg->eff.min_tier;
}

size_t mc_config_report_dir_count(const mc_config *cfg)
{
    return cfg->eff.reports.n;
}

const char *mc_config_report_dir_at(const mc_config *cfg, size_t i)
{
    return i < cfg->eff.reports.n ? cfg->eff.reports.v[i].id : NULL;
}

size_t mc_config_rules_file_count(const mc_config *cfg)
{
    return cfg->eff.rules_files.n;
}

const char *mc_config_rules_file_at(const mc_config *cfg, size_t i)
{
    return i < cfg->eff.rules_files.n ? cfg->eff.rules_files.v[i].id : NULL;
}

uint64_t mc_config_max_file_size(const mc_config *cfg)
{
    return cfg->eff.max_file_size;
}

bool mc_config_inline_enabled(const mc_config *cfg)
{
    return cfg == NULL || !cfg->eff.no_inline;
}

/* ---- --show-config -------------------------------------------------------------------- */

/* A double-quoted YAML string (configuration values may come from hostile repositories). */
static void put_quoted(FILE *out, const char *s)
{
    fputc('"', out);
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c < 0x20 || c == 0x7f)
            fprintf(out, "\\x%02x", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

static void put_origin(FILE *out, const origin *o)
{
    if (o->file) {
        fputs("  # ", out);
        put_quoted(out, o->file);
        if (o->line) /* 0: the command line */
            fprintf(out, ":%u", o->line);
    } else {
        fputs("  # default", out);
    }
    fputc('\n', out);
}

static void put_list(FILE *out, const char *key, const item_list *l, const origin *o)
{
    fprintf(out, "%s: [", key);
    for (size_t i = 0; i < l->n; i++) {
        if (i)
            fputs(", ", out);
        put_quoted(out, l->v[i].id);
    }
    fputc(']', out);
    put_origin(out, o);
}

int mc_config_show(FILE *out, const mc_config *cfg)
{
    const layer *L = &cfg->eff;

    fputs("# effective mclint configuration", out);
    if (cfg->path) {
        fputs(" from ", out);
        put_quoted(out, cfg->path);
    } else {
        fputs(" (no configuration file: defaults)", out);
    }
    fputs("\n", out);
    if (cfg->chain.len > 0) {
        /* discovery: every file from the root down, the closest one used */
        fputs("# configuration files from the repository root down (the closest is used):\n", out);
        for (size_t i = 0; i < cfg->chain.len; i++) {
            fputs("#   ", out);
            put_quoted(out, cfg->chain.items[i]);
            fputs(i + 1 == cfg->chain.len ? "  (used)\n" : "  (not used: a closer file wins)\n",
                  out);
        }
    }
    for (size_t i = 0; i < cfg->extended.len; i++) {
        fputs("#   extends ", out);
        put_quoted(out, cfg->extended.items[i]);
        fputc('\n', out);
    }
    fputs("# paths and globs are relative to the repository root\n", out);
    put_list(out, "select", &L->select, &L->o_select);
    put_list(out, "ignore", &L->ignore, &L->o_ignore);
    fputs(L->nsev ? "severity:" : "severity: {}", out);
    put_origin(out, &L->o_severity);
    for (size_t i = 0; i < L->nsev; i++) {
        fputs("  ", out);
        put_quoted(out, L->sev[i].id);
        fprintf(out, ": %s", L->sev[i].sev ? mc_severity_name(L->sev[i].sev) : "off");
        put_origin(out, &L->sev[i].o);
    }
    fputs(L->nppi ? "per_path_ignores:" : "per_path_ignores: {}", out);
    put_origin(out, &L->o_ppi);
    for (size_t i = 0; i < L->nppi; i++) {
        fputs("  ", out);
        put_quoted(out, L->ppi[i].glob);
        fputs(": [", out);
        for (size_t j = 0; j < L->ppi[i].sels.n; j++) {
            if (j)
                fputs(", ", out);
            put_quoted(out, L->ppi[i].sels.v[j].id);
        }
        fputc(']', out);
        put_origin(out, &L->ppi[i].o);
    }
    fprintf(out, "fail_on: %s", mc_severity_name(L->fail_on));
    put_origin(out, &L->o_fail_on);
    fprintf(out, "min_tier: %s", L->min_tier ? L->min_tier : "null");
    put_origin(out, &L->o_min_tier);
    put_list(out, "reports", &L->reports, &L->o_reports);
    put_list(out, "rules_files", &L->rules_files, &L->o_rules_files);
    fprintf(out, "max_file_size: %llu", (unsigned long long)L->max_file_size);
    put_origin(out, &L->o_max);
    put_list(out, "exclude", &L->exclude, &L->o_exclude);
    fprintf(out, "no_inline_config: %s", L->no_inline ? "true" : "false");
    put_origin(out, &L->o_inline);
    return ferror(out) ? mc_error_set(MC_EIO, "cannot write the configuration") : 0;
}

/* ---- applying to a report ------------------------------------------------------------- */

static int drop_all(const mc_finding *f, void *payload)
{
    (void)f;
    (void)payload;
    return 0;
}

static int keep_enabled(const mc_finding *f, void *payload)
{
    const mc_config *cfg = payload;

    return !mc_config_excluded(cfg, f->path) &&
           effective(cfg, f->rule, f->path, f->severity) != MC_SEV_NONE;
}

int mc_config_apply(const mc_config *cfg, mc_report *report)
{
    mc_report *tmp = NULL;
    bool rewrite = false;
    int rc;

    mc_report_filter(report, keep_enabled, (void *)cfg);
    for (size_t i = 0; i < mc_report_count(report) && !rewrite; i++) {
        const mc_finding *f = mc_report_at(report, i);
        rewrite = effective(cfg, f->rule, f->path, f->severity) != f->severity;
    }
    if (!rewrite)
        return 0;
    /* The report's findings are read-only: rebuild them with the new severities. */
    if ((rc = mc_report_new(&tmp)) < 0)
        return rc;
    for (size_t i = 0; i < mc_report_count(report); i++) {
        mc_finding f = *mc_report_at(report, i);
        f.severity = effective(cfg, f.rule, f.path, f.severity);
        if ((rc = mc_report_add(tmp, &f)) < 0)
            goto done;
    }
    mc_report_filter(report, drop_all, NULL);
    for (size_t i = 0; i < mc_report_count(tmp); i++)
        if ((rc = mc_report_add(report, mc_report_at(tmp, i))) < 0)
            goto done;
done:
    mc_report_free(tmp);
    return rc;
}
