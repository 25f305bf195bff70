//! Shared helpers: a store and vault in a temp folder, real PNG/JPEG screenshots, a PNG bomb.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use reachright_store::{NewCase, Store};
use reachright_vault::{Unlock, Vault};

pub const PASS: &str = "correct horse battery staple";

pub fn now() -> DateTime<Utc> {
    "2026-11-25T04:00:00Z".parse().expect("time")
}

pub fn unlock() -> Unlock {
    Unlock::default().with_passphrase(Some(PASS.into()))
}

pub fn store(dir: &Path) -> Arc<Store> {
    Arc::new(Store::open(dir).expect("store"))
}

pub fn vault(dir: &Path) -> Vault {
    Vault::open(store(dir), &unlock()).expect("vault").0
}

pub fn case(store: &Store, title: &str) -> String {
    store
        .create_case(&NewCase {
            at: "2026-11-25T03:00:00Z".into(),
            title: title.into(),
            platform_id: None,
            intake_json: "{}".into(),
        })
        .expect("case")
        .id
}

/// A phone-sized screenshot-like picture with some structure (so it compresses like one).
pub fn picture(w: u32, h: u32, seed: u8) -> image::RgbImage {
    image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([
            (x / 7) as u8 ^ seed,
            (y / 5) as u8,
            ((x + y) / 11) as u8 ^ seed,
        ])
    })
}

pub fn write_png(dir: &Path, name: &str, seed: u8) -> PathBuf {
    let path = dir.join(name);
    picture(540, 1200, seed)
        .save_with_format(&path, image::ImageFormat::Png)
        .expect("png");
    path
}

pub fn write_jpeg(dir: &Path, name: &str, seed: u8) -> PathBuf {
    let path = dir.join(name);
    picture(540, 1200, seed)
        .save_with_format(&path, image::ImageFormat::Jpeg)
        .expect("jpeg");
    path
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let mut h = crc32fast::Hasher::new();
    h.update(kind);
    h.update(data);
    out.extend_from_slice(&h.finalize().to_be_bytes());
}

/// A valid PNG of `side`×`side` black grey pixels: a few KB on disk, `side²` bytes decoded.
pub fn png_bomb(path: &Path, side: u32) {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&side.to_be_bytes());
    ihdr.extend_from_slice(&side.to_be_bytes());
    ihdr.extend_from_slice(&[8, 0, 0, 0, 0]); // 8-bit greyscale
    chunk(&mut png, b"IHDR", &ihdr);
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    let row = vec![0u8; side as usize + 1];
    for _ in 0..side {
        z.write_all(&row).expect("deflate");
    }
    chunk(&mut png, b"IDAT", &z.finish().expect("deflate"));
    chunk(&mut png, b"IEND", &[]);
    std::fs::write(path, png).expect("write bomb");
}

/// Every file under `dir`, recursively.
pub fn all_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(all_files(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

pub fn count(dir: &Path, area: &str) -> usize {
    all_files(&dir.join("vault").join(area)).len()
}
