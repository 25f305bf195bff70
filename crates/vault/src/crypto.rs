//! The sealed-file format: XChaCha20-Poly1305 in the STREAM construction (Hoang, Reyhanitabar,
//! Rogaway, Vizár), so a file of any size is encrypted and checked one chunk at a time and never
//! sits in memory whole.
//!
//! Layout: `RRV1` ‖ 19-byte random nonce prefix, then records of `min(CHUNK, rest)` ciphertext
//! bytes + a 16-byte tag. Record `i` uses nonce `prefix ‖ i (u32 BE) ‖ last?1:0`, and the header is
//! the associated data of every record. So a flipped byte fails its record's tag, records cannot
//! be reordered, and a file cut at a record boundary fails because its new last record was not
//! sealed as last. An empty file is one record holding only a tag.
//!
//! `RRV2` is the same layout bound to a context given by the caller: the associated data is the
//! header followed by that context (for a thumbnail, the SHA-256 of its item), so a sealed file
//! moved to another item's place fails its tag there. `RRV1` files carry no context.

use std::io::{self, Read, Write};

use chacha20poly1305::aead::{AeadInPlace, KeyInit};
use chacha20poly1305::{Tag, XChaCha20Poly1305, XNonce};
use zeroize::Zeroizing;

pub const MAGIC: &[u8; 4] = b"RRV1";
/// Sealed with a context in the associated data (see the module doc).
pub const MAGIC_BOUND: &[u8; 4] = b"RRV2";
const PREFIX_LEN: usize = 19;
pub const HEADER_LEN: usize = MAGIC.len() + PREFIX_LEN;
const TAG_LEN: usize = 16;
/// 1 MiB: large enough that the per-record cost vanishes, small enough to stream.
pub const CHUNK: usize = 1 << 20;

/// The 256-bit vault key. Zeroed when dropped; never printed.
#[derive(Clone)]
pub struct Key(pub(crate) Zeroizing<[u8; 32]>);

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Key(…)")
    }
}

impl Key {
    pub fn random() -> io::Result<Key> {
        let mut k = Zeroizing::new([0u8; 32]);
        getrandom::fill(k.as_mut()).map_err(|e| io::Error::other(e.to_string()))?;
        Ok(Key(k))
    }

    pub fn from_bytes(bytes: &[u8]) -> Option<Key> {
        let arr: [u8; 32] = bytes.try_into().ok()?;
        Some(Key(Zeroizing::new(arr)))
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new(self.0.as_ref().into())
    }
}

fn nonce(prefix: &[u8], index: u32, last: bool) -> XNonce {
    let mut n = [0u8; 24];
    n[..PREFIX_LEN].copy_from_slice(prefix);
    n[PREFIX_LEN..PREFIX_LEN + 4].copy_from_slice(&index.to_be_bytes());
    n[23] = u8::from(last);
    n.into()
}

/// Encrypts everything written to it into `inner`; call [`SealWriter::finish`] to seal the last
/// record (dropping it without `finish` leaves an unreadable file, which is the point: a half
/// import never verifies).
pub struct SealWriter<W: Write> {
    inner: W,
    cipher: XChaCha20Poly1305,
    /// The header, then the context of an `RRV2` file.
    aad: Vec<u8>,
    buf: Vec<u8>,
    index: u32,
}

impl<W: Write> SealWriter<W> {
    pub fn new(key: &Key, inner: W) -> io::Result<Self> {
        Self::start(key, inner, MAGIC, &[])
    }

    /// An `RRV2` file bound to `context`: it opens only with the same context.
    pub fn bound(key: &Key, inner: W, context: &[u8]) -> io::Result<Self> {
        Self::start(key, inner, MAGIC_BOUND, context)
    }

    fn start(key: &Key, mut inner: W, magic: &[u8; 4], context: &[u8]) -> io::Result<Self> {
        let mut header = [0u8; HEADER_LEN];
        header[..4].copy_from_slice(magic);
        getrandom::fill(&mut header[4..]).map_err(|e| io::Error::other(e.to_string()))?;
        inner.write_all(&header)?;
        let mut aad = header.to_vec();
        aad.extend_from_slice(context);
        Ok(SealWriter {
            inner,
            cipher: key.cipher(),
            aad,
            buf: Vec::with_capacity(CHUNK + TAG_LEN),
            index: 0,
        })
    }

    fn seal(&mut self, last: bool) -> io::Result<()> {
        let n = nonce(&self.aad[4..HEADER_LEN], self.index, last);
        let tag = self
            .cipher
            .encrypt_in_place_detached(&n, &self.aad, &mut self.buf)
            .map_err(|_| io::Error::other("encryption failed"))?;
        self.inner.write_all(&self.buf)?;
        self.inner.write_all(&tag)?;
        self.buf.clear();
        self.index = self
            .index
            .checked_add(1)
            .ok_or_else(|| io::Error::other("file too large for the vault format"))?;
        Ok(())
    }

