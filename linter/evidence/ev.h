/* Internal interface of the evidence module: the set under construction and the readers.
 * Every reader is a pure function of (path, bytes, length) that appends items to a set;
 * a malformed file yields one MC_EV_UNREADABLE item saying why, never a crash. */
#ifndef MC_EVIDENCE_EV_H
#define MC_EVIDENCE_EV_H

#include "mclint/evidence.h"
#include "mclint/families.h"
#include "util/arena.h"
#include "util/vec.h"

/* Size caps per file (bytes). */
#define MC_EV_JSON_CAP (8u << 20)        /* config-like JSON files */
#define MC_EV_INDEX_CAP (32u << 20)      /* model.safetensors.index.json */
#define MC_EV_TEXT_CAP (1u << 20)        /* LICENSE, NOTICE, code headers, YAML */
#define MC_EV_TOKENIZER_CAP (256u << 20) /* tokenizer.json in a packed git blob */
#define MC_EV_ST_HEADER_CAP (100u << 20) /* safetensors JSON header */
#define MC_EV_GGUF_CAP (16u << 20)       /* GGUF header and key-value metadata */
#define MC_EV_MAX_ITEMS_PER_FILE 2048
#define MC_EV_MAX_VALUE 1024 /* bytes of a value kept */

struct mc_evidence_set {
    mc_arena *arena;
    mc_vec items;      /* mc_evidence *, in the arena */
    mc_vec files;      /* const char *, in the arena */
    size_t root_len;   /* length of the model directory's prefix of the paths read (with
                          its '/'), so that "unet/config.json" is known as a component */
    size_t file_items; /* items added for the current file */
    int file_overflow; /* the per-file cap was hit */
    int failed;
    int finished;
};

/* Start reading `path` (records it in the file list, resets the per-file cap). */
void mc_ev_begin_file(mc_evidence_set *set, const char *path);
/* Append an item; strings are copied (values sanitised: control characters become '?',
 * capped at MC_EV_MAX_VALUE bytes). Returns the item (to set family/component), or NULL
 * when the per-file cap was hit or memory ran out. */
mc_evidence *mc_ev_add(mc_evidence_set *set, mc_evidence_kind kind, const char *file, mc_span span,
                       const char *key, const char *value, long long number);
mc_evidence *mc_ev_addn(mc_evidence_set *set, mc_evidence_kind kind, const char *file, mc_span span,
                        const char *key, const char *value, size_t vlen, long long number);
/* One MC_EV_UNREADABLE item for the whole file (or at `span`). */
void mc_ev_unreadable(mc_evidence_set *set, const char *file, mc_span span, const char *fmt, ...)
    MC_PRINTF(4, 5);
const char *mc_ev_strdup(mc_evidence_set *set, const char *s);

/* Line/column (1-based, code points) of byte offset `off` in text. */
mc_span mc_ev_span_at(const char *text, size_t len, size_t off, size_t tok_len);

/* Git LFS pointer check (the first bytes). */
bool mc_ev_is_lfs_pointer(const char *data, size_t len);

/* Readers (readers.c dispatches on the basename). */
void mc_ev_read_config(mc_evidence_set *set, const char *path, const char *data, size_t len);
void mc_ev_read_adapter(mc_evidence_set *set, const char *path, const char *data, size_t len);
void mc_ev_read_quant(mc_evidence_set *set, const char *path, const char *data, size_t len);
void mc_ev_read_tokenizer_config(mc_evidence_set *set, const char *path, const char *data,
                                 size_t len);
void mc_ev_read_special_tokens_map(mc_evidence_set *set, const char *path, const char *data,
                                   size_t len);
void mc_ev_read_added_tokens(mc_evidence_set *set, const char *path, const char *data, size_t len);
void mc_ev_read_st_index(mc_evidence_set *set, const char *path, const char *data, size_t len);
void mc_ev_read_safetensors(mc_evidence_set *set, const char *path, const char *data, size_t len,
                            unsigned long long file_size);
/* GGUF: `len` bytes of the file's start are in `data`; `file_size` is the whole file's
 * size. At most MC_EV_GGUF_CAP bytes are looked at. */
void mc_ev_read_gguf(mc_evidence_set *set, const char *path, const char *data, size_t len,
                     unsigned long long file_size);
/* How many bytes of the file's start mc_ev_read_gguf() needs to see all the metadata: at
 * most `len` when `data` holds it (or shows the file malformed), more when the metadata
 * runs past `len` (possibly more than MC_EV_GGUF_CAP). */
unsigned long long mc_ev_gguf_need(const char *data, size_t len, unsigned long long file_size);
void mc_ev_read_tokenizer_json(mc_evidence_set *set, const char *path, const char *data,
                               size_t len);
void mc_ev_read_merge(mc_evidence_set *set, const char *path, const char *data, size_t len);
void mc_ev_read_code(mc_evidence_set *set, const char *path, const char *data, size_t len);
void mc_ev_read_license(mc_evidence_set *set, const char *path, const char *data, size_t len);

/* Which reader a basename gets. */
typedef enum {
    MC_EVR_NONE,
    MC_EVR_CONFIG,
    MC_EVR_ADAPTER,
    MC_EVR_QUANT,
    MC_EVR_TOKENIZER_CONFIG,
    MC_EVR_SPECIAL_TOKENS_MAP,
    MC_EVR_ADDED_TOKENS,
    MC_EVR_TOKENIZER_JSON,
    MC_EVR_TOKENIZER_MODEL, /* sentencepiece model: only the LFS check */
    MC_EVR_ST_INDEX,
    MC_EVR_SAFETENSORS,
    MC_EVR_GGUF,
    MC_EVR_MERGE,
    MC_EVR_CODE,
    MC_EVR_LICENSE,
    MC_EVR_MODEL_INDEX, /* diffusers model_index.json */
} mc_ev_reader;

mc_ev_reader mc_ev_reader_for(const char *path);

/* Family matching over the whole set (families.c). */
void mc_ev_match_families(mc_evidence_set *set);

/* Diffusers (diffusers.c): model_index.json; the component a path relative to the model
 * directory is the config of ("unet/config.json" gives "unet"), or NULL; whether a
 * component (NULL: the top level) is a denoiser (unet, transformer, prior); families of
 * pipeline and denoiser classes (called by mc_ev_match_families). */
void mc_ev_read_model_index(mc_evidence_set *set, const char *path, const char *data, size_t len);
const char *mc_ev_diffusers_component(const char *rel);
bool mc_ev_diffusers_denoiser(const char *component);
void mc_ev_match_diffusers(mc_evidence_set *set);

/** The families of rules/families.yaml, in file order (tests). */
size_t mc_family_count(void);
const mc_family *mc_family_at(size_t i);
/** Non-zero (and a message in mc_error_last()) if the embedded data failed to load. */
int mc_families_load_error(void);

#endif
