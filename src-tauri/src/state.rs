//! The one piece of state the shell manages: the open store. Time and language are read per call
//! (the clock here, the language from the user's settings) and passed down as arguments.

use chrono::{DateTime, FixedOffset};
use reachright_cases::settings;
use reachright_core::Lang;
use reachright_store::Store;

pub struct AppState {
    pub store: Store,
}

impl AppState {
    pub fn new(store: Store) -> Self {
        AppState { store }
    }

    /// The moment a command runs, with the machine's offset; the engine converts it to the
    /// platform's time zone.
    pub fn now(&self) -> DateTime<FixedOffset> {
        chrono::Local::now().fixed_offset()
    }

    /// The language of engine sentences; a broken settings row falls back to Chinese.
    pub fn lang(&self) -> Lang {
        settings::lang(&self.store).unwrap_or(Lang::Zh)
    }
}
