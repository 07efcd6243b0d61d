/* The lint driver: opens the source, selects the cards, builds a record per card on
 * worker threads, runs the rule engine on each and merges the results in a fixed order. */
#include "mclint/lint.h"
#include "mclint/evidence.h"
#include "output/escape.h"
#include "record/build.h"
#include "output/escape.h"
#include "rules/engine.h"
#include "util/buf.h"
#include "util/str.h"
#include "util/vec.h"

#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEFAULT_MAX_FILE (16u * 1024 * 1024)

/* Keys that make a Markdown file with front matter a model card even when it is not
 * called README.md. */
static const char *card_keys[] = {"license:",      "base_model:", "model-index:", "pipeline_tag:",
                                  "library_name:", "provenance:", "model_name:"};

static int front_matter_has_card_keys(const char *data, size_t len)
{
    size_t i = 0;

    if (len >= 3 && (unsigned char)data[0] == 0xEF && (unsigned char)data[1] == 0xBB &&
        (unsigned char)data[2] == 0xBF)
        i = 3;
    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
        i++;
    if (len - i < 3 || strncmp(data + i, "---", 3) != 0)
        return 0;
    /* look at the first 8 KiB: card keys sit at the start of a line */
    len = len - i > 8192 ? i + 8192 : len;
    for (size_t k = 0; k < sizeof(card_keys) / sizeof(card_keys[0]); k++) {
        size_t kl = strlen(card_keys[k]);
        for (size_t p = i; p + kl <= len; p++)
            if ((p == 0 || data[p - 1] == '\n') && strncmp(data + p, card_keys[k], kl) == 0)
                return 1;
    }
    return 0;
}

static int in_shard(const char *dir, unsigned index, unsigned count)
{
    uint64_t h = 0xcbf29ce484222325ULL;

    if (count <= 1)
        return 1;
    for (const char *p = dir; *p; p++) {
        h ^= (unsigned char)*p;
        h *= 0x100000001b3ULL;
    }
    return (unsigned)(h % count) == index;
}

static int dir_changed(const mc_source *src, const char *dir)
{
    size_t begin, end;

    mc_source_dir_range(src, dir, &begin, &end);
    for (size_t i = begin; i < end; i++)
        if (mc_source_at(src, i)->changed)
            return 1;
    return 0;
}

/* A path argument relative to the source root, or NULL if it is outside. */
static char *relative_to_root(const mc_source *src, const char *arg)
{
    char real[PATH_MAX];
    const char *root = mc_source_root(src);
    size_t rl = strlen(root);

    if (realpath(arg, real) == NULL) {
        /* --staged / --rev may name a file that is not in the working tree */
        return mc_path_normalize(arg);
    }
    if (strcmp(real, root) == 0)
        return mc_strdup("");
    if (strncmp(real, root, rl) == 0 && real[rl] == '/')
        return mc_strdup(real + rl + 1);
    if (rl == 1 && root[0] == '/')
        return mc_strdup(real + 1);
    return NULL;
}

/* A model card: README.md, MODEL_CARD.md or model_card.md, or another Markdown file (not a
 * technical report) whose front matter has model-card keys. */
static int is_card(const mc_source *src, const mc_source_entry *e, size_t max)
{
    char *data = NULL;
    size_t len = 0;
    int yes;

    if (!mc_has_isuffix(e->path, ".md"))
        return 0;
    if (mc_is_card_name(e->path))
        return 1;
    if (mc_is_report_name(e->path) || e->size > max ||
        mc_source_read(src, e->path, 8192 + 64, &data, &len) < 0)
        return 0;
    yes = front_matter_has_card_keys(data, len);
    free(data);
    return yes;
}

/* The cards in the folder of `path` (not below it). */
static int folder_cards(mc_vec *cards, const mc_source *src, const char *path, size_t max)
{
    size_t dl = mc_path_dirlen(path), begin, end;
    char *dir = mc_strndup(path, dl);
    int rc = 0;

    if (dir == NULL)
        return mc_error_set(MC_ENOMEM, "out of memory");
    mc_source_dir_range(src, dir, &begin, &end);
    for (size_t i = begin; rc == 0 && i < end; i++) {
        const mc_source_entry *e = mc_source_at(src, i);
        if (strchr(e->path + (dl ? dl + 1 : 0), '/') != NULL || !is_card(src, e, max))
            continue;
        {
            char *card = mc_strdup(e->path);
            if (card == NULL || (rc = mc_vec_push(cards, card)) < 0) {
                free(card);
                rc = mc_error_set(MC_ENOMEM, "out of memory");
            }
        }
    }
    free(dir);
    return rc;
}

