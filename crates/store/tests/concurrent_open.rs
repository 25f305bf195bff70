//! Issue 10: the app and the CLI opening an old database at the same moment. Each read the schema
//! version before taking the write lock, so the second applied migrations the first had already
//! applied ("table ... already exists") or failed. Here several processes (this test binary,
//! re-executed) open the same version-1 database at once, many times over; every one must open
//! it, at the latest version, with the rows it had.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use reachright_store::{open_at_version, NewCase, Store, SCHEMA_VERSION};

const CHILD_ENV: &str = "REACHRIGHT_STORE_RACE_CHILD";
const TEST_NAME: &str = "processes_opening_an_old_database_at_once_all_succeed";
const ROUNDS: usize = 8;
const PROCESSES: usize = 3;

#[test]
fn processes_opening_an_old_database_at_once_all_succeed() {
    if let Some(dir) = std::env::var_os(CHILD_ENV) {
        run_child(Path::new(&dir));
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let exe = std::env::current_exe().expect("exe");
    for round in 0..ROUNDS {
        let dir = tmp.path().join(format!("round-{round}"));
        let case_id = {
            let v1 = open_at_version(&dir, 1).expect("v1");
            v1.create_case(&NewCase {
                at: "2026-11-25T03:00:00Z".into(),
                title: "旧数据库".into(),
                platform_id: None,
                intake_json: "{}".into(),
            })
            .expect("case")
            .id
        };
        let children: Vec<Child> = (0..PROCESSES)
            .map(|_| {
                Command::new(&exe)
                    .args(["--exact", TEST_NAME, "--nocapture", "--test-threads=1"])
                    .env(CHILD_ENV, &dir)
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .expect("spawn")
            })
            .collect();
        // Let every child reach its starting line, then start them together.
        std::thread::sleep(Duration::from_millis(300));
        std::fs::write(dir.join("go"), b"").expect("go");
        for child in children {
            let out = child.wait_with_output().expect("wait");
            assert!(
                out.status.success(),
                "round {round}: a process failed to open the old database:\n{}\n{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let store = Store::open(&dir).expect("open after");
        assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
        assert_eq!(
            store.get_case(&case_id).expect("case kept").title,
            "旧数据库"
        );
    }
}

fn run_child(dir: &Path) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !dir.join("go").exists() {
        assert!(Instant::now() < deadline, "never told to go");
        std::thread::sleep(Duration::from_micros(200));
    }
    let store = Store::open(dir).expect("open an old database beside other processes");
    assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
}
