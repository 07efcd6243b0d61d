#!/usr/bin/python3
"""What users write today instead of mclint: find the cards, cut the front matter with the
Hub's own regular expression, parse it with PyYAML's libyaml loader, read config.json and
apply the same required-field checks as mclint's metadata rules (MC101-MC108): licence
present and a Hub id (or other + license_name + license_link), base_model repository ids,
base_model_relation values, a list of parents only for a merge, template placeholders.

    alternative.py [--hub rules/hub.yaml] DIR...

Prints one JSON object per finding; exits 1 when there are findings.
"""
import json
import os
import re
import sys

import yaml

# huggingface_hub/repocard.py: "exact same regex as in the Hub server"
REGEX_YAML_BLOCK = re.compile(r"^(\s*---(?:\r\n|\r|\n))([\S\s]*?)((?:\r\n|\r|\n)---[ \t]*(\r\n|\n|$))")
REPO_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$")
CARD_NAMES = {"readme.md", "model_card.md"}


def load_hub(path):
    with open(path, "rb") as f:
        hub = yaml.load(f, Loader=yaml.CSafeLoader)
    return (set(hub["licenses"]), set(hub["base_model_relations"]), list(hub["placeholders"]),
            tuple(hub.get("legacy_repo_prefixes", [])))


def check(path, licenses, relations, placeholders, legacy, out):
    def finding(rule, msg):
        out.append({"rule": rule, "path": path, "message": msg})

    with open(path, "rb") as f:
        text = f.read().decode("utf-8", "replace")
    m = REGEX_YAML_BLOCK.search(text)
    meta = {}
    if m:
        try:
            meta = yaml.load(m.group(2), Loader=yaml.CSafeLoader) or {}
        except yaml.YAMLError as e:
            finding("MC002", "front matter is not valid YAML: %s" % str(e).splitlines()[0])
            meta = {}
        if not isinstance(meta, dict):
            finding("MC003", "front matter is not a mapping")
            meta = {}
    config = None
    cfg_path = os.path.join(os.path.dirname(path), "config.json")
    if os.path.isfile(cfg_path):
        try:
            with open(cfg_path, "rb") as f:
                config = json.load(f)
        except ValueError:
            finding("MC501", "config.json is not valid JSON")
    lic = meta.get("license")
    if lic is None or lic == "":
        finding("MC101", "no license")
    elif not isinstance(lic, str) or lic not in licenses:
        finding("MC102", "license %r is not a Hub licence id" % (lic,))
    elif lic == "other" and not (meta.get("license_name") and meta.get("license_link")):
        finding("MC103", "license: other without license_name and license_link")
    base = meta.get("base_model")
    bases = base if isinstance(base, list) else ([] if base is None else [base])
    for b in bases:
        if not isinstance(b, str) or not (REPO_ID.match(b) or b.startswith(legacy)):
            finding("MC105", "base_model %r is not a repository id" % (b,))
    rel = meta.get("base_model_relation")
    if rel is not None and rel not in relations:
        finding("MC106", "base_model_relation %r is not a Hub relation" % (rel,))
    if len(bases) > 1 and rel is not None and rel != "merge":
        finding("MC107", "%d base models but relation %r" % (len(bases), rel))
    for p in placeholders:
        if p in text:
            finding("MC108", "template placeholder %r" % p)
            break
    return config


def main(argv):
    hub = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "rules", "hub.yaml")
    args = argv[1:]
    if len(args) >= 2 and args[0] == "--hub":
        hub, args = args[1], args[2:]
    licenses, relations, placeholders, legacy = load_hub(hub)
    out = []
    for top in args or ["."]:
        for root, dirs, files in os.walk(top):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.lower() in CARD_NAMES:
                    check(os.path.join(root, name), licenses, relations, placeholders, legacy,
                          out)
    w = sys.stdout.write
    for f in out:
        w(json.dumps(f) + "\n")
    return 1 if out else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
