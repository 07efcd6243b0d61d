/* Record construction steps (linter/record/build.c), exposed for the lint driver. */
#ifndef MC_RECORD_BUILD_H
#define MC_RECORD_BUILD_H

#include "record/record.h"

typedef struct {
    size_t max_file_size;     /**< 0 = 16 MiB */
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
