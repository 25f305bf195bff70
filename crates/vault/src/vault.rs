//! The vault: import, list, read, verify and remove a case's evidence. Files live encrypted under
//! `<data dir>/vault/`, rows in the store.
//!
//! Import order is what makes a crash harmless: the file is sealed into `tmp/`, fsynced and
//! renamed into `blobs/` first, and only then is the row committed. A crash before the rename
//! leaves a temp file, which [`Vault::open`]'s sweep deletes (it runs only while no other process,
//! such as the CLI beside the app, holds the vault, so it never deletes a temp file another
//! importer is writing).
//!
//! A stored file that no row names is *kept*: the sweep cannot tell a file whose import crashed
//! before its commit from evidence named by a database that is missing, moved or restored from an
//! older backup, and deleting the second destroys the user's proof for good. So stored files are
//! deleted only when this database is seen to stop naming them (a removal, or [`Vault::prune`]
//! after a case was deleted); the sweep only counts the unnamed ones.

use std::fs::{self, File};
use std::io::{BufReader, Cursor, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, SecondsFormat, Utc};
use reachright_store::{EvidenceRow, NewEvidence, Store};

use crate::crypto::Key;
use crate::error::{Error, Result};
use crate::files::{self, BLOBS, THUMBS, TMP};
use crate::inspect;
use crate::keys::{self, Unlock};

/// The vault's folder inside the data directory.
pub const VAULT_DIR: &str = "vault";
const LOCK_FILE: &str = ".lock";
/// Locked exclusively while stored files and their rows change together (see [`FilesGuard`]).
const FILES_LOCK_FILE: &str = ".files.lock";
/// Largest file [`Vault::read`] hands over in one piece (to show full size); bigger ones are
/// exported instead.
pub const MAX_READ: u64 = 64 * 1024 * 1024;
/// Largest file the vault takes: a long screen recording fits; a disk image does not. Every
/// exported zip must also still fit on the USB sticks people hand in (FAT32: 4 GiB per file).
pub const MAX_FILE: u64 = 2 * 1024 * 1024 * 1024;
/// Largest pasted image: a screenshot of several 8K screens is under 50 MB even as PNG, and a
/// paste arrives in memory (over IPC, as a data URL), so bigger ones must be added as files.
pub const MAX_PASTED: u64 = 50 * 1024 * 1024;

/// Where the evidence comes from.
pub enum Source<'a> {
    /// A file the user picked or dropped.
    File(&'a Path),
    /// An image pasted from the clipboard (no name, no file time).
    Pasted { name: &'a str, bytes: &'a [u8] },
}

#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// One of `reachright_store::EVIDENCE_KINDS`.
    pub kind: String,
    pub caption: String,
    /// Decode images fully and store a thumbnail (also what refuses truncated images). Off only
    /// for bulk imports that measure raw throughput.
    pub thumbnails: bool,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            kind: "other".into(),
            caption: String::new(),
            thumbnails: true,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Imported {
    pub item: EvidenceRow,
    /// The case already had this exact file; nothing new was stored.
    pub duplicate: bool,
}

/// What the start-up sweep found.
#[derive(Debug, Clone, Default)]
pub struct Recovery {
    /// False when another process held the vault, so nothing was removed this time.
    pub swept: bool,
    /// Temp files of imports and exports that a crash interrupted (decrypted export parts too).
    pub temp_removed: usize,
    /// Always 0: the sweep no longer deletes stored files (see [`Recovery::unreferenced`]). Kept
    /// so callers that add it to `temp_removed` stay right.
    pub orphans_removed: usize,
    /// Stored files no row of this database names. Kept, never deleted here: they may belong to
    /// a database that is missing or was restored from an older backup (see the module doc).
    pub unreferenced: usize,
    /// Rows whose file is gone: shown to the user by name.
    pub missing: Vec<EvidenceRow>,
}

/// One item's verification.
#[derive(Debug, Clone)]
pub struct Check {
    pub item: EvidenceRow,
    /// `None` when the file decrypts and hashes to its recorded SHA-256.
    pub problem: Option<String>,
}

