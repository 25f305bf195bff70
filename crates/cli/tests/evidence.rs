//! `case new`, `evidence add|list|verify` and `export` through the real binary, on a data folder in
//! a temp directory with a passphrase-protected vault (no keychain is needed or touched).

use std::path::Path;
use std::process::{Command, Output};

const PASS: &str = "cli-test-passphrase";

fn cli(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reachright-cli"))
        .args(args)
        .arg("--data-dir")
        .arg(dir)
        .env("REACHRIGHT_VAULT_PASSPHRASE", PASS)
        .env_remove("REACHRIGHT_DATA_DIR")
        .output()
        .expect("run reachright-cli")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A minimal valid 1×1 PNG, written by hand so the test needs no image library.
const PNG_1X1: &[u8] = &[
    0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, b'I', b'H', b'D', b'R', 0, 0, 0,
    1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1F, 0x15, 0xC4, 0x89, 0, 0, 0, 0x0D, b'I', b'D', b'A', b'T',
    0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0, 0x1F, 0, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D,
    0x1D, 0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xAE, 0x42, 0x60, 0x82,
];

#[test]
fn add_list_verify_export_and_a_tampered_file_fails_verify() {
    let tmp = tempfile::tempdir().expect("tmp");
    let data = tmp.path().join("data");
    let out = cli(
        &data,
        &[
            "case",
            "new",
            "--description",
            "昨晚买的100元点卡没到账，订单号 2026112512345678",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let case = text(&out.stdout).trim().to_string();
    assert_eq!(case.len(), 16);

    let png = tmp.path().join("聊天截图.png");
    std::fs::write(&png, PNG_1X1).expect("png");
    let note = tmp.path().join("说明.txt");
    std::fs::write(&note, "客服说24小时内处理").expect("txt");
    let missing = tmp.path().join("没有这个文件.png");
    let out = cli(
        &data,
        &[
            "evidence",
            "add",
            &case,
            png.to_str().expect("p"),
            note.to_str().expect("p"),
            missing.to_str().expect("p"),
            "--kind",
            "chat",
            "--caption",
            "客服对话",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "one file failed");
    assert!(
        text(&out.stderr).contains("没有这个文件.png"),
        "{}",
        text(&out.stderr)
    );
    let added: Vec<serde_json::Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    assert_eq!(added.len(), 2);
    assert_eq!(added[0]["media_type"], "image/png");
    assert_eq!(added[0]["caption"], "客服对话");

    let out = cli(&data, &["evidence", "list", &case]);
    assert!(out.status.success());
    assert_eq!(text(&out.stdout).lines().count(), 2);

    let out = cli(&data, &["evidence", "verify", &case]);
    assert!(out.status.success(), "{}", text(&out.stdout));

    let zip_path = tmp.path().join("证据包.zip");
    let out = cli(&data, &["export", &case, zip_path.to_str().expect("p")]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_str(text(&out.stdout).trim()).expect("json");
    assert_eq!(report["files"], 2);
    assert!(std::fs::metadata(&zip_path).expect("zip").len() > 0);

    // Flip a byte in the stored PNG: verify names it and exits 1; export refuses.
    let sha = added[0]["sha256"].as_str().expect("sha");
    let stored = data.join("vault/blobs").join(&sha[..2]).join(sha);
    let mut bytes = std::fs::read(&stored).expect("stored");
    let at = bytes.len() - 3;
    bytes[at] ^= 1;
    std::fs::write(&stored, bytes).expect("tamper");
    let out = cli(&data, &["evidence", "verify", &case]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains("DAMAGED") && text(&out.stdout).contains("聊天截图.png"),
        "{}",
        text(&out.stdout)
    );
    let out = cli(
        &data,
        &[
            "export",
            &case,
            tmp.path().join("again.zip").to_str().expect("p"),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("聊天截图.png"));
}

#[test]
fn a_wrong_passphrase_and_an_unknown_case_are_named() {
    let tmp = tempfile::tempdir().expect("tmp");
    let data = tmp.path().join("data");
    let out = cli(&data, &["evidence", "list", "0000000000000000"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("0000000000000000"),
        "{}",
        text(&out.stderr)
    );
    let out = Command::new(env!("CARGO_BIN_EXE_reachright-cli"))
        .args(["evidence", "list", "0000000000000000", "--data-dir"])
        .arg(&data)
        .env("REACHRIGHT_VAULT_PASSPHRASE", "not the one")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("passphrase"),
        "{}",
        text(&out.stderr)
    );
}

/// Issue 10, as reported: move the database away, run `evidence list ANY`, and the start-up sweep
/// deleted every stored file; with the database back every item was "the stored file is missing".
#[test]
fn listing_without_the_database_deletes_no_evidence() {
    let tmp = tempfile::tempdir().expect("tmp");
    let data = tmp.path().join("data");
    let out = cli(&data, &["case", "new", "--description", "退款一直没到账"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let case = text(&out.stdout).trim().to_string();
    let png = tmp.path().join("转账记录.png");
    std::fs::write(&png, PNG_1X1).expect("png");
    let note = tmp.path().join("说明.txt");
    std::fs::write(&note, "客服说三天内退款").expect("txt");
    let out = cli(
        &data,
        &[
            "evidence",
            "add",
            &case,
            png.to_str().expect("p"),
            note.to_str().expect("p"),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));

    let aside = tmp.path().join("aside");
    std::fs::create_dir(&aside).expect("aside");
    let db_files = [
        "reachright.sqlite3",
        "reachright.sqlite3-wal",
        "reachright.sqlite3-shm",
    ];
    for f in db_files {
        if data.join(f).exists() {
            std::fs::rename(data.join(f), aside.join(f)).expect("move db away");
        }
    }
    let out = cli(&data, &["evidence", "list", "ANY"]);
    assert!(!out.status.success(), "an unknown case is an error");
    for f in db_files {
        let _ = std::fs::remove_file(data.join(f));
        if aside.join(f).exists() {
            std::fs::rename(aside.join(f), data.join(f)).expect("db back");
        }
    }

    let out = cli(&data, &["evidence", "verify", &case]);
    assert!(
        out.status.success(),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    assert!(text(&out.stdout).contains("2 item(s), 0 damaged"));
    let zip = tmp.path().join("证据.zip");
    let out = cli(&data, &["export", &case, zip.to_str().expect("p")]);
    assert!(out.status.success(), "{}", text(&out.stderr));
}
