#include "evidence/tokscan.h"

#include <stdio.h>
#include <string.h>

enum {
    ST_VALUE,
    ST_VALUE_OR_CLOSE,
    ST_KEY_OR_CLOSE,
    ST_KEY,
    ST_COLON,
    ST_AFTER,
    ST_STRING,
    ST_LITERAL,
    ST_END
};

enum {
    R_ROOT,
    R_MODEL,
    R_VOCAB,
    R_VOCAB_ITEM,
    R_MERGES,
    R_MERGE_ITEM,
    R_ADDED,
    R_ADDED_TOK,
    R_OTHER,
    R_NONE
};

enum { P_SKIP, P_KEY, P_HASH, P_MODEL_TYPE, P_CONTENT };

enum { L_NONE, L_HASH, L_ID, L_SPECIAL };

#define FNV_OFFSET 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL

static void hash_byte(mc_tokscan *s, unsigned char b)
{
    s->hash = (s->hash ^ b) * FNV_PRIME;
}

void mc_tokscan_init(mc_tokscan *s)
{
    memset(s, 0, sizeof(*s));
    s->vocab = -1;
    s->merges = -1;
    s->max_added_id = -1;
    s->hash = FNV_OFFSET;
    s->line = 1;
    s->col = 1;
    s->state = ST_VALUE;
}

static bool fail(mc_tokscan *s, const char *msg)
{
    if (!s->error) {
        s->error = true;
        snprintf(s->message, sizeof(s->message), "%s", msg);
        s->err_line = s->line;
        s->err_col = s->col;
    }
    return false;
}

static int parent_role(const mc_tokscan *s)
{
    return s->depth > 0 ? s->stack[s->depth - 1].role : R_NONE;
}

static bool key_is(const mc_tokscan *s, const char *k)
{
    return !s->key_trunc && (size_t)s->key_len == strlen(k) && memcmp(s->key, k, s->key_len) == 0;
}

static bool hashing_parent(int r)
{
    return r == R_VOCAB || r == R_VOCAB_ITEM || r == R_MERGES || r == R_MERGE_ITEM;
}

/* Called when a value starts in the current container. */
static void value_start(mc_tokscan *s)
{
    int pr = parent_role(s);

    if (s->depth > 0)
        s->stack[s->depth - 1].has_items = 1;
    if (pr == R_VOCAB && !s->stack[s->depth - 1].is_obj)
        s->vocab++; /* array vocabularies (Unigram); object ones count keys */
    else if (pr == R_MERGES)
        s->merges++;
    else if (pr == R_MERGE_ITEM && s->merge_piece++ > 0)
        hash_byte(s, ' ');
}

/* Called when a value (scalar or container) is complete. */
static void value_done(mc_tokscan *s)
{
    int pr = parent_role(s);

    if (pr == R_VOCAB || pr == R_MERGES)
        hash_byte(s, 0x1E);
    else if (pr == R_VOCAB_ITEM)
        hash_byte(s, 0x1F);
    s->state = s->depth == 0 ? ST_END : ST_AFTER;
}

static int child_role(const mc_tokscan *s)
{
    switch (parent_role(s)) {
    case R_NONE:
        return R_ROOT;
    case R_ROOT:
        return key_is(s, "model") ? R_MODEL : key_is(s, "added_tokens") ? R_ADDED : R_OTHER;
    case R_MODEL:
        return key_is(s, "vocab") ? R_VOCAB : key_is(s, "merges") ? R_MERGES : R_OTHER;
    case R_VOCAB:
        return R_VOCAB_ITEM;
    case R_MERGES:
        return R_MERGE_ITEM;
    case R_ADDED:
        return R_ADDED_TOK;
    default:
        return R_OTHER;
    }
}

