/* A parsed YAML document as text (diagnostics, then every node with its kind, span, style
 * and value), for comparing two parses in the tests (test_yfast.c) and the differential fuzz
 * harness (fuzz/fuzz_yfast.c). A test helper: not part of the program. */
#ifndef MC_TEST_YDUMP_H
#define MC_TEST_YDUMP_H

#include "mclint/yaml.h"
#include "util/buf.h"

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

static void mc_yaml_dump(mc_buf *b, const mc_yaml *y)
{
    if (y == NULL) {
        mc_buf_puts(b, "(no document)");
        return;
    }
    for (size_t i = 0; i < mc_yaml_diag_count(y); i++) {
        const mc_ydiag *d = mc_yaml_diag_at(y, i);
        mc_buf_printf(b, "D%d %u:%u-%u:%u %s\n", (int)d->kind, d->span.line, d->span.col,
                      d->span.end_line, d->span.end_col, d->message);
    }
    dump_node(b, mc_yaml_root(y), 0);
}

#endif
