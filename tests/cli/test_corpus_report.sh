# docs/corpus-report.md is what mclint says today about the corpus of real cards.
. "$(dirname "$0")/lib.sh"
C=${MCLINT_CORPUS:-}
if [ -z "$C" ] || [ ! -d "$C/real" ]; then echo "corpus not found: skipped"; exit 77; fi
python3 "$MCLINT_SOURCE_DIR/tools/corpus-report.py" "$MCLINT" "$C/real" "$TMP/report.md" && ok || bad "report script failed"
if diff -u "$MCLINT_SOURCE_DIR/docs/corpus-report.md" "$TMP/report.md" >"$TMP/diff"; then ok; else
  bad "docs/corpus-report.md is stale: cmake --build build --target corpus-report"
  head -40 "$TMP/diff" >&2
fi
# verdicts a reviewer relies on: the honest cards have no error, the disputed ones are flagged
row() { grep -E "^\| $1 \|" "$MCLINT_SOURCE_DIR/docs/corpus-report.md"; }
for honest in eeve-korean-10.8b swallow-7b llama-pro-8b solar-10.7b-instruct-v1.0 falcon-7b olmo2 qwen3; do
  row "$honest" | grep -qE '\| — \| [^|]* \| [^|]* \|$' && ok || bad "$honest: expected no error: $(row "$honest")"
done
row ax-3.1 | grep -q 'MC303' && ok || bad "ax-3.1: the from-scratch claim without tokenizer origin is not flagged"
row ax-4.0 | grep -q 'T2' && ok || bad "ax-4.0: expected T2 (continued pre-training of Qwen2.5)"
row eeve-korean-10.8b | grep -q 'T2' && ok || bad "eeve: expected T2"
finish
