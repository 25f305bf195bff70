//! The case's zip: where it went and what happened to the pictures' location data.

use crate::Call;
use std::path::Path;

use reachright_vault::{ExportOptions, Location, Vault};
use serde::{Deserialize, Serialize};
#[cfg(test)]
use ts_rs::TS;

use crate::error::Result;
use crate::evidence::{export_case, export_file_name};

/// Where the case's zip went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct ExportResult {
    pub path: String,
    pub folder: String,
    /// Evidence files in the zip.
    pub files: u32,
    /// Location removal was asked for and every picture could be processed (see
    /// `location_unprocessed`); false when the user kept location data.
    pub location_stripped: bool,
    /// The pictures whose location data (EXIF/XMP) was really removed, by original name.
    pub location_removed: Vec<String>,
    /// Photos and videos whose location data could not be removed (HEIC/AVIF, videos, GIF/BMP,
    /// damaged files, larger than the vault's read limit) and went into the zip as they are.
    /// Empty when the user kept location data.
    pub location_unprocessed: Vec<String>,
    /// The zip was shown in the file manager (set by the shell; false here).
    pub revealed: bool,
}

/// The location part of an export's result, from its manifest: `(stripped, removed, unprocessed)`.
/// What the vault's stripper said per file is the truth: nothing is counted as removed that it
/// did not remove.
pub fn location_report(
    files: &[reachright_vault::ManifestFile],
    strip_requested: bool,
) -> (bool, Vec<String>, Vec<String>) {
    if !strip_requested {
        return (false, Vec::new(), Vec::new());
    }
    let with = |l: Location| -> Vec<String> {
        files
            .iter()
            .filter(|f| f.location == l)
            .map(|f| f.original_name.clone())
            .collect()
    };
    let unprocessed = with(Location::NotRemoved);
    (unprocessed.is_empty(), with(Location::Removed), unprocessed)
}

