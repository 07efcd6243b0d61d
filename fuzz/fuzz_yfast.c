/* libFuzzer harness, differential: the fast front-matter reader must give exactly the
 * tree (values, styles, positions, diagnostics) that libyaml alone gives, for any input;
 * an input where they differ aborts. */
#include "../tests/unit/card/ydump.h"
#include "card/yfast.h"
#include "mclint/yaml.h"
#include "util/buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void dump(mc_buf *b, const char *text, size_t len, bool fast)
{
    mc_yaml *y = NULL;
    int rc;

    mc_yf_disable(!fast);
    rc = mc_yaml_parse(&y, text, len, 2, NULL);
    mc_yf_disable(false);
    mc_buf_printf(b, "rc %d\n", rc);
    if (rc == 0)
        mc_yaml_dump(b, y);
    mc_yaml_free(y);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mc_buf fast = MC_BUF_INIT, slow = MC_BUF_INIT;

    dump(&fast, (const char *)data, size, true);
    dump(&slow, (const char *)data, size, false);
    if (mc_buf_ok(&fast) && mc_buf_ok(&slow) &&
        (fast.len != slow.len || memcmp(fast.ptr, slow.ptr, fast.len) != 0)) {
        fprintf(stderr, "fast reader:\n%.*s\nlibyaml:\n%.*s\n", (int)fast.len, fast.ptr,
                (int)slow.len, slow.ptr);
        abort();
    }
    mc_buf_release(&fast);
    mc_buf_release(&slow);
    return 0;
}
