//! The one error type of reachright-vault. Every variant names what went wrong in terms a user can
//! act on (which file, which item), and [`Error::code`] is stable for the UI.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum Error {
    /// No OS keychain could be reached (no Secret Service, locked, refused). The vault key is never
    /// written to disk instead: the caller offers a passphrase.
    #[error("the system keychain is not available ({0}); the vault can use a passphrase instead")]
    KeychainUnavailable(String),
    /// The vault was set up with the keychain, which cannot be reached now; only it can open the
    /// vault (a passphrase would not help).
    #[error("this evidence vault's key is in the system keychain, which is not available now ({0}); unlock or start the keychain and try again")]
    KeychainNeeded(String),
    /// `vault.json` is gone but sealed files remain: a new key would orphan them all.
    #[error("the vault's settings file (vault/vault.json) is missing but evidence files remain; restore it from a backup — a new key would make them unreadable")]
    ConfigMissing,
    /// The vault was set up with the keychain, but its key is no longer there.
    #[error("the vault key is missing from the system keychain; the stored evidence cannot be decrypted")]
    KeyMissing,
    /// The vault was set up with a passphrase and none was given.
    #[error("this evidence vault is protected by a passphrase; please enter it")]
    PassphraseNeeded,
    #[error("the passphrase is not the one this evidence vault was set up with")]
    WrongPassphrase,
    /// A passphrase chosen for a new vault is shorter than the UI's minimum (the same number).
    #[error("the passphrase needs at least {min} characters")]
    PassphraseTooShort { min: usize },
    /// A file or pasted image larger than the vault takes.
    #[error("`{name}` is {size}, larger than the {limit} a piece of evidence may be; add a smaller file (a shorter recording, or a screenshot of the part that matters)")]
    TooLarge {
        name: String,
        size: String,
        limit: String,
    },
    /// The file to import could not be opened or read.
    #[error("cannot read `{name}`: {reason}")]
    Unreadable { name: String, reason: String },
    /// An image whose header claims more pixels than any screenshot has (a decompression bomb).
    #[error("`{name}` claims to be a {width}×{height} image, larger than the {limit} pixel limit; refused")]
    ImageTooLarge {
        name: String,
        width: u32,
        height: u32,
        limit: u64,
    },
    /// A file that says it is an image but does not decode (truncated, corrupt).
    #[error("`{name}` looks like an image but cannot be read: {reason}")]
    BadImage { name: String, reason: String },
    /// A stored file failed its check (tampered, corrupted or missing).
    #[error("evidence `{name}` is damaged: {reason}")]
    Damaged { name: String, reason: String },
    #[error("cannot use `{path}`: {reason}")]
    Io { path: String, reason: String },
    /// The disk (or the user's quota, or the file size the system allows) ran out while writing.
    /// Whatever was being written was removed; everything stored before is untouched.
    #[error("the disk is full: cannot write `{path}` ({reason}); nothing was saved and the evidence already stored is unchanged — free some space and try again")]
    DiskFull { path: String, reason: String },
    #[error(transparent)]
    Store(#[from] reachright_store::Error),
    #[error("invalid `{field}`: {reason}")]
    Invalid { field: &'static str, reason: String },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A stable machine code, so callers never match on message text.
    pub fn code(&self) -> &'static str {
        match self {
            Error::KeychainUnavailable(_) => "keychain_unavailable",
            Error::KeychainNeeded(_) => "keychain_needed",
            Error::ConfigMissing => "config_missing",
            Error::KeyMissing => "key_missing",
            Error::PassphraseNeeded => "passphrase_needed",
            Error::WrongPassphrase => "wrong_passphrase",
            Error::PassphraseTooShort { .. } => "passphrase_too_short",
            Error::TooLarge { .. } => "too_large",
            Error::Unreadable { .. } => "unreadable",
            Error::ImageTooLarge { .. } => "image_too_large",
            Error::BadImage { .. } => "bad_image",
            Error::Damaged { .. } => "damaged",
            Error::Io { .. } => "io",
            Error::DiskFull { .. } => "disk_full",
            Error::Store(e) => e.code(),
            Error::Invalid { .. } => "invalid",
        }
    }

    pub(crate) fn io(path: &std::path::Path, e: &std::io::Error) -> Error {
        Error::io_at(path.display().to_string(), e)
    }

    /// An I/O error while writing `what`; a full disk is told apart, so the user knows what to do.
    pub(crate) fn io_at(what: String, e: &std::io::Error) -> Error {
        if is_disk_full(e) {
            Error::DiskFull {
                path: what,
                reason: e.to_string(),
            }
        } else {
            Error::Io {
                path: what,
                reason: e.to_string(),
            }
        }
    }
}

/// No space (ENOSPC), over quota (EDQUOT), or over the largest file the system lets this process
/// write (EFBIG: a FAT32 stick's 4 GiB, or `ulimit -f`): all mean "make room, then retry".
pub(crate) fn is_disk_full(e: &std::io::Error) -> bool {
    use std::io::ErrorKind;
    matches!(
        e.kind(),
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded | ErrorKind::FileTooLarge
    )
}
