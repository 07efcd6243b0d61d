# Shared by the hostile-input tests (sourced after lib.sh): `hostile NAME -- args...` runs
# mclint and requires exit 0 or 1 within a time bound and a memory bound; `repo` makes an
# empty repository $R with a folder m/; `fm VALUE` prints a card with VALUE in its front matter.
# Sanitizer builds are slower and use more memory: scale the bounds.
SLOW=1
RSS_MB=${MCLINT_HOSTILE_RSS_MB:-400}
if ldd "$MCLINT" 2>/dev/null | grep -q 'libasan\|libubsan\|libtsan' || nm "$MCLINT" 2>/dev/null | grep -q '__asan_init\|__tsan_init'; then
  SLOW=4
  RSS_MB=$((RSS_MB * 4))
fi
TLIMIT=$((20 * SLOW))
GNUTIME=
[ -x /usr/bin/time ] && /usr/bin/time -f %M true 2>/dev/null && GNUTIME=/usr/bin/time

# hostile NAME -- mclint arguments...: exit 0/1 within TLIMIT seconds and RSS_MB megabytes.
hostile() {
  local name=$1; shift; [ "$1" = "--" ] && shift
  local start end rc rss
  start=$(date +%s%N)
  if [ -n "$GNUTIME" ]; then
    timeout -k 5 "$TLIMIT" $GNUTIME -f '%M %U %S' -o "$TMP/rss" "$MCLINT" "$@" >"$TMP/out" 2>"$TMP/err"
  else
    (ulimit -v $((RSS_MB * 1024 * 4)); timeout -k 5 "$TLIMIT" "$MCLINT" "$@" >"$TMP/out" 2>"$TMP/err")
  fi
  rc=$?
  end=$(date +%s%N)
  # the CPU time mclint used when GNU time gives it (a loaded machine stretches the wall
  # clock, not this), else the wall clock
  LAST_MS=$(((end - start) / 1000000))
  if [ -n "$GNUTIME" ] && [ -s "$TMP/rss" ]; then
    LAST_MS=$(tail -1 "$TMP/rss" | awk '{ printf "%d", ($2 + $3) * 1000 }')
  fi
  if [ "$rc" = 0 ] || [ "$rc" = 1 ]; then ok; else
    bad "$name: exit $rc (124 = timeout after ${TLIMIT}s)"
    head -c 2000 "$TMP/err" | sed 's/^/  | /' >&2
  fi
  if [ -n "$GNUTIME" ] && [ -s "$TMP/rss" ]; then
    rss=$(($(tail -1 "$TMP/rss" | cut -d' ' -f1) / 1024))
    if [ "$rss" -le "$RSS_MB" ]; then ok; else bad "$name: max RSS ${rss} MB > ${RSS_MB} MB"; fi
  fi
}
repo() { rm -rf "$TMP/r"; mkdir -p "$TMP/r/m"; R=$TMP/r; }
fm() { printf -- '---\nlicense: apache-2.0\n%s\n---\n# Tiny-7B\n\nA small model.\n' "$1"; }


# linear NAME T_N T_4N: the time at 4n (ms, CPU time where GNU time is there) is at most 10
# times the time at n, plus 300 ms of noise: linear growth is 4 times, quadratic 16 times.
linear() {
  local name=$1 t1=$2 t4=$3
  echo "$name: n ${t1} ms, 4n ${t4} ms"
  if [ "$t4" -le $((t1 * 10 + 300 * SLOW)) ]; then ok; else bad "$name: not linear: n ${t1} ms, 4n ${t4} ms"; fi
}
