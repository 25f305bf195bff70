//! The process's panic hook, for the app and the CLI: a panic is logged through `tracing` with
//! where it happened (file:line) and on which thread, and never with its message when that
//! message was formatted at run time — `expect` and `panic!` texts built from values can hold a
//! case's story, a name or a ticket's text. A fixed message written in the code (a `&'static
//! str` payload) is kept: it can hold nothing of the user's.
//!
//! The tracker's pass runs isolated ([`crate::runner::isolated`]), so a panic there is logged
//! here and the loop goes on with the next pass.

use std::panic::PanicHookInfo;

/// What is logged of one panic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PanicRecord {
    /// `file:line` of the panic, or `unknown`.
    pub location: String,
    /// The thread's name, or `unnamed`.
    pub thread: String,
    /// The message only when it is a fixed text from the code.
    pub message: Option<&'static str>,
}

/// The parts of a panic that are safe to log.
pub fn record(info: &PanicHookInfo<'_>) -> PanicRecord {
    PanicRecord {
        location: info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_else(|| "unknown".into()),
        thread: std::thread::current()
            .name()
            .unwrap_or("unnamed")
            .to_string(),
        message: info.payload().downcast_ref::<&'static str>().copied(),
    }
}

/// Replaces the default hook (which prints the whole message to stderr) for this process.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        let r = record(info);
        tracing::error!(
            target: "reachright::panic",
            location = %r.location,
            thread = %r.thread,
            message = r.message.unwrap_or("(not logged: it may hold the user's text)"),
            "panic"
        );
    }));
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[test]
    fn a_panic_is_recorded_by_place_and_thread_never_by_its_formatted_text() {
        static SEEN: Mutex<Vec<PanicRecord>> = Mutex::new(Vec::new());
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(|info| {
            // Other tests of this binary may panic meanwhile (on purpose): only this one's.
            let r = record(info);
            if r.thread == "tracker-pass" {
                if let Ok(mut seen) = SEEN.lock() {
                    seen.push(r);
                }
            }
        }));
        let story = String::from("订单号 20261120001，张三的退款");
        let worker = std::thread::Builder::new()
            .name("tracker-pass".into())
            .spawn(move || {
                let _ = std::panic::catch_unwind(|| panic!("cannot read case: {story}"));
                let _ = std::panic::catch_unwind(|| panic!("fixed text from the code"));
            })
            .expect("spawn");
        worker.join().expect("join");
        std::panic::set_hook(previous);
        let seen = SEEN.lock().expect("seen").clone();
        assert_eq!(seen.len(), 2, "{seen:?}");
        assert_eq!(seen[0].message, None, "a formatted message is not kept");
        assert!(!format!("{seen:?}").contains("张三"));
        assert_eq!(seen[1].message, Some("fixed text from the code"));
        for r in &seen {
            assert_eq!(r.thread, "tracker-pass");
            assert!(
                r.location.starts_with("crates/engine/src/panics.rs:"),
                "{r:?}"
            );
        }
    }
}
