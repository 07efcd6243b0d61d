/* The file classifier: what a file is to mclint, decided in one place for every mode. */
#include "card/docint.h"
#include "mclint/yaml.h"
#include "record/build.h"
#include "record/words.h"
#include "util/str.h"

#include <stdlib.h>
#include <string.h>

/* How much of a Markdown file is read to find its front matter: a first look, then more
 * when a block opens there but does not close. */
#define FRONT_MATTER_FIRST (8u << 10)
#define FRONT_MATTER_PREFIX (256u << 10)

const char *mc_file_kind_name(mc_file_kind kind)
{
    switch (kind) {
    case MC_FILE_MODEL_CARD:
        return "model card";
    case MC_FILE_REPORT:
        return "technical report";
    case MC_FILE_EVIDENCE:
        return "evidence file";
    case MC_FILE_DATASET_CARD:
        return "dataset card";
    case MC_FILE_SPACE:
        return "Space README";
    default:
        return "other file";
    }
}

static bool has_any_key(const mc_ynode *front, const mc_words *keys)
{
    for (size_t i = 0; i < keys->n; i++)
        if (mc_ynode_get(front, keys->v[i]))
            return true;
    return false;
}

mc_file_kind mc_classify_front(const mc_ynode *front, bool need_card_key)
{
    if (front == NULL || mc_ynode_kind_of(front) != MC_YNODE_MAP)
        return need_card_key ? MC_FILE_OTHER : MC_FILE_MODEL_CARD;
    if (has_any_key(front, mc_words_get("model_card_keys")))
        return MC_FILE_MODEL_CARD;
    if (has_any_key(front, mc_words_get("not_model_cards.dataset")))
        return MC_FILE_DATASET_CARD;
    if (has_any_key(front, mc_words_get("not_model_cards.space")))
        return MC_FILE_SPACE;
    if (need_card_key && !has_any_key(front, mc_words_get("markdown_card_keys")))
        return MC_FILE_OTHER;
    return MC_FILE_MODEL_CARD;
}

/* Markdown by the top-level keys of its front matter; `need_card_key` for a file not named
 * as a card. */
static mc_file_kind markdown_kind(const mc_source *src, const mc_source_entry *e, size_t max,
                                  bool need_card_key)
{
    char *data = NULL;
    size_t len = 0, off = 0;
    mc_fm_match m;
    mc_yaml *y = NULL;
    mc_file_kind kind = need_card_key ? MC_FILE_OTHER : MC_FILE_MODEL_CARD;
    size_t want = FRONT_MATTER_FIRST;

    if (e->type != MC_ENTRY_FILE || (max && e->size > max))
        return kind;
    for (;;) {
        if (mc_source_read_prefix(src, e->path, want, &data, &len) < 0)
            return kind;
        off = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
        mc_fm_find(&m, data + off, len - off);
        if (!m.unclosed || len < want || want == FRONT_MATTER_PREFIX)
            break;
        free(data);
        data = NULL;
        want = FRONT_MATTER_PREFIX;
    }
    /* only a closed block counts (one cut by the prefix is read as far as it goes) */
    if (m.found || (m.unclosed && len == want)) {
        size_t ylen = m.found ? m.yaml_len : len - off - m.yaml;
        if (mc_yaml_parse(&y, data + off + m.yaml, ylen, 2, NULL) == 0)
            kind = mc_classify_front(mc_yaml_root(y), need_card_key);
        mc_yaml_free(y);
    }
    free(data);
    return kind;
}

mc_file_kind mc_classify(const mc_source *src, const char *path, size_t max_size)
{
    long at = mc_source_find(src, path);
    const mc_source_entry *e;

    if (at < 0)
        return MC_FILE_OTHER;
    e = mc_source_at(src, (size_t)at);
    if (mc_is_card_name(path))
        return MC_FILE_MODEL_CARD;
    if (mc_has_isuffix(path, ".md")) {
        if (mc_is_report_name(path))
            return MC_FILE_REPORT;
        return markdown_kind(src, e, max_size, true);
    }
    if (mc_is_report_name(path))
        return MC_FILE_REPORT;
    if (mc_evidence_wants(path))
        return MC_FILE_EVIDENCE;
    return MC_FILE_OTHER;
}

mc_file_kind mc_classify_card(const mc_source *src, const char *path, size_t max_size)
{
    long at = mc_source_find(src, path);
    mc_file_kind kind = mc_classify(src, path, max_size);

    if (kind != MC_FILE_MODEL_CARD || at < 0)
        return kind;
    return markdown_kind(src, mc_source_at(src, (size_t)at), max_size, false);
}
