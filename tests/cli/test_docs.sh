# Generated documentation stays in sync with the rule data and the program.
. "$(dirname "$0")/lib.sh"
expect_exit 0 -- "$MCLINT" rules --markdown
if diff -u "$MCLINT_SOURCE_DIR/docs/rules.md" "$TMP/out" >"$TMP/diff"; then ok; else
  bad "docs/rules.md is stale: regenerate with 'mclint rules --markdown > docs/rules.md'"
  head -30 "$TMP/diff" >&2
fi
# every rule explained, with examples
for id in $("$MCLINT" rules | awk '{print $1}'); do
  "$MCLINT" explain "$id" >"$TMP/out" 2>&1 && grep -q 'Fails:' "$TMP/out" && grep -q 'Passes:' "$TMP/out" && ok || bad "explain $id"
done
# the provenance block schema accepts the documented example
if /usr/bin/python3 -c 'import jsonschema, yaml' 2>/dev/null; then
  /usr/bin/python3 - "$MCLINT_SOURCE_DIR" <<'PY' && ok || bad "docs/provenance.md example vs docs/provenance.schema.json"
import json, re, sys, yaml, jsonschema
root = sys.argv[1]
schema = json.load(open(root + "/docs/provenance.schema.json"))
text = open(root + "/docs/provenance.md").read()
block = re.search(r"```yaml\n---\n(.*?)\n---\n```", text, re.S).group(1)
jsonschema.validate(yaml.safe_load(block)["provenance"], schema)
bad = {"training": "scratch"}
try:
    jsonschema.validate(bad, schema)
    sys.exit(1)
except jsonschema.ValidationError:
    pass
PY
else
  echo "python3-jsonschema or python3-yaml missing: schema check skipped"
fi
finish
