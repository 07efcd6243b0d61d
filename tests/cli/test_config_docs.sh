#!/bin/bash
# Every fenced example of docs/configuration.md is executed, so the documentation cannot
# drift from the program. A block's info string says what it is (the first word is the
# language; a second word can name its role, then key=value expectations):
#   yaml [config]            a configuration: models/.mclint.yaml (named with --config),
#                            which `--show-config` accepts
#                            (exit=2: it is refused, with the message of the next `text error`)
#   text error               the message the configuration before it is refused with
#   markdown [card]          a card: models/tiny/README.md, linted; its suppressions are valid
#                            (no MC901/MC903); absent=/present= list rule ids or prefixes
#   sh                       commands run in the fixture repository; none may exit 2; exit=
#                            is the exit code of the last one
#   json [baseline]          a baseline file, which --baseline must accept
#   text [note]              the stale-baseline note --baseline prints after a card was fixed
#   text extends-error       what `mclint sub` prints when sub/.mclint.yaml extends a file
#                            that does not exist
#   text show-config-chain   how `mclint --show-config sub` begins when sub/.mclint.yaml is
#                            closer than the root's and extends shared/base.mclint.yaml
# A block of any other kind fails the test.
. "$(dirname "$0")/lib.sh"

DOC="$MCLINT_SOURCE_DIR/docs/configuration.md"
[ -f "$DOC" ] || { echo "docs/configuration.md missing"; exit 1; }

# the fixture: a repository with a base configuration, a rule file and a card with findings
F="$TMP/fixture"
mkdir -p "$F/models/tiny" "$F/models/.mclint" "$F/models/docs/reports" "$F/models/paper"
git -C "$F" init -q
printf 'fail_on: error\n' >"$F/base.mclint.yaml"
printf 'family: MC7\ntitle: local\nrules: []\n' >"$F/models/.mclint/rules.yaml"
mkdir -p "$F/.mclint" && cp "$F/models/.mclint/rules.yaml" "$F/.mclint/rules.yaml"
card "$F/models/tiny/README.md" <<'X'
---
license: apache-2.0
base_model: Base-7B
---
# Tiny-7B

Fine-tuned from Base-7B on our own data.
X
mkdir -p "$TMP/bin"
ln -s "$MCLINT" "$TMP/bin/mclint"

python3 - "$DOC" "$F" "$TMP" <<'PY' >"$TMP/py.out" 2>&1
import json, os, re, shutil, subprocess, sys

doc, fixture, tmp = sys.argv[1], sys.argv[2], sys.argv[3]
env = dict(os.environ, PATH=tmp + "/bin:" + os.environ["PATH"])
fails = []
count = 0

def blocks(text):
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        m = re.match(r"^```(.*)$", lines[i])
        if not m:
            i += 1
            continue
        info, body, start = m.group(1).split(), [], i + 1
        i += 1
        while i < len(lines) and not lines[i].startswith("```"):
            body.append(lines[i])
            i += 1
        i += 1
        yield start, info, "\n".join(body) + "\n"

def fresh():
    repo = os.path.join(tmp, "run")
    shutil.rmtree(repo, ignore_errors=True)
    shutil.copytree(fixture, repo, symlinks=True)
    return repo

def run(args, cwd, shell=False):
    return subprocess.run(args, cwd=cwd, env=env, shell=shell, capture_output=True,
                          text=True, executable="/bin/bash" if shell else None)

def rules_of(out):
    found = set()
    for line in out.splitlines():
        try:
            o = json.loads(line)
        except ValueError:
            continue
        if o.get("type") == "finding":
            found.add(o["rule"])
    return found

def matches(rules, sel):
    return [r for r in rules if r.startswith(sel)]

