//! Issue 10: the start-up sweep deleted every stored file when the database was missing or older
//! (moved away, or restored from a backup), so putting the right database back showed every item
//! as "the stored file is missing". A stored file is evidence until this database is seen to drop
//! it; these open the vault as the app and the CLI do, with the wrong database in place.

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};

use common::*;
use reachright_store::DB_FILE;
use reachright_vault::{ImportOptions, Source, Vault};

/// The database and its WAL companions, moved together (what "moving the database away" is).
fn db_files(dir: &Path) -> Vec<PathBuf> {
    ["", "-wal", "-shm"]
        .iter()
        .map(|s| dir.join(format!("{DB_FILE}{s}")))
        .collect()
}

fn move_db(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for f in db_files(from) {
        if f.exists() {
            std::fs::rename(&f, to.join(f.file_name().expect("name"))).expect("move db");
        }
    }
}

fn copy_db(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for f in db_files(from) {
        if f.exists() {
            std::fs::copy(&f, to.join(f.file_name().expect("name"))).expect("copy db");
        }
    }
}

fn import_some(v: &Vault, case_id: &str, files: &Path, seeds: std::ops::Range<u8>) {
    for seed in seeds {
        let path = if seed % 2 == 0 {
            write_png(files, &format!("截图{seed}.png"), seed)
        } else {
            let p = files.join(format!("记录{seed}.bin"));
            std::fs::write(&p, vec![seed; 300_000 + usize::from(seed)]).expect("bin");
            p
        };
        v.import(
            case_id,
            Source::File(&path),
            &ImportOptions::default(),
            now(),
        )
        .expect("import");
    }
}

/// Every item verifies and reads back whole, thumbnails included.
fn all_items_read(dir: &Path, case_id: &str, expected: usize) {
    let (v, r) = Vault::open(store(dir), &unlock()).expect("reopen with the right database");
    assert!(
        r.missing.is_empty(),
        "missing after restore: {:?}",
        r.missing
    );
    let checks = v.verify(case_id).expect("verify");
    assert_eq!(checks.len(), expected);
    for c in &checks {
        assert!(
            c.problem.is_none(),
            "{}: {:?}",
            c.item.original_name,
            c.problem
        );
        let (_, bytes) = v.read(&c.item.id).expect("read");
        assert_eq!(reachright_vault::sha256_hex(&bytes), c.item.sha256);
        let mut again = Vec::new();
        v.reader(&c.item)
            .expect("reader")
            .read_to_end(&mut again)
            .expect("stream");
        assert_eq!(again, bytes);
        if c.item.has_thumbnail {
            assert!(v.thumbnail(&c.item).expect("thumbnail").is_some());
        }
    }
}

#[test]
fn a_missing_database_costs_no_evidence() {
    let tmp = tempfile::tempdir().expect("tmp");
    let files = tempfile::tempdir().expect("files");
    let dir = tmp.path().join("data");
    let case_id = {
        let v = vault(&dir);
        let c = case(v.store(), "数据库不见了");
        import_some(&v, &c, files.path(), 0..4);
        c
    };
    assert_eq!(count(&dir, "blobs"), 4);
    let aside = tmp.path().join("aside");
    move_db(&dir, &aside);

    // What `reachright-cli evidence list ANY` does: a new empty database, the vault opened (and
    // swept, nothing else holds it), an unknown case.
    let (v, r) = Vault::open(store(&dir), &unlock()).expect("open on a new database");
    assert!(r.swept);
    assert_eq!((r.orphans_removed, r.unreferenced), (0, 4));
    assert_eq!(v.list("ANY").expect_err("unknown case").code(), "not_found");
    // A case deleted meanwhile in this (wrong) database prunes nothing it never named.
    assert_eq!(v.prune().expect("prune"), 0);
    drop(v);
    assert_eq!(count(&dir, "blobs"), 4, "stored evidence deleted");
    assert_eq!(count(&dir, "thumbs"), 2, "thumbnails deleted");

    for f in db_files(&dir) {
        let _ = std::fs::remove_file(f);
    }
    move_db(&aside, &dir);
    all_items_read(&dir, &case_id, 4);
}

#[test]
fn an_older_database_costs_no_evidence() {
    let tmp = tempfile::tempdir().expect("tmp");
    let files = tempfile::tempdir().expect("files");
    let dir = tmp.path().join("data");
    let case_id = {
        let v = vault(&dir);
        let c = case(v.store(), "旧备份");
        import_some(&v, &c, files.path(), 0..2);
        c
    };
    // A backup taken now (the vault and store are closed, so the database is whole in its file).
    let backup = tmp.path().join("backup");
    copy_db(&dir, &backup);
    {
        let v = vault(&dir);
        import_some(&v, &case_id, files.path(), 2..5);
        // A second case, deleted later in the old database.
        let other = case(v.store(), "另一个");
        import_some(&v, &other, files.path(), 10..11);
    }
    let newest = tmp.path().join("newest");
    copy_db(&dir, &newest);

    // The older backup is restored and opened; the user deletes a case in it.
    for f in db_files(&dir) {
        let _ = std::fs::remove_file(f);
    }
    copy_db(&backup, &dir);
    let (v, r) = Vault::open(store(&dir), &unlock()).expect("open the older database");
    assert_eq!((r.orphans_removed, r.unreferenced), (0, 4));
    assert_eq!(v.list(&case_id).expect("list").len(), 2);
    let doomed = case(v.store(), "删掉的");
    let doomed_file = write_png(files.path(), "删掉的.png", 99);
    v.import(
        &doomed,
        Source::File(&doomed_file),
        &ImportOptions::default(),
        now(),
    )
    .expect("import");
    v.store().delete_case(&doomed).expect("delete case");
    // Only the file this database named and dropped goes; the newer evidence stays.
    assert_eq!(v.prune().expect("prune"), 1);
    drop(v);
    assert_eq!(count(&dir, "blobs"), 6);

    for f in db_files(&dir) {
        let _ = std::fs::remove_file(f);
    }
    copy_db(&newest, &dir);
    all_items_read(&dir, &case_id, 5);
}
