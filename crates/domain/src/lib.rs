//! reachright-domain — the case domain, between the pure engine and the app.
//!
//! A case is stored as a form ([`Intake`]) in SQLite; this crate reads it back with its platform
//! profile, the user's standing there and the contact history ([`StoredCase`]), turns it into the
//! scenario the engine triages ([`intake::scenario_of`], [`stored::triage_form`]), and writes new
//! cases ([`record`]). It is the one place these rules live: the app's facade (reachright-api)
//! and the background engine (reachright-engine) both call it and neither writes its own reader.
//!
//! No views, no IPC, no I/O besides the store; time comes in as an argument.

pub mod error;
pub mod form_time;
pub mod intake;
pub mod record;
pub mod sent;
pub mod settings;
pub mod status;
pub mod stored;

pub use error::{Error, Result};
pub use intake::{Context, Intake};
pub use status::Status;
pub use stored::StoredCase;
