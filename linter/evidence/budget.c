/* The budget of evidence bytes in flight (budget.h). */
#include "evidence/budget.h"

#include <pthread.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t room = PTHREAD_COND_INITIALIZER;
static size_t in_flight, peak;

size_t mc_ev_budget_take(size_t n)
{
    if (n > MC_EV_BUDGET)
        n = MC_EV_BUDGET;
    if (n == 0)
        return 0;
    pthread_mutex_lock(&mu);
    while (in_flight + n > MC_EV_BUDGET)
        pthread_cond_wait(&room, &mu);
    in_flight += n;
    if (in_flight > peak)
        peak = in_flight;
    pthread_mutex_unlock(&mu);
    return n;
}

void mc_ev_budget_give(size_t n)
{
    if (n == 0)
        return;
    pthread_mutex_lock(&mu);
    in_flight = n < in_flight ? in_flight - n : 0;
    pthread_cond_broadcast(&room);
    pthread_mutex_unlock(&mu);
}

size_t mc_ev_budget_peak(void)
{
    size_t p;

    pthread_mutex_lock(&mu);
    p = peak;
    pthread_mutex_unlock(&mu);
    return p;
}
