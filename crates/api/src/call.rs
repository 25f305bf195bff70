//! What every facade call runs with: the store, the moment of the call and the user's language.
//!
//! The shell builds one per command (`AppState::call`, the language cached there), the CLI one per
//! subcommand, tests one per fixed moment. Reading the clock once per call means every rule a
//! command applies sees the same "now". Not to be confused with the case's [`crate::Intake`]
//! context (`reachright_domain::Context`: platform, VIP, history), which is about the case.

use chrono::{DateTime, FixedOffset};
use reachright_core::Lang;
use reachright_store::Store;

#[derive(Clone, Copy)]
pub struct Call<'a> {
    pub store: &'a Store,
    /// The moment of the call, with the machine's offset; rules convert it to the platform's zone.
    pub now: DateTime<FixedOffset>,
    /// The language of the sentences the call returns.
    pub lang: Lang,
}

impl<'a> Call<'a> {
    pub fn new(store: &'a Store, now: DateTime<FixedOffset>, lang: Lang) -> Self {
        Call { store, now, lang }
    }
}
