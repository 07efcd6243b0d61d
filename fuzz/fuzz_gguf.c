/* libFuzzer harness: the GGUF header reader. The first byte chooses how much of the rest
 * the reader sees as the file's start and how much larger the file claims to be, as when
 * only a prefix of a large file is read; the rest is the file. The whole input is also
 * read as a complete file. */
#include "evidence/ev.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mc_evidence_set *set = NULL;
    size_t len, cut;
    unsigned long long file_size, need;
    char *prefix;

    if (size < 1)
        return 0;
    len = size - 1;
    if (mc_evidence_new(&set) != 0)
        return 0;
    (void)mc_evidence_read_buffer(set, "m/model.gguf", (const char *)data + 1, len);
    (void)mc_evidence_finish(set);
    mc_evidence_free(set);

    /* a prefix of the file, in a buffer of its exact size */
    cut = (size_t)((unsigned long long)len * (data[0] & 0x0f) / 15);
    file_size = (unsigned long long)len + (unsigned long long)(data[0] >> 4) * 4096;
    prefix = malloc(cut ? cut : 1);
    if (prefix == NULL)
        return 0;
    memcpy(prefix, data + 1, cut);
    need = mc_ev_gguf_need(prefix, cut, file_size);
    if (need > cut && need > file_size)
        abort(); /* never more than the file holds */
    if (mc_evidence_new(&set) == 0) {
        mc_ev_begin_file(set, "m/model.gguf");
        mc_ev_read_gguf(set, "m/model.gguf", prefix, cut, file_size);
        (void)mc_evidence_finish(set);
        mc_evidence_free(set);
    }
    free(prefix);
    return 0;
}
