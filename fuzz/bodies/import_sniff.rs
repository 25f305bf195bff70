//! Fuzz body: what the vault reads of a file before it goes in — its media type, an image's
//! size from its header, the EXIF time, and (for small images) the decoded thumbnail. Oracle:
//! no panic; a refused size is a clear error; a thumbnail is a JPEG.

use std::io::Cursor;

use reachright_vault::inspect;

pub fn run(data: &[u8]) {
    let (mime, format) = inspect::sniff(&data[..data.len().min(64)]);
    assert!(!mime.is_empty());
    let _ = inspect::taken_at(&mut Cursor::new(data));
    let Some(format) = format else {
        return;
    };
    let Ok((w, h)) = inspect::dimensions(&mut Cursor::new(data), format, "fuzz") else {
        return;
    };
    assert!(w > 0 && h > 0);
    // Bounded here so each run stays fast; the vault's own limits are tested on bombs.
    if u64::from(w) * u64::from(h) <= 1 << 20 {
        if let Ok(thumb) = inspect::thumbnail(&mut Cursor::new(data), format, "fuzz") {
            assert!(thumb.starts_with(&[0xFF, 0xD8]));
        }
    }
}
