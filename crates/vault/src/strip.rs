//! Removing location metadata from pictures before they leave the vault (an export's zip, a
//! ticket's attachments). GPS coordinates live in the EXIF block, in XMP, in IPTC, in PNG text
//! chunks ("Raw profile type exif/xmp/iptc"), and in whatever a camera appends after the picture
//! (a second MPO frame with its own EXIF, a motion photo's video). The rule is fail closed: a
//! file is either rewritten so that only what a viewer needs to draw the picture is left, or
//! reported as "location not removed" — never counted as done because nothing was recognised.
//!
//! Each format is walked against an allow-list of the segments/chunks that draw the picture
//! (everything else goes: unknown is treated as possibly identifying), and a file that cannot
//! be walked to its end (cut short, a lying length) is reported, not exported as "clean". The
//! compressed picture data is copied untouched (no re-encoding, no quality loss).
//!
//! One EXIF value is put back: the orientation. A phone photo of a receipt or a card is often
//! stored sideways with "turn 90°" in its EXIF; without it the exported photo would show sideways.
//! It goes back as a new EXIF block holding that one value, in place of the old block.
//!
//! Why not the `img-parts` crate (JPEG/PNG/WebP segment editing without re-encoding)? Weighed
//! and not taken: it gives the segment list, which is the easy part here; the parts that keep
//! location from leaking it does not do — it stops at the first image's EOI and drops (JPEG) or
//! ignores (PNG, "remaining data after IEND") what follows without saying so, keeps XMP/IPTC/
//! text chunks unless each is found and removed by hand, and in the version read its JPEG
//! reader takes bytes with `Buf::get_u8`, which panics on a file cut short. We would wrap it
//! with the same allow-lists and end checks as below and add `bytes` to the binary, for no
//! fewer lines of our own.

use serde::Serialize;

/// What happened to a file's location metadata on its way out of the vault.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Location {
    /// Metadata that can hold a location was found and removed.
    Removed,
    /// The whole file was read: nothing that can hold a location was in it.
    NoneFound,
    /// A photo or video whose location metadata could not be removed (a format we do not
    /// rewrite, damaged, too large): it may still hold one.
    NotRemoved,
    /// The user chose to keep location data.
    Kept,
    /// Not a photo or a video (a PDF, a text): not examined.
    NotApplicable,
}

/// The result of [`remove_location`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stripped {
    pub location: Location,
    /// The bytes to send instead of the original (only when `location` is `Removed`).
    pub bytes: Option<Vec<u8>>,
    /// Why it was not removed, or what else was left out (Chinese, then English).
    pub note: Option<&'static str>,
}

impl Stripped {
    fn not_removed(note: &'static str) -> Self {
        Stripped {
            location: Location::NotRemoved,
            bytes: None,
            note: Some(note),
        }
    }
}

/// Whether files of this media type can carry a location (photos and videos).
pub fn may_hold_location(media_type: &str) -> bool {
    media_type.starts_with("image/") || media_type.starts_with("video/")
}

/// Whether [`remove_location`] rewrites files of this media type (it needs their bytes); for
/// other photos and videos it answers from the type alone.
pub fn rewritable(media_type: &str) -> bool {
    matches!(media_type, "image/jpeg" | "image/png" | "image/webp")
}

pub(crate) const DAMAGED: &str = "文件已损坏或不完整,无法确认 · the file is damaged or cut short";
pub(crate) const UNSUPPORTED: &str =
    "这种格式无法移除位置信息 · location cannot be removed from this format";
pub(crate) const VIDEO: &str = "视频的位置信息无法移除 · location cannot be removed from videos";
pub(crate) const HEIF: &str =
    "HEIC/AVIF 照片的位置信息无法移除 · location cannot be removed from HEIC/AVIF photos";
pub(crate) const TOO_LARGE: &str = "文件太大,无法处理 · the file is too large to be rewritten";
const TAIL: &str =
    "照片后附带的第二张图或视频(MPO、动态照片)未放入 · the second picture or video stored after the photo (MPO, motion photo) was left out";

