//! Issue 10: a disk that fills up during an import or an export. A child process (this test
//! binary, re-executed through `sh` with SIGXFSZ ignored, so an over-long write returns EFBIG
//! instead of killing it) lowers RLIMIT_FSIZE to 4 MiB, then imports a larger file and exports a
//! case larger than that. Each must fail with a clear "disk is full" error, leave nothing partial
//! behind, and leave everything stored before intact.
#![cfg(unix)]

mod common;

use std::path::Path;
use std::process::Command;

use common::*;
use reachright_vault::{ExportOptions, ExportTexts, ImportOptions, Source, Vault};

const CHILD_ENV: &str = "REACHRIGHT_VAULT_DISK_FULL_CHILD";
const TEST_NAME: &str = "a_full_disk_fails_import_and_export_cleanly";
const LIMIT: u64 = 4 * 1024 * 1024;

fn noise(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

#[test]
fn a_full_disk_fails_import_and_export_cleanly() {
    if let Some(dir) = std::env::var_os(CHILD_ENV) {
        run_child(Path::new(&dir));
        return;
    }
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("data");
    let files = tmp.path().join("files");
    std::fs::create_dir(&files).expect("files");
    let case_id = {
        let v = vault(&dir);
        let c = case(v.store(), "磁盘满了");
        // Earlier evidence, each under the limit, together over it (so the export overruns it).
        let a = write_png(&files, "早先的截图.png", 3);
        let b = files.join("早先的录屏.bin");
        std::fs::write(&b, noise(3_000_000, 7)).expect("b");
        let c2 = files.join("早先的记录.bin");
        std::fs::write(&c2, noise(2_000_000, 9)).expect("c");
        for p in [&a, &b, &c2] {
            v.import(&c, Source::File(p), &ImportOptions::default(), now())
                .expect("import under no limit");
        }
        c
    };
    std::fs::write(dir.join("case-id"), &case_id).expect("case id");
    std::fs::write(files.join("太大的录屏.bin"), noise(6_000_000, 11)).expect("big");
    let before = stored(&dir);

    let exe = std::env::current_exe().expect("exe");
    // `trap '' XFSZ` makes the signal ignored, which survives `exec`; then the write that would
    // pass the limit fails with EFBIG, as a write to a full disk fails with ENOSPC.
    let out = Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; exec \"$0\" \"$@\"")
        .arg(&exe)
        .args(["--exact", TEST_NAME, "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, &dir)
        .output()
        .expect("run child");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "child failed:\n{stdout}\n{stderr}");
    assert!(stdout.contains("child checks passed"), "{stdout}\n{stderr}");

    // Nothing partial: no temp file, no new stored file, no row, no zip and no part.
    let (v, r) = Vault::open(store(&dir), &unlock()).expect("open after");
    assert_eq!(
        r.temp_removed, 0,
        "the failures cleaned up after themselves"
    );
    assert_eq!(count(&dir, "tmp"), 0);
    assert!(stored(&dir) == before, "stored files changed");
    let items = v.list(&case_id).expect("list");
    assert_eq!(items.len(), 3);
    assert!(v
        .verify(&case_id)
        .expect("verify")
        .iter()
        .all(|c| c.problem.is_none()));
    let exported: Vec<_> = std::fs::read_dir(tmp.path())
        .expect("tmp")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".zip"))
        .collect();
    assert!(exported.is_empty(), "{exported:?}");
    // And with room again, the same export works.
    let out = tmp.path().join("证据包.zip");
    reachright_vault::export(&v, &texts(&case_id), &out, &ExportOptions::default(), now())
        .expect("export with room");
}

/// Every stored file and thumbnail with its bytes, in a fixed order.
fn stored(dir: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut files = all_files(&dir.join("vault/blobs"));
    files.extend(all_files(&dir.join("vault/thumbs")));
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).expect("stored file");
            (p, bytes)
        })
        .collect()
}

fn texts(case_id: &str) -> ExportTexts {
    ExportTexts {
        case_id: case_id.into(),
        title: "磁盘满了".into(),
        ..ExportTexts::default()
    }
}

fn run_child(dir: &Path) {
    use rustix::process::{setrlimit, Resource, Rlimit};
    setrlimit(
        Resource::Fsize,
        Rlimit {
            current: Some(LIMIT),
            maximum: Some(LIMIT),
        },
    )
    .expect("setrlimit");
    let case_id = std::fs::read_to_string(dir.join("case-id")).expect("case id");
    let v = vault(dir);
    let big = dir.parent().expect("parent").join("files/太大的录屏.bin");

    let e = v
        .import(
            &case_id,
            Source::File(&big),
            &ImportOptions::default(),
            now(),
        )
        .expect_err("a 6 MB import under a 4 MiB limit");
    println!("import: {e}");
    assert_eq!(e.code(), "disk_full", "{e}");
    let msg = e.to_string();
    assert!(
        msg.contains("disk is full") && msg.contains("太大的录屏.bin"),
        "{msg}"
    );
    assert_eq!(v.list(&case_id).expect("list").len(), 3);

    let out = dir.parent().expect("parent").join("证据包.zip");
    let e = reachright_vault::export(&v, &texts(&case_id), &out, &ExportOptions::default(), now())
        .expect_err("a 5 MB export under a 4 MiB limit");
    println!("export: {e}");
    assert_eq!(e.code(), "disk_full", "{e}");
    assert!(e.to_string().contains("证据包.zip`"), "names the zip: {e}");
    assert!(!out.exists());
    println!("child checks passed");
}
