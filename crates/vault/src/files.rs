//! Files on disk, written so that a crash at any instant leaves either the whole file under its
//! final name or nothing there: write to `tmp/`, fsync, rename into place, fsync the directory.
//! Stored files are named by the SHA-256 of their original bytes (`blobs/ab/abcd…`), so the same
//! evidence added twice, to one case or several, is stored once.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::crypto::{Key, OpenReader, SealWriter};
use crate::error::{Error, Result};

pub(crate) const BLOBS: &str = "blobs";
pub(crate) const THUMBS: &str = "thumbs";
pub(crate) const TMP: &str = "tmp";

/// Owner-only files and folders: the vault holds personal data, even if encrypted.
#[cfg(unix)]
fn create_private(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
}

#[cfg(not(unix))]
fn create_private(path: &Path) -> io::Result<File> {
    OpenOptions::new().write(true).create_new(true).open(path)
}

/// Creates `path` and any missing parents, owner-only. Each folder it creates is fsynced into its
/// parent: a file renamed into a new prefix folder (`blobs/ab/`) is only durable once the folder
/// itself is, or a power cut can lose the folder with the stored file in it.
pub(crate) fn create_dir_private(path: &Path) -> Result<()> {
    create_dirs(path)?;
    set_private(path)
}

fn create_dirs(path: &Path) -> Result<()> {
    if path.is_dir() {
        return Ok(());
    }
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
    if let Some(parent) = parent {
        create_dirs(parent)?;
    }
    match fs::create_dir(path) {
        Ok(()) => {
            set_private(path)?;
            sync_dir(parent.unwrap_or(Path::new(".")));
            Ok(())
        }
        // Another thread or process made it meanwhile: as good.
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists && path.is_dir() => Ok(()),
        Err(e) => Err(Error::io(path, &e)),
    }
}

fn set_private(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(0o700))
            .map_err(|e| Error::io(path, &e))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Make a rename durable: fsync the directory that holds the new name (a no-op where the OS
/// cannot open directories).
pub(crate) fn sync_dir(dir: &Path) {
    #[cfg(test)]
    SYNCED.with(|s| s.borrow_mut().push(dir.to_path_buf()));
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
thread_local! {
    /// The folders [`sync_dir`] fsynced on this thread, for the tests of durability.
    pub(crate) static SYNCED: std::cell::RefCell<Vec<PathBuf>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

fn temp_path(dir: &Path) -> Result<PathBuf> {
    let mut b = [0u8; 8];
    getrandom::fill(&mut b).map_err(|e| Error::Io {
        path: "getrandom".into(),
        reason: e.to_string(),
    })?;
    Ok(dir.join(TMP).join(format!("{}.part", crate::hex(&b))))
}

/// Write small content (vault.json) atomically.
pub(crate) fn write_atomic(path: &Path, data: &[u8]) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    create_dir_private(&dir.join(TMP))?;
    let tmp = temp_path(dir)?;
    let result = (|| {
        let mut f = create_private(&tmp)?;
        f.write_all(data)?;
        f.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(Error::io(path, &e));
    }
    sync_dir(dir);
    Ok(())
}

/// Extension of a record in `tmp/` naming an export's `.part` while it is written.
const PART_RECORD: &str = "export";

/// Records in `tmp/`, durably and before `part` is created, that an export is about to write
/// decrypted evidence there. If the export is killed, the next start-up sweep finds the record
/// and deletes the `.part` (see [`remove_recorded_parts`]); a finished or failed export removes
/// the record itself. Returns the record's path.
pub(crate) fn record_part(root: &Path, part: &Path) -> Result<PathBuf> {
    let part = std::path::absolute(part).map_err(|e| Error::io(part, &e))?;
    let mut b = [0u8; 8];
    getrandom::fill(&mut b).map_err(|e| Error::Io {
        path: "getrandom".into(),
        reason: e.to_string(),
    })?;
    let record = root
        .join(TMP)
        .join(format!("{}.{PART_RECORD}", crate::hex(&b)));
    let result = (|| {
        let mut f = create_private(&record)?;
        f.write_all(&path_bytes(&part))?;
        f.sync_all()
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&record);
        return Err(Error::io(&record, &e));
    }
    sync_dir(&root.join(TMP));
    Ok(record)
}

/// The sweep's half of [`record_part`]: deletes each recorded `.part` still there (an export
/// that was killed); returns how many. Only regular files whose name ends in `.part` are touched,
/// whatever a record says. The records themselves go with the rest of `tmp/`.
pub(crate) fn remove_recorded_parts(root: &Path) -> usize {
    let Ok(entries) = fs::read_dir(root.join(TMP)) else {
        return 0;
    };
    let mut removed = 0;
    for e in entries.flatten() {
        let path = e.path();
        if path.extension().and_then(|x| x.to_str()) != Some(PART_RECORD) {
            continue;
        }
        let Ok(bytes) = fs::read(&path) else {
            continue;
        };
        let part = path_from_bytes(&bytes);
        let is_part = part
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.ends_with(".part"));
        let is_file = fs::symlink_metadata(&part).is_ok_and(|m| m.is_file());
        if is_part && is_file && fs::remove_file(&part).is_ok() {
            removed += 1;
            if let Some(dir) = part.parent() {
                sync_dir(dir);
            }
        }
    }
    removed
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str().as_bytes().to_vec()
}

#[cfg(unix)]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
}

// Elsewhere paths are Unicode in practice; a lossy one simply matches no file.
#[cfg(not(unix))]
fn path_bytes(path: &Path) -> Vec<u8> {
    path.to_string_lossy().into_owned().into_bytes()
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
}

pub(crate) fn hash_path(root: &Path, area: &str, sha: &str) -> PathBuf {
    root.join(area).join(&sha[..2]).join(sha)
}

/// What [`put`] stored.
pub(crate) struct Stored {
    pub sha256: String,
    pub size: u64,
    /// False when a file with the same content was already in the vault.
    pub new: bool,
}

/// Streams `source` into the vault: hashing and encrypting in one pass, 1 MiB at a time.
pub(crate) fn put(root: &Path, key: &Key, source: &mut dyn Read, name: &str) -> Result<Stored> {
    let tmp = temp_path(root)?;
    let file = create_private(&tmp).map_err(|e| Error::io(&tmp, &e))?;
    let outcome = seal_from(key, source, file, name);
    let (sha256, size) = match outcome {
        Ok(v) => v,
        Err(e) => {
            let _ = fs::remove_file(&tmp);
            return Err(e);
        }
    };
    let dest = hash_path(root, BLOBS, &sha256);
    // Placed even when a file of that hash exists: the rename swaps in this fresh copy atomically,
    // so adding the original again repairs a damaged one.
    let existed = dest.exists();
    if let Err(e) = place(&tmp, &dest) {
        // Windows refuses to replace a file another program holds open without sharing deletion
        // (a virus scanner, a backup tool). The same bytes are already stored under that name,
        // so keep them: failing would refuse evidence the vault has. (`place` removed the temp.)
        if !(existed && dest.is_file()) {
            return Err(e);
        }
    }
    Ok(Stored {
        sha256,
        size,
        new: !existed,
    })
}

fn seal_from(key: &Key, source: &mut dyn Read, file: File, name: &str) -> Result<(String, u64)> {
    let unreadable = |e: io::Error| Error::Unreadable {
        name: name.to_string(),
        reason: e.to_string(),
    };
    let io_err = |e: io::Error| Error::io_at(format!("the evidence vault (storing {name})"), &e);
    let mut writer =
        SealWriter::new(key, BufWriter::with_capacity(1 << 16, file)).map_err(io_err)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut size = 0u64;
    loop {
        let n = match source.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(unreadable(e)),
        };
        hasher.update(&buf[..n]);
        writer.write_all(&buf[..n]).map_err(io_err)?;
        size += n as u64;
    }
    let file = writer
        .finish()
        .and_then(|w| w.into_inner().map_err(|e| e.into_error()))
        .map_err(io_err)?;
    file.sync_all().map_err(io_err)?;
    Ok((crate::hex(&hasher.finalize()), size))
}

