//! Issue 10: a thumbnail is bound to its item (a swapped one fails `verify`), and evidence files
//! and pasted images have a size limit with a message that names the file and the limit.

mod common;

use common::*;
use reachright_vault::{ImportOptions, Source, MAX_FILE, MAX_PASTED};

#[test]
fn a_swapped_thumbnail_fails_verify() {
    let tmp = tempfile::tempdir().expect("tmp");
    let files = tempfile::tempdir().expect("files");
    let v = vault(tmp.path());
    let c = case(v.store(), "缩略图");
    let a = v
        .import(
            &c,
            Source::File(&write_png(files.path(), "甲.png", 1)),
            &ImportOptions::default(),
            now(),
        )
        .expect("a")
        .item;
    let b = v
        .import(
            &c,
            Source::File(&write_png(files.path(), "乙.png", 2)),
            &ImportOptions::default(),
            now(),
        )
        .expect("b")
        .item;
    assert!(v
        .verify(&c)
        .expect("verify")
        .iter()
        .all(|c| c.problem.is_none()));
    let thumb = |sha: &str| tmp.path().join("vault/thumbs").join(&sha[..2]).join(sha);
    // Each item's thumbnail opens, and is not the other's.
    let ta = v.thumbnail(&a).expect("thumb a").expect("has one");
    let tb = v.thumbnail(&b).expect("thumb b").expect("has one");
    assert!(ta != tb);

    // Put b's thumbnail in a's place: it decrypts with the vault key, but not as a's.
    std::fs::copy(thumb(&b.sha256), thumb(&a.sha256)).expect("swap");
    let e = v.thumbnail(&a).expect_err("a swapped thumbnail");
    assert_eq!(e.code(), "damaged");
    assert!(e.to_string().contains("甲.png"), "{e}");
    let checks = v.verify(&c).expect("verify");
    let problem = |id: &str| {
        checks
            .iter()
            .find(|c| c.item.id == id)
            .expect("item")
            .problem
            .clone()
    };
    assert!(
        problem(&a.id).is_some_and(|p| p.contains("thumbnail")),
        "{:?}",
        problem(&a.id)
    );
    assert_eq!(problem(&b.id), None);
}

#[test]
fn files_and_pastes_over_the_limit_are_refused_by_name() {
    let tmp = tempfile::tempdir().expect("tmp");
    let files = tempfile::tempdir().expect("files");
    let v = vault(tmp.path());
    let c = case(v.store(), "太大");
    // A sparse file: its size is over the limit without writing gigabytes.
    let huge = files.path().join("整个硬盘.img");
    std::fs::File::create(&huge)
        .expect("create")
        .set_len(MAX_FILE + 1)
        .expect("set_len");
    let e = v
        .import(&c, Source::File(&huge), &ImportOptions::default(), now())
        .expect_err("too large");
    assert_eq!(e.code(), "too_large");
    let msg = e.to_string();
    assert!(
        msg.contains("整个硬盘.img") && msg.contains("2.0 GB"),
        "{msg}"
    );

    let pasted = vec![0u8; usize::try_from(MAX_PASTED).expect("usize") + 1];
    let e = v
        .import(
            &c,
            Source::Pasted {
                name: "粘贴的截图.png",
                bytes: &pasted,
            },
            &ImportOptions::default(),
            now(),
        )
        .expect_err("too large");
    assert_eq!(e.code(), "too_large");
    assert!(
        e.to_string().contains("粘贴的截图.png") && e.to_string().contains("50 MB"),
        "{e}"
    );

    assert!(v.list(&c).expect("list").is_empty());
    assert_eq!(count(tmp.path(), "blobs") + count(tmp.path(), "tmp"), 0);
    // At the limit is fine.
    let e = v.import(
        &c,
        Source::Pasted {
            name: "刚好.bin",
            bytes: &pasted[1..],
        },
        &ImportOptions::default(),
        now(),
    );
    assert!(e.is_ok(), "{e:?}");
}
