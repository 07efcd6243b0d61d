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

# --- messages that quote input cannot start a line or send a terminal sequence ---------
# clean NAME: no line of the last run's stdout or stderr begins with a workflow command
# (:: or ##) and neither holds a raw ESC byte
clean() {
  if grep -E '^(::|##)' "$TMP/out" "$TMP/err" >"$TMP/stray"; then bad "$1: a line starts a workflow command: $(head -2 "$TMP/stray")"; else ok; fi
  if grep -q $'\033' "$TMP/out" "$TMP/err"; then bad "$1: raw ESC byte"; else ok; fi
}
repo
git -C "$R" init -q
D=$'::warning x\n::error file=a::dir \033[2J'
mkdir -p "$R/$D"
printf -- '---\nlicense: apache-2.0\nbase_model: not a repo id\ndatasets: [acme-ai/d]\n---\n# T\n' >"$R/$D/README.md"
printf -- '---\nlicense: apache-2.0\nbase_model: not a repo id\ndatasets: [acme-ai/d]\n---\n# T\n' >"$R/m/README.md"
expect_exit 1 -- "$MCLINT" --format text --color never "$R"
clean "text, odd folder name"
expect_out '^m/README.md:3:13: error\[MC105\]'
expect_exit 1 -- "$MCLINT" --format text --quiet --no-source "$R"
[ "$(wc -l <"$TMP/out")" = 2 ] && ok || bad "text: a name took more than one line"
expect_exit 0 -- "$MCLINT" --list-files "$R"
clean "--list-files"
[ "$(wc -l <"$TMP/out")" = 2 ] && ok || bad "--list-files: a name took more than one line"
expect_out '^\\x3a:warning x\\x0a::error file=a::dir \\x1b\[2J/README.md$'
# configuration values, key names and the folder of the configuration
printf 'fail_on: |\n  loud\n  ::error file=x::value\n' >"$R/$D/.mclint.yaml"
expect_exit 2 -- "$MCLINT" --format text "$R"
clean "configuration value"
expect_err "invalid fail_on 'loud\\\\x0a::error file=x::value\\\\x0a'"
printf 'fail_on: "a\\n::error::v\\e[2J\\x9b"\n' >"$R/$D/.mclint.yaml"
expect_exit 2 -- "$MCLINT" --format text "$R"
clean "configuration value (escapes)"
printf '? |\n  k\n  ::error::key\n: 1\n' >"$R/$D/.mclint.yaml"
expect_exit 2 -- "$MCLINT" --format text "$R"
clean "configuration key"
expect_err "unknown key"
printf 'rules_files: ["r\\n::error::file\\e[2J"]\n' >"$R/$D/.mclint.yaml"
expect_exit 2 -- "$MCLINT" --format text "$R"
clean "configuration path"
printf 'extends: ../nope.yaml\n' >"$R/$D/.mclint.yaml"
expect_exit 2 -- "$MCLINT" --format text "$R"
clean "configuration folder"
rm -f "$R/$D/.mclint.yaml"
expect_exit 2 -- "$MCLINT" --format text --config $'x\n::error::cfg\033[2J' "$R"
clean "--config name"
expect_exit 2 -- "$MCLINT" explain $'MC9\n::error::rule\033[2J'
clean "explain RULE"

# --- inline suppressions are linear ------------------------------------------------------
# card KIND N: N stacked next-line comments, N comments without a reason, N disable/enable
# pairs, N open ranges followed by N enables that match none of them, or N front-matter
# keys each with a YAML-comment suppression
sup_card() {
  python3 - "$R/m/README.md" "$1" "$2" <<'PY'
import sys
path, kind, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
body = {
    "stacked": "<!-- mclint-disable-next-line MC105 -- why -->\n" * n + "Fine-tuned from acme/x.\n",
    "noreason": "<!-- mclint-disable MC105 -->\n" * n,
    "pairs": "<!-- mclint-disable MC105 -- r -->\n<!-- mclint-enable -->\n" * n,
    "unmatched": "<!-- mclint-disable MC105 -- r -->\n" * n + "<!-- mclint-enable MC104 -->\n" * n,
    "yaml": "",
}[kind]
keys = "".join("k%d:  # mclint-disable-line MC105 -- r\n  - a\n  - b\n" % i for i in range(n)) if kind == "yaml" else ""
open(path, "w").write("---\nlicense: apache-2.0\nbase_model: not a repo id\n" + keys + "---\n# T\n\n" + body)
PY
}
for kind in stacked noreason pairs unmatched yaml; do
  repo
  sup_card $kind 8000
  hostile "suppressions, $kind, n" -- --format text --quiet "$R"
  t1=$LAST_MS
  sup_card $kind 32000
  hostile "suppressions, $kind, 4n" -- --format text --quiet "$R"
  linear "suppressions, $kind" "$t1" "$LAST_MS"