/// Rename a finished, fsynced temp file to its final name and make the rename durable.
pub(crate) fn place(tmp: &Path, dest: &Path) -> Result<()> {
    let parent = dest.parent().unwrap_or(Path::new("."));
    create_dir_private(parent)?;
    if let Err(e) = fs::rename(tmp, dest) {
        let _ = fs::remove_file(tmp);
        return Err(Error::io(dest, &e));
    }
    sync_dir(parent);
    Ok(())
}

/// Seal a small buffer (a thumbnail) under `area/ab/sha`, bound to `context` (`RRV2`).
pub(crate) fn put_small(
    root: &Path,
    key: &Key,
    area: &str,
    sha: &str,
    data: &[u8],
    context: &[u8],
) -> Result<()> {
    let dest = hash_path(root, area, sha);
    let tmp = temp_path(root)?;
    let mut file = create_private(&tmp).map_err(|e| Error::io(&tmp, &e))?;
    let sealed =
        crate::crypto::seal_bytes_bound(key, data, context).map_err(|e| Error::io(&tmp, &e))?;
    if let Err(e) = file.write_all(&sealed).and_then(|_| file.sync_all()) {
        let _ = fs::remove_file(&tmp);
        return Err(Error::io(&tmp, &e));
    }
    place(&tmp, &dest)
}

/// A reader of a stored file's original bytes.
pub(crate) fn open(path: &Path, key: &Key) -> io::Result<OpenReader<io::BufReader<File>>> {
    let file = File::open(path)?;
    let len = file.metadata()?.len();
    OpenReader::new(key, io::BufReader::with_capacity(1 << 16, file), len)
}

/// Decrypt and re-hash a stored file; `Err` says what is wrong with it.
pub(crate) fn check(
    path: &Path,
    key: &Key,
    expected_sha: &str,
) -> std::result::Result<u64, String> {
    let mut reader = match open(path, key) {
        Ok(r) => r,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err("the stored file is missing".into())
        }
        Err(e) => return Err(e.to_string()),
    };
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut size = 0u64;
    loop {
        match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                hasher.update(&buf[..n]);
                size += n as u64;
            }
            Err(e) => return Err(e.to_string()),
        }
    }
    let got = crate::hex(&hasher.finalize());
    if got == expected_sha {
        Ok(size)
    } else {
        Err(format!("its SHA-256 is now {got}, expected {expected_sha}"))
    }
}

/// Every file under `area`, with the hash its name claims.
pub(crate) fn list(root: &Path, area: &str) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    let Ok(dirs) = fs::read_dir(root.join(area)) else {
        return out;
    };
    for d in dirs.flatten() {
        let Ok(files) = fs::read_dir(d.path()) else {
            continue;
        };
        for f in files.flatten() {
            if let Some(name) = f.file_name().to_str() {
                out.push((name.to_string(), f.path()));
            }
        }
    }
    out
}