/// Removes location metadata from a photo or video of `media_type` (as sniffed at import).
pub fn remove_location(bytes: &[u8], media_type: &str) -> Stripped {
    if !may_hold_location(media_type) {
        return Stripped {
            location: Location::NotApplicable,
            bytes: None,
            note: None,
        };
    }
    let walk: fn(&[u8], Option<Vec<u8>>) -> Option<Walked> = match media_type {
        "image/jpeg" if bytes.starts_with(&[0xFF, 0xD8]) => jpeg,
        "image/png" if bytes.starts_with(PNG_SIGNATURE) => png,
        "image/webp" if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" => {
            webp
        }
        "image/jpeg" | "image/png" | "image/webp" => return Stripped::not_removed(DAMAGED),
        "image/heic" | "image/heif" | "image/avif" => return Stripped::not_removed(HEIF),
        m if m.starts_with("video/") => return Stripped::not_removed(VIDEO),
        _ => return Stripped::not_removed(UNSUPPORTED),
    };
    let kept = orientation(bytes).map(orientation_tiff);
    let walked = walk(bytes, kept);
    let Some(w) = walked else {
        return Stripped::not_removed(DAMAGED);
    };
    if !w.removed && !w.tail {
        return Stripped {
            location: Location::NoneFound,
            bytes: None,
            note: None,
        };
    }
    // The oracle the fuzzer also checks: what goes out has no GPS a reader can find.
    if has_gps(&w.out) {
        return Stripped::not_removed(DAMAGED);
    }
    Stripped {
        location: Location::Removed,
        bytes: Some(w.out),
        note: w.tail.then_some(TAIL),
    }
}

/// Whether an EXIF reader finds any GPS field in the file.
pub fn has_gps(bytes: &[u8]) -> bool {
    let Ok(exif) = exif::Reader::new().read_from_container(&mut std::io::Cursor::new(bytes)) else {
        return false;
    };
    let found = exif.fields().any(|f| is_gps(f.tag));
    found
}

fn is_gps(tag: exif::Tag) -> bool {
    tag.context() == exif::Context::Gps || tag == exif::Tag::GPSInfoIFDPointer
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// A walked file: the rewritten bytes, whether anything was dropped, whether data after the
/// picture's end was dropped.
struct Walked {
    out: Vec<u8>,
    removed: bool,
    tail: bool,
}

/// The picture's EXIF orientation when it is not "upright" (2–8: turned and/or mirrored).
fn orientation(bytes: &[u8]) -> Option<u16> {
    let exif = exif::Reader::new()
        .read_from_container(&mut std::io::Cursor::new(bytes))
        .ok()?;
    let value = exif
        .get_field(exif::Tag::Orientation, exif::In::PRIMARY)?
        .value
        .get_uint(0)?;
    u16::try_from(value).ok().filter(|o| (2..=8).contains(o))
}

/// A big-endian TIFF structure (what an EXIF block holds) with one entry: the orientation.
fn orientation_tiff(orientation: u16) -> Vec<u8> {
    let mut t = b"MM\0\x2a".to_vec();
    t.extend_from_slice(&8u32.to_be_bytes()); // the first IFD follows the header
    t.extend_from_slice(&1u16.to_be_bytes()); // one entry
    t.extend_from_slice(&0x0112u16.to_be_bytes()); // Orientation
    t.extend_from_slice(&3u16.to_be_bytes()); // of type SHORT
    t.extend_from_slice(&1u32.to_be_bytes()); // one value
    t.extend_from_slice(&orientation.to_be_bytes());
    t.extend_from_slice(&[0, 0]); // the 4-byte value field, padded
    t.extend_from_slice(&0u32.to_be_bytes()); // no further IFD
    t
}

/// The JPEG application segments a viewer needs: JFIF (APP0), the colour profile (APP2
/// `ICC_PROFILE`) and Adobe's colour transform (APP14, needed to draw CMYK/YCCK). Every other
/// APPn (EXIF, XMP and extended XMP, MPF, IPTC/Photoshop, makers' own) and comments go.
fn keep_app_segment(marker: u8, payload: &[u8]) -> bool {
    match marker {
        0xE0 => payload.starts_with(b"JFIF\0") || payload.starts_with(b"JFXX\0"),
        0xE2 => payload.starts_with(b"ICC_PROFILE\0"),
        0xEE => payload.starts_with(b"Adobe"),
        _ => false,
    }
}

/// Walks the JPEG's segments and entropy-coded scans up to its EOI. Anything after the EOI (an
/// MPO's further frames, a motion photo's video) is dropped. `None`: the file does not reach
/// its EOI as a well-formed JPEG.
fn jpeg(bytes: &[u8], mut kept: Option<Vec<u8>>) -> Option<Walked> {
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..2]);
    let mut i = 2;
    let mut removed = false;
    loop {
        // A marker, after any 0xFF fill bytes.
        if *bytes.get(i)? != 0xFF {
            return None;
        }
        while *bytes.get(i + 1)? == 0xFF {
            i += 1;
        }
        let marker = bytes[i + 1];
        match marker {
            0xD9 => {
                out.extend_from_slice(&[0xFF, 0xD9]);
                let tail = i + 2 < bytes.len();
                return Some(Walked {
                    out,
                    removed: removed || tail,
                    tail,
                });
            }
            0xD8 | 0x00 => return None, // a second SOI, or a stuffed byte where a marker belongs
            0x01 | 0xD0..=0xD7 => {
                out.extend_from_slice(&[0xFF, marker]);
                i += 2;
                continue;
            }
            _ => {}
        }
        let len = usize::from(u16::from_be_bytes([*bytes.get(i + 2)?, *bytes.get(i + 3)?]));
        let end = i + 2 + len;
        if len < 2 || end > bytes.len() {
            return None;
        }
        let payload = &bytes[i + 4..end];
        let metadata = (0xE0..=0xEF).contains(&marker) || marker == 0xFE;
        if metadata && !keep_app_segment(marker, payload) {
            removed = true;
            // In place of the first EXIF block.
            if marker == 0xE1 && payload.starts_with(b"Exif\0") {
                if let Some(tiff) = kept.take() {
                    let body = [b"Exif\0\0".as_slice(), &tiff].concat();
                    out.extend_from_slice(&[0xFF, 0xE1]);
                    out.extend_from_slice(&u16::try_from(body.len() + 2).ok()?.to_be_bytes());
                    out.extend_from_slice(&body);
                }
            }
            i = end;
            continue;
        }
        out.extend_from_slice(&bytes[i..end]);
        i = end;
        if marker == 0xDA {
            // Entropy-coded data: up to the next marker that is neither a stuffed 0xFF00 nor a
            // restart marker (a progressive JPEG has several scans, with tables between them).
            // A file cut short inside its last scan (a partly copied photo) has no EOI: nothing
            // but picture data follows the segments already walked, so it is done.
            let start = i;
            loop {
                let Some(at) = bytes.get(i..)?.iter().position(|&b| b == 0xFF) else {
                    out.extend_from_slice(&bytes[start..]);
                    return Some(Walked {
                        out,
                        removed,
                        tail: false,
                    });
                };
                let at = i + at;
                let Some(&next) = bytes.get(at + 1) else {
                    out.extend_from_slice(&bytes[start..]);
                    return Some(Walked {
                        out,
                        removed,
                        tail: false,
                    });
                };
                if next == 0x00 || (0xD0..=0xD7).contains(&next) {
                    i = at + 2;
                } else {
                    i = at;
                    break;
                }
            }
            out.extend_from_slice(&bytes[start..i]);
        }
    }
}

