/* Record construction steps (linter/record/build.c), exposed for the lint driver. */
#ifndef MC_RECORD_BUILD_H
#define MC_RECORD_BUILD_H

#include "record/record.h"

/** Technical reports parsed once per run and shared by the cards that link them (a report
 * linked from N cards is read, parsed and searched for claims once, not N times). Safe to
 * use from several threads. */
typedef struct mc_report_cache mc_report_cache;

/** A cache for the reports of `src`; NULL when out of memory. */
mc_report_cache *mc_report_cache_new(const mc_source *src);
/** Free the cache and its reports (no record may still point to one of them). */
void mc_report_cache_free(mc_report_cache *cache);

typedef struct {
    size_t max_file_size;     /**< 0 = 16 MiB */
    mc_report_cache *reports; /**< NULL: each record parses its own report */
    const char **report_dirs; /**< extra folders (repository-relative) where reports live */
    size_t nreport_dirs;
    int no_evidence; /**< skip the evidence readers */
} mc_build_options;

/** Build a record from an already parsed card (the record takes the document). */
int mc_record_from_doc(mc_record **out, const mc_source *src, mc_doc *card,
                       const mc_build_options *opts);

/** Fill the Hub fields and the provenance block from the card's front matter. */
void mc_record_read_front_matter(mc_record *rec);

/** Find and parse the technical report (block path, relative link, or file name). */
void mc_record_find_report(mc_record *rec, const mc_build_options *opts);

/** What a file is to mclint (mc_classify). */
typedef enum {
    MC_FILE_OTHER = 0,    /**< not mclint's (code, other Markdown, data) */
    MC_FILE_MODEL_CARD,   /**< a model card: linted */
    MC_FILE_REPORT,       /**< a technical report (read for the cards that use it) */
    MC_FILE_EVIDENCE,     /**< a file an evidence reader reads (config.json, LICENSE...) */
    MC_FILE_DATASET_CARD, /**< a data set's card: skipped */
    MC_FILE_SPACE,        /**< a Space's README: skipped */
} mc_file_kind;

/** "model card", "technical report", "evidence file", "dataset card", "Space README",
 * "other file". */
const char *mc_file_kind_name(mc_file_kind kind);

/**
 * The one file classifier, for every mode (file-system walk, --staged, --rev, files named on
 * the command line): what the listed file `path` of `src` is.
 * - README.md, MODEL_CARD.md, model_card.md: a model card (whatever the entry is, so that a
 *   link or a pipe there is reported); its front matter may still make it a dataset card or
 *   a Space, which mc_classify_front() decides once the card is parsed;
 * - other Markdown: a technical report by name; else a model card, dataset card or Space by
 *   the top-level keys of its front matter (found as the Hub finds it; the body never counts,
 *   and a file over `max_size` bytes is not read: other);
 * - a file an evidence reader wants: evidence; anything else: other.
 */
mc_file_kind mc_classify(const mc_source *src, const char *path, size_t max_size);

/** mc_classify(), and for a model card its front matter read too (as the record will): a
 * dataset card or a Space is told apart before it is parsed. For files named on the command
 * line. */
mc_file_kind mc_classify_card(const mc_source *src, const char *path, size_t max_size);

/** A card's kind from its front matter (a YAML mapping, or NULL): a dataset card or a Space
 * when it has their keys and no model-card key; else a model card, or other when
 * `need_card_key` (Markdown not named as a card) and no model-card key is there. */
mc_file_kind mc_classify_front(const mc_ynode *front, bool need_card_key);

/** True if `path` names a model card file (README.md, MODEL_CARD.md, model_card.md). */
int mc_is_card_name(const char *path);
/** True if `path` looks like a technical report by name. */
int mc_is_report_name(const char *path);

#endif
