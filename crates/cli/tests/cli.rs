//! The real `reachright-cli` binary, driven through stdin/stdout as scripts use it.
#![allow(clippy::unwrap_used)] // a test that cannot set up should fail loudly

use std::io::Write;
use std::process::{Command, Output, Stdio};

use proptest::prelude::*;
use serde_json::Value;

fn cli(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_reachright-cli"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start reachright-cli");
    // A closed pipe (the CLI refused early) is not a test failure; the exit status tells.
    let _ = child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes());
    child.wait_with_output().expect("wait for reachright-cli")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8 stderr")
}

const SEED: &str = r#"{"id":"seed","description":"订单号20240520001,5月20日14:30购买100元游戏点卡,支付成功后30分钟未到账,订单状态显示'处理中',已刷新页面3次未生效","now":"2024-05-20T15:00:00+08:00"}"#;

#[test]
fn triage_prints_the_contract_result() {
    let o = cli(&["triage"], SEED);
    assert!(o.status.success(), "{}", stderr(&o));
    let r: Value = serde_json::from_str(&stdout(&o)).expect("one JSON object");
    assert_eq!(r["id"], "seed");
    assert_eq!(r["problem_type"], "delivery_delay");
    assert_eq!(r["primary"], "online_chat");
    assert_eq!(r["do_now"], "online_chat", "chat can always be used now");
    assert_eq!(r["extracted"]["order_id"], "20240520001");
    assert_eq!(r["extracted"]["amount_cny"], 100);
    assert_eq!(r["extracted"]["occurred_at"], "2024-05-20T14:30:00+08:00");
    assert_eq!(r["subject"], "20240520001-商品未到账-一般");
    for key in [
        "group",
        "confidence",
        "ladder",
        "reasons",
        "warnings",
        "missing",
        "urgency",
        "next_phone_opening",
        "sla_deadline",
        "description_text",
    ] {
        assert!(r.get(key).is_some(), "missing key {key}");
    }
}

#[test]
fn told_contacts_and_foreign_amounts_appear_under_extracted_only_when_found() {
    let o = cli(&["triage"], SEED);
    let r: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let extracted = r["extracted"].as_object().unwrap();
    assert!(!extracted.contains_key("contacts"), "{extracted:?}");
    assert!(!extracted.contains_key("amount_foreign"), "{extracted:?}");

    let story = r#"{"description":"买了$20的steam卡,卡密无效,邮件发了三天没人理,电话一直占线","now":"2026-11-25T12:00:00+08:00"}"#;
    let o = cli(&["triage"], story);
    assert!(o.status.success(), "{}", stderr(&o));
    let r: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let x = &r["extracted"];
    assert_eq!(x["amount_cny"], Value::Null);
    assert_eq!(
        x["amount_foreign"],
        serde_json::json!({"value": 20, "currency": "USD"})
    );
    let contacts = x["contacts"].as_array().unwrap();
    assert_eq!(contacts.len(), 2, "{contacts:?}");
    assert_eq!(contacts[0]["channel"], "email");
    assert_eq!(contacts[0]["outcome"], "no_answer");
    assert_eq!(contacts[0]["history_outcome"], "no_response");
    assert_eq!(contacts[0]["at"], "2026-11-22T12:00:00+08:00");
    assert_eq!(contacts[0]["matched"], "邮件发了三天没人理");
    assert_eq!(contacts[1]["channel"], "phone");
    assert_eq!(contacts[1]["outcome"], "busy");
    // A suggestion is not history: it takes the user's confirmation to change the ladder.
    assert!(!r["missing"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m == "amount"));
}

