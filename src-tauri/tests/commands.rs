//! The commands through Tauri's IPC with the mock runtime: no window, a real SQLite store in a
//! temporary folder. Arguments go in as the UI sends them (camelCase JSON) and results come back
//! as the UI receives them.

#![allow(clippy::unwrap_used)] // tests fail loudly on purpose

use reachright_app::{build_app, AppState};
use reachright_store::Store;
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::WebviewWindowBuilder;

struct App {
    _dir: tempfile::TempDir,
    _app: tauri::App<tauri::test::MockRuntime>,
    webview: tauri::WebviewWindow<tauri::test::MockRuntime>,
}

fn app() -> App {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let app = build_app(mock_builder())
        .manage(AppState::new(store))
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
    assert_eq!(reading["intake"]["order_id"], "20240520001");
    assert_eq!(reading["intake"]["amount"], "100");
    assert_eq!(reading["problem_type"]["code"], "delivery_delay");

    let mut filled = reading["intake"].clone();
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
