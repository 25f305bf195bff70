//! Tamper evidence, the vault key (keychain or passphrase; never on disk), the start-up sweep and
//! the export bundle.

mod common;

use std::io::Read;
use std::sync::Arc;

use common::*;
use reachright_vault::{ExportOptions, ExportTexts, ImportOptions, Source, Unlock, Vault};

fn opts() -> ImportOptions {
    ImportOptions {
        kind: "chat".into(),
        caption: "截图".into(),
        thumbnails: true,
    }
}

#[test]
fn a_flipped_byte_is_named_by_verify_read_and_export() {
    let tmp = tempfile::tempdir().expect("tmp");
    let files = tempfile::tempdir().expect("files");
    let v = vault(tmp.path());
    let c = case(v.store(), "x");
    let good = v
        .import(
            &c,
            Source::File(&write_png(files.path(), "好的.png", 1)),
            &opts(),
            now(),
        )
        .expect("a")
        .item;
    let bad = v
        .import(
            &c,
            Source::File(&write_jpeg(files.path(), "被改过.jpg", 2)),
            &opts(),
            now(),
        )
        .expect("b")
        .item;
    let path = v.stored_path(&bad);
    let mut bytes = std::fs::read(&path).expect("read");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x01;
    std::fs::write(&path, bytes).expect("tamper");

    let checks = v.verify(&c).expect("verify");
    let damaged: Vec<_> = checks
        .iter()
        .filter(|c| c.problem.is_some())
        .map(|c| c.item.original_name.as_str())
        .collect();
    assert_eq!(damaged, ["被改过.jpg"]);
    assert!(checks
        .iter()
        .any(|c| c.item.id == good.id && c.problem.is_none()));
    assert_eq!(v.read(&bad.id).unwrap_err().code(), "damaged");
    let out = files.path().join("bundle.zip");
    let err = reachright_vault::export(&v, &texts(&c), &out, &ExportOptions::default(), now())
        .unwrap_err();
    assert!(err.to_string().contains("被改过.jpg"), "{err}");
    assert!(!out.exists() && !files.path().join("bundle.zip.part").exists());
}

#[test]
fn a_deleted_or_swapped_file_is_caught_too() {
    let tmp = tempfile::tempdir().expect("tmp");
    let files = tempfile::tempdir().expect("files");
    let v = vault(tmp.path());
    let c = case(v.store(), "x");
    let a = v
        .import(
            &c,
            Source::File(&write_png(files.path(), "a.png", 1)),
            &opts(),
            now(),
        )
        .expect("a")
        .item;
    let b = v
        .import(
            &c,
            Source::File(&write_png(files.path(), "b.png", 2)),
            &opts(),
            now(),
        )
        .expect("b")
        .item;
    // Swapping two sealed files: each decrypts, but hashes to the other's content.
    let (pa, pb) = (v.stored_path(&a), v.stored_path(&b));
    let (ba, bb) = (
        std::fs::read(&pa).expect("a"),
        std::fs::read(&pb).expect("b"),
    );
    std::fs::write(&pa, bb).expect("swap");
    std::fs::write(&pb, ba).expect("swap");
    assert!(v
        .verify(&c)
        .expect("verify")
        .iter()
        .all(|c| c.problem.as_deref().is_some_and(|p| p.contains("SHA-256"))));
    std::fs::remove_file(&pa).expect("rm");
    let checks = v.verify(&c).expect("verify");
    assert!(checks
        .iter()
        .any(|c| c.item.id == a.id && c.problem.as_deref() == Some("the stored file is missing")));
    drop(v);
    let (_, recovery) = Vault::open(store(tmp.path()), &unlock()).expect("reopen");
    assert_eq!(
        recovery
            .missing
            .iter()
            .map(|m| m.original_name.as_str())
            .collect::<Vec<_>>(),
        ["a.png"]
    );
}

