/* tokenizer.json: turning a finished scan into items (shared by the buffer reader and the
 * streaming path of mc_evidence_collect). */
#ifndef MC_EVIDENCE_TOKJSON_H
#define MC_EVIDENCE_TOKJSON_H

#include "evidence/ev.h"
#include "evidence/tokscan.h"

#define MC_TOKJSON_CHUNK (64 * 1024)

void mc_ev_tokscan_emit(mc_evidence_set *set, const char *path, const mc_tokscan *s);

#endif
