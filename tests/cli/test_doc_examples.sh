# docs/output-formats.md: its examples are what mclint prints for the card they describe,
# and every rule id the page names is a rule of `mclint rules`.
. "$(dirname "$0")/lib.sh"
SRC=${MCLINT_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
DOC=$SRC/docs/output-formats.md
[ -f "$DOC" ] || { bad "no docs/output-formats.md"; finish; exit; }

# the invented card of the examples
R=$TMP/repo
mkdir -p "$R/models/tiny"
git -C "$R" init -q
card "$R/models/tiny/README.md" <<'MD'
---
language: [en]
license: foo-bar
license_link: LICENSE
datasets: [acme-ai/invented-text]
---
# Tiny-7B

Tiny-7B was trained from scratch on invented text. It is meant for research.
MD
printf '{\n "_name_or_path": "acme-ai/Base-7B",\n "architectures": ["LlamaForCausalLM"],\n "model_type": "llama"\n}\n' >"$R/models/tiny/config.json"

# block N after heading H: block "## text" 1
block() {
  awk -v h="$1" -v n="$2" '$0 == h { on = 1; next } on && /^## / { exit }
    on && /^```/ { if (grab) exit; k++; if (k == n) { grab = 1; next } } grab { print }' "$DOC"
}

# text: the whole example, byte for byte
block "## text" 1 >"$TMP/want-text"
[ -s "$TMP/want-text" ] && ok || bad "no text example"
(cd "$R" && "$MCLINT" --format text --color never .) >"$TMP/got-text"
if cmp -s "$TMP/want-text" "$TMP/got-text"; then ok; else
  bad "the text example differs from mclint's output"
  diff "$TMP/want-text" "$TMP/got-text" | head -20 >&2
fi

# gcc: each line of the example is printed
block "## gcc" 1 >"$TMP/want-gcc"
[ "$(wc -l <"$TMP/want-gcc")" -ge 2 ] && ok || bad "gcc example has too few lines"
(cd "$R" && "$MCLINT" --format gcc .) >"$TMP/got-gcc"
while IFS= read -r line; do
  if grep -qxF -- "$line" "$TMP/got-gcc"; then ok; else bad "gcc example line not printed: $line"; fi
done <"$TMP/want-gcc"

# github: each finding line of the log and each annotation of the example is printed
block "## github" 1 | grep -E '^  models/|^      [0-9]+ \||^::(error|warning|notice) file=' >"$TMP/want-gh"
[ "$(wc -l <"$TMP/want-gh")" -ge 4 ] && ok || bad "github example has too few lines"
(cd "$R" && "$MCLINT" --format github .) >"$TMP/got-gh"
while IFS= read -r line; do
  if grep -qxF -- "$line" "$TMP/got-gh"; then ok; else bad "github example line not printed: $line"; fi
done <"$TMP/want-gh"

# json: the finding of the example table is the first finding, with that rule and name
(cd "$R" && "$MCLINT" --format json .) >"$TMP/out"
valid_json
rule=$(sed -n 's/^| `rule` | string | `"\(MC[0-9]*\)"` |$/\1/p' "$DOC")
name=$(sed -n 's/^| `name` | string\/null | `"\([a-z-]*\)"` |$/\1/p' "$DOC")
python3 - "$TMP/out" "$rule" "$name" <<'PY' && ok || bad "json example: rule '$rule' name '$name' are not the first finding's"
import json, sys
f = json.load(open(sys.argv[1]))["findings"][0]
sys.exit(0 if (f["rule"], f["name"]) == (sys.argv[2], sys.argv[3]) else 1)
PY

# rdjsonl and gitlab: the rule and the range of the first finding
(cd "$R" && "$MCLINT" --format rdjsonl .) >"$TMP/got-rd"
want=$(block "## rdjsonl" 1 | sed 's/"message":"[^"]*",//')
got=$(head -1 "$TMP/got-rd" | sed 's/"message":"[^"]*",//')
[ "$want" = "$got" ] && ok || bad "rdjsonl example differs: $want / $got"
(cd "$R" && "$MCLINT" --format gitlab .) >"$TMP/got-gl"
if grep -q '"check_name":"MC102"' "$TMP/got-gl" && block "## gitlab" 1 | grep -q '"check_name": "MC102"' &&
  grep -q '"lines":{"begin":3,"end":3}' "$TMP/got-gl"; then ok; else bad "gitlab example differs"; fi

# every rule id named on the page exists
"$MCLINT" rules | awk '{ print $1 }' >"$TMP/ids"
for id in $(grep -oE '\bMC[0-9]{3}\b' "$DOC" | sort -u); do
  grep -qx "$id" "$TMP/ids" && ok || bad "docs/output-formats.md names $id, which is not a rule"
done
# (it can fail)
grep -qx MC777 "$TMP/ids" && bad "MC777 is a rule?" || ok

# rule rationales cite sections of docs/background.md that exist, and no document that is
# not in this repository
BG=$SRC/docs/background.md
if [ -f "$BG" ]; then
  "$MCLINT" rules --markdown >"$TMP/rules.md"
  grep -o '(docs/background.md: [^)]*)' "$TMP/rules.md" | sed 's/^(docs\/background.md: //; s/)$//' |
    tr ';' '\n' | sed 's/^ *//; s/ *$//' | sort -u >"$TMP/cited"
  [ -s "$TMP/cited" ] && ok || bad "no rationale cites docs/background.md"
  while IFS= read -r sec; do
    grep -Eqx "##+ $sec" "$BG" && ok || bad "rationales cite docs/background.md section '$sec', which does not exist"
  done <"$TMP/cited"
  grep -Eqx "##+ No such section" "$BG" && bad "the section check cannot fail" || ok
else
  bad "no docs/background.md"
fi
if grep -rlE 'domain\.md|provenance-schema\.md|implied checks? [0-9]' "$SRC/rules" "$SRC/docs" "$SRC/linter" \
  "$TMP/rules.md" >"$TMP/stale"; then
  bad "references to documents outside the repository: $(tr '\n' ' ' <"$TMP/stale")"
else
  ok
fi

finish