/// The PNG chunks that draw the picture (critical, colour, transparency, pixel size, APNG
/// animation); text (where "Raw profile type exif/xmp/iptc" and XMP live), `eXIf`, `tIME` and
/// unknown chunks go.
fn keep_png_chunk(kind: &[u8]) -> bool {
    matches!(
        kind,
        b"IHDR"
            | b"PLTE"
            | b"IDAT"
            | b"IEND"
            | b"tRNS"
            | b"cHRM"
            | b"gAMA"
            | b"iCCP"
            | b"sBIT"
            | b"sRGB"
            | b"cICP"
            | b"mDCv"
            | b"cLLi"
            | b"bKGD"
            | b"hIST"
            | b"pHYs"
            | b"sPLT"
            | b"acTL"
            | b"fcTL"
            | b"fdAT"
    )
}

fn png(bytes: &[u8], mut kept: Option<Vec<u8>>) -> Option<Walked> {
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..8]);
    let mut i: usize = 8;
    let mut removed = false;
    loop {
        let header = bytes.get(i..i.checked_add(8)?)?;
        let len = u32::from_be_bytes([header[0], header[1], header[2], header[3]]) as usize;
        let end = i.checked_add(12)?.checked_add(len)?;
        if end > bytes.len() {
            return None;
        }
        let kind = &header[4..8];
        if keep_png_chunk(kind) {
            out.extend_from_slice(&bytes[i..end]);
        } else {
            removed = true;
            if kind == b"eXIf" {
                if let Some(tiff) = kept.take() {
                    let mut crc = flate2::Crc::new();
                    crc.update(b"eXIf");
                    crc.update(&tiff);
                    out.extend_from_slice(&u32::try_from(tiff.len()).ok()?.to_be_bytes());
                    out.extend_from_slice(b"eXIf");
                    out.extend_from_slice(&tiff);
                    out.extend_from_slice(&crc.sum().to_be_bytes());
                }
            }
        }
        i = end;
        if kind == b"IEND" {
            let tail = i < bytes.len();
            return Some(Walked {
                out,
                removed: removed || tail,
                tail,
            });
        }
    }
}

