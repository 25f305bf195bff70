# Sourced by tests/speech/run.sh and tests/e2e/run.sh: a private Speech Dispatcher for a test.
# speech_server DIR MODULE_LINE DEFAULT_MODULE starts one in DIR (config, a throw-away HOME, the
# socket DIR/sock), with its sound going to DIR/out.raw through ALSA's file plugin (raw 16-bit PCM)
# and the SSIP exchange logged (level 5) to DIR/run/speech-dispatcher/log/speech-dispatcher.log.
# Sets SPEECH_PID; returns non-zero when the socket does not appear.
speech_server() {
    local d=$1
    mkdir -p "$d/conf/modules" "$d/home" "$d/run"
    cp /etc/speech-dispatcher/modules/espeak-ng.conf "$d/conf/modules/" 2>/dev/null || true
    printf 'AudioOutputMethod "alsa"\n%s\nDefaultModule %s\n' "$2" "$3" >"$d/conf/speechd.conf"
    printf 'pcm.!default { type file; slave.pcm "null"; file "%s/out.raw"; format "raw" }\n' "$d" >"$d/home/.asoundrc"
    HOME=$d/home XDG_RUNTIME_DIR=$d/run speech-dispatcher -s -l 5 -t 0 -C "$d/conf" \
        -c unix_socket -S "$d/sock" >"$d/stdout.log" 2>&1 &
    SPEECH_PID=$!
    for _ in $(seq 50); do [ -S "$d/sock" ] && return 0; sleep 0.1; done
    return 1
}
