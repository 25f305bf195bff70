#!/usr/bin/env bash
# Evidence import throughput and memory, next to the floor of doing the least possible with the same
# bytes: `sha256sum` (hash) + `cp` (copy) of the same files, measured in the same run.
#
#   bench/vault-import.sh [--no-build] [--runs N]
#
# Inputs (made once in bench/out/vault-data, kept between runs):
#   - 20 screenshots of 8 MB each: 1440×2000 PNGs of noise from ImageMagick (incompressible, so the
#     PNG is the size of a real high-resolution screenshot with photos in it);
#   - one 200 MB file of random bytes (a screen recording).
# Each measurement is the median of N runs (default 3), each into a fresh data folder / directory:
#   floor       sha256sum FILES && cp FILES DIR
#   vault       reachright-cli evidence add CASE FILES --no-thumbnails   (hash + encrypt + fsync + rename + row)
#   vault+thumb the same with thumbnails (full decode under limits, resize, JPEG) — for information
# The CLI's time includes opening the vault (an Argon2id key derivation, REACHRIGHT_VAULT_PASSPHRASE is used
# so no keychain is needed). Peak memory is the process's maximum RSS from GNU time.
# Needs: imagemagick, GNU time (package `time`), coreutils. Writes bench/out/vault-import.md.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=3
build=1
while [ $# -gt 0 ]; do
    case $1 in
        --no-build) build=0 ;;
        --runs) runs=$2; shift ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
# CLI=path measures another build (for example the debug one, whose vault crate is optimised too).
if [ -z "${CLI:-}" ] && [ $build = 1 ]; then cargo build --release --locked -p reachright-cli; fi
cli=${CLI:-$PWD/target/release/reachright-cli}
out=bench/out; data=$out/vault-data
mkdir -p "$data"
for i in $(seq -w 1 20); do
    f=$data/shot-$i.png
    [ -s "$f" ] || convert -size 1440x2000 -seed "$i" xc: +noise Random -depth 8 "PNG24:$f"
done
[ -s "$data/recording.bin" ] || head -c $((200 * 1024 * 1024)) /dev/urandom > "$data/recording.bin"
shots=("$data"/shot-*.png)
export REACHRIGHT_VAULT_PASSPHRASE=bench-only-passphrase
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

# seconds and max RSS (kB) of one command, as "secs kb"
measure() {
    /usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null
    cat "$work/time"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

run_set() { # label, files...
    local label=$1; shift
    local floor=() vault=() thumb=() vmem=() tmem=()
    for r in $(seq 1 "$runs"); do
        sync
        rm -rf "$work/cp"; mkdir "$work/cp"
        local t0 t1; t0=$(date +%s.%N)
        sha256sum "$@" >/dev/null && cp "$@" "$work/cp/"
        sync -f "$work/cp"
        t1=$(date +%s.%N); floor+=("$(echo "$t1 - $t0" | bc)")
        for mode in plain thumb; do
            local d=$work/data-$mode-$r
            rm -rf "$d"
            local case; case=$("$cli" case new --data-dir "$d" --description "充值未到账，订单号 2026112512345678")
            local flags=(--no-thumbnails); [ $mode = thumb ] && flags=()
            read -r secs kb < <(measure "$cli" evidence add --data-dir "$d" "$case" "$@" "${flags[@]}")
            if [ $mode = plain ]; then vault+=("$secs"); vmem+=("$kb"); else thumb+=("$secs"); tmem+=("$kb"); fi
            rm -rf "$d"
        done
    done
    local f v t vm tm
    f=$(printf '%s\n' "${floor[@]}" | median); v=$(printf '%s\n' "${vault[@]}" | median); t=$(printf '%s\n' "${thumb[@]}" | median)
    vm=$(printf '%s\n' "${vmem[@]}" | median); tm=$(printf '%s\n' "${tmem[@]}" | median)
    printf '| %s | %.2f s | %.2f s | %.2f× | %d MB | %.2f s | %d MB |\n' "$label" "$f" "$v" "$(echo "$v / $f" | bc -l)" $((vm / 1024)) "$t" $((tm / 1024))
}

{
    echo "# Evidence import vs the sha256sum + cp floor"
    echo
    echo "Commit $(bench/commit.sh), measured $(date -u +%F) ($(date -u +%H:%MZ)), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)."
    echo "Median of $runs runs; ${cli#"$PWD"/}; peak RSS includes the passphrase's Argon2id key derivation (64 MiB)."
    echo
    echo '| input | floor (sha256sum + cp) | vault import, no thumbnails | ratio | peak RSS | with thumbnails | peak RSS |'
    echo '|---|---|---|---|---|---|---|'
    run_set "20 × 8 MB screenshots (160 MB)" "${shots[@]}"
    run_set "one 200 MB file" "$data/recording.bin"
} | tee "$out/vault-import.md"
