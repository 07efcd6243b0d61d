/* libFuzzer harness, differential: the fast front-matter reader must give exactly the
 * tree (values, styles, positions, diagnostics) that libyaml alone gives, for any input;
 * an input where they differ aborts. */
#include "card/yfast.h"
#include "mclint/yaml.h"
#include "util/buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void dump_node(mc_buf *b, const mc_ynode *n, unsigned depth)
{
    mc_span s;

    if (n == NULL || depth > 200) {
        mc_buf_puts(b, "()");
        return;
    }
    s = mc_ynode_span(n);
    mc_buf_printf(b, "{%d %u:%u-%u:%u", (int)mc_ynode_kind_of(n), s.line, s.col, s.end_line,
                  s.end_col);
    if (mc_ynode_kind_of(n) == MC_YNODE_SCALAR) {
        mc_buf_printf(b, " p%d '", mc_ynode_plain(n));
        mc_buf_put(b, mc_ynode_str(n), mc_ynode_strlen(n));
        mc_buf_putc(b, '\'');
    }
    for (size_t i = 0; i < mc_ynode_size(n); i++) {
        if (mc_ynode_kind_of(n) == MC_YNODE_SEQ) {
            dump_node(b, mc_ynode_item(n, i), depth + 1);
        } else {
            dump_node(b, mc_ynode_key(n, i), depth + 1);
            dump_node(b, mc_ynode_value(n, i), depth + 1);
        }
    }
    mc_buf_putc(b, '}');
}

static void dump(mc_buf *b, const char *text, size_t len, bool fast)
{
    mc_yaml *y = NULL;
    int rc;

    mc_yf_disable(!fast);
    rc = mc_yaml_parse(&y, text, len, 2, NULL);
    mc_yf_disable(false);
    mc_buf_printf(b, "rc %d\n", rc);
    if (rc == 0 && y) {
        for (size_t i = 0; i < mc_yaml_diag_count(y); i++) {
            const mc_ydiag *d = mc_yaml_diag_at(y, i);
            mc_buf_printf(b, "D%d %u:%u-%u:%u %s\n", (int)d->kind, d->span.line, d->span.col,
                          d->span.end_line, d->span.end_col, d->message);
        }
        dump_node(b, mc_yaml_root(y), 0);
    }
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
