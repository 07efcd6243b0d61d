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
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEFAULT_MAX_FILE (16u * 1024 * 1024)

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
static char *relative_to_root(const mc_source *src, const char *arg, bool maybe_missing)
{
    char real[PATH_MAX];
    const char *root = mc_source_root(src);
    size_t rl = strlen(root);

    struct stat st;

    /* a named file is itself, not what a symbolic link there points to: only its folder is
     * resolved */
    if (lstat(arg, &st) == 0 && !S_ISDIR(st.st_mode) && mc_path_dirlen(arg) < strlen(arg)) {
        size_t dl = mc_path_dirlen(arg);
        char *dir = dl ? mc_strndup(arg, dl) : mc_strdup("."), *rel, *joined;
        const char *base = arg + dl + (arg[dl] == '/');
        if (dir == NULL)
            return NULL;
        rel = relative_to_root(src, dir, maybe_missing);
        free(dir);
        if (rel == NULL)
            return NULL;
        joined = mc_path_join(rel, base);
        free(rel);
        return joined;
    }
    if (realpath(arg, real) == NULL) {
        /* --staged / --rev may name a file that is not in the working tree: its folder
         * places it */
        size_t dl = mc_path_dirlen(arg);
        char *dir = mc_strndup(arg, dl), *rel = NULL, *joined = NULL;
        if (dir && dl > 0 && strcmp(dir, arg) != 0)
            rel = relative_to_root(src, dir, maybe_missing);
        else if (dir && dl == 0 && arg[0] != '/')
            rel = relative_to_root(src, ".", maybe_missing);
        free(dir);
        if (rel == NULL)
            return mc_path_normalize(arg);
        joined = mc_path_join(rel, arg + (dl ? dl + 1 : 0));
        free(rel);
        rel = joined ? mc_path_normalize(joined) : NULL;
        free(joined);
        return rel;
    }
    if (strcmp(real, root) == 0)
        return mc_strdup("");
    if (strncmp(real, root, rl) == 0 && real[rl] == '/')
        return mc_strdup(real + rl + 1);
    if (rl == 1 && root[0] == '/')
        return mc_strdup(real + 1);
    return NULL;
}