    /// Seals the last record and returns the inner writer (to fsync it).
    pub fn finish(mut self) -> io::Result<W> {
        self.seal(true)?;
        self.inner.flush()?;
        Ok(self.inner)
    }
}

impl<W: Write> Write for SealWriter<W> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        // A full buffer is sealed only once more data arrives, so the final record is always
        // sealed by `finish` with the "last" flag, even when the size is a multiple of CHUNK.
        if self.buf.len() == CHUNK && !data.is_empty() {
            self.seal(false)?;
        }
        let take = data.len().min(CHUNK - self.buf.len());
        self.buf.extend_from_slice(&data[..take]);
        Ok(take)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Decrypts a sealed file as it is read. Any damage surfaces as an `InvalidData` error naming the
/// record, before a single byte of that record is returned.
pub struct OpenReader<R: Read> {
    inner: R,
    cipher: XChaCha20Poly1305,
    /// The header, then the context of an `RRV2` file.
    aad: Vec<u8>,
    /// Ciphertext bytes (records + tags) still to read, from the file's length.
    remaining: u64,
    index: u32,
    buf: Vec<u8>,
    pos: usize,
    done: bool,
    failed: bool,
}

fn damaged(msg: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, msg)
}

impl<R: Read> OpenReader<R> {
    /// `total_len` is the sealed file's length (header included). Opens `RRV1` files only.
    pub fn new(key: &Key, inner: R, total_len: u64) -> io::Result<Self> {
        Self::start(key, inner, total_len, None)
    }

    /// Opens an `RRV2` file sealed with this `context` (and nothing else: an unbound file is
    /// refused, so it cannot stand in for a bound one).
    pub fn bound(key: &Key, inner: R, total_len: u64, context: &[u8]) -> io::Result<Self> {
        Self::start(key, inner, total_len, Some(context))
    }

    fn start(key: &Key, mut inner: R, total_len: u64, context: Option<&[u8]>) -> io::Result<Self> {
        let mut header = [0u8; HEADER_LEN];
        inner
            .read_exact(&mut header)
            .map_err(|_| damaged("the file is shorter than its header".into()))?;
        let magic: &[u8] = &header[..4];
        let aad = match context {
            None if magic == MAGIC => header.to_vec(),
            Some(context) if magic == MAGIC_BOUND => [&header[..], context].concat(),
            Some(_) if magic == MAGIC => {
                return Err(damaged(
                    "an older, unbound file where a bound one belongs".into(),
                ))
            }
            _ => return Err(damaged("not a ReachRight vault file".into())),
        };
        Ok(OpenReader {
            inner,
            cipher: key.cipher(),
            aad,
            remaining: total_len.saturating_sub(HEADER_LEN as u64),
            index: 0,
            buf: Vec::with_capacity(CHUNK + TAG_LEN),
            pos: 0,
            done: false,
            failed: false,
        })
    }

    fn next_record(&mut self) -> io::Result<()> {
        let record = (CHUNK + TAG_LEN) as u64;
        let len = self.remaining.min(record) as usize;
        let last = self.remaining <= record;
        if len < TAG_LEN {
            return Err(damaged(format!("record {} is cut short", self.index)));
        }
        self.buf.resize(len, 0);
        self.inner
            .read_exact(&mut self.buf)
            .map_err(|_| damaged(format!("record {} is cut short", self.index)))?;
        let tag = Tag::clone_from_slice(&self.buf[len - TAG_LEN..]);
        self.buf.truncate(len - TAG_LEN);
        let n = nonce(&self.aad[4..HEADER_LEN], self.index, last);
        self.cipher
            .decrypt_in_place_detached(&n, &self.aad, &mut self.buf, &tag)
            .map_err(|_| {
                damaged(format!(
                    "record {} failed its integrity check (altered or truncated)",
                    self.index
                ))
            })?;
        self.remaining -= len as u64;
        self.index = self.index.wrapping_add(1);
        self.pos = 0;
        self.done = last;
        Ok(())
    }
}

