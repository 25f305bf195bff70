//! A case with an open vault (mock keychain) in a temporary folder, for the gallery's tests.
#![allow(clippy::unwrap_used)]

use crate::Call;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};
use reachright_core::Lang;
use reachright_store::Store;
use reachright_vault::{Unlock, Vault};

use super::{import_bytes, labels, status_open, ImportOutcome};

pub fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2024-05-20T15:00:00+08:00").unwrap()
}

pub fn png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([x as u8, y as u8, 128]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub vault: Vault,
    pub case_id: String,
}

pub fn fixture(story: &str) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(Store::open(dir.path()).unwrap());
    let unlock = Unlock {
        keychain: Some(keyring_core::mock::Store::new().unwrap()),
        ..Default::default()
    };
    let (vault, recovery) = Vault::open(store.clone(), &unlock).unwrap();
    assert!(status_open(&vault, &recovery).missing.is_empty());
    let case =
        crate::evidence::create_from_story(&Call::new(&store, now(), Lang::Zh), story).unwrap();
    Fixture {
        dir,
        vault,
        case_id: case.summary.id,
    }
}

pub const STORY: &str =
    "订单号20240520001,今天下午2点半买了100元的游戏点卡,付款成功了但是一直没到账";

impl Fixture {
    /// Imports `bytes` as a file of this kind, without a caption, in Chinese.
    pub fn add(&self, name: &str, bytes: &[u8], kind: &str) -> ImportOutcome {
        import_bytes(
            &self.call(Lang::Zh),
            &self.vault,
            &self.case_id,
            name,
            bytes,
            &labels(kind, "").unwrap(),
        )
        .unwrap()
    }

    /// A call at the fixture's fixed moment, in `lang`.
    pub fn call(&self, lang: Lang) -> Call<'_> {
        Call::new(self.vault.store(), now(), lang)
    }
}
