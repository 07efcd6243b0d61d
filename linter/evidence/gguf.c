/* GGUF headers: the key-value metadata at the start of a GGUF file (versions 2 and 3,
 * little-endian), never the tensor information or the tensor data.
 *
 * Layout: "GGUF", u32 version, u64 tensor count, u64 key-value count, then the pairs: a
 * string key, a u32 value type and the value. Strings are a u64 length and that many bytes;
 * arrays a u32 element type, a u64 count and the elements. Only the first MC_EV_GGUF_CAP
 * bytes are looked at; every length and count is checked against the bytes the file has
 * before anything is read, and nothing is allocated from a count: the reader keeps
 * pointers into the bytes it was given and a few fixed-size tables. */
#include "evidence/ev.h"
#include "util/str.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    GG_UINT8,
    GG_INT8,
    GG_UINT16,
    GG_INT16,
    GG_UINT32,
    GG_INT32,
    GG_FLOAT32,
    GG_BOOL,
    GG_STRING,
    GG_ARRAY,
    GG_UINT64,
    GG_INT64,
    GG_FLOAT64,
    GG_NTYPES
};

#define GG_BASES 8         /* general.base_model.N read for N < GG_BASES */
#define GG_SPECIAL_IDS 16  /* tokenizer.ggml.*_token_id keys kept */
#define GG_CONTROL 320     /* control tokens (token_type 3) kept, as tokscan keeps */
#define GG_EXPERT_KEYS 4   /* <arch>.expert_count and friends */
#define GG_KEY_MAX 65535   /* a longer key is not a key */
#define GG_TOKEN_CONTROL 3 /* llama.cpp's LLAMA_TOKEN_TYPE_CONTROL */

typedef struct {
    const char *s;
    size_t n;
} gg_str;

typedef enum { GG_OK, GG_SHORT, GG_BAD } gg_status;

typedef struct {
    const unsigned char *p;
    size_t len;              /* bytes that may be looked at (<= MC_EV_GGUF_CAP) */
    unsigned long long size; /* bytes in the whole file */
    size_t off;              /* where the cursor is */
    gg_status st;            /* GG_SHORT: ran past `len` within the file */
    unsigned long long need; /* for GG_SHORT: bytes of the file's start needed */
    char msg[200];           /* for GG_BAD: why */
} gg_cur;

typedef struct {
    unsigned version;
    unsigned long long n_tensors, n_kv, kv_read;
    gg_str arch, name, license, quantized_by, tok_model, stop_key;
    long long file_type, base_count, merges;
    struct {
        gg_str name, org, url;
    } base[GG_BASES];
    struct {
        char key[64];
        long long id;
        gg_str text;
    } special[GG_SPECIAL_IDS];
    int n_special;
    struct {
        char key[64];
        long long n;
    } experts[GG_EXPERT_KEYS];
    int n_experts;
    size_t tokens_off, types_off; /* first element; 0 if absent */
    unsigned long long tokens_n, types_n;
    struct {
        long long id;
        gg_str text;
    } control[GG_CONTROL];
    int n_control;
} gg_info;

static const unsigned char scalar_size[GG_NTYPES] = {1, 1, 2, 2, 4, 4, 4, 1, 0, 0, 8, 8, 8};

static void bad(gg_cur *c, const char *fmt, ...) MC_PRINTF(2, 3);

static void bad(gg_cur *c, const char *fmt, ...)
{
    va_list ap;

    if (c->st != GG_OK)
        return;
    va_start(ap, fmt);
    vsnprintf(c->msg, sizeof(c->msg), fmt, ap);
    va_end(ap);
    c->st = GG_BAD;
}

/* True if `n` more bytes are at the cursor; else the file is short (GG_BAD, `what` says
 * what was being read) or the window is (GG_SHORT). */
static bool avail(gg_cur *c, unsigned long long n, const char *what)
{
    if (c->st != GG_OK)
        return false;
    if (n > c->size - c->off) {
        bad(c, "%s at offset %zu runs past the end of the file (%llu bytes)", what, c->off,
            c->size);
        return false;
    }
    if (n > c->len - c->off) {
        c->st = GG_SHORT;
        c->need = c->off + n;
        return false;
    }
    return true;
}

