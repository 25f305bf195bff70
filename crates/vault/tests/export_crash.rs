//! Issue 10: an export writes decrypted evidence to `OUT.part` beside the zip; killed midway, it
//! left that file behind, readable, for good. A child process (this test binary) exports in a
//! loop; the parent kills it while the `.part` exists, then opens the vault as the next start
//! does: the `.part` must be gone, the evidence intact.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;
use reachright_vault::{ExportOptions, ExportTexts, ImportOptions, Source, Vault};

const CHILD_ENV: &str = "REACHRIGHT_VAULT_EXPORT_CHILD";
const TEST_NAME: &str = "a_killed_export_leaves_no_decrypted_part";

#[test]
fn a_killed_export_leaves_no_decrypted_part() {
    if let Some(dir) = std::env::var_os(CHILD_ENV) {
        run_child(Path::new(&dir));
        return;
    }
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("data");
    let case_id = {
        let v = vault(&dir);
        let c = case(v.store(), "导出被杀");
        for n in 0..3u64 {
            // Large enough that each export takes a while, so the kill lands inside one.
            let path = tmp.path().join(format!("录屏{n}.bin"));
            let mut x = n * 0x9E37_79B9 + 1;
            let bytes: Vec<u8> = (0..12_000_000)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    x as u8
                })
                .collect();
            std::fs::write(&path, bytes).expect("write");
            v.import(&c, Source::File(&path), &ImportOptions::default(), now())
                .expect("import");
        }
        c
    };
    std::fs::write(dir.join("case-id"), &case_id).expect("case id");
    let out_dir = tmp.path().join("导出");
    std::fs::create_dir(&out_dir).expect("out dir");
    let part = out_dir.join("证据包.zip.part");

    let exe = std::env::current_exe().expect("exe");
    let mut child = Command::new(&exe)
        .args(["--exact", TEST_NAME, "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, &dir)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawn");
    let deadline = Instant::now() + Duration::from_secs(120);
    // Wait until a part has some decrypted bytes in it, then kill.
    while std::fs::metadata(&part).map_or(true, |m| m.len() < 1_000_000) {
        assert!(
            Instant::now() < deadline,
            "the child never started an export"
        );
        assert!(
            child.try_wait().expect("try_wait").is_none(),
            "the child stopped early"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
    child.kill().expect("kill");
    child.wait().expect("wait");
    assert!(part.exists(), "the kill landed inside an export");

    let (v, r) = Vault::open(store(&dir), &unlock()).expect("open after the kill");
    assert!(r.swept);
    assert!(r.temp_removed >= 1, "{r:?}");
    assert!(!part.exists(), "a decrypted .part was left behind");
    let leftovers: Vec<_> = std::fs::read_dir(&out_dir)
        .expect("out dir")
        .flatten()
        .map(|e| e.file_name())
        .filter(|n| n.to_string_lossy().ends_with(".part"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    assert_eq!(count(&dir, "tmp"), 0, "the export's record is gone too");
    assert!(v
        .verify(&case_id)
        .expect("verify")
        .iter()
        .all(|c| c.problem.is_none()));
}

fn run_child(dir: &Path) {
    let case_id = std::fs::read_to_string(dir.join("case-id")).expect("case id");
    let v = vault(dir);
    let out = dir
        .parent()
        .expect("parent")
        .join("导出")
        .join("证据包.zip");
    let texts = ExportTexts {
        case_id,
        title: "导出被杀".into(),
        ..ExportTexts::default()
    };
    loop {
        reachright_vault::export(&v, &texts, &out, &ExportOptions::default(), now())
            .expect("export");
    }
}
