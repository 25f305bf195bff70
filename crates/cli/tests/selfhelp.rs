//! `reachright-cli selfhelp`: the offline self-help as JSON, for scripts.
#![allow(clippy::unwrap_used)] // a test that cannot set up should fail loudly

use std::process::{Command, Output};

use serde_json::Value;

fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reachright-cli"))
        .args(args)
        .output()
        .expect("run reachright-cli")
}

fn lines(o: &Output) -> Vec<Value> {
    String::from_utf8(o.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line one JSON object"))
        .collect()
}

#[test]
fn a_type_prints_its_steps_and_sourced_rules_in_chinese_by_default() {
    let o = cli(&["selfhelp", "recharge_failed"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8(o.stdout.clone()).unwrap();
    assert!(
        text.starts_with("{\"type\":\"recharge_failed\",\"title\":"),
        "{text}"
    );
    let out = lines(&o);
    assert_eq!(out.len(), 1, "one JSON object");
    let e = &out[0];
    assert_eq!(e["type"], "recharge_failed");
    assert!(!e["steps"].as_array().unwrap().is_empty());
    let rules = e["rules"].as_array().unwrap();
    assert!(rules
        .iter()
        .all(|r| !r["text"].as_str().unwrap().is_empty()
            && !r["source"].as_str().unwrap().is_empty()));
    assert!(rules
        .iter()
        .any(|r| r["text"].as_str().unwrap().contains("24小时")));
}

#[test]
fn every_type_has_an_entry_in_english_too() {
    for code in [
        "delivery_delay",
        "recharge_failed",
        "order_status",
        "order_change",
        "card_invalid",
        "refund_request",
        "other",
        "account_frozen",
        "card_key_stolen",
        "account_stolen",
        "api_failure",
        "not_as_agreed",
        "resolution_dispute",
    ] {
        let o = cli(&["selfhelp", code, "--lang", "en"]);
        assert!(
            o.status.success(),
            "{code}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let e = &lines(&o)[0];
        assert_eq!(e["type"], code);
        let step = e["steps"][0].as_str().unwrap();
        assert!(
            step.is_ascii() || !step.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{code}: {step}"
        );
    }
}

#[test]
fn an_unknown_type_fails_with_the_list_of_valid_ones() {
    let o = cli(&["selfhelp", "lost_parcel"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("unknown problem type \"lost_parcel\""),
        "{err}"
    );
    assert!(
        err.contains("card_invalid") && err.contains("resolution_dispute"),
        "{err}"
    );
    assert!(o.stdout.is_empty());
}

#[test]
fn search_prints_the_matching_entries_best_first() {
    for (words, first) in [
        (vec!["卡密显示已使用"], "card_key_stolen"),
        (vec!["充值没到账怎么办"], "delivery_delay"),
        (vec!["refund", "virtual", "goods"], "refund_request"),
    ] {
        let mut args = vec!["selfhelp", "--search"];
        args.extend(words.iter().copied());
        let o = cli(&args);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let out = lines(&o);
        assert_eq!(out[0]["type"], first, "{words:?}");
        assert!(out.len() < 13, "{words:?} matched everything");
        assert!(out
            .iter()
            .all(|e| e["steps"].is_array() && e["rules"].is_array()));
    }
}

#[test]
fn an_empty_search_or_no_argument_is_refused() {
    let o = cli(&["selfhelp", "--search", " "]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("search is empty"));
    let o = cli(&["selfhelp"]);
    assert!(!o.status.success());
}
