//! Writing a case: a new one from a form, with the title the home screen shows. Used by the app
//! (the wizard) and by the engine (an order watch that became a case).

use chrono::{DateTime, FixedOffset, SecondsFormat, Utc};
use reachright_core::Lang;
use reachright_store::{CaseRow, NewCase, Store};

use crate::error::{Error, Result};
use crate::intake::{scenario_of, Intake};
use crate::stored::context;

/// A moment as the store keeps it: RFC 3339 in UTC (`…Z`). The store orders and compares these
/// strings as text, which is right only when they all share one offset; the UI shows local time.
pub fn stamp(t: DateTime<FixedOffset>) -> String {
    t.with_timezone(&Utc)
        .to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A short title for the home screen: the product, else the start of the story.
pub fn title_of(intake: &Intake, lang: Lang) -> String {
    let pick = [&intake.product, &intake.story, &intake.order_id]
        .into_iter()
        .map(|s| s.trim())
        .find(|s| !s.is_empty());
    match pick {
        Some(s) if s.chars().count() > 24 => format!("{}…", s.chars().take(24).collect::<String>()),
        Some(s) => s.to_string(),
        None => lang.pick("未命名的问题", "Untitled problem").to_string(),
    }
}

/// The form as stored in the case's row.
pub fn to_json(intake: &Intake) -> Result<String> {
    serde_json::to_string(intake).map_err(|e| Error::invalid("intake", e.to_string()))
}

/// Refuse a form the engine cannot read, before anything is written.
pub fn check(store: &Store, intake: &Intake) -> Result<()> {
    scenario_of(intake, &context(store, intake, &[])?)?;
    Ok(())
}

/// A case opened by "waiting for a callback" before anything is written: only its platform, titled
/// after the wait (`等待某平台回电`), so the countdown, the tray and the reminder can start at once;
/// the story can follow by editing the case.
pub fn create_awaiting_call(
    store: &Store,
    platform_id: Option<String>,
    now: DateTime<FixedOffset>,
    lang: Lang,
) -> Result<CaseRow> {
    let intake = Intake {
        platform_id,
        ..Intake::default()
    };
    let name = context(store, &intake, &[])?.profile.name;
    check(store, &intake)?;
    Ok(store.create_case(&NewCase {
        at: stamp(now),
        title: lang.fill("等待{name}回电", "Callback from {name}", &[("name", &name)]),
        platform_id: intake.platform_id.clone(),
        intake_json: to_json(&intake)?,
    })?)
}

/// Save a form as a new case.
pub fn create(
    store: &Store,
    intake: &Intake,
    now: DateTime<FixedOffset>,
    lang: Lang,
) -> Result<CaseRow> {
    check(store, intake)?;
    Ok(store.create_case(&NewCase {
        at: stamp(now),
        title: title_of(intake, lang),
        platform_id: intake.platform_id.clone(),
        intake_json: to_json(intake)?,
    })?)
}
