#!/usr/bin/env bash
# Hostile input: every case must end with exit 0 or 1 (never a crash, never 2), within a
# time bound and a memory bound, without following symlinks out of the repository,
# without writing into it, without a network socket and without running any program.
# See docs/security.md.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || { echo "SKIP: python3 missing"; exit 0; }

. "$(dirname "$0")/hostile_lib.sh"

# --- YAML front matter ---------------------------------------------------------------
repo
{ printf -- '---\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
  p=a; for l in b c d e f g h i j; do printf '%s: &%s [*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s]\n' $l $l $p $p $p $p $p $p $p $p $p; p=$l; done
  printf -- '---\n# Laughs\n'; } >"$R/m/README.md"
hostile "billion laughs" -- --format text "$R"
expect_out 'MC00[27]'

repo
python3 -c 'import sys; sys.stdout.write("---\nx: " + "["*10000 + "]"*10000 + "\n---\n# Deep\n")' >"$R/m/README.md"
hostile "10,000-deep flow nesting" -- --format text "$R"
expect_out 'MC00[27]'
python3 -c 'import sys; sys.stdout.write("---\n" + "".join(" "*i + "k:\n" for i in range(10000)) + "---\n# Deep\n")' >"$R/m/README.md"
hostile "10,000-deep block nesting" -- --format text "$R"

repo
python3 -c 'import sys; sys.stdout.write("---\nlicense: mit\ndescription: \"" + "x"*(5<<20) + "\"\n---\n# Big\n")' >"$R/m/README.md"
hostile "5 MB scalar" -- --format text "$R"

repo
printf -- '---\nlicense: mit\nlicense: apache-2.0\nbase_model: acme-ai/Tiny-7B\n---\n# Dup\n' >"$R/m/README.md"
hostile "duplicate keys" -- --format text "$R"
expect_out 'MC006'
# its neighbour: the same keys in different mappings are not duplicates
printf -- '---\nlicense: mit\nmodel-index:\n  - name: a\n    license: x\n---\n# Dup\n' >"$R/m/README.md"
hostile "keys in nested mappings" -- --format text "$R"
expect_no_out 'MC006'

repo
{ fm 'base_model: acme-ai/Tiny-7B'; printf 'caf\xe9 \xff\xfe \xc3\x28 \xed\xa0\x80\n'; } >"$R/m/README.md"
hostile "non-UTF-8 card" -- --format json "$R"
valid_json
{ printf '\xef\xbb\xbf'; fm 'base_model: acme-ai/Tiny-7B'; } >"$R/m/README.md"
hostile "BOM" -- --format text "$R"
fm 'base_model: acme-ai/Tiny-7B' | sed 's/$/\r/' >"$R/m/README.md"
hostile "CRLF" -- --format text "$R"
expect_no_out 'MC00[235]'
fm 'base_model: acme-ai/Tiny-7B' | tr '\n' '\r' >"$R/m/README.md"
hostile "lone CR" -- --format text "$R"
printf -- '---\nlicense: mit\nbase_model: acme-ai/Tiny-7B\n# never closed\n\ntext\n' >"$R/m/README.md"
hostile "front matter never closed" -- --format text "$R"
expect_out 'MC003'
fm 'base_model: acme-ai/Tiny-7B' >"$R/m/README.md"
hostile "front matter closed (neighbour)" -- --format text "$R"
expect_no_out 'MC003'

# --- JSON evidence -------------------------------------------------------------------
repo
fm 'base_model: acme-ai/Tiny-7B' >"$R/m/README.md"
python3 -c 'import sys; sys.stdout.write("["*100000)' >"$R/m/config.json"
hostile "config.json 100,000 [" -- --format text "$R"
printf '{"architectures":["LlamaForCausalLM"],"vocab_size":1%s,"hidden_size":-1e99999,"x":1e-99999}' \
  "$(printf '0%.0s' $(seq 400))" >"$R/m/config.json"
hostile "config.json huge numbers" -- --format text "$R"
printf '{"architectures":["Llama\xff\xfeForCausalLM"],"model_type":"\xc0\xaf","n":"\\ud800"}' >"$R/m/config.json"
hostile "config.json invalid UTF-8" -- --format json "$R"
valid_json
printf '{"architectures":["LlamaForCausalLM"],"model_type":"lla' >"$R/m/config.json"
hostile "config.json truncated" -- --format text "$R"

# a 200 MB tokenizer.json, streamed to disk and removed afterwards
repo
fm 'base_model: acme-ai/Tiny-7B' >"$R/m/README.md"
python3 - "$R/m/tokenizer.json" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write('{"version":"1.0","added_tokens":[{"id":0,"content":"<s>","special":true}],')
    f.write('"model":{"type":"BPE","vocab":{')
    chunk = ",".join('"t%07d":%d' % (i, i) for i in range(100000))
    n = 0
    while f.tell() < 200 << 20:
        f.write(chunk.replace('"t', '"u%d' % n) + ",")
        n += 1
    f.write('"end":0},"merges":["a b"]}}')
