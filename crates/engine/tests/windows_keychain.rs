//! Windows: helpdesk tokens go to the Credential Manager, the OS keychain the app and the CLI
//! choose with `use_os_keychain` (before, the engine refused on every OS but Linux, so the CLI could
//! not save a token on Windows). Its own test binary: the chosen store is process-wide. The
//! credential is deleted at the end, so nothing stays in a developer's Credential Manager.
#![cfg(windows)]

use reachright_engine::secrets::{
    delete_token, save_token, token, token_for, use_os_keychain, user_for, SERVICE,
};

const DESK_URL: &str = "https://rt.example.com/rt";

#[test]
fn tokens_round_trip_through_the_credential_manager() {
    use_os_keychain().expect("the Credential Manager");
    let desk = "windows-keychain-test";
    save_token(desk, DESK_URL, "  s3cr3t-令牌\n").expect("save");
    assert_eq!(
        token_for(desk, DESK_URL).expect("read").as_deref(),
        Some("s3cr3t-令牌")
    );

    // Stored where Windows keeps it: a generic credential a second process (the CLI beside the
    // app) reads through its own store.
    let store: std::sync::Arc<keyring_core::CredentialStore> =
        windows_native_keyring_store::Store::new().expect("store");
    let entry = keyring_core::Entry::new_in_store(&store, SERVICE, &user_for(desk)).expect("entry");
    // The entry holds the token with the origin it was entered for (JSON), nothing else.
    let raw: serde_json::Value =
        serde_json::from_str(&entry.get_password().expect("from the store")).expect("json");
    assert_eq!(raw["token"], "s3cr3t-令牌");
    assert_eq!(raw["origin"], "https://rt.example.com");

    save_token(desk, DESK_URL, "newer").expect("replace");
    assert_eq!(token(desk).expect("read").as_deref(), Some("newer"));
    delete_token(desk).expect("delete");
    assert_eq!(token(desk).expect("read"), None);
    assert!(matches!(
        entry.get_password(),
        Err(keyring_core::Error::NoEntry)
    ));
}
