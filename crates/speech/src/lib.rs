//! reachright-speech — 朗读: text read aloud by the operating system's own speech engine (Speech
//! Dispatcher on Linux, WinRT/SAPI on Windows, AVSpeechSynthesizer on macOS) through the `tts`
//! crate, in the language asked for, with a stop.
//!
//! The engine handle of `tts` is not `Send` and some engines want to stay on the thread that
//! opened them, so one thread of its own owns it; [`Speaker`] sends it jobs and waits for the
//! answer. The engine is opened on the first job, not at start-up: an app on a machine without
//! speech starts as usual and says so only when asked to read.
//!
//! Nothing is logged: the text is the user's case.

mod voice;

use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Mutex;

pub use voice::{pick_voice, Language};

/// The most text one request reads (a whole answer screen is about 600 characters).
pub const MAX_CHARS: usize = 4000;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    /// No speech engine answers (Linux: Speech Dispatcher not installed or not starting).
    #[error("no speech engine is available: {0}")]
    Unavailable(String),
    /// The engine runs but has no voice for the language.
    #[error("no {0} voice is installed")]
    NoVoice(Language),
    /// Nothing to read, or too much.
    #[error("the text to read {0}")]
    Text(String),
    /// The engine refused the request.
    #[error("the speech engine failed: {0}")]
    Failed(String),
}

impl Error {
    /// A stable code the UI chooses its sentence by.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Unavailable(_) => "speech_unavailable",
            Error::NoVoice(_) => "speech_no_voice",
            Error::Text(_) => "speech_text",
            Error::Failed(_) => "speech_failed",
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;

enum Job {
    Speak(String, Language, Sender<Result<()>>),
    Stop(Sender<Result<()>>),
    Speaking(Sender<Result<bool>>),
}

/// The read-aloud service: one engine thread, shared by every caller.
pub struct Speaker {
    jobs: Mutex<Sender<Job>>,
}

impl Default for Speaker {
    fn default() -> Self {
        Self::new()
    }
}

impl Speaker {
    /// Starts the engine thread (the engine itself opens on the first request).
    pub fn new() -> Self {
        let (tx, rx) = mpsc::channel();
        std::thread::Builder::new()
            .name("speech".into())
            .spawn(move || engine_thread(rx))
            .ok();
        Speaker {
            jobs: Mutex::new(tx),
        }
    }

    /// Reads `text` aloud in `lang`, interrupting whatever is being read; returns once the engine
    /// has taken it (reading goes on in the background).
    pub fn speak(&self, text: &str, lang: Language) -> Result<()> {
        let text = text.trim();
        if text.is_empty() {
            return Err(Error::Text("is empty".into()));
        }
        let n = text.chars().count();
        if n > MAX_CHARS {
            return Err(Error::Text(format!(
                "has {n} characters, more than {MAX_CHARS}"
            )));
        }
        self.ask(|tx| Job::Speak(text.to_string(), lang, tx))
    }

    /// Stops reading (nothing happens when nothing is being read).
    pub fn stop(&self) -> Result<()> {
        self.ask(Job::Stop)
    }

    /// The engine is reading now.
    pub fn is_speaking(&self) -> Result<bool> {
        self.ask(Job::Speaking)
    }

    fn ask<T>(&self, job: impl FnOnce(Sender<Result<T>>) -> Job) -> Result<T> {
        let (tx, rx) = mpsc::channel();
        let gone = || Error::Unavailable("the speech thread has stopped".into());
        self.jobs
            .lock()
            .map_err(|_| gone())?
            .send(job(tx))
            .map_err(|_| gone())?;
        rx.recv().map_err(|_| gone())?
    }
}

fn engine_thread(jobs: Receiver<Job>) {
    let mut engine: Option<tts::Tts> = None;
    let mut voice_of: Option<Language> = None;
    for job in jobs {
        match job {
            Job::Speak(text, lang, reply) => {
                let r = open(&mut engine).and_then(|tts| {
                    if voice_of != Some(lang) {
                        choose_voice(tts, lang)?;
                        voice_of = Some(lang);
                    }
                    tts.speak(text, true)
                        .map(|_| ())
                        .map_err(|e| Error::Failed(e.to_string()))
                });
                let _ = reply.send(r);
            }
            Job::Stop(reply) => {
                // Nothing opened means nothing is being read.
                let r = match engine.as_mut() {
                    Some(tts) => tts
                        .stop()
                        .map(|_| ())
                        .map_err(|e| Error::Failed(e.to_string())),
                    None => Ok(()),
                };
                let _ = reply.send(r);
            }
            Job::Speaking(reply) => {
                let r = match engine.as_ref() {
                    Some(tts) => tts.is_speaking().map_err(|e| Error::Failed(e.to_string())),
                    None => Ok(false),
                };
                let _ = reply.send(r);
            }
        }
    }
}

fn open(engine: &mut Option<tts::Tts>) -> Result<&mut tts::Tts> {
    if engine.is_none() {
        *engine = Some(tts::Tts::default().map_err(|e| Error::Unavailable(e.to_string()))?);
    }
    engine
        .as_mut()
        .ok_or_else(|| Error::Unavailable("no engine".into()))
}

/// The engine's best voice for the language; none is an error, never a voice of another language
/// reading Chinese as letters.
fn choose_voice(tts: &mut tts::Tts, lang: Language) -> Result<()> {
    if !tts.supported_features().voice {
        // An engine that cannot list voices reads in the system's language; nothing to check.
        return Ok(());
    }
    let voices = tts.voices().map_err(|e| Error::Failed(e.to_string()))?;
    let described: Vec<(String, String)> = voices
        .iter()
        .map(|v| (v.name(), v.language().to_string()))
        .collect();
    let i = pick_voice(&described, lang).ok_or(Error::NoVoice(lang))?;
    tts.set_voice(&voices[i])
        .map_err(|e| Error::Failed(e.to_string()))
}
