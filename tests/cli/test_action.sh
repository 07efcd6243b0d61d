# The composite GitHub Action (action.yml) and the workflows: checked structurally with
# Debian's python3-yaml (composite, a shell on every run step, inputs reach scripts only
# through env:, outputs have values), then the action's own run step is executed the way a
# runner would, against examples/registry with the built program.
. "$(dirname "$0")/lib.sh"
SRC=${MCLINT_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
PY=/usr/bin/python3
if ! [ -x "$PY" ] || ! "$PY" -c 'import yaml' 2>/dev/null; then
  echo "/usr/bin/python3 with the yaml module (Debian package python3-yaml) not found: skipped"
  exit 77
fi
[ -f "$SRC/action.yml" ] || { bad "no action.yml"; finish; exit; }

cat >"$TMP/action.py" <<'PY'
"""check ACTION: structural rules; emit ACTION STEP_ID OUT_SCRIPT OUT_ENV [input=value ...]:
the step's script and its environment as a runner would set them; workflow FILE: checks."""
import re, shlex, sys, yaml

EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")

def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)

def check(path):
    a = load(path)
    errs = []
    for key in ("name", "description", "inputs", "outputs", "runs"):
        if key not in a:
            errs.append("no top-level " + key)
    runs = a.get("runs") or {}
    if runs.get("using") != "composite":
        errs.append("runs.using is not composite")
    steps = runs.get("steps") or []
    used = set()
    for i, st in enumerate(steps):
        where = "step %d (%s)" % (i, st.get("name", st.get("id", "?")))
        if "run" in st:
            if not st.get("shell"):
                errs.append(where + ": run without shell")
            if "${{" in st["run"]:
                errs.append(where + ": ${{ inside run")
            if re.search(r"\bINPUT_", st["run"]):
                errs.append(where + ": uses INPUT_* variables")
        for k, v in (st.get("env") or {}).items():
            for m in EXPR.finditer(str(v)):
                g = re.fullmatch(r"inputs\.([A-Za-z0-9_-]+)", m.group(1))
                if g:
                    used.add(g.group(1))
        for k, v in st.items():
            if k in ("env", "run"):
                continue
            if "inputs." in yaml.safe_dump(v):
                errs.append(where + ": inputs used outside env: (" + k + ")")
    for name, spec in (a.get("inputs") or {}).items():
        if name not in used:
            errs.append("input %s is not passed through env:" % name)
        if not (spec or {}).get("description"):
            errs.append("input %s has no description" % name)
    for name, spec in (a.get("outputs") or {}).items():
        if "value" not in (spec or {}):
            errs.append("output %s has no value" % name)
    for e in errs:
        print(e)
    return 1 if errs else 0

def emit(path, step_id, out_script, out_env, overrides):
    a = load(path)
    inputs = {k: str((v or {}).get("default", "")) for k, v in a["inputs"].items()}
    for o in overrides:
        k, _, v = o.partition("=")
        if k not in inputs:
            print("no input " + k)
            return 1
        inputs[k] = v
    st = next(s for s in a["runs"]["steps"] if s.get("id") == step_id)
    with open(out_script, "w", encoding="utf-8") as f:
        f.write(st["run"])
    with open(out_env, "w", encoding="utf-8") as f:
        for k, v in (st.get("env") or {}).items():
            def sub(m):
                g = re.fullmatch(r"inputs\.([A-Za-z0-9_-]+)", m.group(1))
                if not g:
                    raise SystemExit("unsupported expression " + m.group(0))
                return inputs[g.group(1)]
            f.write("export %s=%s\n" % (k, shlex.quote(EXPR.sub(sub, str(v)))))
    return 0

def workflow(path):
    w = load(path)
    errs = []
    on = w.get(True, w.get("on"))  # YAML 1.1 reads the key `on` as true
    if not on:
        errs.append("no triggers")
    if "permissions" not in w:
        errs.append("no top-level permissions (the default token is broad)")
    for jname, job in (w.get("jobs") or {}).items():
        for i, st in enumerate(job.get("steps") or []):
            run = st.get("run", "")
            for m in EXPR.finditer(run):
                if re.match(r"(github\.event|github\.head_ref|inputs\.)", m.group(1)):
                    errs.append("%s step %d: untrusted %s inside run" % (jname, i, m.group(0)))
    for e in errs:
        print(e)
    return 1 if errs else 0

