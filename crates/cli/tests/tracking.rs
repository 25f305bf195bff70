//! `helpdesk`, `ticket` and `track` through the real binary, with a data folder in a temp dir.
//! Only manual helpdesks here (no keychain needed); the keychain path is checked to fail plainly
//! when no Secret Service is reachable. RT itself is covered by the connectors' live test.
#![allow(clippy::unwrap_used)] // a test that cannot set up should fail loudly

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn cli(dir: &Path, args: &[&str], env: &[(&str, &str)], stdin: &str) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_reachright-cli"));
    cmd.args(args)
        .env("REACHRIGHT_DATA_DIR", dir)
        .env_remove("REACHRIGHT_TOKEN")
        // No Secret Service for this process, whatever the machine has.
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/nonexistent/reachright-test-bus",
        )
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("start reachright-cli");
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().expect("wait")
}

fn out(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn err(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn manual_helpdesk_ticket_and_track_once() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let o = cli(d, &["helpdesk", "add", "shop", "--kind", "manual"], &[], "");
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(out(&o).trim(), "shop");
    let o = cli(d, &["helpdesk", "list"], &[], "");
    let line: serde_json::Value = serde_json::from_str(out(&o).trim()).unwrap();
    assert_eq!(line["kind"], "manual");
    assert!(line.get("token").is_none());

    let o = cli(
        d,
        &[
            "--now",
            "2026-11-20T17:00:00+08:00",
            "case",
            "new",
            "--description",
            "订单号20240520001,今天14:30购买100元游戏点卡,支付成功后30分钟未到账",
        ],
        &[],
        "",
    );
    assert!(o.status.success(), "{}", err(&o));
    let case = out(&o).trim().to_string();

    let o = cli(
        d,
        &[
            "--now",
            "2026-11-20T17:00:00+08:00",
            "ticket",
            "create",
            &case,
            "--helpdesk",
            "shop",
        ],
        &[],
        "",
    );
    assert!(!o.status.success());
    assert!(err(&o).contains("--id"), "{}", err(&o));
    let o = cli(
        d,
        &[
            "--now",
            "2026-11-20T17:00:00+08:00",
            "ticket",
            "create",
            &case,
            "--helpdesk",
            "shop",
            "--id",
            "T-9",
        ],
        &[],
        "",
    );
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(out(&o).trim(), "T-9");

    // Manual tickets are never polled: no changes, nothing due yet.
    let o = cli(
        d,
        &["--now", "2026-11-21T10:00:00+08:00", "track", "--once"],
        &[],
        "",
    );
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(out(&o), "");
    // Friday 17:00 + 3 business days = Wednesday 17:00: the SLA has passed, said once.
    let o = cli(
        d,
        &[
            "--now",
            "2026-11-25T17:30:00+08:00",
            "track",
            "--once",
            "--notify",
        ],
        &[],
        "",
    );
    assert!(o.status.success(), "{}", err(&o));
    assert!(err(&o).contains("[deadline_passed]"), "{}", err(&o));
    assert!(err(&o).contains("12315"), "{}", err(&o));
    let o = cli(
        d,
        &[
            "--now",
            "2026-11-25T18:00:00+08:00",
            "track",
            "--once",
            "--notify",
        ],
        &[],
        "",
    );
    assert!(
        !err(&o).contains("deadline_passed"),
        "said once: {}",
        err(&o)
    );
}

/// Linux (and macOS): with no keychain reachable the token is refused. Windows always has its
/// Credential Manager, so there the counterpart below checks where the token goes instead.
#[cfg(not(windows))]
#[test]
fn a_token_without_a_keychain_fails_plainly_and_is_not_stored() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let secret = "tok-7f3a-super-secret";
    let o = cli(
        d,
        &[
            "helpdesk",
            "add",
            "rt",
            "--kind",
            "rt",
            "--url",
            "http://127.0.0.1:9",
            "--queue",
            "General",
        ],
        &[("REACHRIGHT_TOKEN", secret)],
        "",
    );
    assert!(!o.status.success());
    assert!(err(&o).contains("keychain"), "{}", err(&o));
    assert!(!err(&o).contains(secret) && !out(&o).contains(secret));
    let o = cli(d, &["helpdesk", "list"], &[], "");
    assert_eq!(out(&o), "", "nothing stored without the keychain");
    // The token appears nowhere in the data folder.
    for entry in std::fs::read_dir(d).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap_or_default();
        assert!(!bytes.windows(secret.len()).any(|w| w == secret.as_bytes()));
    }
}

/// Windows: `helpdesk add` puts the token in the Credential Manager (before, the CLI refused:
/// "no keychain support for this operating system"), and nowhere in the data folder or the output.
#[cfg(windows)]
#[test]
fn a_token_goes_to_the_credential_manager_and_nowhere_else() {
    use reachright_engine::secrets;
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let desk = "rt-windows-cli-test";
    let secret = "tok-7f3a-super-secret";
    let o = cli(
        d,
        &[
            "helpdesk",
            "add",
            desk,
            "--kind",
            "rt",
            "--url",
            "http://127.0.0.1:9",
            "--queue",
            "General",
        ],
        &[("REACHRIGHT_TOKEN", secret)],
        "",
    );
    assert!(o.status.success(), "{}", err(&o));
    assert!(!err(&o).contains(secret) && !out(&o).contains(secret));
    let o = cli(d, &["helpdesk", "list"], &[], "");
    let line: serde_json::Value = serde_json::from_str(out(&o).trim()).unwrap();
    assert_eq!(line["name"], desk);
    assert!(!out(&o).contains(secret));
    for entry in std::fs::read_dir(d).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap_or_default();
        assert!(!bytes.windows(secret.len()).any(|w| w == secret.as_bytes()));
    }
    // Read back as another process would: from the Credential Manager itself.
    secrets::use_os_keychain().unwrap();
    assert_eq!(secrets::token(desk).unwrap().as_deref(), Some(secret));
    secrets::delete_token(desk).unwrap();
}

#[test]
fn a_token_is_required_and_config_is_checked_first() {
    let tmp = tempfile::tempdir().unwrap();
    let o = cli(
        tmp.path(),
        &[
            "helpdesk",
            "add",
            "rt",
            "--kind",
            "rt",
            "--url",
            "http://127.0.0.1:9",
        ],
        &[],
        "",
    );
    assert!(!o.status.success());
    assert!(err(&o).contains("no token"), "{}", err(&o));
    let o = cli(
        tmp.path(),
        &[
            "helpdesk", "add", "zd", "--kind", "zendesk", "--url", "ftp://x",
        ],
        &[("REACHRIGHT_TOKEN", "t")],
        "",
    );
    assert!(!o.status.success());
    assert!(err(&o).contains("url"), "{}", err(&o));
}
