//! The committed inputs of one fuzz target: its seeds (`fuzz/corpus/TARGET`) and every input
//! a fuzzer once crashed on (`fuzz/regressions/TARGET`). Shared by the crates' regression tests
//! (`tests/fuzz_corpus.rs`), which feed them through the same body the fuzz target runs.

use std::path::{Path, PathBuf};

pub fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
    let mut out = Vec::new();
    for dir in ["corpus", "regressions"] {
        let Ok(entries) = std::fs::read_dir(fuzz.join(dir).join(target)) else {
            continue;
        };
        for e in entries.flatten() {
            let path = e.path();
            if path.is_file() {
                let bytes =
                    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                out.push((path, bytes));
            }
        }
    }
    out.sort();
    assert!(
        !out.is_empty(),
        "no committed inputs for fuzz target {target}"
    );
    out
}

/// Runs `body` on each input, naming the file that panics.
pub fn replay(target: &str, body: fn(&[u8])) {
    for (path, bytes) in inputs(target) {
        let result = std::panic::catch_unwind(|| body(&bytes));
        assert!(result.is_ok(), "fuzz input {} fails again", path.display());
    }
}
