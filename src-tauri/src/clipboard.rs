//! The 复制 buttons: text onto the system clipboard. Scripts cannot rely on the webview's own
//! clipboard API (WebKitGTK refuses it), so the copy goes through the shell.
//!
//! On Linux it goes through GTK's clipboard, which the window's toolkit already holds: the
//! clipboard plugin would link a second X11 client (arboard, x11rb) for the same job. Elsewhere
//! the clipboard plugin does it.

use tauri::{AppHandle, Runtime};

use crate::error::{Error, Result};

/// Sets the clipboard's text. Waits for the main thread, where GTK lives: call it from an
/// async command (a worker thread), never from the main thread.
#[cfg(target_os = "linux")]
pub fn write_text<R: Runtime>(app: &AppHandle<R>, text: String) -> Result<()> {
    let (done, wait) = std::sync::mpsc::channel();
    app.run_on_main_thread(move || {
        let clipboard = gtk::Clipboard::get(&gtk::gdk::SELECTION_CLIPBOARD);
        clipboard.set_text(&text);
        // A clipboard manager, where one runs, keeps the text after the app quits.
        clipboard.store();
        let _ = done.send(());
    })
    .map_err(|e| Error::Clipboard(e.to_string()))?;
    wait.recv()
        .map_err(|_| Error::Clipboard("the window's thread did not answer".into()))
}

#[cfg(not(target_os = "linux"))]
pub fn write_text<R: Runtime>(app: &AppHandle<R>, text: String) -> Result<()> {
    use tauri_plugin_clipboard_manager::ClipboardExt;
    app.clipboard()
        .write_text(text)
        .map_err(|e| Error::Clipboard(e.to_string()))
}
