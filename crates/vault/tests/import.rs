//! Importing real files: screenshots in PNG and JPEG, a renamed non-image, a truncated PNG, a
//! decompression bomb, duplicates, Chinese names, unreadable paths — each accepted or refused with
//! a message naming the file, and a refusal stores nothing.

mod common;

use common::*;
use reachright_vault::{ImportOptions, Source};

fn opts(kind: &str) -> ImportOptions {
    ImportOptions {
        kind: kind.into(),
        caption: "客服答应退款".into(),
        thumbnails: true,
    }
}

#[test]
fn png_and_jpeg_screenshots_get_size_thumbnail_and_round_trip() {
    let tmp = tempfile::tempdir().expect("tmp");
    let files = tempfile::tempdir().expect("files");
    let v = vault(tmp.path());
    let c = case(v.store(), "充值未到账");
    for (path, mime) in [
        (write_png(files.path(), "聊天记录.png", 1), "image/png"),
        (write_jpeg(files.path(), "转账 截图.jpg", 2), "image/jpeg"),
    ] {
        let imported = v
            .import(&c, Source::File(&path), &opts("chat"), now())
            .expect("import");
        let item = &imported.item;
        assert!(!imported.duplicate);
        assert_eq!(item.media_type, mime);
        assert_eq!((item.width, item.height), (Some(540), Some(1200)));
        assert_eq!(
            item.original_name,
            path.file_name().expect("name").to_string_lossy()
        );
        assert_eq!(item.taken_source, "file");
        assert!(item.has_thumbnail);
        let thumb = v.thumbnail(item).expect("thumb").expect("some");
        let t = image::load_from_memory(&thumb).expect("thumbnail decodes");
        assert!(t.width() <= 320 && t.height() <= 320 && t.height() == 320);
        let (_, bytes) = v.read(&item.id).expect("read");
        assert_eq!(bytes, std::fs::read(&path).expect("original"));
    }
    assert_eq!(v.list(&c).expect("list").len(), 2);
    assert!(v
        .verify(&c)
        .expect("verify")
        .iter()
        .all(|c| c.problem.is_none()));
}

#[test]
fn a_renamed_non_image_is_kept_as_a_plain_file() {
    let tmp = tempfile::tempdir().expect("tmp");
    let files = tempfile::tempdir().expect("files");
    let v = vault(tmp.path());
    let c = case(v.store(), "x");
    let fake = files.path().join("截图.png");
    std::fs::write(&fake, b"%PDF-1.7\n% an invoice renamed to .png\n").expect("write");
    let item = v
        .import(&c, Source::File(&fake), &opts("transfer"), now())
        .expect("import")
        .item;
    assert_eq!(item.media_type, "application/pdf");
    assert_eq!((item.width, item.has_thumbnail), (None, false));
}

#[test]
fn truncated_png_and_bomb_are_refused_by_name_and_leave_nothing_behind() {
    let tmp = tempfile::tempdir().expect("tmp");
    let files = tempfile::tempdir().expect("files");
    let v = vault(tmp.path());
    let c = case(v.store(), "x");

    let full = std::fs::read(write_png(files.path(), "full.png", 3)).expect("read");
    let cut = files.path().join("cut.png");
    std::fs::write(&cut, &full[..full.len() / 2]).expect("write");
    let err = v
        .import(&c, Source::File(&cut), &opts("chat"), now())
        .unwrap_err();
    assert_eq!(err.code(), "bad_image");
    assert!(err.to_string().contains("cut.png"), "{err}");

    // 20000×20000 = 400 megapixels from a ~400 KB file.
    let bomb = files.path().join("bomb.png");
    png_bomb(&bomb, 20_000);
    assert!(std::fs::metadata(&bomb).expect("meta").len() < 2_000_000);
    let err = v
        .import(&c, Source::File(&bomb), &opts("chat"), now())
        .unwrap_err();
    assert_eq!(err.code(), "image_too_large");
    assert!(
        err.to_string().contains("bomb.png") && err.to_string().contains("20000×20000"),
        "{err}"
    );

    // Pasted bytes go through the same checks.
    let err = v
        .import(
            &c,
            Source::Pasted {
                name: "粘贴.png",
                bytes: &full[..full.len() / 3],
            },
            &opts("chat"),
            now(),
        )
        .unwrap_err();
    assert_eq!(err.code(), "bad_image");

    assert!(v.list(&c).expect("list").is_empty());
    assert_eq!(
        count(tmp.path(), "blobs") + count(tmp.path(), "thumbs") + count(tmp.path(), "tmp"),
        0
    );
}

