//! The security settings are data, so they are checked like data: the capability grants exactly the
//! commands the shell registers (no more), links reach the desktop only through the app's own
//! checked command, and the CSP allows no inline or evaluated script.

#![allow(clippy::unwrap_used)] // tests fail loudly on purpose

use serde_json::Value;

fn read(path: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

/// `module::name` entries of `generate_handler!` in lib.rs (`commands::`, `tracking::`).
fn registered() -> Vec<String> {
    let lib = read("src/lib.rs");
    let start = lib.find("generate_handler![").unwrap();
    let end = start + lib[start..].find(']').unwrap();
    let mut v: Vec<String> = lib[start..end]
        .split("::")
        .skip(1)
        .map(|s| {
            s.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    v.sort();
    v
}

#[test]
fn the_manifest_and_the_capability_list_exactly_the_registered_commands() {
    let build = read("build.rs");
    let mut manifest: Vec<String> = build
        .lines()
        .filter_map(|l| {
            l.trim()
                .strip_prefix('"')?
                .strip_suffix("\",")
                .map(String::from)
        })
        .collect();
    manifest.sort();
    assert_eq!(
        manifest,
        registered(),
        "build.rs COMMANDS and lib.rs differ"
    );

    let cap: Value = serde_json::from_str(&read("capabilities/default.json")).unwrap();
    let perms = cap["permissions"].as_array().unwrap();
    let mut granted: Vec<String> = perms
        .iter()
        .filter_map(|p| p.as_str()?.strip_prefix("allow-"))
        .map(|s| s.replace('-', "_"))
        .collect();
    granted.sort();
    assert_eq!(
        granted,
        registered(),
        "the capability grants other commands than lib.rs registers"
    );
    // No broad sets and no plugin at all (copying, opening links and the file dialog are the
    // app's own commands): from core only listening to events (the webview's drag-drop event); no
    // file system, no shell.
    for p in perms {
        let id = p.as_str().or(p["identifier"].as_str()).unwrap();
        assert!(
            id.starts_with("allow-")
                || ["core:event:allow-listen", "core:event:allow-unlisten",].contains(&id),
            "unexpected permission {id}"
        );
    }
}

/// Links are opened by `open_link`, which takes only web, mail and phone links (`links.rs`): no
/// plugin's opener, whose permissions could open paths or other programs, is granted.
#[test]
fn links_are_opened_only_through_the_checked_command() {
    let cap = read("capabilities/default.json");
    assert!(cap.contains("\"allow-open-link\""));
    assert!(
        !cap.contains("opener:"),
        "capability grants an opener permission"
    );
}

#[test]
fn the_csp_is_strict() {
    let conf: Value = serde_json::from_str(&read("tauri.conf.json")).unwrap();
    let sec = &conf["app"]["security"];
    assert_eq!(sec["freezePrototype"], true);
    let csp = sec["csp"].as_object().unwrap();
    assert_eq!(csp["default-src"], "'self'");
    assert_eq!(csp["script-src"], "'self'");
    assert_eq!(csp["object-src"], "'none'");
    for (k, v) in csp {
        let v = v.as_str().unwrap();
        assert!(
            !v.contains("unsafe-eval") && !v.contains("unsafe-inline") && !v.contains('*'),
            "{k}: {v}"
        );
    }
}

/// The CLI finds the app's data because both name the folder after this identifier.
#[test]
fn identifier_is_the_store_s() {
    let conf: Value = serde_json::from_str(&read("tauri.conf.json")).unwrap();
    assert_eq!(conf["identifier"], reachright_store::APP_IDENTIFIER);
}

/// The names of the shell's `#[tauri::command]` functions.
fn declared() -> Vec<String> {
    let mut v = Vec::new();
    for module in [
        "src/commands.rs",
        "src/tracking.rs",
        "src/mail.rs",
        "src/ui_events.rs",
    ] {
        let src = read(module);
        let mut lines = src.lines();
        while let Some(line) = lines.next() {
            if !line.starts_with("#[tauri::command") {
                continue; // doc comments may mention the attribute
            }
            let sig = lines.find(|l| l.contains("fn ")).unwrap();
            let after_fn = sig.split_once("fn ").unwrap().1;
            v.push(
                after_fn
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect(),
            );
        }
    }
    v.sort();
    v
}

/// A command written but never registered is dead to the page. With the test above (registered =
/// manifest = granted), every command the code declares is granted one by one.
#[test]
fn every_declared_command_is_registered() {
    let declared = declared();
    assert!(
        declared.len() > 50,
        "found only {} commands",
        declared.len()
    );
    assert_eq!(
        declared,
        registered(),
        "lib.rs registers other commands than the code declares"
    );
    let cap = read("capabilities/default.json");
    // No tray, notification or window-control permission for the page: the shell owns those.
    for broad in [
        "core:tray",
        "core:window",
        "notification:",
        "core:default",
        "single-instance",
    ] {
        assert!(!cap.contains(broad), "capability grants {broad}");
    }
}

/// The tracker logs codes and counts only: no case titles, notification texts, helpdesk
/// addresses or tokens reach the log. Every `tracing` event of the loop (the engine's runner)
/// and of the app's host around it is read.
#[test]
fn the_tracker_loop_logs_no_personal_data() {
    let mut events = 0;
    for file in ["src/background.rs", "../crates/engine/src/runner.rs"] {
        let src = read(file);
        for call in src.split("tracing::").skip(1) {
            if !["warn!(", "info!(", "error!(", "debug!(", "trace!("]
                .iter()
                .any(|m| call.starts_with(m))
            {
                continue;
            }
            events += 1;
            let args = &call[..call.find(");").unwrap_or(call.len())];
            for leak in [
                ".title",
                ".body",
                ".url",
                ".name",
                ".remote_id",
                "token(",
                "%e",
                "?e",
                "{e}",
                "{e:?}",
                "{e:#}",
            ] {
                assert!(
                    !args.contains(leak),
                    "{file}: a log line may carry `{leak}`: {args}"
                );
            }
        }
    }
    assert!(
        events >= 4,
        "the loop's log lines were not found ({events})"
    );
}

/// The UI's typed wrappers (`ui/src/ipc/commands.ts`) name exactly the registered commands: a
/// command renamed or removed in Rust, or a wrapper calling a command that does not exist, fails
/// here instead of at run time in the user's window.
#[test]
fn the_ui_wrappers_name_exactly_the_registered_commands() {
    let ts = read("../ui/src/ipc/commands.ts");
    let mut called: Vec<String> = ts
        .split("call<")
        .skip(1)
        .chain(ts.split("call(").skip(1))
        .filter_map(|rest| {
            let quote = rest.find('\'')?;
            let name = &rest[quote + 1..];
            let end = name.find('\'')?;
            let name = &name[..end];
            name.chars()
                .all(|c| c.is_ascii_lowercase() || c == '_')
                .then(|| name.to_string())
        })
        .filter(|n| !n.is_empty())
        .collect();
    called.sort();
    called.dedup();
    assert_eq!(called, registered());
}
