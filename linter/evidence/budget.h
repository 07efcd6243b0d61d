/* The process-wide budget of evidence bytes in flight: every evidence file read whole (its
 * buffer, the copy libgit2 inflates for a git blob, and the tree a JSON parse builds) is
 * reserved here before it is read and given back after, so that worker threads together
 * never hold more than MC_EV_BUDGET bytes of evidence, whatever the file sizes and
 * `--jobs`. A thread waits until its reservation fits; every per-file cap fits the budget
 * (a larger reservation is cut to the budget and waits until it runs alone). */
#ifndef MC_EVIDENCE_BUDGET_H
#define MC_EVIDENCE_BUDGET_H

#include <stddef.h>

#define MC_EV_BUDGET ((size_t)288 << 20)

/* Reserve `n` bytes (cut to MC_EV_BUDGET), waiting for room; returns what was reserved,
 * to give back with mc_ev_budget_give. Never call it while holding a reservation. */
size_t mc_ev_budget_take(size_t n);
void mc_ev_budget_give(size_t n);
/* The most ever reserved at once in this process (for tests). */
size_t mc_ev_budget_peak(void);

#endif
