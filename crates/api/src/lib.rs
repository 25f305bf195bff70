//! reachright-api — the app facade: what the desktop app does, without a window.
//!
//! The Tauri shell's commands (and the CLI's subcommands) are one call into this crate each, so
//! everything here runs and is tested against a real SQLite store in a temporary folder. Each
//! call takes one [`Call`]: the store, the moment (read once per command, fixed in tests) and the
//! user's language. It reads and writes cases through reachright-domain, asks the
//! background engine (reachright-engine) for tracking, and answers with views: [`models`],
//! [`gallery`] and [`tracking::models`] hold every type that crosses IPC, and
//! `ui/src/ipc/bindings.ts` is generated from them. Nothing below this crate depends on it.

pub mod call;
pub mod cases;
pub mod drafts;
pub mod error;
pub mod evidence;
pub mod gallery;
pub mod mail;
pub mod models;
pub mod nudges;
pub mod platforms;
pub mod selfhelp;
pub mod settings;
pub mod share;
pub mod simple;
pub mod story;
pub mod tracking;
pub mod views;

// Only the test that writes ui/src/ipc/bindings.ts needs ts-rs, so the app is built without it.
#[cfg(test)]
mod bindings;

pub use call::Call;
pub use error::{Error, Result};
pub use reachright_domain::record::stamp;
pub use reachright_domain::{Intake, Status};
pub use reachright_store::Store;
