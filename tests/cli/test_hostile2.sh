#!/usr/bin/env bash
# Hostile input, second round: outputs that are symbolic links, text that tries to inject
# lines or terminal sequences into mclint's messages, inputs built to be quadratic, and
# cards that are not regular UTF-8 files. See docs/security.md.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || { echo "SKIP: python3 missing"; exit 0; }
. "$(dirname "$0")/hostile_lib.sh"

# --- outputs never follow a symbolic link ---------------------------------------------
repo
fm 'base_model: acme-ai/Tiny-7B' >"$R/m/README.md"
printf 'outside\n' >"$TMP/outside"
for opt in --sarif --json --gitlab --write-baseline --summary; do
  rm -f "$R/out"; ln -s "$TMP/outside" "$R/out"
  expect_exit 2 -- "$MCLINT" --format text "$opt" "$R/out" "$R/m"
  expect_err 'out: is a symbolic link'
  if [ "$(cat "$TMP/outside")" = outside ]; then ok; else bad "$opt wrote through a symbolic link"; fi
  # a dangling link is not created either
  rm -f "$R/out"; ln -s "$TMP/created" "$R/out"
  expect_exit 2 -- "$MCLINT" --format text "$opt" "$R/out" "$R/m"
  if [ ! -e "$TMP/created" ]; then ok; else bad "$opt created the target of a dangling link"; rm -f "$TMP/created"; fi
  # the neighbour: a regular file is overwritten (appended to for the summary)
  rm -f "$R/out"; printf 'old\n' >"$R/out"
  expect_exit 0 -- "$MCLINT" --format text "$opt" "$R/out" "$R/m"
  if [ -s "$R/out" ] && [ "$(cat "$R/out")" != old ]; then ok; else bad "$opt did not write a regular file"; fi
done
rm -f "$R/out"; mkfifo "$R/out"
expect_exit 2 -- timeout 20 "$MCLINT" --format text --sarif "$R/out" "$R/m"
rm -f "$R/out"
GITHUB_STEP_SUMMARY=$R/out expect_exit 0 -- "$MCLINT" --format text "$R/m"
ln -sf "$TMP/outside" "$R/out"
GITHUB_STEP_SUMMARY=$R/out expect_exit 2 -- "$MCLINT" --format text "$R/m"
if [ "$(cat "$TMP/outside")" = outside ]; then ok; else bad "GITHUB_STEP_SUMMARY wrote through a symbolic link"; fi

finish