#[test]
fn passphrase_vault_refuses_a_wrong_or_missing_passphrase() {
    let tmp = tempfile::tempdir().expect("tmp");
    drop(vault(tmp.path()));
    let s = store(tmp.path());
    let wrong = Unlock::default().with_passphrase(Some("wrong".into()));
    assert_eq!(
        Vault::open(s.clone(), &wrong).unwrap_err().code(),
        "wrong_passphrase"
    );
    assert_eq!(
        Vault::open(s.clone(), &Unlock::default())
            .unwrap_err()
            .code(),
        "passphrase_needed"
    );
    assert_eq!(
        Vault::open(s, &unlock()).expect("right one").0.protection(),
        "passphrase"
    );
}

#[test]
fn without_keychain_or_passphrase_nothing_is_set_up_and_the_reason_is_given() {
    let tmp = tempfile::tempdir().expect("tmp");
    let none = Unlock {
        keychain_error: Some("no session bus".into()),
        ..Unlock::default()
    };
    let err = Vault::open(store(tmp.path()), &none).unwrap_err();
    assert_eq!(err.code(), "keychain_unavailable");
    assert!(err.to_string().contains("no session bus") && err.to_string().contains("passphrase"));
    assert!(!tmp.path().join("vault/vault.json").exists());
}

#[test]
fn keychain_key_lives_only_in_the_keychain() {
    let tmp = tempfile::tempdir().expect("tmp");
    let files = tempfile::tempdir().expect("files");
    let keychain: Arc<keyring_core::CredentialStore> =
        keyring_core::mock::Store::new().expect("mock store");
    let with = Unlock {
        keychain: Some(keychain.clone()),
        ..Unlock::default()
    };
    let (v, _) = Vault::open(store(tmp.path()), &with).expect("open");
    assert_eq!(v.protection(), "keychain");
    let c = case(v.store(), "x");
    let png = write_png(files.path(), "a.png", 1);
    v.import(&c, Source::File(&png), &opts(), now())
        .expect("import");
    drop(v);

    // The key, as the keychain holds it, appears in no file of the data folder.
    let config: serde_json::Value =
        serde_json::from_slice(&std::fs::read(tmp.path().join("vault/vault.json")).expect("cfg"))
            .expect("json");
    let user = format!("vault-key:{}", config["key_id"].as_str().expect("key_id"));
    let key = keyring_core::Entry::new_in_store(
        &keychain,
        reachright_vault::keys::KEYCHAIN_SERVICE,
        &user,
    )
    .expect("entry")
    .get_secret()
    .expect("secret");
    assert_eq!(key.len(), 32);
    for f in all_files(tmp.path()) {
        let bytes = std::fs::read(&f).expect("read");
        assert!(
            !bytes.windows(32).any(|w| w == key.as_slice()),
            "key found in {}",
            f.display()
        );
        let hex: String = key.iter().map(|b| format!("{b:02x}")).collect();
        assert!(
            !bytes.windows(hex.len()).any(|w| w == hex.as_bytes()),
            "hex key in {}",
            f.display()
        );
        use base64::Engine;
        for b64 in [
            base64::engine::general_purpose::STANDARD.encode(&key),
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&key),
        ] {
            let b64 = b64.trim_end_matches('=');
            assert!(
                !bytes.windows(b64.len()).any(|w| w == b64.as_bytes()),
                "base64 key in {}",
                f.display()
            );
        }
    }

    // Same keychain: opens. Another keychain (the entry is gone): refused, nothing decrypted.
    let (v, _) = Vault::open(store(tmp.path()), &with).expect("reopen");
    assert!(v.verify(&c).expect("verify")[0].problem.is_none());
    drop(v);
    let other = Unlock {
        keychain: Some(keyring_core::mock::Store::new().expect("mock")),
        ..Unlock::default()
    };
    assert_eq!(
        Vault::open(store(tmp.path()), &other).unwrap_err().code(),
        "key_missing"
    );
}

