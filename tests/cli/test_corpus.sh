# Every real card of the shared corpus: mclint must finish with exit 0 or 1 and valid JSON.
. "$(dirname "$0")/lib.sh"
C=${MCLINT_CORPUS:-}
if [ -z "$C" ] || [ ! -d "$C/real" ]; then echo "corpus not found: skipped"; exit 77; fi
start=$(date +%s.%N)
n=0
for d in "$C"/real/*/; do
  "$MCLINT" --format json "$d" >"$TMP/out" 2>"$TMP/err"; rc=$?
  n=$((n + 1))
  if [ $rc -gt 1 ]; then bad "$d: exit $rc: $(head -c 300 "$TMP/err")"; continue; fi
  valid_json
done
hub=$C/hub/hf-readme
if [ -d "$hub" ]; then
  "$MCLINT" --format json "$hub"/*.md >"$TMP/out" 2>"$TMP/err"; rc=$?
  if [ $rc -gt 1 ]; then bad "hub: exit $rc: $(head -c 300 "$TMP/err")"; else valid_json; fi
  python3 -c 'import json,sys,collections; d=json.load(open(sys.argv[1])); c=collections.Counter(f["rule"] for f in d["findings"]); print("hf-readme: %d cards, %d findings: %s" % (len(d["models"]), len(d["findings"]), dict(sorted(c.items()))))' "$TMP/out" || true
fi
cohere=$C/hub/cohere-configurations/models
if [ -d "$cohere" ]; then
  "$MCLINT" --format json "$cohere" >"$TMP/out" 2>"$TMP/err"; rc=$?
  if [ $rc -gt 1 ]; then bad "cohere: exit $rc: $(head -c 300 "$TMP/err")"; else valid_json; fi
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("cohere: %d cards, %d findings" % (len(d["models"]), len(d["findings"])))' "$TMP/out" || true
fi
echo "corpus: $n real directories in $(echo "$(date +%s.%N) - $start" | bc 2>/dev/null || echo '?') s"
finish
