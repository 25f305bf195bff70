#!/usr/bin/env bash
# Every test of the project, in order: UI logic (vitest), the Rust crates and the commands through
# Tauri's mock runtime (cargo test), the vault against gnome-keyring (tests/keyring), the helpdesk
# connectors against a real Request Tracker (tests/rt), read-aloud against a real Speech Dispatcher
# with espeak-ng (tests/speech), the tracker's desktop notifications against
# RT + dunst + dbus-monitor (tests/rt/notify.sh), then the real app under Xvfb through WebDriver
# (tests/e2e), the window-free crates' tests cross-built for Windows and run under Wine
# (tests/windows), and last every fuzz target for a few seconds (scripts/fuzz.sh; FUZZ_SECONDS).
# Installs what is missing first. Prints one line per suite and a total; exits non-zero on failure.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
bash scripts/deps.sh --test || exit 1
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"   # when deps.sh has just installed Rust
# One clean build, never edited again: incremental caches would only add ~1.5 GB to the target dir.
export CARGO_INCREMENTAL=0
log=$(mktemp -d)
status=0
# The build needs a few GB; say how much room there was when a step dies of "No space left on device".
echo "disk: $(df -h --output=avail . | tail -1 | tr -d ' ') free where the build goes"
free_kb=$(df -k --output=avail . | tail -1 | tr -d ' ')
[ "$free_kb" -ge $((5 * 1024 * 1024)) ] ||
    echo "disk: WARNING: under 5 GB free; the build and the tests need about 4 GB (target/ about 3 GB)" >&2
broken=()   # logs of the keychain/RT steps that exited non-zero

step() { echo; echo "=== $1"; }

step "UI: install, type-check, build, unit tests"
npm ci --prefix ui --no-audit --no-fund >"$log/npm.log" 2>&1 || { cat "$log/npm.log"; exit 1; }
npm run --prefix ui build || exit 1   # src-tauri embeds ui/dist at compile time
NO_COLOR=1 npm test --prefix ui 2>&1 | tee "$log/vitest.log"
ui_status=${PIPESTATUS[0]}
[ "$ui_status" = 0 ] || status=1

step "Rust: cargo test --workspace"
# SQLite built in where the system's is older than 3.38 (Ubuntu 22.04), as scripts/run.sh does.
mapfile -t sqlite < <(bash scripts/sqlite-features.sh)
cargo test --workspace --locked --no-fail-fast "${sqlite[@]}" 2>&1 | tee "$log/cargo.log"
[ "${PIPESTATUS[0]}" = 0 ] || status=1

step "Keychain: the evidence vault against a real Secret Service (gnome-keyring)"
bash tests/keyring/run.sh 2>&1 | tee "$log/keyring.log"
[ "${PIPESTATUS[0]}" = 0 ] || { status=1; broken+=("$log/keyring.log"); }

step "Helpdesk: the connectors against a real Request Tracker (installed and started here)"
bash tests/rt/run.sh 2>&1 | tee "$log/rt.log"
[ "${PIPESTATUS[0]}" = 0 ] || { status=1; broken+=("$log/rt.log"); }

step "Read-aloud: reachright-speech against a real Speech Dispatcher with espeak-ng (tests/speech)"
bash tests/speech/run.sh 2>&1 | tee "$log/speech.log"
[ "${PIPESTATUS[0]}" = 0 ] || { status=1; broken+=("$log/speech.log"); }

step "Notifications: the tracker against a real Request Tracker, dunst and dbus-monitor (tests/rt/notify.sh)"
# `cargo test` above built the CLI; build it if a filter skipped it.
[ -x target/debug/reachright-cli ] || cargo build --locked -p reachright-cli || status=1
bash tests/rt/notify.sh 2>&1 | tee "$log/rt-notify.log"
[ "${PIPESTATUS[0]}" = 0 ] || status=1

step "E-mail: send and track against real Postfix and Dovecot with a throw-away CA (tests/mail/run.sh)"
[ -x target/debug/reachright-cli ] || cargo build --locked -p reachright-cli || status=1
REACHRIGHT_CLI="$root/target/debug/reachright-cli" bash tests/mail/run.sh 2>&1 | tee "$log/mail.log"
[ "${PIPESTATUS[0]}" = 0 ] || status=1

step "End to end: the app under Xvfb through tauri-driver"
driver=$(command -v tauri-driver || echo "$HOME/.cargo/bin/tauri-driver")
if [ ! -x "$driver" ]; then
    cargo install tauri-driver --locked --version 2.1.0 || status=1
fi
# `cargo test` above built target/debug/reachright; build it if a filter skipped it.
[ -x target/debug/reachright ] || cargo build --locked -p reachright || status=1
bash tests/e2e/run.sh "$root/target/debug/reachright" 2>&1 | tee "$log/e2e.log"
[ "${PIPESTATUS[0]}" = 0 ] || status=1

step "Windows: the window-free crates' tests cross-built for x86_64-pc-windows-gnu, run under Wine"
bash tests/windows/run.sh 2>&1 | tee "$log/windows.log"
[ "${PIPESTATUS[0]}" = 0 ] || { status=1; broken+=("$log/windows.log"); }

