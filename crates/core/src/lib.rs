//! reachright-core — the triage engine of ReachRight (售后直达).
//!
//! Pure code: no I/O, no clock, no globals that change. Time comes in as an argument so every rule of
//! `domain.md` can be tested at a fixed moment. The desktop app and `reachright-cli` are thin layers
//! over [`triage::triage`] and [`compose::compose`].

pub mod calendar;
pub mod calibration;
pub mod classify;
pub mod compose;
pub mod describe;
pub mod error;
pub mod extract;
pub mod hant;
pub mod lang;
pub mod money;
pub mod normalize;
pub mod prepare;
pub mod profile;
pub mod recommend;
pub mod scenario;
pub mod taxonomy;
pub mod triage;

pub use error::{Error, Result};
pub use lang::Lang;
pub use money::Money;
pub use profile::PlatformProfile;
pub use taxonomy::{Channel, Group, Outcome, ProblemType};
