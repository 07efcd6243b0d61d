/* Baselines: findings keyed on (rule, path, normalised line text) with a count per key, so
 * that they keep matching when lines move. Format (docs/configuration.md):
 *   {"version": 1, "findings": [{"rule": "MC104", "path": "a/README.md",
 *     "text": "base_model: x", "count": 1}, ...]}
 * A finding without a snippet (a whole-file finding) is keyed on its message instead:
 * "message" replaces "text". */
#include "mclint/config.h"
#include "util/buf.h"
#include "util/str.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define BASELINE_VERSION 1
/* A baseline entry takes about 150 bytes for 5 JSON values; cJSON spends about 80 bytes a
 * value. The size cap and a cap on values per byte bound the parse's memory to a few times
 * the cap (a 63 MiB file of "0,0,0,..." took 2.65 GB). */
#define BASELINE_MAX_BYTES (32 * 1024 * 1024)
#define BASELINE_BYTES_PER_VALUE 16

/* The JSON values in `text` (a count of the structural characters outside strings). */
static size_t json_values(const char *text, size_t len)
{
    size_t n = 1;
    bool in_str = false;

    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (in_str) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_str = false;
        } else if (c == '"') {
            in_str = true;
        } else if (c == ',' || c == '[' || c == '{') {
            n++;
        }
    }
    return n;
}

typedef struct {
    char *rule, *path, *text; /* text: normalised snippet, or "\1" + message */
    size_t count;
} bl_entry;

struct mc_baseline {
    bl_entry *v;
    size_t n;
    size_t *used;         /* per entry: findings of this run it dropped (mc_baseline_take) */
    unsigned char *scope; /* per entry: its file was in this run's scope (mc_baseline_scope) */
};

/* White space collapsed to one space and trimmed. */
static char *normalise(const char *s)
{
    mc_buf b = MC_BUF_INIT;
    bool space = false;

    for (; s && *s && isspace((unsigned char)*s); s++)
        ;
    for (; s && *s; s++) {
        if (isspace((unsigned char)*s)) {
            space = true;
            continue;
        }
        if (space)
            mc_buf_putc(&b, ' ');
        space = false;
        mc_buf_putc(&b, *s);
    }
    if (!mc_buf_ok(&b))
        return NULL;
    return b.len ? mc_buf_detach(&b) : mc_strdup("");
}

/* The key text of a finding (malloc'd): its normalised snippet, or "\1" + its message. */
static char *key_text(const mc_finding *f)
{
    mc_buf b = MC_BUF_INIT;

    if (f->snippet)
        return normalise(f->snippet);
    mc_buf_putc(&b, '\1');
    mc_buf_puts(&b, f->message ? f->message : "");
    return mc_buf_detach(&b);
}

static int cmp_entry(const void *pa, const void *pb)
{
    const bl_entry *a = pa, *b = pb;
    int c;

    if ((c = strcmp(a->path, b->path)) != 0)
        return c;
    if ((c = strcmp(a->rule, b->rule)) != 0)
        return c;
    return strcmp(a->text, b->text);
}

static void free_entries(bl_entry *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].rule);
        free(v[i].path);
        free(v[i].text);
    }
    free(v);
}

/* Sorted, with equal keys merged (counts added). */
static void sort_merge(bl_entry *v, size_t *n)
{
    size_t k = 0;

    if (*n > 1)
        qsort(v, *n, sizeof(*v), cmp_entry);
    for (size_t i = 0; i < *n; i++) {
        if (k > 0 && cmp_entry(&v[k - 1], &v[i]) == 0) {
            v[k - 1].count += v[i].count;
            free(v[i].rule);
            free(v[i].path);
            free(v[i].text);
        } else {
            v[k++] = v[i];
        }
    }
    *n = k;
}

/* Write entries v[0..n) as a baseline file, each with its count less drop[i] (drop may be
 * NULL); an entry left with no count is not written. */