/// The WebP chunks that draw the picture; `EXIF`, `XMP ` and unknown chunks go (an `EXIF` chunk
/// with the orientation alone comes back at the end, where WebP writers put it). The `VP8X`
/// flags are updated to match and the RIFF length fixed; bytes after the RIFF's end are dropped.
fn keep_webp_chunk(kind: &[u8]) -> bool {
    matches!(
        kind,
        b"VP8 " | b"VP8L" | b"VP8X" | b"ALPH" | b"ANIM" | b"ANMF" | b"ICCP"
    )
}

fn webp(bytes: &[u8], kept: Option<Vec<u8>>) -> Option<Walked> {
    let riff_end =
        (u32::from_le_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]) as usize).checked_add(8)?;
    if riff_end > bytes.len() {
        return None;
    }
    let mut out = bytes[..12].to_vec();
    let mut i: usize = 12;
    let mut removed = false;
    let mut vp8x = None;
    while i < riff_end {
        let header = bytes.get(i..i.checked_add(8)?)?;
        let kind = &header[..4];
        let len = u32::from_le_bytes([header[4], header[5], header[6], header[7]]) as usize;
        let end = i.checked_add(8)?.checked_add(len)?.checked_add(len % 2)?;
        // An odd last chunk may lack its padding byte: writers differ.
        if end > riff_end && !(end == riff_end + 1 && len % 2 == 1) {
            return None;
        }
        let end = end.min(riff_end);
        if keep_webp_chunk(kind) {
            if kind == b"VP8X" && len >= 1 {
                vp8x = Some(out.len() + 8);
            }
            out.extend_from_slice(&bytes[i..end]);
        } else {
            removed = true;
        }
        i = end;
    }
    let tail = riff_end < bytes.len();
    if !removed && !tail {
        return Some(Walked {
            out,
            removed: false,
            tail: false,
        });
    }
    if let Some(at) = vp8x {
        let exif_flag = if kept.is_some() { 0 } else { 0x08 };
        out[at] &= !(exif_flag | 0x04); // the EXIF and XMP metadata flags
    }
    if let Some(tiff) = kept.filter(|_| removed) {
        out.extend_from_slice(b"EXIF");
        out.extend_from_slice(&u32::try_from(tiff.len()).ok()?.to_le_bytes());
        out.extend_from_slice(&tiff); // 26 bytes: even, no padding byte
    }
    let riff_len = u32::try_from(out.len() - 8).ok()?;
    out[4..8].copy_from_slice(&riff_len.to_le_bytes());
    Some(Walked {
        out,
        removed: true,
        tail,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// What leaves the vault and how it is counted: the rewritten bytes, or the original.
    fn exported(bytes: &[u8], media_type: &str) -> (Location, Vec<u8>) {
        let s = remove_location(bytes, media_type);
        (s.location, s.bytes.unwrap_or_else(|| bytes.to_vec()))
    }

    /// The bytes of a stripped file (`None` when it was not rewritten).
    fn strip(bytes: &[u8]) -> Option<Vec<u8>> {
        remove_location(
            bytes,
            crate::inspect::sniff(&bytes[..bytes.len().min(64)]).0,
        )
        .bytes
    }

    /// GPS found by an EXIF reader in any JPEG that starts anywhere in the file (an MPO's
    /// second frame, a JPEG hidden in a tail), or in the file as a whole (PNG, WebP).
    fn gps_anywhere(bytes: &[u8]) -> bool {
        has_gps(bytes)
            || (1..bytes.len().saturating_sub(3))
                .filter(|&o| bytes[o..].starts_with(&[0xFF, 0xD8, 0xFF]))
                .any(|o| has_gps(&bytes[o..]))
    }

    fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
        let mut s = vec![0xFF, marker];
        s.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
        s.extend_from_slice(payload);
        s
    }

    #[test]
    fn jpeg_loses_exif_and_xmp_but_keeps_everything_else() {
        let mut f = vec![0xFF, 0xD8];
        f.extend(segment(0xE0, b"JFIF\0\x01\x01"));
        f.extend(segment(0xE1, b"Exif\0\0GPS 31.2N 121.5E"));
        f.extend(segment(0xE1, b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>"));
        f.extend(segment(0xDB, &[0; 65]));
        f.extend([0xFF, 0xDA, 0, 2, 1, 2, 3, 0xFF, 0xD9]);
        let out = strip(&f).expect("stripped");
        assert!(!out.windows(4).any(|w| w == b"Exif"));
        assert!(!out.windows(3).any(|w| w == b"GPS"));
        assert!(out.windows(4).any(|w| w == b"JFIF"));
        assert!(out.ends_with(&[0xFF, 0xDA, 0, 2, 1, 2, 3, 0xFF, 0xD9]));
        assert_eq!(out.len(), f.len() - 2 * 4 - 22 - 41);
    }

    fn riff_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut c = kind.to_vec();
        c.extend_from_slice(&(data.len() as u32).to_le_bytes());
        c.extend_from_slice(data);
        if data.len() % 2 == 1 {
            c.push(0);
        }
        c
    }

    fn riff(body: Vec<u8>) -> Vec<u8> {
        let mut f = b"RIFF".to_vec();
        f.extend_from_slice(&(body.len() as u32).to_le_bytes());
        f.extend(body);
        f
    }

    #[test]
    fn webp_loses_exif_and_xmp_chunks_and_flags() {
        let mut body = b"WEBP".to_vec();
        body.extend(riff_chunk(b"VP8X", &[0x0C, 0, 0, 0, 9, 0, 0, 9, 0, 0]));
        body.extend(riff_chunk(b"VP8L", &[1, 2, 3]));
        body.extend(riff_chunk(b"EXIF", b"MM\0*GPS 31.2N"));
        body.extend(riff_chunk(b"XMP ", b"<x/>"));
        let f = riff(body);
        let out = strip(&f).expect("stripped");
        assert!(!out.windows(3).any(|w| w == b"GPS"));
        assert!(!out.windows(4).any(|w| w == b"EXIF" || w == b"XMP "));
        assert_eq!(
            u32::from_le_bytes([out[4], out[5], out[6], out[7]]) as usize,
            out.len() - 8
        );
        assert_eq!(out[20] & 0x0C, 0, "VP8X metadata flags cleared");
        assert!(out.windows(4).any(|w| w == b"VP8L"));
    }

    /// A real EXIF structure: the orientation, and a GPS IFD with the latitude's hemisphere.
    fn exif_tiff(orientation: u16) -> Vec<u8> {
        let mut t = b"MM\0\x2a\0\0\0\x08".to_vec();
        t.extend_from_slice(&2u16.to_be_bytes());
        t.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1]);
        t.extend_from_slice(&orientation.to_be_bytes());
        t.extend_from_slice(&[0, 0]);
        t.extend_from_slice(&[0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 38]); // GPS IFD at 38
        t.extend_from_slice(&0u32.to_be_bytes());
        t.extend_from_slice(&1u16.to_be_bytes());
        t.extend_from_slice(&[0, 1, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0]); // GPSLatitudeRef "N"
        t.extend_from_slice(&0u32.to_be_bytes());
        t
    }

    /// What a reader finds in the file's EXIF: (orientation, a GPS tag is there, how many fields).
    fn exif_summary(bytes: &[u8]) -> (Option<u32>, bool, usize) {
        let Ok(e) = exif::Reader::new().read_from_container(&mut std::io::Cursor::new(bytes))
        else {
            return (None, false, 0);
        };
        let field = |tag| e.get_field(tag, exif::In::PRIMARY);
        (
            field(exif::Tag::Orientation).and_then(|f| f.value.get_uint(0)),
            field(exif::Tag::GPSLatitudeRef).is_some(),
            e.fields().count(),
        )
    }

    fn decoded_orientation(bytes: &[u8]) -> image::metadata::Orientation {
        use image::ImageDecoder;
        let mut d = image::ImageReader::new(std::io::Cursor::new(bytes))
            .with_guessed_format()
            .unwrap()
            .into_decoder()
            .unwrap();
        d.orientation().unwrap()
    }

    fn real_image(format: image::ImageFormat) -> Vec<u8> {
        let img =
            image::RgbImage::from_fn(8, 4, |x, y| image::Rgb([x as u8 * 30, y as u8 * 60, 9]));
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, format).unwrap();
        out.into_inner()
    }

    /// A real JPEG with an EXIF block holding GPS (upright).
    fn jpeg_with_gps() -> Vec<u8> {
        let plain = real_image(image::ImageFormat::Jpeg);
        let mut f = plain[..2].to_vec();
        f.extend(segment(
            0xE1,
            &[b"Exif\0\0".as_slice(), &exif_tiff(1)].concat(),
        ));
        f.extend_from_slice(&plain[2..]);
        assert!(has_gps(&f), "the fixture has GPS");
        f
    }

    #[test]
    fn a_turned_jpeg_keeps_its_orientation_and_loses_its_location() {
        let plain = real_image(image::ImageFormat::Jpeg);
        let mut f = plain[..2].to_vec();
        // XMP first: the orientation goes back in place of the EXIF block, whatever the order.
        f.extend(segment(0xE1, b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>"));
        f.extend(segment(
            0xE1,
            &[b"Exif\0\0".as_slice(), &exif_tiff(6)].concat(),
        ));
        f.extend_from_slice(&plain[2..]);
        assert_eq!(exif_summary(&f), (Some(6), true, 2));

        let out = strip(&f).expect("stripped");
        assert_eq!(
            exif_summary(&out),
            (Some(6), false, 1),
            "the orientation alone"
        );
        assert!(!out.windows(4).any(|w| w == b"xmpm"));
        assert_eq!(
            decoded_orientation(&out),
            image::metadata::Orientation::Rotate90
        );
        assert!(image::load_from_memory(&out).is_ok());
    }

    #[test]
    fn an_upright_picture_keeps_no_exif_at_all() {
        let plain = real_image(image::ImageFormat::Jpeg);
        let f = jpeg_with_gps();
        let out = strip(&f).expect("stripped");
        assert!(!out.windows(4).any(|w| w == b"Exif"));
        assert_eq!(out, plain);
    }

    /// Issue 10: an MPO or a phone's "motion photo" stores a second JPEG (with its own EXIF and
    /// GPS) or a video after the first picture's end. Only the first picture was rewritten;
    /// the second frame went out with its GPS, counted as "location removed".
    #[test]
    fn a_second_jpeg_appended_after_the_picture_does_not_go_out_with_its_gps() {
        let f = [jpeg_with_gps(), jpeg_with_gps()].concat();
        let (location, out) = exported(&f, "image/jpeg");
        assert!(
            location == Location::NotRemoved || !gps_anywhere(&out),
            "{location:?}, GPS left in the output"
        );
        assert_eq!(location, Location::Removed);
        assert_eq!(
            out,
            real_image(image::ImageFormat::Jpeg),
            "the first picture"
        );
        assert_eq!(remove_location(&f, "image/jpeg").note, Some(TAIL));
    }

    #[test]
    fn a_motion_photo_video_after_the_picture_is_left_out() {
        let mut f = real_image(image::ImageFormat::Jpeg);
        f.extend_from_slice(b"\0\0\0\x18ftypmp42\0\0\0\0isommp42 moov GPS +31.23+121.47/");
        let (location, out) = exported(&f, "image/jpeg");
        assert_eq!(location, Location::Removed);
        assert!(out.ends_with(&[0xFF, 0xD9]));
        assert!(!out.windows(4).any(|w| w == b"ftyp"));
    }

    /// A file cut short before its picture data, or with a segment length that runs past its
    /// end, was exported as it was (GPS and all) and counted as checked.
    #[test]
    fn a_malformed_jpeg_is_reported_not_stripped() {
        let f = jpeg_with_gps();
        let exif_end = 2 + 4 + 6 + exif_tiff(1).len();
        for cut in [exif_end - 10, exif_end + 7] {
            let (location, out) = exported(&f[..cut], "image/jpeg");
            assert!(
                location == Location::NotRemoved || !has_gps(&out),
                "cut at {cut}: {location:?} with GPS left"
            );
            assert_eq!(location, Location::NotRemoved, "cut at {cut}");
        }
        // A marker where a segment belongs.
        let mut lying = f.clone();
        lying[exif_end] = 0x12;
        assert_eq!(
            remove_location(&lying, "image/jpeg").location,
            Location::NotRemoved
        );
    }

    #[test]
    fn a_jpeg_cut_short_inside_its_picture_data_still_loses_its_location() {
        let f = jpeg_with_gps();
        let (location, out) = exported(&f[..f.len() - 20], "image/jpeg");
        assert_eq!(location, Location::Removed);
        assert!(!gps_anywhere(&out));
    }

    /// IPTC (APP13, where a city or a sub-location is written), comments and makers' own
    /// segments go as well: only what draws the picture stays.
    #[test]
    fn jpeg_keeps_only_the_segments_that_draw_the_picture() {
        let plain = real_image(image::ImageFormat::Jpeg);
        let mut f = plain[..2].to_vec();
        f.extend(segment(0xED, b"Photoshop 3.0\08BIM\x04\x04 City: Shanghai"));
        f.extend(segment(0xFE, b"shot at 31.2304N 121.4737E"));
        f.extend(segment(0xE2, b"MPF\0MM\0*"));
        f.extend(segment(0xE2, b"ICC_PROFILE\0\x01\x01 profile"));
        f.extend_from_slice(&plain[2..]);
        let out = strip(&f).expect("stripped");
        assert!(!out.windows(8).any(|w| w == b"Shanghai"));
        assert!(!out.windows(8).any(|w| w == b"31.2304N"));
        assert!(!out.windows(4).any(|w| w == b"MPF\0"));
        assert!(out.windows(12).any(|w| w == b"ICC_PROFILE\0"));
        assert!(image::load_from_memory(&out).is_ok());
    }

    fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut c = (data.len() as u32).to_be_bytes().to_vec();
        c.extend_from_slice(kind);
        c.extend_from_slice(data);
        let mut crc = flate2::Crc::new();
        crc.update(&c[4..]);
        c.extend_from_slice(&crc.sum().to_be_bytes());
        c
    }

    /// A real PNG with `chunk` after its IHDR.
    fn png_with(chunk: &[u8]) -> Vec<u8> {
        let plain = real_image(image::ImageFormat::Png);
        let ihdr_end = 8 + 12 + 13;
        [&plain[..ihdr_end], chunk, &plain[ihdr_end..]].concat()
    }

    /// ImageMagick's and exiftool's "Raw profile" text chunk: keyword, then the profile's name,
    /// its length and its bytes in hex, zlib-compressed in a zTXt.
    fn raw_profile_ztxt(name: &str, profile: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let hex: String = profile.iter().map(|b| format!("{b:02x}")).collect();
        let text = format!("\n{name}\n{:8}\n{hex}\n", profile.len());
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(text.as_bytes()).unwrap();
        let mut data = format!("Raw profile type {name}\0\0").into_bytes();
        data.extend(z.finish().unwrap());
        png_chunk(b"zTXt", &data)
    }

    /// Every text chunk's keyword and (inflated) text.
    fn png_texts(bytes: &[u8]) -> Vec<(String, String)> {
        use std::io::Read;
        let mut out = Vec::new();
        let mut i = 8;
        while i + 12 <= bytes.len() {
            let len = u32::from_be_bytes(bytes[i..i + 4].try_into().unwrap()) as usize;
            let kind = &bytes[i + 4..i + 8];
            let data = &bytes[i + 8..(i + 8 + len).min(bytes.len())];
            if matches!(kind, b"tEXt" | b"zTXt" | b"iTXt") {
                let nul = data.iter().position(|&b| b == 0).unwrap_or(data.len());
                let keyword = String::from_utf8_lossy(&data[..nul]).into_owned();
                let mut text = String::new();
                if kind == b"zTXt" {
                    let _ = flate2::read::ZlibDecoder::new(&data[(nul + 2).min(data.len())..])
                        .read_to_string(&mut text);
                } else {
                    text = String::from_utf8_lossy(&data[nul..]).into_owned();
                }
                out.push((keyword, text));
            }
            i += 12 + len;
        }
        out
    }

    /// No location in a "Raw profile" text: no EXIF profile with GPS, no XMP naming GPS.
    fn raw_profiles_hold_gps(bytes: &[u8]) -> bool {
        png_texts(bytes).iter().any(|(keyword, text)| {
            let hex: String = text.lines().skip(3).collect();
            let raw: Vec<u8> = (0..hex.len() / 2)
                .filter_map(|i| u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok())
                .collect();
            let tiff = raw.strip_prefix(b"Exif\0\0").unwrap_or(&raw);
            keyword.starts_with("Raw profile")
                && (exif::Reader::new()
                    .read_raw(tiff.to_vec())
                    .is_ok_and(|e| e.fields().any(|f| is_gps(f.tag)))
                    || raw.windows(3).any(|w| w == b"GPS"))
        })
    }

    #[test]
    fn a_png_raw_profile_exif_text_chunk_is_removed() {
        let tiff = [b"Exif\0\0".as_slice(), &exif_tiff(1)].concat();
        let f = png_with(&raw_profile_ztxt("exif", &tiff));
        assert!(raw_profiles_hold_gps(&f), "the fixture has GPS");
        let (location, out) = exported(&f, "image/png");
        assert!(location == Location::NotRemoved || !raw_profiles_hold_gps(&out));
        assert_eq!(location, Location::Removed);
        assert!(png_texts(&out).is_empty());
        assert!(image::load_from_memory(&out).is_ok());
    }

    /// ImageMagick writes XMP as "Raw profile type xmp" (and IPTC as "… iptc"): only the exif
    /// and APP1 names were known, so an XMP location went out counted as removed.
    #[test]
    fn png_raw_profiles_of_any_name_are_removed() {
        let xmp = br#"<x:xmpmeta><rdf:Description exif:GPSLatitude="31,13.8N" exif:GPSLongitude="121,28.4E"/></x:xmpmeta>"#;
        for name in ["xmp", "iptc", "8bim"] {
            let f = png_with(&raw_profile_ztxt(name, xmp));
            assert!(raw_profiles_hold_gps(&f), "the fixture has GPS");
            let (location, out) = exported(&f, "image/png");
            assert!(
                location == Location::NotRemoved || !raw_profiles_hold_gps(&out),
                "{name}: {location:?} with GPS left"
            );
        }
    }

    /// A PNG cut short after its EXIF chunk went out whole, counted as checked.
    #[test]
    fn a_truncated_png_is_reported_not_stripped() {
        let tiff = exif_tiff(1);
        let f = png_with(&png_chunk(b"eXIf", &tiff));
        assert!(has_gps(&f));
        let cut = &f[..f.len() - 20];
        let (location, out) = exported(cut, "image/png");
        assert!(
            location == Location::NotRemoved || !has_gps(&out),
            "{location:?} with GPS left"
        );
        assert_eq!(location, Location::NotRemoved);
    }

    #[test]
    fn a_turned_png_keeps_a_valid_exif_chunk_with_the_orientation_only() {
        let plain = real_image(image::ImageFormat::Png);
        let f = png_with(&png_chunk(b"eXIf", &exif_tiff(8)));
        assert_eq!(exif_summary(&f), (Some(8), true, 2));

        let out = strip(&f).expect("stripped");
        assert_eq!(
            exif_summary(&out),
            (Some(8), false, 1),
            "the orientation alone"
        );
        // The PNG decoder checks chunk CRCs: the new chunk's must be right.
        assert_eq!(
            decoded_orientation(&out),
            image::metadata::Orientation::Rotate270
        );
        assert_eq!(
            image::load_from_memory(&out).unwrap().to_rgb8(),
            image::load_from_memory(&plain).unwrap().to_rgb8()
        );
    }

    #[test]
    fn a_turned_webp_keeps_its_exif_flag_and_an_orientation_chunk() {
        let mut body = b"WEBP".to_vec();
        body.extend(riff_chunk(b"VP8X", &[0x0C, 0, 0, 0, 9, 0, 0, 9, 0, 0]));
        body.extend(riff_chunk(b"VP8L", &[1, 2, 3]));
        body.extend(riff_chunk(b"EXIF", &exif_tiff(3)));
        body.extend(riff_chunk(b"XMP ", b"<x/>"));
        let f = riff(body);
        let out = strip(&f).expect("stripped");
        assert_eq!(out[20] & 0x0C, 0x08, "EXIF flag kept, XMP flag cleared");
        assert!(!out.windows(4).any(|w| w == b"XMP "));
        assert_eq!(
            u32::from_le_bytes([out[4], out[5], out[6], out[7]]) as usize,
            out.len() - 8
        );
        let exif_at = out.windows(4).position(|w| w == b"EXIF").unwrap();
        assert_eq!(&out[exif_at + 8..], orientation_tiff(3).as_slice());
    }

    #[test]
    fn a_webp_whose_chunk_runs_past_its_end_is_reported() {
        let mut body = b"WEBP".to_vec();
        body.extend(riff_chunk(b"VP8L", &[1, 2, 3]));
        body.extend(riff_chunk(b"EXIF", &exif_tiff(1)));
        let mut f = riff(body);
        let n = f.len();
        f[n - exif_tiff(1).len() - 4] = 0xFF; // the EXIF chunk's length
        assert_eq!(
            remove_location(&f, "image/webp").location,
            Location::NotRemoved
        );
    }

    /// HEIC/AVIF photos and videos keep their location in boxes we do not rewrite: reported.
    #[test]
    fn heif_photos_and_videos_are_reported_not_stripped() {
        let heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic\0\0\0\x08meta";
        let avif = b"\0\0\0\x1cftypavif\0\0\0\0avifmif1miaf\0\0\0\x08meta";
        let mp4 = b"\0\0\0\x18ftypisom\0\0\0\0isommp42\0\0\0\x08moov";
        for (bytes, note) in [(&heic[..], HEIF), (&avif[..], HEIF), (&mp4[..], VIDEO)] {
            let mime = crate::inspect::sniff(bytes).0;
            let s = remove_location(bytes, mime);
            assert_eq!(
                (s.location, s.note),
                (Location::NotRemoved, Some(note)),
                "{mime}"
            );
        }
        let gif = real_image(image::ImageFormat::Gif);
        assert_eq!(
            remove_location(&gif, "image/gif").location,
            Location::NotRemoved
        );
    }

    #[test]
    fn nothing_to_remove_or_not_a_photo() {
        let mut f = vec![0xFF, 0xD8];
        f.extend(segment(0xE0, b"JFIF\0"));
        f.extend([0xFF, 0xDA, 0, 2, 9, 0xFF, 0xD9]);
        assert_eq!(
            remove_location(&f, "image/jpeg").location,
            Location::NoneFound
        );
        assert_eq!(strip(&f), None);
        assert_eq!(
            remove_location(b"%PDF-1.7", "application/pdf").location,
            Location::NotApplicable
        );
        assert_eq!(
            remove_location(&[0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF], "image/jpeg").location,
            Location::NotRemoved,
            "lying length"
        );
    }
}
