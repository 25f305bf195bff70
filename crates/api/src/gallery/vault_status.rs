//! The vault as the app found it at start-up: open (and what the recovery sweep found) or locked,
//! with whether a passphrase would help.

use reachright_vault::{Recovery, Vault};
use serde::{Deserialize, Serialize};
#[cfg(test)]
use ts_rs::TS;

/// A row whose file was missing at start-up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct MissingItem {
    pub id: String,
    pub case_id: String,
    pub name: String,
}

/// The vault as the app found it: open (with how it is protected and what the start-up sweep
/// found), or locked with the reason and whether a passphrase would help.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct VaultStatus {
    pub open: bool,
    /// `keychain` or `passphrase` once open.
    pub protection: Option<String>,
    /// Why it is locked: `keychain_unavailable` (no keychain, first use: a passphrase sets the
    /// vault up), `passphrase_needed`, `wrong_passphrase`, `keychain_needed` (set up with the
    /// keychain, which cannot be reached now), `config_missing` (vault.json gone, files remain),
    /// `key_missing`, `io` …
    pub error_code: Option<String>,
    pub error: Option<String>,
    /// Entering a passphrase can open (or set up) the vault.
    pub passphrase_helps: bool,
    /// Files removed at start-up that nothing used any more (an interrupted import's leftovers,
    /// or the files of a deleted case).
    pub cleaned: u32,
    /// Items whose file is gone.
    pub missing: Vec<MissingItem>,
}

/// The status of an open vault, from its start-up recovery.
pub fn status_open(vault: &Vault, recovery: &Recovery) -> VaultStatus {
    VaultStatus {
        open: true,
        protection: Some(vault.protection().to_string()),
        error_code: None,
        error: None,
        passphrase_helps: false,
        cleaned: u32::try_from(recovery.temp_removed + recovery.orphans_removed)
            .unwrap_or(u32::MAX),
        missing: recovery
            .missing
            .iter()
            .map(|r| MissingItem {
                id: r.id.clone(),
                case_id: r.case_id.clone(),
                name: r.original_name.clone(),
            })
            .collect(),
    }
}

/// Whether typing a passphrase can open (or set up) a vault locked for this reason. Not for
/// `keychain_needed` (only the keychain holds the key), `config_missing` (vault.json must be
/// restored; a new key would orphan the files) or `key_missing`.
pub fn passphrase_helps(code: &str) -> bool {
    matches!(
        code,
        "keychain_unavailable" | "passphrase_needed" | "wrong_passphrase"
    )
}

/// The status of a vault that did not open.
pub fn status_locked(e: &reachright_vault::Error) -> VaultStatus {
    let code = e.code();
    VaultStatus {
        open: false,
        protection: None,
        error_code: Some(code.to_string()),
        error: Some(e.to_string()),
        passphrase_helps: passphrase_helps(code),
        cleaned: 0,
        missing: Vec::new(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_locked_vault_says_whether_a_passphrase_helps() {
        let s = status_locked(&reachright_vault::Error::KeychainUnavailable(
            "no bus".into(),
        ));
        assert!(!s.open && s.passphrase_helps);
        assert_eq!(s.error_code.as_deref(), Some("keychain_unavailable"));
        let s = status_locked(&reachright_vault::Error::KeyMissing);
        assert!(!s.passphrase_helps);
        for code in ["passphrase_needed", "wrong_passphrase"] {
            assert!(passphrase_helps(code), "{code}");
        }
    }

    #[test]
    fn a_vault_that_needs_its_keychain_or_its_config_is_not_offered_a_passphrase() {
        let s = status_locked(&reachright_vault::Error::KeychainNeeded("locked".into()));
        assert!(!s.open && !s.passphrase_helps);
        assert_eq!(s.error_code.as_deref(), Some("keychain_needed"));
        let s = status_locked(&reachright_vault::Error::ConfigMissing);
        assert!(!s.open && !s.passphrase_helps);
        assert_eq!(s.error_code.as_deref(), Some("config_missing"));
    }
}