#[test]
fn windows_line_endings_and_a_byte_order_mark_are_accepted() {
    let input = format!("\u{feff}{SEED}\r\n{SEED}\r\n");
    let o = cli(&["triage", "--jsonl"], &input);
    let lines: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert!(
        lines.iter().all(|l| l["primary"] == "online_chat"),
        "{lines:?}"
    );
    let o = cli(&["triage"], &format!("\u{feff}{SEED}"));
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn english_reasons_on_request() {
    let o = cli(&["triage", "--lang", "en"], SEED);
    let r: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let reason = r["reasons"][0].as_str().unwrap();
    assert!(reason.is_ascii(), "{reason}");
}

#[test]
fn bad_input_names_the_field_and_fails() {
    for (input, needle) in [
        ("not json", "JSON"),
        (r#"{"problem_type":"lost_parcel"}"#, "problem_type"),
        (
            r#"{"history":[{"channel":"pigeon","at":"2024-05-20T14:40:00+08:00","outcome":"pending"}]}"#,
            "history[0].channel",
        ),
        (r#"{"now":"2024-02-30T10:00:00+08:00"}"#, "now"),
        (r#"{"platform":{"vip_treshold_cny":5}}"#, "vip_treshold_cny"),
        ("", "no scenario"),
    ] {
        let o = cli(&["triage"], input);
        assert!(!o.status.success(), "{input} should fail");
        assert!(stderr(&o).contains(needle), "{input}: {}", stderr(&o));
        assert!(stdout(&o).is_empty());
    }
}

#[test]
fn jsonl_answers_every_line_in_order_and_survives_bad_ones() {
    let input = [
        SEED,
        "{broken",
        r#"{"id":7,"problem_type":"nope"}"#,
        "",
        r#"{"id":"last","problem_type":"account_frozen","now":"2026-11-28T14:00:00+08:00"}"#,
    ]
    .join("\n");
    let o = cli(&["triage", "--jsonl"], &input);
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["id"], "seed");
    assert_eq!(lines[1]["id"], Value::Null);
    assert!(lines[1]["error"].as_str().unwrap().contains("JSON"));
    assert_eq!(lines[2]["id"], 7);
    assert!(lines[2]["error"].as_str().unwrap().contains("problem_type"));
    assert_eq!(lines[3]["id"], "last");
    assert_eq!(lines[3]["next_phone_opening"], "2026-11-30T09:00:00+08:00");
}

/// Issue 10: one line that is not UTF-8 (here GBK bytes, as a Windows export writes them) used to
/// end the batch with exit 2 after the lines before it. It is one bad line like any other.
#[test]
fn jsonl_answers_a_line_that_is_not_utf8_and_goes_on() {
    let mut input = Vec::new();
    for n in 1..=60 {
        if n == 45 {
            // "充值" in GBK, then a lone continuation byte.
            input.extend_from_slice(b"{\"id\":45,\"description\":\"\xb3\xe4\xd6\xb5\x80\"}");
        } else {
            input.extend_from_slice(SEED.replace("\"seed\"", &n.to_string()).as_bytes());
        }
        input.extend_from_slice(if n % 2 == 0 { b"\r\n" } else { b"\n" });
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_reachright-cli"))
        .args(["triage", "--jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&input).unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 60, "one answer per line");
    for (i, answer) in lines.iter().enumerate() {
        let n = i + 1;
        if n == 45 {
            assert_eq!(answer["code"], "invalid_json");
            let error = answer["error"].as_str().unwrap();
            assert!(
                error.contains("line 45") && error.contains("UTF-8"),
                "{error}"
            );
        } else {
            assert_eq!(answer["id"], n, "line {n} answered in order");
            assert!(answer.get("error").is_none(), "line {n}: {answer}");
        }
    }
}

#[test]
fn compose_prints_each_kind() {
    for kind in ["chat", "phone", "email", "ticket", "complaint"] {
        let o = cli(&["compose", kind], SEED);
        assert!(o.status.success(), "{kind}: {}", stderr(&o));
        assert!(stdout(&o).contains("20240520001"), "{kind}: {}", stdout(&o));
    }
    let o = cli(&["compose", "email"], SEED);
    assert!(stdout(&o).contains("20240520001-商品未到账-一般"));
    let o = cli(&["compose", "fax"], SEED);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("chat"), "{}", stderr(&o));
}

#[test]
fn profile_default_passes_its_own_check() {
    let o = cli(&["profile", "default"], "");
    assert!(o.status.success());
    let dir = std::env::temp_dir().join(format!("rr-profile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("good.toml");
    std::fs::write(&good, &o.stdout).unwrap();
    assert!(cli(&["profile", "check", good.to_str().unwrap()], "")
        .status
        .success());
    let bad = dir.join("bad.toml");
    std::fs::write(&bad, "[phone]\nhours = \"25:00-26:00\"\n").unwrap();
    let o = cli(&["profile", "check", bad.to_str().unwrap()], "");
    assert!(!o.status.success());
    assert!(stderr(&o).contains("hours"), "{}", stderr(&o));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Scenario-shaped JSON with arbitrary values in the contract's fields.
fn arbitrary_scenario() -> impl Strategy<Value = Value> {
    let text = prop_oneof![
        any::<String>(),
        "[充值失败到账订单号元块卡密冻结0-9a-z:-]{0,40}"
    ];
    let field = prop_oneof![
        text.clone().prop_map(Value::String),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f)
            .map(Value::Number)
            .unwrap_or(Value::Null)),
        any::<bool>().prop_map(Value::Bool),
        Just(Value::Null),
        Just(
            serde_json::json!([{"channel": "ticket", "at": "2026-11-20T10:00:00+08:00", "outcome": "pending"}])
        ),
        Just(serde_json::json!({"vip": true, "verified": true})),
    ];
    let keys = prop::sample::select(vec![
        "id",
        "description",
        "problem_type",
        "order_id",
        "product",
        "amount_cny",
        "occurred_at",
        "now",
        "customer",
        "platform",
        "history",
        "demand",
        "evidence",
        "steps_tried",
    ]);
    prop::collection::vec((keys, field), 0..8).prop_map(|pairs| {
        Value::Object(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

    /// Many arbitrary lines through one process: it never panics, and answers each line once.
    #[test]
    fn jsonl_never_panics_and_answers_every_line(
        scenarios in prop::collection::vec(arbitrary_scenario(), 1..40),
        junk in prop::collection::vec("[^\n\r]{1,60}", 0..20),
    ) {
        let mut lines: Vec<String> = scenarios.iter().map(|s| s.to_string()).collect();
        lines.extend(junk.iter().filter(|j| !j.trim().is_empty()).cloned());
        let args = ["--now", "2026-11-25T12:00:00+08:00", "triage", "--jsonl"];
        let o = cli(&args, &lines.join("\n"));
        prop_assert!(o.status.success(), "stderr: {}", stderr(&o));
        let out = stdout(&o);
        prop_assert_eq!(out.lines().count(), lines.len());
        for line in out.lines() {
            let v: Value = serde_json::from_str(line).unwrap();
            prop_assert!(v.get("error").is_some() || v.get("primary").is_some());
        }
        // Deterministic: the same input gives the same output.
        let again = cli(&args, &lines.join("\n"));
        prop_assert_eq!(out, stdout(&again));
    }
}