last_config_err = None
for line, info, body in blocks(open(doc).read()):
    lang = info[0] if info else ""
    role = info[1] if len(info) > 1 and "=" not in info[1] else None
    opts = dict(w.split("=", 1) for w in info[1:] if "=" in w)
    where = "docs/configuration.md:%d (%s)" % (line, " ".join(info) or "plain")
    count += 1
    if lang == "yaml" and role in (None, "config"):
        repo = fresh()
        open(os.path.join(repo, "models/.mclint.yaml"), "w").write(body)
        # named with --config: its extends: is relative to it, its other paths to the root
        p = run(["mclint", "--config", "models/.mclint.yaml", "--show-config", "."], repo)
        want = int(opts.get("exit", "0"))
        if p.returncode != want:
            fails.append("%s: --show-config exit %d, want %d: %s" % (where, p.returncode, want, p.stderr.strip()))
        last_config_err = p.stderr
        if want == 0:
            p = run(["mclint", "--config", "models/.mclint.yaml", "--format", "jsonl", "."], repo)
            if p.returncode == 2:
                fails.append("%s: lint exit 2: %s" % (where, p.stderr.strip()))
    elif lang == "text" and role == "error":
        want = body.strip()
        got = [l.strip() for l in (last_config_err or "").splitlines()]
        if not any(l.endswith(want) and ("/" + want in l or ": " + want in l or l == want) for l in got):
            fails.append("%s: the configuration before it gives %r, not %r" % (where, got, want))
        last_config_err = None
    elif lang == "markdown" and role in (None, "card"):
        repo = fresh()
        open(os.path.join(repo, "models/tiny/README.md"), "w").write(body)
        p = run(["mclint", "--format", "jsonl", "--exit-zero", "models"], repo)
        if p.returncode != 0:
            fails.append("%s: exit %d: %s" % (where, p.returncode, p.stderr.strip()))
        found = rules_of(p.stdout)
        for sel in ["MC901", "MC903"] + [s for s in opts.get("absent", "").split(",") if s]:
            if matches(found, sel):
                fails.append("%s: reports %s" % (where, ", ".join(sorted(matches(found, sel)))))
        for sel in [s for s in opts.get("present", "").split(",") if s]:
            if not matches(found, sel):
                fails.append("%s: does not report %s" % (where, sel))
    elif lang == "sh":
        repo = fresh()
        run(["mclint", "--write-baseline", ".mclint-baseline.json", "models/"], repo)
        code = None
        for cmd in [l for l in body.splitlines() if l.strip() and not l.startswith("#")]:
            p = run(cmd, repo, shell=True)
            code = p.returncode
            if code == 2:
                fails.append("%s: %r exits 2: %s" % (where, cmd, p.stderr.strip()))
        if "exit" in opts and code != int(opts["exit"]):
            fails.append("%s: the last command exits %s, want %s" % (where, code, opts["exit"]))
    elif lang == "json" and role in (None, "baseline"):
        repo = fresh()
        open(os.path.join(repo, "bl.json"), "w").write(body)
        p = run(["mclint", "--format", "jsonl", "--baseline", "bl.json", "models/"], repo)
        if p.returncode == 2:
            fails.append("%s: --baseline refuses it: %s" % (where, p.stderr.strip()))
        if "MC105" in rules_of(p.stdout):
            fails.append("%s: the recorded MC105 is still reported" % where)
    elif lang == "text" and role == "extends-error":
        repo = fresh()
        os.remove(os.path.join(repo, "base.mclint.yaml"))
        os.makedirs(os.path.join(repo, "sub"))
        shutil.copy(os.path.join(repo, "models/tiny/README.md"), os.path.join(repo, "sub"))
        open(os.path.join(repo, "sub/.mclint.yaml"), "w").write("extends: ../base.mclint.yaml\n")
        p = run(["mclint", "sub"], repo)
        if p.returncode != 2 or body.strip() not in p.stderr.splitlines():
            fails.append("%s: mclint sub exits %d with\n%s" % (where, p.returncode, p.stderr.strip()))
    elif lang == "text" and role == "show-config-chain":
        repo = fresh()
        os.makedirs(os.path.join(repo, "sub"))
        os.makedirs(os.path.join(repo, "shared"))
        open(os.path.join(repo, ".mclint.yaml"), "w").write("fail_on: warning\n")
        open(os.path.join(repo, "shared/base.mclint.yaml"), "w").write("fail_on: note\n")
        open(os.path.join(repo, "sub/.mclint.yaml"), "w").write("extends: ../shared/base.mclint.yaml\n")
        p = run(["mclint", "--show-config", "sub"], repo)
        if p.returncode != 0 or not p.stdout.startswith(body):
            fails.append("%s: mclint --show-config sub exits %d and prints\n%s" % (where, p.returncode, p.stdout))
    elif lang == "text" and role in (None, "note"):
        repo = fresh()
        run(["mclint", "--write-baseline", ".mclint-baseline.json", "models/"], repo)
        card = os.path.join(repo, "models/tiny/README.md")
        text = open(card).read().replace("base_model: Base-7B\n", "base_model: acme-ai/Base-7B\n")
        open(card, "w").write(text)
        p = run(["mclint", "--baseline", ".mclint-baseline.json", "models/"], repo)
        if p.stderr.strip() != body.strip():
            fails.append("%s: --baseline notes\n%s\nnot\n%s" % (where, p.stderr.strip(), body.strip()))
    else:
        fails.append("%s: an example this test does not know how to run" % where)

for f in fails:
    print("FAIL:", f)
print("%d examples, %d failures" % (count, len(fails)))
sys.exit(1 if fails or count == 0 else 0)
PY
rc=$?
cat "$TMP/py.out"
if [ $rc -eq 0 ]; then ok; else bad "docs/configuration.md examples"; fi
# the test can fail: an example that no longer works is caught
if [ -n "${MCLINT_DOCS_NESTED:-}" ]; then
  finish
  exit
fi
sed 's/^select: \[MC1, MC201\]$/select: [MC1, MC2O1]/' "$DOC" >"$TMP/broken.md"
if grep -q 'MC2O1' "$TMP/broken.md"; then
  mkdir -p "$TMP/src/docs" && cp "$TMP/broken.md" "$TMP/src/docs/configuration.md"
  if MCLINT_DOCS_NESTED=1 MCLINT_SOURCE_DIR="$TMP/src" bash "$0" "$MCLINT" >"$TMP/nested" 2>&1; then
    bad "a broken example passed"
  else
    grep -q 'show-config exit 2, want 0' "$TMP/nested" && ok || bad "broken example: $(tail -3 "$TMP/nested")"
  fi
else
  bad "the full configuration example changed: update this test's self-check"
fi
finish
