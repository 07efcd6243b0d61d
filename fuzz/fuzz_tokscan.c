/* libFuzzer harness: the streaming tokenizer.json scanner fed in chunks of varying sizes
 * (the first two bytes seed the chunk sizes), so that every token may be split anywhere. */
#include "evidence/tokscan.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    unsigned seed = (unsigned)data[0] << 8 | data[1];
    data += 2;
    size -= 2;
    mc_tokscan *s = calloc(1, sizeof *s);
    if (!s)
        return 0;
    mc_tokscan_init(s);
    size_t off = 0;
    bool ok = true;
    while (off < size && ok) {
        seed = seed * 1103515245u + 12345u;
        size_t chunk = 1 + (seed >> 16) % 64;
        if (chunk > size - off)
            chunk = size - off;
        ok = mc_tokscan_feed(s, (const char *)data + off, chunk);
        off += chunk;
    }
    if (ok)
        (void)mc_tokscan_finish(s);
    free(s);
    return 0;
}
