# Path arguments never pass silently: one file classifier decides what a card is in every
# mode (walk, --staged, --rev, named files), a path that yields no card is a warning on
# stderr, each named file that is not linted gets a note saying why, and --strict-paths
# makes either an error (exit 2).
. "$(dirname "$0")/lib.sh"
command -v git >/dev/null || { echo "git not installed: skipped"; exit 77; }

R=$TMP/repo
git init -q -b main "$R"
card "$R/m/README.md" <<'X'
---
license: apache-2.0
---
# Tiny

A small model.
X
echo '{"model_type": "llama"}' >"$R/m/config.json"
# a body line that looks like a card key does not make Markdown a card...
card "$R/docs/notes.md" <<'X'
---
title: Notes
---
# Notes

license: see below
X
# ...its neighbour with the key in the front matter is one
card "$R/docs/card.md" <<'X'
---
license: mit
---
# Other card

A small model.
X
card "$R/data/README.md" <<'X'
---
task_categories: [text-generation]
---
# A data set
X
mkdir -p "$R/empty" && echo 'print(1)' >"$R/empty/train.py"
ln -s ../m/README.md "$R/docs/link.md"
(cd "$R" && git add -A && git commit -qm init)

json_paths() { python3 -c 'import json,sys; print(" ".join(sorted({m["path"] for m in json.load(sys.stdin)["models"]})))'; }

# 1. The same cards in every mode: docs/notes.md is never one, docs/card.md always.
for args in "" "--staged" "--rev HEAD" "docs m" "docs/notes.md docs/card.md m/README.md"; do
  # shellcheck disable=SC2086
  got=$(cd "$R" && "$MCLINT" --format json $args 2>/dev/null | json_paths)
  [ "$got" = "docs/card.md m/README.md" ] && ok || bad "mclint $args linted: $got"
done

# 2. A note for each named file that is not linted, and why; the run still lints the rest.
expect_exit 0 -- bash -c "cd '$R' && '$MCLINT' docs/notes.md docs/link.md data/README.md empty/train.py m/README.md"
expect_err '^mclint: note: docs/notes\.md: not linted: not a model card \(no model-card key in its front matter\)$'
expect_err '^mclint: note: docs/link\.md: not linted: it is a symbolic link \(never followed\)$'
expect_err '^mclint: note: data/README\.md: not linted: a dataset card, not a model card$'
expect_err '^mclint: note: empty/train\.py: not linted: not a model card, technical report or evidence file$'
expect_out 'in 1 model'
# the named card that is linted has no note
if grep -q 'm/README.md' "$TMP/err"; then bad "a note for a linted card"; else ok; fi
# an evidence file stands for its folder's cards: no note
expect_exit 0 -- bash -c "cd '$R' && '$MCLINT' m/config.json"
if [ -s "$TMP/err" ]; then bad "a note for an evidence file with a card: $(cat "$TMP/err")"; else ok; fi

# 3. Untracked under --staged, and excluded by the configuration.
card "$R/new/README.md" <"$R/m/README.md"
expect_exit 0 -- bash -c "cd '$R' && '$MCLINT' --staged new/README.md m/README.md"
expect_err '^mclint: note: new/README\.md: not linted: it is not staged \(not in the index\)$'
printf 'exclude: ["README.md"]\n' >"$R/new/.mclint.yaml"
expect_exit 0 -- bash -c "cd '$R' && '$MCLINT' new/README.md"
expect_err '^mclint: note: new/README\.md: not linted: excluded by new/\.mclint\.yaml$'
# excluded but not named: no note
expect_exit 0 -- bash -c "cd '$R' && '$MCLINT' new"
expect_no_out 'new/README.md'
expect_err '^mclint: warning: new: no model card found there$'

# 4. A path that yields no card is a warning; a run that finds no card at all too.
expect_exit 0 -- bash -c "cd '$R' && '$MCLINT' empty"
expect_err '^mclint: warning: empty: no model card found there$'
expect_exit 0 -- bash -c "cd '$R/empty' && '$MCLINT'"
expect_err '^mclint: warning: \.: no model card found there$'
expect_exit 0 -- bash -c "cd '$R' && '$MCLINT' m nowhere"
expect_err '^mclint: warning: nowhere: no such file or folder$'
# the neighbour: a folder with a card says nothing
expect_exit 0 -- bash -c "cd '$R' && '$MCLINT' m"
if [ -s "$TMP/err" ]; then bad "stderr for a folder with a card: $(cat "$TMP/err")"; else ok; fi
# a folder whose README is a data set's holds no model card, and the warning says what it is
expect_exit 0 -- bash -c "cd '$R' && '$MCLINT' data"
expect_err '^mclint: warning: data: no model card found there \(data/README\.md is a dataset card\)$'
expect_exit 2 -- bash -c "cd '$R' && '$MCLINT' --strict-paths data"
# the neighbour: a folder holding both says nothing
expect_exit 0 -- bash -c "cd '$R' && '$MCLINT' ."
if [ -s "$TMP/err" ]; then bad "stderr for folders with a model card: $(cat "$TMP/err")"; else ok; fi

# 5. --strict-paths turns them into exit 2, and leaves a clean run alone.
expect_exit 2 -- bash -c "cd '$R' && '$MCLINT' --strict-paths empty"
expect_err '^mclint: error: --strict-paths: 1 path yielded nothing to lint$'
expect_exit 2 -- bash -c "cd '$R' && '$MCLINT' --strict-paths docs/notes.md m/README.md"
expect_exit 2 -- bash -c "cd '$R' && '$MCLINT' --strict-paths --staged new/README.md"
expect_exit 0 -- bash -c "cd '$R' && '$MCLINT' --strict-paths m docs/card.md"

# 6. A symbolic link mclint would read as evidence is a finding in every mode, never silent
#    (it is not followed); a named one is a note. The neighbour: the same file, not a link.
L=$TMP/links
git init -q -b main "$L"
card "$L/m/README.md" <<'X'
---
license: apache-2.0
---
# Tiny

A small model.
X
mkdir -p "$L/elsewhere" && echo '{"model_type": "llama"}' >"$L/elsewhere/config.json"
ln -s ../elsewhere/config.json "$L/m/config.json"
ln -s /etc/passwd "$L/m/tokenizer_config.json"
(cd "$L" && git add -A && git commit -qm links)
for args in "" "--staged" "--rev HEAD"; do
  # shellcheck disable=SC2086
  expect_exit 0 -- bash -c "cd '$L' && '$MCLINT' --no-source $args m"
  expect_out '^m/config\.json: warning\[MC509\] m/config\.json could not be read: a symbolic link \(never followed\)'
  expect_out '^m/tokenizer_config\.json: warning\[MC509\]'
  expect_no_out 'root:'
done
cp -r "$L" "$TMP/plain" && rm -rf "$TMP/plain/.git"
expect_exit 0 -- "$MCLINT" --no-source "$TMP/plain/m"
expect_out '^config\.json: warning\[MC509\] config\.json could not be read: a symbolic link'
expect_exit 0 -- bash -c "cd '$L' && '$MCLINT' m/config.json"
expect_err '^mclint: note: m/config\.json: not linted: it is a symbolic link \(never followed\)$'
rm "$L/m/config.json" && cp "$L/elsewhere/config.json" "$L/m/config.json"
expect_exit 0 -- bash -c "cd '$L' && '$MCLINT' --no-source m"
expect_no_out 'm/config\.json: warning\[MC509\]'

finish
