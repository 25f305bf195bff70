//! The commands through Tauri's IPC with the mock runtime: no window, a real SQLite store in a
//! temporary folder. Arguments go in as the UI sends them (camelCase JSON) and results come back
//! as the UI receives them.

#![allow(clippy::unwrap_used)] // tests fail loudly on purpose

use reachright_app::{build_app, AppState};
use reachright_store::Store;
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody, InvokeResponseBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::WebviewWindowBuilder;

struct App {
    _dir: tempfile::TempDir,
    _app: tauri::App<tauri::test::MockRuntime>,
    webview: tauri::WebviewWindow<tauri::test::MockRuntime>,
}

fn app() -> App {
    app_with(|_| {})
}

fn app_with(setup: impl FnOnce(&mut AppState)) -> App {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut state = AppState::new(store);
    setup(&mut state);
    let app = build_app(mock_builder())
        .manage(state)
        .build(mock_context(noop_assets()))
        .unwrap();
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    App {
        _dir: dir,
        _app: app,
        webview,
    }
}

impl App {
    fn data_dir(&self) -> std::path::PathBuf {
        self._dir.path().to_path_buf()
    }

    fn call(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        get_ipc_response(
            &self.webview,
            InvokeRequest {
                cmd: cmd.into(),
                callback: CallbackFn(0),
                error: CallbackFn(1),
                url: "tauri://localhost".parse().unwrap(),
                body: InvokeBody::Json(args),
                headers: Default::default(),
                invoke_key: INVOKE_KEY.to_string(),
            },
        )
        .map(|r| r.deserialize::<Value>().unwrap())
    }

    /// A command answering with raw bytes (`tauri::ipc::Response`).
    fn bytes(&self, cmd: &str, args: Value) -> Vec<u8> {
        let r = get_ipc_response(
            &self.webview,
            InvokeRequest {
                cmd: cmd.into(),
                callback: CallbackFn(0),
                error: CallbackFn(1),
                url: "tauri://localhost".parse().unwrap(),
                body: InvokeBody::Json(args),
                headers: Default::default(),
                invoke_key: INVOKE_KEY.to_string(),
            },
        )
        .unwrap_or_else(|e| panic!("{cmd} failed: {e}"));
        match r {
            InvokeResponseBody::Raw(b) => b,
            InvokeResponseBody::Json(j) => panic!("{cmd} answered JSON: {j}"),
        }
    }

    fn ok(&self, cmd: &str, args: Value) -> Value {
        self.call(cmd, args)
            .unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
    }
}

const STORY: &str = "订单号20240520001,今天下午2点半买了100元的游戏点卡,付款成功了但是一直没到账,刷新了也没用,想退款";

#[test]
fn story_to_case_to_contact_recomputes_the_recommendation() {
    let app = app();
    let intake = json!({"story": STORY});
    let reading = app.ok("read_story", json!({"intake": intake}));
    assert_eq!(reading["found"]["order_id"], "20240520001");
    assert_eq!(reading["found"]["amount"], "100");
    assert_eq!(reading["problem_type"]["code"], "delivery_delay");

    let mut filled = reading["found"].clone();
    filled["problem_type"] = json!("delivery_delay");
    let analysis = app.ok("analyse", json!({"intake": filled, "caseId": null}));
    let first = analysis["recommendation"]["primary"]["channel"]["code"].clone();
    assert!(analysis["description_text"]
        .as_str()
        .unwrap()
        .contains("20240520001"));

    let case = app.ok("case_create", json!({"intake": filled}));
    let id = case["summary"]["id"].as_str().unwrap().to_string();
    assert_eq!(case["summary"]["status"]["code"], "open");

    // The first channel did not help: the next one on the ladder is recommended.
    let after = app.ok(
        "contact_log",
        json!({"id": id, "contact": {"channel": first, "outcome": "unresolved", "note": "客服说再等等"}}),
    );
    assert_eq!(after["contacts"].as_array().unwrap().len(), 1);
    assert_ne!(
        after["analysis"]["recommendation"]["primary"]["channel"]["code"],
        first
    );
    let timeline = after["timeline"].as_array().unwrap();
    assert!(timeline.iter().any(|e| e["kind"] == "contact"));

    let list = app.ok("case_list", json!({}));
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["contacts"], 1);
}

