# docs/mclint.1: renders without warnings (when groff or man is installed), has the usual
# sections, and stays in sync with the program: every option of `mclint --help` is
# documented with the same value name, no option is documented that the program lacks, the
# environment variables of the help are listed, and the version matches.
. "$(dirname "$0")/lib.sh"
SRC=${MCLINT_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
MAN=$SRC/docs/mclint.1
[ -f "$MAN" ] || { bad "no docs/mclint.1"; finish; exit; }

# 1. Rendering.
if command -v groff >/dev/null; then
  expect_exit 0 -- env LC_ALL=C.UTF-8 groff -man -Tutf8 -ww -z "$MAN"
  if [ -s "$TMP/err" ]; then bad "groff warnings:"; sed 's/^/  | /' "$TMP/err" >&2; else ok; fi
  # the checker sees warnings (an unknown request)
  { cat "$MAN"; echo ".NOSUCHREQUEST x"; } >"$TMP/warn.1"
  env LC_ALL=C.UTF-8 groff -man -Tutf8 -ww -z "$TMP/warn.1" 2>"$TMP/err" >/dev/null
  if [ -s "$TMP/err" ]; then ok; else bad "groff reported no warning for an unknown request"; fi
else
  echo "groff not installed: rendering with groff skipped"
fi
if command -v man >/dev/null; then
  expect_exit 0 -- env LC_ALL=C.UTF-8 MANWIDTH=80 MAN_KEEP_FORMATTING= man --warnings -l "$MAN"
  if [ -s "$TMP/err" ]; then bad "man -l warnings:"; sed 's/^/  | /' "$TMP/err" >&2; else ok; fi
  expect_out 'mclint - lint model cards'
else
  echo "man not installed: rendering with man skipped"
fi

# 2. Sections.
for s in NAME SYNOPSIS DESCRIPTION OPTIONS '"?EXIT STATUS"?' ENVIRONMENT FILES EXAMPLES \
  '"?SEE ALSO"?'; do
  if grep -Eq "^\.SH $s\$" "$MAN"; then ok; else bad "no section $s"; fi
done

# 3. Options: `mclint --help` lists "  --name [ARG]  help"; the page documents each as a
#    tagged paragraph, `.B \-\-name` for a flag or `.BI \-\-name " ARG"` with a value.
expect_exit 0 -- "$MCLINT" --help
grep -E '^  --[a-z-]+' "$TMP/out" | awk '{ print $1, ($2 ~ /^[A-Z][A-Z\/]*$/ ? $2 : "") }' \
  >"$TMP/help-options"
[ "$(wc -l <"$TMP/help-options")" -ge 20 ] && ok || bad "could not read the options of --help"
check_options() { # check_options MANFILE: prints what is out of sync
  local man=$1 name arg
  sed 's/\\-/-/g' "$man" | awk '/^\.TP/ { getline; print }' |
    sed -nE 's/^\.BI? (--[a-z-]+)( "? ?([A-Z][A-Z\/]*)"?)?$/\1 \3/p' | sed 's/ $//' \
    >"$TMP/man-options"
  while read -r name arg; do
    if ! grep -qx -- "$name${arg:+ $arg}" "$TMP/man-options"; then
      echo "option $name${arg:+ $arg} of --help is not documented"
    fi
  done <"$TMP/help-options"
  while read -r name arg; do
    if ! grep -q -- "^$name\( \|$\)" "$TMP/help-options"; then
      echo "option $name is documented but not in --help"
    fi
  done <"$TMP/man-options"
}
check_options "$MAN" >"$TMP/sync"
if [ -s "$TMP/sync" ]; then bad "docs/mclint.1 out of sync with --help:"; sed 's/^/  | /' "$TMP/sync" >&2; else ok; fi
# the check can fail: drop one option's paragraph, rename another's value, add a stale one
awk 'skip && /^\.(TP|SS|SH)/ { skip = 0 } skip { next }
  /^\.TP$/ { tp = $0; next } tp != "" && /^\.B \\-\\-quiet$/ { tp = ""; skip = 1; next }
  tp != "" { print tp; tp = "" } { print }' "$MAN" |
  sed 's/^\.BI \\-\\-jobs " N"$/.BI \\-\\-jobs " COUNT"/' >"$TMP/stale.1"
printf '.TP\n.B \\-\\-frobnicate\nNot an option.\n' >>"$TMP/stale.1"
check_options "$TMP/stale.1" >"$TMP/sync"
[ "$(wc -l <"$TMP/sync")" -eq 3 ] && ok || { bad "the sync check found more than expected"; cat "$TMP/sync" >&2; }
for want in 'option --quiet of --help is not documented' 'option --jobs N of --help is not documented' \
  'option --frobnicate is documented but not in --help'; do
  if grep -qx -- "$want" "$TMP/sync"; then ok; else bad "the sync check missed: $want"; cat "$TMP/sync" >&2; fi
done

# 3b. The FORMATS section is generated from the program's table of formats
#     (`mclint --list-formats`); regenerate it with the awk program below.
formats_section() {
  "$MCLINT" --list-formats | awk -F'\t' '
    BEGIN { print ".SH FORMATS"
            print ".\\\" generated from the table of formats: mclint --list-formats (tests/cli/test_man.sh)"
            print "The formats of"
            print ".BR \\-\\-format ;"
            print "streamed formats are written card by card as the run goes." }
    { gsub(/-/, "\\-", $3); print ".TP"; print ".B " $1; print $3 ($2 == "streamed" ? " (streamed)" : "") "." }'
}
formats_section >"$TMP/formats-want"
[ "$(grep -c '^\.TP$' "$TMP/formats-want")" -ge 9 ] && ok || bad "--list-formats lists too few formats"
sed -n '/^\.SH FORMATS$/,/^\.SH EXIT STATUS$/p' "$MAN" | sed '$d' >"$TMP/formats-have"
if diff -u "$TMP/formats-want" "$TMP/formats-have" >"$TMP/diff"; then ok; else
  bad "docs/mclint.1 FORMATS is not what --list-formats gives:"; sed 's/^/  | /' "$TMP/diff" | head -20 >&2
fi
# the check can fail: a page without one format
grep -v '^\.B gitlab$' "$TMP/formats-have" >"$TMP/formats-stale"
diff -q "$TMP/formats-want" "$TMP/formats-stale" >/dev/null && bad "the FORMATS check cannot fail" || ok
# every format of the table is accepted by --format, and the help lists it
"$MCLINT" --help >"$TMP/help"
for f in $(cut -f1 <("$MCLINT" --list-formats)); do
  "$MCLINT" --format "$f" --list-files "$TMP" >/dev/null 2>&1 && ok || bad "--format $f is not accepted"
  grep -Eq "^  $f +" "$TMP/help" && ok || bad "--help does not list the format $f"
done

# 4. The environment variables the help names, and those of GitHub Actions, are listed.
envs=$(sed -n 's/^environment: //p' "$TMP/out" | grep -oE '[A-Z][A-Z_]+[A-Z]')
[ -n "$envs" ] && ok || bad "no environment line in --help"
for v in $envs GITHUB_ACTIONS GITHUB_STEP_SUMMARY; do
  if sed -n '/^\.SH ENVIRONMENT$/,/^\.SH /p' "$MAN" | grep -qx "\.B $v"; then ok; else
    bad "ENVIRONMENT does not list $v"
  fi
done
if sed -n '/^\.SH FILES$/,/^\.SH /p' "$MAN" | grep -q 'mclint\.yaml'; then ok; else bad "FILES lacks .mclint.yaml"; fi

# 5. The version in the title line is the program's.
expect_exit 0 -- "$MCLINT" --version
version=$(sed -n 's/^mclint //p' "$TMP/out")
if grep -q "^\.TH MCLINT 1 .*\"mclint $version\"" "$MAN"; then ok; else
  bad "docs/mclint.1 .TH does not say mclint $version"
fi

# 6. The sub-commands of the synopsis exist.
expect_exit 0 -- "$MCLINT" rules --markdown
expect_exit 0 -- "$MCLINT" explain MC302

finish
