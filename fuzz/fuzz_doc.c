/* libFuzzer harness: mc_doc_parse (front matter, YAML, Markdown) on arbitrary bytes, as a
 * Markdown card and as a plain-text report (the first byte chooses), then every accessor. */
#include "mclint/doc.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mc_doc *doc = NULL;
    mc_doc_kind kind = MC_DOC_MARKDOWN;
    const char *path = "acme/Tiny-7B/README.md";
    if (size > 0 && data[0] == 0xFF) {
        kind = MC_DOC_TEXT;
        path = "acme/Tiny-7B/report.tex";
    }
    if (mc_doc_parse(&doc, path, (const char *)data, size, kind, NULL) != 0 || !doc)
        return 0;
    size_t sum = 0, len = 0;
    sum += mc_doc_is_binary(doc) + mc_doc_has_bom(doc) + mc_doc_is_crlf(doc) + mc_doc_is_utf8(doc);
    sum += mc_doc_has_front_matter(doc) + mc_doc_front_matter_unclosed(doc);
    (void)mc_doc_front_matter_span(doc);
    (void)mc_doc_yaml(doc);
    unsigned lines = mc_doc_line_count(doc);
    for (unsigned n = 1; n <= lines; n++) {
        const char *l = mc_doc_line(doc, n, &len);
        if (l && len)
            sum += (unsigned char)l[len - 1];
        sum += mc_doc_line_kind(doc, n);
        const mc_heading *h = mc_doc_section_of(doc, n);
        if (h && h->text)
            sum += h->level;
    }
    for (size_t i = 0; i < mc_doc_heading_count(doc); i++)
        sum += mc_doc_heading_at(doc, i)->line;
    for (size_t i = 0; i < mc_doc_link_count(doc); i++) {
        const mc_link *k = mc_doc_link_at(doc, i);
        sum += k->line + k->col + (k->url ? (unsigned char)k->url[0] : 0);
    }
    for (size_t i = 0; i < mc_doc_comment_count(doc); i++)
        sum += mc_doc_comment_at(doc, i)->span.line;
    (void)mc_doc_text(doc, &len);
    (void)sum;
    mc_doc_free(doc);
    return 0;
}
