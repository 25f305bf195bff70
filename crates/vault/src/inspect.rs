//! What a file is, before it goes in: its media type from its first bytes (never its name, so a
//! renamed file is kept as what it really is), an image's size from its header, the time it was
//! taken, and a thumbnail.
//!
//! Decoding is bounded: an image whose header claims more pixels than [`MAX_PIXELS`] (a
//! decompression bomb) is refused before any pixel is decoded, and the decoder itself runs under
//! `image::Limits`, so a lying header cannot allocate more than [`MAX_ALLOC`].

use std::io::{BufRead, Cursor, Read, Seek};

use chrono::{FixedOffset, NaiveDate, TimeZone, Utc};
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

use crate::error::{Error, Result};

/// 100 megapixels: far beyond any phone screenshot (a long scrolling capture is ~1080×20000).
pub const MAX_PIXELS: u64 = 100_000_000;
/// Largest side accepted.
pub const MAX_SIDE: u32 = 40_000;
/// The decoder's allocation ceiling.
pub const MAX_ALLOC: u64 = 512 * 1024 * 1024;
/// Thumbnails fit in this square.
pub const THUMB_SIDE: u32 = 320;

/// The media type read from the first bytes.
pub fn sniff(head: &[u8]) -> (&'static str, Option<ImageFormat>) {
    if let Ok(format) = image::guess_format(head) {
        let mime = match format {
            ImageFormat::Png => Some("image/png"),
            ImageFormat::Jpeg => Some("image/jpeg"),
            ImageFormat::Gif => Some("image/gif"),
            ImageFormat::WebP => Some("image/webp"),
            ImageFormat::Bmp => Some("image/bmp"),
            _ => None,
        };
        if let Some(mime) = mime {
            return (mime, Some(format));
        }
    }
    let mime = if head.starts_with(b"%PDF-") {
        "application/pdf"
    } else if head.starts_with(b"PK\x03\x04") {
        "application/zip"
    } else if head.len() >= 12 && &head[4..8] == b"ftyp" {
        iso_media(head)
    } else if !head.contains(&0) && std::str::from_utf8(head).is_ok() {
        "text/plain"
    } else {
        "application/octet-stream"
    };
    (mime, None)
}

/// An ISO base media file (`ftyp` box first): a HEIF/AVIF photo or a video, by its brands.
/// HEIC and AVIF photos share the container with MP4 and QuickTime videos; only the brands
/// (the major one, then the compatible ones the box lists) tell them apart.
fn iso_media(head: &[u8]) -> &'static str {
    let size = u32::from_be_bytes([head[0], head[1], head[2], head[3]]) as usize;
    let end = size.clamp(12, head.len());
    let major = &head[8..12];
    // Compatible brands start after the minor version (bytes 12..16).
    let compatible = head.get(16..end).unwrap_or_default().chunks_exact(4);
    let brands = || std::iter::once(major).chain(compatible.clone());
    let any = |list: &[&[u8; 4]]| brands().any(|b| list.iter().any(|l| b == l.as_slice()));
    if any(&[b"avif", b"avis"]) {
        "image/avif"
    } else if any(&[b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx"]) {
        "image/heic"
    } else if any(&[b"mif1", b"msf1"]) {
        "image/heif"
    } else if major == b"qt  " {
        "video/quicktime"
    } else {
        "video/mp4"
    }
}

/// What the inspectors read: a file behind a buffer, or bytes in memory. They take it as one trait
/// object type, so each image decoder (and the EXIF reader) is compiled once, not once for every
/// kind of source that calls them: three copies of every decoder were ~0.2 MB of the app.
pub trait Source: BufRead + Seek {}
impl<T: BufRead + Seek> Source for T {}

fn limits() -> Limits {
    let mut l = Limits::default();
    l.max_image_width = Some(MAX_SIDE);
    l.max_image_height = Some(MAX_SIDE);
    l.max_alloc = Some(MAX_ALLOC);
    l
}

/// Width and height from the header alone; refuses a bomb before decoding.
pub fn dimensions(source: &mut dyn Source, format: ImageFormat, name: &str) -> Result<(u32, u32)> {
    let bad = |e: image::ImageError| Error::BadImage {
        name: name.to_string(),
        reason: e.to_string(),
    };
    let (w, h) = ImageReader::with_format(source, format)
        .into_dimensions()
        .map_err(bad)?;
    if w == 0 || h == 0 {
        return Err(Error::BadImage {
            name: name.to_string(),
            reason: "it has no pixels".into(),
        });
    }
    if u64::from(w) * u64::from(h) > MAX_PIXELS || w > MAX_SIDE || h > MAX_SIDE {
        return Err(Error::ImageTooLarge {
            name: name.to_string(),
            width: w,
            height: h,
            limit: MAX_PIXELS,
        });
    }
    Ok((w, h))
}

