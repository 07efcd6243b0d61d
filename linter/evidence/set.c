/* The evidence set: items and files in one arena, accessors, dispatch by file name. */
#include "evidence/ev.h"
#include "util/buf.h"
#include "util/str.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int mc_evidence_new(mc_evidence_set **out)
{
    mc_evidence_set *set = calloc(1, sizeof(*set));

    *out = NULL;
    if (set == NULL || (set->arena = mc_arena_new()) == NULL) {
        free(set);
        return mc_error_set(MC_ENOMEM, "out of memory");
    }
    *out = set;
    return 0;
}

void mc_evidence_free(mc_evidence_set *set)
{
    if (set == NULL)
        return;
    mc_vec_release(&set->items);
    mc_vec_release(&set->files);
    mc_arena_free(set->arena);
    free(set);
}

size_t mc_evidence_count(const mc_evidence_set *set)
{
    return set ? set->items.len : 0;
}

const mc_evidence *mc_evidence_at(const mc_evidence_set *set, size_t i)
{
    return set && i < set->items.len ? set->items.items[i] : NULL;
}

const mc_evidence *mc_evidence_first(const mc_evidence_set *set, mc_evidence_kind kind,
                                     const char *component)
{
    for (size_t i = 0; set && i < set->items.len; i++) {
        const mc_evidence *e = set->items.items[i];

        if (e->kind != kind)
            continue;
        if (component == NULL ? e->component == NULL
                              : (strcmp(component, "*") == 0 || mc_streq(component, e->component)))
            return e;
    }
    return NULL;
}

size_t mc_evidence_file_count(const mc_evidence_set *set)
{
    return set ? set->files.len : 0;
}

const char *mc_evidence_file_at(const mc_evidence_set *set, size_t i)
{
    return set && i < set->files.len ? set->files.items[i] : NULL;
}

const char *mc_evidence_kind_name(mc_evidence_kind kind)
{
    static const char *const names[] = {
        "architecture",     "model_type",      "name_or_path",
        "auto_map",         "component",       "moe",
        "vocab_size",       "quantized",       "adapter_base",
        "adapter_type",     "merge_model",     "merge_method",
        "tokenizer_family", "tokenizer_class", "tokenizer_hash",
        "special_token",    "code_copyright",  "code_copied",
        "license_file",     "notice",          "lfs_pointer",
        "param_count",      "expert_count",    "unreadable",
        "config_number",    "tokenizer_model", "tokenizer_count",
        "mtp_tensors",
    };
    if ((unsigned)kind < sizeof(names) / sizeof(names[0]))
        return names[kind];
    return "unknown";
}

void mc_ev_begin_file(mc_evidence_set *set, const char *path)
{
    const char *copy = mc_arena_strdup(set->arena, path);

    set->file_items = 0;
    set->file_overflow = 0;
    if (copy == NULL || mc_vec_push(&set->files, (void *)copy) != 0)
        set->failed = 1;
}

const char *mc_ev_strdup(mc_evidence_set *set, const char *s)
{
    const char *p = s ? mc_arena_strdup(set->arena, s) : NULL;

    if (s && p == NULL)
        set->failed = 1;
    return p;
}

/* Copy at most MC_EV_MAX_VALUE bytes, cut on a UTF-8 boundary, control characters made '?'. */
static const char *clean_value(mc_evidence_set *set, const char *v, size_t n)
{
    char *p;
    size_t cut = n;

    if (cut > MC_EV_MAX_VALUE) {
        cut = MC_EV_MAX_VALUE;
        while (cut > 0 && ((unsigned char)v[cut] & 0xC0) == 0x80)
            cut--;
    }
    p = mc_arena_strndup(set->arena, v, cut);
    if (p == NULL) {
        set->failed = 1;
        return NULL;
    }
    for (size_t i = 0; i < cut; i++)
        if ((unsigned char)p[i] < 0x20 || p[i] == 0x7f)
            p[i] = '?';
    return p;
}

mc_evidence *mc_ev_addn(mc_evidence_set *set, mc_evidence_kind kind, const char *file, mc_span span,
                        const char *key, const char *value, size_t vlen, long long number)
{
    mc_evidence *e;

    if (set->failed)
        return NULL;
    if (set->file_items >= MC_EV_MAX_ITEMS_PER_FILE && kind != MC_EV_UNREADABLE) {
        if (!set->file_overflow) {
            set->file_overflow = 1;
            set->file_items = 0; /* room for the note below */
            mc_ev_add(set, MC_EV_UNREADABLE, file, (mc_span){0, 0, 0, 0}, "limit",
                      "too many items in one file; the rest were not recorded", -1);
            set->file_items = MC_EV_MAX_ITEMS_PER_FILE;
        }
        return NULL;
    }
    e = mc_arena_alloc(set->arena, sizeof(*e));
    if (e == NULL) {
        set->failed = 1;
        return NULL;
    }
    e->kind = kind;
    e->file = mc_ev_strdup(set, file);
    e->span = span;
    e->key = key ? mc_ev_strdup(set, key) : NULL;
    e->value = value ? clean_value(set, value, vlen) : NULL;
    e->number = number;
    if (set->failed || mc_vec_push(&set->items, e) != 0) {
        set->failed = 1;
        return NULL;
    }
    set->file_items++;
    return e;
}