def scripts(path, outdir):
    d = load(path)
    steps = [("action", st) for st in (d.get("runs") or {}).get("steps") or []]
    for jname, job in (d.get("jobs") or {}).items():
        steps += [(jname, st) for st in job.get("steps") or []]
    for i, (prefix, st) in enumerate(steps):
        if "run" in st:
            with open("%s/%s-%d.sh" % (outdir, prefix, i), "w", encoding="utf-8") as f:
                f.write(st["run"])
    return 0

cmd = sys.argv[1]
if cmd == "scripts":
    sys.exit(scripts(sys.argv[2], sys.argv[3]))
if cmd == "check":
    sys.exit(check(sys.argv[2]))
if cmd == "emit":
    sys.exit(emit(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6:]))
if cmd == "workflow":
    sys.exit(workflow(sys.argv[2]))
sys.exit(2)
PY
act() { "$PY" "$TMP/action.py" "$@"; }

# 1. Structure of the repository's action.
expect_exit 0 -- act check "$SRC/action.yml"
#    ... and the checker catches what it should (it can fail): an input in a script, a run
#    step without a shell, an input that never reaches env:.
sed 's|"\$MCLINT_IN_PATH")$|"${{ inputs.path }}")|' "$SRC/action.yml" >"$TMP/bad1.yml"
expect_exit 1 -- act check "$TMP/bad1.yml"
expect_out 'inside run'
awk '/^      shell: bash$/ && !done { done = 1; next } { print }' "$SRC/action.yml" >"$TMP/bad2.yml"
expect_exit 1 -- act check "$TMP/bad2.yml"
expect_out 'run without shell'
grep -v 'MCLINT_IN_FAIL_ON: ' "$SRC/action.yml" >"$TMP/bad3.yml"
expect_exit 1 -- act check "$TMP/bad3.yml"
expect_out 'input fail-on is not passed through env:'
# the install step names every build dependency, the build step uses the action's own path
for p in cmake pkg-config libgit2-dev libyaml-dev libcjson-dev libcmark-gfm-dev \
  libcmark-gfm-extensions-dev; do
  if grep -q -- " $p\b\|($p\b" "$SRC/action.yml"; then ok; else bad "action does not install $p"; fi
done
if grep -q 'cmake -S "$GITHUB_ACTION_PATH" -B "$RUNNER_TEMP/' "$SRC/action.yml"; then ok; else
  bad "build step does not build from \$GITHUB_ACTION_PATH into \$RUNNER_TEMP"
fi
# every script of the action and of the workflows passes shellcheck (when installed)
if command -v shellcheck >/dev/null; then
  mkdir -p "$TMP/scripts"
  n=0
  for f in "$SRC/action.yml" "$SRC"/.github/workflows/*.yml; do
    n=$((n + 1))
    [ -f "$f" ] && mkdir -p "$TMP/scripts/$n" && act scripts "$f" "$TMP/scripts/$n"
  done
  expect_exit 0 -- shellcheck -s bash "$TMP"/scripts/*/*.sh
  [ "$(ls "$TMP"/scripts/1/*.sh | wc -l)" -eq 3 ] && ok || bad "action.yml should have 3 run steps"
  # (it can fail)
  printf 'x=$1\nrm -rf $x/\n' >"$TMP/scripts-bad.sh"
  expect_exit 1 -- shellcheck -s bash "$TMP/scripts-bad.sh"
else
  echo "shellcheck not installed: the step scripts were not checked with it"
fi

# 2. The run step, executed as a runner executes it (bash --noprofile --norc -eo pipefail),
#    from the repository root as working directory, with the built program in place.
RT=$TMP/runner
# as actions/checkout does, mark the checkout safe: in a container it belongs to another
# user, and git (libgit2 too) would not open it
git config --global --add safe.directory "$SRC"
mkdir -p "$RT/mclint-build"
ln -s "$MCLINT" "$RT/mclint-build/mclint"
# MCLINT_TEST_ACTION_BUILD=1: run the action's build step for real instead.
if [ "${MCLINT_TEST_ACTION_BUILD:-0}" = 1 ] && command -v cmake >/dev/null; then
  rm -rf "$RT/mclint-build"
  "$PY" - "$SRC/action.yml" "$TMP/build.sh" <<'PY'
