/* The process-wide budget of evidence bytes in flight: threads that together ask for far
 * more than the budget all finish, and never hold more than it at once. */
#include "evtest.h"

#include "evidence/budget.h"

#include <pthread.h>
#include <stdatomic.h>

#define THREADS 8
#define ROUNDS 200

static atomic_int over; /* a reservation larger than the budget was granted */

static void *worker(void *arg)
{
    size_t want = (size_t)(uintptr_t)arg;

    for (int i = 0; i < ROUNDS; i++) {
        size_t held = mc_ev_budget_take(want);

        if (held > MC_EV_BUDGET)
            atomic_store(&over, 1);
        mc_ev_budget_give(held);
    }
    return NULL;
}

static void test_budget_shared(void **state)
{
    pthread_t t[THREADS];
    /* 100 MiB, 200 MiB, and more than the budget (cut to it): 2.4 times the budget asked
     * for at once by the eight threads */
    const size_t want[THREADS] = {100u << 20,       100u << 20, 200u << 20, 200u << 20,
                                  MC_EV_BUDGET * 2, 1,          0,          64u << 20};

    (void)state;
    for (int i = 0; i < THREADS; i++)
        assert_int_equal(pthread_create(&t[i], NULL, worker, (void *)(uintptr_t)want[i]), 0);
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    assert_int_equal(atomic_load(&over), 0);
    assert_true(mc_ev_budget_peak() <= MC_EV_BUDGET);
    assert_true(mc_ev_budget_peak() >= (200u << 20)); /* it was used */
    /* all given back: the whole budget can be taken again at once */
    assert_int_equal(mc_ev_budget_take(MC_EV_BUDGET), MC_EV_BUDGET);
    mc_ev_budget_give(MC_EV_BUDGET);
    assert_int_equal(mc_ev_budget_take(0), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_budget_shared)};

    return cmocka_run_group_tests(tests, NULL, NULL);
}
