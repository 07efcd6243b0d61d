#!/usr/bin/env bash
# The mclint benchmark: floor (cat), the Python alternative, mclint, timed in the same run.
#
#   bash bench/run.sh [--sizes "1000 10000 100000"] [--reps N] [--update-docs]
#
# Environment: MCLINT (the binary; default build-bench/mclint, build/mclint, else a Release
# build made under $TMPDIR), MCLINT_CORPUS (default ../shared/corpus beside the repository;
# absent = synthetic cards), TMPDIR (where corpora are built; 100k needs about 2.5 GB).
# Results go to $BENCH_OUT (default $TMPDIR/mclint-bench-results); --update-docs also
# rewrites the measured part of docs/performance.md and docs/performance.svg.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
SIZES="1000 10000"
REPS=5
UPDATE=0
while [ $# -gt 0 ]; do
  case $1 in
    --sizes) SIZES=$2; shift 2 ;;
    --reps) REPS=$2; shift 2 ;;
    --update-docs) UPDATE=1; shift ;;
    *) echo "usage: bash bench/run.sh [--sizes \"1000 10000 100000\"] [--reps N] [--update-docs]" >&2; exit 2 ;;
  esac
done
PY=/usr/bin/python3
T=${TMPDIR:-/tmp}
WORK=$(mktemp -d "$T/mclint-bench-XXXXXX")
trap 'rm -rf "$WORK"' EXIT
OUT=${BENCH_OUT:-$T/mclint-bench-results}
mkdir -p "$OUT"
: "${MCLINT_CORPUS:=$(cd "$REPO/.." && pwd)/shared/corpus}"
[ -d "$MCLINT_CORPUS" ] || MCLINT_CORPUS=
export MCLINT_CORPUS

if [ -z "${MCLINT:-}" ]; then
  for b in "$REPO/build-bench/mclint" "$REPO/build/mclint"; do
    [ -x "$b" ] && MCLINT=$b && break
  done
fi
if [ -z "${MCLINT:-}" ]; then
  cmake -S "$REPO" -B "$WORK/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$WORK/build" -j"$(nproc)" --target mclint >/dev/null
  MCLINT=$WORK/build/mclint
fi
MCLINT=$(readlink -f "$MCLINT")
"$PY" -c 'import yaml; yaml.CSafeLoader' || { echo "needs python3-yaml with libyaml" >&2; exit 2; }

{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "nproc: $(nproc)"
  echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  echo "kernel: $(uname -sr)"
  echo "mclint: $("$MCLINT" --version 2>/dev/null | head -1) ($(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo ?))"
  echo "python: $("$PY" --version 2>&1), PyYAML $("$PY" -c 'import yaml; print(yaml.__version__)') (CSafeLoader)"
  if [ -n "$MCLINT_CORPUS" ]; then echo "cards: the shared corpus (hub and real cards)"; else echo "cards: synthetic"; fi
} | tee "$OUT/machine.txt"

peak_kb() { # peak resident set of a command, in KiB
  /usr/bin/time -f %M -o "$WORK/time.txt" "$@" >/dev/null 2>&1 || true
  tail -1 "$WORK/time.txt"
}