static int write_entries(FILE *out, const bl_entry *v, size_t n, const size_t *drop)
{
    cJSON *root = NULL, *arr;
    char *text = NULL;
    int rc = MC_ENOMEM;

    if ((root = cJSON_CreateObject()) == NULL ||
        !cJSON_AddNumberToObject(root, "version", BASELINE_VERSION) ||
        (arr = cJSON_AddArrayToObject(root, "findings")) == NULL)
        goto done;
    for (size_t i = 0; i < n; i++) {
        size_t count = v[i].count - (drop ? drop[i] : 0);
        cJSON *o;
        if (count == 0)
            continue;
        if ((o = cJSON_CreateObject()) == NULL || !cJSON_AddItemToArray(arr, o))
            goto done;
        if (!cJSON_AddStringToObject(o, "rule", v[i].rule) ||
            !cJSON_AddStringToObject(o, "path", v[i].path) ||
            !(v[i].text[0] == '\1' ? cJSON_AddStringToObject(o, "message", v[i].text + 1)
                                   : cJSON_AddStringToObject(o, "text", v[i].text)) ||
            !cJSON_AddNumberToObject(o, "count", (double)count))
            goto done;
    }
    if ((text = cJSON_Print(root)) == NULL)
        goto done;
    rc = fputs(text, out) < 0 || fputc('\n', out) == EOF ? MC_EIO : 0;
done:
    cJSON_Delete(root);
    cJSON_free(text);
    if (rc == MC_ENOMEM)
        return mc_error_set(MC_ENOMEM, "out of memory");
    if (rc == MC_EIO)
        return mc_error_set(MC_EIO, "cannot write the baseline");
    return 0;
}

int mc_baseline_write(FILE *out, const mc_report *report)
{
    size_t n = mc_report_count(report);
    bl_entry *v = calloc(n ? n : 1, sizeof(*v));
    int rc;

    if (v == NULL)
        return mc_error_set(MC_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        const mc_finding *f = mc_report_at(report, i);
        v[i].rule = mc_strdup(f->rule ? f->rule : "");
        v[i].path = mc_strdup(f->path ? f->path : "");
        v[i].text = key_text(f);
        v[i].count = 1;
        if (!v[i].rule || !v[i].path || !v[i].text) {
            free_entries(v, i + 1);
            return mc_error_set(MC_ENOMEM, "out of memory");
        }
    }
    sort_merge(v, &n);
    rc = write_entries(out, v, n, NULL);
    free_entries(v, n);
    return rc;
}

void mc_baseline_free(mc_baseline *bl)
{
    if (bl == NULL)
        return;
    free_entries(bl->v, bl->n);
    free(bl->used);
    free(bl->scope);
    free(bl);
}

static const char *get_str(const cJSON *o, const char *key)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(it) ? it->valuestring : NULL;
}

int mc_baseline_read(mc_baseline **out, const char *path)
{
    struct stat st;
    char *text;
    size_t got = 0;
    int fd, rc;

    *out = NULL;
    /* the size is checked before anything is read; a FIFO or a device is not opened for
     * reading whole */
    fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return mc_error_set(MC_EIO, "%s: %s", path, strerror(errno));
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return mc_error_set(MC_EIO, "%s: not a regular file", path);
    }
    if (st.st_size > BASELINE_MAX_BYTES) {
        close(fd);
        return mc_error_set(MC_ETOOBIG, "%s: baseline larger than %d bytes", path,
                            BASELINE_MAX_BYTES);
    }
    if ((text = malloc((size_t)st.st_size + 1)) == NULL) {
        close(fd);
        return mc_error_set(MC_ENOMEM, "out of memory");
    }
    while (got < (size_t)st.st_size) {
        ssize_t r = read(fd, text + got, (size_t)st.st_size - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            rc = mc_error_set(MC_EIO, "%s: %s", path, strerror(errno));
            free(text);
            close(fd);
            return rc;
        }
        if (r == 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    text[got] = '\0';
    rc = mc_baseline_load(out, path, text, got);
    free(text);
    return rc;
}

int mc_baseline_load(mc_baseline **out, const char *path, const char *text, size_t len)
{
    mc_baseline *bl = NULL;
    cJSON *root = NULL;
    const cJSON *ver, *arr, *it;
    size_t i = 0;
    int rc;

    *out = NULL;
    path = path ? path : "<baseline>";
    if (len > BASELINE_MAX_BYTES)
        return mc_error_set(MC_ETOOBIG, "%s: baseline larger than %d bytes", path,
                            BASELINE_MAX_BYTES);
    if (json_values(text, len) > len / BASELINE_BYTES_PER_VALUE + 1024)
        return mc_error_set(MC_EINVALID,
                            "%s: too many JSON values for its size (is it a baseline?)", path);
    root = cJSON_ParseWithLength(text, len);
    if (root == NULL || !cJSON_IsObject(root)) {
        rc = mc_error_set(MC_EINVALID, "%s: not a JSON object (is it a baseline?)", path);
        goto fail;
    }
    ver = cJSON_GetObjectItemCaseSensitive(root, "version");
    if (!cJSON_IsNumber(ver) || ver->valuedouble != BASELINE_VERSION) {
        rc = mc_error_set(MC_EINVALID, "%s: unsupported baseline version (expected %d)", path,
                          BASELINE_VERSION);
        goto fail;
    }
    arr = cJSON_GetObjectItemCaseSensitive(root, "findings");
    if (!cJSON_IsArray(arr)) {
        rc = mc_error_set(MC_EINVALID, "%s: 'findings' must be an array", path);
        goto fail;
    }
    bl = calloc(1, sizeof(*bl));
    if (bl == NULL ||
        (bl->v = calloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof(bl_entry))) == NULL) {
        rc = mc_error_set(MC_ENOMEM, "out of memory");
        goto fail;
    }
    cJSON_ArrayForEach(it, arr)
    {
        const char *rule = get_str(it, "rule"), *p = get_str(it, "path");
        const char *t = get_str(it, "text"), *msg = get_str(it, "message");
        const cJSON *count = cJSON_GetObjectItemCaseSensitive(it, "count");
        bl_entry *e = &bl->v[bl->n];
        double c = 1;

        if (!cJSON_IsObject(it) || rule == NULL || p == NULL || (t == NULL) == (msg == NULL)) {
            rc = mc_error_set(MC_EINVALID,
                              "%s: findings[%zu] needs \"rule\", \"path\" and one of \"text\" "
                              "or \"message\"",
                              path, i);
            goto fail;
        }
        if (count != NULL) {
            if (!cJSON_IsNumber(count) || count->valuedouble < 1 || count->valuedouble > 1e9 ||
                count->valuedouble != (double)(long)count->valuedouble) {
                rc = mc_error_set(MC_EINVALID,
                                  "%s: findings[%zu]: 'count' must be a positive integer", path, i);
                goto fail;
            }
            c = count->valuedouble;
        }
        e->rule = mc_strdup(rule);
        e->path = mc_strdup(p);
        if (t) {
            e->text = normalise(t);
        } else {
            mc_buf b = MC_BUF_INIT;
            mc_buf_putc(&b, '\1');
            mc_buf_puts(&b, msg);
            e->text = mc_buf_detach(&b);
        }
        e->count = (size_t)c;
        bl->n++;
        i++;
        if (!e->rule || !e->path || !e->text) {
            rc = mc_error_set(MC_ENOMEM, "out of memory");
            goto fail;
        }
    }
    sort_merge(bl->v, &bl->n);
    bl->used = calloc(bl->n + 1, sizeof(size_t));
    bl->scope = malloc(bl->n + 1);
    if (bl->used == NULL || bl->scope == NULL) {
        rc = mc_error_set(MC_ENOMEM, "out of memory");
        goto fail;
    }
    memset(bl->scope, 1, bl->n + 1);
    cJSON_Delete(root);
    *out = bl;
    return 0;
fail:
    cJSON_Delete(root);
    mc_baseline_free(bl);
    return rc;
}