static int select_cards(mc_vec *cards, const mc_source *src, const mc_lint_options *opts)
{
    size_t n = mc_source_count(src);
    size_t max = opts->max_file_size ? opts->max_file_size : DEFAULT_MAX_FILE;
    mc_vec prefixes = MC_VEC_INIT;
    int rc = 0;

    /* explicit files are linted as given; directories restrict the walk */
    for (size_t i = 0; i < opts->npaths; i++) {
        char *rel = relative_to_root(src, opts->paths[i]);
        long at;
        if (rel == NULL) {
            rc = mc_error_set(MC_EINVALID, "%s: outside the repository", opts->paths[i]);
            goto done;
        }
        at = mc_source_find(src, rel);
        if (at >= 0) {
            /* a named file: a card is linted; a technical report or an evidence file
             * (config.json, adapter_config.json, LICENSE...) stands for the cards of its
             * folder; anything else (other Markdown, code) is not mclint's */
            if (is_card(src, mc_source_at(src, (size_t)at), max)) {
                if ((rc = mc_vec_push(cards, rel)) < 0) {
                    free(rel);
                    goto done;
                }
                continue;
            }
            if (mc_is_report_name(rel) || mc_evidence_wants(rel))
                rc = folder_cards(cards, src, rel, max);
            free(rel);
            if (rc < 0)
                goto done;
            continue;
        }
        mc_vec_push(&prefixes, rel);
    }
    if (opts->npaths > 0 && prefixes.len == 0)
        goto done; /* only files were named */
    for (size_t i = 0; i < n; i++) {
        const mc_source_entry *e = mc_source_at(src, i);
        const char *p = e->path;
        int in_prefix = prefixes.len == 0;
        size_t dl;
        for (size_t k = 0; !in_prefix && k < prefixes.len; k++) {
            const char *pre = prefixes.items[k];
            size_t pl = strlen(pre);
            in_prefix = pl == 0 || (strncmp(p, pre, pl) == 0 && p[pl] == '/');
        }
        if (!in_prefix || !is_card(src, e, max))
            continue;
        dl = mc_path_dirlen(p);
        {
            char *dir = mc_strndup(p, dl);
            int keep = dir && in_shard(dir, opts->shard_index, opts->shard_count) &&
                       (opts->changed_since == NULL || dir_changed(src, dir));
            free(dir);
            if (!keep)
                continue;
        }
        if ((rc = mc_vec_push(cards, mc_strdup(p))) < 0)
            goto done;
    }
done:
    mc_vec_release_all(&prefixes);
    return rc;
}

struct mc_linter {
    mc_lint_options opts;
    const char *opts_min_tier; /* --min-tier as given (NULL: from each card's configuration) */
    const mc_rules *base_rules;
    bool per_card_config;
    mc_source *src;
    mc_config *config;
    const mc_rules *rules;
    mc_vec cards;
    const char **report_dirs;
    size_t nreport_dirs;
    mc_baseline *baseline; /* opts.baseline, read at open */
    mc_severity fail_on;
    mc_severity worst; /* the most severe finding delivered by the last run */
    bool whole;        /* every card of the source is linted (for stale baseline entries) */
};

