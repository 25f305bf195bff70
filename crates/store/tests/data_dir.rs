//! `resolve_data_dir` reads a process-wide environment variable, so every case lives in this one
//! test function (its own test binary, so no other test races on the variable).

use std::path::PathBuf;

use reachright_store::{default_data_dir, resolve_data_dir, APP_IDENTIFIER, DATA_DIR_ENV};

#[test]
fn env_wins_then_default_then_error() {
    let default = PathBuf::from("/os/data/reachright");

    std::env::set_var(DATA_DIR_ENV, "/portable/data");
    assert_eq!(
        resolve_data_dir(Some(default.clone())).expect("env"),
        PathBuf::from("/portable/data")
    );
    assert_eq!(
        resolve_data_dir(None).expect("env without default"),
        PathBuf::from("/portable/data")
    );

    std::env::set_var(DATA_DIR_ENV, "");
    assert_eq!(
        resolve_data_dir(Some(default.clone())).expect("empty env ignored"),
        default
    );

    std::env::remove_var(DATA_DIR_ENV);
    assert_eq!(
        resolve_data_dir(Some(default.clone())).expect("default"),
        default
    );
    let err = resolve_data_dir(None).expect_err("nothing to go on");
    assert_eq!(err.code(), "invalid");
    assert!(err.to_string().contains(DATA_DIR_ENV), "{err}");

    if let Some(d) = default_data_dir() {
        assert!(d.ends_with(APP_IDENTIFIER), "{}", d.display());
    }
}
