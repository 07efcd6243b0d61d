#!/usr/bin/env python3
"""How well mclint reads what real model cards say about their provenance.

    python3 bench/accuracy.py [--mclint BIN] [--corpus DIR] [--disagreements]
                              [--label-free] [--counts] [--json OUT]

Two measurements (docs/accuracy.md explains them and keeps the figures):

1. Hand labels: DIR/gold/dev.jsonl labels real Hub cards of DIR/hub/ (what a careful reader
   finds in the card alone). Each card is copied into a temporary folder as <n>/README.md,
   linted with `--format json`, and mclint's resolved provenance is compared with the label:
   training class, origin stated (recall and precision), from-scratch (precision and recall),
   base model named, tier, data stated.
2. Label-free (--label-free): every card of DIR/hub/hf-readme that declares `base_model` in
   its front matter is linted twice, as it is and with the `base_model` and
   `base_model_relation` keys removed; the share of stripped cards still read as derived
   weights, and still naming one of the declared bases, measures how well the text, tags,
   names and templates alone are read.

--counts prints the findings by rule and the models by tier on the hf-readme cards.
Nothing is written into the repository; exit 0 unless the corpus or mclint is missing (2).
"""

import argparse
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

# Groups where the distinction is a matter of wording (gold/README.md).
GROUP = {
    "moe-merge": "merge",
    "upcycled-moe": "merge",
    "conversion": "quantized",
    "continued-pretraining": "fine-tune",
    "unstated": "unstated",
    None: "unstated",
}
DERIVED = {"fine-tune", "continued-pretraining", "adapter", "merge", "moe-merge", "upcycled-moe",
           "depth-upscaling", "quantized", "conversion", "distillation", "api-wrapper"}


def group(training):
    return GROUP.get(training, training)


def norm(name):
    """A model name reduced for comparison: the part after an owner, lower case, letters
    and digits only ("meta-llama/Llama-2-7b-hf" -> "llama27bhf")."""
    name = name.strip().rstrip("/")
    m = re.search(r"huggingface\.co/([^/\s]+/[^/\s#?]+)", name)
    if m:
        name = m.group(1)
    if "/" in name:
        name = name.rsplit("/", 1)[1]
    return re.sub(r"[^a-z0-9]", "", name.lower())


def base_match(gold_bases, got_bases):
    """True if one of the bases mclint names is one of the labelled ones (or the same name
    more or less specific: "Llama 2" ~ "Llama-2-7b")."""
    got = [norm(b) for b in got_bases if b]
    for g in gold_bases:
        ng = norm(g)
        for n in got:
            if n and ng and (n == ng or (min(len(n), len(ng)) >= 5 and (n in ng or ng in n))):
                return True
    return False


def find_mclint(arg):
    for b in [arg, os.environ.get("MCLINT"), os.path.join(REPO, "build", "mclint"),
              os.path.join(REPO, "build-ci", "mclint")]:
        if b and os.access(b, os.X_OK):
            return b
    return None


