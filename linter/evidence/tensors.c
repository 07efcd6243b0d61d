/* Tensor-name statistics and the safetensors header reader. */
#include "evidence/tensors.h"
#include "evidence/jsonread.h"
#include "evidence/jwalk.h"

#include <stdio.h>
#include <string.h>

void mc_tensor_stats_init(mc_tensor_stats *ts)
{
    memset(ts, 0, sizeof(*ts));
    ts->max_expert = -1;
}

static bool has_word(const char *name, const char *w)
{
    size_t n = strlen(w);

    for (const char *p = strstr(name, w); p; p = strstr(p + 1, w)) {
        bool left = p == name || p[-1] == '.' || p[-1] == '_';
        bool right = p[n] == '\0' || p[n] == '.' || p[n] == '_' || (p[n] >= '0' && p[n] <= '9');

        if (left && right)
            return true;
    }
    return false;
}

void mc_tensor_stats_name(mc_tensor_stats *ts, const char *name)
{
    ts->tensors++;
    for (const char *p = strstr(name, "experts."); p; p = strstr(p + 1, "experts.")) {
        const char *q = p + 8;
        long long v = 0;
        int digits = 0;

        while (*q >= '0' && *q <= '9' && digits < 9) {
            v = v * 10 + (*q++ - '0');
            digits++;
        }
        if (digits > 0 && (*q == '.' || *q == '\0') && v > ts->max_expert)
            ts->max_expert = v;
    }
    if (has_word(name, "mtp") || has_word(name, "nextn")) {
        if (ts->mtp == 0)
            snprintf(ts->mtp_example, sizeof(ts->mtp_example), "%s", name);
        ts->mtp++;
    }
}

static unsigned long long sat_add(unsigned long long a, unsigned long long b)
{
    return a + b < a ? ~0ULL : a + b;
}

void mc_tensor_stats_params(mc_tensor_stats *ts, const char *dtype, unsigned long long n)
{
    int i;

    ts->params = sat_add(ts->params, n);
    for (i = 0; i < ts->n_dtypes; i++)
        if (strcmp(ts->dtype[i].name, dtype) == 0)
            break;
    if (i == ts->n_dtypes) {
        if (ts->n_dtypes == MC_TS_DTYPES)
            return;
        snprintf(ts->dtype[i].name, sizeof(ts->dtype[i].name), "%s", dtype);
        ts->n_dtypes++;
    }
    ts->dtype[i].params = sat_add(ts->dtype[i].params, n);
}

static long long clamp_ll(unsigned long long v)
{
    return v > (unsigned long long)(1ULL << 62) ? (long long)(1ULL << 62) : (long long)v;
}

void mc_tensor_stats_emit(const mc_tensor_stats *ts, mc_evidence_set *set, const char *path,
                          mc_span span)
{
    char text[200];

    if (ts->max_expert >= 0) {
        snprintf(text, sizeof(text), "%lld experts (highest index in tensor names: %lld)",
                 ts->max_expert + 1, ts->max_expert);
        mc_ev_add(set, MC_EV_EXPERT_COUNT, path, span, "tensor_names", text, ts->max_expert + 1);
    }
    if (ts->mtp > 0)
        mc_ev_add(set, MC_EV_MTP_TENSORS, path, span, "tensor_names", ts->mtp_example, ts->mtp);
    if (ts->n_dtypes > 0) {
        mc_ev_add(set, MC_EV_PARAM_COUNT, path, span, "total", NULL, clamp_ll(ts->params));
        for (int i = 0; i < ts->n_dtypes; i++)
            mc_ev_add(set, MC_EV_PARAM_COUNT, path, span, ts->dtype[i].name, NULL,
                      clamp_ll(ts->dtype[i].params));
    }
}

/* One tensor's entry {dtype, shape, data_offsets}: its dtype and shape go to the stats
 * when both are valid (the first "dtype" and "shape" count, as for a parsed tree). */
