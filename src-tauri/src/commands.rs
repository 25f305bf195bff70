//! The commands the UI may call. Each is a few lines: read the state, call one function of
//! `reachright-api`, return its result. Every name here is also listed in `build.rs` (the app
//! manifest) and granted in `capabilities/default.json`; anything not granted is refused.
//!
//! `(async)`: a plain `#[tauri::command] fn` runs on the main thread, which also draws the window;
//! these write to SQLite with fsync (and may wait on the CLI's lock), so they run on the async
//! runtime instead and the window stays responsive while the user types.

use std::path::PathBuf;

use reachright_api::gallery::{
    self, EvidenceView, ExportResult, Gallery, ImportOutcome, VaultStatus, VerifyReport,
};
use reachright_api::models::*;
use reachright_api::{cases, drafts, platforms, selfhelp, settings, views};
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
    let saved = settings::save(&state.store, &settings)?;
    state.set_lang(reachright_core::Lang::parse(&saved.lang).unwrap_or(reachright_core::Lang::Zh));
    Ok(saved)
}

#[tauri::command(async)]
pub fn read_story(state: St, intake: Intake) -> Result<StoryReading> {
    Ok(reachright_api::story::read_story(&state.call(), &intake)?)
}

/// 长辈模式: the one answer screen for a tile or a story.
#[tauri::command(async)]
pub fn simple_answer(
    state: St,
    ask: reachright_api::simple::SimpleAsk,
) -> Result<reachright_api::simple::SimpleAnswer> {
    Ok(reachright_api::simple::answer(&state.call(), &ask)?)
}

/// 朗读: reads the text aloud in the app's language with the OS speech engine.
#[tauri::command(async)]
pub fn speak(state: St, text: String) -> Result<()> {
    let lang = reachright_speech::Language::from_app(&settings::load(&state.store)?.lang);
    Ok(state.speaker.speak(&text, lang)?)
}

/// Stops the reading.
#[tauri::command(async)]
pub fn speak_stop(state: St) -> Result<()> {
    Ok(state.speaker.stop()?)
}

/// The live reading of a form; with `case_id`, the case's contact history counts too.
#[tauri::command(async)]
pub fn analyse(state: St, intake: Intake, case_id: Option<String>) -> Result<Analysis> {
    Ok(cases::analyse_with_history(
        &state.call(),
        &intake,
        case_id.as_deref(),
    )?)
}

#[tauri::command(async)]
pub fn case_create(state: St, intake: Intake) -> Result<CaseDetail> {
    Ok(cases::create(&state.call(), &intake)?)
}

#[tauri::command(async)]
pub fn case_update(state: St, id: String, intake: Intake) -> Result<CaseDetail> {
    Ok(cases::update(&state.call(), &id, &intake)?)
}

#[tauri::command(async)]
pub fn case_list(
    state: St,
    offset: Option<u32>,
    limit: Option<u32>,
    query: Option<String>,
) -> Result<Vec<CaseSummary>> {
    let offset = offset.unwrap_or(0);
    // With words to look for: the matching cases, a page at a time (50 when no limit is given).
    if let Some(query) = query.as_deref().filter(|q| !q.trim().is_empty()) {
        return Ok(cases::search(
            &state.call(),
            query,
            offset,
            limit.unwrap_or(50),
        )?);
    }
    // Without a limit: every case, as before paging (the CLI-like callers and old UIs).
    Ok(match limit {
        Some(limit) => cases::list_page(&state.call(), offset, limit)?,
        None => cases::list(&state.call())?,
    })
}

/// The home screen's nudges (several failed recharges within a day).
#[tauri::command(async)]
pub fn home_nudges(state: St) -> Result<Vec<reachright_api::nudges::Nudge>> {
    Ok(reachright_api::nudges::home(&state.call())?)
}

/// "发到手机": the number, the opening message and the questions as text and a QR code.
#[tauri::command(async)]
pub fn case_to_phone(state: St, id: String) -> Result<reachright_api::share::PhoneHandoff> {
    Ok(reachright_api::share::to_phone(&state.call(), &id)?)
}

#[tauri::command(async)]
pub fn case_get(state: St, id: String) -> Result<CaseDetail> {
    Ok(cases::detail(&state.call(), &id)?)
}

#[tauri::command(async)]
/// The 复制 buttons' text onto the system clipboard (async: it waits for the window's thread).
pub fn copy_text<R: tauri::Runtime>(app: tauri::AppHandle<R>, text: String) -> Result<()> {
    crate::clipboard::write_text(&app, text)
}

/// Opens a web, mail or phone link with the user's program for it (`links::openable`).
#[tauri::command(async)]
pub fn open_link(url: String) -> Result<()> {
    crate::links::open(&url)
}

