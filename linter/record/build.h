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

/** True if `path` names a model card file (README.md, MODEL_CARD.md, model_card.md). */
int mc_is_card_name(const char *path);
/** True if `path` looks like a technical report by name. */
int mc_is_report_name(const char *path);

#endif
