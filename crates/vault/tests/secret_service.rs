//! The vault against a real Secret Service (gnome-keyring in a private D-Bus session, started by
//! tests/keyring/run.sh, which sets REACHRIGHT_TEST_SECRET_SERVICE=1 and runs it with --ignored).
//! Without that variable it fails instead of touching a developer machine's own keyring.

mod common;

use common::*;
use reachright_vault::{keys, ImportOptions, Source, Unlock, Vault};

#[test]
#[ignore = "needs a Secret Service: tests/keyring/run.sh starts one and runs this"]
fn vault_key_lives_in_the_real_secret_service() {
    // Run with --ignored but without the harness: fail loudly rather than pass having done nothing.
    assert!(
        std::env::var_os("REACHRIGHT_TEST_SECRET_SERVICE").is_some(),
        "run tests/keyring/run.sh: it starts gnome-keyring in a private session and sets REACHRIGHT_TEST_SECRET_SERVICE"
    );
    let tmp = tempfile::tempdir().expect("tmp");
    let files = tempfile::tempdir().expect("files");
    let unlock = Unlock::system();
    assert!(
        unlock.keychain.is_some(),
        "Secret Service not reachable: {:?}",
        unlock.keychain_error
    );
    let (v, _) = Vault::open(store(tmp.path()), &unlock).expect("open with the keychain");
    assert_eq!(v.protection(), "keychain");
    let c = case(v.store(), "钥匙串");
    let png = write_png(files.path(), "截图.png", 9);
    let opts = ImportOptions {
        kind: "chat".into(),
        caption: String::new(),
        thumbnails: true,
    };
    let item = v
        .import(&c, Source::File(&png), &opts, now())
        .expect("import")
        .item;
    drop(v);

    // A second process would open it again from the keychain alone.
    let (v, _) = Vault::open(store(tmp.path()), &Unlock::system()).expect("reopen");
    assert_eq!(
        v.read(&item.id).expect("read").1,
        std::fs::read(&png).expect("png")
    );
    drop(v);

    // The key is in the keychain under the app's name, and in no file of the data folder.
    let config: serde_json::Value =
        serde_json::from_slice(&std::fs::read(tmp.path().join("vault/vault.json")).expect("cfg"))
            .expect("json");
    let user = format!("vault-key:{}", config["key_id"].as_str().expect("key_id"));
    let keychain = keys::system_keychain().expect("keychain");
    let entry =
        keyring_core::Entry::new_in_store(&keychain, keys::KEYCHAIN_SERVICE, &user).expect("entry");
    let key = entry.get_secret().expect("secret");
    assert_eq!(key.len(), 32);
    for f in all_files(tmp.path()) {
        let bytes = std::fs::read(&f).expect("read");
        assert!(
            !bytes.windows(32).any(|w| w == key.as_slice()),
            "key in {}",
            f.display()
        );
    }

    // Removed from the keychain, the vault cannot be opened: nothing falls back to a file.
    entry.delete_credential().expect("delete");
    assert_eq!(
        Vault::open(store(tmp.path()), &Unlock::system())
            .unwrap_err()
            .code(),
        "key_missing"
    );
}