done
expect_out 'MC902'

# --- YAML anchors: names chosen to collide in a fixed hash cost no more than others -----
# (every name below falls in one bucket of a 256-bucket FNV-1a table; anchors then aliases)
anchor_card() {
  python3 - "$R/m/README.md" "$1" <<'PY'
import string, sys
path, n = sys.argv[1], int(sys.argv[2])
ok = [ord(c) for c in string.ascii_letters + string.digits + "-_"]
def low8(s):
    h = 2166136261 & 255
    for ch in s.encode():
        h = ((h ^ ch) * 147) & 255
    return h
names, i = [], 0
while len(names) < n:
    p = "a%d" % i
    i += 1
    s = low8(p)
    for c1 in ok:
        s1 = ((s ^ c1) * 147) & 255
        if s1 in ok:  # a last character s1 brings the state to 0
            names.append(p + chr(c1) + chr(s1))
            break
lines = ["---", "license: mit", "anchors:"] + ["  - &%s v" % m for m in names]
lines += ["aliases:"] + ["  - *%s" % m for m in names[-500:]] + ["---", "# T", ""]
open(path, "w").write("\n".join(lines))
PY
}
repo
anchor_card 10000
hostile "colliding anchor names, n" -- --format text --quiet "$R"
t1=$LAST_MS
expect_no_out 'MC00[27]'
anchor_card 40000
hostile "colliding anchor names, 4n" -- --format text --quiet "$R"
linear "colliding anchor names" "$t1" "$LAST_MS"
expect_no_out 'MC00[27]'

# --- duplicate keys: the last value counts (as on the Hub), still reported (MC006) -------
repo
printf -- '---\nlicense: mit\nbase_model: acme-ai/Old-1B\nbase_model: acme-ai/Tiny-7B\n---\n# Dup\n' >"$R/m/README.md"
hostile "duplicate base_model" -- --format text --no-source "$R"
expect_out '^m/README.md:4:1: warning\[MC006\] duplicate key "base_model" \(the last one is used'
expect_out 'base: acme-ai/Tiny-7B;'
expect_no_out 'Old-1B'
# --- tags a safe loader refuses: an error (MC008); other cards are still linted ---------
repo
mkdir -p "$R/k"
printf -- '---\nlicense: apache-2.0\nbase_model: !!python/object/apply:os.system ["id"]\n---\n# T\n' >"$R/m/README.md"
printf -- '---\nlicense: apache-2.0\nextra: !custom x\nbase_model: acme-ai/Tiny-7B\n---\n# K\n' >"$R/k/README.md"
hostile "unsafe YAML tags" -- --format text --no-source "$R"
expect_out '^m/README.md:3:13: error\[MC008\].*!!python/object/apply:os.system'
expect_out '^k/README.md:3:8: error\[MC008\].*!custom'
expect_out '^k/README.md: K'
printf -- '---\nlicense: !!str apache-2.0\nbase_model: ! acme-ai/Tiny-7B\n---\n# T\n' >"$R/m/README.md"
rm -rf "$R/k"
hostile "standard YAML tags (neighbour)" -- --format text --no-source "$R"
expect_no_out 'MC008'

