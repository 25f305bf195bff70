//! The commands the UI may call. Each is a few lines: read the state, call one function of
//! `reachright-cases`, return its result. Every name here is also listed in `build.rs` (the app
//! manifest) and granted in `capabilities/default.json`; anything not granted is refused.
//!
//! `(async)`: a plain `#[tauri::command] fn` runs on the main thread, which also draws the window;
//! these write to SQLite with fsync (and may wait on the CLI's lock), so they run on the async
//! runtime instead and the window stays responsive while the user types.

use std::path::PathBuf;

use reachright_cases::models::*;
use reachright_cases::{cases, drafts, platforms, settings, views};
use tauri::State;

use crate::error::{Error, Result};
use crate::state::AppState;

type St<'a> = State<'a, AppState>;

#[tauri::command(async)]
pub fn app_info(state: St) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        data_dir: state.store.dir().display().to_string(),
    }
}

#[tauri::command(async)]
pub fn vocabulary(state: St) -> Vocabulary {
    views::vocabulary(state.lang())
}

#[tauri::command(async)]
pub fn settings_get(state: St) -> Result<Settings> {
    Ok(settings::load(&state.store)?)
}

#[tauri::command(async)]
pub fn settings_save(state: St, settings: Settings) -> Result<Settings> {
    Ok(settings::save(&state.store, &settings)?)
}

#[tauri::command(async)]
pub fn read_story(state: St, intake: Intake) -> Result<StoryReading> {
    let ctx = cases::context(&state.store, &intake, &[])?;
    Ok(reachright_cases::intake::read_story(
        &intake,
        &ctx,
        state.now(),
        state.lang(),
    )?)
}

/// The live reading of a form; with `case_id`, the case's contact history counts too.
#[tauri::command(async)]
pub fn analyse(state: St, intake: Intake, case_id: Option<String>) -> Result<Analysis> {
    Ok(cases::analyse_with_history(
        &state.store,
        &intake,
        case_id.as_deref(),
        state.now(),
        state.lang(),
    )?)
}

#[tauri::command(async)]
pub fn case_create(state: St, intake: Intake) -> Result<CaseDetail> {
    Ok(cases::create(
        &state.store,
        &intake,
        state.now(),
        state.lang(),
    )?)
}

#[tauri::command(async)]
pub fn case_update(state: St, id: String, intake: Intake) -> Result<CaseDetail> {
    Ok(cases::update(
        &state.store,
        &id,
        &intake,
        state.now(),
        state.lang(),
    )?)
}

#[tauri::command(async)]
pub fn case_list(state: St) -> Result<Vec<CaseSummary>> {
    Ok(cases::list(&state.store, state.now(), state.lang())?)
}

#[tauri::command(async)]
pub fn case_get(state: St, id: String) -> Result<CaseDetail> {
    Ok(cases::detail(&state.store, &id, state.now(), state.lang())?)
}

#[tauri::command(async)]
pub fn case_set_status(state: St, id: String, status: String) -> Result<CaseDetail> {
    Ok(cases::set_status(
        &state.store,
        &id,
        &status,
        state.now(),
        state.lang(),
    )?)
}

#[tauri::command(async)]
pub fn case_delete(state: St, id: String) -> Result<()> {
    Ok(cases::delete(&state.store, &id)?)
}

#[tauri::command(async)]
pub fn contact_log(state: St, id: String, contact: ContactInput) -> Result<CaseDetail> {
    Ok(cases::log_contact(
        &state.store,
        &id,
        &contact,
        state.now(),
        state.lang(),
    )?)
}

#[tauri::command(async)]
pub fn reminder_add(
    state: St,
    id: String,
    due_at: String,
    kind: String,
    message: String,
) -> Result<CaseDetail> {
    Ok(cases::add_reminder(
        &state.store,
        &id,
        &due_at,
        &kind,
        &message,
        state.now(),
        state.lang(),
    )?)
}

#[tauri::command(async)]
pub fn reminders_pending(state: St) -> Result<Vec<ReminderView>> {
    Ok(cases::pending_reminders(&state.store)?)
}

#[tauri::command(async)]
pub fn reminder_done(state: St, reminder_id: i64) -> Result<()> {
    Ok(state.store.complete_reminder(reminder_id)?)
}

#[tauri::command(async)]
pub fn draft_save(state: St, key: String, body: String) -> Result<()> {
    Ok(drafts::save(&state.store, &key, &body, state.now())?)
}

#[tauri::command(async)]
pub fn draft_load(state: St, key: String) -> Result<Option<Draft>> {
    Ok(drafts::load(&state.store, &key)?)
}

#[tauri::command(async)]
pub fn draft_discard(state: St, key: String) -> Result<()> {
    Ok(drafts::discard(&state.store, &key)?)
}

#[tauri::command(async)]
pub fn platform_list(state: St) -> Result<Vec<PlatformEntry>> {
    Ok(platforms::list(&state.store)?)
}

#[tauri::command(async)]
pub fn platform_default() -> Result<ProfileForm> {
    Ok(platforms::default_form()?)
}

#[tauri::command(async)]
pub fn platform_save(state: St, entry: PlatformEntry) -> Result<PlatformEntry> {
    Ok(platforms::save(&state.store, &entry, state.now())?)
}

#[tauri::command(async)]
pub fn platform_delete(state: St, id: String) -> Result<()> {
    Ok(platforms::delete(&state.store, &id)?)
}

#[tauri::command(async)]
pub fn platform_import(state: St, toml: String) -> Result<PlatformEntry> {
    Ok(platforms::import(&state.store, &toml, state.now())?)
}

/// Write the profile as a `.toml` file into the user's Downloads folder (the data folder when
/// there is none) and return its text and path.
#[tauri::command(async)]
pub fn platform_export(state: St, id: String) -> Result<ExportedProfile> {
    let toml = platforms::export(&state.store, &id)?;
    let name = platforms::get(&state.store, &id)?.profile.name;
    let dir = dirs::download_dir().unwrap_or_else(|| state.store.dir().to_path_buf());
    let path = export_path(&dir, &name);
    std::fs::write(&path, &toml).map_err(|e| Error::Io {
        path: path.display().to_string(),
        reason: e.to_string(),
    })?;
    Ok(ExportedProfile {
        toml,
        path: path.display().to_string(),
    })
}

/// A file name from a platform name that cannot escape the folder: path separators and other
/// characters file systems refuse become `_`.
pub fn export_path(dir: &std::path::Path, name: &str) -> PathBuf {
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(60)
        .collect();
    let safe = if safe.trim_matches('_').is_empty() {
        "platform".to_string()
    } else {
        safe
    };
    dir.join(format!("{safe}.reachright-profile.toml"))
}
