/* A helper for the unit tests that read files through a source (walk and above). */
#ifndef MC_SOURCEUTIL_H
#define MC_SOURCEUTIL_H

#include "testutil.h"

#include "mclint/source.h"

/** The plain directory `dir` as a source (MC_SOURCE_DIR); fails the test if it cannot be
 * opened. */
static inline mc_source *tu_open_dir(const char *dir)
{
    mc_source *src = NULL;
    mc_source_options o = MC_SOURCE_OPTIONS_INIT;

    o.kind = MC_SOURCE_DIR;
    assert_int_equal(mc_source_open(&src, dir, &o), 0);
    return src;
}

#endif
