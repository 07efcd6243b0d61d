# The JSON Schemas of docs/ (mclint-config.schema.json, mclint-report.schema.json) and the
# SARIF details: every configuration example of the docs and of the other tests must be
# judged by the schema as mclint judges it, reports must match the report schema, and SARIF
# with a category must be valid against the OASIS schema with its categories kept apart.
# Needs python3-jsonschema (Debian package); skipped cleanly without it.
. "$(dirname "$0")/lib.sh"
SRC=${MCLINT_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
PY=/usr/bin/python3
V=$SRC/tests/cli/validate_json.py
CFG_SCHEMA=$SRC/docs/mclint-config.schema.json
REP_SCHEMA=$SRC/docs/mclint-report.schema.json
if ! [ -x "$PY" ] || ! "$PY" -c 'import jsonschema, yaml' 2>/dev/null; then
  echo "python3 with jsonschema and yaml (python3-jsonschema, python3-yaml) not found: skipped"
  exit 77
fi
schema_ok() { "$PY" "$V" "$@" >"$TMP/out" 2>"$TMP/err"; }

# 1. Every configuration example in the docs is valid, and mclint accepts it too (in a
#    repository holding what the examples name).
mkdir -p "$TMP/ex"
n=$("$PY" "$V" --extract "$SRC/docs/configuration.md" "$TMP/ex" all)
for md in "$SRC"/README.md "$SRC"/docs/*.md; do
  [ "$md" = "$SRC/docs/configuration.md" ] && continue
  n=$((n + $("$PY" "$V" --extract "$md" "$TMP/ex")))
done
[ "$n" -ge 2 ] && ok || bad "only $n configuration examples found in the docs"
R=$TMP/repo
mkdir -p "$R/sub" "$R/.mclint" "$R/docs/reports" "$R/paper"
git -C "$R" init -q
printf 'select: [ALL]\n' >"$R/base.mclint.yaml"
printf 'family: XR\nrules:\n  - id: XR001\n    name: house-rule\n    severity: note\n    check: none\n    title: t\n    message: m\n    rationale: r\n' >"$R/.mclint/rules.yaml"
for f in "$TMP"/ex/*.yaml; do
  if schema_ok "$CFG_SCHEMA" "$f"; then ok; else bad "docs example $(basename "$f") does not match the schema"; cat "$TMP/err" >&2; fi
  cp "$f" "$R/sub/.mclint.yaml"
  expect_exit 0 -- "$MCLINT" --show-config --config "$R/sub/.mclint.yaml" "$R"
  rm -f "$R/sub/.mclint.yaml"
done

# 2. The schema and mclint agree on configurations: invented ones and every one the other
#    CLI tests write (printf '...' >.../.mclint.yaml). mclint refusing a file the schema
#    cannot know about (a missing rules file or parent) is the one allowed difference.
mkdir -p "$TMP/cfg"
cat >"$TMP/cfg/good1.yaml" <<'Y'
# .mclint.yaml
select: [MC1, MC3, license-missing]
severity: {MC104: note, MC301: off}
per_path_ignores: {"vendor/**": [ALL]}
max_file_size: 2 MiB
no_inline_config: true
Y
printf 'max_file_size: 1048576\nfail_on: warning\nmin_tier: T4-2\n' >"$TMP/cfg/good2.yaml"
printf '' >"$TMP/cfg/good3.yaml"
printf 'fail_on: off\n' >"$TMP/cfg/bad1.yaml"
printf 'min_tier: T7\n' >"$TMP/cfg/bad2.yaml"
printf 'select: MC1\n' >"$TMP/cfg/bad3.yaml"
printf 'severity: {MC1: loud}\n' >"$TMP/cfg/bad4.yaml"
printf 'max_file_size: 12 parsecs\n' >"$TMP/cfg/bad5.yaml"
printf 'exclude: ["/abs/**"]\n' >"$TMP/cfg/bad6.yaml"
printf 'no_inline_config: maybe\n' >"$TMP/cfg/bad7.yaml"
printf -- '- a list\n' >"$TMP/cfg/bad8.yaml"
k=0
for t in "$SRC"/tests/cli/test_*.sh; do
  grep -o "^printf '[^']*' >\"[^\"]*\\.mclint\\.yaml\"" "$t" | sed 's/ >.*//' >"$TMP/printfs" || true
  while IFS= read -r line; do
    k=$((k + 1))
    eval "$line" >"$TMP/cfg/t$k.yaml"
  done <"$TMP/printfs"
done
[ "$k" -ge 5 ] && ok || bad "only $k configurations found in the CLI tests"
for f in "$TMP"/cfg/*.yaml; do
  cp "$f" "$R/.mclint.yaml"
  "$MCLINT" --show-config --config "$R/.mclint.yaml" "$R" >/dev/null 2>"$TMP/mc-err"
  mc=$?
  schema_ok "$CFG_SCHEMA" "$f"
  sc=$?
  name=$(basename "$f")
  case "$name:$mc:$sc" in
    good*:0:0 | bad*:2:1 | t*:0:0 | t*:2:1) ok ;;
    t*:2:0)
      if grep -Eq "(rules file|extended configuration) '[^']*' not found|'extends: [^']*' names '[^']*' .*which does not exist" "$TMP/mc-err"; then ok; else
        bad "$name: mclint refuses it, the schema accepts it: $(head -c 200 "$TMP/mc-err")"
      fi
      ;;
    *) bad "$name: mclint exit $mc, schema exit $sc (want agreement): $(head -c 200 "$TMP/mc-err" "$TMP/err")" ;;
  esac
done
rm -f "$R/.mclint.yaml"

# 3. The report schema: the example registry's report matches, streamed or not; a report
#    with a wrong severity or a missing member does not (the schema can fail).
expect_exit 1 -- "$MCLINT" --format json "$SRC/examples/registry"
cp "$TMP/out" "$TMP/report.json"
if schema_ok "$REP_SCHEMA" "$TMP/report.json"; then ok; else bad "the registry's report does not match"; cat "$TMP/err" >&2; fi
expect_exit 1 -- "$MCLINT" --format json --json "$TMP/report2.json" "$SRC/examples/registry"
if schema_ok "$REP_SCHEMA" "$TMP/report2.json"; then ok; else bad "the --json report does not match"; fi
expect_exit 1 -- "$MCLINT" --format jsonl "$SRC/examples/registry"
cp "$TMP/out" "$TMP/report.jsonl"
valid_jsonl "$TMP/report.jsonl"
sed '1s/"severity":"[a-z]*"/"severity":"fatal"/' "$TMP/report.jsonl" >"$TMP/broken.jsonl"
if (valid_jsonl "$TMP/broken.jsonl" && [ "$FAIL" = 0 ]) 2>/dev/null; then bad "a broken JSON line was accepted"; else ok; fi
"$PY" - "$TMP/report.json" "$TMP/broken" <<'P'
import json, sys
d = json.load(open(sys.argv[1]))
a = json.loads(json.dumps(d)); a["findings"][0]["severity"] = "fatal"
b = json.loads(json.dumps(d)); del b["models"][0]["tier"]
c = json.loads(json.dumps(d)); c["counts"]["errors"] = -1
for i, x in enumerate((a, b, c)):
    json.dump(x, open("%s%d.json" % (sys.argv[2], i), "w"))
P
for i in 0 1 2; do
  if schema_ok "$REP_SCHEMA" "$TMP/broken$i.json"; then bad "broken report $i accepted"; else ok; fi
done

# 4. SARIF from the command line: a category and the links to the rules; valid against the
#    OASIS schema (MCLINT_SHARED/schemas), and two categories stay distinct.
SARIF_SCHEMA=${MCLINT_SHARED:-$SRC/../shared}/schemas/sarif-schema-2.1.0.json
export MCLINT_RULES_URL=https://example.org/acme/mclint/blob/0123abc/docs/rules.md
export MCLINT_INFORMATION_URI=https://example.org/acme/mclint
expect_exit 1 -- "$MCLINT" --format sarif --sarif-category registry/shard-0 "$SRC/examples/registry"
cp "$TMP/out" "$TMP/a.sarif"
expect_exit 1 -- "$MCLINT" --format text --sarif "$TMP/b.sarif" --sarif-category shard-1 "$SRC/examples/registry"
unset MCLINT_RULES_URL MCLINT_INFORMATION_URI
expect_exit 1 -- "$MCLINT" --format sarif "$SRC/examples/registry"
cp "$TMP/out" "$TMP/c.sarif"
if [ -f "$SARIF_SCHEMA" ]; then
  for f in a b c; do
    if schema_ok "$SARIF_SCHEMA" "$TMP/$f.sarif"; then ok; else bad "$f.sarif is not valid SARIF 2.1.0"; cat "$TMP/err" >&2; fi
  done
else
  echo "note: $SARIF_SCHEMA not found: SARIF not validated against the OASIS schema"
fi
"$PY" - "$TMP/a.sarif" "$TMP/b.sarif" "$TMP/c.sarif" >"$TMP/ids" <<'P'
import json, sys
for p in sys.argv[1:]:
    run = json.load(open(p))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    print(run["automationDetails"]["id"], run["tool"]["driver"].get("informationUri", "-"),
          rules[0].get("helpUri", "-"), rules[0]["id"],
          run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"],
          "%SRCROOT%" in run.get("originalUriBaseIds", {}))
P
sed 's/^/  ids: /' "$TMP/ids"
read -r id info help rule base decl <"$TMP/ids"
[ "$id" = "registry/shard-0/" ] && ok || bad "category: automationDetails.id is '$id'"
[ "$info" = "https://example.org/acme/mclint" ] && ok || bad "informationUri is '$info'"
lower=$(printf '%s' "$rule" | tr 'A-Z' 'a-z')
[ "$help" = "https://example.org/acme/mclint/blob/0123abc/docs/rules.md#$lower" ] && ok || bad "helpUri is '$help'"
[ "$base" = "%SRCROOT%" ] && [ "$decl" = True ] && ok || bad "uriBaseId '$base', declared: $decl"
# the anchor exists in docs/rules.md
grep -q "<a id=\"$lower\"></a>" "$SRC/docs/rules.md" && ok || bad "docs/rules.md has no anchor '$lower'"
id_b=$(sed -n 2p "$TMP/ids" | cut -d' ' -f1)
id_c=$(sed -n 3p "$TMP/ids" | cut -d' ' -f1)
info_c=$(sed -n 3p "$TMP/ids" | cut -d' ' -f2)
help_c=$(sed -n 3p "$TMP/ids" | cut -d' ' -f3)
[ "$id_b" = "shard-1/" ] && [ "$id_b" != "$id" ] && ok || bad "two categories: '$id' and '$id_b'"
[ "$id_c" = "mclint/" ] && ok || bad "no category: automationDetails.id is '$id_c'"
[ "$info_c" = - ] && [ "$help_c" = - ] && ok || bad "links without a URL set: '$info_c' '$help_c'"

finish