PY
hostile "200 MB tokenizer.json" -- --format text "$R"
echo "200 MB tokenizer.json: ${LAST_MS} ms"
rm -f "$R/m/tokenizer.json"

# --- files ---------------------------------------------------------------------------
repo
printf '\x00\x01\x02ELF\x00\x00binary\xff\x00' >"$R/m/README.md"
hostile "binary README.md" -- --format text "$R"
expect_out 'MC001'
fm 'base_model: acme-ai/Tiny-7B' >"$R/m/README.md"
head -c 4096 /dev/zero | tr '\0' 'a' >>"$R/m/README.md"
hostile "over the size cap" -- --format text --max-file-size 1024 "$R"
expect_out 'MC001'
hostile "under the size cap (neighbour)" -- --format text --max-file-size 100000 "$R"
expect_no_out 'MC001'

repo
fm 'base_model: acme-ai/Tiny-7B' >"$R/m/README.md"
chmod 000 "$R/m/README.md"
if cat "$R/m/README.md" >/dev/null 2>&1; then
  echo "SKIP: unreadable file (running as root: chmod 000 is readable)"
else
  hostile "unreadable file" -- --format text "$R"
  expect_out 'MC001'
fi
chmod 644 "$R/m/README.md"

repo
ln -s /etc/passwd "$R/m/README.md"
ln -s /etc/passwd "$R/m/config.json"
mkdir -p "$R/loop"; ln -s ../loop "$R/loop/self"; ln -s a "$R/loop/b"; ln -s b "$R/loop/a"
ln -s / "$R/rootlink"
mkdir -p "$R/k"; fm 'base_model: acme-ai/Tiny-7B' >"$R/k/README.md"
hostile "symlinks out and loops" -- --format json "$R"
expect_no_out 'root:|/bin/(ba)?sh'
valid_json
hostile "symlink named as a path argument" -- --format text "$R/m/README.md"
expect_no_out 'root:'

if command -v git >/dev/null; then
  repo
  mkdir -p "$TMP/sub" && git -C "$TMP/sub" init -q && fm 'base_model: acme-ai/Sub-1B' >"$TMP/sub/README.md" &&
    git -C "$TMP/sub" add . && git -C "$TMP/sub" commit -qm sub
  git -C "$R" init -q && fm 'base_model: acme-ai/Tiny-7B' >"$R/m/README.md" && git -C "$R" add . &&
    git -C "$R" -c protocol.file.allow=always submodule -q add "$TMP/sub" vendor/sub >/dev/null 2>&1 &&
    git -C "$R" commit -qm init
  hostile "git submodule" -- --format text "$R"
  hostile "git submodule (index)" -- --format text --staged "$R"
fi

repo
fm 'base_model: acme-ai/Tiny-7B' >"$R/m/README.md"
printf 'version https://git-lfs.github.com/spec/v1\noid sha256:%064d\nsize 1234567\n' 0 >"$R/m/tokenizer.json"
hostile "LFS pointer as tokenizer.json" -- --format text "$R"
expect_out 'LFS|lfs'

repo
python3 - "$R" <<'PY'
import os, sys
root = sys.argv[1]
for d in range(100):
    p = os.path.join(root, "d%03d" % d)
    os.makedirs(p)
    for i in range(1000):
        open(os.path.join(p, "f%04d.txt" % i), "w").close()
with open(os.path.join(root, "d000", "README.md"), "w") as f:
    f.write("---\nlicense: mit\nbase_model: acme-ai/Tiny-7B\n---\n# T\n")
PY
hostile "100,000-file tree" -- --format text "$R"
echo "100,000-file tree: ${LAST_MS} ms"
rm -rf "$R"

# --- names and values that try to escape their output --------------------------------
repo
for d in "a b" "c,d" "e:f" $'g\nh' "모델-ü" "%0A::warning::x"; do
  mkdir -p "$R/$d"
  printf -- '---\nlicense: apache-2.0\nbase_model: not a repo id\n---\n# T\n' >"$R/$d/README.md"
done
hostile "odd path names, json" -- --format json "$R"
valid_json
python3 - "$TMP/out" <<'PY' && ok || bad "json paths are not the names on disk"
import json, sys
paths = {f.get("path") for f in json.load(open(sys.argv[1])).get("findings", [])}
want = {d + "/README.md" for d in ["a b", "c,d", "e:f", "g\nh", "모델-ü", "%0A::warning::x"]}
sys.exit(0 if want <= paths else 1)
PY
hostile "odd path names, github" -- --format github "$R"
expect_no_out '^::warning::x'
grep -E '^::(error|warning|notice) ' "$TMP/out" | grep -q 'file=e%3Af/README.md' && ok ||
  bad "github: a colon in a path is not escaped as %3A"