static void st_tensor(mc_jwk *w, mc_tensor_stats *ts)
{
    char key[16], dtype[64] = "";
    bool first = true, have_dtype = false, have_shape = false, bad = false;
    unsigned long long prod = 1;

    while (mc_jwk_next_member(w, &first, key, sizeof(key), NULL)) {
        if (strcmp(key, "dtype") == 0 && !have_dtype && mc_jwk_peek(w) == '"') {
            if (!mc_jwk_string(w, dtype, sizeof(dtype)))
                return;
            have_dtype = true;
        } else if (strcmp(key, "shape") == 0 && !have_shape && mc_jwk_peek(w) == '[') {
            bool f = true;

            have_shape = true;
            mc_jwk_enter(w, '[');
            while (mc_jwk_next_element(w, &f)) {
                double d;
                long long v;

                if (bad || mc_jwk_peek(w) != '0') {
                    bad = true;
                    if (!mc_jwk_skip(w))
                        return;
                    continue;
                }
                if (!mc_jwk_number(w, &d))
                    return;
                if (!(d <= 9007199254740992.0 && d >= 0) || (double)(long long)d != d) {
                    bad = true;
                    continue;
                }
                v = (long long)d;
                if (v != 0 && prod > ~0ULL / (unsigned long long)v)
                    prod = ~0ULL;
                else
                    prod *= (unsigned long long)v;
            }
        } else if (!mc_jwk_skip(w)) {
            return;
        }
    }
    if (w->error == NULL && have_dtype && have_shape && !bad)
        mc_tensor_stats_params(ts, dtype, prod);
}

/* The safetensors layout: 8-byte little-endian header length N, N bytes of JSON (tensor
 * name -> {dtype, shape, data_offsets}, optional "__metadata__"), then the data. Only
 * the header is read, in place, with the allocation-free walker (a parsed tree of a
 * 100 MiB header took 4 GB). `len` bytes of the file are in `data` (possibly only its
 * start); `file_size` is the size of the whole file. */
void mc_ev_read_safetensors(mc_evidence_set *set, const char *path, const char *data, size_t len,
                            unsigned long long file_size)
{
    unsigned long long n = 0;
    const mc_span whole = {0, 0, 0, 0};
    mc_tensor_stats ts;
    mc_jwk w;
    bool first = true;
    char name[MC_TS_NAME_MAX];

    if (len < 8) {
        mc_ev_unreadable(set, path, whole, "safetensors file shorter than its 8-byte header");
        return;
    }
    for (int i = 7; i >= 0; i--)
        n = (n << 8) | (unsigned char)data[i];
    if (n < 2 || n > MC_EV_ST_HEADER_CAP) {
        mc_ev_unreadable(set, path, whole, "safetensors header length %llu out of range", n);
        return;
    }
    if (n > file_size - 8) {
        mc_ev_unreadable(set, path, whole,
                         "safetensors header length %llu exceeds the file (%llu bytes)", n,
                         file_size);
        return;
    }
    if (n > len - 8) {
        mc_ev_unreadable(set, path, whole, "safetensors header not fully read (%llu bytes)", n);
        return;
    }
    if (data[8] != '{') {
        mc_ev_unreadable(set, path, whole, "safetensors header is not a JSON object");
        return;
    }
    mc_tensor_stats_init(&ts);
    mc_jwk_init(&w, data + 8, (size_t)n);
    mc_jwk_enter(&w, '{');
    while (mc_jwk_next_member(&w, &first, name, sizeof(name), NULL)) {
        if (strcmp(name, "__metadata__") == 0 || mc_jwk_peek(&w) != '{') {
            if (!mc_jwk_skip(&w))
                break;
            continue;
        }
        mc_tensor_stats_name(&ts, name);
        mc_jwk_enter(&w, '{');
        st_tensor(&w, &ts);
    }
    /* trailing padding (spaces, as the format allows) after the object is fine */
    if (w.error) {
        mc_ev_unreadable(set, path, whole, "safetensors header is not valid JSON (%s at byte %zu)",
                         w.error, (size_t)8 + w.i);
        return;
    }
    mc_tensor_stats_emit(&ts, set, path, whole);
}
