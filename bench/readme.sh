#!/usr/bin/env bash
# Copies the benchmarks' tables from bench/out into README.md's *Measured* section, so the README shows
# what the scripts measured and names the commit and date of each table. In README.md each table sits
# between the lines `<!-- bench/out/NAME.md -->` and `<!-- end bench/out/NAME.md -->`; this replaces
# what is between them with bench/out/NAME.md without its `# ` title. A table whose file is missing
# is left as it is, with a note on stderr.
#
#   bench/readme.sh
set -euo pipefail
cd "$(dirname "$0")/.."
python3 - <<'PY'
import re, sys, pathlib
readme = pathlib.Path("README.md")
text = readme.read_text(encoding="utf-8")
def splice(m):
    name = m.group(1)
    src = pathlib.Path("bench/out") / f"{name}.md"
    if not src.exists():
        print(f"readme: {src} missing; its table in README.md is left as it was", file=sys.stderr)
        return m.group(0)
    body = src.read_text(encoding="utf-8").splitlines()
    if body and body[0].startswith("# "):
        body = body[1:]
    while body and not body[0].strip():
        body = body[1:]
    return f"<!-- bench/out/{name}.md -->\n" + "\n".join(body).rstrip() + f"\n<!-- end bench/out/{name}.md -->"
new = re.sub(r"<!-- bench/out/([\w.-]+)\.md -->.*?<!-- end bench/out/\1\.md -->", splice, text, flags=re.S)
readme.write_text(new, encoding="utf-8")
PY
