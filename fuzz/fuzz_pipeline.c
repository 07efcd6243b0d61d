/* libFuzzer harness: the whole pipeline. The input is split at the first 0xFE byte into a
 * card (written as README.md) and a config.json, in a model folder of a temporary plain
 * directory; mc_lint_run lints it and every output format is written to /dev/null. */
#include "mclint/lint.h"
#include "mclint/output.h"
#include "mclint/report.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char root[64];
static char model[96];
static char card[128];
static char config[128];
static FILE *devnull;

static void cleanup(void)
{
    unlink(card);
    unlink(config);
    rmdir(model);
    rmdir(root);
}

static int setup(void)
{
    snprintf(root, sizeof root, "/tmp/mcfuzz.XXXXXX");
    if (!mkdtemp(root))
        return -1;
    snprintf(model, sizeof model, "%s/Tiny-7B", root);
    snprintf(card, sizeof card, "%s/README.md", model);
    snprintf(config, sizeof config, "%s/config.json", model);
    if (mkdir(model, 0700) != 0)
        return -1;
    devnull = fopen("/dev/null", "w");
    atexit(cleanup);
    return devnull ? 0 : -1;
}

static int put(const char *path, const uint8_t *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    size_t w = len ? fwrite(data, 1, len, f) : 0;
    return (fclose(f) == 0 && w == len) ? 0 : -1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    if (!ready) {
        if (setup() != 0)
            abort();
        ready = 1;
    }
    const uint8_t *sep = size ? memchr(data, 0xFE, size) : NULL;
    size_t card_len = sep ? (size_t)(sep - data) : size;
    if (put(card, data, card_len) != 0)
        abort();
    if (sep) {
        if (put(config, sep + 1, size - card_len - 1) != 0)
            abort();
    } else {
        unlink(config);
    }

    const char *paths[] = {root};
    mc_lint_options opts = MC_LINT_OPTIONS_INIT;
    opts.kind = MC_SOURCE_DIR;
    opts.paths = paths;
    opts.npaths = 1;
    opts.jobs = 1;
    mc_report *rep = NULL;
    if (mc_lint_run(&rep, &opts) == 0 && rep) {
        static const mc_format formats[] = {MC_FORMAT_TEXT,   MC_FORMAT_JSON,  MC_FORMAT_JSONL,
                                            MC_FORMAT_GITHUB, MC_FORMAT_SARIF, MC_FORMAT_GITLAB,
                                            MC_FORMAT_RDJSONL};
        mc_output_options oo = MC_OUTPUT_OPTIONS_INIT;
        oo.rules = mc_rules_builtin();
        for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
            oo.color = (i == 0);
            (void)mc_output_write(devnull, formats[i], rep, &oo);
        }
        (void)mc_output_step_summary(devnull, rep, &oo);
    }
    mc_report_free(rep);
    return 0;
}