/* The entry with findings left to drop that holds `key`, or -1. */
static long open_entry(const mc_baseline *bl, const size_t *used, const bl_entry *key)
{
    const bl_entry *hit = bsearch(key, bl->v, bl->n, sizeof(bl_entry), cmp_entry);

    return hit && used[hit - bl->v] < hit->count ? (long)(hit - bl->v) : -1;
}

/* The entry a finding matches and may still drop, or -1 (-2 when out of memory): its own
 * key, else, for a finding about evidence (on the card's claim, the evidence file related),
 * the key a baseline written when it was on the evidence file gave it (that path and its
 * message). */
static long find_entry(const mc_baseline *bl, const size_t *used, const mc_finding *f)
{
    bl_entry key;
    long at;
    mc_buf b = MC_BUF_INIT;

    key.rule = (char *)(f->rule ? f->rule : "");
    key.path = (char *)(f->path ? f->path : "");
    if ((key.text = key_text(f)) == NULL)
        return -2;
    at = open_entry(bl, used, &key);
    free(key.text);
    if (at >= 0 || mc_finding_related_count(f) == 0)
        return at;
    mc_buf_putc(&b, '\1');
    mc_buf_puts(&b, f->message ? f->message : "");
    if (!mc_buf_ok(&b)) {
        mc_buf_release(&b);
        return -2;
    }
    key.path = (char *)mc_finding_related_at(f, 0)->path;
    key.text = b.ptr;
    at = open_entry(bl, used, &key);
    mc_buf_release(&b);
    return at;
}

typedef struct {
    const mc_baseline *bl;
    size_t *used; /* per entry: findings dropped so far */
    size_t dropped;
    int failed;
} take_ctx;

static int keep_untaken(const mc_finding *f, void *payload)
{
    take_ctx *c = payload;
    long at;

    if (c->failed)
        return 1;
    if ((at = find_entry(c->bl, c->used, f)) == -2) {
        c->failed = 1;
        return 1;
    }
    if (at >= 0) {
        c->used[at]++;
        c->dropped++;
        return 0;
    }
    return 1;
}

