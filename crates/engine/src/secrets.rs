//! Helpdesk tokens in the OS keychain, and nowhere else: not in SQLite, not in files, not in
//! logs or error messages. Service `cn.reachright.desktop`, user `helpdesk:NAME`.
//!
//! Each token is bound to the origin (scheme, host, port) of the address it was given for: the
//! keychain entry holds `{"origin": …, "token": …}`. A helpdesk whose address moved to another
//! origin gets no token ([`Error::TokenOrigin`]) until the user enters one for the new address,
//! so editing a URL can never send a saved token to a server the user did not give it to.
//! Entries saved before this (the bare token) are bound to the address on record the first time
//! they are read.
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
    let store = dbus_secret_service_keyring_store::Store::new().map_err(|e| {
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

/// What one keychain entry holds.
#[derive(serde::Serialize, serde::Deserialize)]
struct Bound {
    origin: String,
    token: String,
}

/// The origin a token for `url` is bound to (`https://rt.example.com`, `http://127.0.0.1:8080`).
pub fn origin(url: &str) -> Result<String> {
    reachright_connectors::origin_of(url).map_err(|e| match e {
        reachright_connectors::Error::Invalid { reason, .. } => Error::invalid("url", reason),
        other => Error::invalid("url", other.to_string()),
    })
}

/// Store (or replace) the helpdesk's token, bound to the origin of `url`.
pub fn save_token(helpdesk: &str, url: &str, token: &str) -> Result<()> {
    let token = token.trim();
    if token.is_empty() {
        return Err(Error::invalid("token", "must not be empty"));
    }
    write(helpdesk, &origin(url)?, token)
}

fn write(helpdesk: &str, origin: &str, token: &str) -> Result<()> {
    let value = serde_json::to_string(&Bound {
        origin: origin.to_string(),
        token: token.to_string(),
    })
    .map_err(|_| Error::Keychain("the token could not be encoded".into()))?;
    entry(helpdesk)?
        .set_password(&value)
        .map_err(|e| keychain(&e))
}

/// The entry as stored: the origin (`None` for an entry saved before tokens were bound) and
/// the token.
fn read(helpdesk: &str) -> Result<Option<(Option<String>, String)>> {
    let raw = match entry(helpdesk)?.get_password() {
        Ok(t) => t,
        Err(KeyringError::NoEntry) => return Ok(None),
        Err(e) => return Err(keychain(&e)),
    };
    Ok(Some(match serde_json::from_str::<Bound>(&raw) {
        Ok(b) => (Some(b.origin), b.token),
        Err(_) => (None, raw),
    }))
}

/// The helpdesk's token, whatever address it was given for; `None` when none was saved. Only
/// for "is there a token": a token to *send* comes from [`token_for`].
pub fn token(helpdesk: &str) -> Result<Option<String>> {
    Ok(read(helpdesk)?.map(|(_, t)| t))
}

/// The token to send to `url`: `None` when none was saved, [`Error::TokenOrigin`] when it was
/// saved for another origin. An unbound (older) entry is bound to `url`'s origin now.
pub fn token_for(helpdesk: &str, url: &str) -> Result<Option<String>> {
    let wanted = origin(url)?;
    match read(helpdesk)? {
        None => Ok(None),
        Some((Some(saved), token)) if saved == wanted => Ok(Some(token)),
        Some((Some(saved), _)) => Err(Error::TokenOrigin {
            saved_for: saved,
            asked_for: wanted,
        }),
        Some((None, token)) => {
            write(helpdesk, &wanted, &token)?;
            Ok(Some(token))
        }
    }
}

/// Binds an older, unbound entry to the origin of `url` (the address on record before an
/// edit), so the edit's check compares against where the token was really given.
pub fn bind_unbound(helpdesk: &str, url: &str) -> Result<()> {
    if let Some((None, token)) = read(helpdesk)? {
        write(helpdesk, &origin(url)?, &token)?;
    }
    Ok(())
}

/// Forget the token; forgetting one that is not there is fine.
pub fn delete_token(helpdesk: &str) -> Result<()> {
    match entry(helpdesk)?.delete_credential() {
        Ok(()) | Err(KeyringError::NoEntry) => Ok(()),
        Err(e) => Err(keychain(&e)),
    }
}

/// The keychain user name for a mailbox's password (授权码 / app password).
pub fn mail_user_for(account: &str) -> String {
    format!("mail:{account}")
}

/// A mailbox's password is bound to its address and IMAP server, like a token to its origin:
/// editing the servers of an account never sends the saved password somewhere new.
fn mail_binding(email: &str, imap_host: &str) -> String {
    format!(
        "imap://{}@{}",
        email.trim().to_lowercase(),
        imap_host.trim().to_lowercase()
    )
}

fn mail_entry(account: &str) -> Result<Entry> {
    if account.trim().is_empty() {
        return Err(Error::invalid("name", "must not be empty"));
    }
    Entry::new(SERVICE, &mail_user_for(account)).map_err(|e| keychain(&e))
}

/// Store (or replace) a mailbox's password, bound to its address and IMAP host.
pub fn save_mail_password(
    account: &str,
    email: &str,
    imap_host: &str,
    password: &str,
) -> Result<()> {
    // Only line ends are trimmed: a 授权码 has no spaces, but a password may start with one.
    let password = password.trim_end_matches(['\r', '\n']);
    if password.is_empty() {
        return Err(Error::invalid("password", "must not be empty"));
    }
    let value = serde_json::to_string(&Bound {
        origin: mail_binding(email, imap_host),
        token: password.to_string(),
    })
    .map_err(|_| Error::Keychain("the password could not be encoded".into()))?;
    mail_entry(account)?
        .set_password(&value)
        .map_err(|e| keychain(&e))
}

/// The mailbox's password for this address and IMAP host; `None` when none was saved or it
/// was saved for another address or server (the user enters it again).
pub fn mail_password(account: &str, email: &str, imap_host: &str) -> Result<Option<String>> {
    let raw = match mail_entry(account)?.get_password() {
        Ok(t) => t,
        Err(KeyringError::NoEntry) => return Ok(None),
        Err(e) => return Err(keychain(&e)),
    };
    Ok(serde_json::from_str::<Bound>(&raw)
        .ok()
        .filter(|b| b.origin == mail_binding(email, imap_host))
        .map(|b| b.token))
}

/// Forget a mailbox's password; forgetting one that is not there is fine.
pub fn delete_mail_password(account: &str) -> Result<()> {
    match mail_entry(account)?.delete_credential() {
        Ok(()) | Err(KeyringError::NoEntry) => Ok(()),
        Err(e) => Err(keychain(&e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One mock store for the whole test binary: choosing a new one while another test holds
    /// entries would lose them.
    fn mock() {
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| use_mock_keychain().expect("mock"));
    }

    #[test]
    fn mail_passwords_are_bound_to_their_mailbox() {
        mock();
        save_mail_password("qq-test", "Me@qq.com", "imap.qq.com", "abcdabcdabcdabcd\n")
            .expect("save");
        assert_eq!(
            mail_password("qq-test", "me@qq.com", "IMAP.qq.com")
                .expect("read")
                .as_deref(),
            Some("abcdabcdabcdabcd")
        );
        // Another server or address: no password is handed out.
        assert_eq!(
            mail_password("qq-test", "me@qq.com", "evil.example").expect("read"),
            None
        );
        assert_eq!(
            mail_password("qq-test", "you@qq.com", "imap.qq.com").expect("read"),
            None
        );
        assert!(save_mail_password("qq-test", "me@qq.com", "imap.qq.com", "\n").is_err());
        delete_mail_password("qq-test").expect("delete");
        assert_eq!(
            mail_password("qq-test", "me@qq.com", "imap.qq.com").expect("read"),
            None
        );
        assert_eq!(mail_user_for("qq"), "mail:qq");
    }

    #[test]
    fn tokens_round_trip_through_the_mock_keychain() {
        mock();
        assert_eq!(user_for("rt"), "helpdesk:rt");
        assert_eq!(SERVICE, "cn.reachright.desktop");
        let url = "http://127.0.0.1:8080";
        save_token("rt-secret-test", url, "  s3cr3t\n").expect("save");
        assert_eq!(
            token("rt-secret-test").expect("read").as_deref(),
            Some("s3cr3t")
        );
        save_token("rt-secret-test", url, "newer").expect("replace");
        assert_eq!(
            token("rt-secret-test").expect("read").as_deref(),
            Some("newer")
        );
        assert_eq!(token("never-saved").expect("read"), None);
        delete_token("rt-secret-test").expect("delete");
        assert_eq!(token("rt-secret-test").expect("read"), None);
        delete_token("rt-secret-test").expect("delete twice");
        assert!(matches!(
            save_token("rt", url, " "),
            Err(Error::Invalid { field: "token", .. })
        ));
        assert!(matches!(
            save_token(" ", url, "x"),
            Err(Error::Invalid {
                field: "helpdesk",
                ..
            })
        ));
    }

    #[test]
    fn a_token_is_sent_only_to_the_origin_it_was_saved_for() {
        mock();
        save_token("bound", "https://rt.example.com/rt", "tok").expect("save");
        // Same origin, another path (and the default port spelled out): the token.
        for same in [
            "https://rt.example.com",
            "https://rt.example.com:443/other/",
        ] {
            assert_eq!(
                token_for("bound", same).expect(same).as_deref(),
                Some("tok")
            );
        }
        // Another host, port or scheme: refused, naming both origins.
        for other in [
            "https://evil.example.com",
            "https://rt.example.com:8443",
            "http://127.0.0.1:8080",
        ] {
            match token_for("bound", other) {
                Err(e @ Error::TokenOrigin { .. }) => {
                    let msg = e.to_string();
                    assert!(msg.contains("https://rt.example.com;"), "{msg}");
                    assert!(!msg.contains("tok\""), "{msg}");
                    assert_eq!(e.code(), "token_origin");
                }
                got => panic!("{other}: expected token_origin, got {got:?}"),
            }
        }
        // Entering the token again for the new address moves the binding.
        save_token("bound", "https://rt.example.com:8443", "tok2").expect("resave");
        assert_eq!(
            token_for("bound", "https://rt.example.com:8443")
                .expect("read")
                .as_deref(),
            Some("tok2")
        );
        assert!(token_for("bound", "https://rt.example.com").is_err());
    }

    #[test]
    fn an_older_unbound_entry_is_bound_on_first_use() {
        mock();
        entry("legacy")
            .expect("entry")
            .set_password("bare-token")
            .expect("set");
        assert_eq!(
            token("legacy").expect("read").as_deref(),
            Some("bare-token")
        );
        bind_unbound("legacy", "https://old.example.com").expect("bind");
        assert!(matches!(
            token_for("legacy", "https://new.example.com"),
            Err(Error::TokenOrigin { .. })
        ));
        entry("legacy2")
            .expect("entry")
            .set_password("bare")
            .expect("set");
        assert_eq!(
            token_for("legacy2", "https://a.example.com")
                .expect("read")
                .as_deref(),
            Some("bare")
        );
        assert!(token_for("legacy2", "https://b.example.com").is_err());
    }
}
