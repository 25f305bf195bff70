//! Helpdesk tokens in the OS keychain, and nowhere else: not in SQLite, not in files, not in
//! logs or error messages. Service `cn.reachright.desktop`, user `helpdesk:NAME`.
//!
//! The process chooses its credential store once at start-up: [`use_os_keychain`] in the app and
//! the CLI (the Secret Service on Linux, the Credential Manager on Windows, the Keychain on macOS), [`use_mock_keychain`] in tests (keyring-core's own
//! in-memory store). When no keychain is reachable (no session bus, locked keyring) the error
//! says so in plain words, and nothing is written anywhere else instead.

use std::sync::Arc;

use keyring_core::{Entry, Error as KeyringError};

use crate::error::{Error, Result};

/// The keychain service name (the app's bundle identifier).
pub const SERVICE: &str = reachright_store::APP_IDENTIFIER;

/// The keychain user name for a helpdesk's token.
pub fn user_for(helpdesk: &str) -> String {
    format!("helpdesk:{helpdesk}")
}

/// Use the OS keychain for this process. Linux: the Secret Service over D-Bus (gnome-keyring,
/// KWallet). Fails with a plain message when there is none to talk to.
#[cfg(target_os = "linux")]
pub fn use_os_keychain() -> Result<()> {
    let store = zbus_secret_service_keyring_store::Store::new().map_err(|e| {
        Error::Keychain(format!(
            "no keychain is reachable (the Secret Service over D-Bus: is gnome-keyring or KWallet running and unlocked?): {e}"
        ))
    })?;
    keyring_core::set_default_store(store);
    Ok(())
}

/// Windows: the Credential Manager (a generic credential per token, readable only by this user),
/// the store the evidence vault keeps its key in too.
#[cfg(target_os = "windows")]
pub fn use_os_keychain() -> Result<()> {
    let store = windows_native_keyring_store::Store::new().map_err(|e| {
        Error::Keychain(format!(
            "the Windows Credential Manager is not reachable: {e}"
        ))
    })?;
    keyring_core::set_default_store(store);
    Ok(())
}

/// macOS: the user's login keychain.
#[cfg(target_os = "macos")]
pub fn use_os_keychain() -> Result<()> {
    let store = apple_native_keyring_store::keychain::Store::new()
        .map_err(|e| Error::Keychain(format!("the macOS Keychain is not reachable: {e}")))?;
    keyring_core::set_default_store(store);
    Ok(())
}

/// Other systems have no keychain wired; the error says so instead of storing the token elsewhere.
#[cfg(not(any(target_os = "linux", target_os = "windows", target_os = "macos")))]
pub fn use_os_keychain() -> Result<()> {
    Err(Error::Keychain(
        "this build has no keychain support for this operating system".into(),
    ))
}

/// keyring-core's in-memory store, for tests: nothing persists beyond the process.
pub fn use_mock_keychain() -> Result<()> {
    let store: Arc<keyring_core::mock::Store> =
        keyring_core::mock::Store::new().map_err(|e| keychain(&e))?;
    keyring_core::set_default_store(store);
    Ok(())
}

fn keychain(e: &KeyringError) -> Error {
    // The variants' texts name the platform's failure; none of them carries the secret, but
    // BadEncoding/BadDataFormat carry the stored bytes, so those are described, not printed.
    let why = match e {
        KeyringError::NoStorageAccess(inner) => {
            format!("the keychain is locked or refused access: {inner}")
        }
        KeyringError::NoDefaultStore => "no keychain was chosen for this process".into(),
        KeyringError::BadEncoding(_) | KeyringError::BadDataFormat(..) => {
            "the stored token is not readable text".into()
        }
        other => other.to_string(),
    };
    Error::Keychain(why)
}

fn entry(helpdesk: &str) -> Result<Entry> {
    if helpdesk.trim().is_empty() {
        return Err(Error::invalid("helpdesk", "must not be empty"));
    }
    Entry::new(SERVICE, &user_for(helpdesk)).map_err(|e| keychain(&e))
}

/// Store (or replace) the helpdesk's token.
pub fn save_token(helpdesk: &str, token: &str) -> Result<()> {
    let token = token.trim();
    if token.is_empty() {
        return Err(Error::invalid("token", "must not be empty"));
    }
    entry(helpdesk)?
        .set_password(token)
        .map_err(|e| keychain(&e))
}

/// The helpdesk's token; `None` when none was saved.
pub fn token(helpdesk: &str) -> Result<Option<String>> {
    match entry(helpdesk)?.get_password() {
        Ok(t) => Ok(Some(t)),
        Err(KeyringError::NoEntry) => Ok(None),
        Err(e) => Err(keychain(&e)),
    }
}

/// Forget the token; forgetting one that is not there is fine.
pub fn delete_token(helpdesk: &str) -> Result<()> {
    match entry(helpdesk)?.delete_credential() {
        Ok(()) | Err(KeyringError::NoEntry) => Ok(()),
        Err(e) => Err(keychain(&e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip_through_the_mock_keychain() {
        use_mock_keychain().expect("mock");
        assert_eq!(user_for("rt"), "helpdesk:rt");
        assert_eq!(SERVICE, "cn.reachright.desktop");
        save_token("rt-secret-test", "  s3cr3t\n").expect("save");
        assert_eq!(
            token("rt-secret-test").expect("read").as_deref(),
            Some("s3cr3t")
        );
        save_token("rt-secret-test", "newer").expect("replace");
        assert_eq!(
            token("rt-secret-test").expect("read").as_deref(),
            Some("newer")
        );
        assert_eq!(token("never-saved").expect("read"), None);
        delete_token("rt-secret-test").expect("delete");
        assert_eq!(token("rt-secret-test").expect("read"), None);
        delete_token("rt-secret-test").expect("delete twice");
        assert!(matches!(
            save_token("rt", " "),
            Err(Error::Invalid { field: "token", .. })
        ));
        assert!(matches!(
            save_token(" ", "x"),
            Err(Error::Invalid {
                field: "helpdesk",
                ..
            })
        ));
    }
}
