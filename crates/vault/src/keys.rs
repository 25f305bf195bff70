//! Where the vault key comes from. A random 256-bit key per install, kept only in the OS keychain
//! (Secret Service on Linux, Keychain on macOS, Credential Manager on Windows). When no keychain is
//! reachable the caller must say so to the user and may offer a passphrase, from which the key is
//! derived with Argon2id; the key itself is never written to disk.
//!
//! `vault.json` beside the files says which of the two was chosen and holds only public values:
//! the key's keychain name, the Argon2 salt and cost, and a *check* (a sealed constant) that tells a
//! wrong passphrase or a replaced keychain entry from damaged files.

use std::path::Path;
use std::sync::Arc;

use argon2::{Algorithm, Argon2, Params, Version};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use keyring_core::{CredentialStore, Entry};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::crypto::{self, Key};
use crate::error::{Error, Result};
use crate::files;

/// The keychain service name: the app's bundle identifier, as the OS shows it to the user.
pub const KEYCHAIN_SERVICE: &str = reachright_store::APP_IDENTIFIER;
const CHECK_PLAINTEXT: &[u8] = b"reachright evidence vault key check v1";
/// The shortest passphrase a new vault accepts, in characters (Unicode scalar values, as the UI
/// counts them with `[...pass].length`): the same 8 as `newPasswordProblem` in
/// ui/src/lib/evidence.ts, so the UI and the CLI refuse the same passphrases.
pub const MIN_PASSPHRASE_CHARS: usize = 8;
/// Argon2id cost of a new passphrase vault: 64 MiB, 3 passes, 1 lane (RFC 9106's second
/// recommended option, above OWASP's minimum). Each vault records its own cost in `vault.json`,
/// so vaults set up with the earlier 19 MiB / 2 passes still open with theirs.
const NEW_M_KIB: u32 = 64 * 1024;
const NEW_T: u32 = 3;
const NEW_P: u32 = 1;
pub(crate) const CONFIG_FILE: &str = "vault.json";

/// How to unlock (or set up) the vault. Either may be absent.
#[derive(Clone, Default)]
pub struct Unlock {
    /// The OS keychain, or `None` when it could not be reached (see [`system_keychain`]).
    pub keychain: Option<Arc<CredentialStore>>,
    /// Only used when the vault is (or is being set up as) passphrase-protected.
    pub passphrase: Option<Zeroizing<String>>,
    /// Why the keychain is absent, to tell the user.
    pub keychain_error: Option<String>,
}

impl Unlock {
    /// The OS keychain when reachable, remembering why not otherwise.
    pub fn system() -> Unlock {
        match system_keychain() {
            Ok(k) => Unlock {
                keychain: Some(k),
                ..Unlock::default()
            },
            Err(e) => Unlock {
                keychain_error: Some(e.to_string()),
                ..Unlock::default()
            },
        }
    }

