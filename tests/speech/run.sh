#!/usr/bin/env bash
# Read-aloud (朗读) against a real Speech Dispatcher with espeak-ng's Mandarin voice (cmn), the way the
# app reads an answer: reachright-speech's tests speak through the `tts` crate, and this script checks
# that the text was really spoken — the sentence reached the engine with the Mandarin voice (Speech
# Dispatcher's own log of the exchange) and sound came out (its ALSA output goes to a file here, which
# must hold more than a second of non-silent 16-bit audio). Then the two failures the app must word:
# an engine with no Chinese voice (only the dummy module) and no engine at all.
# Private servers on private sockets with a throw-away HOME: the user's own speech set-up is never
# touched. Prints `speech: passed|FAILED`. Needs: speech-dispatcher, speech-dispatcher-espeak-ng.
set -uo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; rm -rf "$work"; }
trap cleanup EXIT
fail() { echo "speech: $*" >&2; echo "speech: FAILED"; exit 1; }
command -v speech-dispatcher >/dev/null || fail "speech-dispatcher is missing (apt install speech-dispatcher speech-dispatcher-espeak-ng)"

# Built first, so no server waits through the compile.
cargo test --locked -p reachright-speech --test speech_dispatcher --no-run 2>&1 | grep -vE '^ +(Compiling|Executable)' || true

. tests/speech/server.sh
# start NAME MODULE_LINE DEFAULT: a server in $work/NAME, sound to $work/NAME/out.raw, SSIP logged.
start() {
    local ok=0
    speech_server "$work/$1" "$2" "$3" || ok=1
    pids+=("$SPEECH_PID")
    [ $ok = 0 ] || fail "speech-dispatcher ($1) did not start: $(tail -3 "$work/$1/stdout.log")"
}

# run CASE SOCKET TEST: one ignored test of the crate against that server.
run() {
    SPEECHD_ADDRESS=unix_socket:$2 REACHRIGHT_TEST_SPEECH=$1 \
        cargo test --locked -q -p reachright-speech --test speech_dispatcher -- --ignored --exact "$3" 2>&1
}

status=0
start voice 'AddModule "espeak-ng" "sd_espeak-ng" "espeak-ng.conf"' espeak-ng
run voice "$work/voice/sock" the_answer_is_read_in_mandarin || status=1
log=$work/voice/run/speech-dispatcher/log/speech-dispatcher.log
# The exchange: the Mandarin voice was chosen by its tag (cmn) and the answer's words went to espeak-ng.
grep -aq 'synthesis_voice=Chinese (Mandarin' "$log" || { echo "speech: the Mandarin voice was not chosen" >&2; status=1; }
grep -aq 'SPEAK' "$log" && grep -aq '客服电话' "$log" || { echo "speech: the answer never reached the synthesiser" >&2; status=1; }
# The sound: 16-bit samples; more than a second at espeak-ng's 22,050 Hz, and not silence.
raw=$work/voice/out.raw
bytes=$(stat -c %s "$raw" 2>/dev/null || echo 0)
peak=$(od -An -td2 -v "$raw" 2>/dev/null | awk '{for (i = 1; i <= NF; i++) { v = $i < 0 ? -$i : $i; if (v > m) m = v }} END {print m + 0}')
echo "speech: $bytes bytes of sound, peak sample $peak"
[ "$bytes" -gt 44100 ] && [ "$peak" -gt 1000 ] || { echo "speech: no speech came out" >&2; status=1; }
run voice "$work/voice/sock" stop_ends_the_reading || status=1

start novoice 'AddModule "dummy" "sd_dummy" ""' dummy
run no_voice "$work/novoice/sock" an_engine_without_a_chinese_voice_says_so || status=1

# No server on the socket (and autospawn refuses a foreign socket): no engine at all.
run no_engine "$work/nowhere.sock" no_engine_at_all_says_so || status=1

if [ $status = 0 ]; then echo "speech: passed"; else echo "speech: FAILED"; fi
exit $status
