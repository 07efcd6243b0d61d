# The layout the code keeps: the outputs read a record only through its const accessors
# (record/view.h), the embedded YAML data has one loader, the program carries no test
# helpers, and the MC9 findings have no texts of their own beside the rule catalogue.
. "$(dirname "$0")/lib.sh"
SRC=${MCLINT_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}

# no emitter reads a record's fields or includes the record's internal layout
if grep -nE 'rec->|record/record\.h' "$SRC"/linter/output/*.c "$SRC"/linter/output/*.h >"$TMP/hits"; then
  bad "linter/output reads record internals:"; cat "$TMP/hits" >&2
else ok; fi
# one loader of the embedded data
grep -rln 'mc_embedded_find' "$SRC/linter" | sed "s|$SRC/||" | sort >"$TMP/loaders"
if [ "$(cat "$TMP/loaders")" = "linter/card/embedded.c
linter/util/embed.h" ]; then ok; else bad "embedded data read outside linter/card/embedded.c:"; cat "$TMP/loaders" >&2; fi
# the MC9 texts come from rules/MC9-meta.yaml
for t in "suppression-without-reason" "unused-suppression" "invalid-suppression" \
  "Inline suppression without" "suppresses nothing" "unknown rule or directive" \
  "suppressed nothing" "in suppression"; do
  if grep -q -- "$t" "$SRC/linter/config/suppress.c"; then bad "suppress.c hard-codes '$t'"; else ok; fi
done
# the program has no test helpers and no unused public functions named as such
if command -v nm >/dev/null; then
  nm "$MCLINT" >"$TMP/syms" 2>/dev/null || true
  for s in mc_yaml_dump mc_source_truncated mc_check_name_at; do
    if grep -qw "$s" "$TMP/syms"; then bad "the program defines $s"; else ok; fi
  done
fi
# and the suppressions still give their findings with the catalogue's texts
mkdir -p "$TMP/r/m"
printf -- '---\nlicense: apache-2.0\n---\n# Tiny-7B\n<!-- mclint-disable-next-line MC1O4 -- x -->\nline\n' >"$TMP/r/m/README.md"
expect_exit 0 -- "$MCLINT" --format json "$TMP/r"
expect_out "\"rule\":\"MC903\""
expect_out "unknown rule 'MC1O4' in suppression"
expect_out "\"title\":\"Inline suppression names an unknown rule or directive\""
finish