/// Self-help through IPC with the argument names the UI sends (`problemType`, `query`, `id`, `intake`).
#[test]
fn selfhelp_finds_shows_and_closes_a_case_without_a_contact() {
    let app = app();
    let found = app.ok("selfhelp_search", json!({"query": "卡密显示已使用"}));
    assert_eq!(
        found["entries"][0]["problem_type"]["code"],
        "card_key_stolen"
    );
    assert_eq!(found["resolved_count"], 0);
    let entry = app.ok("selfhelp_get", json!({"problemType": "recharge_failed"}));
    assert!(entry["rules"][0]["source"].as_str().unwrap().len() > 2);
    let err = app
        .call("selfhelp_get", json!({"problemType": "nope"}))
        .unwrap_err();
    assert_eq!(err["field"], "problem_type");

    let saved = app.ok(
        "case_create",
        json!({"intake": {"story": STORY, "problem_type": "delivery_delay"}}),
    );
    let id = saved["summary"]["id"].as_str().unwrap();
    let done = app.ok("selfhelp_resolve", json!({"id": id}));
    assert_eq!(done["summary"]["status"]["code"], "resolved");
    let fresh = app.ok(
        "selfhelp_resolve_new",
        json!({"intake": {"story": STORY, "problem_type": "delivery_delay"}}),
    );
    assert_eq!(fresh["summary"]["status"]["code"], "resolved");
    assert_eq!(fresh["contacts"].as_array().unwrap().len(), 0);
    let after = app.ok("selfhelp_search", json!({"query": ""}));
    assert_eq!(after["entries"].as_array().unwrap().len(), 13);
    assert_eq!(after["resolved_count"], 2);
}

#[test]
fn errors_cross_ipc_as_code_field_message() {
    let app = app();
    let err = app
        .call(
            "analyse",
            json!({"intake": {"story": "x", "amount": "一百块"}, "caseId": null}),
        )
        .unwrap_err();
    assert_eq!(err["code"], "invalid_field");
    assert_eq!(err["field"], "amount");
    let err = app.call("case_get", json!({"id": "nope"})).unwrap_err();
    assert_eq!(err["code"], "not_found");
    let err = app
        .call("settings_save", json!({"settings": {"lang": "fr"}}))
        .unwrap_err();
    assert_eq!(err["field"], "lang");
}

#[test]
fn language_follows_the_settings() {
    let app = app();
    let zh = app.ok("vocabulary", json!({}));
    assert_eq!(zh["channels"][0]["label"], "在线客服");
    let mut s = app.ok("settings_get", json!({}));
    assert_eq!(s["lang"], "zh-CN");
    s["lang"] = json!("en");
    app.ok("settings_save", json!({"settings": s}));
    let en = app.ok("vocabulary", json!({}));
    assert_eq!(en["channels"][0]["label"], "Online chat");
    s["lang"] = json!("zh-Hant");
    app.ok("settings_save", json!({"settings": s}));
    let hant = app.ok("vocabulary", json!({}));
    assert_eq!(hant["channels"][0]["label"], "線上客服");
}

#[test]
fn drafts_survive_until_the_case_is_saved() {
    let app = app();
    app.ok(
        "draft_save",
        json!({"key": "wizard", "body": "{\"step\":2}"}),
    );
    let d = app.ok("draft_load", json!({"key": "wizard"}));
    assert_eq!(d["body"], "{\"step\":2}");
    app.ok("case_create", json!({"intake": {"story": STORY}}));
    assert_eq!(app.ok("draft_load", json!({"key": "wizard"})), Value::Null);
}

