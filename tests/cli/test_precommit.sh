# The pre-commit hook (.pre-commit-hooks.yaml) driven by the real pre-commit program: the
# manifest validates, its hook copied into a `repo: local` configuration blocks a commit
# whose staged card has findings and lets a clean one through, and it is the staged
# version of a card that is linted, not the working tree's. Offline: local hooks only.
. "$(dirname "$0")/lib.sh"
SRC=${MCLINT_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
MANIFEST=$SRC/.pre-commit-hooks.yaml
PRECOMMIT=$(command -v pre-commit || true)
[ -x /usr/bin/pre-commit ] && PRECOMMIT=/usr/bin/pre-commit
if [ -z "$PRECOMMIT" ]; then
  echo "pre-commit not installed (Debian package pre-commit): skipped"
  exit 77
fi
command -v git >/dev/null || { echo "git not installed: skipped"; exit 77; }
[ -f "$MANIFEST" ] || { bad "no $MANIFEST"; finish; exit; }

# Nothing is fetched: the cache lives in the temporary directory, and any attempt to reach
# a network address would fail at once.
export PRE_COMMIT_HOME=$TMP/cache XDG_CACHE_HOME=$TMP/xdg-cache PRE_COMMIT_COLOR=never
export http_proxy=http://127.0.0.1:9 https_proxy=http://127.0.0.1:9 no_proxy=
export HTTP_PROXY=$http_proxy HTTPS_PROXY=$https_proxy
unset PRE_COMMIT SKIP
# The manifest's entry is `mclint --staged`, found on PATH: put the built program there.
mkdir -p "$TMP/bin"
ln -s "$MCLINT" "$TMP/bin/mclint"
export PATH="$TMP/bin:$PATH"

# 1. The repository's manifest is a valid pre-commit manifest, and says what it should.
expect_exit 0 -- "$PRECOMMIT" validate-manifest "$MANIFEST"
if grep -Eq '^- id: mclint$' "$MANIFEST" && grep -Eq '^  entry: mclint --staged$' "$MANIFEST" &&
  grep -Eq '^  language: system$' "$MANIFEST" && grep -Eq '^  files: ' "$MANIFEST"; then
  ok
else
  bad "manifest lacks id mclint / entry 'mclint --staged' / language system / files"
fi
# A broken manifest is rejected (the validation above can fail).
printf -- '- id: x\n  entry: y\n' >"$TMP/broken-hooks.yaml"
expect_exit 1 -- "$PRECOMMIT" validate-manifest "$TMP/broken-hooks.yaml"

# 2. A throwaway repository whose configuration copies the manifest's hooks verbatim.
R=$TMP/repo
git init -q -b main "$R"
{
  echo "repos:"
  echo "  - repo: local"
  echo "    hooks:"
  grep -v '^#' "$MANIFEST" | grep -v '^[[:space:]]*$' | sed 's/^/      /'
} >"$R/.pre-commit-config.yaml"
(cd "$R" && git add .pre-commit-config.yaml && git commit -qm config --no-verify)
expect_exit 0 -- bash -c "cd '$R' && '$PRECOMMIT' validate-config .pre-commit-config.yaml"
expect_exit 0 -- bash -c "cd '$R' && '$PRECOMMIT' install"
[ -x "$R/.git/hooks/pre-commit" ] && ok || bad "pre-commit install wrote no hook"

good_card() {
  card "$1" <<'X'
---
license: apache-2.0
base_model: acme-ai/Tiny-7B
base_model_relation: finetune
---
# Tiny-7B-Chat

Tiny-7B-Chat is fine-tuned from acme-ai/Tiny-7B on 20k invented conversations.
X
}
yaml_error_card() {
  card "$1" <<'X'
---
license: [apache-2.0
base_model: acme-ai/Tiny-7B
---
# Tiny-7B-Broken

Fine-tuned from acme-ai/Tiny-7B.
X
}
scratch_card() {
  card "$1" <<'X'
---
license: apache-2.0
base_model: acme-ai/Tiny-7B
provenance:
  training: from-scratch
---
# Tiny-7B-Sovereign

Tiny-7B-Sovereign was trained from scratch on 1T tokens, with a standard Llama
architecture and its own tokenizer.
X
}
commit() { # commit MESSAGE: git commit through the installed hook (its output on stderr)
  (cd "$R" && git commit -m "$1" 2>&1)
}
head_is() { # head_is SUBJECT
  local got
  got=$(cd "$R" && git log -1 --format=%s)
  if [ "$got" = "$1" ]; then ok; else bad "HEAD is '$got', want '$1'"; fi
}

# 3. A clean card: the commit goes through, and the hook did run on it.
good_card "$R/chat/README.md"
(cd "$R" && git add chat/README.md)
expect_exit 0 -- commit "add chat"
expect_out 'mclint \(model-card provenance\)\.+Passed'
head_is "add chat"

# 4. A card whose front matter does not parse: blocked, with the finding's position.
yaml_error_card "$R/broken/README.md"
(cd "$R" && git add broken/README.md)
expect_exit 1 -- commit "add broken"
expect_out 'mclint \(model-card provenance\)\.+Failed'
expect_out 'broken/README\.md:[0-9]+:[0-9]+: error\[MC[0-9]+\]'
head_is "add chat"
(cd "$R" && git rm -q --cached broken/README.md && rm -rf broken)

# 5. 'trained from scratch' with a base_model: blocked by the contradiction.
scratch_card "$R/sov/README.md"
(cd "$R" && git add sov/README.md)
expect_exit 1 -- commit "add sov"
expect_out 'sov/README\.md:[0-9]+:[0-9]+: error\[MC302\]'
head_is "add chat"

# 6. The staged version is what is linted: a bad card staged and fixed only in the working
#    tree is still blocked, and the unstaged fix is left in place afterwards.
good_card "$R/sov/README.md"
#    (the entry itself, run as pre-commit runs it but without pre-commit's stash of
#    unstaged changes, reads the index)
expect_exit 1 -- bash -c "cd '$R' && mclint --staged sov/README.md"
expect_exit 0 -- bash -c "cd '$R' && mclint sov/README.md"
expect_exit 1 -- commit "add sov (fixed in the working tree only)"
expect_out 'sov/README\.md:[0-9]+:[0-9]+: error\[MC302\]'
head_is "add chat"
if grep -q 'Tiny-7B-Chat' "$R/sov/README.md"; then ok; else bad "working-tree fix was not restored"; fi
#    ... and a clean card staged with a broken working-tree copy goes through.
(cd "$R" && git add sov/README.md)
yaml_error_card "$R/sov/README.md"
expect_exit 0 -- commit "add sov (clean in the index)"
head_is "add sov (clean in the index)"
if grep -q 'license: \[apache' "$R/sov/README.md"; then ok; else bad "unstaged change was lost"; fi
expect_exit 0 -- bash -c "cd '$R' && git show HEAD:sov/README.md | grep -q 'Tiny-7B-Chat'"
(cd "$R" && git checkout -q -- sov/README.md)

# 7. Evidence beside the card is read from the index too: a staged adapter configuration
#    contradicts a from-scratch claim; without it the same card passes.
card "$R/own/README.md" <<'X'
---
license: apache-2.0
provenance:
  training: from-scratch
  architecture:
    origin: standard
    based_on: llama
  tokenizer:
    origin: trained
---
# Tiny-1B

Tiny-1B was trained from scratch on 1T invented tokens with a standard Llama architecture
and its own tokenizer.
X
card "$R/own/adapter_config.json" <<'X'
{
  "base_model_name_or_path": "acme-ai/Tiny-7B",
  "peft_type": "LORA"
}
X
(cd "$R" && git add own/README.md own/adapter_config.json)
expect_exit 1 -- commit "add own"
expect_out 'error\[MC503\]'
head_is "add sov (clean in the index)"
(cd "$R" && git rm -q --cached own/adapter_config.json)
expect_exit 0 -- commit "add own without the adapter"
head_is "add own without the adapter"
rm -f "$R/own/adapter_config.json"

# 8. A staged evidence file alone runs the hook on the cards of its folder: the adapter
#    configuration staged without touching the card still contradicts its from-scratch
#    claim. Files mclint does not read do not run the hook, and Markdown that is not a
#    model card (no card name, no card keys) passes without findings.
card "$R/own/adapter_config.json" <<'X'
{
  "base_model_name_or_path": "acme-ai/Tiny-7B",
  "peft_type": "LORA"
}
X
(cd "$R" && git add own/adapter_config.json)
expect_exit 1 -- commit "add the adapter only"
expect_out 'own/README\.md:[0-9]+:[0-9]+: error\[MC503\]'
expect_out 'evidence: own/adapter_config\.json:[0-9]+'

(cd "$R" && git rm -q --cached own/adapter_config.json)
rm -f "$R/own/adapter_config.json"
echo 'notes' >"$R/chat/notes.txt"
(cd "$R" && git add chat/notes.txt)
expect_exit 0 -- commit "add notes"
expect_out 'mclint \(model-card provenance\)\.+\(no files to check\)Skipped'
printf '# Contributing\n\nOpen an issue first.\n' >"$R/CONTRIBUTING.md"
(cd "$R" && git add CONTRIBUTING.md)
expect_exit 0 -- commit "add contributing"
expect_out 'mclint \(model-card provenance\)\.+Passed'

# 9. The manifest used as a hook repository, as users consume it: `pre-commit try-repo`
#    on a local clone (no network), entry taken from PATH.
H=$TMP/hookrepo
git init -q -b main "$H"
cp "$MANIFEST" "$H/.pre-commit-hooks.yaml"
(cd "$H" && git add .pre-commit-hooks.yaml && git commit -qm hooks)
scratch_card "$R/try/README.md"
(cd "$R" && git add try/README.md)
expect_exit 1 -- bash -c "cd '$R' && '$PRECOMMIT' try-repo '$H' mclint --files try/README.md"
expect_out 'try/README\.md:[0-9]+:[0-9]+: error\[MC302\]'
expect_exit 0 -- bash -c "cd '$R' && '$PRECOMMIT' try-repo '$H' mclint --files chat/README.md"

finish
