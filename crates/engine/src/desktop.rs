//! The desktop [`Notifier`]: notify-rust, which on Linux calls
//! `org.freedesktop.Notifications.Notify` on the session bus (any notification daemon: GNOME
//! Shell, KDE, dunst, mako…). Summary = the case title, body = the notification's text as plain
//! text (markup stripped; `&`, `<`, `>` escaped only for servers that announce the `body-markup`
//! capability, which would otherwise interpret them), app name "ReachRight".
//!
//! Without a reachable server `notify` returns the error; [`deliver`](crate::deliver) counts it
//! and the notification stays in the in-app list.

use std::sync::OnceLock;

use reachright_store::NotificationRow;

use crate::notify::Notifier;

/// The app name the notification server shows and groups by.
pub const APP_NAME: &str = "ReachRight";

/// Longest body sent (characters); servers truncate anyway, this keeps the D-Bus call small.
const MAX_BODY: usize = 400;

/// Shows notifications through the platform's notification service.
#[derive(Debug, Default)]
pub struct Desktop {
    /// Milliseconds on screen; `None` lets the server decide.
    pub timeout_ms: Option<u32>,
    /// Whether the server parses markup in bodies (asked once, on the first notification).
    markup: OnceLock<bool>,
}

impl Desktop {
    pub fn new() -> Desktop {
        Desktop::default()
    }
}

/// The body as plain text; `markup`: escaped for a server that parses a subset of markup.
pub fn plain_body(body: &str, markup: bool) -> String {
    let lines: Vec<String> = body
        .lines()
        .map(|l| crate::notify::first_line(l, MAX_BODY))
        .collect();
    let text = lines.join("\n");
    let text = text.trim();
    let mut out: String = text.chars().take(MAX_BODY).collect();
    if text.chars().count() > MAX_BODY {
        out.pop();
        out.push('…');
    }
    if !markup {
        return out;
    }
    out.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The desktop notification for `n`: app name, summary = the case title, plain body (escaped
/// when `markup`). The app's shell adds its click action to it.
pub fn notification(n: &NotificationRow, markup: bool) -> notify_rust::Notification {
    let mut note = notify_rust::Notification::new();
    note.appname(APP_NAME)
        .summary(&n.title)
        .body(&plain_body(&n.body, markup));
    // Windows shows a toast under the AppUserModelID it names, and notify-rust's default is
    // PowerShell's. The app's is its bundle identifier, which the installer's Start-menu shortcut
    // registers; a bare .exe that was never installed has no registered ID and Windows shows no
    // toast (the notification stays in the in-app list).
    #[cfg(target_os = "windows")]
    note.app_id(APP_USER_MODEL_ID);
    note
}

/// The app's AppUserModelID on Windows: the bundle identifier, as Tauri's installer gives it to
/// the Start-menu shortcut.
pub const APP_USER_MODEL_ID: &str = reachright_store::APP_IDENTIFIER;

impl Notifier for Desktop {
    fn notify(&self, n: &NotificationRow) -> std::result::Result<(), String> {
        let markup = *self.markup.get_or_init(server_parses_markup);
        let mut note = notification(n, markup);
        if let Some(ms) = self.timeout_ms {
            note.timeout(notify_rust::Timeout::Milliseconds(ms));
        }
        note.show()
            .map(|_| ())
            .map_err(|e| format!("desktop notification not shown: {e}"))
    }
}

/// The server's `body-markup` capability (Linux/BSD); elsewhere bodies are plain text. One
/// D-Bus call: callers that notify often ask once and keep the answer.
#[cfg(all(unix, not(target_os = "macos")))]
pub fn server_parses_markup() -> bool {
    notify_rust::get_capabilities()
        .map(|caps| caps.iter().any(|c| c == "body-markup"))
        // Unknown: escaping is the safe side (a stray "&amp;" beats a hidden reply).
        .unwrap_or(true)
}

#[cfg(not(all(unix, not(target_os = "macos"))))]
pub fn server_parses_markup() -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Windows: toasts carry the app's AppUserModelID, not PowerShell's (notify-rust's default).
    #[cfg(target_os = "windows")]
    #[test]
    fn windows_toasts_carry_the_apps_user_model_id() {
        let row = NotificationRow {
            id: 1,
            at: "2026-11-25T03:00:00Z".into(),
            kind: "deadline".into(),
            case_id: Some("c1".into()),
            title: "点卡未到账".into(),
            body: "明天到期".into(),
            data_json: None,
            read: false,
        };
        let shown = format!("{:?}", notification(&row, false));
        assert!(
            shown.contains(&format!("app_id: Some({APP_USER_MODEL_ID:?})")),
            "{shown}"
        );
        assert_eq!(APP_USER_MODEL_ID, "cn.reachright.desktop");
    }

    #[test]
    fn body_is_plain_and_escaped() {
        assert_eq!(
            plain_body("<b>已补发</b> 1 < 2 & 3", true),
            "已补发 1 &lt; 2 &amp; 3"
        );
        assert_eq!(
            plain_body("<b>已补发</b> 1 < 2 & 3", false),
            "已补发 1 < 2 & 3"
        );
        assert_eq!(plain_body("  a \n\n b  ", false), "a\n\nb");
        let long = "字".repeat(1000);
        let b = plain_body(&long, true);
        assert_eq!(b.chars().count(), MAX_BODY);
        assert!(b.ends_with('…'));
    }
}