# --- suppressions only from real HTML comments --------------------------------------------
# each body holds "<!-- mclint-disable-file ALL -- x -->" where HTML or Markdown does not
# make it a comment: the MC105 finding of the card stays
not_comment=(
  '<div title="<!-- mclint-disable-file ALL -- x -->">text</div>'
  $'<div>\n<span data-x=\'<!-- mclint-disable-file ALL -- x -->\'>a</span>\n</div>'
  $'<div\n  title=\n  "<!-- mclint-disable-file ALL -- x -->">a</div>'
  $'<script>\n// <!-- mclint-disable-file ALL -- x -->\n</script>'
  $'<style>/* <!-- mclint-disable-file ALL -- x --> */</style>'
  'Some `<!-- mclint-disable-file ALL -- x -->` code.'
  $'```\n<!-- mclint-disable-file ALL -- x -->\n```'
  '    <!-- mclint-disable-file ALL -- x -->'
  'text <span title="<!-- mclint-disable-file ALL -- x -->">a</span> more'
)
# and where it is one
comment=(
  '<!-- mclint-disable-file ALL -- x -->'
  $'<div title="a>b" class=x>\n<!-- mclint-disable-file ALL -- x -->\n</div>'
  $'<script>x</script>\n<!-- mclint-disable-file ALL -- x -->'
  $'<div data-x=<!--a>\n<!-- mclint-disable-file ALL -- x --></div>'
  '<p>a</p> <!-- mclint-disable-file ALL -- x --> <b title=">">b</b>'
)
repo
for body in "${not_comment[@]}"; do
  printf -- '---\nlicense: apache-2.0\nbase_model: not a repo id\n---\n# T\n\n%s\n' "$body" >"$R/m/README.md"
  hostile "not a comment" -- --format text --quiet --no-source "$R"
  grep -q 'MC105' "$TMP/out" && ok || bad "a suppression was read from: $body"
done
for body in "${comment[@]}"; do
  printf -- '---\nlicense: apache-2.0\nbase_model: not a repo id\n---\n# T\n\n%s\n' "$body" >"$R/m/README.md"
  hostile "a comment" -- --format text --quiet --no-source "$R"
  grep -q 'MC105' "$TMP/out" && bad "a suppression was not read from: $body" || ok
done

# --- fail closed on cards: what is not a regular UTF-8 card is a finding on it ----------
repo
mkdir -p "$R/ok" "$R/link" "$R/fifo" "$R/dir/README.md" "$R/lfs" "$R/u16" "$R/u16be" "$R/dev"
fm $'base_model: acme-ai/Tiny-7B\ndatasets: [acme-ai/d]' >"$R/ok/README.md"
printf 'secret\n' >"$TMP/outside.md"
ln -s "$TMP/outside.md" "$R/link/README.md"
mkfifo "$R/fifo/README.md"
printf 'x\n' >"$R/dir/README.md/notes.txt"
printf 'version https://git-lfs.github.com/spec/v1\noid sha256:%064d\nsize 1234\n' 0 >"$R/lfs/README.md"
printf '\xff\xfe-\x00-\x00-\x00\n\x00' >"$R/u16/README.md"
printf '\xfe\xff\xd5\x5c\xad\x6d' >"$R/u16be/README.md" # UTF-16BE Korean, no NUL byte
have_dev=0
mknod "$R/dev/README.md" c 1 3 2>/dev/null && have_dev=1
python3 - "$R" <<'PY'
import os, sys
p = os.path.join(sys.argv[1], "deep")
for i in range(230):
    p = os.path.join(p, "d")
os.makedirs(p)
open(os.path.join(p, "README.md"), "w").write("---\nlicense: mit\n---\n# Deep\n")
PY
hostile "cards that are not regular UTF-8 files" -- --format text --no-source --quiet "$R"
expect_out '^link/README.md: error\[MC001\] .*symbolic link'
expect_out '^fifo/README.md: error\[MC001\] .*named pipe'
expect_out '^dir/README.md: error\[MC001\] .*folder'
expect_out '^lfs/README.md: error\[MC001\] .*Git LFS pointer'
expect_out '^u16/README.md: error\[MC001\] .*UTF-16'
expect_out '^u16be/README.md: error\[MC001\] .*UTF-16'
expect_out '^deep/(d/){230}README.md: error\[MC001\] .*depth limit'
[ $have_dev = 1 ] && expect_out '^dev/README.md: error\[MC001\] .*device'
expect_no_out 'secret'
# the other card is still linted
expect_no_out '^ok/'
hostile "cards that are not regular UTF-8 files, models" -- --format text --no-source "$R"
expect_out '^ok/README.md: Tiny-7B .*tier: T2'
# the same in the index and in a revision (a committed symbolic link, an LFS pointer)
rm -rf "$R/fifo" "$R/dev"
git -C "$R" init -q && git -C "$R" add -A && git -C "$R" commit -qm cards
for mode in --staged "--rev=HEAD"; do
  hostile "cards that are not regular files, $mode" -- --format text --no-source --quiet $mode "$R"
  expect_out '^link/README.md: error\[MC001\] .*symbolic link'
  expect_out '^lfs/README.md: error\[MC001\] .*Git LFS pointer'
  expect_no_out 'secret'