static unsigned long long le(const unsigned char *p, int n)
{
    unsigned long long v = 0;

    for (int i = n - 1; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

static bool rd_u32(gg_cur *c, unsigned *v, const char *what)
{
    if (!avail(c, 4, what))
        return false;
    *v = (unsigned)le(c->p + c->off, 4);
    c->off += 4;
    return true;
}

static bool rd_u64(gg_cur *c, unsigned long long *v, const char *what)
{
    if (!avail(c, 8, what))
        return false;
    *v = le(c->p + c->off, 8);
    c->off += 8;
    return true;
}

static bool rd_str(gg_cur *c, gg_str *s, const char *what)
{
    unsigned long long n;

    if (!rd_u64(c, &n, what))
        return false;
    if (!avail(c, n, what))
        return false;
    s->s = (const char *)c->p + c->off;
    s->n = (size_t)n;
    c->off += (size_t)n;
    return true;
}

/* An integer scalar of any integer type (bool and floats are not). */
static bool scalar_int(const unsigned char *p, unsigned type, long long *v)
{
    unsigned long long u;

    switch (type) {
    case GG_UINT8:
    case GG_UINT16:
    case GG_UINT32:
        *v = (long long)le(p, scalar_size[type]);
        return true;
    case GG_INT8:
        *v = (signed char)p[0];
        return true;
    case GG_INT16:
        *v = (short)(unsigned short)le(p, 2);
        return true;
    case GG_INT32:
        *v = (int)(unsigned)le(p, 4);
        return true;
    case GG_UINT64:
    case GG_INT64:
        u = le(p, 8);
        if (type == GG_UINT64 && u > (unsigned long long)(1ULL << 62))
            u = 1ULL << 62;
        *v = (long long)u;
        return true;
    default:
        return false;
    }
}

static bool key_is(gg_str k, const char *s)
{
    size_t n = strlen(s);

    return k.n == n && memcmp(k.s, s, n) == 0;
}

static bool key_has_prefix(gg_str k, const char *s)
{
    size_t n = strlen(s);

    return k.n >= n && memcmp(k.s, s, n) == 0;
}

static bool key_has_suffix(gg_str k, const char *s)
{
    size_t n = strlen(s);

    return k.n >= n && memcmp(k.s + k.n - n, s, n) == 0;
}

static void key_copy(char *out, size_t size, gg_str k)
{
    size_t n = k.n < size - 1 ? k.n : size - 1;

    memcpy(out, k.s, n);
    out[n] = '\0';
}

/* The key as it may be shown: at most 64 bytes, anything but printable ASCII as '?'. */
static const char *key_shown(char out[72], gg_str k)
{
    size_t n = k.n < 64 ? k.n : 64;

    for (size_t i = 0; i < n; i++)
        out[i] = (unsigned char)k.s[i] < 0x20 || (unsigned char)k.s[i] >= 0x7f ? '?' : k.s[i];
    out[n] = '\0';
    return out;
}

/* general.base_model.N.<field> */
static void base_field(gg_info *in, gg_str k, gg_str v)
{
    const char *p = k.s + 19, *end = k.s + k.n;
    unsigned n = 0;
    int digits = 0;

    while (p < end && *p >= '0' && *p <= '9' && digits < 3) {
        n = n * 10 + (unsigned)(*p++ - '0');
        digits++;
    }
    if (digits == 0 || n >= GG_BASES || p >= end || *p != '.')
        return;
    p++;
    if ((size_t)(end - p) == 4 && memcmp(p, "name", 4) == 0)
        in->base[n].name = v;
    else if ((size_t)(end - p) == 12 && memcmp(p, "organization", 12) == 0)
        in->base[n].org = v;
    else if ((size_t)(end - p) == 8 && memcmp(p, "repo_url", 8) == 0)
        in->base[n].url = v;
}

static void string_value(gg_info *in, gg_str k, gg_str v)
{
    if (key_is(k, "general.architecture"))
        in->arch = v;
    else if (key_is(k, "general.name"))
        in->name = v;
    else if (key_is(k, "general.license"))
        in->license = v;
    else if (key_is(k, "general.quantized_by"))
        in->quantized_by = v;
    else if (key_is(k, "tokenizer.ggml.model"))
        in->tok_model = v;
    else if (key_has_prefix(k, "general.base_model."))
        base_field(in, k, v);
}

static void int_value(gg_info *in, gg_str k, long long v)
{
    const char *dot = memchr(k.s, '.', k.n);

    if (key_is(k, "general.file_type")) {
        in->file_type = v;
    } else if (key_is(k, "general.base_model.count")) {
        in->base_count = v;
    } else if (key_has_prefix(k, "tokenizer.ggml.") && key_has_suffix(k, "_token_id")) {
        if (in->n_special < GG_SPECIAL_IDS && v >= 0) {
            key_copy(in->special[in->n_special].key, sizeof(in->special[0].key), k);
            in->special[in->n_special].id = v;
            in->n_special++;
        }
    } else if (dot && memchr(dot + 1, '.', k.n - (size_t)(dot + 1 - k.s)) == NULL &&
               (key_has_suffix(k, ".expert_count") || key_has_suffix(k, ".expert_used_count"))) {
        if (in->n_experts < GG_EXPERT_KEYS) {
            key_copy(in->experts[in->n_experts].key, sizeof(in->experts[0].key), k);
            in->experts[in->n_experts].n = v;
            in->n_experts++;
        }
    }
}

/* An array value: its elements are walked (strings) or skipped (fixed size), never stored. */
static void array_value(gg_cur *c, gg_info *in, gg_str k)
{
    unsigned type;
    unsigned long long n;
    size_t first;
    char shown[72];

    if (!rd_u32(c, &type, "array type") || !rd_u64(c, &n, "array length"))
        return;
    if (type == GG_ARRAY) {
        bad(c, "key '%s' holds an array of arrays, which is not read", key_shown(shown, k));
        return;
    }
    if (type >= GG_NTYPES) {
        bad(c, "key '%s' holds an array of unknown type %u", key_shown(shown, k), type);
        return;
    }
    first = c->off;
    if (type == GG_STRING) {
        /* every element takes at least its 8-byte length */
        if (n > (c->size - c->off) / 8) {
            bad(c, "key '%s' declares %llu strings, more than the file can hold",
                key_shown(shown, k), n);
            return;
        }
        if (key_is(k, "tokenizer.ggml.tokens")) {
            /* the length counts even when the array runs past the limit */
            in->tokens_off = first;
            in->tokens_n = n;
        }
        for (unsigned long long i = 0; i < n; i++) {
            gg_str s;

            if (!rd_str(c, &s, "array string")) {
                /* out of window: guess the array's end from the strings seen so far, so
                 * that the next read takes it whole rather than a little more */
                if (c->st == GG_SHORT && c->off > first) {
                    unsigned long long per = (c->off - first) / (i ? i : 1) + 1;
                    unsigned long long left = n - i, room = c->size - c->off;
                    unsigned long long guess = per > room / left ? c->size : c->off + per * left;

                    if (guess > c->need)
                        c->need = guess;
                }
                return;
            }
        }
    } else {
        unsigned sz = scalar_size[type];

        if (n > (c->size - c->off) / sz) {
            bad(c, "key '%s' declares %llu elements, more than the file can hold",
                key_shown(shown, k), n);
            return;
        }
        if (!avail(c, n * sz, "array"))
            return;
        c->off += (size_t)(n * sz);
    }
    if (key_is(k, "tokenizer.ggml.token_type") && (type == GG_INT32 || type == GG_UINT32)) {
        in->types_off = first;
        in->types_n = n;
    } else if (key_is(k, "tokenizer.ggml.merges")) {
        in->merges = n > (unsigned long long)(1ULL << 62) ? (long long)(1ULL << 62) : (long long)n;
    }
}

/* Walk the header and the key-value pairs into `in`. */
static void walk(gg_cur *c, gg_info *in)
{
    unsigned char magic[4];
    unsigned long long min_pair = 8 + 4 + 1;

    memset(in, 0, sizeof(*in));
    in->file_type = in->base_count = in->merges = -1;
    if (!avail(c, 4, "magic"))
        return;
    memcpy(magic, c->p, 4);
    if (memcmp(magic, "GGUF", 4) != 0) {
        bad(c, "not a GGUF file (no \"GGUF\" magic)");
        return;
    }
    c->off = 4;
    if (!rd_u32(c, &in->version, "version"))
        return;
    if (in->version != 2 && in->version != 3) {
        unsigned swapped = ((in->version & 0xff) << 24) | ((in->version & 0xff00) << 8) |
                           ((in->version >> 8) & 0xff00) | (in->version >> 24);

        if (swapped == 2 || swapped == 3)
            bad(c, "big-endian GGUF files are not read");
        else
            bad(c, "GGUF version %u is not read (only versions 2 and 3)", in->version);
        return;
    }
    if (!rd_u64(c, &in->n_tensors, "tensor count") || !rd_u64(c, &in->n_kv, "key-value count"))
        return;
    /* a tensor's information takes at least 24 bytes: name length, dimensions, type, offset */
    if (in->n_tensors > c->size / 24) {
        bad(c, "declares %llu tensors, more than the file can hold", in->n_tensors);
        return;
    }
    if (in->n_kv > (c->size - c->off) / min_pair) {
        bad(c, "declares %llu key-value pairs, more than the file can hold", in->n_kv);
        return;
    }
    for (unsigned long long i = 0; i < in->n_kv; i++) {
        gg_str k;
        char shown[72];
        unsigned type;
        unsigned long long kn;
        size_t at = c->off;

        in->stop_key.s = NULL;
        in->stop_key.n = 0;
        if (!rd_u64(c, &kn, "key length"))
            return;
        if (kn > GG_KEY_MAX) {
            bad(c, "key length %llu at offset %zu is not a key's", kn, at);
            return;
        }
        c->off = at;
        if (!rd_str(c, &k, "key"))
            return;
        in->stop_key = k;
        if (!rd_u32(c, &type, "value type"))
            return;
        if (type >= GG_NTYPES) {
            bad(c, "key '%s' has unknown value type %u", key_shown(shown, k), type);
            return;
        }
        if (type == GG_STRING) {
            gg_str v;

            if (!rd_str(c, &v, "string value"))
                return;
            string_value(in, k, v);
        } else if (type == GG_ARRAY) {
            array_value(c, in, k);
            if (c->st != GG_OK)
                return;
        } else {
            long long v;

            if (!avail(c, scalar_size[type], "value"))
                return;
            if (scalar_int(c->p + c->off, type, &v))
                int_value(in, k, v);
            c->off += scalar_size[type];
        }
        in->kv_read++;
    }
}

static void cur_init(gg_cur *c, const char *data, size_t len, unsigned long long file_size)
{
    memset(c, 0, sizeof(*c));
    c->p = (const unsigned char *)data;
    if (file_size < len)
        file_size = len;
    c->size = file_size;
    c->len = len < MC_EV_GGUF_CAP ? len : MC_EV_GGUF_CAP;
}

unsigned long long mc_ev_gguf_need(const char *data, size_t len, unsigned long long file_size)
{
    gg_cur c;
    gg_info *in = malloc(sizeof(*in));
    unsigned long long need;

    if (in == NULL)
        return len;
    cur_init(&c, data, len, file_size);
    walk(&c, in);
    free(in);
    need = c.st == GG_SHORT ? c.need : len;
    return need;
}

/* The texts of the tokens the special ids and the control tokens name, from the tokens
 * array (the part of it in the window). */
static void resolve_tokens(const gg_cur *c, gg_info *in)
{
    size_t off = in->types_off;
    int ci = 0;

    if (in->types_off) {
        for (unsigned long long i = 0; i < in->types_n && in->n_control < GG_CONTROL; i++) {
            if (off + 4 > c->len)
                break;
            if (le(c->p + off, 4) == GG_TOKEN_CONTROL) {
                in->control[in->n_control].id = (long long)i;
                in->control[in->n_control].text.s = NULL;
                in->n_control++;
            }
            off += 4;
        }
    }
    if (in->tokens_off == 0)
        return;
    off = in->tokens_off;
    for (unsigned long long i = 0; i < in->tokens_n; i++) {
        unsigned long long n;
        gg_str t;

        if (off + 8 > c->len)
            break;
        n = le(c->p + off, 8);
        if (n > c->len - off - 8)
            break;
        t.s = (const char *)c->p + off + 8;
        t.n = (size_t)n;
        off += 8 + (size_t)n;
        for (int k = 0; k < in->n_special; k++)
            if ((unsigned long long)in->special[k].id == i)
                in->special[k].text = t;
        while (ci < in->n_control && (unsigned long long)in->control[ci].id < i)
            ci++;
        if (ci < in->n_control && (unsigned long long)in->control[ci].id == i)
            in->control[ci].text = t;
    }
}

/* Add a string item, its bytes made valid UTF-8 (invalid bytes and NULs become '?'). */
static mc_evidence *add_str(mc_evidence_set *set, mc_evidence_kind kind, const char *path,
                            const char *key, gg_str v, long long number)
{
    char buf[MC_EV_MAX_VALUE + 8];
    size_t i = 0, o = 0;

    while (i < v.n && o < MC_EV_MAX_VALUE) {
        size_t k = mc_utf8_seqlen(v.s + i, v.n - i);

        if (k == 0)
            break;
        if ((k == 1 && (unsigned char)v.s[i] >= 0x80) || v.s[i] == '\0') {
            buf[o++] = '?';
        } else {
            if (o + k > MC_EV_MAX_VALUE)
                break;
            memcpy(buf + o, v.s + i, k);
            o += k;
        }
        i += k;
    }
    buf[o] = '\0';
    return mc_ev_addn(set, kind, path, (mc_span){0, 0, 0, 0}, key, buf, o, number);
}

static const char *file_type_name(long long t)
{
    /* llama.cpp's llama_ftype (without the MOSTLY_ prefix) */
    static const char *const names[] = {
        "F32",      "F16",    "Q4_0",    "Q4_1",      "Q4_1_SOME_F16", "Q4_2",     "Q4_3",
        "Q8_0",     "Q5_0",   "Q5_1",    "Q2_K",      "Q3_K_S",        "Q3_K_M",   "Q3_K_L",
        "Q4_K_S",   "Q4_K_M", "Q5_K_S",  "Q5_K_M",    "Q6_K",          "IQ2_XXS",  "IQ2_XS",
        "Q2_K_S",   "IQ3_XS", "IQ3_XXS", "IQ1_S",     "IQ4_NL",        "IQ3_S",    "IQ3_M",
        "IQ2_S",    "IQ2_M",  "IQ4_XS",  "IQ1_M",     "BF16",          "Q4_0_4_4", "Q4_0_4_8",
        "Q4_0_8_8", "TQ1_0",  "TQ2_0",   "MXFP4_MOE",
    };

    if (t >= 0 && (size_t)t < sizeof(names) / sizeof(names[0]))
        return names[t];
    return NULL;
}

/* "https://host/org/name" -> "org/name" (the last two path segments of a URL), or NULL. */
static bool url_repo_id(gg_str url, char *out, size_t size)
{
    const char *p = url.s, *end = url.s + url.n;
    const char *scheme = NULL;
    size_t n;

    for (const char *q = p; q + 3 <= end; q++)
        if (memcmp(q, "://", 3) == 0) {
            scheme = q;
            break;
        }
    if (scheme == NULL)
        return false;
    p = memchr(scheme + 3, '/', (size_t)(end - scheme - 3));
    if (p == NULL)
        return false;
    p++;
    while (end > p && end[-1] == '/')
        end--;
    n = (size_t)(end - p);
    if (n == 0 || n >= size)
        return false;
    {
        const char *slash = memchr(p, '/', n);

        if (slash == NULL || slash == p || slash + 1 == end ||
            memchr(slash + 1, '/', (size_t)(end - slash - 1)))
            return false;
    }
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)p[i] <= 0x20 || (unsigned char)p[i] >= 0x7f || p[i] == '?' ||
            p[i] == '#')
            return false;
    memcpy(out, p, n);
    out[n] = '\0';
    return true;
}

