# The options a ruff user expects: short forms, rule selection on the command line (and its
# precedence over the configuration), --statistics, --output-file, --silent, colour.
. "$(dirname "$0")/lib.sh"
R=$TMP/repo
card $R/a/README.md <<'X'
---
license: Apache-2.0
base_model: acme-ai/Base-7B
base_model_relation: fine-tuned
---
# A
Fine-tuned from acme-ai/Base-7B on acme-ai/chat-data.
X
card $R/b/README.md <<'X'
---
license: MIT
---
# B
Trained from scratch on acme-ai/web-corpus.
X
card $R/.mclint.yaml <<'X'
select: [MC1, MC3]
ignore: [MC102]
X

# short forms
expect_exit 0 -- "$MCLINT" -V
expect_out '^mclint [0-9]+\.[0-9]+\.[0-9]+$'
expect_exit 0 -- "$MCLINT" -h
expect_out '--select RULES'
expect_out '--quiet .*\(-q\)$'
expect_exit 2 -- "$MCLINT" -x "$R"
expect_err "unknown option '-x'"
expect_exit 2 -- "$MCLINT" -qq "$R" # as ruff: no -qq; --silent (-s) prints nothing
expect_exit 0 -- "$MCLINT" -e --no-source "$R"
expect_out 'error\[MC106\]'

# -q: no per-model summary; -s: nothing at all, the same exit status
expect_exit 1 -- "$MCLINT" --no-source "$R"
expect_out 'models \(.*files\)$'
expect_exit 1 -- "$MCLINT" -q --no-source "$R"
expect_out 'error\[MC106\]'
expect_no_out 'models \('
expect_exit 1 -- "$MCLINT" -s "$R"
[ -s "$TMP/out" ] && bad "--silent printed something" || ok
expect_exit 0 -- "$MCLINT" --silent --select MC101 "$R"
# --silent still writes the report files
expect_exit 1 -- "$MCLINT" -s --json "$TMP/silent.json" "$R"
[ -s "$TMP/out" ] && bad "--silent --json printed something" || ok
python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["findings"]' "$TMP/silent.json" && ok || bad "--silent: no --json file"

# the configuration ignores MC102: not reported
expect_exit 1 -- "$MCLINT" --format gcc "$R"
expect_out 'MC106\]$'
expect_no_out 'MC102'
# --select replaces the configuration's select and ignore (ruff's precedence)
expect_exit 1 -- "$MCLINT" --format gcc --select MC102 "$R"
expect_out "^a/README.md:2:10: error: license 'Apache-2.0' .*\[MC102\]$"
expect_out '^b/README.md:2:10: .*\[MC102\]$'
expect_no_out 'MC106'
# repeated and comma-separated lists add up; names work as in the configuration
expect_exit 1 -- "$MCLINT" --format gcc --select MC102 --select base-model-relation-invalid "$R"
expect_out 'MC102\]$'
expect_out 'MC106\]$'
# --ignore adds to the configuration's ignore; --extend-select to its select
expect_exit 0 -- "$MCLINT" --format gcc --ignore MC106,MC3 "$R"
expect_no_out 'MC10[26]'
expect_exit 1 -- "$MCLINT" --format gcc --extend-select MC102 "$R"
expect_out 'MC102\]$'
expect_out 'MC106\]$'
# the most specific selector still wins: an id selected inside an ignored family
expect_exit 1 -- "$MCLINT" --format gcc --select ALL --ignore MC1 --extend-select MC106 "$R"
expect_out 'MC106\]$'
expect_no_out 'MC102'
# unknown rules are usage errors, naming the option
expect_exit 2 -- "$MCLINT" --select MC999 "$R"
expect_err "^mclint: --select: unknown rule or rule prefix 'MC999'"
expect_exit 2 -- "$MCLINT" --ignore 'MC1;rm' "$R"
expect_err "^mclint: --ignore: invalid rule selector"
# --show-config says where the selection came from
expect_exit 0 -- "$MCLINT" --select MC1 --show-config "$R"
expect_out '^select: \["MC1"\]  # "command line"$'
expect_out '^ignore: \[\]  # "command line"$'
expect_exit 0 -- "$MCLINT" --show-config "$R"
expect_out '^ignore: \["MC102"\]  # ".*\.mclint\.yaml":2$'

# --statistics: the count per rule, most frequent first, instead of the findings
expect_exit 1 -- "$MCLINT" --statistics --select MC1 "$R"
expect_out $'^2\tMC102\tLicense is not a Hub license identifier$'
expect_out $'^1\tMC106\t'
expect_no_out 'README.md'
[ "$(head -1 "$TMP/out" | cut -f2)" = MC102 ] && ok || bad "--statistics: most frequent first"
expect_exit 1 -- "$MCLINT" --statistics --format json --select MC1 "$R"
valid_json
python3 - "$TMP/out" <<'PY' && ok || bad "--statistics json"
import json, sys
d = json.load(open(sys.argv[1]))
assert d[0] == {"code": "MC102", "name": "license-unknown", "count": 2}, d
assert {x["code"] for x in d} == {"MC102", "MC106"}, d
PY
expect_exit 0 -- "$MCLINT" --statistics --select MC101 "$R"
[ -s "$TMP/out" ] && bad "--statistics without findings printed something" || ok

# --output-file (-o): the output goes there, stdout stays empty; never through a link
expect_exit 1 -- "$MCLINT" --format json -o "$TMP/report.json" "$R"
[ -s "$TMP/out" ] && bad "-o: stdout not empty" || ok
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$TMP/report.json" && ok || bad "-o: not JSON"
echo keep >"$TMP/target"
ln -s "$TMP/target" "$TMP/link.json"
expect_exit 2 -- "$MCLINT" --output-file "$TMP/link.json" "$R"
expect_err 'is a symbolic link: refusing to write through it'
[ "$(cat "$TMP/target")" = keep ] && ok || bad "--output-file wrote through a symbolic link"

# colour: --color wins; then FORCE_COLOR; then NO_COLOR; a file or pipe gets none
esc=$'\033\['
expect_exit 1 -- "$MCLINT" --no-source "$R"
expect_no_out "$esc"
expect_exit 1 -- env FORCE_COLOR=1 "$MCLINT" --no-source "$R"
expect_out "$esc"
expect_exit 1 -- env FORCE_COLOR=1 NO_COLOR=1 "$MCLINT" --no-source "$R"
expect_out "$esc"
expect_exit 1 -- env FORCE_COLOR=1 "$MCLINT" --color never --no-source "$R"
expect_no_out "$esc"
expect_exit 1 -- env NO_COLOR=1 "$MCLINT" --color always --no-source "$R"
expect_out "$esc"
expect_exit 1 -- env FORCE_COLOR=0 "$MCLINT" --no-source "$R"
expect_no_out "$esc"
expect_exit 1 -- env FORCE_COLOR=1 "$MCLINT" -o "$TMP/colour.txt" --no-source "$R"
grep -q "$esc" "$TMP/colour.txt" && ok || bad "FORCE_COLOR ignored for --output-file"
expect_exit 1 -- "$MCLINT" -o "$TMP/plain.txt" --no-source "$R"
grep -q "$esc" "$TMP/plain.txt" && bad "colour in a file without FORCE_COLOR" || ok
expect_exit 2 -- "$MCLINT" --color sometimes "$R"

finish