def lint(mclint, folder):
    p = subprocess.run([mclint, "--format", "json", "--exit-zero", folder],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    if p.returncode != 0:
        sys.exit("mclint failed (%d): %s" % (p.returncode, p.stderr.decode()[:500]))
    return json.loads(p.stdout)


def model_view(m):
    """What the scorer reads of one model of the JSON report."""
    prov = m.get("provenance") or {}
    training = (prov.get("training") or m.get("training") or {}).get("value")
    bases = [b.get("name") if isinstance(b, dict) else b for b in prov.get("base_models", [])]
    if not prov:
        bases = list(m.get("base_model") or [])
        r = re.search(r"\(([^()]+)\)$", m.get("tier_reason") or "")
        if r:
            bases.append(r.group(1))
    arch = (prov.get("architecture") or m.get("architecture") or {}).get("origin")
    tok = (prov.get("tokenizer") or m.get("tokenizer") or {}).get("origin")
    data = prov.get("data", {}).get("stated") if prov else None
    return {"training": training, "bases": bases, "tier": m.get("tier") or "undetermined",
            "arch": arch, "tok": tok, "data": data}


def folder_name(path, i):
    """<index>/<owner>/<name>: a folder named like the card's repository, as a clone of it
    would be ("owner_name.md" gives owner/name, "models/name/README.md" gives name),
    inside a folder that keeps it unique."""
    base = os.path.basename(path)
    if base == "README.md":
        base = os.path.basename(os.path.dirname(path))
    base = re.sub(r"\.md$", "", base)
    base = re.sub(r"[^A-Za-z0-9._-]", "_", base).replace("_", "/", 1)
    return "%04d/%s" % (i, base)


def lay_out(cards, work):
    """Copy each card to work/<repository name>/README.md; return {folder name: index}."""
    names = {}
    for i, path in enumerate(cards):
        name = folder_name(path, i)
        os.makedirs(os.path.join(work, name))
        shutil.copyfile(path, os.path.join(work, name, "README.md"))
        names[name] = i
    return names


def by_index(report, names):
    out = {}
    for m in report.get("models", []):
        folder = m["path"].rsplit("/", 1)[0]
        if folder in names and m["path"] == folder + "/README.md":
            out[names[folder]] = model_view(m)
    return out


def ratio(a, b):
    return "%5.1f%% (%d/%d)" % (100.0 * a / b if b else 0.0, a, b)


def gold_measure(mclint, corpus, show):
    labels = [json.loads(l) for l in open(os.path.join(corpus, "gold", "dev.jsonl"))]
    work = tempfile.mkdtemp(prefix="mclint-accuracy-")
    try:
        names = lay_out([os.path.join(corpus, "hub", r["card"]) for r in labels], work)
        got = by_index(lint(mclint, work), names)
    finally:
        shutil.rmtree(work)
    n = len(labels)
    c = collections.Counter()
    rows = []
    for i, r in enumerate(labels):
        v = got.get(i, {"training": None, "bases": [], "tier": "undetermined", "arch": None,
                        "tok": None, "data": None})
        gt, mt = group(r["training"]), group(v["training"])
        stated_g, stated_m = gt != "unstated", mt != "unstated"
        c["class"] += gt == mt
        c["stated_g"] += stated_g
        c["stated_m"] += stated_m
        c["stated_both"] += stated_g and stated_m
        c["scratch_g"] += gt == "from-scratch"
        c["scratch_m"] += mt == "from-scratch"
        c["scratch_both"] += gt == "from-scratch" and mt == "from-scratch"
        if r["base_models"]:
            c["base_g"] += 1
            c["base_ok"] += base_match(r["base_models"], v["bases"])
        c["tier"] += r["tier"] == v["tier"]
        if v["data"] is not None:
            c["data_g"] += r["data_stated"]
            c["data_m"] += v["data"]
            c["data_both"] += r["data_stated"] and v["data"]
        arch_g = r["architecture"]["origin"] or "unstated"
        c["arch"] += arch_g == (v["arch"] or "unstated")
        wrong = []
        if gt != mt:
            wrong.append("training %s, read %s" % (r["training"], v["training"] or "unstated"))
        if r["base_models"] and not base_match(r["base_models"], v["bases"]):
            wrong.append("base %s, read %s" % (r["base_models"], v["bases"]))
        if r["tier"] != v["tier"]:
            wrong.append("tier %s, read %s" % (r["tier"], v["tier"]))
        if wrong:
            rows.append("%s: %s" % (r["card"], "; ".join(wrong)))
    print("hand labels: %d cards (%s)" % (n, os.path.join(corpus, "gold", "dev.jsonl")))
    print("  training class         %s" % ratio(c["class"], n))
    print("  origin stated recall   %s" % ratio(c["stated_both"], c["stated_g"]))
    print("  origin stated precision %s" % ratio(c["stated_both"], c["stated_m"]))
    print("  from-scratch precision %s" % ratio(c["scratch_both"], c["scratch_m"]))
    print("  from-scratch recall    %s" % ratio(c["scratch_both"], c["scratch_g"]))
    print("  base model named       %s" % ratio(c["base_ok"], c["base_g"]))
    print("  tier                   %s" % ratio(c["tier"], n))
    print("  architecture origin    %s" % ratio(c["arch"], n))
    if c["data_m"] or c["data_g"]:
        print("  data stated precision  %s" % ratio(c["data_both"], c["data_m"]))
        print("  data stated recall     %s" % ratio(c["data_both"], c["data_g"]))
    if show:
        print("disagreements (%d):" % len(rows))
        for row in rows:
            print("  " + row)


def front_matter_without_base(text):
    """The card with the top-level base_model and base_model_relation keys (and their
    values, block lists included) removed from its front matter; None if it has none."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].lstrip("\ufeff").rstrip("\r\n") != "---":
        return None
    out, i, removed = [lines[0]], 1, False
    while i < len(lines):
        line = lines[i]
        if line.rstrip("\r\n") == "---":
            out.extend(lines[i:])
            return "".join(out) if removed else None
        if re.match(r"base_model(_relation)?\s*:", line):
            removed = True
            i += 1
            while i < len(lines) and re.match(r"(\s+\S|-\s|-$)", lines[i]) and \
                    lines[i].rstrip("\r\n") != "---":
                i += 1
            continue
        out.append(line)
        i += 1
    return None


def declared_bases(text):
    """The values of the top-level base_model key: an inline scalar or flow list, or the
    items of a block list."""
    m = re.search(r"^base_model\s*:(.*(?:\r?\n(?:\s+\S|-\s).*)*)", text, re.M)
    if not m:
        return []
    out = []
    for line in m.group(1).splitlines():
        line = line.split(" #", 1)[0].strip()
        if line.startswith("- "):
            line = line[2:]
        for v in line.strip("[]").split(","):
            v = v.strip().strip("'\"")
            if v and v not in ("-", "null", "~") and ":" not in v:
                out.append(v)
    return out


def label_free(mclint, corpus, show):
    hub = os.path.join(corpus, "hub", "hf-readme")
    cards, stripped, bases = [], [], []
    for name in sorted(os.listdir(hub)):
        text = open(os.path.join(hub, name), encoding="utf-8", errors="replace").read()
        s = front_matter_without_base(text)
        if s is None:
            continue
        cards.append(name)
        stripped.append(s)
        bases.append(declared_bases(text))
    work = tempfile.mkdtemp(prefix="mclint-labelfree-")
    try:
        orig_dir, strip_dir = os.path.join(work, "orig"), os.path.join(work, "stripped")
        names = {}
        for i, name in enumerate(cards):
            folder = folder_name(name, i)
            for d, content in ((orig_dir, None), (strip_dir, stripped[i])):
                os.makedirs(os.path.join(d, folder))
                dst = os.path.join(d, folder, "README.md")
                if content is None:
                    shutil.copyfile(os.path.join(hub, name), dst)
                else:
                    with open(dst, "w", encoding="utf-8") as f:
                        f.write(content)
            names[folder] = i
        orig = by_index(lint(mclint, orig_dir), names)
        strip = by_index(lint(mclint, strip_dir), names)
    finally:
        shutil.rmtree(work)
    n = len(cards)
    derived = sum(1 for i in range(n) if strip.get(i, {}).get("training") in DERIVED)
    named = sum(1 for i in range(n) if base_match(bases[i], strip.get(i, {}).get("bases", [])))
    same = sum(1 for i in range(n) if group(orig.get(i, {}).get("training")) in DERIVED
               or group(orig.get(i, {}).get("training")) == "from-scratch")
    print("label-free: %d hf-readme cards declare base_model" % n)
    print("  derived origin recovered %s" % ratio(derived, n))
    print("  declared base named      %s" % ratio(named, n))
    print("  originals with an origin %s" % ratio(same, n))
    if show:
        for i in range(n):
            v = strip.get(i, {})
            if v.get("training") not in DERIVED:
                print("  not derived: %s (read %s)" % (cards[i], v.get("training")))
        for i in range(n):
            v = strip.get(i, {})
            if not base_match(bases[i], v.get("bases", [])):
                print("  base not named: %s (declared %s; read %s)" %
                      (cards[i], ", ".join(bases[i][:3]), ", ".join(v.get("bases", [])[:3]) or "-"))


def counts(mclint, corpus):
    hub = os.path.join(corpus, "hub", "hf-readme")
    cards = [os.path.join(hub, n) for n in sorted(os.listdir(hub))]
    work = tempfile.mkdtemp(prefix="mclint-counts-")
    try:
        lay_out(cards, work)
        rep = lint(mclint, work)
    finally:
        shutil.rmtree(work)
    rules = collections.Counter(f["rule"] for f in rep["findings"])
    tiers = collections.Counter(m.get("tier") or "undetermined" for m in rep["models"])
    print("hf-readme: %d cards, %d findings" % (len(rep["models"]), len(rep["findings"])))
    print("  by rule: " + ", ".join("%s %d" % kv for kv in sorted(rules.items())))
    print("  by tier: " + ", ".join("%s %d" % kv for kv in sorted(tiers.items())))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mclint")
    ap.add_argument("--corpus", default=os.environ.get("MCLINT_CORPUS") or
                    os.path.join(os.path.dirname(REPO), "shared", "corpus"))
    ap.add_argument("--disagreements", action="store_true")
    ap.add_argument("--label-free", action="store_true")
    ap.add_argument("--counts", action="store_true")
    a = ap.parse_args()
    mclint = find_mclint(a.mclint)
    if mclint is None:
        sys.exit("mclint binary not found: build it or pass --mclint")
    if not os.path.isfile(os.path.join(a.corpus, "gold", "dev.jsonl")):
        print("corpus not found (%s): skipped" % a.corpus)
        return 77
    gold_measure(mclint, a.corpus, a.disagreements)
    if a.label_free:
        label_free(mclint, a.corpus, a.disagreements)
    if a.counts:
        counts(mclint, a.corpus)
    return 0


if __name__ == "__main__":
    sys.exit(main())
