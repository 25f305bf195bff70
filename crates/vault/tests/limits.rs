//! Issue 10: a thumbnail is bound to its item (a swapped one fails `verify`).

mod common;

use common::*;
use reachright_vault::{ImportOptions, Source};

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
