//! Windows: helpdesk tokens go to the Credential Manager, the OS keychain the app and the CLI
//! choose with `use_os_keychain` (before, the engine refused on every OS but Linux, so the CLI could
//! not save a token on Windows). Its own test binary: the chosen store is process-wide. The
//! credential is deleted at the end, so nothing stays in a developer's Credential Manager.
#![cfg(windows)]

use reachright_engine::secrets::{
    delete_token, save_token, token, use_os_keychain, user_for, SERVICE,
};

#[test]
fn tokens_round_trip_through_the_credential_manager() {
    use_os_keychain().expect("the Credential Manager");
    let desk = "windows-keychain-test";
    save_token(desk, "  s3cr3t-令牌\n").expect("save");
    assert_eq!(token(desk).expect("read").as_deref(), Some("s3cr3t-令牌"));

    // Stored where Windows keeps it: a generic credential a second process (the CLI beside the
    // app) reads through its own store.
    let store: std::sync::Arc<keyring_core::CredentialStore> =
        windows_native_keyring_store::Store::new().expect("store");
    let entry = keyring_core::Entry::new_in_store(&store, SERVICE, &user_for(desk)).expect("entry");
    assert_eq!(entry.get_password().expect("from the store"), "s3cr3t-令牌");

    save_token(desk, "newer").expect("replace");
    assert_eq!(token(desk).expect("read").as_deref(), Some("newer"));
    delete_token(desk).expect("delete");
    assert_eq!(token(desk).expect("read"), None);
    assert!(matches!(
        entry.get_password(),
        Err(keyring_core::Error::NoEntry)
    ));
}
