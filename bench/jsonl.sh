#!/usr/bin/env bash
# Streams 10,000 scenarios through `reachright-cli triage --jsonl` and reports the wall time.
# Goal: under 2 s on the 2-core CI machine. Usage: bench/jsonl.sh [COUNT]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-10000}
out=bench/out
mkdir -p "$out"
cargo build --release -q -p reachright-cli
# Inputs: the dev scenarios' inputs (or built-in stories when shared/ is absent), cycled with fresh ids.
python3 - "$count" "$out/scenarios.jsonl" <<'PY'
import json, os, sys
count, path = int(sys.argv[1]), sys.argv[2]
src = os.path.join("..", "shared", "data", "triage-dev.jsonl")
inputs = [json.loads(l)["input"] for l in open(src, encoding="utf-8") if l.strip()] if os.path.exists(src) else [
    {"description": "订单号20240520001,5月20日14:30购买100元游戏点卡,支付成功后30分钟未到账", "now": "2024-05-20T15:00:00+08:00"},
    {"problem_type": "account_frozen", "now": "2026-11-28T14:00:00+08:00"}]
with open(path, "w", encoding="utf-8") as f:
    for i in range(count):
        s = dict(inputs[i % len(inputs)]); s["id"] = f"b{i}"
        f.write(json.dumps(s, ensure_ascii=False) + "\n")
PY
bin=target/release/reachright-cli
TIMEFORMAT=%3R
secs=$( { time "$bin" triage --jsonl < "$out/scenarios.jsonl" > "$out/results.jsonl"; } 2>&1 )
lines=$(wc -l < "$out/results.jsonl")
errors=$(grep -c '"error"' "$out/results.jsonl" || true)
echo "jsonl: $count scenarios in $secs s ($lines results, $errors errors)"