grep -E '^::(error|warning|notice) ' "$TMP/out" | grep -q 'file=c%2Cd/README.md' && ok ||
  bad "github: a comma in a path is not escaped as %2C"
grep -E '^::(error|warning|notice) ' "$TMP/out" | grep -q 'file=g%0Ah/README.md' && ok ||
  bad "github: a newline in a path is not escaped as %0A"

# only the commands mclint means: group/endgroup, stop-commands and its resume token,
# annotations with properties
github_clean() {
  if grep -E '^::' "$TMP/out" | grep -Ev '^::(group::|endgroup::$|stop-commands::[0-9a-f]{16,}$|[0-9a-f]{16,}::$|(error|warning|notice) [a-zA-Z]+=)' >"$TMP/stray"; then
    bad "github: stray workflow command: $(head -3 "$TMP/stray")"
  else ok; fi
}
github_clean

repo
{ printf -- '---\nlicense: apache-2.0\nbase_model: "x\\r\\n::error::pwned %%0A::error::pwned2 \\e]8;;http://x\\e\\\\y\\e[2J"\n'
  printf 'model_name: "\\u001b[31mred"\n---\n# T \033[2J\n\n'
  printf '::error::pwned3\n%%0A::error::pwned4\r\n\033]8;;http://x\033\\link\033]8;;\033\\ fine-tuned from acme/\033[2Jx\n'
  printf '<!-- mclint-disable MC105 \033[2J -->\n'; } >"$R/m/README.md"
hostile "escapes in values, text" -- --format text --color never "$R"
if grep -q $'\033' "$TMP/out"; then bad "text output has a raw ESC byte"; else ok; fi
hostile "escapes in values, text, colour" -- --format text --color always "$R"
if sed 's/\x1b\[[0-9;]*m//g' "$TMP/out" | grep -q $'\033'; then bad "coloured text output has an ESC that is not a colour"; else ok; fi
hostile "escapes in values, github" -- --format github "$R"
github_clean
expect_no_out $'pwned.*\r'
for f in json sarif jsonl gitlab rdjsonl; do
  hostile "escapes in values, $f" -- --format $f "$R"
  if grep -q $'\033' "$TMP/out"; then bad "$f output has a raw ESC byte"; else ok; fi
done

repo
python3 -c 'import sys; sys.stdout.write("---\nlicense: mit\nbase_model: acme-ai/Tiny-7B\n---\n# Long\n\n" + "trained from scratch " * 50000 + "\n" + "y"*(1<<20) + "\n")' >"$R/m/README.md"
hostile "1 MB lines" -- --format text "$R"
hostile "1 MB lines, github" -- --format github "$R"

# --- nothing written, nothing run, no network ---------------------------------------
repo
fm 'base_model: acme-ai/Tiny-7B' >"$R/m/README.md"
printf '{"architectures":["LlamaForCausalLM"],"model_type":"llama"}' >"$R/m/config.json"
printf '# Copyright 2024 Acme AI\nimport os\nos.system("touch /tmp/pwned")\n' >"$R/m/modeling_tiny.py"
git -C "$R" init -q && git -C "$R" add . && git -C "$R" commit -qm init
snap() { (cd "$R" && find . -printf '%p %m %s %T@\n' | sort && find . -type f -exec sha256sum {} + | sort); }
snap >"$TMP/before"
hostile "repository unchanged" -- --format text "$R"
hostile "repository unchanged (staged)" -- --format sarif --staged "$R"
hostile "repository unchanged (rev)" -- --format json --rev HEAD "$R"
snap >"$TMP/after"
if cmp -s "$TMP/before" "$TMP/after"; then ok; else bad "the linted repository changed"; diff "$TMP/before" "$TMP/after" | head >&2; fi

if command -v strace >/dev/null && strace -f -o /dev/null true 2>/dev/null; then
  strace -f -qq -e trace=network,execve -o "$TMP/trace" "$MCLINT" --format json "$R" >/dev/null 2>&1
  if grep -E 'socket\((AF_INET|AF_INET6|PF_INET)|connect\(' "$TMP/trace" | grep -v AF_UNIX | grep -q .; then
    bad "network socket opened: $(grep -E 'socket|connect' "$TMP/trace" | head -2)"
  else ok; fi
  n=$(grep -c 'execve(' "$TMP/trace")
  if [ "$n" = 1 ]; then ok; else bad "$n execve calls (want only mclint's own)"; grep execve "$TMP/trace" | head -5 >&2; fi
else
  echo "SKIP: strace not available (network and exec checks)"
fi

finish