static void emit_bases(mc_evidence_set *set, const char *path, const gg_info *in)
{
    char key[64], id[200], text[MC_EV_MAX_VALUE];

    for (int i = 0; i < GG_BASES; i++) {
        const gg_str *name = &in->base[i].name, *org = &in->base[i].org, *url = &in->base[i].url;

        if (in->base_count >= 0 && i >= in->base_count)
            break;
        if (url->s && url_repo_id(*url, id, sizeof(id))) {
            snprintf(key, sizeof(key), "general.base_model.%d.repo_url", i);
            mc_ev_add(set, MC_EV_NAME_OR_PATH, path, (mc_span){0, 0, 0, 0}, key, id, -1);
        } else if (name->s && name->n > 0) {
            gg_str v = *name;

            snprintf(key, sizeof(key), "general.base_model.%d.name", i);
            if (org->s && org->n > 0) {
                snprintf(text, sizeof(text), "%.*s (%.*s)", (int)(name->n > 400 ? 400 : name->n),
                         name->s, (int)(org->n > 400 ? 400 : org->n), org->s);
                v.s = text;
                v.n = strlen(text);
            }
            add_str(set, MC_EV_NAME_OR_PATH, path, key, v, -1);
        } else if (url->s && url->n > 0) {
            snprintf(key, sizeof(key), "general.base_model.%d.repo_url", i);
            add_str(set, MC_EV_NAME_OR_PATH, path, key, *url, -1);
        }
    }
}

