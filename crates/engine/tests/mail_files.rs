//! An answer's attachments into the evidence vault: a real MIME answer parsed as the tracker
//! parses it, a real vault (keyed through the mock keychain), and the store's waiting list.

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use reachright_core::Lang;
use reachright_engine::mail_files::keep_from;
use reachright_store::{NewCase, NewEvent, NewMailAnswer, Store};
use reachright_vault::{Unlock, Vault};

/// A 1×1 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0,
    0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

fn b64(bytes: &[u8]) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for c in bytes.chunks(3) {
        let n = (u32::from(c[0]) << 16)
            | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
            | u32::from(*c.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= c.len() {
                out.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The platform's answer: text, a receipt PNG with a Chinese name, a PNG cut short, a note.
fn answer_mime() -> Vec<u8> {
    let part = |ctype: &str, name: &str, body: &[u8]| {
        format!(
            "--b\r\nContent-Type: {ctype}\r\nContent-Disposition: attachment; filename*=UTF-8''{name}\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n",
            b64(body)
        )
    };
    let mut m = String::from(
        "From: kefu@shop.example\r\nTo: buyer@example.test\r\nSubject: Re: 20240520001\r\nMessage-ID: <a1@shop.example>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nRefunded, receipt attached.\r\n",
    );
    m += &part("image/png", "%E5%9B%9E%E6%89%A7.png", PNG);
    m += &part("image/png", "cut.png", &PNG[..40]);
    m += &part("text/plain", "note.txt", b"order 20240520001 refunded");
    m += "--b--\r\n";
    m.into_bytes()
}

#[test]
fn an_answers_attachments_become_the_cases_evidence_once() {
    let tmp = tempfile::tempdir().expect("tmp");
    let store = Arc::new(Store::open(tmp.path()).expect("store"));
    let case = store
        .create_case(&NewCase {
            at: "2026-12-03T01:00:00Z".into(),
            title: "点卡未到账".into(),
            platform_id: None,
            intake_json: "{}".into(),
        })
        .expect("case")
        .id;
    let parsed = reachright_mail::parse::answer(&answer_mime()).expect("parse");
    let names: Vec<String> = parsed.attachments.iter().map(|a| a.name.clone()).collect();
    assert_eq!(names, ["回执.png", "cut.png", "note.txt"]);

    let (row, _) = store
        .record_mail_answer(&NewMailAnswer {
            case_id: case.clone(),
            account: "qq".into(),
            message_id: "a1@shop.example".into(),
            sent_id: None,
            from_addr: "kefu@shop.example".into(),
            subject: parsed.head.subject.clone(),
            text: parsed.text.clone(),
            received_at: "2026-12-03T03:00:00Z".into(),
            matched_by: "order_number".into(),
            uid_validity: Some(1),
            uid: Some(5),
            files: names,
            event: NewEvent {
                at: "2026-12-03T03:00:00Z".into(),
                kind: "email_reply".into(),
                summary: parsed.text.clone(),
                data_json: None,
            },
            notifications: Vec::new(),
        })
        .expect("record")
        .expect("new");

    let unlock = Unlock {
        keychain: Some(keyring_core::mock::Store::new().expect("mock")),
        ..Unlock::default()
    };
    let (vault, _) = Vault::open(store.clone(), &unlock).expect("vault");
    let now = Utc.with_ymd_and_hms(2026, 12, 3, 3, 0, 1).unwrap();
    let waiting = store.mail_files_waiting("qq").expect("waiting");
    assert_eq!(waiting.len(), 3);
    assert!(waiting.iter().all(|f| f.answer_id == row.id));

    let done =
        keep_from(&store, &vault, &waiting, &parsed.attachments, Lang::Zh, now).expect("keep");
    assert_eq!((done.kept, done.refused), (2, 1));
    assert!(store.mail_files_waiting("qq").expect("none").is_empty());

    let files = store.mail_files_for_case(&case).expect("files");
    let receipt = files[0].evidence_id.clone().expect("receipt kept");
    let (item, bytes) = vault.read(&receipt).expect("read back");
    assert_eq!(bytes, PNG, "the receipt is kept byte for byte");
    assert_eq!(
        (item.kind.as_str(), item.original_name.as_str()),
        ("chat", "回执.png")
    );
    assert!(item.caption.contains("20240520001"), "{}", item.caption);
    assert!(files[1].evidence_id.is_none());
    assert!(
        matches!(
            files[1].problem.as_deref(),
            Some("bad_image" | "unreadable")
        ),
        "{:?}",
        files[1].problem
    );
    assert!(files[2].evidence_id.is_some());
    assert_eq!(vault.list(&case).expect("list").len(), 2);

    // Nothing waits any more: keeping again stores nothing twice.
    let again = keep_from(&store, &vault, &[], &parsed.attachments, Lang::Zh, now).expect("again");
    assert_eq!((again.kept, again.refused), (0, 0));
    assert_eq!(vault.list(&case).expect("list").len(), 2);
}