done
expect_out '^dir/README.md: error\[MC001\] .*folder'

# --- a revision whose folders share subtrees: the walk stops within its budget ------------
# shared_rev K: branch `shared` of $R whose folder x/ nests K trees, each with two entries a
# and b naming the same subtree (2^K paths from K + 4 objects; a symbolic link, which is
# not listed, at the bottom), beside a valid card at the top
shared_rev() {
  local k=$1 t top i
  t=$(printf '120000 blob %s\tl\n' "$(printf target | git -C "$R" hash-object -w --stdin)" |
    git -C "$R" mktree)
  for ((i = 0; i < k; i++)); do
    t=$(printf '040000 tree %s\ta\n040000 tree %s\tb\n' "$t" "$t" | git -C "$R" mktree)
  done
  top=$(printf '100644 blob %s\tREADME.md\n040000 tree %s\tx\n' \
    "$(fm 'base_model: acme-ai/Tiny-7B' | git -C "$R" hash-object -w --stdin)" "$t" | git -C "$R" mktree)
  git -C "$R" update-ref refs/heads/shared "$(git -C "$R" commit-tree -m shared "$top")"
}
repo
git -C "$R" init -q
shared_rev 16
hostile "shared subtrees, n" -- --format text --no-source --rev shared "$R"
t1=$LAST_MS
expect_out '^README.md: Tiny-7B .*tier: T2'
expect_no_out 'MC001'
shared_rev 64
if git -C "$R" fsck --no-progress >/dev/null 2>&1; then ok; else bad "the shared tree does not pass git fsck"; fi
hostile "shared subtrees, 4n" -- --format text --no-source --rev shared "$R"
linear "shared subtrees" "$t1" "$LAST_MS"
# fail closed: the truncated listing is a finding (exit 1), the card is still linted
expect_exit 1 -- "$MCLINT" --format text --no-source --rev shared "$R"
expect_out '^x/[abl/]*: error\[MC001\] .*listing stopped here'
expect_out '^README.md: Tiny-7B .*tier: T2'
# the same tree as the base of --changed-since: not diffed, every card counts as changed
fm 'base_model: acme-ai/Tiny-7B' >"$R/m/README.md"
git -C "$R" add m && git -C "$R" commit -qm card
for mode in "--rev=HEAD" ""; do
  hostile "shared subtrees as the base, $mode" -- --format text --no-source $mode --changed-since shared "$R"
  expect_out '^m/README.md: Tiny-7B .*tier: T2'
done

# --- Markdown tables padded to their header's width: a budget of cells per card ---------
# wide_card N: a header of N columns, then N one-cell rows (cmark-gfm pads each to N cells)
wide_card() {
  python3 - "$R/m/README.md" "$1" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
open(path, "w").write("---\nlicense: apache-2.0\nbase_model: acme-ai/Tiny-7B\n---\n# Tiny-7B\n\n"
                      + "|a" * n + "|\n" + "|-" * n + "|\n" + "x\n" * n)
PY
}
repo
wide_card 1000
hostile "wide table, n" -- --format text --no-source "$R"
t1=$LAST_MS
expect_out '^m/README.md: error\[MC009\] .*padded to more than'
expect_out 'base: acme-ai/Tiny-7B; tier: T2'
wide_card 4000
hostile "wide table, 4n" -- --format text --no-source "$R"
linear "wide table" "$t1" "$LAST_MS"
expect_out '^m/README.md: error\[MC009\]'
expect_out 'base: acme-ai/Tiny-7B; tier: T2'
# the neighbour: an ordinary table of a few hundred rows is parsed as Markdown
python3 - "$R/m/README.md" <<'PY'
import sys
rows = "".join("| model-%d | %d | %d.5 | yes |\n" % (i, i, i) for i in range(400))
open(sys.argv[1], "w").write("---\nlicense: apache-2.0\nbase_model: acme-ai/Tiny-7B\n---\n# Tiny-7B\n\n"
                             "| name | size | score | ok |\n|---|:-:|--:|---|\n" + rows)