#[test]
fn start_up_removes_temp_files_and_keeps_unnamed_stored_files() {
    let tmp = tempfile::tempdir().expect("tmp");
    let files = tempfile::tempdir().expect("files");
    let v = vault(tmp.path());
    let c = case(v.store(), "x");
    let kept = v
        .import(
            &c,
            Source::File(&write_png(files.path(), "kept.png", 1)),
            &opts(),
            now(),
        )
        .expect("a")
        .item;
    let unnamed = v
        .import(
            &c,
            Source::File(&write_png(files.path(), "unnamed.png", 2)),
            &opts(),
            now(),
        )
        .expect("b")
        .item;
    drop(v);
    // A temp file from an import killed before its rename, and a stored file no row names (an
    // import killed before its commit looks exactly like evidence of a database that is not this
    // one): the first is the vault's own and goes, the second stays.
    std::fs::write(tmp.path().join("vault/tmp/deadbeef.part"), b"half").expect("tmp");
    store(tmp.path())
        .remove_evidence(&unnamed.id, "2026-11-25T05:00:00Z")
        .expect("row only");
    assert_eq!(count(tmp.path(), "blobs"), 2);
    let (v, r) = Vault::open(store(tmp.path()), &unlock()).expect("reopen");
    assert!(r.swept);
    assert_eq!(
        (
            r.temp_removed,
            r.orphans_removed,
            r.unreferenced,
            r.missing.len()
        ),
        (1, 0, 1, 0)
    );
    assert_eq!(count(tmp.path(), "tmp"), 0);
    assert_eq!(count(tmp.path(), "blobs"), 2);
    assert_eq!(count(tmp.path(), "thumbs"), 2);
    assert_eq!(v.list(&c).expect("list")[0].id, kept.id);
    // Nor does a prune delete it: this database never named it since the vault was opened.
    assert_eq!(v.prune().expect("prune"), 0);
    assert_eq!(count(tmp.path(), "blobs"), 2);
}

#[test]
fn a_second_process_does_not_sweep_while_the_first_holds_the_vault() {
    let tmp = tempfile::tempdir().expect("tmp");
    let first = vault(tmp.path());
    std::fs::write(tmp.path().join("vault/tmp/inflight.part"), b"being written").expect("tmp");
    let (_second, r) = Vault::open(store(tmp.path()), &unlock()).expect("second");
    assert!(!r.swept);
    assert!(tmp.path().join("vault/tmp/inflight.part").exists());
    drop(first);
}

const LOCK_HOLDER_ENV: &str = "REACHRIGHT_VAULT_FILES_LOCK_HOLDER";
const LOCK_TEST: &str = "removal_and_import_wait_while_another_process_changes_files";

/// A removal in one process must not delete a file another process's import of the same bytes
/// has found and is about to record: both take the vault's files lock. Here a real second process
/// (this test binary again, as the CLI beside the app would be) holds it in the middle of an
/// import. It lets go by ending, as a killed or finished CLI does: closing the handle releases a
/// lock on every OS, where an explicit unlock differs (Wine answers std's second `UnlockFile` with
/// "Lock violation", os error 33, where Windows answers "not locked"; see tests/windows/README.md).
#[test]
fn removal_and_import_wait_while_another_process_changes_files() {
    if let Some(path) = std::env::var_os(LOCK_HOLDER_ENV) {
        hold_files_lock(std::path::Path::new(&path));
        return;
    }
    let tmp = tempfile::tempdir().expect("tmp");
    let v = Arc::new(vault(tmp.path()));
    let c = case(v.store(), "两个进程");
    let bytes = b"same bytes in two cases".to_vec();
    let item = v
        .import(
            &c,
            Source::Pasted {
                name: "a.txt",
                bytes: &bytes,
            },
            &opts(),
            now(),
        )
        .expect("import")
        .item;

    let mut other = std::process::Command::new(std::env::current_exe().expect("exe"))
        .args(["--exact", LOCK_TEST, "--nocapture", "--test-threads=1"])
        .env(LOCK_HOLDER_ENV, tmp.path().join("vault/.files.lock"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn the other process");
    let mut said = std::io::BufReader::new(other.stdout.take().expect("stdout"));
    let mut line = String::new();
    // libtest prints "test NAME ... " before the child's own words, so match on the end.
    while !line.trim_end().ends_with("locked") {
        line.clear();
        let n = std::io::BufRead::read_line(&mut said, &mut line).expect("read");
        assert!(n > 0, "the other process stopped before locking");
    }
    let remover = {
        let v = Arc::clone(&v);
        std::thread::spawn(move || v.remove(&item.id, now()).map(|row| row.id))
    };
    let importer = {
        let (v, c) = (Arc::clone(&v), c.clone());
        std::thread::spawn(move || {
            v.import(
                &c,
                Source::Pasted {
                    name: "b.txt",
                    bytes: b"other",
                },
                &opts(),
                now(),
            )
            .map(|i| i.item.id)
        })
    };
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(
        !remover.is_finished(),
        "removed while another process held the files lock"
    );
    assert!(
        !importer.is_finished(),
        "imported while another process held the files lock"
    );
    assert_eq!(v.list(&c).expect("list").len(), 1);

    drop(other.stdin.take()); // the other process's cue to end
    assert!(other.wait().expect("wait").success());
    remover.join().expect("remover").expect("removed");
    importer.join().expect("importer").expect("imported");
    let left = v.list(&c).expect("list");
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].original_name, "b.txt");
}

