//! Crash-safe writes: a child process (this same test binary) writes cases and contacts in a loop
//! and reports each one after its commit returns; the parent SIGKILLs it at varying moments and
//! checks that the file is intact, every reported write is there, and no transaction is half
//! applied (a case without its "created" event, a contact without its timeline event).

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use reachright_store::{NewCase, NewContact, Store, DB_FILE};

const CHILD_ENV: &str = "REACHRIGHT_CRASH_CHILD";
const TEST_NAME: &str = "killed_writer_loses_no_committed_write";
const ROUNDS: usize = 20;

#[test]
fn killed_writer_loses_no_committed_write() {
    if let Some(dir) = std::env::var_os(CHILD_ENV) {
        run_child(Path::new(&dir));
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    let exe = std::env::current_exe().expect("current exe");
    let mut reported: Vec<String> = Vec::new();
    for round in 0..ROUNDS {
        let mut child = Command::new(&exe)
            .args(["--exact", TEST_NAME, "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn child");
        let stdout = child.stdout.take().expect("child stdout");
        let mut lines = BufReader::new(stdout).lines();
        let want = 1 + round % 6;
        let mut got = 0;
        while got < want {
            let line = match lines.next() {
                Some(Ok(line)) => line,
                other => panic!("child stopped early in round {round}: {other:?}"),
            };
            if let Some(id) = committed_id(&line) {
                reported.push(id);
                got += 1;
            }
        }
        // Kill at different points of the write loop: right away, or a little later.
        match round % 4 {
            0 => {}
            1 => std::thread::yield_now(),
            2 => std::thread::sleep(Duration::from_millis(1)),
            _ => std::thread::sleep(Duration::from_millis(4)),
        }
        child.kill().expect("kill");
        child.wait().expect("wait");
        // Reports still in the pipe were committed too.
        reported.extend(lines.map_while(Result::ok).filter_map(|l| committed_id(&l)));
        check(dir, &reported, round);
    }
    assert!(reported.len() >= ROUNDS * 3, "{} writes", reported.len());
}

/// A complete report line; a line cut short by the kill is ignored (its write was committed, but
/// we cannot know its id).
fn committed_id(line: &str) -> Option<String> {
    let id = line.strip_prefix("COMMITTED ")?;
    (id.len() == 16 && id.bytes().all(|b| b.is_ascii_hexdigit())).then(|| id.to_string())
}

fn check(dir: &Path, reported: &[String], round: usize) {
    // Opening through the store is what the app does after a crash (WAL recovery, migrations).
    let store = Store::open(dir).expect("reopen after kill");
    let conn = rusqlite::Connection::open(dir.join(DB_FILE)).expect("raw open");
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check");
    assert_eq!(integrity, "ok", "round {round}");
    for id in reported {
        store
            .get_case(id)
            .unwrap_or_else(|e| panic!("round {round}: reported case {id} lost: {e}"));
        assert_eq!(
            store.contacts(id).expect("contacts").len(),
            1,
            "round {round}: contact of {id}"
        );
    }
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).expect(sql) };
    assert_eq!(
        count(
            "SELECT count(*) FROM cases AS c WHERE NOT EXISTS
             (SELECT 1 FROM events AS e WHERE e.case_id = c.id AND e.kind = 'created')"
        ),
        0,
        "round {round}: case without its created event"
    );
    assert_eq!(
        count(
            "SELECT count(*) FROM contacts AS k WHERE NOT EXISTS
             (SELECT 1 FROM events AS e WHERE e.case_id = k.case_id AND e.kind = 'contact'
              AND json_extract(e.data_json, '$.contact_id') = k.id)"
        ),
        0,
        "round {round}: contact without its timeline event"
    );
    assert_eq!(count("SELECT count(*) FROM pragma_foreign_key_check"), 0);
}

/// The child: write until killed (or until the parent is gone and stdout breaks).
fn run_child(dir: &Path) {
    let store = Store::open(dir).expect("child open");
    let mut out = std::io::stdout().lock();
    let padding = "证据".repeat(2000); // a few KB per case, so commits take a moment
    for i in 0..100_000u32 {
        let at = format!(
            "2026-03-01T{:02}:{:02}:{:02}Z",
            i / 3600 % 24,
            i / 60 % 60,
            i % 60
        );
        let case = store
            .create_case(&NewCase {
                at: at.clone(),
                title: format!("crash case {i}"),
                platform_id: None,
                intake_json: format!(r#"{{"i":{i},"pad":"{padding}"}}"#),
            })
            .expect("child create_case");
        store
            .add_contact(
                &case.id,
                &NewContact {
                    at,
                    channel: "phone".into(),
                    outcome: "no_answer".into(),
                    note: String::new(),
                    reference: None,
                    status: None,
                },
            )
            .expect("child add_contact");
        // One write per line (atomic on a pipe), flushed before the next commit starts.
        let line = format!("COMMITTED {}\n", case.id);
        if out
            .write_all(line.as_bytes())
            .and_then(|()| out.flush())
            .is_err()
        {
            return;
        }
    }
}