pub struct Vault {
    root: PathBuf,
    key: Key,
    store: Arc<Store>,
    protection: String,
    /// Held shared for the vault's lifetime; the sweep needs it exclusively.
    _lock: File,
    /// With `files_lock_file`, serialises "store a file + record its row" against "remove a row +
    /// delete its now unused file": the app runs commands concurrently and the CLI may run beside
    /// it, and without this a removal could delete a file an import of the same bytes had just
    /// found and was about to record.
    files_lock: std::sync::Mutex<()>,
    files_lock_file: File,
    /// Hashes this database has been seen to name since the vault was opened (at open, and each
    /// import). Only these may be deleted once no row names them: that proves this database
    /// dropped them, where a file it never named may be evidence of another (older, newer,
    /// moved) database. Guarded by `files_lock`'s callers.
    known: std::sync::Mutex<std::collections::HashSet<String>>,
}

/// Held while stored files and their rows change together: the mutex keeps this process's threads
/// apart, the lock file other processes (an advisory lock is per open file, not per thread, so it
/// cannot do the first job).
struct FilesGuard<'a> {
    _threads: std::sync::MutexGuard<'a, ()>,
    /// `None` where the file system has no locks: then only this process is kept apart.
    processes: Option<&'a File>,
}

impl Drop for FilesGuard<'_> {
    fn drop(&mut self) {
        if let Some(f) = self.processes {
            // The result says nothing the guard could act on: on Windows std unlocks twice (a
            // handle may hold a shared and an exclusive lock) and Wine answers the second call
            // with "Lock violation" although the first released the lock.
            let _ = f.unlock();
        }
    }
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vault")
            .field("root", &self.root)
            .finish_non_exhaustive()
    }
}

fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

