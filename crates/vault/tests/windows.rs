//! Windows counterparts of the vault tests whose behaviour differs there: the key in the Credential
//! Manager (the Linux test talks to the Secret Service), Chinese file names as Windows stores them
//! (UTF-16), and files another program holds open, which Windows may refuse to replace or delete.
//! Run under Wine by tests/windows/run.sh; a killed importer (`Child::kill` is TerminateProcess
//! there) and two processes on one vault are covered by crash.rs and integrity.rs, which run on
//! Windows unchanged.
#![cfg(windows)]

mod common;

use std::ffi::OsStr;
use std::os::windows::ffi::OsStrExt;
use std::os::windows::fs::OpenOptionsExt;
use std::path::Path;

use common::*;
use reachright_vault::{keys, ExportOptions, ExportTexts, ImportOptions, Source, Unlock, Vault};

/// FILE_SHARE_READ alone: how many viewers, scanners and backup tools open a file. Unlike std's
/// default (read | write | delete), it forbids others to delete or replace the file meanwhile.
const SHARE_READ_ONLY: u32 = 0x1;

fn opts() -> ImportOptions {
    ImportOptions {
        kind: "chat".into(),
        caption: String::new(),
        thumbnails: true,
    }
}

fn texts(case_id: &str) -> ExportTexts {
    ExportTexts {
        case_id: case_id.into(),
        title: "点卡未到账".into(),
        status: "处理中".into(),
        description: "订单号：2026112512345678".into(),
        ticket: "工单正文".into(),
        complaint: "投诉信正文".into(),
        timeline: vec![("2026-11-25T03:00:00Z".into(), "创建".into())],
    }
}

fn utf16(s: &OsStr) -> Vec<u16> {
    s.encode_wide().collect()
}

/// The vault key goes to the Windows Credential Manager (a generic credential under the app's
/// name), opens the vault again from there alone, and is in no file of the data folder. The
/// credential is removed at the end, so a developer's own Credential Manager keeps nothing.
#[test]
fn vault_key_lives_in_the_credential_manager() {
    let tmp = tempfile::tempdir().expect("tmp");
    let files = tempfile::tempdir().expect("files");
    let unlock = Unlock::system();
    assert!(
        unlock.keychain.is_some(),
        "Credential Manager not reachable: {:?}",
        unlock.keychain_error
    );
    let (v, _) = Vault::open(store(tmp.path()), &unlock).expect("open with the keychain");
    assert_eq!(v.protection(), "keychain");
    let c = case(v.store(), "凭据管理器");
    let png = write_png(files.path(), "截图.png", 4);
    let item = v
        .import(&c, Source::File(&png), &opts(), now())
        .expect("import")
        .item;
    drop(v);

    let (v, _) = Vault::open(store(tmp.path()), &Unlock::system()).expect("reopen");
    assert_eq!(
        v.read(&item.id).expect("read").1,
        std::fs::read(&png).expect("png")
    );
    drop(v);

    let config: serde_json::Value =
        serde_json::from_slice(&std::fs::read(tmp.path().join("vault/vault.json")).expect("cfg"))
            .expect("json");
    let user = format!("vault-key:{}", config["key_id"].as_str().expect("key_id"));
    let keychain = keys::system_keychain().expect("keychain");
    let entry =
        keyring_core::Entry::new_in_store(&keychain, keys::KEYCHAIN_SERVICE, &user).expect("entry");
    let key = entry
        .get_secret()
        .expect("the key in the Credential Manager");
    assert_eq!(key.len(), 32);
    for f in all_files(tmp.path()) {
        let bytes = std::fs::read(&f).expect("read");
        assert!(
            !bytes.windows(32).any(|w| w == key.as_slice()),
            "key in {}",
            f.display()
        );
    }
    entry.delete_credential().expect("delete");
    assert_eq!(
        Vault::open(store(tmp.path()), &Unlock::system())
            .unwrap_err()
            .code(),
        "key_missing"
    );
}

/// A passphrase vault needs no keychain at all: the path for a Windows account whose Credential
/// Manager refuses (a roaming profile, a locked-down office PC).
#[test]
fn passphrase_vault_opens_without_the_credential_manager() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (v, _) = Vault::open(store(tmp.path()), &unlock()).expect("open");
    assert_eq!(v.protection(), "passphrase");
    drop(v);
    let err = Vault::open(store(tmp.path()), &Unlock::default()).unwrap_err();
    assert_eq!(err.code(), "passphrase_needed");
}