static void emit(mc_evidence_set *set, const char *path, gg_info *in)
{
    const mc_span whole = {0, 0, 0, 0};
    char text[96];
    const char *ft;

    if (in->arch.s)
        add_str(set, MC_EV_MODEL_TYPE, path, "general.architecture", in->arch, -1);
    if (in->name.s)
        add_str(set, MC_EV_NAME_OR_PATH, path, "general.name", in->name, -1);
    if (in->base_count >= 0)
        mc_ev_add(set, MC_EV_CONFIG_NUMBER, path, whole, "general.base_model.count", NULL,
                  in->base_count);
    emit_bases(set, path, in);
    if (in->license.s)
        add_str(set, MC_EV_LICENSE_FILE, path, "general.license", in->license, -1);
    /* a GGUF file is a converted, usually quantized, repackaging of the weights */
    ft = file_type_name(in->file_type);
    if (in->file_type < 0)
        snprintf(text, sizeof(text), "gguf");
    else if (ft)
        snprintf(text, sizeof(text), "gguf %s", ft);
    else
        snprintf(text, sizeof(text), "gguf file type %lld", in->file_type);
    mc_ev_add(set, MC_EV_QUANTIZED, path, whole, in->file_type >= 0 ? "general.file_type" : "GGUF",
              text, in->file_type);
    if (in->quantized_by.s)
        add_str(set, MC_EV_QUANTIZED, path, "general.quantized_by", in->quantized_by, -1);
    if (in->tok_model.s)
        add_str(set, MC_EV_TOKENIZER_MODEL, path, "tokenizer.ggml.model", in->tok_model, -1);
    if (in->tokens_off)
        mc_ev_add(set, MC_EV_VOCAB_SIZE, path, whole, "tokenizer.ggml.tokens", NULL,
                  (long long)in->tokens_n);
    if (in->merges >= 0)
        mc_ev_add(set, MC_EV_TOKENIZER_COUNT, path, whole, "tokenizer.ggml.merges", NULL,
                  in->merges);
    for (int i = 0; i < in->n_special; i++) {
        if (in->special[i].text.s)
            add_str(set, MC_EV_SPECIAL_TOKEN, path, in->special[i].key, in->special[i].text,
                    in->special[i].id);
        else
            mc_ev_add(set, MC_EV_CONFIG_NUMBER, path, whole, in->special[i].key, NULL,
                      in->special[i].id);
    }
    for (int i = 0; i < in->n_control; i++)
        if (in->control[i].text.s && in->control[i].text.n > 0)
            add_str(set, MC_EV_SPECIAL_TOKEN, path, "tokenizer.ggml.token_type",
                    in->control[i].text, in->control[i].id);
    for (int i = 0; i < in->n_experts; i++) {
        if (in->experts[i].n <= 0)
            continue;
        mc_ev_add(set, MC_EV_MOE, path, whole, in->experts[i].key, NULL, in->experts[i].n);
        if (mc_has_suffix(in->experts[i].key, ".expert_count"))
            mc_ev_add(set, MC_EV_EXPERT_COUNT, path, whole, in->experts[i].key, NULL,
                      in->experts[i].n);
    }
}