/// Writes the case's zip into `dir` (the user's Downloads folder in the app) under a name made
/// from the case title and `now`. Location metadata is stripped unless `keep_location`.
pub fn export(
    call: &Call<'_>,
    vault: &Vault,
    case_id: &str,
    dir: &Path,
    keep_location: bool,
) -> Result<ExportResult> {
    let title = vault.store().get_case(case_id)?.title;
    let path = export_file_name(dir, &title, call.now);
    let opts = ExportOptions {
        strip_location: !keep_location,
    };
    let manifest = export_case(call, vault, case_id, &path, &opts)?;
    let (location_stripped, location_removed, location_unprocessed) =
        location_report(&manifest.files, !keep_location);
    Ok(ExportResult {
        folder: dir.display().to_string(),
        path: path.display().to_string(),
        files: u32::try_from(manifest.files.len()).unwrap_or(u32::MAX),
        location_stripped,
        location_removed,
        location_unprocessed,
        revealed: false,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::gallery::test_fixture::{fixture, png, STORY};
    use reachright_core::Lang;

    /// A PNG with an `eXIf` chunk (where a phone puts GPS), before IEND.
    fn png_with_exif(w: u32, h: u32) -> Vec<u8> {
        fn crc(data: &[u8]) -> u32 {
            let mut c = 0xFFFF_FFFFu32;
            for &b in data {
                c ^= u32::from(b);
                for _ in 0..8 {
                    c = if c & 1 == 1 {
                        0xEDB8_8320 ^ (c >> 1)
                    } else {
                        c >> 1
                    };
                }
            }
            !c
        }
        let plain = png(w, h);
        let iend = plain.len() - 12;
        let body: &[u8] = b"MM\0\x2a\0\0\0\x08\0\0GPS 31.2304N 121.4737E";
        let mut chunk = Vec::new();
        chunk.extend_from_slice(&u32::try_from(body.len()).unwrap().to_be_bytes());
        let mut typed = b"eXIf".to_vec();
        typed.extend_from_slice(body);
        chunk.extend_from_slice(&typed);
        chunk.extend_from_slice(&crc(&typed).to_be_bytes());
        [&plain[..iend], &chunk[..], &plain[iend..]].concat()
    }

    #[test]
    fn export_reports_location_data_from_the_manifest() {
        let f = fixture(STORY);
        let mut bmp = std::io::Cursor::new(Vec::new());
        image::RgbImage::from_pixel(6, 6, image::Rgb([1, 2, 3]))
            .write_to(&mut bmp, image::ImageFormat::Bmp)
            .unwrap();
        for (name, bytes) in [
            ("gps.png", png_with_exif(9, 9)),
            ("plain.png", png(7, 7)),
            ("scan.bmp", bmp.into_inner()),
        ] {
            let o = f.add(name, &bytes, "chat");
            assert!(o.item.is_some(), "{name}: {:?}", o.error);
        }
        let out = f.dir.path().join("downloads");
        std::fs::create_dir(&out).unwrap();
        let r = export(&f.call(Lang::Zh), &f.vault, &f.case_id, &out, false).unwrap();
        assert_eq!(r.files, 3);
        assert_eq!(r.location_removed, ["gps.png"]);
        assert_eq!(r.location_unprocessed, ["scan.bmp"]);
        assert!(
            !r.location_stripped,
            "a BMP went in as it is: not claimed as stripped"
        );
        assert!(!r.revealed, "only the shell can show it");

        let kept = export(&f.call(Lang::Zh), &f.vault, &f.case_id, &out, true).unwrap();
        assert!(!kept.location_stripped);
        assert!(kept.location_removed.is_empty() && kept.location_unprocessed.is_empty());
    }

    #[test]
    fn export_writes_the_zip_where_asked() {
        let f = fixture(STORY);
        f.add("pay.png", &png(8, 8), "transfer");
        let out = f.dir.path().join("downloads");
        std::fs::create_dir(&out).unwrap();
        let r = export(&f.call(Lang::Zh), &f.vault, &f.case_id, &out, false).unwrap();
        assert_eq!(r.files, 1);
        assert!(r.location_stripped);
        assert!(std::path::Path::new(&r.path).is_file());
        assert!(r.path.ends_with(".zip"));
        assert_eq!(r.folder, out.display().to_string());
    }

    fn manifest_file(
        name: &str,
        media_type: &str,
        size: i64,
        location: Location,
    ) -> reachright_vault::ManifestFile {
        reachright_vault::ManifestFile {
            path: format!("evidence/{name}"),
            original_name: name.into(),
            kind: "chat".into(),
            kind_label: "聊天截图".into(),
            caption: String::new(),
            media_type: media_type.into(),
            sha256: String::new(),
            size,
            exported_sha256: String::new(),
            exported_size: 0,
            location_removed: location == Location::Removed,
            location,
            location_note: None,
            taken_at: None,
            taken_source: "file".into(),
            added_at: String::new(),
        }
    }

    #[test]
    fn the_location_report_says_what_was_removed_and_what_could_not_be_processed() {
        let files = vec![
            manifest_file("gps.jpg", "image/jpeg", 1000, Location::Removed),
            manifest_file("plain.png", "image/png", 1000, Location::NoneFound),
            manifest_file("shot.webp", "image/webp", 1000, Location::NoneFound),
            manifest_file("photo.heic", "image/heic", 1000, Location::NotRemoved),
            manifest_file("huge.jpg", "image/jpeg", 1 << 40, Location::NotRemoved),
            manifest_file(
                "receipt.pdf",
                "application/pdf",
                1000,
                Location::NotApplicable,
            ),
        ];
        let (stripped, removed, unprocessed) = location_report(&files, true);
        assert!(!stripped, "a HEIC and a too-large JPEG were not processed");
        assert_eq!(removed, ["gps.jpg"]);
        assert_eq!(unprocessed, ["photo.heic", "huge.jpg"]);

        let (stripped, removed, unprocessed) = location_report(&files[..3], true);
        assert!(stripped);
        assert_eq!(removed, ["gps.jpg"]);
        assert!(unprocessed.is_empty());

        // Kept on purpose: nothing claimed.
        let (stripped, removed, unprocessed) = location_report(&files, false);
        assert!(!stripped && removed.is_empty() && unprocessed.is_empty());
    }
}
