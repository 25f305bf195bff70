//! reachright-vault — the evidence a user collects for a case (transfer records, chat screenshots,
//! error screens), kept on their own machine, encrypted, tamper-evident, and exportable as one zip
//! for a ticket or a complaint.
//!
//! - [`crypto`]: the sealed-file format (XChaCha20-Poly1305, STREAM, 1 MiB records).
//! - [`keys`]: the vault key, from the OS keychain or, when none is reachable, a passphrase.
//! - `files`: content-addressed storage, written temp → fsync → rename.
//! - [`inspect`]: media type by content, image size, EXIF time, bounded decoding, thumbnails.
//! - [`Vault`]: import, list, verify, read, remove; the start-up sweep.
//! - [`export`]: the zip, its manifest and report; `names` and `strip` keep it safe.

pub mod crypto;
mod error;
pub mod export;
mod files;
pub mod inspect;
pub mod keys;
mod names;
pub mod strip;
mod vault;

pub use error::{Error, Result};
pub use export::{export, ExportOptions, ExportTexts, Manifest, ManifestFile};
pub use keys::MIN_PASSPHRASE_CHARS;
pub use keys::{system_keychain, Unlock};
/// A file-name stem made from user text that cannot leave its folder on any OS (letters of any
/// script, digits, `-`, `_`; at most 60 characters).
pub use names::clean as safe_file_stem;
pub use names::entry_name as export_entry_name;
pub use strip::{remove_location, Location, Stripped};
pub use vault::{
    Check, ImportOptions, Imported, Recovery, Source, Vault, MAX_FILE, MAX_PASTED, MAX_READ,
    VAULT_DIR,
};

/// Lowercase hex.
pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// SHA-256 of a buffer, lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex(&sha2::Sha256::digest(bytes))
}
