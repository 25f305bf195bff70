//! Removing location metadata from pictures on export. GPS coordinates live in the EXIF block (and
//! sometimes in XMP); the simplest change that surely removes them is dropping those blocks whole,
//! leaving the compressed picture data untouched (no re-encoding, no quality loss). The time the
//! picture was taken is kept in the export's manifest instead.

/// Returns the rewritten file, or `None` when it had nothing to remove (or is not a format we
/// rewrite), so the caller exports the original bytes.
pub fn strip_location(bytes: &[u8]) -> Option<Vec<u8>> {
    if bytes.starts_with(&[0xFF, 0xD8]) {
        jpeg(bytes)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        png(bytes)
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        webp(bytes)
    } else {
        None
    }
}

fn is_metadata_app1(payload: &[u8]) -> bool {
    payload.starts_with(b"Exif\0") || payload.starts_with(b"http://ns.adobe.com/xap/1.0/\0")
}

fn jpeg(bytes: &[u8]) -> Option<Vec<u8>> {
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
        if marker == 0xE1 && is_metadata_app1(&bytes[i + 4..end]) {
            removed = true;
        } else {
            out.extend_from_slice(&bytes[i..end]);
        }
        i = end;
    }
    None
}

fn png(bytes: &[u8]) -> Option<Vec<u8>> {
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

/// WebP is a RIFF file: drop the `EXIF` and `XMP ` chunks, clear their flags in `VP8X`, and fix
/// the RIFF length.
fn webp(bytes: &[u8]) -> Option<Vec<u8>> {
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
                out[at + 8] &= !(0x08 | 0x04); // EXIF and XMP metadata flags
            }
        }
        i = end;
    }
    if !removed {
        return None;
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
