//! The tray: 打开 / the next callback's countdown (refreshed every minute and after each tracker
//! pass) / 退出. Closing the window hides it while tracking continues (the first time, the page is
//! told so, [`UiEvent::TrayHidden`], and shows a hint when the window is back); quitting from the
//! tray exits.

use std::time::Duration;

use reachright_api::tracking::{TrayHint, UiEvent};
use tauri::menu::{Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Manager, Runtime, Window};

use crate::state::AppState;

const HINT_SETTING: &str = "tray_hint_shown";

/// The menu item that shows the countdown.
pub struct Tray<R: Runtime> {
    callback: MenuItem<R>,
}

/// Show, unminimise and focus the main window.
pub fn show_main<R: Runtime>(app: &AppHandle<R>) {
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.show();
        let _ = w.unminimize();
        let _ = w.set_focus();
    }
}

pub fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    let lang = app.state::<AppState>().lang();
    let open = MenuItem::with_id(app, "open", lang.pick("打开", "Open"), true, None::<&str>)?;
    let callback = MenuItem::with_id(app, "callback", idle(lang), false, None::<&str>)?;
    let quit = MenuItem::with_id(app, "quit", lang.pick("退出", "Quit"), true, None::<&str>)?;
    let sep = PredefinedMenuItem::separator(app)?;
    let menu = Menu::with_items(app, &[&open, &callback, &sep, &quit])?;
    let mut tray = TrayIconBuilder::with_id("main")
        .menu(&menu)
        .tooltip("售后直达 ReachRight")
        .on_menu_event(|app, event| match event.id().as_ref() {
            "open" => show_main(app),
            "quit" => app.exit(0),
            _ => {}
        });
    if let Some(icon) = app.default_window_icon() {
        tray = tray.icon(icon.clone());
    }
    tray.build(app)?;
    app.manage(Tray { callback });
    let handle = app.clone();
    tauri::async_runtime::spawn(async move {
        loop {
            // SQLite work: on the blocking pool, not on a tokio worker.
            let h = handle.clone();
            let _ = tauri::async_runtime::spawn_blocking(move || refresh(&h)).await;
            tokio::time::sleep(Duration::from_secs(60)).await;
        }
    });
    Ok(())
}

fn idle(lang: reachright_core::Lang) -> &'static str {
    lang.pick("没有等待中的回电", "No callback waiting")
}

/// The countdown line of the soonest waiting callback.
pub fn refresh<R: Runtime>(app: &AppHandle<R>) {
    let Some(tray) = app.try_state::<Tray<R>>() else {
        return;
    };
    let state = app.state::<AppState>();
    let lang = state.lang();
    let line = reachright_api::tracking::callbacks::tray_line(&state.call())
        .ok()
        .flatten();
    let _ = tray
        .callback
        .set_text(line.as_deref().unwrap_or(idle(lang)));
}

/// The window's close button: hide to the tray when there is one (tracking continues); the
/// first time, tell the UI so it can say where the app went.
pub fn on_close_requested<R: Runtime>(window: &Window<R>, api: &tauri::CloseRequestApi) {
    let app = window.app_handle();
    if app.try_state::<Tray<R>>().is_none() {
        return;
    }
    api.prevent_close();
    let _ = window.hide();
    let state = app.state::<AppState>();
    if matches!(state.store.setting(HINT_SETTING), Ok(None)) {
        let _ = state.store.set_setting(HINT_SETTING, "1");
        let text = state
            .lang()
            .pick(
                "窗口已关闭，售后直达仍在托盘中继续跟踪工单、回电和订单；从托盘图标的菜单选“退出”可完全退出。",
                "The window is closed; ReachRight keeps tracking tickets, callbacks and orders in the tray. Choose Quit in the tray menu to exit.",
            )
            .to_string();
        state.ui_events.send(UiEvent::TrayHidden(TrayHint { text }));
    }
}