PY
hostile "ordinary table" -- --format text --no-source "$R"
expect_no_out 'MC009'
expect_out '^m/README.md: Tiny-7B '

# --- a technical report linked from many cards is read once -------------------------------
# report_cards N: N cards that all link docs/technical_report.md (1.2 MB, with a claim)
report_cards() {
  python3 - "$R" "$1" <<'PY'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
os.makedirs(os.path.join(root, "docs"), exist_ok=True)
para = "We trained the model on a mixture of web text and code. The tokenizer is byte-level BPE.\n\n"
open(os.path.join(root, "docs", "technical_report.md"), "w").write(
    "# Report\n\nThe model was fine-tuned from acme-ai/Base-3B.\n\n" + para * 13000)
for i in range(n):
    d = os.path.join(root, "m%04d" % i)
    os.makedirs(d, exist_ok=True)
    open(os.path.join(d, "README.md"), "w").write(
        "---\nlicense: apache-2.0\nbase_model: acme-ai/Tiny-7B\n---\n# M%d\n\n"
        "See the [technical report](../docs/technical_report.md).\n" % i)
PY
}
repo
report_cards 40
hostile "one report, n cards" -- --format text --no-source "$R"
t1=$LAST_MS
expect_out '^m0039/README.md: M39 '
report_cards 160
hostile "one report, 4n cards" -- --format text --no-source "$R"
linear "one report, cards" "$t1" "$LAST_MS"
expect_out '^m0159/README.md: M159 '
expect_out 'in 160 models \(320 files\)'

# --- many rules files: one catalogue, loaded once per run --------------------------------
# rules_repo N: N rules files of one rule each named by .mclint.yaml, and 50 cards
rules_repo() {
  python3 - "$R" "$1" <<'PY'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
os.makedirs(os.path.join(root, "rules"), exist_ok=True)
names = []
for i in range(n):
    p = "rules/r%05d.yaml" % i
    names.append(p)
    open(os.path.join(root, p), "w").write(
        "family: XR\nrules:\n  - id: XR%05d\n    name: house-rule-%d\n    severity: note\n"
        "    check: none\n    title: t\n    message: m\n    rationale: r\n" % (i, i))
open(os.path.join(root, ".mclint.yaml"), "w").write("rules_files: [%s]\n" % ", ".join(names))
for i in range(50):
    d = os.path.join(root, "m%02d" % i)
    os.makedirs(d, exist_ok=True)
    open(os.path.join(d, "README.md"), "w").write(
        "---\nlicense: apache-2.0\nbase_model: acme-ai/Tiny-7B\n---\n# M%d\n" % i)
PY
}
repo
rules_repo 2000
hostile "rules files, n" -- --format text --no-source "$R"
t1=$LAST_MS
expect_out 'in 50 models'
rules_repo 8000
hostile "rules files, 4n" -- --format text --no-source "$R"
linear "rules files" "$t1" "$LAST_MS"
expect_out 'in 50 models'
# a duplicate among them is still an error
printf 'family: XR\nrules:\n  - id: XR00007\n    name: again\n    severity: note\n    check: none\n    title: t\n    message: m\n    rationale: r\n' >"$R/rules/r07999.yaml"
expect_exit 2 -- "$MCLINT" --format text "$R"
expect_err 'rules/r07999.yaml:3:.*duplicate rule id or name: XR00007'

