//! Removing location metadata from pictures on export. GPS coordinates live in the EXIF block (and
//! sometimes in XMP); the simplest change that surely removes them is dropping those blocks whole,
//! leaving the compressed picture data untouched (no re-encoding, no quality loss). The time the
//! picture was taken is kept in the export's manifest instead.
//!
//! One EXIF value is put back: the orientation. A phone photo of a receipt or a card is often
//! stored sideways with "turn 90°" in its EXIF; without it the exported photo would show sideways.
//! It goes back as a new EXIF block holding that one value, in place of the old block.

/// Returns the rewritten file, or `None` when it had nothing to remove (or is not a format we
/// rewrite), so the caller exports the original bytes.
pub fn strip_location(bytes: &[u8]) -> Option<Vec<u8>> {
    let kept = orientation(bytes).map(orientation_tiff);
    if bytes.starts_with(&[0xFF, 0xD8]) {
        jpeg(bytes, kept)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        png(bytes, kept)
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        webp(bytes, kept)
    } else {
        None
    }
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

fn is_metadata_app1(payload: &[u8]) -> bool {
    payload.starts_with(b"Exif\0") || payload.starts_with(b"http://ns.adobe.com/xap/1.0/\0")
}

fn jpeg(bytes: &[u8], mut kept: Option<Vec<u8>>) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..2]);
    let mut i = 2;
    let mut removed = false;
    while i + 4 <= bytes.len() {
        if bytes[i] != 0xFF {
            return None; // not a well-formed segment list: leave the file alone
        }
        let marker = bytes[i + 1];
        if marker == 0xDA {
            // Start of scan: entropy-coded data up to the end; nothing more to look at.
            out.extend_from_slice(&bytes[i..]);
            return removed.then_some(out);
        }
        if (0xD0..=0xD7).contains(&marker) || marker == 0x01 || marker == 0xFF {
            out.extend_from_slice(&bytes[i..i + 2]);
            i += 2;
            continue;
        }
        let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        let end = i + 2 + len;
        if len < 2 || end > bytes.len() {
            return None;
        }
        let payload = &bytes[i + 4..end];
        if marker == 0xE1 && is_metadata_app1(payload) {
            removed = true;
            // In place of the first EXIF block (not of an XMP one).
            let tiff = if payload.starts_with(b"Exif\0") {
                kept.take()
            } else {
                None
            };
            if let Some(tiff) = tiff {
                let body = [b"Exif\0\0".as_slice(), &tiff].concat();
                out.extend_from_slice(&[0xFF, 0xE1]);
                out.extend_from_slice(&u16::try_from(body.len() + 2).ok()?.to_be_bytes());
                out.extend_from_slice(&body);
            }
        } else {
            out.extend_from_slice(&bytes[i..end]);
        }
        i = end;
    }
    None
}

fn png(bytes: &[u8], mut kept: Option<Vec<u8>>) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..8]);
    let mut i = 8;
    let mut removed = false;
    while i + 12 <= bytes.len() {
        let len = u32::from_be_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]) as usize;
        let end = i.checked_add(12)?.checked_add(len)?;
        if end > bytes.len() {
            return None;
        }
        let kind = &bytes[i + 4..i + 8];
        let data = &bytes[i + 8..i + 8 + len];
        let metadata = kind == b"eXIf"
            || (matches!(kind, b"iTXt" | b"tEXt" | b"zTXt")
                && (data.starts_with(b"XML:com.adobe.xmp\0")
                    || data.starts_with(b"Raw profile type exif\0")
                    || data.starts_with(b"Raw profile type APP1\0")));
        if metadata {
            removed = true;
            let tiff = if kind == b"eXIf" { kept.take() } else { None };
            if let Some(tiff) = tiff {
                let mut crc = flate2::Crc::new();
                crc.update(b"eXIf");
                crc.update(&tiff);
                out.extend_from_slice(&u32::try_from(tiff.len()).ok()?.to_be_bytes());
                out.extend_from_slice(b"eXIf");
                out.extend_from_slice(&tiff);
                out.extend_from_slice(&crc.sum().to_be_bytes());
            }
        } else {
            out.extend_from_slice(&bytes[i..end]);
        }
        i = end;
        if kind == b"IEND" {
            break;
        }
    }
    removed.then_some(out)
}