import sys, yaml
a = yaml.safe_load(open(sys.argv[1]))
open(sys.argv[2], "w").write(next(s for s in a["runs"]["steps"] if s.get("name") == "Build mclint")["run"])
PY
  expect_exit 0 -- env GITHUB_ACTION_PATH="$SRC" RUNNER_TEMP="$RT" \
    bash --noprofile --norc -eo pipefail "$TMP/build.sh"
  [ -x "$RT/mclint-build/mclint" ] && ok || bad "the build step built no mclint"
fi
run_step() { # run_step [input=value ...]: the step with fresh GITHUB_OUTPUT and summary files
  rm -f "$TMP/summary.md" "$TMP/ghout"
  : >"$TMP/ghout"
  act emit "$SRC/action.yml" run "$TMP/step.sh" "$TMP/step.env" "$@" || return 99
  (
    cd "$SRC" || exit 99
    export GITHUB_ACTIONS=true GITHUB_WORKFLOW=x RUNNER_TEMP="$RT" \
      GITHUB_STEP_SUMMARY="$TMP/summary.md" GITHUB_OUTPUT="$TMP/ghout" \
      GITHUB_WORKSPACE="$SRC"
    . "$TMP/step.env"
    exec bash --noprofile --norc -eo pipefail "$TMP/step.sh"
  )
}
ghout_has() { if grep -qx -- "$1" "$TMP/ghout"; then ok; else bad "GITHUB_OUTPUT lacks '$1'"; sed 's/^/  | /' "$TMP/ghout" >&2; fi; }

(cd "$SRC" && find examples -printf '%p %s %T@\n' | sort) >"$TMP/before"
# defaults, on the example registry (three of its models have errors), with SARIF
expect_exit 1 -- run_step path=examples/registry sarif="$TMP/mclint.sarif"
expect_out '^::error file=examples/registry/hanul-13b-instruct/README\.md,line=[0-9]+,.*MC302'
expect_out '^::error file=examples/registry/gaon-merge-14b/README\.md,line=2,'
expect_out '^::warning file=examples/registry/saebyeok-moe/README\.md,'
expect_no_out '^::error file=examples/registry/bitnuri-7b/'
if [ -s "$TMP/summary.md" ] && grep -q 'mclint' "$TMP/summary.md" &&
  grep -q 'Hanul' "$TMP/summary.md"; then ok; else bad "no step summary written"; fi
ghout_has 'exit-code=1'
ghout_has "sarif=$TMP/mclint.sarif"
if "$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["version"]=="2.1.0"; assert d["runs"][0]["results"]' "$TMP/mclint.sarif" 2>/dev/null; then
  ok
else
  bad "the SARIF file is missing or not SARIF 2.1.0 with results"
fi
# the category input becomes automationDetails.id, and the SARIF rules link to docs/rules.md
# of the action's repository at the revision in use: from the path the runner fetched the
# action to, else (uses: ./) from the workflow's repository and commit
sarif_field() { "$PY" -c 'import json,sys; r=json.load(open(sys.argv[1]))["runs"][0]; d=r["tool"]["driver"]; print(r["automationDetails"]["id"], d.get("informationUri", "-"), d["rules"][0].get("helpUri", "-"))' "$1"; }
export GITHUB_SERVER_URL=https://github.example GITHUB_ACTION_PATH="$TMP/runner/actions-cache/_actions/acme/mclint/0123abcd"
expect_exit 1 -- run_step path=examples/registry sarif="$TMP/cat.sarif" category=registry-a
got=$(sarif_field "$TMP/cat.sarif")
case "$got" in
  "registry-a/ https://github.example/acme/mclint https://github.example/acme/mclint/blob/0123abcd/docs/rules.md#mc"*) ok ;;
  *) bad "category and links from the action's path: $got" ;;
