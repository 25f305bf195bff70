//! reachright-cases — what the desktop app does with a case, without a window.
//!
//! The Tauri shell's commands are one call into this crate each, so everything here runs and is
//! tested against a real SQLite store in a temporary folder, with time passed in as an argument.
//! [`models`] holds every type that crosses IPC; `ui/src/ipc/bindings.ts` is generated from it.

pub mod bindings;
pub mod cases;
pub mod drafts;
pub mod error;
pub mod intake;
pub mod models;
pub mod platforms;
pub mod settings;
pub mod status;
pub mod views;

pub use error::{Error, Result};
pub use reachright_store::Store;
