//! Read-aloud against a real Speech Dispatcher with espeak-ng (Linux). Run by tests/speech/run.sh,
//! which starts a private speech-dispatcher whose sound goes to a file and then checks that the file
//! holds speech: these tests only drive the engine the way the app does. Ignored in a plain
//! `cargo test` (no private speech server there); `REACHRIGHT_TEST_SPEECH` chooses the case.

#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use reachright_speech::{Error, Language, Speaker};

/// What the simple mode reads for a closed phone line (the script checks the sound's length).
const ANSWER: &str =
    "现在先找在线客服，把下面的情况告诉它。客服电话：4 0 0 8 0 0 1 2 3 4，明天9点开通。\
要准备的：1、订单号 2、付款截图";

fn case() -> Option<String> {
    std::env::var("REACHRIGHT_TEST_SPEECH").ok()
}

/// Waits while the engine reads (bounded, so a stuck engine fails the test instead of hanging it).
fn wait_until_quiet(s: &Speaker) {
    let start = Instant::now();
    let mut heard = false;
    while start.elapsed() < Duration::from_secs(60) {
        let speaking = s.is_speaking().unwrap();
        heard |= speaking;
        if heard && !speaking {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("the engine never finished reading (started: {heard})");
}

#[test]
#[ignore = "needs a private speech-dispatcher: tests/speech/run.sh"]
fn the_answer_is_read_in_mandarin() {
    if case().as_deref() != Some("voice") {
        return;
    }
    let s = Speaker::new();
    s.speak(ANSWER, Language::Chinese).unwrap();
    wait_until_quiet(&s);
}

#[test]
#[ignore = "needs a private speech-dispatcher: tests/speech/run.sh"]
fn stop_ends_the_reading() {
    if case().as_deref() != Some("voice") {
        return;
    }
    let s = Speaker::new();
    s.speak(&ANSWER.repeat(8), Language::Chinese).unwrap();
    let start = Instant::now();
    while !s.is_speaking().unwrap() && start.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(s.is_speaking().unwrap(), "the reading never began");
    s.stop().unwrap();
    let start = Instant::now();
    while s.is_speaking().unwrap() && start.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(!s.is_speaking().unwrap(), "still reading after stop");
}

#[test]
#[ignore = "needs a private speech-dispatcher: tests/speech/run.sh"]
fn an_engine_without_a_chinese_voice_says_so() {
    if case().as_deref() != Some("no_voice") {
        return;
    }
    let s = Speaker::new();
    let e = s.speak(ANSWER, Language::Chinese).unwrap_err();
    assert_eq!(e, Error::NoVoice(Language::Chinese));
    assert_eq!(e.code(), "speech_no_voice");
}

#[test]
#[ignore = "needs a private speech-dispatcher: tests/speech/run.sh"]
fn no_engine_at_all_says_so() {
    if case().as_deref() != Some("no_engine") {
        return;
    }
    let s = Speaker::new();
    let e = s.speak(ANSWER, Language::Chinese).unwrap_err();
    assert_eq!(e.code(), "speech_unavailable", "{e}");
}
