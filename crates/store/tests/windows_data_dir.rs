//! Windows: the data folder is the user's roaming application data (%APPDATA%), under the app's
//! bundle identifier, the folder Tauri gives the app there, so the CLI and the app share it. The
//! database opens there with a Chinese case title and a Chinese Windows user name in the path.
#![cfg(windows)]

use std::path::PathBuf;

use reachright_store::{default_data_dir, NewCase, Store, APP_IDENTIFIER};

#[test]
fn data_folder_is_under_appdata() {
    let appdata = PathBuf::from(std::env::var_os("APPDATA").expect("APPDATA is set on Windows"));
    let dir = default_data_dir().expect("a data folder");
    assert_eq!(dir, appdata.join(APP_IDENTIFIER));
    // A Windows path (a drive, backslashes), never a Unix-style one.
    let shown = dir.display().to_string();
    assert!(
        shown.as_bytes().get(1) == Some(&b':') && shown.contains('\\'),
        "{shown}"
    );
}

#[test]
fn store_opens_in_a_folder_with_a_chinese_user_name() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("用户").join("张三").join(APP_IDENTIFIER);
    let store = Store::open(&dir).expect("open");
    let id = store
        .create_case(&NewCase {
            at: "2026-11-25T03:00:00Z".into(),
            title: "点卡未到账".into(),
            platform_id: None,
            intake_json: "{}".into(),
        })
        .expect("case")
        .id;
    drop(store);
    let store = Store::open(&dir).expect("reopen");
    assert_eq!(store.get_case(&id).expect("case").title, "点卡未到账");
}
