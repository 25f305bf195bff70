//! Issue 10: location removal on export fails closed and tells the truth. Real files go through
//! import and export; each picture in the zip either has no GPS an EXIF reader can find (in any
//! JPEG inside it, so an appended second frame counts) or is listed, in the manifest and the
//! report, as "location could not be removed".

mod common;

use std::io::Read;

use common::*;
use reachright_vault::{ExportOptions, ExportTexts, ImportOptions, Location, Source};

fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
    let mut s = vec![0xFF, marker];
    s.extend_from_slice(&u16::try_from(payload.len() + 2).expect("len").to_be_bytes());
    s.extend_from_slice(payload);
    s
}

/// EXIF (big-endian TIFF) with a GPS IFD holding the latitude's hemisphere.
fn gps_exif() -> Vec<u8> {
    let mut t = b"Exif\0\0MM\0\x2a\0\0\0\x08".to_vec();
    t.extend_from_slice(&1u16.to_be_bytes());
    t.extend_from_slice(&[0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 26]); // GPS IFD at 26
    t.extend_from_slice(&0u32.to_be_bytes());
    t.extend_from_slice(&1u16.to_be_bytes());
    t.extend_from_slice(&[0, 1, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0]); // GPSLatitudeRef "N"
    t.extend_from_slice(&0u32.to_be_bytes());
    t
}

fn jpeg_with_gps(seed: u8) -> Vec<u8> {
    let mut plain = std::io::Cursor::new(Vec::new());
    picture(64, 48, seed)
        .write_to(&mut plain, image::ImageFormat::Jpeg)
        .expect("jpeg");
    let plain = plain.into_inner();
    [&plain[..2], &segment(0xE1, &gps_exif()), &plain[2..]].concat()
}

fn has_gps(bytes: &[u8]) -> bool {
    exif::Reader::new()
        .read_from_container(&mut std::io::Cursor::new(bytes))
        .is_ok_and(|e| e.fields().any(|f| f.tag.context() == exif::Context::Gps))
}

/// GPS in any JPEG that starts anywhere in the file.
fn gps_anywhere(bytes: &[u8]) -> bool {
    (0..bytes.len().saturating_sub(3))
        .filter(|&o| bytes[o..].starts_with(&[0xFF, 0xD8, 0xFF]))
        .any(|o| has_gps(&bytes[o..]))
}

#[test]
fn every_photo_leaves_without_gps_or_is_listed_as_not_removed() {
    let tmp = tempfile::tempdir().expect("tmp");
    let v = vault(&tmp.path().join("data"));
    let case_id = case(v.store(), "位置");
    let mpo = [jpeg_with_gps(1), jpeg_with_gps(2)].concat();
    assert!(gps_anywhere(&mpo[10..]), "the second frame has GPS");
    // Cut inside its picture data: no EOI, still a picture the importer accepts.
    let cut = jpeg_with_gps(3);
    let cut = cut[..cut.len() - 40].to_vec();
    let heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic\0\0\0\x10metaGPS 31.2N".to_vec();
    let mp4 = b"\0\0\0\x18ftypisom\0\0\0\0isommp42\0\0\0\x10moov\xa9xyz+31.2".to_vec();
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("连拍.jpg", mpo),
        ("半张.jpg", cut),
        ("实拍.heic", heic),
        ("录像.mp4", mp4),
        ("说明.txt", "订单号 123".as_bytes().to_vec()),
    ];
    let opts = ImportOptions {
        thumbnails: false,
        ..ImportOptions::default()
    };
    for (name, bytes) in &files {
        v.import(&case_id, Source::Pasted { name, bytes }, &opts, now())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    let out = tmp.path().join("导出.zip");
    let texts = ExportTexts {
        case_id: case_id.clone(),
        ..ExportTexts::default()
    };
    let m = reachright_vault::export(&v, &texts, &out, &ExportOptions::default(), now())
        .expect("export");
    let by_name = |n: &str| {
        m.files
            .iter()
            .find(|f| f.original_name == n)
            .unwrap_or_else(|| panic!("{n} in the manifest"))
    };
    assert_eq!(by_name("连拍.jpg").location, Location::Removed);
    assert!(
        by_name("连拍.jpg").location_note.is_some(),
        "the dropped frame is said"
    );
    assert_eq!(by_name("半张.jpg").location, Location::Removed);
    assert_eq!(by_name("实拍.heic").location, Location::NotRemoved);
    assert_eq!(by_name("录像.mp4").location, Location::NotRemoved);
    assert!(!by_name("实拍.heic").location_removed);
    assert_eq!(by_name("说明.txt").location, Location::NotApplicable);

    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).expect("zip")).expect("archive");
    for f in &m.files {
        let mut bytes = Vec::new();
        zip.by_name(&f.path)
            .expect("entry")
            .read_to_end(&mut bytes)
            .expect("read");
        assert!(
            f.location == Location::NotRemoved || !gps_anywhere(&bytes),
            "{}: GPS left but counted as {:?}",
            f.original_name,
            f.location
        );
    }
    let mut report = String::new();
    zip.by_name("report.html")
        .expect("report")
        .read_to_string(&mut report)
        .expect("read");
    let listed = &report[report
        .find("未能移除位置信息")
        .expect("the not-removed list")..];
    assert!(listed.contains("实拍.heic") && listed.contains("录像.mp4"));
    let mut manifest = String::new();
    zip.by_name("manifest.json")
        .expect("manifest")
        .read_to_string(&mut manifest)
        .expect("read");
    assert!(manifest.contains("\"location\": \"not_removed\""));

    // Kept on purpose: said so, nothing claimed as removed.
    let kept = reachright_vault::export(
        &v,
        &texts,
        &tmp.path().join("保留.zip"),
        &ExportOptions {
            strip_location: false,
        },
        now(),
    )
    .expect("export");
    assert!(kept
        .files
        .iter()
        .filter(|f| f.original_name != "说明.txt")
        .all(|f| f.location == Location::Kept));
}
