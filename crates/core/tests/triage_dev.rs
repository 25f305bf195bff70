//! Runs every scenario of `shared/data/triage-dev.jsonl` and checks each expectation it states.
//! The file is a sample of the contract, not the whole measure; see classify_corpus.rs too.
#![allow(clippy::unwrap_used)] // a test that cannot set up should fail loudly

mod common;

use serde_json::Value;

fn codes(v: &Value, key: &str) -> Vec<String> {
    v[key]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|w| {
                    w.get("code")
                        .or(Some(w))
                        .and_then(Value::as_str)
                        .map(String::from)
                })
                .collect()
        })
        .unwrap_or_default()
}

fn same(expected: &Value, actual: &Value) -> bool {
    match (expected, actual) {
        (Value::Number(a), Value::Number(b)) => a.as_f64() == b.as_f64(),
        _ => expected == actual,
    }
}

/// Every mismatch between one row's expectations and the engine's result.
fn check(expect: &Value, got: &Value) -> Vec<String> {
    let mut errors = Vec::new();
    let obj = expect.as_object().expect("expect must be an object");
    for (key, want) in obj {
        match key.as_str() {
            "extracted" => {
                for (field, value) in want.as_object().expect("extracted is an object") {
                    if !same(value, &got["extracted"][field]) {
                        errors.push(format!(
                            "extracted.{field}: want {value}, got {}",
                            got["extracted"][field]
                        ));
                    }
                }
            }
            "warnings_include" | "warnings_exclude" | "missing_include" => {
                let have = codes(
                    got,
                    if key == "missing_include" {
                        "missing"
                    } else {
                        "warnings"
                    },
                );
                for code in want
                    .as_array()
                    .expect("a list")
                    .iter()
                    .filter_map(Value::as_str)
                {
                    let present = have.iter().any(|h| h == code);
                    if present == (key == "warnings_exclude") {
                        errors.push(format!("{key} {code}: got {have:?}"));
                    }
                }
            }
            field => {
                if !same(want, &got[field]) {
                    errors.push(format!("{field}: want {want}, got {}", got[field]));
                }
            }
        }
    }
    errors
}

/// Runs every row of `shared/data/NAME` and checks each expectation; at least `min_rows` rows.
fn run_file(name: &str, min_rows: usize) {
    let path = common::shared_dir().join("data").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {} (set REACHRIGHT_SHARED_DIR): {e}",
            path.display()
        )
    });
    let mut failures = Vec::new();
    let mut rows = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let row: Value = serde_json::from_str(line).expect("each line is JSON");
        rows += 1;
        let got = common::result_json(&row["input"]);
        assert_eq!(
            got["id"],
            row["input"].get("id").cloned().unwrap_or(Value::Null)
        );
        for e in check(&row["expect"], &got) {
            failures.push(format!("{}: {e}", row["id"]));
        }
    }
    assert!(
        rows >= min_rows,
        "only {rows} rows read from {}",
        path.display()
    );
    assert!(
        failures.is_empty(),
        "{} of {rows} rows failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_dev_scenario_meets_its_expectations() {
    run_file("triage-dev.jsonl", 60);
}

/// The public examples of "now versus later" (`do_now`, domain.md).
#[test]
fn every_do_now_scenario_meets_its_expectations() {
    run_file("triage-do-now.jsonl", 3);
}

#[test]
fn the_checker_itself_notices_a_mismatch() {
    let got = serde_json::json!({"primary": "phone", "warnings": [{"code": "phone_peak"}], "missing": ["amount"],
        "extracted": {"amount_cny": 100}});
    assert!(check(&serde_json::json!({"primary": "ticket"}), &got).len() == 1);
    assert!(
        check(
            &serde_json::json!({"warnings_exclude": ["phone_peak"]}),
            &got
        )
        .len()
            == 1
    );
    assert!(
        check(
            &serde_json::json!({"warnings_include": ["phone_closed"]}),
            &got
        )
        .len()
            == 1
    );
    assert!(check(&serde_json::json!({"missing_include": ["order_id"]}), &got).len() == 1);
    assert!(check(
        &serde_json::json!({"extracted": {"amount_cny": 100.0}}),
        &got
    )
    .is_empty());
    assert!(check(&serde_json::json!({"extracted": {"amount_cny": 101}}), &got).len() == 1);
}
