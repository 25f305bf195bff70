#!/usr/bin/env bash
# The engine's figures for the README's *Measured* section, each file naming the commit and date:
#   bench/out/engine.md       speed (criterion medians of crates/core/benches/triage.rs, 10,000
#                             scenarios through the release CLI) and the dev scenarios' problem types
#   bench/out/calibration.md  accuracy and calibration on the labelled corpora (the calibration
#                             example, release)
# Usage: bench/engine.sh        (about 5 minutes on 2 cores, most of it building)
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out
mkdir -p "$out"
commit=$(bash bench/commit.sh)
stamp() {
    echo "Commit $commit, measured $(date -u +%Y-%m-%d) ($(date -u +%H:%MZ)), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)."
}

# Criterion writes each benchmark's estimates under target/criterion/<group>_<name>/new/.
rm -rf target/criterion
cargo bench -q -p reachright-core --bench triage >"$out/engine-criterion.log" 2>&1
median() {
    python3 -c 'import json,sys; print("%.1f" % (json.load(open(sys.argv[1]))["median"]["point_estimate"] / 1000))' \
        "target/criterion/$1/new/estimates.json"
}
seed=$(median triage_seed_story)
four=$(median triage_four_stories)
classify=$(median classify_seed_story)
extract=$(median extract_seed_story)

# 10,000 scenarios through `reachright-cli triage --jsonl` (builds the release CLI).
jsonl=$(bash bench/jsonl.sh 10000 | sed -n 's/.* in \([0-9.]*\) s .*/\1/p')

# The dev scenarios: the problem type the CLI finds against each row's expectation.
dev=../shared/data/triage-dev.jsonl
dev_row="| problem type, \`shared/data/triage-dev.jsonl\` | (not here: ../shared absent) | all |"
if [ -f "$dev" ]; then
    python3 -c 'import json,sys
for l in open(sys.argv[1], encoding="utf-8"):
    if l.strip():
        r = json.loads(l); s = dict(r["input"]); s["id"] = r["id"]; print(json.dumps(s, ensure_ascii=False))' "$dev" |
        target/release/reachright-cli triage --jsonl >"$out/engine-dev.jsonl"
    dev_row=$(python3 -c 'import json,sys
want = {}
for l in open(sys.argv[1], encoding="utf-8"):
    if l.strip():
        r = json.loads(l); want[r["id"]] = r["expect"].get("problem_type")
got = {}
for l in open(sys.argv[2], encoding="utf-8"):
    r = json.loads(l); got[r.get("id")] = r.get("problem_type")
asked = [i for i, t in want.items() if t]
right = sum(got.get(i) == want[i] for i in asked)
print(f"| problem type, `shared/data/triage-dev.jsonl` ({len(asked)} rows with an expected type) | {right} / {len(asked)} | all |")' "$dev" "$out/engine-dev.jsonl")
fi

{
    echo "# The engine"
    echo
    stamp
    echo "Criterion medians (\`cargo bench -p reachright-core --bench triage\`); wall time of \`bench/jsonl.sh\`."
    echo
    echo "| what | figure | goal |"
    echo "|---|---|---|"
    echo "| one triage (classify + extract + recommend + describe), seed story, median | $seed µs | < 200 µs |"
    echo "| four stories in a row, median | $four µs | |"
    echo "| classify alone / extract alone | $classify µs / $extract µs | |"
    echo "| \`triage --jsonl\`, 10,000 scenarios, wall time (release) | $jsonl s | < 2 s |"
    echo "$dev_row"
} | tee "$out/engine.md"

cargo build -q --release -p reachright-core --example calibration
{
    echo "# Calibration"
    echo
    stamp
    echo "\`cargo run --release -p reachright-core --example calibration\`."
    echo
    # The summary and the reliability over all blind corpora; the per-corpus tables stay in the log.
    target/release/examples/calibration | tee "$out/calibration.log" | sed '/^Reliability on /,$d'
} | tee "$out/calibration.md"
