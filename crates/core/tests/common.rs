//! Shared helpers for the integration tests: run a scenario written as JSON through the engine.
#![allow(clippy::unwrap_used)] // a test that cannot set up should fail loudly
#![allow(dead_code)]

use chrono::DateTime;
use reachright_core::scenario::Scenario;
use reachright_core::triage::{triage, Triage};
use reachright_core::Lang;
use serde_json::Value;

/// A fixed clock for scenarios without `now` (tests never read the real clock).
pub const FALLBACK_NOW: &str = "2026-11-25T12:00:00+08:00";

pub fn run(value: &Value) -> Triage {
    let scenario =
        Scenario::from_value(value).unwrap_or_else(|e| panic!("bad scenario {value}: {e}"));
    let now = DateTime::parse_from_rfc3339(FALLBACK_NOW).unwrap();
    triage(&scenario, now, Lang::Zh).unwrap_or_else(|e| panic!("triage failed for {value}: {e}"))
}

pub fn result_json(value: &Value) -> Value {
    serde_json::to_value(&run(value).result).unwrap()
}

/// Where `shared/` lives: beside the repository, or where REACHRIGHT_SHARED_DIR points.
pub fn shared_dir() -> std::path::PathBuf {
    if let Ok(dir) = std::env::var("REACHRIGHT_SHARED_DIR") {
        return dir.into();
    }
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}