size_t mc_baseline_filter(const mc_baseline *bl, mc_report *report)
{
    take_ctx c = {bl, NULL, 0, 0};

    if (bl == NULL || bl->n == 0)
        return 0;
    if ((c.used = calloc(bl->n, sizeof(size_t))) == NULL)
        return 0;
    mc_report_filter(report, keep_untaken, &c);
    free(c.used);
    return c.dropped;
}

int mc_baseline_take(mc_baseline *bl, mc_report *part, size_t *dropped)
{
    take_ctx c = {bl, NULL, 0, 0};

    if (dropped)
        *dropped = 0;
    if (bl == NULL || bl->n == 0)
        return 0;
    c.used = bl->used;
    mc_report_filter(part, keep_untaken, &c);
    if (dropped)
        *dropped = c.dropped;
    return c.failed ? mc_error_set(MC_ENOMEM, "out of memory") : 0;
}

void mc_baseline_rewind(mc_baseline *bl)
{
    if (bl && bl->used)
        memset(bl->used, 0, bl->n * sizeof(size_t));
}

void mc_baseline_scope(mc_baseline *bl, bool (*in_scope)(const char *path, void *arg), void *arg)
{
    for (size_t i = 0; bl && i < bl->n; i++)
        bl->scope[i] = in_scope == NULL || in_scope(bl->v[i].path, arg);
}

/* Findings an entry still expects but this run did not give (0 out of scope). */
static size_t stale_of(const mc_baseline *bl, size_t i)
{
    return bl->scope[i] && bl->used[i] < bl->v[i].count ? bl->v[i].count - bl->used[i] : 0;
}

size_t mc_baseline_stale_count(const mc_baseline *bl)
{
    size_t n = 0;

    for (size_t i = 0; bl && i < bl->n; i++)
        n += stale_of(bl, i) > 0;
    return n;
}

size_t mc_baseline_entry_count(const mc_baseline *bl)
{
    return bl ? bl->n : 0;
}

/* One line of text for a note: control characters shown as '?', at most `max` bytes. */
static void put_clean(mc_buf *b, const char *s, size_t max)
{
    size_t i = 0;

    for (; s && s[i] && i < max; i++)
        mc_buf_putc(b, (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? '?' : s[i]);
    if (s && s[i])
        mc_buf_puts(b, "...");
}

int mc_baseline_write_stale(FILE *out, const mc_baseline *bl, const char *name, size_t max_listed)
{
    size_t n = mc_baseline_stale_count(bl), listed = 0;
    mc_buf b = MC_BUF_INIT;
    int rc = 0;

    if (n == 0)
        return 0;
    mc_buf_puts(&b, "mclint: note: ");
    put_clean(&b, name ? name : "baseline", 200);
    mc_buf_printf(&b, ": %zu %s no longer %s any finding (--prune-baseline drops %s)\n", n,
                  n == 1 ? "entry" : "entries", n == 1 ? "matches" : "match",
                  n == 1 ? "it" : "them");
    for (size_t i = 0; i < bl->n; i++) {
        size_t left = stale_of(bl, i);
        const char *t = bl->v[i].text;

        if (left == 0)
            continue;
        if (listed++ == max_listed) {
            mc_buf_printf(&b, "mclint: note:   ... and %zu more\n", n - max_listed);
            break;
        }
        mc_buf_puts(&b, "mclint: note:   ");
        put_clean(&b, bl->v[i].rule, 40);
        mc_buf_putc(&b, ' ');
        put_clean(&b, bl->v[i].path, 200);
        mc_buf_puts(&b, t[0] == '\1' ? ": message: " : ": ");
        put_clean(&b, t[0] == '\1' ? t + 1 : t, 120);
        if (left > 1)
            mc_buf_printf(&b, " (%zu times)", left);
        mc_buf_putc(&b, '\n');
    }
    if (!mc_buf_ok(&b))
        rc = mc_error_set(MC_ENOMEM, "out of memory");
    else if (fwrite(b.ptr, 1, b.len, out) != b.len)
        rc = mc_error_set(MC_EIO, "cannot write the note");
    mc_buf_release(&b);
    return rc;
}

int mc_baseline_write_pruned(FILE *out, const mc_baseline *bl)
{
    size_t *stale;
    int rc;

    if (bl == NULL)
        return write_entries(out, NULL, 0, NULL);
    if ((stale = calloc(bl->n + 1, sizeof(size_t))) == NULL)
        return mc_error_set(MC_ENOMEM, "out of memory");
    for (size_t i = 0; i < bl->n; i++)
        stale[i] = stale_of(bl, i);
    rc = write_entries(out, bl->v, bl->n, stale);
    free(stale);
    return rc;
}
