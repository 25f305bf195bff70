//! ReachRight (售后直达) desktop shell. Everything the app knows lives in the crates
//! (`reachright-core`, `-store`, `-cases`, `-tracking`); this crate opens the store in the OS data folder,
//! registers the commands and plugins, starts the window, the tray and the tracker loop
//! ([`background`]). `build_app` is generic over the
//! runtime so the commands are tested with Tauri's mock runtime, without a window.

pub mod background;
pub mod clipboard;
pub mod commands;
pub mod error;
pub mod links;
pub mod mail;
pub mod single_instance;
pub mod startup;
pub mod state;
pub mod tracking;
pub mod tray;
pub mod ui_events;
pub mod webview2;

use tauri::{Manager, Runtime};

pub use state::AppState;

/// Everything but the context and the state: plugins and the command handler.
pub fn build_app<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    // Copying goes through GTK on Linux (see `clipboard`); the plugin serves the other systems.
    #[cfg(not(target_os = "linux"))]
    let builder = builder.plugin(tauri_plugin_clipboard_manager::init());
    builder.invoke_handler(tauri::generate_handler![
        commands::app_info,
        commands::vocabulary,
        commands::settings_get,
        commands::settings_save,
        commands::read_story,
        commands::simple_answer,
        commands::speak,
        commands::speak_stop,
        commands::analyse,
        commands::case_create,
        commands::case_update,
        commands::case_list,
        commands::case_get,
        commands::case_timeline,
        commands::copy_text,
        commands::open_link,
        commands::case_to_phone,
        commands::platform_quick_add,
        commands::home_nudges,
        commands::case_set_status,
        commands::case_delete,
        commands::contact_log,
        commands::selfhelp_get,
        commands::selfhelp_search,
        commands::selfhelp_resolve,
        commands::selfhelp_resolve_new,
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
        commands::pick_files,
        commands::evidence_import_paths,
        commands::evidence_import_bytes,
        commands::evidence_update,
        commands::evidence_remove,
        commands::evidence_image,
        commands::evidence_thumbnail,
        commands::evidence_verify,
        commands::evidence_export,
        tracking::helpdesk_list,
        tracking::helpdesk_add,
        tracking::helpdesk_remove,
        tracking::tracking_panel,
        tracking::ticket_create,
        tracking::ticket_record,
        tracking::ticket_set_status,
        tracking::ticket_resume,
        tracking::callback_request,
        tracking::callback_await,
        tracking::callback_outcome,
        tracking::order_watch_list,
        tracking::order_watch_add,
        tracking::order_watch_confirm,
        tracking::order_watch_dismiss,
        tracking::order_watch_open_case,
        tracking::notification_list,
        tracking::notification_unread,
        ui_events::ui_events,
        tracking::notification_read,
        tracking::notification_read_all,
        tracking::notify_prefs_get,
        tracking::notify_prefs_save,
        mail::mail_presets,
        mail::mail_preset_for,
        mail::mail_account_list,
        mail::mail_account_save,
        mail::mail_account_remove,
        mail::mail_test,
        mail::mail_send,
        mail::case_mail,
    ])
}

/// Start the app: the store in `REACHRIGHT_DATA_DIR`, else the OS data folder of the app
/// (e.g. `~/.local/share/cn.reachright.desktop`).
pub fn run() {
    // Before Tauri: without WebView2 it would show its own English box and exit.
    #[cfg(windows)]
    {
        if !webview2::present_or_explain() {
            std::process::exit(1);
        }
    }
    // The data is opened before the window: when it cannot be, the user is told why and the app
    // stops (see startup.rs).
    let store = startup::open_store().unwrap_or_else(|why| startup::refuse(&why));
    // First plugin, as the plugin asks: a second launch focuses this window and exits.
    let builder = tauri::Builder::default()
        .plugin(single_instance::plugin())
        .on_window_event(|window, event| match event {
            tauri::WindowEvent::CloseRequested { api, .. } => tray::on_close_requested(window, api),
            // Files dropped on the window are handed over by the user: they may be imported.
            tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) => {
                window.state::<AppState>().grant(paths.iter().cloned());
            }
            _ => {}
        })
        .setup(move |app| {
            app.manage(AppState::new(store));
            // The vault opens when a command first needs it (evidence, never the first screen):
            // reaching the keychain over D-Bus then costs neither start-up time nor memory.
            app.state::<AppState>()
                .open_vault_on_first_use(reachright_vault::Unlock::system);
            // Tracking runs in the background for as long as the app does (in the tray when the
            // window is closed). Without a tray (no status-notifier host) closing the window quits.
            if let Err(e) = tray::build(app.handle()) {
                eprintln!("ReachRight: no tray icon ({e}); closing the window quits");
            }
            Ok(())
        })
        // The tracker's first pass reads every open case; it starts once the page has loaded, so
        // it never competes with the first screen for the CPU or the store.
        .on_page_load(|webview, payload| {
            if matches!(payload.event(), tauri::webview::PageLoadEvent::Finished) {
                background::spawn_once(webview.app_handle());
            }
        });
    let result = build_app(builder).run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("ReachRight could not start: {e}");
        std::process::exit(1);
    }
}