/* A model card, as the one classifier says (for every mode). */
static int is_card(const mc_source *src, const mc_source_entry *e, size_t max)
{
    return mc_classify(src, e->path, max) == MC_FILE_MODEL_CARD;
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

/* Add "LEVEL: PATH: text" to `notes` (the path escaped for a terminal). */
static int add_note(mc_vec *notes, const char *level, const char *path, const char *fmt, ...)
    MC_PRINTF(4, 5);
static int add_note(mc_vec *notes, const char *level, const char *path, const char *fmt, ...)
{
    mc_buf b = MC_BUF_INIT;
    va_list ap;

    mc_buf_printf(&b, "%s: ", level);
    mc_out_term(&b, path);
    mc_buf_puts(&b, ": ");
    va_start(ap, fmt);
    mc_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    if (!mc_buf_ok(&b) || mc_vec_push(notes, b.ptr) < 0) {
        mc_buf_release(&b);
        return mc_error_set(MC_ENOMEM, "out of memory");
    }
    return 0;
}

/* Why a named file that exists is not in the listing. */
static const char *unlisted_why(const mc_source *src, const char *arg, bool *is_dir)
{
    struct stat st;

    *is_dir = false;
    if (lstat(arg, &st) != 0) {
        *is_dir = true; /* maybe a folder of the index or the revision: walked */
        return NULL;
    }
    if (S_ISLNK(st.st_mode))
        return "it is a symbolic link (never followed)";
    if (S_ISDIR(st.st_mode)) {
        *is_dir = true;
        return NULL;
    }
    if (!S_ISREG(st.st_mode))
        return "it is not a regular file";
    switch (mc_source_get_kind(src)) {
    case MC_SOURCE_INDEX:
        return "it is not staged (not in the index)";
    case MC_SOURCE_REV:
        return "it is not in the revision";
    case MC_SOURCE_WORKDIR:
        return "it is ignored by git";
    default:
        return "it is not listed (inside .git, or below the depth limit)";
    }
}

/* The folders named (or the current one): repository-relative, as given, and how many cards
 * each holds (in any shard, changed or not, not excluded). */
typedef struct {
    mc_vec rel, arg;
    size_t *found;
} named_dirs;

static void named_dirs_release(named_dirs *d)
{
    free(d->found);
    mc_vec_release(&d->arg);
    mc_vec_release_all(&d->rel);
}

static int select_cards(mc_vec *cards, mc_vec *named, mc_vec *notes, named_dirs *dirs,
                        const mc_source *src, const mc_lint_options *opts)
{
    size_t n = mc_source_count(src);
    size_t max = opts->max_file_size ? opts->max_file_size : DEFAULT_MAX_FILE;
    mc_vec prefixes = MC_VEC_INIT, args = MC_VEC_INIT;
    size_t *found = NULL;
    static const char *const here[] = {"."};
    const char *const *paths = opts->npaths ? opts->paths : here;
    size_t npaths = opts->npaths ? opts->npaths : 1;
    int rc = 0;

    /* explicit files are linted as given; directories restrict the walk (the listing is
     * the whole repository, whatever the paths: no path is the current folder) */
    for (size_t i = 0; i < npaths; i++) {
        char *rel = relative_to_root(src, paths[i], opts->stdin_path != NULL);
        long at;
        if (rel == NULL) {
            rc = mc_error_set(MC_EINVALID, "%s: outside the repository", paths[i]);
            goto done;
        }
        at = mc_source_find(src, rel);
        if (at >= 0) {
            /* a named file: a card is linted; a technical report or an evidence file
             * (config.json, adapter_config.json, LICENSE...) stands for the cards of its
             * folder; anything else (other Markdown, code) is not mclint's */
            mc_file_kind kind = mc_classify_card(src, rel, max);
            size_t before = cards->len;
            if (kind != MC_FILE_MODEL_CARD &&
                mc_source_at(src, (size_t)at)->type == MC_ENTRY_LINK) {
                /* a link at a card's name is a card that cannot be read (a finding); any
                 * other is said here */
                free(rel);
                if ((rc = add_note(notes, "note", paths[i],
                                   "not linted: it is a symbolic link (never followed)")) < 0)
                    goto done;
                continue;
            }
            if (kind == MC_FILE_MODEL_CARD) {
                char *copy = mc_strdup(rel);
                if (copy == NULL || mc_vec_push(named, copy) < 0) {
                    free(copy);
                    free(rel);
                    rc = mc_error_set(MC_ENOMEM, "out of memory");
                    goto done;
                }
                if ((rc = mc_vec_push(cards, rel)) < 0) {
                    free(rel);
                    goto done;
                }
                continue;
            }
            if (kind == MC_FILE_REPORT || kind == MC_FILE_EVIDENCE)
                rc = folder_cards(cards, src, rel, max);
            if (rc == 0 && cards->len == before)
                rc = kind == MC_FILE_REPORT || kind == MC_FILE_EVIDENCE
                         ? add_note(notes, "note", paths[i],
                                    "not linted: a %s with no model card in its folder",
                                    mc_file_kind_name(kind))
                     : kind == MC_FILE_DATASET_CARD || kind == MC_FILE_SPACE
                         ? add_note(notes, "note", paths[i], "not linted: a %s, not a model card",
                                    mc_file_kind_name(kind))
                     : mc_has_isuffix(rel, ".md")
                         ? add_note(notes, "note", paths[i],
                                    "not linted: not a model card (no model-card key in its "
                                    "front matter)")
                         : add_note(notes, "note", paths[i],
                                    "not linted: not a model card, technical report or "
                                    "evidence file");
            free(rel);
            if (rc < 0)
                goto done;
            continue;
        }
        {
            bool is_dir;
            const char *why = unlisted_why(src, paths[i], &is_dir);
            if (!is_dir) {
                free(rel);
                if ((rc = add_note(notes, "note", paths[i], "not linted: %s", why)) < 0)
                    goto done;
                continue;
            }
        }
        if (mc_vec_push(&prefixes, rel) < 0 || mc_vec_push(&args, (void *)paths[i]) < 0) {
            rc = mc_error_set(MC_ENOMEM, "out of memory");
            goto done;
        }
    }
    if (prefixes.len == 0)
        goto done; /* only files were named */
    if ((found = calloc(prefixes.len, sizeof(*found))) == NULL) {
        rc = mc_error_set(MC_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        const mc_source_entry *e = mc_source_at(src, i);
        const char *p = e->path;
        int in_prefix = 0;
        size_t dl;
        for (size_t k = 0; k < prefixes.len; k++) {
            const char *pre = prefixes.items[k];
            size_t pl = strlen(pre);
            if (pl == 0 || (strncmp(p, pre, pl) == 0 && p[pl] == '/')) {
                if (!in_prefix && !is_card(src, e, max))
                    break;
                in_prefix = 1;
                found[k]++;
            }
        }
        if (!in_prefix)
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
    dirs->rel = prefixes;
    dirs->arg = args;
    dirs->found = found;
    return rc;
}

/* An excluded card no longer counts for the named folders that hold it. */
static void uncount(named_dirs *dirs, const char *card)
{
    for (size_t k = 0; dirs->found && k < dirs->rel.len; k++) {
        const char *pre = dirs->rel.items[k];
        size_t pl = strlen(pre);
        if ((pl == 0 || (strncmp(card, pre, pl) == 0 && card[pl] == '/')) && dirs->found[k] > 0)
            dirs->found[k]--;
    }
}

struct mc_linter {
    mc_lint_options opts;
    const char *opts_min_tier; /* --min-tier as given (NULL: from each card's configuration) */
    size_t opts_max_file_size; /* as given (0: from each card's configuration) */
    const mc_rules *base_rules;
    bool per_card_config;
    mc_source *src;
    mc_config *config;
    const mc_rules *rules;
    mc_vec cards;
    /* the configuration of each card (cards.len entries): l->config with --config, else
     * the closest .mclint.yaml above the card, one of `configs` */
    const mc_config **card_cfg;
    mc_vec configs;   /* config_slot *: the configurations found, by their place */
    mc_vec named;     /* char *: the cards named as files on the command line, sorted */
    char **own_paths; /* the paths, a cache folder replaced by its snapshot (or NULL) */
    mc_vec notes;     /* char *: what the path arguments did not yield, and why */
    const char **report_dirs;
    size_t nreport_dirs;
    mc_baseline *baseline; /* opts.baseline, read at open */
    bool failed;           /* a finding delivered by the last run reached its card's fail-on */
    bool whole;            /* every card of the source is linted (for stale baseline entries) */
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

    const char *first = opts->npaths ? opts->paths[0] : ".";
    char *folder = NULL;

    /* a named file is opened from its folder: a symbolic link there is not followed */
    if (lstat(first, &st) == 0 && S_ISLNK(st.st_mode) &&
        (folder = mc_strndup(first, mc_path_dirlen(first))) != NULL && *folder == '\0') {
        free(folder);
        folder = mc_strdup(".");
    }
    rc = mc_source_open(src, folder ? folder : first, so);
    free(folder);
    if (rc < 0)
        return rc;
    if (mc_source_get_kind(*src) != MC_SOURCE_DIR) {
        /* a git repository is listed whole, whatever the paths, so that every card sees the
         * same configuration files, reports and neighbours (a file's source already is) */
        char *root;
        if (*mc_source_prefix(*src) == '\0' || mc_source_find(*src, mc_source_prefix(*src)) >= 0)
            return 0;
        if ((root = mc_strdup(mc_source_root(*src))) == NULL)
            return mc_error_set(MC_ENOMEM, "out of memory");
        mc_source_free(*src);
        *src = NULL;
        rc = mc_source_open(src, root, so);
        free(root);
        return rc;
    }
    if (opts->npaths <= 1)
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

typedef struct {
    size_t at; /* the place of its file in the listing (mc_source_count: none) */
    mc_config *cfg;
} config_slot;

static size_t config_index(const mc_source *src, const char *dir);
static int discover_config(const mc_lint_options *opts, mc_config **out, const mc_source *src,
                           const char *dir, const char *explicit_path, const mc_rules *rules);

/* The configuration that governs the cards of folder `dir`: discovered once per file. */
static int dir_config(mc_linter *l, const char *dir, const mc_config **out)
{
    size_t at = config_index(l->src, dir);
    config_slot *slot;
    int rc;

    if (at == SIZE_MAX)
        return mc_error_set(MC_ENOMEM, "out of memory");
    for (size_t i = l->configs.len; i > 0; i--) {
        slot = l->configs.items[i - 1];
        if (slot->at == at) {
            *out = slot->cfg;
            return 0;
        }
    }
    if ((slot = calloc(1, sizeof(*slot))) == NULL)
        return mc_error_set(MC_ENOMEM, "out of memory");
    slot->at = at;
    if ((rc = discover_config(&l->opts, &slot->cfg, l->src, dir, NULL, l->base_rules)) < 0) {
        free(slot);
        return rc;
    }
    if (mc_vec_push(&l->configs, slot) < 0) {
        mc_config_free(slot->cfg);
        free(slot);
        return mc_error_set(MC_ENOMEM, "out of memory");
    }
    *out = slot->cfg;
    return 0;
}

/* The configuration of the card at `path`. */
static int card_config(mc_linter *l, const char *path, const mc_config **out)
{
    char *dir;
    int rc;

    *out = l->config;
    if (!l->per_card_config)
        return 0;
    if ((dir = mc_strndup(path, mc_path_dirlen(path))) == NULL)
        return mc_error_set(MC_ENOMEM, "out of memory");
    rc = dir_config(l, dir, out);
    free(dir);
    return rc;
}

/* A Hugging Face cache folder (.../models--ORG--NAME holding snapshots/) stands for its
 * newest snapshot: the one refs/main names if it is there, else the most recently modified
 * (the greatest name on a tie). The snapshot's path (malloc'd), or NULL for any other path. */
static char *cache_snapshot(const char *given)
{
    char path[PATH_MAX];
    size_t n;
    mc_buf p = MC_BUF_INIT;
    char ref[128], *best = NULL;
    struct timespec best_t = {0, 0};
    struct stat st;
    DIR *d;
    FILE *f;

    if (realpath(given, path) == NULL || stat(given, &st) != 0 || !S_ISDIR(st.st_mode))
        return NULL;
    n = strlen(path);
    while (n > 1 && path[n - 1] == '/')
        n--;
    {
        size_t b = n;
        while (b > 0 && path[b - 1] != '/')
            b--;
        if (n - b < 9 || strncmp(path + b, "models--", 8) != 0)
            return NULL;
    }
    mc_buf_put(&p, path, n);
    mc_buf_puts(&p, "/refs/main");
    if (mc_buf_ok(&p) && (f = fopen(p.ptr, "r")) != NULL) {
        size_t got = fread(ref, 1, sizeof(ref) - 1, f);
        fclose(f);
        while (got > 0 && (ref[got - 1] == '\n' || ref[got - 1] == '\r' || ref[got - 1] == ' '))
            got--;
        ref[got] = '\0';
        p.len = 0;
        mc_buf_put(&p, path, n);
        mc_buf_printf(&p, "/snapshots/%s", ref);
        if (got > 0 && strchr(ref, '/') == NULL && strcmp(ref, "..") != 0 && mc_buf_ok(&p) &&
            lstat(p.ptr, &st) == 0 && S_ISDIR(st.st_mode))
            return p.ptr;
    }
    p.len = 0;
    mc_buf_put(&p, path, n);
    mc_buf_puts(&p, "/snapshots");
    if (!mc_buf_ok(&p) || (d = opendir(p.ptr)) == NULL) {
        mc_buf_release(&p);
        return NULL;
    }
    for (struct dirent *de; (de = readdir(d)) != NULL;) {
        if (de->d_name[0] == '.' || fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
            !S_ISDIR(st.st_mode))
            continue;
        if (best == NULL || st.st_mtim.tv_sec > best_t.tv_sec ||
            (st.st_mtim.tv_sec == best_t.tv_sec &&
             (st.st_mtim.tv_nsec > best_t.tv_nsec ||
              (st.st_mtim.tv_nsec == best_t.tv_nsec && strcmp(de->d_name, best) > 0)))) {
            free(best);
            best = mc_strdup(de->d_name);
            best_t = st.st_mtim;
        }
    }
    closedir(d);
    if (best) {
        mc_buf_putc(&p, '/');
        mc_buf_puts(&p, best);
        free(best);
        if (mc_buf_ok(&p))
            return p.ptr;
    }
    mc_buf_release(&p);
    return NULL;
}

void mc_linter_free(mc_linter *l)
{
    if (l == NULL)
        return;
    for (size_t i = 0; l->own_paths && i < l->opts.npaths; i++)
        free(l->own_paths[i]);
    free(l->own_paths);
    for (size_t i = 0; i < l->configs.len; i++) {
        config_slot *slot = l->configs.items[i];
        mc_config_free(slot->cfg);
    }
    mc_vec_release_all(&l->configs);
    free(l->card_cfg);
    mc_vec_release_all(&l->named);
    mc_vec_release_all(&l->notes);
    mc_vec_release_all(&l->cards);
    free(l->report_dirs);
    mc_baseline_free(l->baseline);
    mc_config_free(l->config);
    mc_source_free(l->src);
    free(l);
}

static int push_copy(mc_vec *v, const char *path);

/* mc_config_discover, then the command line's rule selection over what it found. */
static int discover_config(const mc_lint_options *opts, mc_config **out, const mc_source *src,
                           const char *dir, const char *explicit_path, const mc_rules *rules)
{
    int rc = mc_config_discover(out, src, dir, explicit_path, rules);

    if (rc == 0 && (opts->select || opts->ignore || opts->extend_select))
        rc = mc_config_select_cli(*out, opts->select, opts->ignore, opts->extend_select);
    return rc;
}

/* A named folder that holds no card at all is said (not one whose cards are in other shards
 * or unchanged), and so is one whose READMEs are all a data set's or a Space's: the first
 * model card found ends the look, so a folder of models costs one front-matter read. */
static int empty_dirs_notes(mc_linter *l, const named_dirs *dirs)
{
    const mc_source *src = l->src;
    int rc = 0;

    for (size_t k = 0; rc == 0 && dirs->found && k < dirs->rel.len; k++) {
        const char *pre = dirs->rel.items[k], *other = NULL;
        mc_file_kind other_kind = MC_FILE_OTHER;
        size_t pl = strlen(pre);
        mc_file_kind kind = MC_FILE_OTHER;
        struct stat st;
        if (dirs->found[k] > 0) {
            /* the cards are sorted: those in the folder are the ones from the first not
             * before "PRE/" on, while they start with it */
            size_t lo = 0, hi = l->cards.len;
            while (pl && lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                const char *card = l->cards.items[mid];
                int c = strncmp(card, pre, pl);
                if (c < 0 || (c == 0 && (unsigned char)card[pl] < '/'))
                    lo = mid + 1;
                else
                    hi = mid;
            }
            for (size_t i = lo; i < l->cards.len; i++) {
                const char *card = l->cards.items[i];
                size_t max = l->opts_max_file_size
                                 ? l->opts_max_file_size
                                 : (size_t)mc_config_max_file_size(l->card_cfg[i]);
                if (pl && (strncmp(card, pre, pl) != 0 || card[pl] != '/'))
                    break;
                kind = mc_classify_card(src, card, max);
                if (kind == MC_FILE_MODEL_CARD)
                    break;
                if (other == NULL && (kind == MC_FILE_DATASET_CARD || kind == MC_FILE_SPACE)) {
                    other = card;
                    other_kind = kind;
                }
            }
            if (kind == MC_FILE_MODEL_CARD || other == NULL)
                continue;
            {
                mc_buf shown = MC_BUF_INIT;
                mc_out_term(&shown, other);
                rc = mc_buf_ok(&shown)
                         ? add_note(&l->notes, "warning", dirs->arg.items[k],
                                    "no model card found there (%s is a %s)", mc_buf_cstr(&shown),
                                    mc_file_kind_name(other_kind))
                         : mc_error_set(MC_ENOMEM, "out of memory");
                mc_buf_release(&shown);
            }
            continue;
        }
        rc = lstat(dirs->arg.items[k], &st) != 0 && mc_source_get_kind(src) != MC_SOURCE_INDEX &&
                     mc_source_get_kind(src) != MC_SOURCE_REV
                 ? add_note(&l->notes, "warning", dirs->arg.items[k], "no such file or folder")
                 : add_note(&l->notes, "warning", dirs->arg.items[k], "no model card found there");
    }
    return rc;
}

int mc_linter_open(mc_linter **out, const mc_lint_options *opts)
{
    const char *stop;
    mc_source_options so = MC_SOURCE_OPTIONS_INIT;
    mc_linter *l = calloc(1, sizeof(*l));
    const mc_rules *base = opts->rules ? opts->rules : mc_rules_builtin();
    char *start_dir = NULL;
    named_dirs dirs = {MC_VEC_INIT, MC_VEC_INIT, NULL};
    int rc;

    *out = NULL;
    if (l == NULL)
        return mc_error_set(MC_ENOMEM, "out of memory");
    l->opts = *opts;
    l->opts_min_tier = opts->min_tier;
    l->opts_max_file_size = opts->max_file_size;
    if (opts->min_tier && mc_config_tier_name(opts->min_tier) == NULL) {
        rc = mc_error_set(MC_EINVALID,
                          "invalid minimum tier '%.40s' (expected T0..T6, T4-1 or "
                          "T4-2)",
                          opts->min_tier);
        goto fail;
    }
    l->base_rules = base;
    {
        /* a Hugging Face cache folder is linted as its newest snapshot */
        size_t np = opts->npaths ? opts->npaths : 1;
        bool any = false;
        if ((l->own_paths = calloc(np, sizeof(char *))) == NULL) {
            rc = mc_error_set(MC_ENOMEM, "out of memory");
            goto fail;
        }
        for (size_t i = 0; i < np; i++) {
            const char *given = opts->npaths ? opts->paths[i] : ".";
            char *snap = cache_snapshot(given);
            any = any || snap != NULL;
            l->own_paths[i] = snap ? snap : mc_strdup(given);
            if (l->own_paths[i] == NULL) {
                l->opts.npaths = np;
                rc = mc_error_set(MC_ENOMEM, "out of memory");
                goto fail;
            }
        }
        l->opts.npaths = np;
        if (any) {
            l->opts.paths = (const char *const *)l->own_paths;
        } else if (opts->npaths == 0) {
            l->opts.paths = (const char *const *)l->own_paths; /* "." */
        }
        opts = &l->opts;
    }
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
    so.overlay_path = opts->stdin_path;
    so.overlay_data = opts->stdin_data;
    so.overlay_len = opts->stdin_len;
    if ((rc = open_common(&l->src, opts, &so)) < 0)
        goto fail;
    /* the configuration that governs the first path (for --show-config and the exit
     * threshold): the closest .mclint.yaml above it */
    start_dir = relative_to_root(l->src, opts->npaths ? opts->paths[0] : ".", false);
    if (start_dir && mc_source_find(l->src, start_dir) >= 0)
        start_dir[mc_path_dirlen(start_dir)] = '\0';
    if ((rc = discover_config(opts, &l->config, l->src, start_dir ? start_dir : "",
                              opts->config_path, base)) < 0)
        goto fail;
    l->rules = mc_config_rules(l->config);
    if (l->opts.max_file_size == 0)
        l->opts.max_file_size = (size_t)mc_config_max_file_size(l->config);
    if (l->opts.min_tier == NULL)
        l->opts.min_tier = mc_config_min_tier(l->config);
    if (!l->per_card_config) {
        /* one configuration for the whole run: its report folders after the options' */
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
    }
    if ((rc = select_cards(&l->cards, &l->named, &l->notes, &dirs, l->src, &l->opts)) < 0)
        goto fail;
    if (l->named.len > 1)
        qsort(l->named.items, l->named.len, sizeof(void *), cmp_path);
    if (opts->baseline && (rc = mc_baseline_read(&l->baseline, opts->baseline)) < 0)
        goto fail;
    l->whole = opts->changed_since == NULL && opts->shard_count <= 1;
    for (size_t i = 0; l->whole && i < opts->npaths; i++) {
        char *rel = relative_to_root(l->src, opts->paths[i], false);
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
    if ((l->card_cfg = calloc(l->cards.len + 1, sizeof(*l->card_cfg))) == NULL) {
        rc = mc_error_set(MC_ENOMEM, "out of memory");
        goto fail;
    }
    {
        /* each card's own configuration decides whether it is excluded */
        size_t n = 0;
        for (size_t i = 0; i < l->cards.len; i++) {
            bool is_stop = stop && strcmp(l->cards.items[i], stop) == 0;
            const mc_config *cfg = NULL;
            if (n > 0 && strcmp(l->cards.items[n - 1], l->cards.items[i]) == 0) {
                free(l->cards.items[i]);
                continue;
            }
            if ((rc = card_config(l, l->cards.items[i], &cfg)) < 0) {
                for (size_t k = i; k < l->cards.len; k++)
                    free(l->cards.items[k]);
                l->cards.len = n;
                goto fail;
            }
            if (!is_stop && mc_config_excluded(cfg, l->cards.items[i])) {
                if (l->named.len > 0 &&
                    bsearch(&l->cards.items[i], l->named.items, l->named.len, sizeof(void *),
                            cmp_path) &&
                    (rc = add_note(&l->notes, "note", l->cards.items[i],
                                   "not linted: excluded by %s", mc_config_path(cfg))) < 0) {
                    for (size_t k = i; k < l->cards.len; k++)
                        free(l->cards.items[k]);
                    l->cards.len = n;
                    goto fail;
                }
                uncount(&dirs, l->cards.items[i]);
                free(l->cards.items[i]);
                continue;
            }
            l->card_cfg[n] = cfg;
            l->cards.items[n++] = l->cards.items[i];
        }
        l->cards.len = n;
    }
    if ((rc = empty_dirs_notes(l, &dirs)) < 0)
        goto fail;
    named_dirs_release(&dirs);
    free(start_dir);
    *out = l;
    return 0;
fail:
    named_dirs_release(&dirs);
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

bool mc_linter_failed(const mc_linter *l)
{
    return l->failed;
}

const mc_source *mc_linter_source(const mc_linter *l)
{
    return l->src;
}

const mc_rules *mc_linter_rules(const mc_linter *l)
{
    return l->rules;
}

mc_severity mc_linter_fail_on(const mc_linter *l, const char *card)
{
    size_t lo = 0, hi = l->cards.len;

    if (l->opts.fail_on != MC_SEV_NONE)
        return l->opts.fail_on;
    while (card && lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(l->cards.items[mid], card);
        if (c == 0)
            return mc_config_fail_on(l->card_cfg[mid]);
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return mc_config_fail_on(l->config);
}

/* True when a finding of `r` is at least as severe as the exit threshold of its card (the
 * finding's model, else its path). */
static bool part_fails(const mc_linter *l, const mc_report *r)
{
    for (size_t i = 0; i < mc_report_count(r); i++) {
        const mc_finding *f = mc_report_at(r, i);
        if (f->severity > MC_SEV_NONE &&
            f->severity >= mc_linter_fail_on(l, f->model ? f->model : f->path))
            return true;
    }
    return false;
}

size_t mc_linter_path_note_count(const mc_linter *l)
{
    return l->notes.len;
}

const char *mc_linter_path_note_at(const mc_linter *l, size_t i)
{
    return i < l->notes.len ? l->notes.items[i] : NULL;
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
} job;

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

/* How card i is built: the run's options with its configuration's size limit and report
 * folders (those given as options first). *dirs is malloc'd (the caller frees it). */
static int card_build(const mc_linter *l, size_t i, const mc_build_options *run,
                      mc_build_options *b, const char ***dirs)
{
    const mc_config *cfg = l->card_cfg[i];
    size_t nc = l->per_card_config ? mc_config_report_dir_count(cfg) : 0, n = 0;

    *b = *run;
    if (l->opts_max_file_size == 0)
        b->max_file_size = (size_t)mc_config_max_file_size(cfg);
    if ((*dirs = calloc(l->opts.nreport_dirs + nc + 1, sizeof(char *))) == NULL)
        return mc_error_set(MC_ENOMEM, "out of memory");
    for (size_t k = 0; k < l->opts.nreport_dirs; k++)
        (*dirs)[n++] = l->opts.report_dirs[k];
    for (size_t k = 0; k < nc; k++)
        (*dirs)[n++] = mc_config_report_dir_at(cfg, k);
    b->report_dirs = *dirs;
    b->nreport_dirs = n;
    return 0;
}

static int lint_one(job *j, size_t i, mc_report *report)
{
    const mc_linter *l = j->l;
    const char *path = l->cards.items[i];
    /* the closest configuration governs each card (ruff's "closest wins"), unless one was
     * named explicitly for the whole run */
    const mc_config *cfg = l->card_cfg[i];
    mc_policy policy = j->policy;
    mc_build_options build;
    const char **dirs = NULL;
    mc_record *rec = NULL;
    int rc = card_build(l, i, &j->build, &build, &dirs);

    if (rc == 0)
        rc = card_record(&rec, l->src, path, &build);
    free(dirs);
    if (rc < 0)
        return rc;
    atomic_fetch_add(&j->files_read,
                     1 + (rec->report != NULL) +
                         (rec->evidence ? mc_evidence_file_count(rec->evidence) : 0));
    if (rec->not_model) { /* a data set's or a Space's README: not mclint's */
        mc_record_free(rec);
        return 0;
    }
    if (l->per_card_config && l->opts_min_tier == NULL)
        policy.min_tier = mc_config_min_tier(cfg);
    policy.enabled = rule_selected;
    policy.enabled_arg = cfg;
    rc = mc_engine_run(mc_config_rules(cfg), rec, report, &policy);
    if (rc == 0 && rec->card && !l->opts.no_inline_config)
        rc = mc_suppressions_apply(report, rec->card, mc_config_rules(cfg), cfg);
    if (rc == 0)
        rc = mc_config_apply(cfg, report);
    if (rc < 0) {
        mc_record_free(rec);
        return rc;
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
        rc = lint_one(j, i, part);
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

/* The end of the filter chain, in card order on one thread: the baseline, then each
 * card's fail-on; then the part goes to the caller. */
static int deliver(mc_linter *l, mc_report *part, mc_linter_emit emit, void *payload)
{
    int rc = mc_baseline_take(l->baseline, part, NULL);

    if (rc < 0)
        return rc;
    if (!l->failed && part_fails(l, part))
        l->failed = true;
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
    l->failed = false;
    mc_baseline_rewind(l->baseline); /* each run matches the whole baseline again */
    j.policy.min_tier = l->opts.min_tier;
    j.build = build_options(l);
    /* a report linked from many cards is parsed once (records are compacted, so no longer
     * point to it, before they are delivered) */
    if ((j.build.reports = mc_report_cache_new(l->src)) == NULL)
        return mc_error_set(MC_ENOMEM, "out of memory");
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

        mc_build_options own;
        const char **dirs = NULL;

        rc = card_build(l, i, &build, &own, &dirs);
        if (rc == 0)
            rc = card_record(&rec, l->src, l->cards.items[i], &own);
        free(dirs);
        if (rc < 0)
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
