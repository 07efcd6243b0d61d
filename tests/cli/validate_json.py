"""validate_json.py SCHEMA FILE...: validate JSON (or, for .yaml/.yml files and files that
are not JSON, YAML) documents against a JSON Schema with python3-jsonschema. A FILE of the
form PATH:N names the N-th YAML document embedded in a Markdown file's ```yaml blocks
(see --extract). Exit 0 all valid, 1 some invalid, 77 no jsonschema (or yaml) module.

validate_json.py --extract MARKDOWN OUTDIR [all]: write each ```yaml block of MARKDOWN
that is an .mclint.yaml example (with "all": every block; else the blocks whose first line
is a "# .mclint.yaml" comment) to OUTDIR/<name>-N.yaml; print the count."""
import json
import os
import re
import sys

try:
    import jsonschema
except ImportError:
    print("python3-jsonschema is not installed", file=sys.stderr)
    sys.exit(77)


def load(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if not path.endswith((".yaml", ".yml")):
        try:
            return json.loads(text)
        except ValueError:
            pass
    try:
        import yaml
    except ImportError:
        print("python3-yaml is not installed", file=sys.stderr)
        sys.exit(77)
    doc = yaml.load(text, Loader=core_loader(yaml))
    return {} if doc is None else doc


def core_loader(yaml):
    """A safe loader with YAML 1.2's booleans (true/false only): `off` and `yes` stay
    strings, as mclint and editors' YAML 1.2 readers see them."""
    class Loader(yaml.SafeLoader):
        pass
    Loader.yaml_implicit_resolvers = {
        k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:bool"]
        for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
    Loader.add_implicit_resolver(
        "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
        list("tTfF"))
    return Loader


def validate(schema_path, files):
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    v = cls(schema, format_checker=jsonschema.FormatChecker())
    bad = 0
    for path in files:
        errors = list(v.iter_errors(load(path)))
        for e in errors[:5]:
            where = "/".join(str(p) for p in e.absolute_path)
            print("%s: %s: %s" % (path, where or "(root)", e.message), file=sys.stderr)
        bad += bool(errors)
    return 1 if bad else 0


def extract(markdown, outdir, every):
    with open(markdown, encoding="utf-8") as f:
        lines = f.read().split("\n")
    n = 0
    i = 0
    while i < len(lines):
        if lines[i].strip() == "```yaml":
            j = i + 1
            while j < len(lines) and lines[j].strip() != "```":
                j += 1
            body = lines[i + 1:j]
            first = body[0] if body else ""
            if every or re.match(r"#\s*\.mclint\.ya?ml\b", first):
                n += 1
                name = "%s-%d.yaml" % (os.path.basename(markdown), n)
                with open(os.path.join(outdir, name), "w", encoding="utf-8") as out:
                    out.write("\n".join(body) + "\n")
            i = j
        i += 1
    print(n)
    return 0


if __name__ == "__main__":
    if sys.argv[1] == "--extract":
        sys.exit(extract(sys.argv[2], sys.argv[3], sys.argv[4:] == ["all"]))
    sys.exit(validate(sys.argv[1], sys.argv[2:]))