#[tauri::command(async)]
/// Earlier history of a case: `limit` entries before the `skip` newest, oldest first.
pub fn case_timeline(state: St, id: String, skip: u32, limit: u32) -> Result<Vec<TimelineEntry>> {
    Ok(cases::timeline_page(&state.call(), &id, skip, limit)?)
}

#[tauri::command(async)]
pub fn case_set_status(state: St, id: String, status: String) -> Result<CaseDetail> {
    Ok(cases::set_status(&state.call(), &id, &status)?)
}

#[tauri::command(async)]
/// Deletes the case (its rows go with it) and, when the vault is open, the encrypted files only
/// it used. The vault never deletes a file it cannot prove orphaned: when it is locked now, the
/// case's files stay on disk (counted as unreferenced) rather than risk another copy's evidence.
pub fn case_delete(state: St, id: String) -> Result<()> {
    cases::delete(&state.store, &id)?;
    if let Some(vault) = state.open_vault_now() {
        // The case is gone either way; a file left here is kept, never lost.
        if let Err(e) = vault.prune() {
            tracing::warn!(
                code = e.code(),
                "removing the deleted case's evidence files failed"
            );
        }
    }
    Ok(())
}

#[tauri::command(async)]
pub fn contact_log(state: St, id: String, contact: ContactInput) -> Result<CaseDetail> {
    Ok(cases::log_contact(&state.call(), &id, &contact)?)
}

/// The self-help entry ("先试试这几步") of a problem type.
#[tauri::command(async)]
pub fn selfhelp_get(state: St, problem_type: String) -> Result<SelfHelpEntry> {
    Ok(selfhelp::get(&state.call(), &problem_type)?)
}

/// The 帮助 screen's search: matching entries, best first (all for an empty query).
#[tauri::command(async)]
pub fn selfhelp_search(state: St, query: String) -> Result<SelfHelpSearch> {
    Ok(selfhelp::search(&state.call(), &query)?)
}

/// "这样解决了" on a saved case: resolved without a contact, with a timeline note.
#[tauri::command(async)]
pub fn selfhelp_resolve(state: St, id: String) -> Result<CaseDetail> {
    Ok(selfhelp::resolve_case(&state.call(), &id)?)
}

/// "这样解决了" in the wizard: the case is saved, already resolved.
#[tauri::command(async)]
pub fn selfhelp_resolve_new(state: St, intake: Intake) -> Result<CaseDetail> {
    Ok(selfhelp::resolve_new(&state.call(), &intake)?)
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
        &state.call(),
        &id,
        &due_at,
        &kind,
        &message,
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
    Ok(drafts::save(&state.call(), &key, &body)?)
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

/// A platform added in one step: a name and whatever the user has (link, e-mail, phone, QQ).
#[tauri::command(async)]
pub fn platform_quick_add(state: St, name: String, contact: String) -> Result<PlatformEntry> {
    Ok(platforms::quick_add(&state.call(), &name, &contact)?)
}

#[tauri::command(async)]
pub fn platform_save(state: St, entry: PlatformEntry) -> Result<PlatformEntry> {
    Ok(platforms::save(&state.call(), &entry)?)
}

#[tauri::command(async)]
pub fn platform_delete(state: St, id: String) -> Result<()> {
    Ok(platforms::delete(&state.store, &id)?)
}

#[tauri::command(async)]
pub fn platform_import(state: St, toml: String) -> Result<PlatformEntry> {
    Ok(platforms::import(&state.call(), &toml)?)
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
    let safe = reachright_vault::safe_file_stem(name);
    let safe = if safe.trim_matches('_').is_empty() {
        "platform".to_string()
    } else {
        safe
    };
    dir.join(format!("{safe}.reachright-profile.toml"))
}

// ---- Evidence (the vault). Imports, thumbnails and hashing run here, off the UI thread. ----

/// Whether the vault is open, how it is protected, and what the start-up check found.
#[tauri::command(async)]
pub fn vault_status(state: St) -> VaultStatus {
    state.vault_status()
}

/// Opens (or, on first use without a keychain, sets up) the vault with the user's passphrase.
#[tauri::command(async)]
pub fn vault_unlock(state: St, passphrase: String) -> VaultStatus {
    state.unlock_with_passphrase(passphrase)
}

#[tauri::command(async)]
pub fn evidence_list(state: St, case_id: String) -> Result<Gallery> {
    Ok(gallery::gallery(&state.call(), &*state.vault()?, &case_id)?)
}

/// The native "open files" dialog, shown from here so that what the user picks is known on this
/// side: only those files (and files dropped on the window) can be imported. Cancel gives [].
#[tauri::command(async)]
pub fn pick_files<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: St,
    title: String,
    images_label: String,
    all_label: String,
) -> Result<Vec<String>> {
    // Through rfd, which the app already uses for its message boxes: the dialog plugin would add its
    // commands and the file-system plugin it depends on for this one dialog. The dialog is made on
    // the window's thread (GTK's) and waited for on another, as the plugin does.
    let (done, wait) = std::sync::mpsc::channel();
    app.run_on_main_thread(move || {
        let dialog = rfd::AsyncFileDialog::new()
            .set_title(title)
            .add_filter(images_label, &["png", "jpg", "jpeg", "gif", "webp", "bmp"])
            .add_filter(all_label, &["*"])
            .pick_files();
        std::thread::spawn(move || {
            let _ = done.send(tauri::async_runtime::block_on(dialog));
        });
    })
    .map_err(|e| Error::Dialog(e.to_string()))?;
    let picked = wait
        .recv()
        .map_err(|_| Error::Dialog("the dialog ended without an answer".into()))?
        .unwrap_or_default();
    let paths: Vec<PathBuf> = picked.iter().map(|f| f.path().to_path_buf()).collect();
    state.grant(paths.iter().cloned());
    Ok(paths.iter().map(|p| p.display().to_string()).collect())
}

