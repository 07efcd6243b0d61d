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

# a repository of another user: git refuses it (safe.directory); the default walk says so
# and reads it as plain files, the modes that need git stop with the fix
if [ "$(id -u)" = 0 ]; then
  F=$TMP/foreign
  cp -a "$R" "$F" && chown -R 65534 "$F"
  F=$(readlink -f "$F")
  expect_exit 0 -- "$MCLINT" --list-files "$F"
  expect_err "^mclint: warning: $F: the git repository belongs to another user"
  expect_err "git config --global --add safe.directory $F\$"
  expect_out '^ignored/README.md$'
  for mode in --staged "--rev HEAD" "--changed-since main"; do
    # shellcheck disable=SC2086 # two words on purpose
    expect_exit 2 -- "$MCLINT" $mode "$F"
    expect_err "^mclint: $F: the git repository belongs to another user.*safe.directory $F\$"
  done
  git config --global --add safe.directory "$F"
  expect_exit 0 -- "$MCLINT" --list-files "$F"
  expect_no_out '^ignored/'
  if [ -s "$TMP/err" ]; then bad "warning with safe.directory set"; cat "$TMP/err" >&2; else ok; fi
  expect_exit 1 -- "$MCLINT" --staged "$F/c"
  git config --global --unset-all safe.directory
else
  echo "not root: the safe.directory cases are skipped"
fi

# libgit2 starts without reading the system CA bundle (linter/walk/offline.c), when the
# build has MCLINT_OFFLINE_TLS and libgit2 loads certificates with a shared mbedTLS
if grep -q '^MCLINT_OFFLINE_TLS:BOOL=ON' "${MCLINT_BINARY_DIR:-/nonexistent}/CMakeCache.txt" 2>/dev/null &&
    ldd "$MCLINT" | grep -q libmbedx509; then
  if nm -D --defined-only "$MCLINT" | grep -q ' T mbedtls_x509_crt_parse_file$'; then ok; else bad "mbedtls_x509_crt_parse_file not exported"; fi
  if command -v strace >/dev/null; then
    # (LeakSanitizer cannot run under ptrace: a sanitizer build would abort at exit)
    expect_exit 0 -- env ASAN_OPTIONS=detect_leaks=0 strace -f -o "$TMP/trace" -e trace=open,openat \
      "$MCLINT" --staged --list-files "$R"
    if grep -q '\.git/index' "$TMP/trace"; then ok; else bad "strace saw no open of the index"; fi
    if grep -E 'ca-certificates|/etc/ssl' "$TMP/trace"; then bad "CA certificates opened"; else ok; fi
  else
    echo "strace not installed: the open check is skipped"
  fi
fi
finish