static int cmp_path(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Open the source that holds every path: for a git repository its work tree (found from
 * the first path), for plain directories their closest common folder. */
static int open_common(mc_source **src, const mc_lint_options *opts, const mc_source_options *so)
{
    char common[PATH_MAX], real[PATH_MAX];
    struct stat st;
    int rc;

    if (opts->npaths == 0)
        return mc_source_open(src, ".", so);
    if ((rc = mc_source_open(src, opts->paths[0], so)) < 0)
        return rc;
    if (opts->npaths == 1 || mc_source_get_kind(*src) != MC_SOURCE_DIR)
        return 0;
    if (realpath(opts->paths[0], common) == NULL)
        return 0;
    if (stat(common, &st) == 0 && !S_ISDIR(st.st_mode))
        common[mc_path_dirlen(common)] = '\0';
    for (size_t i = 1; i < opts->npaths; i++) {
        size_t n = 0;
        if (realpath(opts->paths[i], real) == NULL)
            continue;
        while (common[n] && common[n] == real[n])
            n++;
        if (!(common[n] == '\0' && (real[n] == '/' || real[n] == '\0'))) {
            /* cut back to the last whole folder both share */
            while (n > 0 && common[n] != '/')
                n--;
            common[n > 0 ? n : 1] = '\0';
        }
    }
    mc_source_free(*src);
    *src = NULL;
    return mc_source_open(src, common, so);
}

void mc_linter_free(mc_linter *l)
{
    if (l == NULL)
        return;
    mc_vec_release_all(&l->cards);
    free(l->report_dirs);
    mc_baseline_free(l->baseline);
    mc_config_free(l->config);
    mc_source_free(l->src);
    free(l);
}

static int push_copy(mc_vec *v, const char *path);

int mc_linter_open(mc_linter **out, const mc_lint_options *opts)
{
    const char *stop;
    mc_source_options so = MC_SOURCE_OPTIONS_INIT;
    mc_linter *l = calloc(1, sizeof(*l));
    const mc_rules *base = opts->rules ? opts->rules : mc_rules_builtin();
    char *start_dir = NULL;
    int rc;

    *out = NULL;
    if (l == NULL)
        return mc_error_set(MC_ENOMEM, "out of memory");
    l->opts = *opts;
    l->opts_min_tier = opts->min_tier;
    if (opts->min_tier && mc_config_tier_name(opts->min_tier) == NULL) {
        rc = mc_error_set(MC_EINVALID,
                          "invalid minimum tier '%.40s' (expected T0..T6, T4-1 or "
                          "T4-2)",
                          opts->min_tier);
        goto fail;
    }
    l->base_rules = base;
    {
        const char *env = getenv("MCLINT_CONFIG");
        l->per_card_config = opts->config_path == NULL && (env == NULL || *env == '\0');
    }
    if (base == NULL) {
        rc = mc_error_set(MC_ERROR, "the built-in rule catalogue is broken");
        goto fail;
    }
    so.kind = opts->kind;
    so.rev = opts->rev;
    so.changed_since = opts->changed_since;
    if ((rc = open_common(&l->src, opts, &so)) < 0)
        goto fail;
    /* the configuration that governs the first path: the closest .mclint.yaml above it */
    start_dir = mc_strdup(mc_source_prefix(l->src));
    if (start_dir && mc_source_find(l->src, start_dir) >= 0)
        start_dir[mc_path_dirlen(start_dir)] = '\0';
    if ((rc = mc_config_discover(&l->config, l->src, start_dir ? start_dir : "", opts->config_path,
                                 base)) < 0)
        goto fail;
    l->rules = mc_config_rules(l->config);
    if (l->opts.max_file_size == 0)
        l->opts.max_file_size = (size_t)mc_config_max_file_size(l->config);
    if (l->opts.min_tier == NULL)
        l->opts.min_tier = mc_config_min_tier(l->config);
    l->nreport_dirs = opts->nreport_dirs + mc_config_report_dir_count(l->config);
    l->report_dirs = calloc(l->nreport_dirs + 1, sizeof(char *));
    if (l->report_dirs == NULL) {
        rc = mc_error_set(MC_ENOMEM, "out of memory");
        goto fail;
    }
    for (size_t i = 0; i < opts->nreport_dirs; i++)
        l->report_dirs[i] = opts->report_dirs[i];
    for (size_t i = 0; i < mc_config_report_dir_count(l->config); i++)
        l->report_dirs[opts->nreport_dirs + i] = mc_config_report_dir_at(l->config, i);
    l->opts.report_dirs = l->report_dirs;
    l->opts.nreport_dirs = l->nreport_dirs;
    if ((rc = select_cards(&l->cards, l->src, &l->opts)) < 0)
        goto fail;
    l->fail_on = opts->fail_on != MC_SEV_NONE ? opts->fail_on : mc_config_fail_on(l->config);
    if (opts->baseline && (rc = mc_baseline_read(&l->baseline, opts->baseline)) < 0)
        goto fail;
    l->whole = opts->changed_since == NULL && opts->shard_count <= 1;
    for (size_t i = 0; l->whole && i < opts->npaths; i++) {
        char *rel = relative_to_root(l->src, opts->paths[i]);
        l->whole = rel && *rel == '\0';
        free(rel);
    }
    /* fail closed: a truncated listing is reported where it stopped, as a card that could
     * not be read (the cards listed before it are linted as usual) */
    stop = mc_source_truncated_at(l->src, NULL);
    if (stop && (rc = push_copy(&l->cards, stop)) < 0)
        goto fail;
    /* cards are linted and reported in path order, each once; excluded paths are never
     * linted, even when named on the command line */
    if (l->cards.len > 1)
        qsort(l->cards.items, l->cards.len, sizeof(void *), cmp_path);
    {
        size_t n = 0;
        for (size_t i = 0; i < l->cards.len; i++) {
            bool is_stop = stop && strcmp(l->cards.items[i], stop) == 0;
            if ((!is_stop && mc_config_excluded(l->config, l->cards.items[i])) ||
                (n > 0 && strcmp(l->cards.items[n - 1], l->cards.items[i]) == 0))
                free(l->cards.items[i]);
            else
                l->cards.items[n++] = l->cards.items[i];
        }
        l->cards.len = n;
    }
    free(start_dir);
    *out = l;
    return 0;
fail:
    free(start_dir);
    mc_linter_free(l);
    return rc;
}

const mc_config *mc_linter_config(const mc_linter *l)
{
    return l->config;
}

mc_baseline *mc_linter_baseline(const mc_linter *l)
{
    return l->baseline;
}

mc_severity mc_linter_fail_on(const mc_linter *l)
{
    return l->fail_on;
}

bool mc_linter_failed(const mc_linter *l)
{
    return l->worst != MC_SEV_NONE && l->worst >= l->fail_on;
}

const mc_source *mc_linter_source(const mc_linter *l)
{
    return l->src;
}

const mc_rules *mc_linter_rules(const mc_linter *l)
{
    return l->rules;
}

size_t mc_linter_card_count(const mc_linter *l)
{
    return l->cards.len;
}

const char *mc_linter_card_at(const mc_linter *l, size_t i)
{
    return i < l->cards.len ? l->cards.items[i] : NULL;
}

/* How many cards a worker may run ahead of the delivery: bounds the memory of a run
 * (each waiting part is one card's findings and compact record). */
#define WINDOW_PER_JOB 32

typedef struct {
    const mc_linter *l;
    mc_policy policy;
    mc_build_options build;
    size_t window;     /* slots in `parts` */
    mc_report **parts; /* parts[i % window]: card i's findings and model, once done */
    size_t next;       /* the next card to take */
    size_t delivered;  /* cards handed to the callback so far */
    pthread_mutex_t mu;
    pthread_cond_t ready; /* a part was stored, or the run failed */
    pthread_cond_t room;  /* a slot was freed, or the run failed */
    atomic_size_t files_read;
    int failed;
    char error[256];
    /* per-card configurations, loaded once per run (see card_config) */
    pthread_mutex_t cmu;
    pthread_cond_t cdone;
    struct config_slot **configs;
    size_t nconfigs;
} job;

/* A configuration file that governs cards, loaded by the first card that needs it while
 * the others wait; then shared. */
typedef struct config_slot {
    bool done;
    int rc;
    char *error; /* the message when rc < 0 */
    mc_config *cfg;
} config_slot;

/* The index in the listing of the .mclint.yaml (or .mclint.yml) closest above `dir`, as
 * mc_config_discover finds it: mc_source_count(src) when there is none, SIZE_MAX when out
 * of memory. */
static size_t config_index(const mc_source *src, const char *dir)
{
    static const char *const names[] = {".mclint.yaml", ".mclint.yml"};
    char *d = mc_strdup(dir);
    mc_buf p = MC_BUF_INIT;
    size_t found = mc_source_count(src);

    if (d == NULL)
        return SIZE_MAX;
    for (;;) {
        long at = -1;
        for (size_t i = 0; i < 2 && at < 0; i++) {
            p.len = 0;
            if (*d) {
                mc_buf_puts(&p, d);
                mc_buf_putc(&p, '/');
            }
            mc_buf_puts(&p, names[i]);
            if (!mc_buf_ok(&p)) {
                found = SIZE_MAX;
                goto done;
            }
            at = mc_source_find(src, mc_buf_cstr(&p));
        }
        if (at >= 0) {
            found = (size_t)at;
            break;
        }
        if (*d == '\0')
            break;
        d[mc_path_dirlen(d)] = '\0';
    }
done:
    free(d);
    mc_buf_release(&p);
    return found;
}

/* The configuration that governs the card in `dir`: *cfg is shared (j->configs) and must
 * not be freed, unless *own is set (then it is the caller's). */
static int card_config(job *j, const char *dir, const mc_config **cfg, mc_config **own)
{
    const mc_source *src = j->l->src;
    size_t at = j->configs ? config_index(src, dir) : SIZE_MAX;
    config_slot *slot;
    int rc;

    *own = NULL;
    if (at >= j->nconfigs) {
        /* no cache (or out of memory): discovered for this card alone */
        rc = mc_config_discover(own, src, dir, NULL, j->l->base_rules);
        *cfg = *own;
        return rc;
    }
    pthread_mutex_lock(&j->cmu);
    if ((slot = j->configs[at]) != NULL) {
        while (!slot->done)
            pthread_cond_wait(&j->cdone, &j->cmu);
        pthread_mutex_unlock(&j->cmu);
    } else {
        if ((slot = j->configs[at] = calloc(1, sizeof(*slot))) == NULL) {
            pthread_mutex_unlock(&j->cmu);
            return mc_error_set(MC_ENOMEM, "out of memory");
        }
        pthread_mutex_unlock(&j->cmu);
        slot->rc = mc_config_discover(&slot->cfg, src, dir, NULL, j->l->base_rules);
        if (slot->rc < 0)
            slot->error = mc_strdup(mc_error_last());
        pthread_mutex_lock(&j->cmu);
        slot->done = true;
        pthread_cond_broadcast(&j->cdone);
        pthread_mutex_unlock(&j->cmu);
    }
    if (slot->rc < 0)
        return mc_error_set(slot->rc, "%s", slot->error ? slot->error : "out of memory");
    *cfg = slot->cfg;
    return 0;
}

static mc_record *unreadable_record(const mc_source *src, const char *path, const char *why)
{
    mc_record *rec = mc_record_new(src, path);

    if (rec) {
        rec->read_error = mc_arena_strdup(rec->arena, why);
        rec->name = mc_arena_strdup(rec->arena, mc_path_base(rec->dir[0] ? rec->dir : path));
    }
    return rec;
}

/* Why a listed entry that is not a regular file cannot be a card (NULL for a file). */
static const char *special_entry(unsigned type)
{
    switch (type) {
    case MC_ENTRY_LINK:
        return "the file is a symbolic link (never followed)";
    case MC_ENTRY_FIFO:
        return "it is a named pipe, not a file";
    case MC_ENTRY_DIR:
        return "it is a folder, not a file";
    case MC_ENTRY_DEVICE:
        return "it is a device, not a file";
    case MC_ENTRY_SOCKET:
        return "it is a socket, not a file";
    case MC_ENTRY_TOO_DEEP:
        return "it is in a folder deeper than the walk's depth limit of 200 folders";
    default:
        return NULL;
    }
}

/* Why a file's content cannot be read as a card (NULL when it can): a Git LFS pointer (the
 * card itself is in LFS storage, which mclint never fetches) or UTF-16/UTF-32 text (a
 * byte-order mark; the Hub reads cards as UTF-8). */
static const char *not_a_card(const char *data, size_t len)
{
    const unsigned char *u = (const unsigned char *)data;

    if (mc_is_lfs_pointer(data, len))
        return "the file is a Git LFS pointer: the card's text is not in the repository";
    if (len >= 4 && ((u[0] == 0xFF && u[1] == 0xFE && u[2] == 0 && u[3] == 0) ||
                     (u[0] == 0 && u[1] == 0 && u[2] == 0xFE && u[3] == 0xFF)))
        return "the file is UTF-32 (it starts with a byte-order mark): a card must be UTF-8";
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
        return "the file is UTF-16 (it starts with a byte-order mark): a card must be UTF-8";
    return NULL;
}

/* The record of the card at `path`: built from the card, or, when the card cannot be
 * read or is over the size limit, a record that says why (the rules report it). */
static int card_record(mc_record **out, const mc_source *src, const char *path,
                       const mc_build_options *build)
{
    char *data = NULL;
    size_t len = 0;
    mc_doc *doc = NULL;
    const char *why = NULL, *stop;
    char msg[200];
    long at = mc_source_find(src, path);
    int rc;

    *out = NULL;
    /* fail closed: where a truncated listing stopped is reported */
    if (at < 0 && (stop = mc_source_truncated_at(src, &why)) != NULL && strcmp(stop, path) == 0) {
        snprintf(msg, sizeof(msg), "%s", why ? why : "the listing stopped here");
        *out = unreadable_record(src, path, msg);
        return *out ? 0 : MC_ENOMEM;
    }
    /* fail closed: what is not a regular UTF-8 file where a card goes is reported */
    if (at >= 0 && (why = special_entry(mc_source_at(src, (size_t)at)->type)) != NULL) {
        *out = unreadable_record(src, path, why);
        return *out ? 0 : MC_ENOMEM;
    }
    rc = mc_source_read(src, path, build->max_file_size, &data, &len);
    if (rc == 0 && (why = not_a_card(data, len)) != NULL) {
        free(data);
        *out = unreadable_record(src, path, why);
        return *out ? 0 : MC_ENOMEM;
    }
    if (rc == MC_ETOOBIG || rc == MC_EIO || rc == MC_ENOTFOUND) {
        snprintf(msg, sizeof(msg), "%s",
                 rc == MC_ETOOBIG ? "the file is larger than the size limit" : mc_error_last());
        why = msg;
    } else if (rc < 0) {
        return rc;
    } else {
        rc = mc_doc_parse(&doc, path, data, len, MC_DOC_MARKDOWN, NULL);
        free(data);
        if (rc == MC_ETOOBIG)
            why = "the file is larger than the size limit";
        else if (rc < 0)
            return rc;
        else
            return mc_record_from_doc(out, src, doc, build);
    }
    *out = unreadable_record(src, path, why);
    return *out ? 0 : MC_ENOMEM;
}

/* Rule selection, before the checks run: what the card's configuration turns off
 * everywhere (select/ignore, severity `off`) is not run. */
static bool rule_selected(const char *rule_id, const void *arg)
{
    return mc_config_severity(arg, rule_id, NULL) != MC_SEV_NONE;
}

static int lint_one(job *j, const char *path, mc_report *report)
{
    const mc_source *src = j->l->src;
    mc_record *rec = NULL;
    int rc = card_record(&rec, src, path, &j->build);

    if (rc < 0)
        return rc;
    atomic_fetch_add(&j->files_read,
                     1 + (rec->report != NULL) +
                         (rec->evidence ? mc_evidence_file_count(rec->evidence) : 0));
    if (rec->not_model) { /* a data set's or a Space's README: not mclint's */
        mc_record_free(rec);
        return 0;
    }
    {
        /* the closest configuration governs each card (ruff's "closest wins"), unless one
         * was named explicitly for the whole run */
        mc_config *own = NULL;
        const mc_config *cfg = j->l->config;
        mc_policy policy = j->policy;
        if (j->l->per_card_config) {
            if ((rc = card_config(j, rec->dir, &cfg, &own)) < 0) {
                mc_config_free(own);
                mc_record_free(rec);
                return rc;
            }
            if (j->l->opts_min_tier == NULL)
                policy.min_tier = mc_config_min_tier(cfg);
        }
        policy.enabled = rule_selected;
        policy.enabled_arg = cfg;
        rc = mc_engine_run(mc_config_rules(cfg), rec, report, &policy);
        if (rc == 0 && rec->card && !j->l->opts.no_inline_config)
            rc = mc_suppressions_apply(report, rec->card, mc_config_rules(cfg), cfg);
        if (rc == 0)
            rc = mc_config_apply(cfg, report);
        mc_config_free(own);
        if (rc < 0) {
            mc_record_free(rec);
            return rc;
        }
    }
    /* the findings hold copies of what they need: keep only what the outputs print */
    if ((rc = mc_record_compact(rec)) < 0) {
        mc_record_free(rec);
        return rc;
    }
    return mc_report_add_model(report, rec);
}

static void fail(job *j, const char *card)
{
    /* called with j->mu held */
    if (!j->failed) {
        j->failed = 1;
        snprintf(j->error, sizeof(j->error), "%s%s%s", card ? card : "", card ? ": " : "",
                 mc_error_last());
    }
    pthread_cond_broadcast(&j->ready);
    pthread_cond_broadcast(&j->room);
}

/* How a run builds each card's record. */
static mc_build_options build_options(const mc_linter *l)
{
    mc_build_options b;

    memset(&b, 0, sizeof(b));
    b.max_file_size = l->opts.max_file_size ? l->opts.max_file_size : DEFAULT_MAX_FILE;
    b.report_dirs = (const char **)l->opts.report_dirs;
    b.nreport_dirs = l->opts.nreport_dirs;
    b.no_evidence = l->opts.no_evidence;
    return b;
}

/* Lint card i into a new part (sorted); NULL on failure (the message is set). */
static mc_report *lint_part(job *j, size_t i)
{
    mc_report *part = NULL;
    int rc = mc_report_new(&part);

    if (rc == 0)
        rc = lint_one(j, j->l->cards.items[i], part);
    if (rc < 0) {
        mc_report_free(part);
        return NULL;
    }
    mc_report_sort(part);
    return part;
}

static void *worker(void *arg)
{
    job *j = arg;
    size_t ncards = j->l->cards.len;

    pthread_mutex_lock(&j->mu);
    for (;;) {
        size_t i;
        mc_report *part;

        while (!j->failed && j->next < ncards && j->next >= j->delivered + j->window)
            pthread_cond_wait(&j->room, &j->mu);
        if (j->failed || j->next >= ncards)
            break;
        i = j->next++;
        pthread_mutex_unlock(&j->mu);
        part = lint_part(j, i);
        pthread_mutex_lock(&j->mu);
        if (part == NULL) {
            fail(j, j->l->cards.items[i]);
            break;
        }
        j->parts[i % j->window] = part;
        pthread_cond_broadcast(&j->ready);
    }
    pthread_mutex_unlock(&j->mu);
    return NULL;
}

/* The end of the filter chain, in card order on one thread: the baseline, then the worst
 * severity for fail-on; then the part goes to the caller. */
static int deliver(mc_linter *l, mc_report *part, mc_linter_emit emit, void *payload)
{
    int rc = mc_baseline_take(l->baseline, part, NULL);

    if (rc < 0)
        return rc;
    if (mc_report_worst(part) > l->worst)
        l->worst = mc_report_worst(part);
    return emit(part, payload);
}

/* A baseline entry the run could have matched: its file is in the folder of a linted card
 * (arg: the sorted folders). */
static bool in_card_folder(const char *path, void *arg)
{
    const mc_vec *dirs = arg;
    char *dir = mc_strndup(path, mc_path_dirlen(path));
    bool yes =
        dir == NULL || bsearch(&dir, dirs->items, dirs->len, sizeof(void *), cmp_path) != NULL;

    free(dir);
    return yes;
}

/* After a run: which baseline entries count as stale. */
static int scope_baseline(mc_linter *l)
{
    mc_vec dirs = MC_VEC_INIT;
    int rc = 0;

    if (l->baseline == NULL || l->whole) {
        mc_baseline_scope(l->baseline, NULL, NULL);
        return 0;
    }
    for (size_t i = 0; rc == 0 && i < l->cards.len; i++) {
        const char *card = l->cards.items[i];
        char *dir = mc_strndup(card, mc_path_dirlen(card));
        if (dir == NULL || mc_vec_push(&dirs, dir) < 0) {
            free(dir);
            rc = mc_error_set(MC_ENOMEM, "out of memory");
        }
    }
    if (rc == 0) {
        if (dirs.len > 1)
            qsort(dirs.items, dirs.len, sizeof(void *), cmp_path);
        mc_baseline_scope(l->baseline, in_card_folder, &dirs);
    }
    mc_vec_release_all(&dirs);
    return rc;
}

static unsigned default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);

    return n < 1 ? 1 : (n > 8 ? 8 : (unsigned)n);
}

