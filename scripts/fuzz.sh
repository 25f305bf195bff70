#!/usr/bin/env bash
# Runs every fuzz target in fuzz/ (cargo-fuzz, libFuzzer with AddressSanitizer) for SECONDS each
# (default 60), one after another, and prints per target: executions, executions per second,
# corpus size, and whether it crashed (the input is kept in fuzz/artifacts/TARGET/). scripts/test.sh
# runs it for a few seconds a target so every target keeps building; the crates' tests/fuzz_corpus.rs
# also replay the committed seeds and crash inputs on every cargo test. Exits non-zero when a
# target crashed or could not run. With FUZZ_TABLE=FILE it also writes the results as a Markdown
# table naming the commit and date (the README's fuzz table: FUZZ_TABLE=bench/out/fuzz.md), each
# target described by the `//!` line at the top of its source.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
set -uo pipefail
cd "$(dirname "$0")/../fuzz"
secs=${1:-60}
shift || true

# cargo-fuzz passes -Z flags to rustc (the sanitizer). Stable ships the sanitizer runtimes, so the
# stable toolchain is told to accept them (RUSTC_BOOTSTRAP=1): the same toolchain as every other
# build here and in CI, where no nightly is installed.
export RUSTC_BOOTSTRAP=1
cargo=(cargo)
if ! "${cargo[@]}" fuzz --version >/dev/null 2>&1; then
    echo "fuzz.sh: cargo-fuzz is missing: cargo install cargo-fuzz --locked" >&2
    exit 2
fi

targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <("${cargo[@]}" fuzz list)
nice -n 10 "${cargo[@]}" fuzz build -O || exit 2

status=0
rows=()
thousands() { python3 -c 'import sys; print(f"{int(sys.argv[1]):,}")' "$1"; }
mkdir -p target/fuzz-logs
printf '%-16s %12s %10s %8s  %s\n' target execs execs/s corpus result
for t in "${targets[@]}"; do
    # New inputs go to a scratch corpus under target/; the committed seeds are read only.
    work=target/fuzz-work/$t
    log=target/fuzz-logs/$t.log
    mkdir -p "$work" "artifacts/$t" "corpus/$t"
    nice -n 10 "${cargo[@]}" fuzz run -O "$t" "$work" "corpus/$t" -- \
        -max_total_time="$secs" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
        -max_len=65536 >"$log" 2>&1
    rc=$?
    execs=$(awk '/stat::number_of_executed_units/ {print $2}' "$log" | tail -1)
    execs=${execs:-0}
    corpus=$(find "$work" -type f | wc -l)
    result="ok, no crash"
    if [ $rc -ne 0 ]; then
        status=1
        result="CRASH (exit $rc): $(grep -m1 -E 'panicked|ERROR: (libFuzzer|AddressSanitizer)' "$log" | cut -c1-120); log: fuzz/$log"
    fi
    printf '%-16s %12s %10s %8s  %s\n' "$t" "$execs" "$((execs / (secs > 0 ? secs : 1)))" "$corpus" "$result"
    what=$(sed -n 's,^//! *,,p' "fuzz_targets/$t.rs" | head -1)
    rows+=("| \`$t\` | $what | $(thousands "$execs") | $(thousands "$corpus") | $result |")
done
if [ -n "${FUZZ_TABLE:-}" ]; then
    table=$FUZZ_TABLE
    case $table in /*) ;; *) table=../$table ;; esac
    {
        echo "# Fuzzing"
        echo
        echo "Commit $(bash ../bench/commit.sh), measured $(date -u +%Y-%m-%d) ($(date -u +%H:%MZ)), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)."
        echo "\`scripts/fuzz.sh $secs\`: $secs s per target, one after another; stable $(rustc --version | cut -d' ' -f2), libFuzzer + AddressSanitizer."
        echo
        echo "| target | what it feeds | executions | corpus | result |"
        echo "|---|---|---|---|---|"
        printf '%s\n' "${rows[@]}"
    } >"$table"
fi
exit $status
