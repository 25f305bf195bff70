//! Fuzz body: location removal on export (and on ticket attachments). The input is tried as
//! each photo type. Oracle: when the stripper says "removed", no EXIF reader finds a GPS tag
//! and the only EXIF field left is the orientation; it never claims "none found" for a file it
//! rewrote; stripping its own output again changes nothing.

use reachright_vault::{remove_location, Location};

pub fn run(data: &[u8]) {
    let sniffed = reachright_vault::inspect::sniff(&data[..data.len().min(64)]).0;
    for media_type in [sniffed, "image/jpeg", "image/png", "image/webp"] {
        let s = remove_location(data, media_type);
        match s.location {
            Location::Removed => {
                let out = s.bytes.as_deref().expect("removed comes with bytes");
                if let Ok(e) =
                    exif::Reader::new().read_from_container(&mut std::io::Cursor::new(out))
                {
                    for f in e.fields() {
                        assert!(
                            f.tag == exif::Tag::Orientation,
                            "{media_type}: {:?} left in the output",
                            f.tag
                        );
                    }
                }
                let again = remove_location(out, media_type);
                // A turned photo's orientation block is dropped and put back the same.
                assert!(
                    again.location == Location::NoneFound || again.bytes.as_deref() == Some(out),
                    "{media_type}: a second pass found more: {:?}",
                    again.location
                );
            }
            Location::NoneFound | Location::NotRemoved | Location::NotApplicable => {
                assert!(s.bytes.is_none());
            }
            Location::Kept => panic!("the stripper never keeps"),
        }
    }
}
