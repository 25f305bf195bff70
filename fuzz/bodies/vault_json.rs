//! Fuzz body: `vault.json`, which is not secret and could be edited or damaged. The input is
//! written as the vault's `vault.json` beside a real store, and the vault is opened with a
//! passphrase (only where the file asks for a small key-derivation cost, so each run stays fast;
//! the cost limits are unit-tested). Oracle: no panic; the vault never opens (no input can pass
//! the key check); the error is one the app explains (invalid `vault.json`, passphrase needed or
//! wrong, keychain needed, key missing); `vault.json` is never rewritten or removed.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use reachright_store::Store;
use reachright_vault::{Unlock, Vault};

fn dir() -> &'static (PathBuf, Arc<Store>) {
    static DIR: OnceLock<(PathBuf, Arc<Store>)> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir =
            std::env::temp_dir().join(format!("reachright-fuzz-vault-json-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let _ = DIR_USED.set(dir.clone());
        let store = Arc::new(Store::open(&dir).expect("store"));
        (dir, store)
    })
}

/// Removes the data folder the runs used (the replay test calls it at the end; a fuzz run never
/// ends by returning, so the fuzz target does not).
#[allow(dead_code)]
pub fn cleanup() {
    if let Some(dir) = DIR_USED.get() {
        let _ = std::fs::remove_dir_all(dir);
    }
}
static DIR_USED: OnceLock<PathBuf> = OnceLock::new();

fn cheap(data: &[u8]) -> bool {
    let Ok(v) = serde_json::from_slice::<serde_json::Value>(data) else {
        return true;
    };
    let n = |k: &str| v["argon2"][k].as_u64().unwrap_or(0);
    n("m_kib") <= 256 && n("t") <= 2 && n("p") <= 2
}

pub fn run(data: &[u8]) {
    let (dir, store) = dir();
    let _ = DIR_USED.set(dir.clone());
    let config = dir.join(reachright_vault::VAULT_DIR).join("vault.json");
    std::fs::create_dir_all(config.parent().expect("parent")).expect("vault dir");
    std::fs::write(&config, data).expect("write vault.json");
    let passphrase = cheap(data).then(|| "fuzz passphrase".to_string());
    let unlock = Unlock::default().with_passphrase(passphrase);
    match Vault::open(store.clone(), &unlock) {
        Ok(_) => panic!("a vault opened from an arbitrary vault.json"),
        Err(e) => {
            let code = e.code();
            assert!(
                matches!(
                    code,
                    "invalid"
                        | "passphrase_needed"
                        | "wrong_passphrase"
                        | "keychain_needed"
                        | "key_missing"
                ),
                "unexpected error {code}: {e}"
            );
            if code == "invalid" {
                let msg = e.to_string();
                assert!(
                    msg.contains("vault.json") || msg.contains("passphrase"),
                    "{msg}"
                );
            }
        }
    }
    let after = std::fs::read(&config).expect("vault.json is still there");
    assert_eq!(after, data, "vault.json was rewritten");
}
