//! ReachRight (售后直达) desktop shell. Everything the app knows lives in the crates
//! (`reachright-core`, `-store`, `-cases`); this crate opens the store in the OS data folder,
//! registers the commands and plugins, and starts the window. `build_app` is generic over the
//! runtime so the commands are tested with Tauri's mock runtime, without a window.

pub mod commands;
pub mod error;
pub mod state;

use reachright_store::Store;
use tauri::{Manager, Runtime};

pub use state::AppState;

/// Everything but the context and the state: plugins and the command handler.
pub fn build_app<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_clipboard_manager::init())
        .plugin(tauri_plugin_dialog::init())
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::vocabulary,
            commands::settings_get,
            commands::settings_save,
            commands::read_story,
            commands::analyse,
            commands::case_create,
            commands::case_update,
            commands::case_list,
            commands::case_get,
            commands::case_set_status,
            commands::case_delete,
            commands::contact_log,
            commands::reminder_add,
            commands::reminders_pending,
            commands::reminder_done,
            commands::draft_save,
            commands::draft_load,
            commands::draft_discard,
            commands::platform_list,
            commands::platform_default,
            commands::platform_save,
            commands::platform_delete,
            commands::platform_import,
            commands::platform_export,
            commands::vault_status,
            commands::vault_unlock,
            commands::evidence_list,
            commands::evidence_import_paths,
            commands::evidence_import_bytes,
            commands::evidence_update,
            commands::evidence_remove,
            commands::evidence_image,
            commands::evidence_verify,
            commands::evidence_export,
        ])
}

/// Start the app: the store in `REACHRIGHT_DATA_DIR`, else the OS data folder of the app
/// (e.g. `~/.local/share/cn.reachright.desktop`).
pub fn run() {
    // The state is managed in `setup`: the OS data folder is known only once the app exists.
    let builder = tauri::Builder::default().setup(|app| {
        let default = app.path().app_data_dir().ok();
        let dir = reachright_store::resolve_data_dir(default)?;
        let store = Store::open(&dir)?;
        app.manage(AppState::new(store));
        // The vault opens beside the window: reaching the keychain over D-Bus may take a moment,
        // and commands that need it wait for this attempt.
        let handle = app.handle().clone();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let state = handle.state::<AppState>();
            let _busy = state.begin_opening();
            let _ = tx.send(());
            state.open_vault_locked(reachright_vault::Unlock::system());
        });
        let _ = rx.recv();
        Ok(())
    });
    let result = build_app(builder).run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("ReachRight could not start: {e}");
        std::process::exit(1);
    }
}