step "Fuzzing: every cargo-fuzz target for a few seconds, so each keeps building and running (scripts/fuzz.sh)"
# Stable Rust ships the sanitizer runtimes; fuzz.sh lets it accept cargo-fuzz's -Z flags when no
# nightly is installed. The long runs (10 minutes a target) are `scripts/fuzz.sh 600`, by hand.
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked || status=1
bash scripts/fuzz.sh "${FUZZ_SECONDS:-5}" 2>&1 | tee "$log/fuzz.log"
[ "${PIPESTATUS[0]}" = 0 ] || status=1

# One plain total: cargo's "N passed", vitest's "Tests N passed", and the rt-notify and e2e runs
# as one test each.
win_passed=$(grep -oE '^test result: .* ([0-9]+) passed' "$log/windows.log" | grep -oE '[0-9]+ passed' | awk '{s+=$1} END {print s+0}')
win_failed=$(grep -oE '^test result: .* ([0-9]+) failed' "$log/windows.log" | grep -oE '[0-9]+ failed' | awk '{s+=$1} END {print s+0}')
cargo_passed=$(cat "$log/cargo.log" "$log/keyring.log" "$log/rt.log" "$log/speech.log" | grep -oE '^test result: .* ([0-9]+) passed' | grep -oE '[0-9]+ passed' | awk '{s+=$1} END {print s+0}')
cargo_failed=$(cat "$log/cargo.log" "$log/keyring.log" "$log/rt.log" "$log/speech.log" | grep -oE '^test result: .* ([0-9]+) failed' | grep -oE '[0-9]+ failed' | awk '{s+=$1} END {print s+0}')
# vitest's summary line: "Tests  233 passed (233)", or "Tests  1 failed | 233 passed (234)".
ui_summary=$(grep -E '^ *Tests +[0-9]' "$log/vitest.log" | tail -1)
ui_passed=$(grep -oE '[0-9]+ passed' <<<"$ui_summary" | grep -oE '[0-9]+')
ui_failed=$(grep -oE '[0-9]+ failed' <<<"$ui_summary" | grep -oE '[0-9]+')
# A vitest that broke before its summary (a type error in a test file) is one failure, not none.
[ "$ui_status" != 0 ] && [ -z "$ui_failed" ] && ui_failed=1
e2e_passed=$(grep -c '^e2e: passed' "$log/e2e.log")
e2e_failed=$(grep -c '^e2e: FAILED' "$log/e2e.log")
notify_passed=$(grep -c '^rt-notify: passed' "$log/rt-notify.log")
notify_failed=$(grep -c '^rt-notify: FAILED' "$log/rt-notify.log")
# The mail run is one test (a shell script against real servers), counted like rt-notify.
mail_passed=$(grep -c '^mail: passed' "$log/mail.log")
mail_failed=$(grep -c '^mail: FAILED' "$log/mail.log")
[ $((mail_passed + mail_failed)) = 0 ] && mail_failed=1
# A keychain or RT step that failed without a failing test in its log (it broke while installing or
# starting its server) counts as one failure, so the total never reads "0 failed" on a red run.
step_failed=0
for step_log in "${broken[@]}"; do
    grep -qE '^test result: .* [1-9][0-9]* failed' "$step_log" || step_failed=$((step_failed + 1))
done
# Each fuzz target is one test: "ok, no crash" or a crash (a build that failed counts as one failure).
fuzz_passed=$(grep -c ' ok, no crash$' "$log/fuzz.log")
fuzz_failed=$(grep -c ' CRASH ' "$log/fuzz.log")
[ $((fuzz_passed + fuzz_failed)) = 0 ] && fuzz_failed=1
passed=$((cargo_passed + ${ui_passed:-0} + notify_passed + mail_passed + e2e_passed + win_passed + fuzz_passed))
failed=$((cargo_failed + ${ui_failed:-0} + notify_failed + mail_failed + e2e_failed + win_failed + fuzz_failed + step_failed))
echo
# CI shows only the end of this output: name every test binary that failed or died (a crash under
# Wine leaves no "test result" line, only cargo's "process didn't exit successfully").
grep -hE "^error: test failed, to rerun pass|^  process didn't exit successfully|^Caused by:$" \
    "$log/cargo.log" "$log/windows.log" "$log/keyring.log" "$log/rt.log" "$log/speech.log" 2>/dev/null |
    grep -v '^Caused by:$' | sed 's/^/failed: /' | cut -c1-300
grep -hE '^ FAIL ' "$log/vitest.log" 2>/dev/null | sed 's/^ FAIL /failed: UI /' | sort -u
echo "disk: target/ holds $(du -sh target 2>/dev/null | cut -f1), $(df -h --output=avail . | tail -1 | tr -d ' ') left"
echo "Rust: $cargo_passed passed, $cargo_failed failed; UI: ${ui_passed:-0} passed, ${ui_failed:-0} failed; notifications: $notify_passed passed, $notify_failed failed; e-mail: $mail_passed passed, $mail_failed failed; end to end: $e2e_passed passed, $e2e_failed failed; Windows (Wine): $win_passed passed, $win_failed failed; fuzzing: $fuzz_passed targets passed, $fuzz_failed failed"
echo "Total: $passed passed, $failed failed"
exit $status