static bool open_container(mc_tokscan *s, bool is_obj)
{
    int role;

    if (s->depth == 0 && !is_obj)
        return fail(s, "not a JSON object");
    if (s->depth >= MC_TOKSCAN_MAX_DEPTH)
        return fail(s, "nesting too deep");
    value_start(s);
    role = child_role(s);
    if (role == R_VOCAB && s->vocab < 0)
        s->vocab = 0;
    if (role == R_MERGES && s->merges < 0)
        s->merges = 0;
    if (role == R_MERGE_ITEM)
        s->merge_piece = 0;
    if (role == R_ADDED_TOK) {
        s->cur_content[0] = '\0';
        s->cur_id = -1;
        s->cur_special = false;
        s->cur_line = s->cur_col = s->cur_end_col = 0;
    }
    s->stack[s->depth].is_obj = is_obj;
    s->stack[s->depth].role = (unsigned char)role;
    s->stack[s->depth].has_items = 0;
    s->depth++;
    s->state = is_obj ? ST_KEY_OR_CLOSE : ST_VALUE_OR_CLOSE;
    return true;
}

static void copy_utf8(char *dst, size_t cap, const char *src, size_t n)
{
    if (n >= cap) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
}

static bool close_container(mc_tokscan *s, bool is_obj)
{
    int role;

    if (s->depth == 0 || s->stack[s->depth - 1].is_obj != is_obj)
        return fail(s, "mismatched bracket");
    role = s->stack[s->depth - 1].role;
    s->depth--;
    if (role == R_ADDED_TOK) {
        s->added++;
        if (s->cur_id > s->max_added_id)
            s->max_added_id = s->cur_id;
        if (s->cur_special) {
            if (s->n_special < MC_TOKSCAN_MAX_SPECIAL) {
                mc_tokscan_token *t = &s->special[s->n_special++];

                copy_utf8(t->content, sizeof(t->content), s->cur_content, strlen(s->cur_content));
                t->id = s->cur_id;
                t->line = s->cur_line;
                t->col = s->cur_col;
                t->end_col = s->cur_end_col;
            } else {
                s->special_dropped++;
            }
        }
    }
    value_done(s);
    return true;
}

static void str_byte(mc_tokscan *s, unsigned char b)
{
    switch (s->str_purpose) {
    case P_HASH:
        hash_byte(s, b);
        break;
    case P_KEY:
        if (s->key_len < (int)sizeof(s->key) - 1)
            s->key[s->key_len++] = (char)b;
        else
            s->key_trunc = true;
        break;
    case P_MODEL_TYPE:
    case P_CONTENT:
        if (s->buf_len < (int)sizeof(s->buf) - 1)
            s->buf[s->buf_len++] = (char)b;
        else
            s->buf_trunc = true;
        break;
    default:
        break;
    }
}