/// The other process: takes the files lock, says so, and holds it until its stdin closes.
fn hold_files_lock(path: &std::path::Path) {
    let f = std::fs::File::options()
        .write(true)
        .open(path)
        .expect("the files lock");
    f.lock().expect("lock");
    println!("locked");
    let mut rest = Vec::new();
    std::io::stdin().read_to_end(&mut rest).expect("stdin");
}

fn texts(case_id: &str) -> ExportTexts {
    ExportTexts {
        case_id: case_id.into(),
        title: "点卡<script>alert(1)</script>".into(),
        status: "处理中".into(),
        description: "订单号：2026112512345678\n充值未到账".into(),
        ticket: "工单正文".into(),
        complaint: "投诉信正文".into(),
        timeline: vec![("2026-11-25T03:00:00Z".into(), "创建 & 保存".into())],
    }
}

#[test]
fn export_carries_every_file_under_a_safe_name_with_manifest_and_report() {
    let tmp = tempfile::tempdir().expect("tmp");
    let files = tempfile::tempdir().expect("files");
    let v = vault(tmp.path());
    let c = case(v.store(), "x");
    let png = write_png(files.path(), "聊天.png", 1);
    let jpeg = write_jpeg(files.path(), "a.jpg", 2);
    let same_name = files.path().join("sub");
    std::fs::create_dir(&same_name).expect("dir");
    let jpeg2 = write_jpeg(&same_name, "a.jpg", 3);
    for p in [&png, &jpeg, &jpeg2] {
        v.import(&c, Source::File(p), &opts(), now())
            .expect("import");
    }
    let out = files.path().join("证据包.zip");
    let m = reachright_vault::export(&v, &texts(&c), &out, &ExportOptions::default(), now())
        .expect("export");
    assert_eq!(m.files.len(), 3);

    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).expect("zip")).expect("archive");
    let mut names: Vec<String> = (0..zip.len())
        .map(|i| {
            zip.by_index(i)
                .expect("entry")
                .name()
                .expect("name")
                .to_string()
        })
        .collect();
    names.sort();
    for n in &names {
        assert!(
            !n.contains("..") && !n.starts_with('/') && !n.contains('\\'),
            "{n}"
        );
    }
    let unique: std::collections::HashSet<_> = names.iter().collect();
    assert_eq!(unique.len(), names.len());
    for required in [
        "manifest.json",
        "report.html",
        "description.txt",
        "timeline.txt",
        "ticket.txt",
        "complaint.txt",
    ] {
        assert!(
            names.iter().any(|n| n == required),
            "{required} in {names:?}"
        );
    }
    let mut manifest = String::new();
    zip.by_name("manifest.json")
        .expect("manifest")
        .read_to_string(&mut manifest)
        .expect("read");
    let manifest: serde_json::Value = serde_json::from_str(&manifest).expect("json");
    for f in manifest["files"].as_array().expect("files") {
        let mut bytes = Vec::new();
        zip.by_name(f["path"].as_str().expect("path"))
            .expect("file")
            .read_to_end(&mut bytes)
            .expect("read");
        assert_eq!(
            reachright_vault::sha256_hex(&bytes),
            f["exported_sha256"].as_str().expect("sha")
        );
        assert_eq!(f["kind_label"], "聊天截图");
        assert_eq!(f["caption"], "截图");
    }
    let mut report = String::new();
    zip.by_name("report.html")
        .expect("report")
        .read_to_string(&mut report)
        .expect("read");
    assert!(!report.contains("<script>"), "text is escaped");
    assert!(report.contains("&lt;script&gt;"));
    assert_eq!(report.matches("<img src=\"files/").count(), 3);
}

