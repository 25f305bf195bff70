//! The notification model: eight kinds, the user's choice of which reach the OS, the in-app list
//! (every notification is kept in the store, read or not, because OS notifications vanish), and
//! the [`Notifier`] the shell implements with notify-rust (the CLI with stdout, tests with a Vec).

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use reachright_core::Lang;
use reachright_store::{NewNotification, NotificationRow, Store};
use serde::{Deserialize, Serialize};

use crate::clock::stamp;
use crate::error::Result;
use crate::texts::Said;

/// What a notification is about. Codes are stable (stored, sent over IPC, kept in settings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "NotificationKind"))]
pub enum Kind {
    StatusChange,
    StaffReply,
    CallbackDue,
    CallbackOverdue,
    DeadlineSoon,
    DeadlinePassed,
    OrderLate,
    SyncProblem,
}

impl Kind {
    pub const ALL: [Kind; 8] = [
        Kind::StatusChange,
        Kind::StaffReply,
        Kind::CallbackDue,
        Kind::CallbackOverdue,
        Kind::DeadlineSoon,
        Kind::DeadlinePassed,
        Kind::OrderLate,
        Kind::SyncProblem,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Kind::StatusChange => "status_change",
            Kind::StaffReply => "staff_reply",
            Kind::CallbackDue => "callback_due",
            Kind::CallbackOverdue => "callback_overdue",
            Kind::DeadlineSoon => "deadline_soon",
            Kind::DeadlinePassed => "deadline_passed",
            Kind::OrderLate => "order_late",
            Kind::SyncProblem => "sync_problem",
        }
    }

    pub fn parse(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == code.trim())
    }

    /// For the settings screen.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Kind::StatusChange => lang.pick("工单状态变化", "Ticket status changes"),
            Kind::StaffReply => lang.pick("客服回复", "Staff replies"),
            Kind::CallbackDue => lang.pick("回电时间到", "Callback due"),
            Kind::CallbackOverdue => lang.pick("回电超时", "Callback overdue"),
            Kind::DeadlineSoon => lang.pick("期限将到", "Deadline approaching"),
            Kind::DeadlinePassed => lang.pick("期限已过", "Deadline passed"),
            Kind::OrderLate => lang.pick("订单未按时到账", "Order not delivered in time"),
            Kind::SyncProblem => lang.pick("同步问题", "Sync problems"),
        }
    }
}

/// The setting that holds the kinds the user wants as OS notifications (comma-separated codes).
pub const PREFS_SETTING: &str = "notify_kinds";

/// Which kinds reach the OS. Every kind is kept in the in-app list regardless.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prefs {
    pub enabled: BTreeSet<Kind>,
}

impl Default for Prefs {
    /// Everything on: a user who never opened the settings misses nothing.
    fn default() -> Self {
        Prefs {
            enabled: Kind::ALL.into_iter().collect(),
        }
    }
}

impl Prefs {
    pub fn wants(&self, kind: Kind) -> bool {
        self.enabled.contains(&kind)
    }

    /// The saved choice; all kinds when never saved. Unknown codes (from a newer version) are
    /// ignored, so an older app still reads the rest.
    pub fn load(store: &Store) -> Result<Prefs> {
        Ok(match store.setting(PREFS_SETTING)? {
            None => Prefs::default(),
            Some(v) => Prefs {
                enabled: v.split(',').filter_map(Kind::parse).collect(),
            },
        })
    }

    pub fn save(&self, store: &Store) -> Result<()> {
        let codes: Vec<&str> = self.enabled.iter().map(|k| k.code()).collect();
        store.set_setting(PREFS_SETTING, &codes.join(","))?;
        Ok(())
    }
}

/// Shows a notification outside the app (notify-rust in the shell). The text is plain: title and
/// body are shown as text, never as markup.
pub trait Notifier {
    fn notify(&self, n: &NotificationRow) -> std::result::Result<(), String>;
}

/// What [`deliver`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Delivery {
    pub shown: usize,
    /// Kinds the user turned off (still in the in-app list).
    pub muted: usize,
    /// The notifier's own errors (no daemon, …); the notifications stay in the in-app list.
    pub failed: Vec<String>,
}

