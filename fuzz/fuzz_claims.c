/* libFuzzer harness: the prose claim extractor over a parsed card (and as a report). */
#include "mclint/doc.h"
#include "record/claims.h"
#include "record/record.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mc_doc *doc = NULL;
    if (mc_doc_parse(&doc, "acme/Tiny-7B/README.md", (const char *)data, size, MC_DOC_MARKDOWN,
                     NULL) != 0 ||
        !doc)
        return 0;
    mc_record *rec = mc_record_new(NULL, "acme/Tiny-7B/README.md");
    if (rec) {
        (void)mc_claims_extract(rec, doc,
                                (size > 0 && (data[0] & 1)) ? MC_FROM_REPORT : MC_FROM_PROSE);
        mc_record_free(rec);
    }
    mc_doc_free(doc);
    return 0;
}