#[test]
fn export_removes_location_metadata_unless_asked_to_keep_it() {
    let tmp = tempfile::tempdir().expect("tmp");
    let files = tempfile::tempdir().expect("files");
    let v = vault(tmp.path());
    let c = case(v.store(), "x");
    // A JPEG with an EXIF block carrying a GPS marker, inserted after SOI.
    let plain = std::fs::read(write_jpeg(files.path(), "p.jpg", 1)).expect("read");
    let payload = b"Exif\0\0MM\0*GPSLatitude 31.23N GPSLongitude 121.47E";
    let mut with_gps = plain[..2].to_vec();
    with_gps.extend_from_slice(&[0xFF, 0xE1]);
    with_gps.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
    with_gps.extend_from_slice(payload);
    with_gps.extend_from_slice(&plain[2..]);
    let path = files.path().join("gps.jpg");
    std::fs::write(&path, &with_gps).expect("write");
    v.import(&c, Source::File(&path), &opts(), now())
        .expect("import");

    for (keep, expect_gps) in [(false, false), (true, true)] {
        let out = files.path().join(format!("out-{keep}.zip"));
        let m = reachright_vault::export(
            &v,
            &texts(&c),
            &out,
            &ExportOptions {
                strip_location: !keep,
            },
            now(),
        )
        .expect("export");
        let mut zip =
            zip::ZipArchive::new(std::fs::File::open(&out).expect("zip")).expect("archive");
        let mut bytes = Vec::new();
        zip.by_name(&m.files[0].path)
            .expect("file")
            .read_to_end(&mut bytes)
            .expect("read");
        assert_eq!(bytes.windows(11).any(|w| w == b"GPSLatitude"), expect_gps);
        assert_eq!(m.files[0].location_removed, !keep);
        assert_eq!(m.files[0].sha256, reachright_vault::sha256_hex(&with_gps));
        image::load_from_memory(&bytes).expect("still a picture");
    }
}

#[test]
fn two_first_starts_at_once_agree_on_one_key() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().to_path_buf();
    let s = store(&dir);
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let s = s.clone();
            std::thread::spawn(move || Vault::open(s, &unlock()).map(|(v, _)| v))
        })
        .collect();
    let vaults: Vec<Vault> = threads
        .into_iter()
        .map(|t| t.join().expect("join").expect("open"))
        .collect();
    let files = tempfile::tempdir().expect("files");
    let c = case(&s, "x");
    let item = vaults[0]
        .import(
            &c,
            Source::File(&write_png(files.path(), "a.png", 1)),
            &opts(),
            now(),
        )
        .expect("import")
        .item;
    for v in &vaults {
        assert_eq!(
            v.read(&item.id).expect("every opener reads it").0.id,
            item.id
        );
    }
}