int mc_linter_run_each(mc_linter *l, mc_linter_emit emit, void *payload, size_t *files_read)
{
    size_t ncards = l->cards.len;
    job j;
    unsigned jobs;
    pthread_t threads[8];
    unsigned started = 0;
    int rc = 0;

    memset(&j, 0, sizeof(j));
    j.l = l;
    l->worst = MC_SEV_NONE;
    j.policy.min_tier = l->opts.min_tier;
    j.build = build_options(l);
    /* a report linked from many cards is parsed once (records are compacted, so no longer
     * point to it, before they are delivered) */
    if ((j.build.reports = mc_report_cache_new(l->src)) == NULL)
        return mc_error_set(MC_ENOMEM, "out of memory");
    /* the configurations of the cards, by their place in the listing (the last: none) */
    pthread_mutex_init(&j.cmu, NULL);
    pthread_cond_init(&j.cdone, NULL);
    if (l->per_card_config) {
        j.nconfigs = mc_source_count(l->src) + 1;
        j.configs = calloc(j.nconfigs, sizeof(*j.configs)); /* NULL: not shared */
    }
    jobs = l->opts.jobs ? l->opts.jobs : default_jobs();
    if (jobs > 8)
        jobs = 8;
    if (jobs > ncards)
        jobs = ncards ? (unsigned)ncards : 1;
    if (jobs == 1) {
        /* one job: lint and deliver in turn, no threads */
        for (size_t i = 0; rc == 0 && i < ncards; i++) {
            mc_report *part = lint_part(&j, i);
            if (part == NULL) {
                rc = mc_error_set(MC_ERROR, "%s: %s", (const char *)l->cards.items[i],
                                  mc_error_last());
                break;
            }
            rc = deliver(l, part, emit, payload);
            mc_report_free(part);
        }
        goto done;
    }
    j.window = (size_t)jobs * WINDOW_PER_JOB;
    j.parts = calloc(j.window, sizeof(mc_report *));
    if (j.parts == NULL) {
        rc = mc_error_set(MC_ENOMEM, "out of memory");
        goto done;
    }
    pthread_mutex_init(&j.mu, NULL);
    pthread_cond_init(&j.ready, NULL);
    pthread_cond_init(&j.room, NULL);
    for (unsigned t = 0; t < jobs; t++)
        if (pthread_create(&threads[started], NULL, worker, &j) == 0)
            started++;
    if (started == 0) {
        pthread_mutex_lock(&j.mu);
        mc_error_set(MC_ERROR, "could not start a worker thread");
        fail(&j, NULL);
        pthread_mutex_unlock(&j.mu);
    }
    /* this thread delivers the parts in card order as they become ready */
    pthread_mutex_lock(&j.mu);
    while (!j.failed && j.delivered < ncards) {
        size_t slot = j.delivered % j.window;
        mc_report *part;
        int erc;
        while (!j.failed && j.parts[slot] == NULL)
            pthread_cond_wait(&j.ready, &j.mu);
        if (j.failed)
            break;
        part = j.parts[slot];
        j.parts[slot] = NULL;
        pthread_mutex_unlock(&j.mu);
        erc = deliver(l, part, emit, payload);
        mc_report_free(part);
        pthread_mutex_lock(&j.mu);
        if (erc < 0) {
            fail(&j, NULL);
            break;
        }
        j.delivered++;
        pthread_cond_broadcast(&j.room);
    }
    pthread_mutex_unlock(&j.mu);
    for (unsigned t = 0; t < started; t++)
        pthread_join(threads[t], NULL);
    if (j.failed)
        rc = mc_error_set(MC_ERROR, "%s", j.error);
    for (size_t i = 0; i < j.window; i++)
        mc_report_free(j.parts[i]);
    free(j.parts);
    pthread_cond_destroy(&j.room);
    pthread_cond_destroy(&j.ready);
    pthread_mutex_destroy(&j.mu);
done:
    mc_report_cache_free(j.build.reports);
    for (size_t i = 0; j.configs && i < j.nconfigs; i++) {
        if (j.configs[i]) {
            mc_config_free(j.configs[i]->cfg);
            free(j.configs[i]->error);
            free(j.configs[i]);
        }
    }
    free(j.configs);
    pthread_cond_destroy(&j.cdone);
    pthread_mutex_destroy(&j.cmu);
    if (files_read)
        *files_read = atomic_load(&j.files_read);
    if (rc == 0)
        rc = scope_baseline(l);
    return rc;
}