mc_evidence *mc_ev_add(mc_evidence_set *set, mc_evidence_kind kind, const char *file, mc_span span,
                       const char *key, const char *value, long long number)
{
    return mc_ev_addn(set, kind, file, span, key, value, value ? strlen(value) : 0, number);
}

void mc_ev_unreadable(mc_evidence_set *set, const char *file, mc_span span, const char *fmt, ...)
{
    char msg[512];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    mc_ev_add(set, MC_EV_UNREADABLE, file, span, NULL, msg, -1);
}

mc_span mc_ev_span_at(const char *text, size_t len, size_t off, size_t tok_len)
{
    mc_span sp = {1, 1, 1, 1};
    size_t ls = 0;

    if (off > len)
        off = len;
    for (size_t i = 0; i < off; i++)
        if (text[i] == '\n') {
            sp.line++;
            ls = i + 1;
        }
    sp.col = mc_utf8_count(text + ls, off - ls) + 1;
    sp.end_line = sp.line;
    if (tok_len > len - off)
        tok_len = len - off;
    sp.end_col = sp.col + mc_utf8_count(text + off, tok_len);
    return sp;
}

bool mc_ev_is_lfs_pointer(const char *data, size_t len)
{
    static const char magic[] = "version https://git-lfs.github.com/spec/v1";

    /* pointers are small text files (the spec caps them at 1024 bytes) */
    return data && len < 1024 && len >= sizeof(magic) - 1 &&
           memcmp(data, magic, sizeof(magic) - 1) == 0;
}

static bool name_is(const char *base, const char *const *names)
{
    for (size_t i = 0; names[i]; i++)
        if (mc_strieq(base, names[i]))
            return true;
    return false;
}

mc_ev_reader mc_ev_reader_for(const char *path)
{
    static const char *const licenses[] = {"LICENSE",
                                           "LICENSE.txt",
                                           "LICENSE.md",
                                           "LICENCE",
                                           "LICENCE.txt",
                                           "LICENCE.md",
                                           "LICENSE-MODEL",
                                           "LICENSE-CODE",
                                           "LICENSE_MODEL",
                                           "LICENSE_CODE",
                                           "LICENSE-MODEL.txt",
                                           "LICENSE-CODE.txt",
                                           "NOTICE",
                                           "NOTICE.txt",
                                           "NOTICE.md",
                                           "COPYING",
                                           "Notice",
                                           NULL};
    const char *b = mc_path_base(path);

    if (strcmp(b, "config.json") == 0)
        return MC_EVR_CONFIG;
    if (strcmp(b, "model_index.json") == 0)
        return MC_EVR_MODEL_INDEX;
    if (strcmp(b, "adapter_config.json") == 0)
        return MC_EVR_ADAPTER;
    if (strcmp(b, "quantize_config.json") == 0 || strcmp(b, "quant_config.json") == 0)
        return MC_EVR_QUANT;
    if (strcmp(b, "tokenizer_config.json") == 0)
        return MC_EVR_TOKENIZER_CONFIG;
    if (strcmp(b, "special_tokens_map.json") == 0)
        return MC_EVR_SPECIAL_TOKENS_MAP;
    if (strcmp(b, "added_tokens.json") == 0)
        return MC_EVR_ADDED_TOKENS;
    if (strcmp(b, "tokenizer.json") == 0)
        return MC_EVR_TOKENIZER_JSON;
    if (strcmp(b, "tokenizer.model") == 0)
        return MC_EVR_TOKENIZER_MODEL;
    if (mc_has_suffix(b, ".safetensors.index.json"))
        return MC_EVR_ST_INDEX;
    if (mc_has_suffix(b, ".safetensors"))
        return MC_EVR_SAFETENSORS;
    if (mc_has_suffix(b, ".gguf"))
        return MC_EVR_GGUF;
    if ((mc_has_prefix(b, "mergekit") || mc_has_prefix(b, "merge_config") ||
         mc_has_prefix(b, "merge-config")) &&
        (mc_has_suffix(b, ".yml") || mc_has_suffix(b, ".yaml")))
        return MC_EVR_MERGE;
    if (mc_has_suffix(b, ".py") &&
        (mc_has_prefix(b, "modeling_") || mc_has_prefix(b, "configuration_") ||
         mc_has_prefix(b, "tokenization_")))
        return MC_EVR_CODE;
    if (name_is(b, licenses))
        return MC_EVR_LICENSE;
    return MC_EVR_NONE;
}

