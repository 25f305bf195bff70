//! What the app hands to the desktop: a web, mail or phone link opened by the program the user
//! chose for it, and an exported bundle shown in the file manager.
//!
//! On Linux through GIO (the window's toolkit) and libdbus (the D-Bus client tao already links):
//! the opener plugin would link a second D-Bus client (zbus) for these two calls. Elsewhere the
//! opener plugin does it.

use std::path::Path;

use crate::error::{Error, Result};

/// Only web, mail and phone links reach the desktop: a link written by a platform or pasted
/// into a case must not start a program (`file:`, `smb:`, custom schemes). The page's `links.ts`
/// allows the same.
pub fn openable(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let no_space = !url.chars().any(char::is_whitespace);
    if let Some(rest) = ["https://", "http://"]
        .iter()
        .find_map(|s| lower.strip_prefix(s))
    {
        return no_space && !rest.is_empty();
    }
    if lower.starts_with("mailto:") {
        return no_space;
    }
    if let Some(number) = lower.strip_prefix("tel:") {
        return number.chars().any(|c| c.is_ascii_digit())
            && number
                .chars()
                .all(|c| c.is_ascii_digit() || "+-() ".contains(c));
    }
    false
}

/// Opens a link with the user's program for it (browser, mail, phone app).
pub fn open(url: &str) -> Result<()> {
    let url = url.trim();
    if !openable(url) {
        return Err(Error::Link(
            "only web (http, https), mail (mailto) and phone (tel) links are opened".into(),
        ));
    }
    launch(url)
}

#[cfg(target_os = "linux")]
fn launch(url: &str) -> Result<()> {
    use gtk::gio;
    gio::AppInfo::launch_default_for_uri(url, None::<&gio::AppLaunchContext>)
        .map_err(|e| Error::Link(e.to_string()))
}

#[cfg(not(target_os = "linux"))]
fn launch(url: &str) -> Result<()> {
    tauri_plugin_opener::open_url(url, None::<&str>).map_err(|e| Error::Link(e.to_string()))
}

/// Shows `path` selected in the file manager. `false` when no file manager answered within a few
/// seconds: the UI then shows the path to copy, and the export itself has succeeded.
pub fn reveal(path: &Path) -> bool {
    let path = path.to_path_buf();
    // D-Bus can wait long for a file manager that is starting or hung: the export does not.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(reveal_now(&path));
    });
    rx.recv_timeout(std::time::Duration::from_secs(5))
        .unwrap_or(false)
}

/// The freedesktop file manager interface (Nautilus, Dolphin, Nemo, Caja, Thunar …).
#[cfg(target_os = "linux")]
fn reveal_now(path: &Path) -> bool {
    use gtk::gio::{self, prelude::FileExt};
    let Ok(path) = path.canonicalize() else {
        return false;
    };
    let uri = gio::File::for_path(&path).uri().to_string();
    let Ok(bus) = dbus::blocking::Connection::new_session() else {
        return false;
    };
    bus.with_proxy(
        "org.freedesktop.FileManager1",
        "/org/freedesktop/FileManager1",
        std::time::Duration::from_secs(4),
    )
    .method_call::<(), _, _, _>("org.freedesktop.FileManager1", "ShowItems", (vec![uri], ""))
    .is_ok()
}

#[cfg(not(target_os = "linux"))]
fn reveal_now(path: &Path) -> bool {
    tauri_plugin_opener::reveal_item_in_dir(path).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_mail_and_phone_links_are_openable() {
        for url in [
            "https://www.12315.cn/",
            "HTTP://example.com/a?b=1",
            "mailto:kefu@example.com?subject=订单",
            "tel:400-123-4567",
            "tel:+86 (10) 1234 5678",
        ] {
            assert!(openable(url), "{url}");
        }
    }

    #[test]
    fn other_schemes_and_broken_links_are_refused() {
        for url in [
            "",
            "https://",
            "https://exa mple.com",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "smb://server/share",
            "tel:",
            "tel:call-me",
            "mailto:a@b.c\nBcc: x@y.z",
            "//example.com",
        ] {
            assert!(!openable(url), "{url:?}");
        }
        let e = open("file:///etc/passwd").unwrap_err();
        assert_eq!(e.code(), "open_link");
    }
}