void mc_ev_read_gguf(mc_evidence_set *set, const char *path, const char *data, size_t len,
                     unsigned long long file_size)
{
    const mc_span whole = {0, 0, 0, 0};
    gg_cur c;
    gg_info *in = malloc(sizeof(*in));

    if (in == NULL) {
        set->failed = 1;
        return;
    }
    cur_init(&c, data, len, file_size);
    walk(&c, in);
    if (c.st == GG_BAD) {
        mc_ev_unreadable(set, path, whole, "GGUF header: %s", c.msg);
        goto done;
    }
    resolve_tokens(&c, in);
    emit(set, path, in);
    if (c.st == GG_SHORT) {
        char where[128], shown[72];

        if (in->stop_key.s)
            snprintf(where, sizeof(where), "in the value of '%s'", key_shown(shown, in->stop_key));
        else
            snprintf(where, sizeof(where), "at offset %zu", c.off);
        if (c.len >= MC_EV_GGUF_CAP || c.need > MC_EV_GGUF_CAP)
            mc_ev_unreadable(set, path, whole,
                             "GGUF metadata exceeds the %u MiB limit: %llu of %llu keys read, "
                             "stopped %s",
                             MC_EV_GGUF_CAP >> 20, in->kv_read, in->n_kv, where);
        else
            mc_ev_unreadable(set, path, whole,
                             "GGUF metadata not fully read: %llu of %llu keys read, stopped %s",
                             in->kv_read, in->n_kv, where);
    }
done:
    free(in);
}