# --- ignore files that are not regular files: never followed, never opened --------------
repo
mkdir -p "$R/k" "$R/f"
git -C "$R" init -q
printf '*.md\n' >"$TMP/outside-ignore"
ln -s "$TMP/outside-ignore" "$R/m/.gitignore"
git -C "$R" add m/.gitignore && git -C "$R" commit -qm 'a linked .gitignore'
fm 'base_model: acme-ai/Tiny-7B' >"$R/m/README.md"
# the neighbour: a regular .gitignore with the same rule is honoured
printf '*.md\n' >"$R/k/.gitignore"
fm 'base_model: acme-ai/Tiny-7B' >"$R/k/README.md"
hostile "a committed symbolic link as .gitignore" -- --format text --no-source "$R"
expect_out '^m/README.md: Tiny-7B '
expect_no_out '^k/README.md'
# a FIFO as .gitignore, then as .git/info/exclude: no blocking, the card is listed
mkfifo "$R/f/.gitignore"
fm 'base_model: acme-ai/Tiny-7B' >"$R/f/README.md"
hostile "a FIFO as .gitignore" -- --format text --no-source "$R"
expect_out '^f/README.md: Tiny-7B '
expect_out '^m/README.md: Tiny-7B '
rm -f "$R/f/.gitignore" "$R/.git/info/exclude"
mkdir -p "$R/.git/info" && mkfifo "$R/.git/info/exclude"
hostile "a FIFO as .git/info/exclude" -- --format text --no-source "$R"
expect_out '^f/README.md: Tiny-7B '
rm -f "$R/.git/info/exclude"
ln -s "$TMP/outside-ignore" "$R/.git/info/exclude"
printf 'f/\n' >"$TMP/outside-ignore"
hostile "a link as .git/info/exclude" -- --format text --no-source "$R"
expect_out '^f/README.md: Tiny-7B '
rm -f "$R/.git/info/exclude"
mkfifo "$TMP/excludes-fifo"
git -C "$R" config core.excludesfile "$TMP/excludes-fifo"
hostile "a FIFO as core.excludesfile" -- --format text --no-source "$R"
expect_out '^f/README.md: Tiny-7B '

# --- baselines: the size is checked before the file is read, values per byte are capped --
# rss_run NAME MAX_MB EXIT -- args: the run exits EXIT within TLIMIT and MAX_MB megabytes
rss_run() {
  local name=$1 max=$2 want=$3 rc rss; shift 4
  if [ -n "$GNUTIME" ]; then
    timeout -k 5 "$TLIMIT" $GNUTIME -f %M -o "$TMP/rss" "$MCLINT" "$@" >"$TMP/out" 2>"$TMP/err"
  else
    timeout -k 5 "$TLIMIT" "$MCLINT" "$@" >"$TMP/out" 2>"$TMP/err"
  fi
  rc=$?
  [ "$rc" = "$want" ] && ok || bad "$name: exit $rc, expected $want"
  if [ -n "$GNUTIME" ] && [ -s "$TMP/rss" ]; then
    rss=$(($(tail -1 "$TMP/rss") / 1024))
    echo "$name: max RSS ${rss} MB"
    [ "$rss" -le "$max" ] && ok || bad "$name: max RSS ${rss} MB > ${max} MB"
  fi
}
repo
fm 'base_model: acme-ai/Tiny-7B' >"$R/m/README.md"
python3 - "$TMP/bl-big.json" "$TMP/bl-dense.json" <<'PY'
import sys
with open(sys.argv[1], "w") as f:  # over the 32 MiB cap: refused unread
    f.write('{"version": 1, "findings": [' + " " * (40 << 20) + "]}")
with open(sys.argv[2], "w") as f:  # under the cap, but a JSON value every 2 bytes
    f.write('{"version": 1, "findings": [' + "0," * (15 << 20) + "0]}")
PY
rss_run "baseline over the size cap" $((20 * SLOW)) 2 -- --format text --baseline "$TMP/bl-big.json" "$R"
expect_err 'baseline larger than 33554432 bytes'
rss_run "baseline of dense values" $((120 * SLOW)) 2 -- --format text --baseline "$TMP/bl-dense.json" "$R"
expect_err 'too many JSON values for its size'
rm -f "$TMP/bl-big.json" "$TMP/bl-dense.json"
mkfifo "$TMP/bl-fifo"
rss_run "baseline that is a FIFO" $((120 * SLOW)) 2 -- --format text --baseline "$TMP/bl-fifo" "$R"
expect_err 'not a regular file'
# the neighbour: a baseline mclint wrote is read
expect_exit 0 -- "$MCLINT" --format text --write-baseline "$TMP/bl.json" "$R"
rss_run "baseline written by mclint" $((120 * SLOW)) 0 -- --format text --baseline "$TMP/bl.json" "$R"

finish
