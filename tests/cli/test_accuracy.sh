# How well mclint reads real cards (docs/accuracy.md): bench/accuracy.py on the hand-labelled
# corpus and the label-free check, with floors a few points under the documented figures so
# that a change that reads cards worse fails here. Skipped without the corpus.
. "$(dirname "$0")/lib.sh"
C=${MCLINT_CORPUS:-}
if [ -z "$C" ] || [ ! -f "$C/gold/dev.jsonl" ]; then echo "corpus not found: skipped"; exit 77; fi
SRC=${MCLINT_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
python3 "$SRC/bench/accuracy.py" --mclint "$MCLINT" --corpus "$C" --label-free >"$TMP/out" 2>"$TMP/err"
rc=$?
if [ $rc -ne 0 ]; then bad "accuracy.py exit $rc: $(head -c 300 "$TMP/err")"; finish; exit; fi
cat "$TMP/out"
# at_least LABEL PERCENT
at_least() {
  local got
  got=$(grep -F -- "$1" "$TMP/out" | head -1 | sed -E 's/.*[^0-9.]([0-9.]+)% \(.*/\1/')
  if [ -n "$got" ] && python3 -c "import sys; sys.exit(0 if float('$got') >= $2 else 1)"; then ok
  else bad "$1: ${got:-?}% < $2%"; fi
}
at_least "training class" 88
at_least "origin stated recall" 90
at_least "origin stated precision" 97
at_least "from-scratch precision" 90
at_least "from-scratch recall" 75
at_least "base model named" 80
at_least "tier" 80
at_least "data stated precision" 90
at_least "derived origin recovered" 88
at_least "declared base named" 77
finish