#[test]
fn a_bomb_just_under_the_side_limit_is_still_refused_by_its_pixel_count() {
    let tmp = tempfile::tempdir().expect("tmp");
    let files = tempfile::tempdir().expect("files");
    let v = vault(tmp.path());
    let c = case(v.store(), "x");
    let bomb = files.path().join("tall.png");
    png_bomb(&bomb, 11_000); // 121 MP, each side within limits
    assert_eq!(
        v.import(&c, Source::File(&bomb), &opts("chat"), now())
            .unwrap_err()
            .code(),
        "image_too_large"
    );
}

#[test]
fn the_same_file_is_stored_once_across_cases_and_once_per_case() {
    let tmp = tempfile::tempdir().expect("tmp");
    let files = tempfile::tempdir().expect("files");
    let v = vault(tmp.path());
    let a = case(v.store(), "a");
    let b = case(v.store(), "b");
    let png = write_png(files.path(), "a.png", 4);
    let copy = files.path().join("副本.png");
    std::fs::copy(&png, &copy).expect("copy");
    let first = v
        .import(&a, Source::File(&png), &opts("chat"), now())
        .expect("a");
    let again = v
        .import(&a, Source::File(&copy), &opts("chat"), now())
        .expect("a again");
    assert!(again.duplicate);
    assert_eq!(again.item.id, first.item.id);
    let in_b = v
        .import(&b, Source::File(&copy), &opts("error"), now())
        .expect("b");
    assert!(!in_b.duplicate);
    assert_eq!(in_b.item.original_name, "副本.png");
    assert_eq!(count(tmp.path(), "blobs"), 1);
    // Removing it from one case keeps the file for the other.
    v.remove(&first.item.id, now()).expect("remove");
    assert_eq!(count(tmp.path(), "blobs"), 1);
    assert!(v.verify(&b).expect("verify")[0].problem.is_none());
    v.remove(&in_b.item.id, now()).expect("remove");
    assert_eq!(count(tmp.path(), "blobs") + count(tmp.path(), "thumbs"), 0);
}

#[test]
fn missing_and_non_regular_paths_are_named() {
    let tmp = tempfile::tempdir().expect("tmp");
    let files = tempfile::tempdir().expect("files");
    let v = vault(tmp.path());
    let c = case(v.store(), "x");
    let missing = files.path().join("不存在.png");
    let err = v
        .import(&c, Source::File(&missing), &opts("chat"), now())
        .unwrap_err();
    assert_eq!(err.code(), "unreadable");
    assert!(err.to_string().contains("不存在.png"));
    let err = v
        .import(&c, Source::File(files.path()), &opts("chat"), now())
        .unwrap_err();
    assert_eq!(err.code(), "unreadable");
    assert_eq!(
        v.import("no-such-case", Source::File(&missing), &opts("chat"), now())
            .unwrap_err()
            .code(),
        "not_found"
    );
}

#[test]
fn pasted_images_are_timed_when_pasted() {
    let tmp = tempfile::tempdir().expect("tmp");
    let files = tempfile::tempdir().expect("files");
    let v = vault(tmp.path());
    let c = case(v.store(), "x");
    let bytes = std::fs::read(write_png(files.path(), "p.png", 5)).expect("read");
    let item = v
        .import(
            &c,
            Source::Pasted {
                name: "粘贴的图片.png",
                bytes: &bytes,
            },
            &opts("error"),
            now(),
        )
        .expect("paste")
        .item;
    assert_eq!(item.taken_source, "pasted");
    assert_eq!(item.taken_at.as_deref(), Some("2026-11-25T04:00:00Z"));
    assert!(item.has_thumbnail);
}