#[test]
fn platform_directory_round_trip_and_vip_standing() {
    let app = app();
    let mut form = app.ok("platform_default", json!({}));
    form["name"] = json!("某卡盟");
    form["phone"]["number"] = json!("400-123-4567");
    form["vip_threshold_cny"] = json!(300);
    let saved = app.ok(
        "platform_save",
        json!({"entry": {"id": null, "profile": form, "vip": true, "verified": true}}),
    );
    let pid = saved["id"].as_str().unwrap().to_string();
    assert_eq!(saved["profile"]["phone"]["number"], "400-123-4567");

    // A bad window is named by its field, as in a TOML file.
    let mut bad = form.clone();
    bad["phone"]["hours"] = json!("18:00-09:00");
    let err = app
        .call(
            "platform_save",
            json!({"entry": {"id": null, "profile": bad, "vip": false, "verified": false}}),
        )
        .unwrap_err();
    assert_eq!(err["field"], "phone.hours", "{err}");

    // A VIP on this platform with a large amount is sent to the exclusive agent.
    let intake = json!({"story": "充值500元没到账", "platform_id": pid, "amount": "600", "problem_type": "delivery_delay"});
    let a = app.ok("analyse", json!({"intake": intake, "caseId": null}));
    assert_eq!(
        a["recommendation"]["primary"]["channel"]["code"],
        "vip_exclusive"
    );

    let toml = app.ok(
        "platform_import",
        json!({"toml": "name = \"导入的平台\"\n[phone]\nnumber = \"95000\"\n"}),
    );
    assert_eq!(toml["profile"]["phone"]["number"], "95000");
    assert_eq!(
        app.ok("platform_list", json!({})).as_array().unwrap().len(),
        2
    );
    app.ok("platform_delete", json!({"id": pid}));
    assert_eq!(
        app.ok("platform_list", json!({})).as_array().unwrap().len(),
        1
    );
}

#[test]
fn export_names_cannot_escape_the_folder() {
    let dir = std::path::Path::new("/tmp/x");
    let p = reachright_app::commands::export_path(dir, "../../etc/passwd");
    assert_eq!(p.parent(), Some(dir));
    let p = reachright_app::commands::export_path(dir, "///");
    assert_eq!(p, dir.join("platform.reachright-profile.toml"));
}

fn png(w: u32, h: u32) -> Vec<u8> {
    // A grey RGB picture, encoded below.
    let mut raw = Vec::new();
    for _ in 0..h {
        raw.push(0u8);
        raw.extend(std::iter::repeat_n(128u8, (w * 3) as usize));
    }
    png_of(w, h, &raw)
}

/// A minimal PNG writer (stored zlib blocks), so the test needs no image crate.
fn png_of(w: u32, h: u32, raw: &[u8]) -> Vec<u8> {
    fn crc(data: &[u8]) -> u32 {
        let mut c = 0xffff_ffffu32;
        for &b in data {
            c ^= u32::from(b);
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    0xedb8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
        }
        !c
    }
    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        out.extend((data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend(data);
        out.extend(&body);
        out.extend(crc(&body).to_be_bytes());
    }
    let mut z = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = raw.chunks(65535).collect();
    for (i, b) in blocks.iter().enumerate() {
        z.push(u8::from(i + 1 == blocks.len()));
        z.extend((b.len() as u16).to_le_bytes());
        z.extend((!(b.len() as u16)).to_le_bytes());
        z.extend(*b);
    }
    let (mut a, mut bsum) = (1u32, 0u32);
    for &x in raw {
        a = (a + u32::from(x)) % 65521;
        bsum = (bsum + a) % 65521;
    }
    z.extend(((bsum << 16) | a).to_be_bytes());
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend(w.to_be_bytes());
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &z);
    chunk(&mut out, b"IEND", &[]);
    out
}

#[test]
fn a_locked_vault_says_why_and_opens_with_a_passphrase() {
    let app = app_with(|s| {
        s.open_vault(reachright_vault::Unlock {
            keychain_error: Some("no session bus".into()),
            ..Default::default()
        });
    });
    let st = app.ok("vault_status", json!({}));
    assert_eq!(st["open"], false);
    assert_eq!(st["error_code"], "keychain_unavailable");
    assert_eq!(st["passphrase_helps"], true);
    let case = app.ok("case_create", json!({"intake": {"story": STORY}}));
    let id = case["summary"]["id"].as_str().unwrap();
    let err = app
        .call("evidence_list", json!({"caseId": id}))
        .unwrap_err();
    assert_eq!(err["code"], "vault_locked");

    let st = app.ok("vault_unlock", json!({"passphrase": "correct horse"}));
    assert_eq!(st["open"], true, "{st}");
    assert_eq!(st["protection"], "passphrase");
    let g = app.ok("evidence_list", json!({"caseId": id}));
    assert_eq!(g["items"], json!([]));
}