/// Hand the notifications the user wants to the notifier.
pub fn deliver(notifier: &dyn Notifier, prefs: &Prefs, rows: &[NotificationRow]) -> Delivery {
    let mut out = Delivery::default();
    for n in rows {
        let wanted = Kind::parse(&n.kind).is_none_or(|k| prefs.wants(k));
        if !wanted {
            out.muted += 1;
            continue;
        }
        match notifier.notify(n) {
            Ok(()) => out.shown += 1,
            Err(e) => out.failed.push(e),
        }
    }
    out
}

/// One notification, its title and body kept in both languages in its data (see [`Said`]).
pub(crate) fn note(
    kind: Kind,
    at: DateTime<Utc>,
    case_id: Option<&str>,
    title: Said,
    body: Said,
    mut data: serde_json::Value,
    mark: Option<String>,
) -> NewNotification {
    title.keep("title", &mut data);
    body.keep("body", &mut data);
    NewNotification {
        at: stamp(at),
        kind: kind.code().into(),
        case_id: case_id.map(Into::into),
        title: title.now,
        body: body.now,
        data_json: Some(data.to_string()),
        mark,
    }
}

/// The first non-empty line of a reply, as plain text: markup removed, whitespace collapsed, at
/// most `max` characters (with `…`). Connectors already give text; this guards the notification.
pub fn first_line(text: &str, max: usize) -> String {
    let plain = reachright_connectors::html_to_text(text);
    let line = plain
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .find(|l| !l.is_empty())
        .unwrap_or_default();
    if line.chars().count() > max {
        let mut s: String = line.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    } else {
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    struct Recorder(RefCell<Vec<String>>);
    impl Notifier for Recorder {
        fn notify(&self, n: &NotificationRow) -> std::result::Result<(), String> {
            if n.title == "fail" {
                return Err("no daemon".into());
            }
            self.0.borrow_mut().push(n.kind.clone());
            Ok(())
        }
    }

    fn row(kind: &str, title: &str) -> NotificationRow {
        NotificationRow {
            id: 1,
            at: "2026-11-20T01:00:00Z".into(),
            kind: kind.into(),
            case_id: None,
            title: title.into(),
            body: String::new(),
            data_json: None,
            read: false,
        }
    }

    #[test]
    fn codes_round_trip() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.code()), Some(k));
            assert_eq!(serde_json::to_value(k).expect("json"), k.code());
            assert_ne!(k.label(Lang::Zh), k.label(Lang::En));
        }
        assert_eq!(Kind::parse("fax"), None);
    }

    #[test]
    fn prefs_default_to_all_and_persist() {
        let tmp = tempfile::tempdir().expect("tmp");
        let store = Store::open(tmp.path()).expect("store");
        assert_eq!(Prefs::load(&store).expect("load"), Prefs::default());
        let mut p = Prefs::default();
        p.enabled.remove(&Kind::SyncProblem);
        p.enabled.remove(&Kind::StatusChange);
        p.save(&store).expect("save");
        let back = Prefs::load(&store).expect("load");
        assert!(!back.wants(Kind::SyncProblem));
        assert!(back.wants(Kind::StaffReply));
        store
            .set_setting(PREFS_SETTING, "staff_reply,from_the_future")
            .expect("set");
        let back = Prefs::load(&store).expect("load");
        assert_eq!(back.enabled.len(), 1);
    }

    #[test]
    fn deliver_respects_prefs_and_reports_failures() {
        let rec = Recorder(RefCell::new(Vec::new()));
        let mut prefs = Prefs::default();
        prefs.enabled.remove(&Kind::StatusChange);
        let rows = [
            row("status_change", "a"),
            row("staff_reply", "b"),
            row("deadline_passed", "fail"),
        ];
        let d = deliver(&rec, &prefs, &rows);
        assert_eq!(d.shown, 1);
        assert_eq!(d.muted, 1);
        assert_eq!(d.failed, ["no daemon"]);
        assert_eq!(*rec.0.borrow(), ["staff_reply"]);
    }

    #[test]
    fn first_line_is_plain_text() {
        assert_eq!(
            first_line("<p>您好,<b>已为您补发</b></p><p>第二段</p>", 80),
            "您好,已为您补发"
        );
        assert_eq!(first_line("\n\n  a   b \nc", 80), "a b");
        assert_eq!(first_line("1 < 2 &amp; 3", 80), "1 < 2 & 3");
        assert_eq!(first_line("一二三四五六", 4), "一二三…");
        assert_eq!(first_line("", 10), "");
    }
}
