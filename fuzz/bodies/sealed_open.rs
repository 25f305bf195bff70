//! Fuzz body: opening a sealed vault file (`vault::crypto`), as the vault does with whatever is
//! on disk under `blobs/` and `thumbs/`. Oracle: arbitrary bytes never open (only a file sealed
//! with the key does, and the fuzzer cannot make one); a wrong length never panics; the input
//! sealed and opened again is itself, and one flipped byte of it fails the check.

use std::io::Read;

use reachright_vault::crypto::{self, Key};

pub fn run(data: &[u8]) {
    let key = Key::from_bytes(&[7u8; 32]).expect("key");
    assert!(
        crypto::open_bytes(&key, data).is_err(),
        "arbitrary bytes opened"
    );
    assert!(
        crypto::open_bytes_bound(&key, data, b"item").is_err(),
        "arbitrary bytes opened (bound)"
    );
    // The streaming reader, told a length that is not the file's: an error, never a panic.
    for total in [
        0,
        data.len().saturating_sub(1),
        data.len() + 1,
        usize::MAX / 2,
    ] {
        if let Ok(mut r) = crypto::OpenReader::new(&key, data, total as u64) {
            let mut out = Vec::new();
            assert!(
                r.read_to_end(&mut out).is_err(),
                "arbitrary bytes read at length {total}"
            );
        }
    }

    let sealed = crypto::seal_bytes_bound(&key, data, b"item").expect("seal");
    let opened = crypto::open_bytes_bound(&key, &sealed, b"item").expect("open what was sealed");
    assert_eq!(opened, data);
    assert!(
        crypto::open_bytes_bound(&key, &sealed, b"other").is_err(),
        "opened under another item"
    );
    let mut flipped = sealed.clone();
    let at = data.len() % flipped.len();
    flipped[at] ^= 1;
    assert!(
        crypto::open_bytes_bound(&key, &flipped, b"item").is_err(),
        "byte {at} flipped and opened"
    );
}