#[test]
fn evidence_from_import_to_export_through_ipc() {
    let out = tempfile::tempdir().unwrap();
    let out_path = out.path().to_path_buf();
    let shot = out.path().join("转账截图.png");
    let broken = out.path().join("broken.png");
    let handed_over = [shot.clone(), broken.clone()];
    let app = app_with(move |s| {
        s.export_dir = Some(out_path);
        // As the dialog or a drop on the window would.
        s.grant(handed_over);
        let st = s.open_vault(reachright_vault::Unlock {
            keychain: Some(keyring_core::mock::Store::new().unwrap()),
            ..Default::default()
        });
        assert!(st.open, "{st:?}");
    });
    assert_eq!(app.ok("vault_status", json!({}))["protection"], "keychain");
    let case = app.ok("case_create", json!({"intake": {"story": STORY}}));
    let id = case["summary"]["id"].as_str().unwrap();

    let bytes = png(30, 20);
    std::fs::write(&shot, &bytes).unwrap();
    std::fs::write(&broken, &bytes[..50]).unwrap();
    let outcomes = app.ok(
        "evidence_import_paths",
        json!({"caseId": id, "paths": [shot, broken], "kind": "transfer", "caption": "付款"}),
    );
    assert_eq!(outcomes[0]["item"]["kind"]["label"], "转账记录");
    assert!(outcomes[0]["item"]["thumbnail"]
        .as_str()
        .unwrap()
        .starts_with("data:image/jpeg;base64,"));
    assert_eq!(outcomes[1]["error_code"], "bad_image");

    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD.encode(png(8, 8));
    let pasted = app.ok(
        "evidence_import_bytes",
        json!({"caseId": id, "name": "粘贴的截图.png", "base64": b64, "kind": "error", "caption": ""}),
    );
    let pasted_id = pasted["item"]["id"].as_str().unwrap().to_string();
    assert_eq!(pasted["item"]["taken_source"]["code"], "pasted");

    let g = app.ok("evidence_list", json!({"caseId": id}));
    assert_eq!(g["items"].as_array().unwrap().len(), 2);
    assert_eq!(g["checklist"]["channel"]["code"], "online_chat");
    let first = g["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["original_name"] == "转账截图.png")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();

    // Full size as raw bytes, not JSON.
    assert!(app.bytes("evidence_image", json!({"id": first})) == bytes);

    let edited = app.ok(
        "evidence_update",
        json!({"id": pasted_id, "kind": "chat", "caption": "客服回复"}),
    );
    assert_eq!(edited["kind"]["label"], "聊天截图");
    app.ok("evidence_remove", json!({"id": pasted_id}));

    let report = app.ok("evidence_verify", json!({"caseId": id}));
    assert_eq!(report["checked"], 1);
    assert_eq!(report["damaged"], json!([]));

    let exported = app.ok(
        "evidence_export",
        json!({"caseId": id, "keepLocation": false}),
    );
    assert_eq!(exported["files"], 1);
    // A PNG without location data: processed, nothing to remove, nothing left unprocessed.
    assert_eq!(exported["location_stripped"], true);
    assert_eq!(exported["location_removed"], json!([]));
    assert_eq!(exported["location_unprocessed"], json!([]));
    // The mock runtime has no file manager to show it in: said so, not claimed.
    assert_eq!(exported["revealed"], false);
    let zip = std::path::PathBuf::from(exported["path"].as_str().unwrap());
    assert!(zip.is_file() && zip.starts_with(out.path()));

    let kept = app.ok(
        "evidence_export",
        json!({"caseId": id, "keepLocation": true}),
    );
    assert_eq!(kept["location_stripped"], false);
    assert_eq!(kept["location_unprocessed"], json!([]));
}

/// A page cannot make the app read a file: paths it was not handed (dialog, drop) are refused
/// whole, and the picture command serves pictures only, not a stored text file.
#[test]
fn only_handed_over_files_are_imported_and_only_pictures_served() {
    let dir = tempfile::tempdir().unwrap();
    let picked = dir.path().join("picked.png");
    let secret = dir.path().join("id_rsa");
    std::fs::write(&picked, png(8, 8)).unwrap();
    std::fs::write(&secret, "-----BEGIN KEY-----").unwrap();
    let notes = dir.path().join("客服说明.txt");
    std::fs::write(&notes, "客服说明天处理").unwrap();
    let granted = [picked.clone(), notes.clone()];
    let app = app_with(move |s| {
        s.grant(granted);
        let st = s.open_vault(reachright_vault::Unlock {
            keychain: Some(keyring_core::mock::Store::new().unwrap()),
            ..Default::default()
        });
        assert!(st.open, "{st:?}");
    });
    let case = app.ok("case_create", json!({"intake": {"story": STORY}}));
    let id = case["summary"]["id"].as_str().unwrap();

    let e = app
        .call(
            "evidence_import_paths",
            json!({"caseId": id, "paths": [picked, secret], "kind": "other", "caption": ""}),
        )
        .unwrap_err();
    assert_eq!(e["code"], "path_not_granted");
    assert_eq!(e["field"], "paths");
    assert!(e["message"].as_str().unwrap().contains("id_rsa"), "{e}");
    let g = app.ok("evidence_list", json!({"caseId": id}));
    assert_eq!(
        g["items"],
        json!([]),
        "nothing imported from a refused call"
    );

    let ok = app.ok(
        "evidence_import_paths",
        json!({"caseId": id, "paths": [picked], "kind": "other", "caption": ""}),
    );
    assert!(ok[0]["item"]["viewable"].as_bool().unwrap());

    assert_eq!(
        app.bytes("evidence_image", json!({"id": ok[0]["item"]["id"]})),
        png(8, 8),
        "a picture is served"
    );
    let notes = app.ok(
        "evidence_import_paths",
        json!({"caseId": id, "paths": [notes], "kind": "chat", "caption": ""}),
    );
    let item = &notes[0]["item"];
    assert_eq!(item["viewable"], false);
    let e = app
        .call("evidence_image", json!({"id": item["id"]}))
        .unwrap_err();
    assert_eq!(e["code"], "invalid_field", "{e}");
    assert!(e["message"].as_str().unwrap().contains("text/plain"), "{e}");
}

/// Every file of the vault's blob store (the encrypted originals), however it is laid out.
fn stored_files(dir: &std::path::Path) -> usize {
    fn walk(p: &std::path::Path) -> usize {
        std::fs::read_dir(p)
            .map(|rd| {
                rd.flatten()
                    .map(|e| {
                        let p = e.path();
                        if p.is_dir() {
                            walk(&p)
                        } else {
                            1
                        }
                    })
                    .sum()
            })
            .unwrap_or(0)
    }
    walk(&dir.join(reachright_vault::VAULT_DIR).join("blobs"))
}

/// Deleting a case removes its encrypted files at once (not at the next start), and only its own.
#[test]
fn deleting_a_case_removes_its_evidence_files() {
    let app = app_with(|s| {
        let st = s.open_vault(reachright_vault::Unlock {
            keychain: Some(keyring_core::mock::Store::new().unwrap()),
            ..Default::default()
        });
        assert!(st.open, "{st:?}");
    });
    let vault_dir = app.data_dir();
    use base64::Engine;
    let mut ids = Vec::new();
    for (n, size) in [(1, 8), (2, 9)] {
        let case = app.ok("case_create", json!({"intake": {"story": STORY}}));
        let id = case["summary"]["id"].as_str().unwrap().to_string();
        let b64 = base64::engine::general_purpose::STANDARD.encode(png(size, size));
        app.ok(
            "evidence_import_bytes",
            json!({"caseId": id, "name": format!("shot{n}.png"), "base64": b64, "kind": "chat", "caption": ""}),
        );
        ids.push(id);
    }
    assert_eq!(stored_files(&vault_dir), 2);
    app.ok("case_delete", json!({"id": ids[0]}));
    assert_eq!(
        stored_files(&vault_dir),
        1,
        "the deleted case's file is gone"
    );
    assert_eq!(
        app.ok("evidence_list", json!({"caseId": ids[1]}))["items"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        app.ok("evidence_verify", json!({"caseId": ids[1]}))["damaged"],
        json!([])
    );
}

/// Tracking through IPC: helpdesks (the token only in the keychain), a manual ticket, a
/// callback, an order watch, the notification list and prefs, and errors as `{code, field}`.
#[test]
fn tracking_through_ipc() {
    reachright_engine::secrets::use_mock_keychain().unwrap();
    let app = app();
    let added = app.ok(
        "helpdesk_add",
        json!({"input": {"name": "ipc-rt", "kind": "rt", "url": "http://127.0.0.1:9", "queue": "General", "email": null, "token": "ipc-s3cret"}}),
    );
    assert_eq!(added["token_saved"], true);
    let list = app.ok("helpdesk_list", json!({}));
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert!(!list.to_string().contains("ipc-s3cret"));
    let e = app
        .call(
            "helpdesk_add",
            json!({"input": {"name": "ipc-zd", "kind": "zendesk", "url": "https://x.zendesk.com"}}),
        )
        .unwrap_err();
    assert_eq!(
        (e["code"].as_str(), e["field"].as_str()),
        (Some("invalid_field"), Some("token"))
    );

    let case = app.ok("case_create", json!({"intake": {"story": STORY}}));
    let id = case["summary"]["id"].as_str().unwrap().to_string();
    // The helpdesk does not answer: a plain `helpdesk` error, nothing tracked.
    let e = app
        .call("ticket_create", json!({"caseId": id, "helpdesk": "ipc-rt"}))
        .unwrap_err();
    assert_eq!(e["code"], "helpdesk");
    let t = app.ok(
        "ticket_record",
        json!({"caseId": id, "input": {"helpdesk": null, "remote_id": "KF-1", "status": "open", "url": ""}}),
    );
    assert_eq!(
        (t["manual"].as_bool(), t["status"]["code"].as_str()),
        (Some(true), Some("open"))
    );
    let t = app.ok(
        "ticket_set_status",
        json!({"ticketId": t["id"], "status": "resolved"}),
    );
    assert_eq!(t["status"]["code"], "resolved");
    // "重新检查" is for synced tickets: a manual one has no helpdesk to ask.
    let e = app
        .call("ticket_resume", json!({"ticketId": t["id"]}))
        .unwrap_err();
    assert_eq!(
        (e["code"].as_str(), e["field"].as_str()),
        (Some("invalid_field"), Some("ticket"))
    );
    assert_eq!(
        app.call("ticket_resume", json!({"ticketId": 99999}))
            .unwrap_err()["code"],
        "not_found"
    );

    let cb = app.ok(
        "callback_request",
        json!({"caseId": id, "input": {"channel": "vip_exclusive", "promise_minutes": 10, "requested_at": "", "note": ""}}),
    );
    assert_eq!(cb["state"]["code"], "waiting");
    let panel = app.ok("tracking_panel", json!({"caseId": id}));
    assert_eq!(panel["tickets"].as_array().unwrap().len(), 1);
    assert_eq!(panel["callbacks"].as_array().unwrap().len(), 1);
    let cb = app.ok(
        "callback_outcome",
        json!({"callbackId": cb["id"], "outcome": "called", "note": "已补发"}),
    );
    assert_eq!(cb["state"]["code"], "done");

    let w = app.ok(
        "order_watch_add",
        json!({"input": {"order_id": "DD-1", "product": "月卡", "amount": "30", "platform_id": null, "paid_at": "", "within_minutes": 15}}),
    );
    assert_eq!(
        app.ok("order_watch_list", json!({}))
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        app.ok("order_watch_dismiss", json!({"id": w["id"]}))["state"]["code"],
        "dismissed"
    );
    let w2 = app.ok(
        "order_watch_add",
        json!({"input": {"order_id": "DD-2", "product": "月卡", "amount": "30", "paid_at": "", "within_minutes": 15}}),
    );
    assert_eq!(
        app.ok("order_watch_confirm", json!({"id": w2["id"]}))["state"]["code"],
        "delivered"
    );
    let w3 = app.ok(
        "order_watch_add",
        json!({"input": {"order_id": "DD-3", "product": "月卡", "amount": "30", "paid_at": "", "within_minutes": 15}}),
    );
    let opened = app.ok("order_watch_open_case", json!({"id": w3["id"]}));
    assert_eq!(opened["summary"]["status"]["code"], "open");

    let n = app.ok("notification_list", json!({}));
    assert_eq!(n["unread"], 0);
    assert_eq!(app.ok("notification_unread", json!({})), 0);
    assert_eq!(app.ok("notification_read_all", json!({})), 0);
    assert_eq!(
        app.call("notification_read", json!({"id": 999}))
            .unwrap_err()["code"],
        "not_found"
    );
    let p = app.ok(
        "notify_prefs_save",
        json!({"kinds": ["staff_reply", "callback_due"]}),
    );
    let on = |p: &Value| {
        p["kinds"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|k| k["enabled"] == true)
            .count()
    };
    assert_eq!(on(&p), 2);
    assert_eq!(on(&app.ok("notify_prefs_get", json!({}))), 2);
    app.ok("helpdesk_remove", json!({"name": "ipc-rt"}));
    assert!(reachright_engine::secrets::token("ipc-rt")
        .unwrap()
        .is_none());
}