static int push_copy(mc_vec *v, const char *path)
{
    char *copy = mc_strdup(path);

    if (copy == NULL || mc_vec_push(v, copy) < 0) {
        free(copy);
        return mc_error_set(MC_ENOMEM, "out of memory");
    }
    return 0;
}

int mc_linter_list_files(mc_linter *l, FILE *out)
{
    mc_build_options build = build_options(l);
    mc_vec files = MC_VEC_INIT;
    int rc = 0;

    /* each card as a run would read it: the card, its technical report, its evidence */
    for (size_t i = 0; rc == 0 && i < l->cards.len; i++) {
        mc_record *rec = NULL;

        if ((rc = card_record(&rec, l->src, l->cards.items[i], &build)) < 0)
            break;
        if (rec->not_model) {
            /* said on stderr so that stdout stays a plain list of paths */
            mc_buf shown = MC_BUF_INIT;
            mc_out_term(&shown, l->cards.items[i]);
            fprintf(stderr, "mclint: %s: skipped: %s, not a model card\n", mc_buf_cstr(&shown),
                    rec->not_model);
            mc_buf_release(&shown);
            mc_record_free(rec);
            continue;
        }
        if ((rc = push_copy(&files, l->cards.items[i])) < 0) {
            mc_record_free(rec);
            break;
        }
        if (rec->report)
            rc = push_copy(&files, mc_doc_path(rec->report));
        for (size_t k = 0; rc == 0 && rec->evidence && k < mc_evidence_file_count(rec->evidence);
             k++)
            rc = push_copy(&files, mc_evidence_file_at(rec->evidence, k));
        mc_record_free(rec);
    }
    if (rc == 0) {
        if (files.len > 1)
            qsort(files.items, files.len, sizeof(void *), cmp_path);
        mc_buf line = MC_BUF_INIT;
        /* names are escaped as in the text output: one line each, no terminal sequence */
        for (size_t i = 0; i < files.len; i++) {
            if (i > 0 && strcmp(files.items[i - 1], files.items[i]) == 0)
                continue;
            line.len = 0;
            mc_out_term_line(&line, files.items[i]);
            mc_buf_putc(&line, '\n');
            if (!mc_buf_ok(&line)) {
                rc = mc_error_set(MC_ENOMEM, "out of memory");
                break;
            }
            fwrite(line.ptr, 1, line.len, out);
        }
        mc_buf_release(&line);
    }
    mc_vec_release_all(&files);
    return rc;
}

/* Collecting every part into one report. */
static int collect(mc_report *part, void *payload)
{
    mc_report *report = payload;
    int rc = 0;

    for (size_t k = 0; rc == 0 && k < mc_report_count(part); k++)
        rc = mc_report_add(report, mc_report_at(part, k));
    if (rc == 0)
        rc = mc_report_take_models(report, part);
    return rc;
}

int mc_linter_run(mc_linter *l, mc_report **out)
{
    mc_report *report = NULL;
    size_t files = 0;
    int rc;

    *out = NULL;
    if ((rc = mc_report_new(&report)) < 0)
        return rc;
    if ((rc = mc_linter_run_each(l, collect, report, &files)) < 0) {
        mc_report_free(report);
        return rc;
    }
    mc_report_set_files_read(report, files);
    mc_report_sort(report);
    *out = report;
    return 0;
}

int mc_lint_run(mc_report **out, const mc_lint_options *opts)
{
    mc_linter *l = NULL;
    int rc;

    *out = NULL;
    if ((rc = mc_linter_open(&l, opts)) < 0)
        return rc;
    rc = mc_linter_run(l, out);
    mc_linter_free(l);
    return rc;
}
