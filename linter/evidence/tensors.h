/* What tensor names and shapes say: parameters by dtype, experts ("experts.N."), and
 * multi-token-prediction remnants ("mtp", "nextn"). */
#ifndef MC_EVIDENCE_TENSORS_H
#define MC_EVIDENCE_TENSORS_H

#include "evidence/ev.h"

#define MC_TS_DTYPES 16
#define MC_TS_NAME_MAX 1024 /* bytes of a tensor name looked at */

typedef struct {
    long long tensors;
    long long max_expert; /* highest expert index seen, or -1 */
    long long mtp;        /* tensors named mtp / nextn */
    char mtp_example[160];
    unsigned long long params; /* saturating */
    int n_dtypes;
    struct {
        char name[16];
        unsigned long long params;
    } dtype[MC_TS_DTYPES];
} mc_tensor_stats;

void mc_tensor_stats_init(mc_tensor_stats *ts);
void mc_tensor_stats_name(mc_tensor_stats *ts, const char *name);
void mc_tensor_stats_params(mc_tensor_stats *ts, const char *dtype, unsigned long long n);
/* Items: MC_EV_EXPERT_COUNT, MC_EV_MTP_TENSORS, and (when shapes were seen) MC_EV_PARAM_COUNT
 * (key "total", then one per dtype). */
void mc_tensor_stats_emit(const mc_tensor_stats *ts, mc_evidence_set *set, const char *path,
                          mc_span span);

#endif