static void emit_cp(mc_tokscan *s, uint32_t cp)
{
    if (cp < 0x80) {
        str_byte(s, (unsigned char)cp);
    } else if (cp < 0x800) {
        str_byte(s, (unsigned char)(0xC0 | (cp >> 6)));
        str_byte(s, (unsigned char)(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        str_byte(s, (unsigned char)(0xE0 | (cp >> 12)));
        str_byte(s, (unsigned char)(0x80 | ((cp >> 6) & 0x3F)));
        str_byte(s, (unsigned char)(0x80 | (cp & 0x3F)));
    } else {
        str_byte(s, (unsigned char)(0xF0 | (cp >> 18)));
        str_byte(s, (unsigned char)(0x80 | ((cp >> 12) & 0x3F)));
        str_byte(s, (unsigned char)(0x80 | ((cp >> 6) & 0x3F)));
        str_byte(s, (unsigned char)(0x80 | (cp & 0x3F)));
    }
}

static void flush_surrogate(mc_tokscan *s)
{
    if (s->pending_hi) {
        emit_cp(s, 0xFFFD);
        s->pending_hi = 0;
    }
}

static void start_string(mc_tokscan *s, bool is_key)
{
    int pr = parent_role(s);

    s->str_is_key = is_key;
    s->esc = 0;
    s->pending_hi = 0;
    s->str_line = s->line;
    s->str_col = s->col;
    s->buf_len = 0;
    s->buf_trunc = false;
    if (is_key) {
        s->str_purpose = pr == R_VOCAB ? P_HASH : P_KEY;
        if (s->str_purpose == P_KEY) {
            s->key_len = 0;
            s->key_trunc = false;
        } else {
            s->vocab++; /* an object-vocabulary entry */
            s->key_len = 0;
        }
    } else {
        value_start(s);
        if (hashing_parent(pr))
            s->str_purpose = P_HASH;
        else if (pr == R_MODEL && key_is(s, "type"))
            s->str_purpose = P_MODEL_TYPE;
        else if (pr == R_ADDED_TOK && key_is(s, "content"))
            s->str_purpose = P_CONTENT;
        else
            s->str_purpose = P_SKIP;
    }
    s->state = ST_STRING;
}

static void end_string(mc_tokscan *s)
{
    flush_surrogate(s);
    if (s->str_is_key) {
        if (s->str_purpose == P_HASH)
            hash_byte(s, 0x1F);
        s->state = ST_COLON;
        return;
    }
    if (s->str_purpose == P_MODEL_TYPE) {
        copy_utf8(s->model_type, sizeof(s->model_type), s->buf, (size_t)s->buf_len);
        s->model_type_line = s->str_line;
        s->model_type_col = s->str_col;
    } else if (s->str_purpose == P_CONTENT) {
        copy_utf8(s->cur_content, sizeof(s->cur_content), s->buf, (size_t)s->buf_len);
        s->cur_line = s->str_line;
        s->cur_col = s->str_col;
        s->cur_end_col = s->col + 1;
    }
    value_done(s);
}

static int hexval(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static bool string_byte(mc_tokscan *s, unsigned char c)
{
    if (s->esc == 2) { /* in \uXXXX */
        int h = hexval(c);

        if (h < 0)
            return fail(s, "bad \\u escape");
        s->hex = (s->hex << 4) | (uint32_t)h;
        if (++s->hex_n == 4) {
            uint32_t cp = s->hex;

            s->esc = 0;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                flush_surrogate(s);
                s->pending_hi = cp;
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                if (s->pending_hi) {
                    emit_cp(s, 0x10000 + ((s->pending_hi - 0xD800) << 10) + (cp - 0xDC00));
                    s->pending_hi = 0;
                } else {
                    emit_cp(s, 0xFFFD);
                }
            } else {
                flush_surrogate(s);
                emit_cp(s, cp);
            }
        }
        return true;
    }
    if (s->esc == 1) {
        static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
        const char *p;

        if (c == 'u') {
            s->esc = 2;
            s->hex = 0;
            s->hex_n = 0;
            return true;
        }
        p = c ? strchr(from, c) : NULL;
        if (p == NULL)
            return fail(s, "bad escape in string");
        flush_surrogate(s);
        str_byte(s, (unsigned char)to[p - from]);
        s->esc = 0;
        return true;
    }
    if (c == '\\') {
        s->esc = 1;
        return true;
    }
    if (c == '"') {
        end_string(s);
        return true;
    }
    flush_surrogate(s);
    str_byte(s, c);
    return true;
}

static void start_literal(mc_tokscan *s, unsigned char c)
{
    int pr = parent_role(s);

    value_start(s);
    s->lit_len = 0;
    if (hashing_parent(pr))
        s->lit_purpose = L_HASH;
    else if (pr == R_ADDED_TOK && key_is(s, "id"))
        s->lit_purpose = L_ID;
    else if (pr == R_ADDED_TOK && key_is(s, "special"))
        s->lit_purpose = L_SPECIAL;
    else
        s->lit_purpose = L_NONE;
    s->state = ST_LITERAL;
    (void)c;
}

static bool end_literal(mc_tokscan *s)
{
    const char *l = s->lit;
    bool number = s->lit_len > 0 && (l[0] == '-' || (l[0] >= '0' && l[0] <= '9'));

    s->lit[s->lit_len < (int)sizeof(s->lit) ? s->lit_len : (int)sizeof(s->lit) - 1] = '\0';
    if (!number && strcmp(l, "true") != 0 && strcmp(l, "false") != 0 && strcmp(l, "null") != 0)
        return fail(s, "invalid literal");
    if (s->lit_purpose == L_ID && number) {
        long long v = 0;
        int i = 0;

        while (i < s->lit_len && i < 18 && l[i] >= '0' && l[i] <= '9')
            v = v * 10 + (l[i++] - '0');
        s->cur_id = v;
    } else if (s->lit_purpose == L_SPECIAL) {
        s->cur_special = strcmp(l, "true") == 0;
    }
    value_done(s);
    return true;
}

static bool is_ws(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool step(mc_tokscan *s, unsigned char c)
{
    switch (s->state) {
    case ST_STRING:
        return string_byte(s, c);
    case ST_LITERAL:
        if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '-' || c == '+' || c == '.' ||
            (c >= 'A' && c <= 'Z')) {
            if (s->lit_purpose == L_HASH)
                hash_byte(s, c);
            if (s->lit_len < (int)sizeof(s->lit) - 1)
                s->lit[s->lit_len++] = (char)c;
            else if (!(s->lit[0] == '-' || (s->lit[0] >= '0' && s->lit[0] <= '9')))
                return fail(s, "invalid literal");
            return true;
        }
        if (!end_literal(s))
            return false;
        return step(s, c); /* the delimiter */
    default:
        break;
    }
    if (is_ws(c))
        return true;
    switch (s->state) {
    case ST_END:
        return fail(s, "text after the JSON value");
    case ST_KEY_OR_CLOSE:
        if (c == '}')
            return close_container(s, true);
        /* fall through */
    case ST_KEY:
        if (c != '"')
            return fail(s, "expected a key");
        start_string(s, true);
        return true;
    case ST_COLON:
        if (c != ':')
            return fail(s, "expected ':'");
        s->state = ST_VALUE;
        return true;
    case ST_AFTER:
        if (c == ',') {
            s->state = s->stack[s->depth - 1].is_obj ? ST_KEY : ST_VALUE;
            return true;
        }
        if (c == '}' || c == ']')
            return close_container(s, c == '}');
        return fail(s, "expected ',' or a closing bracket");
    case ST_VALUE_OR_CLOSE:
        if (c == ']')
            return close_container(s, false);
        /* fall through */
    case ST_VALUE:
        if (c == '{' || c == '[')
            return open_container(s, c == '{');
        if (s->depth == 0)
            return fail(s, "not a JSON object");
        if (c == '"') {
            start_string(s, false);
            return true;
        }
        if (c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n') {
            start_literal(s, c);
            return step(s, c);
        }
        return fail(s, "unexpected character");
    default:
        return fail(s, "internal state");
    }
}

bool mc_tokscan_feed(mc_tokscan *s, const char *data, size_t len)
{
    if (s->error)
        return false;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)data[i];

        if (s->line == 1 && s->col == 1 && s->state == ST_VALUE && s->depth == 0 &&
            (c == 0xEF || c == 0xBB || c == 0xBF))
            continue; /* a UTF-8 byte-order mark */
        if (c == 0 && s->state != ST_STRING)
            return fail(s, "binary data, not JSON");
        if (!step(s, c))
            return false;
        if (c == '\n') {
            s->line++;
            s->col = 1;
        } else if ((c & 0xC0) != 0x80) {
            s->col++;
        }
    }
    return true;
}

bool mc_tokscan_finish(mc_tokscan *s)
{
    if (s->error)
        return false;
    if (s->state == ST_LITERAL && s->depth == 0)
        return fail(s, "not a JSON object");
    if (s->state != ST_END)
        return fail(s, "truncated JSON");
    s->done = true;
    return true;
}