RES=$OUT/results.tsv
printf 'size\tfiles\tbytes\tfloor_s\talt_s\tmclint_s\tmclint_rss_kb\talt_rss_kb\tmodels\tfindings\n' >"$RES"
for n in $SIZES; do
  C=$WORK/corpus-$n
  "$PY" "$HERE/make-corpus.py" "$n" "$C"
  files=$(find "$C" -type f | wc -l)
  bytes=$(du -sb "$C" | cut -f1)
  reps=$REPS
  [ "$n" -ge 100000 ] && [ "$reps" -gt 3 ] && reps=3
  echo "== $n model directories ($files files, $bytes bytes), $reps repetitions"
  "$PY" "$HERE/measure.py" "$reps" \
    floor "find '$C' -type f -print0 | xargs -0 cat > /dev/null" \
    alternative "$PY '$HERE/alternative.py' '$C' > /dev/null" \
    mclint "'$MCLINT' --format json '$C' > /dev/null" | tee "$OUT/times-$n.tsv"
  rss=$(peak_kb "$MCLINT" --format json "$C")
  arss=$(peak_kb "$PY" "$HERE/alternative.py" "$C")
  "$MCLINT" --format json "$C" >"$WORK/out.json" || true
  read -r models findings < <("$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["models"]), len(d["findings"]))' "$WORK/out.json")
  med() { awk -F'\t' -v k="$1" '$1==k {print $2}' "$OUT/times-$n.tsv"; }
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$files" "$bytes" "$(med floor)" \
    "$(med alternative)" "$(med mclint)" "$rss" "$arss" "$models" "$findings" >>"$RES"
  echo "peak RSS: mclint $rss KiB, alternative $arss KiB; $models models, $findings findings"
  rm -rf "$C"
done

# pre-commit sized: one git repository, 10 files, `mclint --staged`
G=$WORK/precommit
mkdir -p "$G"
git -C "$G" init -q
"$PY" "$HERE/make-corpus.py" 3 "$G/models" >/dev/null 2>&1
printf '*.bin filter=lfs\n' >"$G/.gitattributes"
find "$G/models" -name TECHNICAL_REPORT.md -delete
git -C "$G" add -A
pc_files=$(git -C "$G" ls-files | wc -l)
if command -v hyperfine >/dev/null; then
  (cd "$G" && hyperfine -N -i --warmup 20 --runs 300 --export-json "$WORK/pc.json" \
    "$MCLINT --staged --format json" >/dev/null 2>&1 || true)
  pc=$("$PY" -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.6f\t%.6f\t%.6f" % (r["median"], r["mean"], r["stddev"]))' "$WORK/pc.json")
else
  pc=$(cd "$G" && "$PY" "$HERE/measure.py" 300 staged "$MCLINT --staged --format json" | cut -f2-4)
fi
pc_rss=$(cd "$G" && peak_kb "$MCLINT" --staged --format json)
printf 'files\tmedian_s\tmean_or_min_s\tstddev_or_max_s\trss_kb\n%s\t%s\t%s\n' "$pc_files" "$pc" "$pc_rss" | tee "$OUT/precommit.tsv"

# the table and the plot
"$PY" - "$RES" "$OUT/precommit.tsv" "$OUT/machine.txt" >"$OUT/table.md" <<'PYEOF'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])][1:]
pc = [l.rstrip("\n").split("\t") for l in open(sys.argv[2])][1]
print("Machine:\n")
for l in open(sys.argv[3]):
    print("- " + l.strip())
print()
print("| model dirs | files | MB | floor (cat) | Python alternative | mclint | mclint / floor | alternative / mclint | mclint peak RSS | alternative peak RSS |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for r in rows:
    n, files, b, fl, alt, mc, rss, arss = r[:8]
    fl, alt, mc = float(fl), float(alt), float(mc)
    print("| %s | %s | %.0f | %.3f s | %.3f s | %.3f s | %.1fx | %.1fx | %.1f MB | %.1f MB |" % (
        n, files, int(b) / 1e6, fl, alt, mc, mc / fl, alt / mc, int(rss) / 1024, int(arss) / 1024))
print()
print("Pre-commit sized run (%s files staged, `mclint --staged --format json`): median %.2f ms "
      "(mean %.2f ms, sd %.2f ms), peak RSS %.1f MB." % (pc[0], float(pc[1]) * 1e3, float(pc[2]) * 1e3,
                                                         float(pc[3]) * 1e3, int(pc[4]) / 1024))
PYEOF
if command -v gnuplot >/dev/null; then
  gnuplot -e "datafile='$RES'; outfile='$OUT/performance.svg'" "$HERE/plot.gp"
fi
cat "$OUT/table.md"
if [ "$UPDATE" = 1 ]; then
  "$PY" - "$REPO/docs/performance.md" "$OUT/table.md" <<'PYEOF'
import sys
doc, table = sys.argv[1], open(sys.argv[2]).read()
text = open(doc).read()
a, b = "<!-- bench:begin -->\n", "<!-- bench:end -->"
i, j = text.index(a) + len(a), text.index(b)
open(doc, "w").write(text[:i] + table + text[j:])
PYEOF
  [ -f "$OUT/performance.svg" ] && cp "$OUT/performance.svg" "$REPO/docs/performance.svg"
  echo "updated docs/performance.md"
fi
echo "results in $OUT"
