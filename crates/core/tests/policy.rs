//! The recommendation policy of domain.md, rule by rule, at each rule's boundaries.
#![allow(clippy::unwrap_used)] // a test that cannot set up should fail loudly

mod common;

use common::result_json;
use serde_json::{json, Value};

fn primary(v: Value) -> String {
    result_json(&v)["primary"].as_str().unwrap().to_string()
}

fn ladder(v: Value) -> Vec<String> {
    result_json(&v)["ladder"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect()
}

/// The warning with this code; the test fails if it is absent.
fn warning<'a>(r: &'a Value, code: &str) -> &'a Value {
    r["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {r}"))
}

fn warning_codes(r: &Value) -> Vec<String> {
    r["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap().to_string())
        .collect()
}

// Wednesday 2026-11-25 is an ordinary business day; Saturday 2026-11-28 is not.
const WED_11: &str = "2026-11-25T11:00:00+08:00";

#[test]
fn vip_threshold_is_strictly_above_500() {
    let s = |amount: f64| {
        json!({"problem_type": "delivery_delay", "amount_cny": amount, "now": WED_11,
        "customer": {"vip": false, "verified": true}})
    };
    assert_eq!(primary(s(500.0)), "online_chat");
    assert_eq!(primary(s(500.01)), "vip_exclusive");
    assert_eq!(primary(s(501.0)), "vip_exclusive");
    assert_eq!(
        ladder(s(501.0)),
        ["vip_exclusive", "online_chat", "phone", "ticket"]
    );
}

#[test]
fn large_but_unverified_gets_chat_and_a_verification_warning() {
    let r =
        result_json(&json!({"problem_type": "delivery_delay", "amount_cny": 501, "now": WED_11}));
    assert_eq!(r["primary"], "online_chat");
    assert!(warning_codes(&r).contains(&"verification_required".into()));
    let r =
        result_json(&json!({"problem_type": "delivery_delay", "amount_cny": 500, "now": WED_11}));
    assert!(!warning_codes(&r).contains(&"verification_required".into()));
    let r =
        result_json(&json!({"problem_type": "other", "now": WED_11, "customer": {"vip": true}}));
    assert!(warning_codes(&r).contains(&"verification_required".into()));
}

#[test]
fn vip_standard_small_order_stays_on_chat() {
    // Standard problems go to the exclusive agent only for large orders, even for VIPs.
    let s = json!({"problem_type": "card_invalid", "amount_cny": 50, "now": WED_11,
        "customer": {"vip": true, "verified": true}});
    assert_eq!(ladder(s), ["online_chat", "phone", "ticket"]);
}

#[test]
fn phone_hours_boundaries_decide_urgent_cases() {
    let at = |t: &str| json!({"problem_type": "card_key_stolen", "now": format!("2026-11-25T{t}+08:00")});
    assert_eq!(primary(at("08:59:00")), "online_chat");
    assert_eq!(primary(at("09:00:00")), "phone");
    assert_eq!(primary(at("17:59:00")), "phone");
    assert_eq!(primary(at("18:00:00")), "online_chat");
    let r = result_json(&at("08:59:00"));
    assert_eq!(r["next_phone_opening"], "2026-11-25T09:00:00+08:00");
    assert!(warning_codes(&r).contains(&"phone_closed".into()));
    let r = result_json(&at("18:00:00"));
    assert_eq!(r["next_phone_opening"], "2026-11-26T09:00:00+08:00");
    let r = result_json(&at("17:59:00"));
    assert_eq!(r["next_phone_opening"], Value::Null);
    assert!(!warning_codes(&r).contains(&"phone_closed".into()));
}

#[test]
fn peak_warning_only_inside_half_open_peaks_when_phone_leads() {
    let at = |t: &str| {
        result_json(
            &json!({"problem_type": "account_frozen", "now": format!("2026-11-25T{t}+08:00")}),
        )
    };
    assert!(warning_codes(&at("09:00:00")).contains(&"phone_peak".into()));
    assert!(warning_codes(&at("09:59:00")).contains(&"phone_peak".into()));
    assert!(!warning_codes(&at("10:00:00")).contains(&"phone_peak".into()));
    let r = at("09:30:00");
    let peak = warning(&r, "phone_peak");
    assert_eq!(peak["at"], "2026-11-25T10:00:00+08:00");
    // A standard problem at 09:30 leads with chat: no peak warning.
    let r =
        result_json(&json!({"problem_type": "delivery_delay", "now": "2026-11-25T09:30:00+08:00"}));
    assert!(!warning_codes(&r).contains(&"phone_peak".into()));
}

#[test]
fn urgent_ladders_follow_phone_and_eligibility() {
    let vip = json!({"vip": true, "verified": true});
    let s = |now: &str, customer: &Value| json!({"problem_type": "account_frozen", "now": now, "customer": customer});
    assert_eq!(
        ladder(s("2026-11-25T14:00:00+08:00", &vip)),
        ["phone", "vip_exclusive", "online_chat", "ticket"]
    );
    assert_eq!(
        ladder(s("2026-11-25T14:00:00+08:00", &json!({}))),
        ["phone", "online_chat", "ticket"]
    );
    assert_eq!(
        ladder(s("2026-11-28T14:00:00+08:00", &vip)),
        ["vip_exclusive", "online_chat", "phone", "ticket"]
    );
    assert_eq!(
        ladder(s("2026-11-28T14:00:00+08:00", &json!({}))),
        ["online_chat", "phone", "ticket"]
    );
}

#[test]
fn complex_eligible_goes_to_the_exclusive_agent_even_when_the_phone_is_open() {
    let s = json!({"problem_type": "api_failure", "now": WED_11, "customer": {"vip": true, "verified": true}});
    assert_eq!(
        ladder(s),
        ["vip_exclusive", "phone", "online_chat", "ticket"]
    );
    let s = json!({"problem_type": "account_stolen", "now": WED_11, "amount_cny": 900, "customer": {"verified": true}});
    assert_eq!(primary(s), "vip_exclusive");
    let s = json!({"problem_type": "account_stolen", "now": "2026-11-28T10:00:00+08:00"});
    let r = result_json(&s);
    assert_eq!(r["primary"], "online_chat");
    assert!(warning_codes(&r).contains(&"phone_closed".into()));
    assert_eq!(r["urgency"], "紧急");
}

#[test]
fn disputes_go_to_written_channels() {
    assert_eq!(
        ladder(json!({"problem_type": "not_as_agreed", "now": WED_11})),
        ["ticket", "email", "phone"]
    );
    let s = json!({"problem_type": "resolution_dispute", "now": WED_11, "customer": {"vip": true, "verified": true}});
    assert_eq!(ladder(s), ["ticket", "email", "vip_exclusive", "phone"]);
    let r = result_json(&json!({"problem_type": "resolution_dispute", "now": WED_11}));
    let missing: Vec<&str> = r["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    assert!(
        missing.contains(&"evidence") && missing.contains(&"demand"),
        "{missing:?}"
    );
    let r = result_json(&json!({"problem_type": "delivery_delay", "now": WED_11}));
    assert!(!r["missing"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m == "evidence"));
}

#[test]
fn recharge_window_at_6h_and_0h_left() {
    let s = |now: &str| {
        result_json(&json!({"problem_type": "recharge_failed", "now": now,
        "occurred_at": "2026-11-24T12:00:00+08:00", "amount_cny": 30}))
    };
    // 6 h left exactly: still inside, not yet urgent ("less than 6 h").
    let r = s("2026-11-25T06:00:00+08:00");
    assert!(warning_codes(&r).contains(&"recharge_window".into()));
    assert_eq!(r["urgency"], "一般");
    // 5 h 59 min left: urgent.
    let r = s("2026-11-25T06:01:00+08:00");
    assert_eq!(r["urgency"], "紧急");
    assert!(r["subject"].as_str().unwrap().ends_with("-充值失败-紧急"));
    // 0 h left: the window has closed.
    let r = s("2026-11-25T12:00:00+08:00");
    assert!(warning_codes(&r).contains(&"recharge_window_expired".into()));
    assert!(!warning_codes(&r).contains(&"recharge_window".into()));
    let w = warning(&r, "recharge_window_expired");
    assert_eq!(w["at"], "2026-11-25T12:00:00+08:00");
    // Other problem types get no recharge warning.
    let r = result_json(
        &json!({"problem_type": "delivery_delay", "now": WED_11, "occurred_at": "2026-11-24T12:00:00+08:00"}),
    );
    assert!(!warning_codes(&r).iter().any(|c| c.starts_with("recharge")));
}

#[test]
fn refund_requests_are_warned_about_the_no_reason_exclusion() {
    let r = result_json(&json!({"problem_type": "refund_request", "now": WED_11}));
    assert!(warning_codes(&r).contains(&"no_reason_return_excluded".into()));
    let r = result_json(&json!({"problem_type": "order_status", "now": WED_11}));
    assert!(!warning_codes(&r).contains(&"no_reason_return_excluded".into()));
}

#[test]
fn failed_channels_move_to_the_end_in_the_order_tried() {
    let s = json!({"problem_type": "delivery_delay", "now": WED_11, "history": [
        {"channel": "phone", "at": "2026-11-25T09:10:00+08:00", "outcome": "no_response"},
        {"channel": "online_chat", "at": "2026-11-25T09:00:00+08:00", "outcome": "unresolved"}]});
    assert_eq!(ladder(s), ["ticket", "online_chat", "phone"]);
    // A resolved or pending chat does not move.
    let s = json!({"problem_type": "delivery_delay", "now": WED_11, "history": [
        {"channel": "online_chat", "at": "2026-11-25T09:00:00+08:00", "outcome": "pending"}]});
    assert_eq!(primary(s), "online_chat");
}

#[test]
fn pending_ticket_inside_its_sla_keeps_ticket_primary() {
    // Friday 17:00 + 3 business days = Wednesday 17:00.
    let s = |now: &str| {
        result_json(
            &json!({"problem_type": "delivery_delay", "now": now, "history": [
        {"channel": "ticket", "at": "2026-11-20T17:00:00+08:00", "outcome": "pending"}]}),
        )
    };
    let r = s("2026-11-25T17:00:00+08:00");
    assert_eq!(r["primary"], "ticket");
    assert_eq!(r["sla_deadline"], "2026-11-25T17:00:00+08:00");
    let r = s("2026-11-25T17:00:01+08:00");
    assert_eq!(r["primary"], "third_party_complaint");
    let r = result_json(&json!({"problem_type": "delivery_delay", "now": WED_11}));
    assert_eq!(r["sla_deadline"], Value::Null);
}

#[test]
fn escalation_rules_a_b_c() {
    // (a) an e-mail without response past its deadline.
    let s = json!({"problem_type": "order_status", "now": WED_11, "history": [
        {"channel": "email", "at": "2026-11-16T10:00:00+08:00", "outcome": "no_response"}]});
    assert_eq!(primary(s), "third_party_complaint");
    // (b) dissatisfied with the exclusive agent — but not with chat.
    let s = json!({"problem_type": "delivery_delay", "now": WED_11, "history": [
        {"channel": "vip_exclusive", "at": "2026-11-25T09:00:00+08:00", "outcome": "dissatisfied"}]});
    assert_eq!(primary(s), "third_party_complaint");
    let s = json!({"problem_type": "delivery_delay", "now": WED_11, "history": [
        {"channel": "online_chat", "at": "2026-11-25T09:00:00+08:00", "outcome": "dissatisfied"}]});
    assert_eq!(primary(s), "online_chat");
    // (c) every channel of the ladder tried without resolution.
    let s = json!({"problem_type": "delivery_delay", "now": WED_11, "history": [
        {"channel": "online_chat", "at": "2026-11-25T09:00:00+08:00", "outcome": "unresolved"},
        {"channel": "phone", "at": "2026-11-25T09:30:00+08:00", "outcome": "no_response"},
        {"channel": "ticket", "at": "2026-11-25T10:00:00+08:00", "outcome": "unresolved"}]});
    let r = result_json(&s);
    assert_eq!(r["primary"], "third_party_complaint");
    assert_eq!(r["ladder"][0], "third_party_complaint");
    // Never primary with an empty history.
    for p in ["resolution_dispute", "not_as_agreed", "account_stolen"] {
        assert_ne!(
            primary(json!({"problem_type": p, "now": WED_11})),
            "third_party_complaint"
        );
    }
}

#[test]
fn escalation_is_evaluated_before_a_pending_ticket() {
    let s = json!({"problem_type": "delivery_delay", "now": WED_11, "history": [
        {"channel": "ticket", "at": "2026-11-24T10:00:00+08:00", "outcome": "pending"},
        {"channel": "email", "at": "2026-11-20T10:00:00+08:00", "outcome": "dissatisfied"}]});
    assert_eq!(primary(s), "third_party_complaint");
}

#[test]
fn platform_profile_changes_the_rules() {
    let s = json!({"problem_type": "delivery_delay", "amount_cny": 800, "now": WED_11,
        "customer": {"verified": true}, "platform": {"vip_threshold_cny": 1000}});
    assert_eq!(primary(s), "online_chat");
    let s = json!({"problem_type": "account_frozen", "now": "2026-11-25T19:30:00+08:00",
        "platform": {"phone": {"hours": "09:00-22:00"}}});
    let r = result_json(&s);
    assert_eq!(r["primary"], "phone");
    assert!(warning_codes(&r).contains(&"phone_peak".into()));
    // A platform without a phone line never recommends one.
    let s = json!({"problem_type": "account_frozen", "now": WED_11,
        "platform": {"channels": ["online_chat", "ticket"]}});
    assert_eq!(ladder(s), ["online_chat", "ticket"]);
}

#[test]
fn missing_lists_what_the_description_lacks() {
    let r = result_json(&json!({"description": "充值没到账", "now": WED_11}));
    let missing: Vec<&str> = r["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    for f in [
        "order_id",
        "amount",
        "occurred_at",
        "product",
        "error_message",
        "steps_tried",
    ] {
        assert!(missing.contains(&f), "{f} not in {missing:?}");
    }
    assert!(!missing.contains(&"symptom"));
    assert!(warning_codes(&r).contains(&"missing_info".into()));
}

#[test]
fn results_are_deterministic_and_times_carry_the_platform_offset() {
    let s = json!({"problem_type": "account_frozen", "now": "2026-11-28T06:00:00Z"});
    let a = result_json(&s);
    assert_eq!(a, result_json(&s));
    assert_eq!(a["next_phone_opening"], "2026-11-30T09:00:00+08:00");
}

#[test]
fn a_vague_story_asks_for_confirmation_and_offers_an_alternative() {
    let r = result_json(&json!({"description": "订单一直显示处理中,货也没到", "now": WED_11}));
    assert!(r["confidence"].as_f64().unwrap() < 1.0);
    assert!(r["alternative_type"].is_string(), "{r}");
    assert_ne!(r["alternative_type"], r["problem_type"]);
    let r = result_json(&json!({"problem_type": "order_status", "now": WED_11}));
    assert_eq!(r["confidence"], 1.0);
    assert_eq!(r["needs_confirmation"], false);
    assert_eq!(r["alternative_type"], Value::Null);
}

#[test]
fn phone_hours_are_described_as_the_profile_sets_them() {
    let r =
        result_json(&json!({"problem_type": "account_frozen", "now": "2026-11-28T14:00:00+08:00"}));
    let closed = warning(&r, "phone_closed");
    assert!(
        closed["message"]
            .as_str()
            .unwrap()
            .contains("09:00-18:00，仅工作日"),
        "{closed}"
    );
    // A line open every day is open on Saturday, and said to be.
    let r = result_json(
        &json!({"problem_type": "account_frozen", "now": "2026-11-28T14:00:00+08:00",
        "platform": {"phone": {"business_days_only": false}}}),
    );
    assert_eq!(r["primary"], "phone");
    assert!(
        r["expected_response"].as_str().unwrap().contains("每天"),
        "{}",
        r["expected_response"]
    );
}

#[test]
fn the_seed_story_becomes_the_seed_description_and_a_symptom() {
    let seed = "订单号20240520001,5月20日14:30购买100元游戏点卡,支付成功后30分钟未到账,订单状态显示'处理中',已刷新页面3次未生效";
    let t = common::run(&json!({"description": seed, "now": "2024-05-20T15:00:00+08:00"}));
    // The seed's own words, joined with full-width commas as Chinese is written.
    assert_eq!(t.result.description_text, seed.replace(',', "，"));
    assert_eq!(
        t.case.symptom.as_deref(),
        Some("支付成功后30分钟未到账，订单状态显示'处理中'")
    );
    assert_eq!(t.case.steps_tried, ["已刷新页面3次未生效"]);
    // Structured fields alone still make a description.
    let t = common::run(
        &json!({"problem_type": "recharge_failed", "order_id": "A1", "amount_cny": 30,
        "occurred_at": "2026-11-24T20:00:00+08:00", "now": WED_11}),
    );
    assert_eq!(
        t.result.description_text,
        "订单号A1，11月24日20:00购买30元商品"
    );
    assert_eq!(t.case.symptom, None);
}

#[test]
fn purchase_clauses_in_the_user_s_words_are_not_repeated_as_the_symptom() {
    let story = "我在平台上买了100元的王者荣耀点券,订单号20240520001,昨天晚上8点付的款,到现在还没到账。退款。";
    let t = common::run(&json!({"description": story, "now": WED_11}));
    assert_eq!(t.case.product.as_deref(), Some("王者荣耀点券"));
    assert_eq!(t.case.symptom.as_deref(), Some("到现在还没到账，退款"));
    assert!(
        t.result
            .description_text
            .contains("购买100元王者荣耀点券，到现在还没到账，退款"),
        "{}",
        t.result.description_text
    );
}

// ---- Now versus later (`do_now`, domain.md) ----

fn reasons(r: &Value) -> Vec<String> {
    r["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn at_night_after_chat_failed_the_phone_stays_primary_and_the_ticket_is_for_now() {
    let r = result_json(&json!({
        "problem_type": "delivery_delay", "amount_cny": 100,
        "now": "2026-12-02T23:00:00+08:00",
        "history": [{"channel": "online_chat", "at": "2026-12-02T22:30:00+08:00", "outcome": "unresolved"}]
    }));
    assert_eq!(
        (r["primary"].as_str(), r["do_now"].as_str()),
        (Some("phone"), Some("ticket"))
    );
    let said = reasons(&r);
    // The first reason says both, the phone's opening time among them, without a second zone.
    assert!(
        said[0].contains("电话客服") && said[0].contains("工单系统"),
        "{said:?}"
    );
    assert!(
        said[0].contains("12月03日 09:00") && !said[0].contains("您当地"),
        "{said:?}"
    );
    // The reasons speak of the primary channel, not of the chat that already failed.
    assert!(!said.iter().any(|s| s.contains("30秒内接入")), "{said:?}");
}

#[test]
fn a_user_abroad_reads_beijing_time_and_their_own() {
    // 23:00 in Beijing is 07:00 in Los Angeles (UTC-8) the same day.
    let r = result_json(&json!({
        "problem_type": "card_key_stolen",
        "now": "2026-12-02T07:00:00-08:00"
    }));
    assert_eq!(
        r["primary"], "online_chat",
        "the urgent ladder when the phone is closed"
    );
    assert_eq!(r["do_now"], "online_chat");
    let w = warning(&r, "phone_closed")["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        w.contains("北京时间") && w.contains("您当地 12月02日 17:00"),
        "{w}"
    );
}

#[test]
fn do_now_is_the_primary_whenever_the_primary_can_be_used() {
    for (now, want) in [
        ("2026-12-03T11:00:00+08:00", "phone"), // a Thursday, in hours
        ("2026-12-06T15:00:00+08:00", "online_chat"), // a Saturday: the line is closed
    ] {
        let r = result_json(&json!({"problem_type": "card_key_stolen", "now": now}));
        assert_eq!(
            (r["primary"].as_str(), r["do_now"].as_str()),
            (Some(want), Some(want)),
            "{now}"
        );
    }
    // An eligible VIP at night: a callback can be asked for at any hour.
    let r = result_json(&json!({
        "problem_type": "account_stolen", "amount_cny": 3000,
        "customer": {"vip": true, "verified": true},
        "now": "2026-12-03T02:00:00+08:00"
    }));
    assert_eq!(
        (r["primary"].as_str(), r["do_now"].as_str()),
        (Some("vip_exclusive"), Some("vip_exclusive"))
    );
}

#[test]
fn an_urgent_case_whose_phone_call_failed_in_hours_is_not_told_the_line_is_closed() {
    let r = result_json(&json!({
        "problem_type": "account_frozen",
        "now": "2026-12-03T11:00:00+08:00",
        "history": [{"channel": "phone", "at": "2026-12-03T10:30:00+08:00", "outcome": "unresolved"}]
    }));
    assert_ne!(r["primary"], "phone");
    assert!(
        !reasons(&r).iter().any(|s| s.contains("不在服务时间")),
        "{:?}",
        reasons(&r)
    );
}