/// Files the user picked ([`pick_files`]) or dropped on the window: one outcome per file. Any
/// other path is refused whole (`path_not_granted`), so a page cannot make the app read files.
#[tauri::command(async)]
pub fn evidence_import_paths(
    state: St,
    case_id: String,
    paths: Vec<String>,
    kind: String,
    caption: String,
) -> Result<Vec<ImportOutcome>> {
    state.check_granted(&paths)?;
    Ok(gallery::import_paths(
        &state.call(),
        &*state.vault()?,
        &case_id,
        &paths,
        &gallery::labels(&kind, &caption)?,
    )?)
}

/// An image pasted from the clipboard, as base64 (a `data:` URL is accepted too).
#[tauri::command(async)]
pub fn evidence_import_bytes(
    state: St,
    case_id: String,
    name: String,
    base64: String,
    kind: String,
    caption: String,
) -> Result<ImportOutcome> {
    Ok(gallery::import_base64(
        &state.call(),
        &*state.vault()?,
        &case_id,
        &name,
        &base64,
        &gallery::labels(&kind, &caption)?,
    )?)
}

#[tauri::command(async)]
pub fn evidence_update(
    state: St,
    id: String,
    kind: String,
    caption: String,
) -> Result<EvidenceView> {
    Ok(gallery::update(
        &state.call(),
        &*state.vault()?,
        &id,
        &kind,
        &caption,
    )?)
}

#[tauri::command(async)]
pub fn evidence_remove(state: St, id: String) -> Result<()> {
    Ok(gallery::remove(&state.call(), &*state.vault()?, &id)?)
}

/// The full-size file as raw bytes (no JSON, no base64); the UI shows it from a blob URL.
#[tauri::command(async)]
pub fn evidence_image(state: St, id: String) -> Result<tauri::ipc::Response> {
    let (_mime, bytes) = gallery::image(&*state.vault()?, &id)?;
    Ok(tauri::ipc::Response::new(bytes))
}

/// One thumbnail a gallery did not send inline (`thumbnail_later`), as a `data:` URL.
#[tauri::command(async)]
pub fn evidence_thumbnail(state: St, id: String) -> Result<Option<String>> {
    Ok(gallery::thumbnail(&*state.vault()?, &id)?)
}

#[tauri::command(async)]
pub fn evidence_verify(state: St, case_id: String) -> Result<VerifyReport> {
    Ok(gallery::verify(&state.call(), &*state.vault()?, &case_id)?)
}

/// Writes the case's zip to the Downloads folder (the data folder when there is none), location
/// stripped unless `keep_location`, then shows it in the file manager; `revealed` says whether
/// that worked (else the UI shows the path to copy). Revealing is done here, not from the page,
/// so the page needs no permission to reveal arbitrary paths.
#[tauri::command(async)]
pub fn evidence_export(state: St, case_id: String, keep_location: bool) -> Result<ExportResult> {
    let dir = state.export_dir();
    let result = gallery::export(
        &state.call(),
        &*state.vault()?,
        &case_id,
        &dir,
        keep_location,
    )?;
    // A missing file manager must not fail the export: the UI then shows the path to copy.
    let revealed = crate::links::reveal(&PathBuf::from(&result.path));
    Ok(ExportResult { revealed, ..result })
}
