//! Schema versions on real files: upgrading a version-1 database keeps its rows, a fresh database
//! is at the latest version, and a database from a newer build is refused without being touched.

use reachright_store::{
    open_at_version, CaseUpdate, Error, NewCase, NewContact, NewEvent, NewReminder, Store, DB_FILE,
    SCHEMA_VERSION,
};

fn raw(dir: &std::path::Path) -> rusqlite::Connection {
    rusqlite::Connection::open(dir.join(DB_FILE)).expect("raw open")
}

fn table_exists(conn: &rusqlite::Connection, name: &str) -> bool {
    conn.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1",
        [name],
        |r| r.get::<_, i64>(0),
    )
    .expect("query")
        == 1
}

/// The schema as SQLite stores it, for comparing an upgraded database with a fresh one.
fn schema(dir: &std::path::Path) -> Vec<(String, String)> {
    let conn = raw(dir);
    let mut stmt = conn
        .prepare("SELECT name, sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY name")
        .expect("prepare");
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("query");
    rows.collect::<Result<_, _>>().expect("rows")
}

#[test]
fn upgrade_from_version_1_keeps_rows_and_adds_tables() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    let (case, contact) = {
        let v1 = open_at_version(dir, 1).expect("open v1");
        assert_eq!(v1.schema_version().expect("version"), 1);
        assert!(!table_exists(&raw(dir), "platforms"), "stopped at v1");
        let case = v1
            .create_case(&NewCase {
                at: "2025-12-01T08:00:00Z".into(),
                title: "旧案子：退货运费".into(),
                platform_id: None,
                intake_json: r#"{"v":1}"#.into(),
            })
            .expect("case at v1");
        let contact = v1
            .add_contact(
                &case.id,
                &NewContact {
                    at: "2025-12-02T08:00:00Z".into(),
                    channel: "phone".into(),
                    outcome: "promised_callback".into(),
                    note: "说明天回电".into(),
                    reference: Some("T-1".into()),
                    status: None,
                },
            )
            .expect("contact at v1");
        v1.set_setting("lang", "zh-CN").expect("setting at v1");
        (case, contact)
    };

    let s = Store::open(dir).expect("upgrade");
    assert_eq!(s.schema_version().expect("version"), SCHEMA_VERSION);
    let got = s.get_case(&case.id).expect("case kept");
    assert_eq!(got.title, case.title);
    assert_eq!(got.intake_json, case.intake_json);
    assert_eq!(got.created_at, case.created_at);
    assert_eq!(got.updated_at, "2025-12-02T08:00:00Z");
    assert_eq!(got.platform_id, None);
    assert_eq!(s.contacts(&case.id).expect("contacts"), vec![contact]);
    let kinds: Vec<String> = s
        .timeline(&case.id)
        .expect("timeline")
        .into_iter()
        .map(|e| e.kind)
        .collect();
    assert_eq!(kinds, ["created", "contact"]);
    assert_eq!(
        s.setting("lang").expect("setting").as_deref(),
        Some("zh-CN")
    );

    // New tables work, and the rebuilt cases table has its foreign key to platforms.
    let p = s
        .create_platform("JD", "", false, true, "2026-01-01T00:00:00Z")
        .expect("platform");
    let upd = CaseUpdate {
        at: "2026-01-02T00:00:00Z".into(),
        platform_id: Some(Some(p.id.clone())),
        ..CaseUpdate::default()
    };
    s.update_case(&case.id, &upd).expect("link");
    s.add_reminder(
        &case.id,
        &NewReminder {
            due_at: "2026-01-03T09:00:00Z".into(),
            kind: "follow_up".into(),
            message: "再打一次".into(),
        },
    )
    .expect("reminder");
    s.save_draft("wizard", "{}", "2026-01-02T00:00:00Z")
        .expect("draft");
    s.delete_platform(&p.id).expect("delete platform");
    assert_eq!(s.get_case(&case.id).expect("case").platform_id, None);

    // Child tables still cascade from the rebuilt parent.
    s.add_event(
        &case.id,
        &NewEvent {
            at: "2026-01-04T00:00:00Z".into(),
            kind: "note".into(),
            summary: "n".into(),
            data_json: None,
        },
    )
    .expect("event");
    s.delete_case(&case.id).expect("delete");
    let conn = raw(dir);
    for table in ["contacts", "events", "reminders"] {
        let n: i64 = conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .expect("count");
        assert_eq!(n, 0, "{table} cascaded");
    }
    drop(s);
    let fresh = tempfile::tempdir().expect("tempdir");
    Store::open(fresh.path()).expect("fresh");
    assert_eq!(
        schema(dir),
        schema(fresh.path()),
        "upgraded schema = fresh schema"
    );
}

#[test]
fn fresh_database_is_at_latest_version() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let s = Store::open(tmp.path()).expect("open");
    assert_eq!(SCHEMA_VERSION, 9);
    assert_eq!(s.schema_version().expect("version"), SCHEMA_VERSION);
    let conn = raw(tmp.path());
    for t in [
        "cases",
        "contacts",
        "events",
        "settings",
        "platforms",
        "drafts",
        "reminders",
        "pending_tickets",
        "mail_accounts",
        "mail_sent",
        "mail_answers",
        "mail_answer_files",
    ] {
        assert!(table_exists(&conn, t), "{t}");
    }
    assert!(!table_exists(&conn, "cases_new"));
    // Reopening an up-to-date database changes nothing.
    drop(s);
    let s = Store::open(tmp.path()).expect("reopen");
    assert_eq!(s.schema_version().expect("version"), SCHEMA_VERSION);
}

#[test]
fn newer_database_is_refused_untouched() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    drop(Store::open(dir).expect("create"));
    {
        let conn = raw(dir);
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .expect("bump");
        // Out of WAL, so that switching it back on (a header write) would show in the bytes.
        let mode: String = conn
            .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
            .expect("journal_mode");
        assert_eq!(mode, "delete");
    }
    let path = dir.join(DB_FILE);
    let before = std::fs::read(&path).expect("read");
    match Store::open(dir) {
        Err(Error::TooNew { found, supported }) => {
            assert_eq!(found, SCHEMA_VERSION + 1);
            assert_eq!(supported, SCHEMA_VERSION);
        }
        other => panic!("expected TooNew, got {other:?}"),
    }
    assert_eq!(Store::open(dir).map(|_| ()).unwrap_err().code(), "too_new");
    let after = std::fs::read(&path).expect("read");
    assert!(before == after, "database file changed");
    let v: u32 = raw(dir)
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("version");
    assert_eq!(v, SCHEMA_VERSION + 1);
}

#[test]
fn journal_is_wal_and_foreign_keys_are_declared() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let _s = Store::open(tmp.path()).expect("open");
    let conn = raw(tmp.path());
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("mode");
    assert_eq!(mode, "wal");
    let fk_targets: Vec<(String, String)> = {
        let mut stmt = conn
            .prepare("SELECT \"table\", on_delete FROM pragma_foreign_key_list('cases')")
            .expect("prepare");
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("query");
        rows.collect::<Result<_, _>>().expect("rows")
    };
    assert_eq!(
        fk_targets,
        [("platforms".to_string(), "SET NULL".to_string())]
    );
}
