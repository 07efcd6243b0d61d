# The program on git repositories: working tree with .gitignore, --staged, --rev,
# --changed-since.
. "$(dirname "$0")/lib.sh"
command -v git >/dev/null || { echo "git not installed: skipped"; exit 77; }
R=$TMP/repo
git init -q -b main "$R"
card $R/a/README.md <<'X'
---
license: apache-2.0
---
# A
Trained from scratch on 1T tokens, with a standard Llama architecture and its own tokenizer.
X
card $R/b/README.md <<'X'
---
license: apache-2.0
base_model: acme-ai/Base-7B
---
# B
Fine-tuned from acme-ai/Base-7B.
X
(cd "$R" && git add -A && git commit -qm one)

# ignored cards are not linted
card $R/ignored/README.md <<'X'
---
license: [broken
---
X
echo "ignored/" >"$R/.gitignore"
expect_exit 0 -- "$MCLINT" --list-files "$R"
expect_out '^a/README.md$'
expect_no_out 'ignored'

# --staged lints the index, not the working tree
card $R/a/README.md <<'X'
---
license: apache-2.0
base_model: acme-ai/Base-7B
provenance:
  training: from-scratch
---
# A
Trained from scratch on 1T tokens, with a standard Llama architecture and its own tokenizer.
X
expect_exit 1 -- "$MCLINT" --format text --no-source "$R"
expect_out 'a/README.md:4:13: error\[MC302\]|a/README.md:[0-9]+:[0-9]+: error\[MC302\]'
expect_exit 0 -- "$MCLINT" --staged "$R"
(cd "$R" && git add a/README.md)
expect_exit 1 -- "$MCLINT" --staged --format text --no-source "$R"
expect_out 'a/README.md:[0-9]+:[0-9]+: error\[MC302\]'
# pre-commit passes staged file names relative to the repository
expect_exit 1 -- bash -c "cd '$R' && '$MCLINT' --staged a/README.md"
(cd "$R" && git commit -qm two)

# --rev reads an older commit without checking it out
expect_exit 0 -- "$MCLINT" --rev HEAD~1 "$R"
expect_exit 1 -- "$MCLINT" --rev HEAD "$R"

# --changed-since: only model folders changed since the merge base
(cd "$R" && git checkout -qb feature && mkdir -p c && printf -- '---\nlicense: Apache-2.0\n---\n# C\n' >c/README.md && git add c && git commit -qm three)
expect_exit 1 -- "$MCLINT" --changed-since main --format text --no-source "$R"
expect_out '^c/README.md'
expect_no_out '^a/README.md'
expect_exit 2 -- "$MCLINT" --changed-since no-such-branch "$R"
finish