impl<R: Read> Read for OpenReader<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        while self.pos == self.buf.len() {
            if self.failed {
                return Err(damaged(
                    "an earlier record failed its integrity check".into(),
                ));
            }
            if self.done {
                return Ok(0);
            }
            if let Err(e) = self.next_record() {
                // Never hand out what is left in the buffer: it may be unauthenticated.
                self.failed = true;
                self.buf.clear();
                self.pos = 0;
                return Err(e);
            }
        }
        let n = out.len().min(self.buf.len() - self.pos);
        out[..n].copy_from_slice(&self.buf[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// Seal a small value in memory (the key check, thumbnails).
pub fn seal_bytes(key: &Key, data: &[u8]) -> io::Result<Vec<u8>> {
    let mut w = SealWriter::new(key, Vec::with_capacity(data.len() + HEADER_LEN + TAG_LEN))?;
    w.write_all(data)?;
    w.finish()
}

pub fn open_bytes(key: &Key, sealed: &[u8]) -> io::Result<Vec<u8>> {
    let mut r = OpenReader::new(key, sealed, sealed.len() as u64)?;
    let mut out = Vec::new();
    r.read_to_end(&mut out)?;
    Ok(out)
}

/// Seal a small value bound to `context` (`RRV2`).
pub fn seal_bytes_bound(key: &Key, data: &[u8], context: &[u8]) -> io::Result<Vec<u8>> {
    let mut w = SealWriter::bound(
        key,
        Vec::with_capacity(data.len() + HEADER_LEN + TAG_LEN),
        context,
    )?;
    w.write_all(data)?;
    w.finish()
}

pub fn open_bytes_bound(key: &Key, sealed: &[u8], context: &[u8]) -> io::Result<Vec<u8>> {
    let mut r = OpenReader::bound(key, sealed, sealed.len() as u64, context)?;
    let mut out = Vec::new();
    r.read_to_end(&mut out)?;
    Ok(out)
}

/// Whether a sealed value is `RRV2` (bound to a context) rather than `RRV1`.
pub fn is_bound(sealed: &[u8]) -> bool {
    sealed.starts_with(MAGIC_BOUND)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> Key {
        Key::random().expect("key")
    }

    #[test]
    fn round_trips_at_chunk_boundaries() {
        let k = key();
        for len in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 2 * CHUNK + 7] {
            let data: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
            let sealed = seal_bytes(&k, &data).expect("seal");
            assert_eq!(open_bytes(&k, &sealed).expect("open"), data, "len {len}");
        }
    }

    #[test]
    fn any_flipped_byte_or_cut_or_wrong_key_is_refused() {
        let k = key();
        let data = vec![7u8; CHUNK + 100];
        let sealed = seal_bytes(&k, &data).expect("seal");
        for at in [0, 5, HEADER_LEN, HEADER_LEN + CHUNK + 3, sealed.len() - 1] {
            let mut bad = sealed.clone();
            bad[at] ^= 1;
            assert!(open_bytes(&k, &bad).is_err(), "flip at {at}");
        }
        // Cut exactly after the first record: that record was not sealed as the last one.
        let cut = &sealed[..HEADER_LEN + CHUNK + TAG_LEN];
        assert!(open_bytes(&k, cut).is_err());
        assert!(open_bytes(&key(), &sealed).is_err());
    }

    #[test]
    fn a_reader_stays_failed_after_damage() {
        let k = key();
        let mut sealed = seal_bytes(&k, &vec![3u8; CHUNK + 10]).expect("seal");
        sealed[HEADER_LEN + 1] ^= 1;
        let mut r = OpenReader::new(&k, sealed.as_slice(), sealed.len() as u64).expect("header");
        let mut buf = vec![0u8; 64];
        assert!(r.read(&mut buf).is_err());
        assert!(
            r.read(&mut buf).is_err(),
            "no second chance, no leftover bytes"
        );
    }

    #[test]
    fn a_bound_value_opens_only_with_its_context() {
        let k = key();
        let sealed = seal_bytes_bound(&k, b"thumbnail", b"thumb:aaaa").expect("seal");
        assert!(is_bound(&sealed));
        assert_eq!(
            open_bytes_bound(&k, &sealed, b"thumb:aaaa").expect("open"),
            b"thumbnail"
        );
        assert!(open_bytes_bound(&k, &sealed, b"thumb:bbbb").is_err());
        assert!(open_bytes(&k, &sealed).is_err(), "not as an unbound file");
        let unbound = seal_bytes(&k, b"thumbnail").expect("seal");
        assert!(!is_bound(&unbound));
        assert!(open_bytes_bound(&k, &unbound, b"thumb:aaaa").is_err());
    }

    #[test]
    fn ciphertext_does_not_contain_the_plaintext() {
        let k = key();
        let secret = b"card key ABCD-1234-EFGH-5678 card key ABCD-1234-EFGH-5678";
        let sealed = seal_bytes(&k, secret).expect("seal");
        assert!(!sealed.windows(8).any(|w| secret.windows(8).any(|s| s == w)));
    }
}