/// Chinese names from a Chinese folder, imported and exported to a Chinese zip name: Windows keeps
/// names in UTF-16, so the name on disk must be exactly the UTF-16 of what the user typed.
#[test]
fn chinese_file_names_round_trip_as_utf16() {
    let tmp = tempfile::tempdir().expect("tmp");
    let files = tempfile::tempdir().expect("files");
    let folder = files.path().join("售后证据 2026年11月");
    std::fs::create_dir(&folder).expect("folder");
    let v = vault(tmp.path());
    let c = case(v.store(), "中文文件名");
    let png = write_png(&folder, "微信聊天记录（订单号）.png", 5);
    let listed: Vec<_> = std::fs::read_dir(&folder)
        .expect("list")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(
        listed.iter().map(|n| utf16(n)).collect::<Vec<_>>(),
        vec!["微信聊天记录（订单号）.png"
            .encode_utf16()
            .collect::<Vec<_>>()]
    );
    let item = v
        .import(&c, Source::File(&png), &opts(), now())
        .expect("import")
        .item;
    assert_eq!(item.original_name, "微信聊天记录（订单号）.png");

    let out = files.path().join("证据包.zip");
    let m = reachright_vault::export(&v, &texts(&c), &out, &ExportOptions::default(), now())
        .expect("export");
    assert_eq!(m.files.len(), 1);
    let names: Vec<_> = std::fs::read_dir(files.path())
        .expect("list")
        .map(|e| utf16(&e.expect("entry").file_name()))
        .collect();
    assert!(
        names.contains(&"证据包.zip".encode_utf16().collect()),
        "the zip under its Chinese name"
    );
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).expect("zip")).expect("read zip");
    let inside: Vec<String> = (0..zip.len())
        .map(|i| {
            zip.by_index(i)
                .expect("entry")
                .name()
                .expect("name")
                .to_string()
        })
        .collect();
    assert!(
        inside.iter().any(|n| n.contains("微信聊天记录")),
        "entries: {inside:?}"
    );
}

/// Adding the same picture again while another program holds its stored copy open without
/// sharing deletion: Windows refuses to replace that file. The import must still succeed (the
/// same bytes are already stored under that name) and leave no temp file behind.
#[test]
fn import_succeeds_while_the_stored_copy_is_held_open() {
    let tmp = tempfile::tempdir().expect("tmp");
    let files = tempfile::tempdir().expect("files");
    let v = vault(tmp.path());
    let first = case(v.store(), "第一个");
    let second = case(v.store(), "第二个");
    let png = write_png(files.path(), "同一张.png", 6);
    let item = v
        .import(&first, Source::File(&png), &opts(), now())
        .expect("import")
        .item;
    let blob = tmp
        .path()
        .join("vault/blobs")
        .join(&item.sha256[..2])
        .join(&item.sha256);
    let held = std::fs::File::options()
        .read(true)
        .share_mode(SHARE_READ_ONLY)
        .open(&blob)
        .expect("hold the stored copy open");

    let again = v
        .import(&second, Source::File(&png), &opts(), now())
        .expect("import while the stored copy is held open");
    assert_eq!(again.item.sha256, item.sha256);
    assert_eq!(count(tmp.path(), "tmp"), 0, "no temp file left");
    drop(held);
    assert_eq!(
        v.read(&again.item.id).expect("read").1,
        std::fs::read(&png).expect("png")
    );
}

/// Exporting over a zip the user still has open (in a viewer that does not share deletion): the
/// error names the zip the user chose, the open zip is untouched and no decrypted `.part` stays.
#[test]
fn export_over_a_zip_held_open_names_it_and_leaves_no_part() {
    let tmp = tempfile::tempdir().expect("tmp");
    let files = tempfile::tempdir().expect("files");
    let v = vault(tmp.path());
    let c = case(v.store(), "导出");
    v.import(
        &c,
        Source::File(&write_png(files.path(), "图.png", 7)),
        &opts(),
        now(),
    )
    .expect("import");
    let out = files.path().join("证据包.zip");
    std::fs::write(&out, b"the zip of yesterday").expect("old zip");
    let held = std::fs::File::options()
        .read(true)
        .share_mode(SHARE_READ_ONLY)
        .open(&out)
        .expect("hold the old zip open");

    let err = reachright_vault::export(&v, &texts(&c), &out, &ExportOptions::default(), now())
        .unwrap_err();
    assert!(
        err.to_string().contains("证据包.zip"),
        "names the zip: {err}"
    );
    assert_eq!(std::fs::read(&out).expect("old"), b"the zip of yesterday");
    assert!(!Path::new(&format!("{}.part", out.display())).exists());
    drop(held);
    reachright_vault::export(&v, &texts(&c), &out, &ExportOptions::default(), now())
        .expect("export once the viewer closed it");
}
