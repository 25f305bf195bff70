//! Fuzz body: the story reader — arbitrary bytes as a story (lossy UTF-8, as the CLI and the
//! app read it) through normalisation, extraction, classification and a whole triage, and the
//! same bytes as scenario JSON. Oracle: no panic; a triage of a story always recommends.

use chrono::TimeZone;
use reachright_core::scenario::Scenario;
use reachright_core::Lang;

pub fn run(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let tz = reachright_tz::Tz::SHANGHAI;
    let Some(now) = tz.with_ymd_and_hms(2026, 11, 20, 15, 0, 0).single() else {
        return;
    };
    let _ = reachright_core::normalize::normalize(&text);
    let _ = reachright_core::extract::extract(&text, now);
    let _ = reachright_core::classify::classify(&text);
    let fixed = now.fixed_offset();
    if let Ok(s) = Scenario::from_value(&serde_json::json!({ "description": text })) {
        let t = reachright_core::triage::triage(&s, fixed, Lang::Zh);
        assert!(t.is_ok(), "a story alone always triages: {:?}", t.err());
    }
    if let Ok(s) = Scenario::from_json_str(&text) {
        let _ = reachright_core::triage::triage(&s, fixed, Lang::En);
    }
}
