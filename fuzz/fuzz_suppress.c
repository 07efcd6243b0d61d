/* libFuzzer harness: inline suppressions (<!-- mclint-disable ... -->) of a parsed card,
 * applied to a report holding a finding on every line. */
#include "mclint/config.h"
#include "mclint/doc.h"
#include "mclint/report.h"
#include "mclint/rules.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const ids[] = {"MC101", "MC302", "MC006", "MC501"};
    const char *path = "acme/Tiny-7B/README.md";
    mc_doc *doc = NULL;
    mc_report *rep = NULL;
    if (mc_doc_parse(&doc, path, (const char *)data, size, MC_DOC_MARKDOWN, NULL) != 0 || !doc)
        return 0;
    if (mc_report_new(&rep) != 0)
        goto done;
    unsigned lines = mc_doc_line_count(doc);
    for (unsigned n = 1; n <= lines && n <= 256; n++) {
        mc_finding f;
        memset(&f, 0, sizeof f);
        f.rule = ids[n % 4];
        f.severity = MC_SEV_WARNING;
        f.path = path;
        f.span.line = n;
        f.span.col = 1;
        f.message = "a finding";
        (void)mc_report_add(rep, &f);
    }
    (void)mc_suppressions_apply(rep, doc, mc_rules_builtin(), NULL);
done:
    mc_report_free(rep);
    mc_doc_free(doc);
    return 0;
}