bool mc_evidence_wants(const char *path)
{
    return path && mc_ev_reader_for(path) != MC_EVR_NONE;
}

static void lfs_item(mc_evidence_set *set, const char *path, const char *data, size_t len)
{
    long long size = -1;
    const char *p = NULL;
    char oid[80] = "";

    for (size_t i = 0; i + 5 < len; i++) {
        if ((i == 0 || data[i - 1] == '\n') && memcmp(data + i, "size ", 5) == 0)
            p = data + i + 5;
        if ((i == 0 || data[i - 1] == '\n') && i + 11 < len &&
            memcmp(data + i, "oid sha256:", 11) == 0) {
            size_t n = 0;

            while (i + 11 + n < len && n < sizeof(oid) - 1 && data[i + 11 + n] != '\n' &&
                   data[i + 11 + n] != '\r')
                n++;
            memcpy(oid, data + i + 11, n);
            oid[n] = '\0';
        }
    }
    if (p) {
        size = 0;
        while (p < data + len && *p >= '0' && *p <= '9') {
            if (size > (LLONG_MAX - 9) / 10) {
                size = -1; /* not a size a file can have */
                break;
            }
            size = size * 10 + (*p++ - '0');
        }
    }
    mc_ev_add(set, MC_EV_LFS_POINTER, path, (mc_span){0, 0, 0, 0}, mc_path_base(path),
              oid[0] ? oid : "", size);
}

int mc_evidence_read_buffer(mc_evidence_set *set, const char *path, const char *data, size_t len)
{
    mc_ev_reader r = mc_ev_reader_for(path);

    if (set == NULL || path == NULL)
        return mc_error_set(MC_EINVALID, "no evidence set or path");
    if (r == MC_EVR_NONE)
        return 0;
    mc_ev_begin_file(set, path);
    set->finished = 0;
    if (data == NULL)
        data = "";
    if (mc_ev_is_lfs_pointer(data, len)) {
        lfs_item(set, path, data, len);
    } else {
        switch (r) {
        case MC_EVR_CONFIG:
            mc_ev_read_config(set, path, data, len);
            break;
        case MC_EVR_MODEL_INDEX:
            mc_ev_read_model_index(set, path, data, len);
            break;
        case MC_EVR_ADAPTER:
            mc_ev_read_adapter(set, path, data, len);
            break;
        case MC_EVR_QUANT:
            mc_ev_read_quant(set, path, data, len);
            break;
        case MC_EVR_TOKENIZER_CONFIG:
            mc_ev_read_tokenizer_config(set, path, data, len);
            break;
        case MC_EVR_SPECIAL_TOKENS_MAP:
            mc_ev_read_special_tokens_map(set, path, data, len);
            break;
        case MC_EVR_ADDED_TOKENS:
            mc_ev_read_added_tokens(set, path, data, len);
            break;
        case MC_EVR_TOKENIZER_JSON:
            mc_ev_read_tokenizer_json(set, path, data, len);
            break;
        case MC_EVR_ST_INDEX:
            mc_ev_read_st_index(set, path, data, len);
            break;
        case MC_EVR_SAFETENSORS:
            mc_ev_read_safetensors(set, path, data, len, len);
            break;
        case MC_EVR_GGUF:
            mc_ev_read_gguf(set, path, data, len, len);
            break;
        case MC_EVR_MERGE:
            mc_ev_read_merge(set, path, data, len);
            break;
        case MC_EVR_CODE:
            mc_ev_read_code(set, path, data, len);
            break;
        case MC_EVR_LICENSE:
            mc_ev_read_license(set, path, data, len);
            break;
        case MC_EVR_TOKENIZER_MODEL:
        case MC_EVR_NONE:
            break;
        }
    }
    if (set->failed)
        return mc_error_set(MC_ENOMEM, "out of memory");
    return 0;
}

int mc_evidence_finish(mc_evidence_set *set)
{
    if (set == NULL)
        return mc_error_set(MC_EINVALID, "no evidence set");
    if (!set->finished) {
        mc_ev_match_families(set);
        set->finished = 1;
    }
    return set->failed ? mc_error_set(MC_ENOMEM, "out of memory") : 0;
}