impl Vault {
    /// Opens (setting up on first use) the vault beside `store`, sweeping leftovers of a crash.
    pub fn open(store: Arc<Store>, unlock: &Unlock) -> Result<(Vault, Recovery)> {
        let root = store.dir().join(VAULT_DIR);
        for area in ["", TMP, BLOBS, THUMBS] {
            files::create_dir_private(&root.join(area))?;
        }
        let lock_file = |name: &str| {
            let path = root.join(name);
            File::options()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&path)
                .map_err(|e| Error::io(&path, &e))
        };
        let lock_path = root.join(LOCK_FILE);
        let lock = lock_file(LOCK_FILE)?;
        let files_lock_file = lock_file(FILES_LOCK_FILE)?;
        let exclusive = lock.try_lock().is_ok();
        if !exclusive {
            // Another process is sweeping or setting the vault up: wait until it is done, so two
            // first starts never make two keys (the second would overwrite vault.json).
            lock.lock_shared().map_err(|e| Error::io(&lock_path, &e))?;
        }
        let key = keys::load_or_create(&root, unlock);
        let protection = keys::protection(&root)?.unwrap_or_default();
        let key = match key {
            Ok(k) => k,
            Err(e) => {
                let _ = lock.unlock();
                return Err(e);
            }
        };
        let mut vault = Vault {
            root,
            key,
            store,
            protection,
            _lock: lock,
            files_lock: std::sync::Mutex::new(()),
            files_lock_file,
            known: std::sync::Mutex::new(std::collections::HashSet::new()),
        };
        let recovery = if exclusive {
            let r = vault.sweep()?;
            vault.share_lock()?;
            r
        } else {
            Recovery::default()
        };
        let named = vault.store.evidence_hashes()?;
        vault.known_hashes().extend(named);
        let missing = vault.missing_files()?;
        Ok((
            vault,
            Recovery {
                missing,
                ..recovery
            },
        ))
    }

    /// From exclusive (the sweep is done) to shared, as every open vault holds it.
    fn share_lock(&mut self) -> Result<()> {
        let _ = self._lock.unlock();
        self._lock
            .lock_shared()
            .map_err(|e| Error::io(&self.root.join(LOCK_FILE), &e))
    }

    /// "keychain" or "passphrase".
    pub fn protection(&self) -> &str {
        &self.protection
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Deletes what crashed imports and exports left in `tmp/` — only the vault's own temp files.
    /// Stored files are never deleted here, named or not (see the module doc).
    fn sweep(&self) -> Result<Recovery> {
        let mut r = Recovery {
            swept: true,
            ..Recovery::default()
        };
        // First the decrypted parts of killed exports, outside the vault, while their records
        // (in tmp/, deleted just below) still say where they are.
        r.temp_removed += files::remove_recorded_parts(&self.root);
        if let Ok(entries) = fs::read_dir(self.root.join(TMP)) {
            for e in entries.flatten() {
                if fs::remove_file(e.path()).is_ok() {
                    r.temp_removed += 1;
                }
            }
        }
        let used: std::collections::HashSet<String> =
            self.store.evidence_hashes()?.into_iter().collect();
        r.unreferenced = files::list(&self.root, BLOBS)
            .iter()
            .filter(|(sha, _)| !used.contains(sha))
            .count();
        Ok(r)
    }

    fn known_hashes(&self) -> std::sync::MutexGuard<'_, std::collections::HashSet<String>> {
        self.known
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn missing_files(&self) -> Result<Vec<EvidenceRow>> {
        Ok(self
            .store
            .all_evidence()?
            .into_iter()
            .filter(|row| !files::hash_path(&self.root, BLOBS, &row.sha256).is_file())
            .collect())
    }

    /// Adds one file to a case. Images are checked (bomb, truncation) before anything is stored.
    pub fn import(
        &self,
        case_id: &str,
        source: Source<'_>,
        opts: &ImportOptions,
        now: DateTime<Utc>,
    ) -> Result<Imported> {
        reachright_store::Store::get_case(&self.store, case_id)?;
        match source {
            Source::File(path) => {
                let name = display_name(path);
                let unreadable = |e: std::io::Error| Error::Unreadable {
                    name: name.clone(),
                    reason: e.to_string(),
                };
                let meta = fs::metadata(path).map_err(unreadable)?;
                if !meta.is_file() {
                    return Err(Error::Unreadable {
                        name,
                        reason: "not a regular file".into(),
                    });
                }
                too_large(&name, meta.len(), MAX_FILE)?;
                let file_time = meta
                    .modified()
                    .ok()
                    .map(|t| stamp(DateTime::<Utc>::from(t)));
                let open = || {
                    File::open(path)
                        .map(|f| BufReader::with_capacity(1 << 16, f))
                        .map_err(unreadable)
                };
                let head = inspect::head(&mut open()?).map_err(unreadable)?;
                let (mime, format) = inspect::sniff(&head);
                let picture = match format {
                    Some(f) => Some(self.inspect_image(&mut open()?, f, &name, opts.thumbnails)?),
                    None => None,
                };
                let (taken_at, taken_source) =
                    match picture.as_ref().and_then(|p| p.taken_at.clone()) {
                        Some(t) => (Some(t), "exif"),
                        None => match file_time {
                            Some(t) => (Some(t), "file"),
                            None => (None, "unknown"),
                        },
                    };
                let _guard = self.files_guard();
                let stored = files::put(&self.root, &self.key, &mut open()?, &name)?;
                // The checks above read the file before it was stored: if it changed meanwhile
                // (still being written), what was checked is not what was stored.
                let after = fs::metadata(path).map_err(unreadable)?;
                if after.len() != meta.len()
                    || after.modified().ok() != meta.modified().ok()
                    || stored.size != meta.len()
                {
                    self.discard(&stored);
                    return Err(Error::Unreadable {
                        name,
                        reason: "the file changed while it was being added (is it still being saved?); please try again".into(),
                    });
                }
                self.record(
                    case_id,
                    stored,
                    name,
                    mime,
                    picture,
                    taken_at,
                    taken_source,
                    opts,
                    now,
                )
            }
            Source::Pasted { name, bytes } => {
                too_large(name, bytes.len() as u64, MAX_PASTED)?;
                let (mime, format) = inspect::sniff(&bytes[..bytes.len().min(64)]);
                let picture = match format {
                    Some(f) => Some(self.inspect_image(
                        &mut Cursor::new(bytes),
                        f,
                        name,
                        opts.thumbnails,
                    )?),
                    None => None,
                };
                let taken_at = picture.as_ref().and_then(|p| p.taken_at.clone());
                let (taken_at, taken_source) = match taken_at {
                    Some(t) => (Some(t), "exif"),
                    None => (Some(stamp(now)), "pasted"),
                };
                let _guard = self.files_guard();
                let stored = files::put(&self.root, &self.key, &mut Cursor::new(bytes), name)?;
                self.record(
                    case_id,
                    stored,
                    name.to_string(),
                    mime,
                    picture,
                    taken_at,
                    taken_source,
                    opts,
                    now,
                )
            }
        }
    }

    fn inspect_image(
        &self,
        source: &mut dyn inspect::Source,
        format: image::ImageFormat,
        name: &str,
        thumbnails: bool,
    ) -> Result<Picture> {
        let (width, height) = inspect::dimensions(&mut *source, format, name)?;
        source.rewind().map_err(|e| Error::Unreadable {
            name: name.into(),
            reason: e.to_string(),
        })?;
        let taken_at = inspect::taken_at(&mut *source);
        let thumbnail = if thumbnails {
            source.rewind().map_err(|e| Error::Unreadable {
                name: name.into(),
                reason: e.to_string(),
            })?;
            Some(inspect::thumbnail(&mut *source, format, name)?)
        } else {
            None
        };
        Ok(Picture {
            width,
            height,
            taken_at,
            thumbnail,
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn record(
        &self,
        case_id: &str,
        stored: files::Stored,
        name: String,
        mime: &str,
        picture: Option<Picture>,
        taken_at: Option<String>,
        taken_source: &str,
        opts: &ImportOptions,
        now: DateTime<Utc>,
    ) -> Result<Imported> {
        let thumb = picture.as_ref().and_then(|p| p.thumbnail.as_deref());
        if let Some(t) = thumb {
            files::put_small(
                &self.root,
                &self.key,
                THUMBS,
                &stored.sha256,
                t,
                &thumb_context(&stored.sha256),
            )?;
        }
        let new = NewEvidence {
            added_at: stamp(now),
            sha256: stored.sha256.clone(),
            kind: opts.kind.clone(),
            caption: opts.caption.clone(),
            original_name: name,
            size: i64::try_from(stored.size).unwrap_or(i64::MAX),
            media_type: mime.to_string(),
            width: picture.as_ref().map(|p| p.width),
            height: picture.as_ref().map(|p| p.height),
            taken_at,
            taken_source: taken_source.to_string(),
            has_thumbnail: thumb.is_some()
                || files::hash_path(&self.root, THUMBS, &stored.sha256).is_file(),
        };
        match self.store.add_evidence(case_id, &new) {
            Ok((item, created)) => {
                self.known_hashes().insert(item.sha256.clone());
                Ok(Imported {
                    item,
                    duplicate: !created,
                })
            }
            Err(e) => {
                self.discard(&stored);
                Err(e.into())
            }
        }
    }

    fn files_guard(&self) -> FilesGuard<'_> {
        let threads = self
            .files_lock
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        FilesGuard {
            _threads: threads,
            processes: self
                .files_lock_file
                .lock()
                .is_ok()
                .then_some(&self.files_lock_file),
        }
    }

    /// After a refused import: a file only this import added, and no row uses, is not kept.
    /// (Caller holds the files guard.)
    fn discard(&self, stored: &files::Stored) {
        let used = self
            .store
            .evidence_hashes()
            .map(|h| h.contains(&stored.sha256))
            .unwrap_or(true); // unsure: keep it; the start-up sweep decides later
        if stored.new && !used {
            self.delete_files(&stored.sha256);
        }
    }

    fn delete_files(&self, sha: &str) {
        let _ = fs::remove_file(files::hash_path(&self.root, BLOBS, sha));
        let _ = fs::remove_file(files::hash_path(&self.root, THUMBS, sha));
    }

    /// Deletes the stored files this database named and names no more (after a case was deleted,
    /// its rows went with it); returns how many. A file it never named since the vault was opened
    /// is kept: it may be evidence of another copy of the database (see the module doc). Temp
    /// files are left to the start-up sweep, which alone knows no other process is writing them.
    pub fn prune(&self) -> Result<usize> {
        let _guard = self.files_guard();
        let used: std::collections::HashSet<String> =
            self.store.evidence_hashes()?.into_iter().collect();
        let mut known = self.known_hashes();
        let dropped: Vec<String> = known.difference(&used).cloned().collect();
        let mut removed = 0;
        for sha in dropped {
            known.remove(&sha);
            if files::hash_path(&self.root, BLOBS, &sha).is_file() {
                removed += 1;
            }
            self.delete_files(&sha);
        }
        Ok(removed)
    }

    pub fn list(&self, case_id: &str) -> Result<Vec<EvidenceRow>> {
        Ok(self.store.evidence(case_id)?)
    }

    pub fn update(&self, id: &str, kind: &str, caption: &str) -> Result<EvidenceRow> {
        Ok(self.store.update_evidence(id, kind, caption)?)
    }

    /// Removes the item; its file goes too when no other case uses it.
    pub fn remove(&self, id: &str, now: DateTime<Utc>) -> Result<EvidenceRow> {
        let _guard = self.files_guard();
        let (row, unused) = self.store.remove_evidence(id, &stamp(now))?;
        if unused {
            self.known_hashes().remove(&row.sha256);
            self.delete_files(&row.sha256);
        }
        Ok(row)
    }

    /// Re-reads every item of the case: decrypts it (any altered byte fails its record's tag) and
    /// compares its SHA-256 with the recorded one; its thumbnail must open as its own.
    pub fn verify(&self, case_id: &str) -> Result<Vec<Check>> {
        Ok(self
            .store
            .evidence(case_id)?
            .into_iter()
            .map(|item| {
                let path = files::hash_path(&self.root, BLOBS, &item.sha256);
                let problem = files::check(&path, &self.key, &item.sha256)
                    .err()
                    .or_else(|| self.thumbnail(&item).err().map(|e| e.to_string()));
                Check { item, problem }
            })
            .collect())
    }

    /// A reader of the item's original bytes (for export); damage surfaces as a read error.
    pub fn reader(&self, item: &EvidenceRow) -> Result<impl Read + use<>> {
        let path = files::hash_path(&self.root, BLOBS, &item.sha256);
        files::open(&path, &self.key).map_err(|e| Error::Damaged {
            name: item.original_name.clone(),
            reason: e.to_string(),
        })
    }

    /// The whole file, checked against its hash (to show it full size).
    pub fn read(&self, id: &str) -> Result<(EvidenceRow, Vec<u8>)> {
        let item = self.store.get_evidence(id)?;
        if item.size as u64 > MAX_READ {
            return Err(Error::Invalid {
                field: "id",
                reason: format!(
                    "{} is too large to show here; export it instead",
                    item.original_name
                ),
            });
        }
        let mut bytes = Vec::with_capacity(item.size as usize);
        self.reader(&item)?
            .read_to_end(&mut bytes)
            .map_err(|e| Error::Damaged {
                name: item.original_name.clone(),
                reason: e.to_string(),
            })?;
        if crate::sha256_hex(&bytes) != item.sha256 {
            return Err(Error::Damaged {
                name: item.original_name.clone(),
                reason: "its content no longer matches its SHA-256".into(),
            });
        }
        Ok((item, bytes))
    }

    /// The item's JPEG thumbnail, if it has one. It opens only as this item's: the item's hash is
    /// in its associated data, so another item's thumbnail put in its place fails.
    pub fn thumbnail(&self, item: &EvidenceRow) -> Result<Option<Vec<u8>>> {
        let path = files::hash_path(&self.root, THUMBS, &item.sha256);
        match fs::read(&path) {
            Ok(sealed) if crate::crypto::is_bound(&sealed) => {
                crate::crypto::open_bytes_bound(&self.key, &sealed, &thumb_context(&item.sha256))
                    .map(Some)
                    .map_err(|e| Error::Damaged {
                        name: item.original_name.clone(),
                        reason: format!("its thumbnail is not its own or was altered ({e})"),
                    })
            }
            // A thumbnail from before thumbnails were bound: nothing shows it is this item's (any
            // item's could have been put there), so it is never shown; it is made again from the
            // item itself, which is checked against its hash, and stored bound.
            Ok(_) => self.remake_thumbnail(item),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::io(&path, &e)),
        }
    }

    fn remake_thumbnail(&self, item: &EvidenceRow) -> Result<Option<Vec<u8>>> {
        if item.size as u64 > MAX_READ {
            return Ok(None);
        }
        let (_, bytes) = self.read(&item.id)?;
        let Some(format) = inspect::sniff(&bytes[..bytes.len().min(64)]).1 else {
            return Ok(None);
        };
        let thumb = inspect::thumbnail(&mut Cursor::new(&bytes), format, &item.original_name)?;
        let _guard = self.files_guard();
        files::put_small(
            &self.root,
            &self.key,
            THUMBS,
            &item.sha256,
            &thumb,
            &thumb_context(&item.sha256),
        )?;
        Ok(Some(thumb))
    }

    /// The vault's folder.
    pub(crate) fn root(&self) -> &Path {
        &self.root
    }

    /// Where the item's sealed file is (tests flip bytes in it).
    pub fn stored_path(&self, item: &EvidenceRow) -> PathBuf {
        files::hash_path(&self.root, BLOBS, &item.sha256)
    }
}

struct Picture {
    width: u32,
    height: u32,
    taken_at: Option<String>,
    thumbnail: Option<Vec<u8>>,
}

/// What a thumbnail is bound to: the SHA-256 of the item it shows.
fn thumb_context(sha: &str) -> Vec<u8> {
    format!("reachright thumbnail of {sha}").into_bytes()
}

/// Refuses `size` over `limit`, naming the file and both sizes.
fn too_large(name: &str, size: u64, limit: u64) -> Result<()> {
    if size <= limit {
        return Ok(());
    }
    Err(Error::TooLarge {
        name: name.to_string(),
        size: human_size(size),
        limit: human_size(limit),
    })
}

/// `2.0 GB`, `50 MB`, `900 KB` (binary units, as file managers on the user's OS mostly show).
fn human_size(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    const GB: u64 = 1024 * MB;
    if bytes >= GB {
        format!("{:.1} GB", bytes as f64 / GB as f64)
    } else if bytes >= MB {
        format!("{} MB", bytes.div_ceil(MB))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// The name the user knows the file by (its last path component).
fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| "file".into())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn open(dir: &Path) -> Vault {
        let store = Arc::new(Store::open(dir).unwrap());
        let unlock = Unlock::default().with_passphrase(Some("a long enough passphrase".into()));
        Vault::open(store, &unlock).unwrap().0
    }

    fn png(seed: u8) -> Vec<u8> {
        let img = image::RgbImage::from_fn(300, 500, |x, y| {
            image::Rgb([(x / 3) as u8 ^ seed, (y / 7) as u8, seed])
        });
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    }

    /// Issue 10: vaults from before thumbnails were bound keep `RRV1` thumbnails. They still
    /// show (made again from the item, then stored bound), and one put in another item's place
    /// is never shown as that item's.
    #[test]
    fn an_old_vaults_unbound_thumbnail_is_remade_from_its_item() {
        let tmp = tempfile::tempdir().unwrap();
        let v = open(tmp.path());
        let case = v
            .store()
            .create_case(&reachright_store::NewCase {
                at: "2026-11-25T03:00:00Z".into(),
                title: "旧缩略图".into(),
                platform_id: None,
                intake_json: "{}".into(),
            })
            .unwrap()
            .id;
        let now: DateTime<Utc> = "2026-11-25T04:00:00Z".parse().unwrap();
        let add = |name: &str, bytes: &[u8]| {
            v.import(
                &case,
                Source::Pasted { name, bytes },
                &ImportOptions::default(),
                now,
            )
            .unwrap()
            .item
        };
        let a = add("a.png", &png(1));
        let b = add("b.png", &png(2));
        let ta = v.thumbnail(&a).unwrap().unwrap();
        let tb = v.thumbnail(&b).unwrap().unwrap();
        // As an old vault stored them: unbound, and here b's picture in a's place.
        let path = files::hash_path(&v.root, THUMBS, &a.sha256);
        fs::write(&path, crate::crypto::seal_bytes(&v.key, &tb).unwrap()).unwrap();
        assert!(!crate::crypto::is_bound(&fs::read(&path).unwrap()));

        assert!(
            v.thumbnail(&a).unwrap().unwrap() == ta,
            "remade from a, not b's"
        );
        assert!(
            crate::crypto::is_bound(&fs::read(&path).unwrap()),
            "stored bound"
        );
        assert!(v.verify(&case).unwrap().iter().all(|c| c.problem.is_none()));
    }
}
