//! Killing an import at any moment leaves the whole item or nothing. A child process (this same
//! test binary) imports files in a loop and reports each id after `import` returns; the parent
//! SIGKILLs it at varying moments, many times, then opens the vault as the app does after a crash
//! and checks: every reported item is there and verifies, no temp file remains, and no row lacks
//! its file. A stored file whose row never committed (a kill between rename and commit) is kept
//! and counted, never deleted: the sweep cannot tell it from evidence of another database.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::*;
use reachright_vault::{ImportOptions, Source, Vault};

const CHILD_ENV: &str = "REACHRIGHT_VAULT_CRASH_CHILD";
const TEST_NAME: &str = "killed_importer_leaves_whole_items_or_nothing";
const ROUNDS: usize = 25;

#[test]
fn killed_importer_leaves_whole_items_or_nothing() {
    if let Some(dir) = std::env::var_os(CHILD_ENV) {
        run_child(Path::new(&dir));
        return;
    }
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path();
    let case_id = {
        let v = vault(dir);
        case(v.store(), "崩溃测试")
    };
    std::fs::write(dir.join("case-id"), &case_id).expect("case id");
    let exe = std::env::current_exe().expect("exe");
    let mut reported = Vec::new();
    let mut swept = (0, 0);
    for round in 0..ROUNDS {
        let mut child = Command::new(&exe)
            .args(["--exact", TEST_NAME, "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn");
        let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
        // Wait for the child to be inside its loop, then kill after a varying delay so the kill
        // lands in different phases: reading, sealing, fsync, rename, commit.
        let want = 1 + round % 3;
        let mut ready = 0;
        while ready < want {
            // libtest prints "test NAME ... " before the child's first line, so match on the end.
            match lines.next() {
                Some(Ok(l)) if l.ends_with("ready") => ready += 1,
                Some(Ok(l)) => note(&l, &mut reported, &mut swept),
                other => panic!("child stopped early in round {round}: {other:?}"),
            }
        }
        std::thread::sleep(Duration::from_micros((round as u64 * 1_777) % 12_000));
        child.kill().expect("kill");
        child.wait().expect("wait");
        for l in lines.map_while(Result::ok) {
            note(&l, &mut reported, &mut swept);
        }
    }
    assert!(
        reported.len() >= ROUNDS / 2,
        "the child committed too little to prove anything: {}",
        reported.len()
    );

    let (v, recovery) = Vault::open(store(dir), &unlock()).expect("open after crashes");
    assert!(recovery.swept);
    assert!(
        recovery.missing.is_empty(),
        "rows without files: {:?}",
        recovery.missing
    );
    let items = v.list(&case_id).expect("list");
    let ids: std::collections::HashSet<_> = items.iter().map(|i| i.id.clone()).collect();
    for id in &reported {
        assert!(ids.contains(id), "committed item {id} lost");
    }
    assert!(v
        .verify(&case_id)
        .expect("verify")
        .iter()
        .all(|c| c.problem.is_none()));
    assert_eq!(count(dir, "tmp"), 0, "temp files left");
    let hashes: std::collections::HashSet<_> = items.iter().map(|i| i.sha256.clone()).collect();
    assert_eq!(
        count(dir, "blobs"),
        hashes.len() + recovery.unreferenced,
        "every stored file is named or counted as unreferenced"
    );
    assert_eq!(
        recovery.orphans_removed, 0,
        "the sweep deletes no stored file"
    );
    eprintln!(
        "crash test: {ROUNDS} kills, {} items committed; start-up sweeps removed {} temp files; {} stored files of uncommitted imports kept",
        reported.len(),
        swept.0 + recovery.temp_removed,
        recovery.unreferenced
    );
}

fn note(line: &str, reported: &mut Vec<String>, swept: &mut (usize, usize)) {
    if let Some((_, id)) = line.split_once("committed ") {
        reported.push(id.to_string());
    } else if let Some((_, rest)) = line.split_once("swept ") {
        let mut n = rest.split(' ').filter_map(|v| v.parse::<usize>().ok());
        swept.0 += n.next().unwrap_or(0);
        swept.1 += n.next().unwrap_or(0);
    }
}

/// Distinct content per (process, counter): a 1.5 MB file, and every third one a real PNG.
fn run_child(dir: &Path) {
    let case_id = std::fs::read_to_string(dir.join("case-id")).expect("case id");
    let (v, r) = Vault::open(store(dir), &unlock()).expect("child vault");
    // What this start's sweep removed: leftovers of the previous kill.
    println!("swept {} {}", r.temp_removed, r.orphans_removed);
    // Inside the parent's temp dir: a killed child never runs its own TempDir's drop, so files of its
    // own would be left in /tmp after every run.
    let files = tempfile::tempdir_in(dir).expect("files");
    let pid = std::process::id();
    let opts = ImportOptions {
        kind: "other".into(),
        caption: String::new(),
        thumbnails: true,
    };
    for n in 0u32.. {
        let path = if n % 3 == 0 {
            write_png(
                files.path(),
                &format!("{pid}-{n}.png"),
                (pid as u8).wrapping_add(n as u8),
            )
        } else {
            let path = files.path().join(format!("{pid}-{n}.bin"));
            let mut x = u64::from(pid) << 32 | u64::from(n) | 1;
            let bytes: Vec<u8> = (0..1_500_000)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    x as u8
                })
                .collect();
            std::fs::write(&path, bytes).expect("write");
            path
        };
        // The parent times its kill from here, so it lands inside the import.
        println!("ready");
        let item = v
            .import(&case_id, Source::File(&path), &opts, now())
            .expect("import")
            .item;
        println!("committed {}", item.id);
    }
}
