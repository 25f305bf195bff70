//! Opening the user's data before the window exists. When it cannot be opened (a database
//! written by a newer version after a downgrade, a folder that cannot be written), the user is
//! told what and where in a message box of its own, in both languages (the settings holding the
//! language are in that database), and the app stops with nothing changed. Returning the error
//! from Tauri's `setup` instead would panic inside the event loop (tauri#12815), and our panic
//! hook prints no text: the app would vanish without a word.

use std::path::Path;

use reachright_store::Store;

/// The data folder (`REACHRIGHT_DATA_DIR`, else the folder Tauri names after the identifier)
/// opened, or the reason the app cannot start.
pub fn open_store() -> Result<Store, String> {
    let dir = reachright_store::resolve_data_dir(reachright_store::default_data_dir())
        .map_err(|e| explain(None, &e))?;
    Store::open(&dir).map_err(|e| explain(Some(&dir), &e))
}

/// What the user reads: Chinese first, then English; what was wrong, where, and that nothing
/// was changed.
pub fn explain(dir: Option<&Path>, e: &reachright_store::Error) -> String {
    let place = dir.map(|d| d.display().to_string()).unwrap_or_default();
    let (zh, en) = match e {
        reachright_store::Error::TooNew { found, supported } => (
            format!(
                "这份数据是更新版本的售后直达保存的（数据版本 {found}，本程序只认得到 {supported}）。请安装最新版本再打开；您的数据没有被改动。"
            ),
            format!(
                "This data was saved by a newer ReachRight (data version {found}; this program knows up to {supported}). Install the latest version to open it; your data was not changed."
            ),
        ),
        reachright_store::Error::OldSqlite { found, needed } => (
            format!(
                "这台电脑的 SQLite（系统里保存数据用的程序库）版本是 {found}，不够新：售后直达需要 {needed} 或更新的版本。请先更新系统（例如在终端运行 sudo apt upgrade）再打开；您的数据没有被改动。"
            ),
            format!(
                "This computer's SQLite (the system's database library) is too old: {found}; ReachRight needs {needed} or newer. Update the system (e.g. sudo apt upgrade) and open it again; your data was not changed."
            ),
        ),
        other => (
            format!("售后直达打不开您的数据：{other}。您的数据没有被改动。"),
            format!("ReachRight cannot open your data: {other}. Your data was not changed."),
        ),
    };
    if place.is_empty() {
        format!("{zh}\n\n{en}")
    } else {
        format!("{zh}\n数据位置：{place}\n\n{en}\nData folder: {place}")
    }
}

/// Say it on stderr, and in a message box where a desktop can show one, then stop.
pub fn refuse(text: &str) -> ! {
    eprintln!("ReachRight could not start:\n{text}");
    if desktop_present() {
        let _ = rfd::MessageDialog::new()
            .set_level(rfd::MessageLevel::Error)
            .set_title("售后直达 ReachRight")
            .set_description(text)
            .set_buttons(rfd::MessageButtons::Ok)
            .show();
    }
    std::process::exit(1);
}

/// A box needs a display: without one (a terminal, a test) stderr is all there is.
fn desktop_present() -> bool {
    if cfg!(any(
        target_os = "linux",
        target_os = "freebsd",
        target_os = "openbsd"
    )) {
        ["DISPLAY", "WAYLAND_DISPLAY"]
            .iter()
            .any(|v| std::env::var_os(v).is_some_and(|s| !s.is_empty()))
    } else {
        true
    }
}
