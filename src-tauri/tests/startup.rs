//! The real app binary, started on a data folder it cannot open: it must say why (Chinese first,
//! then English, and where) and stop with status 1, never vanish silently or change the data.

use std::process::Command;

#[test]
fn a_database_from_a_newer_version_is_refused_in_words_and_left_alone() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join(reachright_store::DB_FILE);
    {
        let conn = rusqlite::Connection::open(&db).expect("sqlite");
        conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;")
            .expect("newer database");
    }
    let before = std::fs::read(&db).expect("read");
    let out = Command::new(env!("CARGO_BIN_EXE_reachright"))
        .env("REACHRIGHT_DATA_DIR", dir.path())
        // No display: the message goes to stderr only (a box would wait for a click).
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("run the app");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr: {err}");
    assert!(err.contains("更新版本的售后直达"), "{err}");
    assert!(err.contains("data version 99"), "{err}");
    assert!(err.contains(&dir.path().display().to_string()), "{err}");
    assert_eq!(
        std::fs::read(&db).expect("read"),
        before,
        "the data was changed"
    );
}

/// A system SQLite too old for the app (the store's check, before anything is created) is named,
/// with the version needed, in both languages.
#[test]
fn an_old_sqlite_is_named_with_the_version_needed() {
    let e = reachright_store::Error::OldSqlite {
        found: "3.37.2".into(),
        needed: "3.38",
    };
    let text = reachright_app::startup::explain(None, &e);
    let (zh, en) = text.split_once("\n\n").expect("Chinese, then English");
    assert!(
        zh.contains("SQLite") && zh.contains("3.37.2") && zh.contains("3.38"),
        "{zh}"
    );
    assert!(zh.contains("没有被改动"), "{zh}");
    assert!(
        en.contains("too old: 3.37.2") && en.contains("3.38 or newer"),
        "{en}"
    );
}
