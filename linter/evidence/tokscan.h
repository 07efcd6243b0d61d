/* A push scanner for tokenizer.json: fed any number of chunks of any size (one byte at a
 * time gives the same result as the whole file at once), it keeps a fixed amount of state
 * (sizeof(mc_tokscan), about 50 KiB, no allocation) and builds no tree. It validates JSON
 * syntax and extracts: model.type, the number of model.vocab entries, the number of
 * model.merges, the added_tokens (special ones kept, up to MC_TOKSCAN_MAX_SPECIAL), and an
 * FNV-1a 64 fingerprint of the vocabulary and merges in file order (merges written as
 * ["a", "b"] hash like "a b", so both serialisations agree). */
#ifndef MC_EVIDENCE_TOKSCAN_H
#define MC_EVIDENCE_TOKSCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MC_TOKSCAN_MAX_DEPTH 64
#define MC_TOKSCAN_MAX_SPECIAL 320
#define MC_TOKSCAN_TOKEN_LEN 96

typedef struct {
    char content[MC_TOKSCAN_TOKEN_LEN]; /* truncated on a UTF-8 boundary if longer */
    long long id;
    unsigned line, col, end_col;
} mc_tokscan_token;

typedef struct {
    /* results */
    char model_type[32];
    unsigned model_type_line, model_type_col;
    long long vocab;  /* entries of model.vocab, -1 if none */
    long long merges; /* entries of model.merges, -1 if none */
    long long added;  /* entries of added_tokens */
    long long max_added_id;
    uint64_t hash;
    int n_special;
    mc_tokscan_token special[MC_TOKSCAN_MAX_SPECIAL];
    long long special_dropped;
    bool error;
    char message[96];
    unsigned err_line, err_col;

    /* scanner state (private) */
    unsigned line, col;
    int state, depth;
    struct {
        char is_obj;
        unsigned char role;
        char has_items;
    } stack[MC_TOKSCAN_MAX_DEPTH];
    int str_purpose, str_is_key, esc, hex_n;
    uint32_t hex, pending_hi;
    char key[32];
    int key_len;
    bool key_trunc;
    char buf[MC_TOKSCAN_TOKEN_LEN];
    int buf_len;
    bool buf_trunc;
    unsigned str_line, str_col;
    char lit[40];
    int lit_len;
    int lit_purpose;
    int merge_piece;
    /* the added_tokens object being read */
    char cur_content[MC_TOKSCAN_TOKEN_LEN];
    long long cur_id;
    bool cur_special;
    unsigned cur_line, cur_col, cur_end_col;
    bool done;
} mc_tokscan;

void mc_tokscan_init(mc_tokscan *s);
/* Returns false once an error was found (s->message, s->err_line, s->err_col). */
bool mc_tokscan_feed(mc_tokscan *s, const char *data, size_t len);
/* End of input: false if the document is incomplete or invalid. */
bool mc_tokscan_finish(mc_tokscan *s);

#endif