esac
export GITHUB_ACTION_PATH=$SRC GITHUB_REPOSITORY=acme/registry GITHUB_SHA=4567ef
expect_exit 1 -- run_step path=examples/registry sarif="$TMP/cat.sarif"
got=$(sarif_field "$TMP/cat.sarif")
case "$got" in
  "mclint/ https://github.example/acme/registry https://github.example/acme/registry/blob/4567ef/docs/rules.md#mc"*) ok ;;
  *) bad "links with uses: ./: $got" ;;
esac
unset GITHUB_SERVER_URL GITHUB_ACTION_PATH GITHUB_REPOSITORY GITHUB_SHA
# nothing was written into the linted tree
(cd "$SRC" && find examples -printf '%p %s %T@\n' | sort) >"$TMP/after"
if cmp -s "$TMP/before" "$TMP/after"; then ok; else bad "the run wrote into examples/"; fi

# summary: false writes no summary, even with GITHUB_STEP_SUMMARY set; no SARIF output then
expect_exit 1 -- run_step path=examples/registry summary=false
expect_out '^::error file='
[ -e "$TMP/summary.md" ] && bad "summary written with summary: false" || ok
ghout_has 'exit-code=1'
if grep -q '^sarif=' "$TMP/ghout"; then bad "sarif output without a SARIF file"; else ok; fi
expect_exit 2 -- run_step path=examples/registry summary=maybe

# fail-on and args: a clean model passes at the default threshold; --exit-zero in args
expect_exit 0 -- run_step path=examples/registry/bitnuri-7b
ghout_has 'exit-code=0'
expect_exit 0 -- run_step path=examples/registry args="--exit-zero  --no-evidence"
expect_out '^::error file='
ghout_has 'exit-code=0'
expect_exit 1 -- run_step path=examples/registry/saebyeok-moe fail-on=warning
expect_exit 0 -- run_step path=examples/registry/saebyeok-moe fail-on=error
expect_exit 2 -- run_step path=examples/registry fail-on=sometimes

# hostile inputs are data, never shell code: nothing is executed, nothing globbed
expect_exit 2 -- run_step path=examples/registry args="--exit-zero \$(touch $TMP/pwned1) \`touch $TMP/pwned2\` ; touch $TMP/pwned3"
expect_exit 2 -- run_step path="x\"; touch $TMP/pwned4; echo \"" args="*"
for i in 1 2 3 4; do [ -e "$TMP/pwned$i" ] && bad "input executed (pwned$i)" || ok; done
expect_exit 2 -- run_step path=examples/registry sarif="$TMP/a.sarif
exit-code=0"
if grep -q '^exit-code=0' "$TMP/ghout"; then bad "GITHUB_OUTPUT injection"; else ok; fi

# 3. The workflows: triggers, explicit minimal permissions, no untrusted ${{ }} in scripts.
for w in "$SRC"/.github/workflows/*.yml; do
  [ -f "$w" ] || continue
  expect_exit 0 -- act workflow "$w"
done
if [ -f "$SRC/.github/workflows/ci.yml" ]; then
  for want in 'bash \.ci/run' 'uses: \./' 'github/codeql-action/upload-sarif' 'security-events: write'; do
    if grep -Eq -- "$want" "$SRC/.github/workflows/ci.yml"; then ok; else bad "ci.yml lacks /$want/"; fi
  done
else
  bad "no .github/workflows/ci.yml"
fi

# 4. The example workflow of docs/github-action.md passes the same checks, and fetches the
#    history that --changed-since needs.
DOC=$SRC/docs/github-action.md
if [ -f "$DOC" ]; then
  awk '/^### Example workflow/ { on = 1 } on && /^```yaml$/ { grab = 1; next }
    grab && /^```$/ { exit } grab { print }' "$DOC" >"$TMP/example.yml"
  expect_exit 0 -- act workflow "$TMP/example.yml"
  for want in 'fetch-depth: 0' 'changed-since' 'sarif: ' 'github/codeql-action/upload-sarif' \
    'security-events: write'; do
    if grep -q -- "$want" "$TMP/example.yml"; then ok; else bad "example workflow lacks '$want'"; fi
  done
else
  bad "no docs/github-action.md"
fi

finish