#[test]
fn adding_the_original_again_repairs_a_damaged_copy() {
    let tmp = tempfile::tempdir().expect("tmp");
    let files = tempfile::tempdir().expect("files");
    let v = vault(tmp.path());
    let c = case(v.store(), "x");
    let png = write_png(files.path(), "原图.png", 1);
    let item = v
        .import(&c, Source::File(&png), &opts(), now())
        .expect("import")
        .item;
    let path = v.stored_path(&item);
    let mut bytes = std::fs::read(&path).expect("read");
    bytes[100] ^= 0xFF;
    std::fs::write(&path, bytes).expect("damage");
    assert!(v.verify(&c).expect("verify")[0].problem.is_some());
    let again = v
        .import(&c, Source::File(&png), &opts(), now())
        .expect("again");
    assert!(again.duplicate, "same item");
    assert!(
        v.verify(&c).expect("verify")[0].problem.is_none(),
        "the fresh copy replaced the damaged one"
    );
}

#[test]
fn a_passphrase_given_at_set_up_wins_over_the_keychain() {
    // The app offers a passphrase only after the keychain failed to take the key; the keychain it
    // still holds must not be tried again.
    let tmp = tempfile::tempdir().expect("tmp");
    let keychain: Arc<keyring_core::CredentialStore> =
        keyring_core::mock::Store::new().expect("mock");
    let both = Unlock {
        keychain: Some(keychain),
        ..Unlock::default()
    }
    .with_passphrase(Some(PASS.into()));
    let (v, _) = Vault::open(store(tmp.path()), &both).expect("open");
    assert_eq!(v.protection(), "passphrase");
}

#[test]
fn a_keychain_vault_needs_its_keychain_and_says_so() {
    let tmp = tempfile::tempdir().expect("tmp");
    let keychain: Arc<keyring_core::CredentialStore> =
        keyring_core::mock::Store::new().expect("mock");
    Vault::open(
        store(tmp.path()),
        &Unlock {
            keychain: Some(keychain),
            ..Unlock::default()
        },
    )
    .expect("set up");
    let no_keychain = Unlock {
        keychain_error: Some("locked".into()),
        ..Unlock::default()
    }
    .with_passphrase(Some(PASS.into()));
    let err = Vault::open(store(tmp.path()), &no_keychain).unwrap_err();
    assert_eq!(err.code(), "keychain_needed");
    assert!(err.to_string().contains("locked"));
}

#[test]
fn a_lost_vault_json_is_not_silently_replaced_by_a_new_key() {
    let tmp = tempfile::tempdir().expect("tmp");
    let files = tempfile::tempdir().expect("files");
    let v = vault(tmp.path());
    let c = case(v.store(), "x");
    v.import(
        &c,
        Source::File(&write_png(files.path(), "a.png", 1)),
        &opts(),
        now(),
    )
    .expect("import");
    drop(v);
    std::fs::remove_file(tmp.path().join("vault/vault.json")).expect("lose it");
    assert_eq!(
        Vault::open(store(tmp.path()), &unlock())
            .unwrap_err()
            .code(),
        "config_missing"
    );
    assert!(!tmp.path().join("vault/vault.json").exists());
}

#[test]
fn prune_deletes_the_files_of_a_deleted_case_at_once() {
    let tmp = tempfile::tempdir().expect("tmp");
    let files = tempfile::tempdir().expect("files");
    let v = vault(tmp.path());
    let keep = case(v.store(), "keep");
    let gone = case(v.store(), "gone");
    v.import(
        &keep,
        Source::File(&write_png(files.path(), "k.png", 1)),
        &opts(),
        now(),
    )
    .expect("k");
    v.import(
        &gone,
        Source::File(&write_png(files.path(), "g.png", 2)),
        &opts(),
        now(),
    )
    .expect("g");
    v.store().delete_case(&gone).expect("delete case");
    assert_eq!(count(tmp.path(), "blobs"), 2);
    assert_eq!(v.prune().expect("prune"), 1);
    assert_eq!(
        (count(tmp.path(), "blobs"), count(tmp.path(), "thumbs")),
        (1, 1)
    );
    assert!(v.verify(&keep).expect("verify")[0].problem.is_none());
}