/// WebP is a RIFF file: drop the `EXIF` and `XMP ` chunks (an `EXIF` chunk with the orientation
/// alone comes back at the end, where WebP writers put it), update the `VP8X` flags to match, and
/// fix the RIFF length.
fn webp(bytes: &[u8], kept: Option<Vec<u8>>) -> Option<Vec<u8>> {
    let mut out = bytes[..12].to_vec();
    let mut i = 12;
    let mut removed = false;
    while i + 8 <= bytes.len() {
        let kind = &bytes[i..i + 4];
        let len =
            u32::from_le_bytes([bytes[i + 4], bytes[i + 5], bytes[i + 6], bytes[i + 7]]) as usize;
        let end = i.checked_add(8)?.checked_add(len)?.checked_add(len % 2)?;
        if end > bytes.len() {
            return None;
        }
        if kind == b"EXIF" || kind == b"XMP " {
            removed = true;
        } else {
            let at = out.len();
            out.extend_from_slice(&bytes[i..end]);
            if kind == b"VP8X" && len >= 1 {
                let exif_flag = if kept.is_some() { 0 } else { 0x08 };
                out[at + 8] &= !(exif_flag | 0x04); // the EXIF and XMP metadata flags
            }
        }
        i = end;
    }
    if !removed {
        return None;
    }
    if let Some(tiff) = kept {
        out.extend_from_slice(b"EXIF");
        out.extend_from_slice(&u32::try_from(tiff.len()).ok()?.to_le_bytes());
        out.extend_from_slice(&tiff); // 26 bytes: even, no padding byte
    }
    let riff_len = u32::try_from(out.len() - 8).ok()?;
    out[4..8].copy_from_slice(&riff_len.to_le_bytes());
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let out = strip_location(&f).expect("stripped");
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

    #[test]
    fn webp_loses_exif_and_xmp_chunks_and_flags() {
        let mut body = b"WEBP".to_vec();
        body.extend(riff_chunk(b"VP8X", &[0x0C, 0, 0, 0, 9, 0, 0, 9, 0, 0]));
        body.extend(riff_chunk(b"VP8L", &[1, 2, 3]));
        body.extend(riff_chunk(b"EXIF", b"MM\0*GPS 31.2N"));
        body.extend(riff_chunk(b"XMP ", b"<x/>"));
        let mut f = b"RIFF".to_vec();
        f.extend_from_slice(&(body.len() as u32).to_le_bytes());
        f.extend(body);
        let out = strip_location(&f).expect("stripped");
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

        let out = strip_location(&f).expect("stripped");
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
        let mut f = plain[..2].to_vec();
        f.extend(segment(
            0xE1,
            &[b"Exif\0\0".as_slice(), &exif_tiff(1)].concat(),
        ));
        f.extend_from_slice(&plain[2..]);
        let out = strip_location(&f).expect("stripped");
        assert!(!out.windows(4).any(|w| w == b"Exif"));
        assert_eq!(out, plain);
    }

    #[test]
    fn a_turned_png_keeps_a_valid_exif_chunk_with_the_orientation_only() {
        let plain = real_image(image::ImageFormat::Png);
        let ihdr_end = 8 + 12 + 13;
        let tiff = exif_tiff(8);
        let mut chunk = (tiff.len() as u32).to_be_bytes().to_vec();
        chunk.extend_from_slice(b"eXIf");
        chunk.extend_from_slice(&tiff);
        let mut crc = flate2::Crc::new();
        crc.update(&chunk[4..]);
        chunk.extend_from_slice(&crc.sum().to_be_bytes());
        let f = [&plain[..ihdr_end], &chunk, &plain[ihdr_end..]].concat();
        assert_eq!(exif_summary(&f), (Some(8), true, 2));

        let out = strip_location(&f).expect("stripped");
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
        let mut f = b"RIFF".to_vec();
        f.extend_from_slice(&(body.len() as u32).to_le_bytes());
        f.extend(body);
        let out = strip_location(&f).expect("stripped");
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
    fn nothing_to_remove_or_unknown_format_gives_none() {
        let mut f = vec![0xFF, 0xD8];
        f.extend(segment(0xE0, b"JFIF\0"));
        f.extend([0xFF, 0xDA, 0, 2, 9, 0xFF, 0xD9]);
        assert_eq!(strip_location(&f), None);
        assert_eq!(strip_location(b"%PDF-1.7"), None);
        assert_eq!(
            strip_location(&[0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF]),
            None,
            "lying length"
        );
    }
}
