//! Finding a case by what the user remembers of it, against a real SQLite file.

use reachright_store::{NewCase, NewContact, PlatformRow, Store};

fn case(store: &Store, at: &str, title: &str, platform: Option<&str>, intake: &str) -> String {
    store
        .create_case(&NewCase {
            at: at.into(),
            title: title.into(),
            platform_id: platform.map(Into::into),
            intake_json: intake.into(),
        })
        .expect("create")
        .id
}

fn ids(store: &Store, query: &str) -> Vec<String> {
    store
        .search_cases(query, 0, 50)
        .expect("search")
        .into_iter()
        .map(|r| r.id)
        .collect()
}

#[test]
fn every_word_must_match_somewhere_in_what_the_user_wrote() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    store
        .upsert_platform(&PlatformRow {
            id: "p1".into(),
            name: "星辰卡盟".into(),
            profile_toml: "name = \"x\"\n".into(),
            vip: false,
            verified: true,
            updated_at: "2026-01-01T00:00:00Z".into(),
        })
        .unwrap();
    let topup = case(
        &store,
        "2026-03-01T10:00:00Z",
        "充值失败",
        Some("p1"),
        r#"{"order_id":"20240520001", "product":"王者荣耀 点券", "story":"钱扣了没到账", "error_message":"Error 5003"}"#,
    );
    let key = case(
        &store,
        "2026-03-02T10:00:00Z",
        "卡密无效",
        None,
        r#"{"order_id":"", "product":"Steam 100% card", "story":"卡密提示已使用 order 88_01"}"#,
    );
    let later = case(
        &store,
        "2026-03-03T10:00:00Z",
        "商品未到账",
        None,
        r#"{"story":"点券没到"}"#,
    );

    // Order number, Chinese substring, platform name, error text (ASCII case ignored).
    assert_eq!(ids(&store, "20240520001"), [topup.as_str()]);
    assert_eq!(
        ids(&store, "点券"),
        [later.as_str(), topup.as_str()],
        "newest first"
    );
    assert_eq!(ids(&store, "星辰"), [topup.as_str()]);
    assert_eq!(ids(&store, "error 5003"), [topup.as_str()]);
    // Every word must match: 点券 is in two cases, 王者 only in one.
    assert_eq!(ids(&store, "点券 王者"), [topup.as_str()]);
    // LIKE's wildcards mean themselves.
    assert_eq!(ids(&store, "100%"), [key.as_str()]);
    assert_eq!(ids(&store, "88_01"), [key.as_str()]);
    assert!(ids(&store, "8%01").is_empty());
    // A word JSON writes escaped (a quote) is still found in the text as written.
    let quoted = case(
        &store,
        "2026-03-04T10:00:00Z",
        "商品未到账",
        None,
        r#"{"story":"客服说\"已发货\"但没收到"}"#,
    );
    assert_eq!(ids(&store, "\"已发货\""), [quoted.as_str()]);
    // JSON keys are not searched: "order_id" is in every row's JSON, not in what anyone wrote.
    assert!(ids(&store, "order_id").is_empty());
    assert!(ids(&store, "  ").is_empty());

    // A ticket number the platform gave on a contact finds its case.
    store
        .add_contact(
            &later,
            &NewContact {
                at: "2026-03-03T11:00:00Z".into(),
                channel: "ticket".into(),
                outcome: "promised".into(),
                note: String::new(),
                reference: Some("T-7781".into()),
                status: None,
            },
        )
        .unwrap();
    assert_eq!(ids(&store, "t-7781"), [later.as_str()]);

    // Paging keeps the list's order.
    assert_eq!(store.search_cases("点券", 1, 1).unwrap()[0].id, topup);
}

#[test]
fn too_many_or_too_long_words_are_refused_by_name() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let err = store.search_cases(&"a ".repeat(9), 0, 10).unwrap_err();
    assert!(err.to_string().contains("query"), "{err}");
    assert!(store.search_cases(&"长".repeat(101), 0, 10).is_err());
}
