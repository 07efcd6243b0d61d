/* libFuzzer harness: the configuration parser (.mclint.yaml) and the baseline loader, then
 * the queries on a parsed configuration. */
#include "mclint/config.h"
#include "mclint/rules.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const mc_rules *rules = mc_rules_builtin();
    mc_config *cfg = NULL;
    if (size > 0 && data[0] == '{') {
        mc_baseline *bl = NULL;
        if (mc_baseline_load(&bl, "baseline.json", (const char *)data, size) == 0)
            mc_baseline_free(bl);
        return 0;
    }
    if (mc_config_parse(&cfg, ".mclint.yaml", "", (const char *)data, size, rules) == 0 && cfg) {
        (void)mc_config_rule_enabled(cfg, "MC101");
        (void)mc_config_severity(cfg, "MC302", "acme/Tiny-7B/README.md");
        (void)mc_config_excluded(cfg, "acme/Tiny-7B/README.md");
        (void)mc_config_excluded(cfg, "a/b/c/d.md");
        (void)mc_config_min_tier(cfg);
        for (size_t i = 0; i < mc_config_report_dir_count(cfg); i++)
            (void)mc_config_report_dir_at(cfg, i);
        mc_config_free(cfg);
    }
    return 0;
}