    pub fn with_passphrase(mut self, passphrase: Option<String>) -> Unlock {
        self.passphrase = passphrase.filter(|p| !p.is_empty()).map(Zeroizing::new);
        self
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct Config {
    version: u32,
    /// "keychain" or "passphrase"
    key: String,
    /// Keychain user name; random per vault so two data folders never share an entry.
    key_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    argon2: Option<KdfParams>,
    /// The sealed constant, base64.
    check: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct KdfParams {
    salt: String,
    m_kib: u32,
    t: u32,
    p: u32,
}

/// The operating system's keychain, or why it cannot be used.
pub fn system_keychain() -> Result<Arc<CredentialStore>> {
    let store: keyring_core::Result<Arc<CredentialStore>> = {
        #[cfg(target_os = "linux")]
        {
            dbus_secret_service_keyring_store::Store::new().map(|s| s as Arc<CredentialStore>)
        }
        #[cfg(target_os = "macos")]
        {
            apple_native_keyring_store::keychain::Store::new().map(|s| s as Arc<CredentialStore>)
        }
        #[cfg(target_os = "windows")]
        {
            windows_native_keyring_store::Store::new().map(|s| s as Arc<CredentialStore>)
        }
        #[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
        {
            Err(keyring_core::Error::NoDefaultStore)
        }
    };
    store.map_err(|e| Error::KeychainUnavailable(e.to_string()))
}

fn entry(keychain: &Arc<CredentialStore>, key_id: &str) -> Result<Entry> {
    Entry::new_in_store(keychain, KEYCHAIN_SERVICE, &format!("vault-key:{key_id}"))
        .map_err(|e| Error::KeychainUnavailable(e.to_string()))
}

/// Argon2id with the cost recorded for the vault (see [`NEW_M_KIB`] for new ones).
fn derive(passphrase: &str, p: &KdfParams) -> Result<Key> {
    // vault.json is not secret and could be edited: never let it ask for gigabytes or hours.
    if p.m_kib > 1024 * 1024 || p.t > 16 || p.p > 8 {
        return Err(Error::Invalid {
            field: "vault.json",
            reason: "key derivation cost out of range".into(),
        });
    }
    let salt = B64.decode(&p.salt).map_err(|_| Error::Invalid {
        field: "vault.json",
        reason: "bad salt".into(),
    })?;
    let params = Params::new(p.m_kib, p.t, p.p, Some(32)).map_err(|e| Error::Invalid {
        field: "vault.json",
        reason: e.to_string(),
    })?;
    let mut out = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(passphrase.as_bytes(), &salt, out.as_mut())
        .map_err(|e| Error::Invalid {
            field: "passphrase",
            reason: e.to_string(),
        })?;
    Ok(Key(out))
}

fn random_hex(n: usize) -> Result<String> {
    let mut b = vec![0u8; n];
    getrandom::fill(&mut b).map_err(|e| Error::Io {
        path: "getrandom".into(),
        reason: e.to_string(),
    })?;
    Ok(crate::hex(&b))
}

fn check_of(key: &Key) -> Result<String> {
    let sealed = crypto::seal_bytes(key, CHECK_PLAINTEXT).map_err(|e| Error::Io {
        path: CONFIG_FILE.into(),
        reason: e.to_string(),
    })?;
    Ok(B64.encode(sealed))
}

fn key_passes_check(key: &Key, check: &str) -> bool {
    B64.decode(check)
        .ok()
        .and_then(|sealed| crypto::open_bytes(key, &sealed).ok())
        .is_some_and(|p| p == CHECK_PLAINTEXT)
}

/// Which protection the vault in `dir` uses, if it has been set up.
pub fn protection(dir: &Path) -> Result<Option<String>> {
    Ok(read_config(dir)?.map(|c| c.key))
}

fn read_config(dir: &Path) -> Result<Option<Config>> {
    let path = dir.join(CONFIG_FILE);
    match std::fs::read(&path) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| Error::Invalid {
                field: "vault.json",
                reason: e.to_string(),
            }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io(&path, &e)),
    }
}

/// The key of the vault in `dir`, setting the vault up on first use: keychain when reachable,
/// else the passphrase, else [`Error::KeychainUnavailable`].
pub(crate) fn load_or_create(dir: &Path, unlock: &Unlock) -> Result<Key> {
    match read_config(dir)? {
        Some(config) => load(&config, unlock),
        None => create(dir, unlock),
    }
}

fn load(config: &Config, unlock: &Unlock) -> Result<Key> {
    let key = match (config.key.as_str(), &config.argon2) {
        ("keychain", _) => {
            // Set up with the keychain: only the keychain can open it (a passphrase cannot help).
            let keychain = unlock.keychain.as_ref().ok_or_else(|| {
                Error::KeychainNeeded(
                    unlock
                        .keychain_error
                        .clone()
                        .unwrap_or_else(|| "not connected".into()),
                )
            })?;
            let secret = match entry(keychain, &config.key_id)
                .map_err(|e| Error::KeychainNeeded(e.to_string()))?
                .get_secret()
            {
                Ok(s) => Zeroizing::new(s),
                Err(keyring_core::Error::NoEntry) => return Err(Error::KeyMissing),
                Err(e) => return Err(Error::KeychainNeeded(e.to_string())),
            };
            Key::from_bytes(&secret).ok_or(Error::KeyMissing)?
        }
        ("passphrase", Some(params)) => {
            let pass = unlock.passphrase.as_ref().ok_or(Error::PassphraseNeeded)?;
            derive(pass, params)?
        }
        (other, _) => {
            return Err(Error::Invalid {
                field: "vault.json",
                reason: format!("unknown key source {other:?}"),
            })
        }
    };
    if key_passes_check(&key, &config.check) {
        Ok(key)
    } else if config.key == "passphrase" {
        Err(Error::WrongPassphrase)
    } else {
        Err(Error::KeyMissing)
    }
}

fn create(dir: &Path, unlock: &Unlock) -> Result<Key> {
    // vault.json gone while sealed files remain: a new key would make every one of them unreadable
    // for good (the old key's keychain name was in the lost file). Stop and say so instead.
    if !crate::files::list(dir, crate::files::BLOBS).is_empty() {
        return Err(Error::ConfigMissing);
    }
    let key_id = random_hex(8)?;
    // A passphrase is only ever offered after the keychain failed, so when one is given it wins:
    // a keychain that connects but refuses to store (a locked collection) must not block it.
    let (key, config) = if let Some(pass) = &unlock.passphrase {
        // Only when choosing one: a vault set up with a shorter one before still opens with it.
        if pass.chars().count() < MIN_PASSPHRASE_CHARS {
            return Err(Error::PassphraseTooShort {
                min: MIN_PASSPHRASE_CHARS,
            });
        }
        let mut salt = [0u8; 16];
        getrandom::fill(&mut salt).map_err(|e| Error::Io {
            path: "getrandom".into(),
            reason: e.to_string(),
        })?;
        let params = KdfParams {
            salt: B64.encode(salt),
            m_kib: NEW_M_KIB,
            t: NEW_T,
            p: NEW_P,
        };
        let key = derive(pass, &params)?;
        let check = check_of(&key)?;
        (
            key,
            Config {
                version: 1,
                key: "passphrase".into(),
                key_id,
                argon2: Some(params),
                check,
            },
        )
    } else if let Some(keychain) = &unlock.keychain {
        let key = Key::random().map_err(|e| Error::io(dir, &e))?;
        entry(keychain, &key_id)?
            .set_secret(key.0.as_ref())
            .map_err(|e| Error::KeychainUnavailable(e.to_string()))?;
        let check = check_of(&key)?;
        (
            key,
            Config {
                version: 1,
                key: "keychain".into(),
                key_id,
                argon2: None,
                check,
            },
        )
    } else {
        return Err(Error::KeychainUnavailable(
            unlock
                .keychain_error
                .clone()
                .unwrap_or_else(|| "not connected".into()),
        ));
    };
    let json = serde_json::to_vec_pretty(&config).map_err(|e| Error::Io {
        path: CONFIG_FILE.into(),
        reason: e.to_string(),
    })?;
    files::write_atomic(&dir.join(CONFIG_FILE), &json)?;
    Ok(key)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn with(pass: &str) -> Unlock {
        Unlock::default().with_passphrase(Some(pass.into()))
    }

    fn config(dir: &Path) -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(dir.join(CONFIG_FILE)).unwrap()).unwrap()
    }

    /// Issue 10: new passphrase vaults used 19 MiB / 2 passes; now at least 64 MiB / 3 passes.
    #[test]
    fn a_new_passphrase_vault_uses_the_raised_cost() {
        let tmp = tempfile::tempdir().unwrap();
        load_or_create(tmp.path(), &with("correct horse battery")).unwrap();
        let c = config(tmp.path());
        assert!(c["argon2"]["m_kib"].as_u64().unwrap() >= 64 * 1024, "{c}");
        assert!(c["argon2"]["t"].as_u64().unwrap() >= 3, "{c}");
        load_or_create(tmp.path(), &with("correct horse battery")).unwrap();
    }

    /// A vault set up before, with the old cost (and a passphrase now too short), still opens:
    /// the cost is read from its vault.json, the minimum applies only to new passphrases.
    #[test]
    fn an_old_vault_with_the_old_cost_still_opens() {
        let tmp = tempfile::tempdir().unwrap();
        let old = "short1";
        let params = KdfParams {
            salt: B64.encode([7u8; 16]),
            m_kib: 19 * 1024,
            t: 2,
            p: 1,
        };
        let key = derive(old, &params).unwrap();
        let config = Config {
            version: 1,
            key: "passphrase".into(),
            key_id: "0011223344556677".into(),
            argon2: Some(params),
            check: check_of(&key).unwrap(),
        };
        std::fs::write(
            tmp.path().join(CONFIG_FILE),
            serde_json::to_vec(&config).unwrap(),
        )
        .unwrap();
        let opened = load_or_create(tmp.path(), &with(old)).unwrap();
        assert!(*opened.0 == *key.0);
        assert_eq!(
            load_or_create(tmp.path(), &with("short2"))
                .unwrap_err()
                .code(),
            "wrong_passphrase"
        );
    }

    /// The UI asks for 8 characters; Rust refused nothing, so the CLI (or a changed UI) could set
    /// a vault up with a one-letter passphrase. Characters, not bytes: 8 Chinese characters do.
    #[test]
    fn a_new_passphrase_needs_the_ui_minimum() {
        let tmp = tempfile::tempdir().unwrap();
        let e = load_or_create(tmp.path(), &with("seven77")).unwrap_err();
        assert_eq!(e.code(), "passphrase_too_short");
        assert!(e.to_string().contains('8'), "{e}");
        assert!(!tmp.path().join(CONFIG_FILE).exists(), "nothing set up");
        load_or_create(tmp.path(), &with("我的证据保险箱密")).unwrap();
    }
}