/// Decode the whole image under limits (a truncated or corrupt file fails here) and make a JPEG
/// thumbnail, turned the way the camera says.
pub fn thumbnail(source: &mut dyn Source, format: ImageFormat, name: &str) -> Result<Vec<u8>> {
    let bad = |e: image::ImageError| Error::BadImage {
        name: name.to_string(),
        reason: e.to_string(),
    };
    let mut reader = ImageReader::with_format(source, format);
    reader.limits(limits());
    let mut decoder = reader.into_decoder().map_err(bad)?;
    let orientation = decoder.orientation().map_err(bad)?;
    let mut img = DynamicImage::from_decoder(decoder).map_err(bad)?;
    img.apply_orientation(orientation);
    let thumb = img.thumbnail(THUMB_SIDE, THUMB_SIDE).to_rgb8();
    let mut out = Cursor::new(Vec::new());
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80)
        .encode_image(&thumb)
        .map_err(bad)?;
    Ok(out.into_inner())
}

/// When the picture was taken, from its EXIF `DateTimeOriginal` (with `OffsetTimeOriginal` when
/// present; phones in China write local time without an offset, so +08:00 is assumed then), as
/// UTC RFC 3339. `None` when the file has no such field.
pub fn taken_at(mut source: &mut dyn Source) -> Option<String> {
    let exif = exif::Reader::new().read_from_container(&mut source).ok()?;
    let field = exif
        .get_field(exif::Tag::DateTimeOriginal, exif::In::PRIMARY)
        .or_else(|| exif.get_field(exif::Tag::DateTime, exif::In::PRIMARY))?;
    let exif::Value::Ascii(ref parts) = field.value else {
        return None;
    };
    let mut dt = exif::DateTime::from_ascii(parts.first()?).ok()?;
    if let Some(off) = exif.get_field(exif::Tag::OffsetTimeOriginal, exif::In::PRIMARY) {
        if let exif::Value::Ascii(ref o) = off.value {
            if let Some(o) = o.first() {
                let _ = dt.parse_offset(o);
            }
        }
    }
    let naive =
        NaiveDate::from_ymd_opt(i32::from(dt.year), u32::from(dt.month), u32::from(dt.day))?
            .and_hms_opt(
                u32::from(dt.hour),
                u32::from(dt.minute),
                u32::from(dt.second),
            )?;
    let offset = FixedOffset::east_opt(i32::from(dt.offset.unwrap_or(8 * 60)) * 60)?;
    let at = offset.from_local_datetime(&naive).single()?;
    Some(
        at.with_timezone(&Utc)
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    )
}

/// The first bytes of a reader, for [`sniff`].
pub fn head(source: &mut dyn Read) -> std::io::Result<Vec<u8>> {
    let mut head = vec![0u8; 64];
    let mut filled = 0;
    while filled < head.len() {
        match source.read(&mut head[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    head.truncate(filled);
    Ok(head)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_content_not_names() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").0, "image/png");
        assert_eq!(sniff(b"\xff\xd8\xff\xe0\0\x10JFIF").0, "image/jpeg");
        assert_eq!(sniff(b"%PDF-1.7\n").0, "application/pdf");
        assert_eq!(sniff("订单号 123".as_bytes()).0, "text/plain");
        assert_eq!(sniff(&[0, 1, 2, 3, 0xff]).0, "application/octet-stream");
    }

    /// Issue 10: HEIC and AVIF photos were sniffed as `video/mp4` (same container), so the
    /// export's location report did not count them as photos at all.
    #[test]
    fn heif_and_avif_photos_are_told_from_videos_by_their_brands() {
        let ftyp = |brands: &[u8]| {
            let mut b = ((brands.len() + 8) as u32).to_be_bytes().to_vec();
            b.extend_from_slice(b"ftyp");
            b.extend_from_slice(brands);
            b.extend_from_slice(b"\0\0\0\x08meta");
            b
        };
        assert_eq!(sniff(&ftyp(b"heic\0\0\0\0mif1heic")).0, "image/heic");
        assert_eq!(sniff(&ftyp(b"heix\0\0\0\0mif1heix")).0, "image/heic");
        assert_eq!(sniff(&ftyp(b"mif1\0\0\0\0mif1heic")).0, "image/heic");
        assert_eq!(sniff(&ftyp(b"avif\0\0\0\0avifmif1miaf")).0, "image/avif");
        assert_eq!(sniff(&ftyp(b"mif1\0\0\0\0mif1miafavif")).0, "image/avif");
        assert_eq!(sniff(&ftyp(b"mif1\0\0\0\0mif1")).0, "image/heif");
        assert_eq!(sniff(&ftyp(b"isom\0\0\x02\0isomiso2mp41")).0, "video/mp4");
        assert_eq!(sniff(&ftyp(b"qt  \0\0\0\0qt  ")).0, "video/quicktime");
        // A box size that lies: no panic, brands read within the head only.
        let mut lying = ftyp(b"mp42\0\0\0\0mp42");
        lying[..4].copy_from_slice(&u32::MAX.to_be_bytes());
        assert_eq!(sniff(&lying).0, "video/mp4");
    }
}
