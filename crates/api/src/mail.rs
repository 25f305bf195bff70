//! E-mail from a case, for the app's screens and the CLI: the presets (QQ邮箱, 163/126, Gmail)
//! with their password help; the user's mailboxes (the password only ever goes to the OS
//! keychain, bound to the address and IMAP server); "test connection"; sending the case's
//! composed e-mail with the chosen evidence (never twice: a pending row is written before SMTP
//! is asked); and a case's sent e-mails and answers. The answers themselves are found by the
//! tracker (`reachright_engine::mail`).

use serde::{Deserialize, Serialize};
#[cfg(test)]
use ts_rs::TS;

use reachright_core::Lang;
use reachright_domain::record::stamp;
use reachright_domain::StoredCase;
use reachright_engine::mail::account_of;
use reachright_engine::secrets;
use reachright_mail::compose::{self, Draft, Evidence};
use reachright_mail::{imap, presets, smtp, Account, Endpoint, Security};
use reachright_store::{
    MailAccountRow, MailAnswerRow, MailFileRow, MailSentRow, NewContact, NewMailSent,
};
use reachright_vault::Vault;

use crate::error::{Error, Result};
use crate::tracking::SkippedAttachment;
use crate::Call;

/// A provider's servers and what password it wants, in the user's language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct MailPresetView {
    /// `qq`, `163`, `126`, `gmail`.
    pub id: String,
    pub name: String,
    pub domains: Vec<String>,
    pub imap_host: String,
    pub imap_port: u16,
    pub smtp_host: String,
    pub smtp_port: u16,
    /// `tls`, `starttls` or `plain`.
    pub security: String,
    /// What to enter as the password (授权码 / app password) and where to get it.
    pub password_help: String,
}

/// The mailbox form. `password`: `None` (or empty) on an edit keeps the saved one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct MailAccountForm {
    pub name: String,
    pub email: String,
    pub imap_host: String,
    pub imap_port: u16,
    pub smtp_host: String,
    pub smtp_port: u16,
    /// `tls`, `starttls` or `plain` (plain only for a server on this computer).
    pub security: String,
    pub password: Option<String>,
}

/// A mailbox as listed (never its password).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct MailAccountView {
    pub name: String,
    pub email: String,
    pub imap_host: String,
    pub imap_port: u16,
    pub smtp_host: String,
    pub smtp_port: u16,
    pub security: String,
    /// The preset the address belongs to, if any.
    pub preset: Option<String>,
    /// Whether a password for this address and server is in the keychain (`None`: the
    /// keychain could not be asked).
    pub password_saved: Option<bool>,
    /// The last poll's failure code (`mail_login`, `mail_tls`, `mail_connect` …), if it failed.
    pub last_error: Option<String>,
    pub next_poll_at: Option<String>,
    /// E-mails sent from it.
    pub sent: u32,
}

/// What "test connection" found (a failure is an error naming the step: `mail_connect`,
/// `mail_tls`, `mail_login`, `mail_folder`, with `field` where a form field is to blame).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct MailTestResult {
    pub inbox_messages: u32,
    /// Where sent e-mails are filed (`None`: no Sent folder found; they are still sent).
    pub sent_folder: Option<String>,
}

/// "发送邮件（带证据）".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct MailSendForm {
    pub case_id: String,
    pub account: String,
    pub to: String,
    /// The evidence to attach, by id; `None` attaches all of the case's evidence.
    pub evidence_ids: Option<Vec<String>>,
    /// An earlier send of this e-mail did not finish and is not in the Sent folder: send it
    /// again anyway (the user checked their mailbox).
    pub resend: bool,
}

/// One e-mail sent from a case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct MailSentView {
    pub id: i64,
    pub case_id: String,
    pub account: String,
    pub to: String,
    pub subject: String,
    pub message_id: String,
    /// `pending` (a send that did not finish) or `sent`.
    pub state: String,
    pub created_at: String,
    pub sent_at: Option<String>,
}

/// What sending did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct MailSendResult {
    pub sent: MailSentView,
    pub attached: Vec<String>,
    pub skipped: Vec<SkippedAttachment>,
    pub location_removed: Vec<String>,
    /// The evidence went as one zip (more than 5 files).
    pub zipped: bool,
    /// The Sent folder it was filed in; `None` with `filed_error` when filing failed (the
    /// e-mail was sent all the same), or when the server files it itself (Gmail).
    pub filed_in: Option<String>,
    pub filed_error: Option<String>,
    /// An earlier, unfinished send was found in the Sent folder and recorded: nothing new went out.
    pub recovered: bool,
}

/// An answer on a case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct MailAnswerView {
    pub id: i64,
    pub case_id: String,
    pub account: String,
    pub from: String,
    pub subject: String,
    pub text: String,
    pub received_at: String,
    /// `thread` (it answers our Message-ID) or `order_number` (the subject's order number,
    /// from the address we wrote to).
    pub matched_by: String,
    /// Its attachments, kept as the case's evidence (the platform's own proof).
    pub attachments: Vec<MailAnswerFile>,
}

/// One attachment of an answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct MailAnswerFile {
    pub name: String,
    /// The evidence item it was kept as; `None` while it waits for the evidence vault to be
    /// unlocked, or when it could not be kept (`problem`).
    pub evidence_id: Option<String>,
    /// Why it could not be kept (`too_large`, `bad_image`, `mail_attachment_gone` …), in words.
    pub problem: Option<String>,
}

/// A case's e-mails and their answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct CaseMail {
    pub sent: Vec<MailSentView>,
    pub answers: Vec<MailAnswerView>,
}

fn preset_view(p: &presets::Preset, lang: Lang) -> MailPresetView {
    MailPresetView {
        id: p.id.into(),
        name: lang.pick(p.name_zh, p.name_en).into(),
        domains: p.domains.iter().map(|d| (*d).to_string()).collect(),
        imap_host: p.imap_host.into(),
        imap_port: p.imap_port,
        smtp_host: p.smtp_host.into(),
        smtp_port: p.smtp_port,
        security: p.security.code().into(),
        password_help: lang.pick(p.password_help_zh, p.password_help_en).into(),
    }
}

/// The mailboxes we have presets for.
pub fn presets(call: &Call<'_>) -> Vec<MailPresetView> {
    presets::PRESETS
        .iter()
        .map(|p| preset_view(p, call.lang))
        .collect()
}

/// The preset for an address as it is typed (`None`: enter the servers by hand); an Outlook,
/// Hotmail, Live or MSN address is the error `mail_oauth_only` at once.
pub fn preset_for(call: &Call<'_>, email: &str) -> Result<Option<MailPresetView>> {
    presets::check_address(email)?;
    Ok(presets::for_address(email).map(|p| preset_view(p, call.lang)))
}

fn account_from(form: &MailAccountForm) -> Result<Account> {
    Ok(Account::new(
        &form.name,
        &form.email,
        Endpoint::new("imap_host", &form.imap_host, form.imap_port)?,
        Endpoint::new("smtp_host", &form.smtp_host, form.smtp_port)?,
        Security::parse(&form.security)?,
    )?)
}

fn view(call: &Call<'_>, row: &MailAccountRow) -> Result<MailAccountView> {
    let sent = call.store.mail_sent_from(&row.name)?.len();
    Ok(MailAccountView {
        name: row.name.clone(),
        email: row.email.clone(),
        imap_host: row.imap_host.clone(),
        imap_port: row.imap_port,
        smtp_host: row.smtp_host.clone(),
        smtp_port: row.smtp_port,
        security: row.security.clone(),
        preset: presets::for_address(&row.email).map(|p| p.id.to_string()),
        password_saved: secrets::mail_password(&row.name, &row.email, &row.imap_host)
            .ok()
            .map(|p| p.is_some()),
        last_error: row.last_error.clone(),
        next_poll_at: row.next_poll_at.clone(),
        sent: u32::try_from(sent).unwrap_or(u32::MAX),
    })
}

/// The mailboxes, by name.
pub fn list_accounts(call: &Call<'_>) -> Result<Vec<MailAccountView>> {
    call.store
        .mail_accounts()?
        .iter()
        .map(|r| view(call, r))
        .collect()
}

fn blank(p: Option<&str>) -> Option<&str> {
    p.filter(|s| !s.trim_end_matches(['\r', '\n']).is_empty())
}

/// Add a mailbox or change it. The password goes to the keychain first (a refused keychain
/// stores nothing); without a new password the saved one must still fit the address and server.
pub fn save_account(call: &Call<'_>, form: &MailAccountForm) -> Result<MailAccountView> {
    let account = account_from(form)?;
    match blank(form.password.as_deref()) {
        Some(p) => {
            secrets::save_mail_password(&account.name, &account.email, &account.imap.host, p)?
        }
        None => {
            if secrets::mail_password(&account.name, &account.email, &account.imap.host)?.is_none()
            {
                return Err(Error::invalid(
                    "password",
                    "enter the mailbox's password (授权码 / app password): none is saved for this address and server",
                ));
            }
        }
    }
    let row = call.store.save_mail_account(&MailAccountRow {
        name: account.name.clone(),
        email: account.email.clone(),
        imap_host: account.imap.host.clone(),
        imap_port: account.imap.port,
        smtp_host: account.smtp.host.clone(),
        smtp_port: account.smtp.port,
        security: account.security.code().into(),
        keeps_sent: account.server_keeps_sent,
        created_at: stamp(call.now),
        uid_validity: None,
        last_uid: 0,
        next_poll_at: None,
        failures: 0,
        last_error: None,
    })?;
    view(call, &row)
}

/// Remove a mailbox and forget its password. What it sent and received stays on the cases.
pub fn remove_account(call: &Call<'_>, name: &str) -> Result<()> {
    call.store.delete_mail_account(name)?;
    secrets::delete_mail_password(name)?;
    Ok(())
}

/// Try both servers with the form's settings (and its password, else the saved one): the first
/// step that fails is the error.
pub fn test_connection(call: &Call<'_>, form: &MailAccountForm) -> Result<MailTestResult> {
    let _ = call;
    let account = account_from(form)?;
    let password = match blank(form.password.as_deref()) {
        Some(p) => p.trim_end_matches(['\r', '\n']).to_string(),
        None => secrets::mail_password(&account.name, &account.email, &account.imap.host)?
            .ok_or_else(|| Error::invalid("password", "enter the mailbox's password to test it"))?,
    };
    let t = reachright_mail::test_connection(&account, &password)?;
    Ok(MailTestResult {
        inbox_messages: t.inbox_messages,
        sent_folder: t.sent_folder,
    })
}

fn sent_view(r: &MailSentRow) -> MailSentView {
    MailSentView {
        id: r.id,
        case_id: r.case_id.clone(),
        account: r.account.clone(),
        to: r.to_addr.clone(),
        subject: r.subject.clone(),
        message_id: r.message_id.clone(),
        state: r.state.clone(),
        created_at: r.created_at.clone(),
        sent_at: r.sent_at.clone(),
    }
}

fn file_view(f: &MailFileRow, lang: Lang) -> MailAnswerFile {
    MailAnswerFile {
        name: f.name.clone(),
        evidence_id: f.evidence_id.clone(),
        problem: f.problem.as_deref().map(|code| {
            match code {
                "too_large" => lang.pick(
                    "文件太大，没有存入证据；请在邮箱里保存。",
                    "Too large to keep as evidence; save it from your mailbox.",
                ),
                "mail_attachment_gone" => lang.pick(
                    "邮箱里已找不到这封邮件或附件。",
                    "The message or attachment is no longer in the mailbox.",
                ),
                _ => lang.pick(
                    "文件无法读取（损坏或不是它声称的格式），没有存入证据；请在邮箱里查看。",
                    "The file could not be read (damaged, or not what it claims to be); open it in your mailbox.",
                ),
            }
            .to_string()
        }),
    }
}

fn answer_view(r: &MailAnswerRow, files: &[MailFileRow], lang: Lang) -> MailAnswerView {
    MailAnswerView {
        id: r.id,
        case_id: r.case_id.clone(),
        account: r.account.clone(),
        from: r.from_addr.clone(),
        subject: r.subject.clone(),
        text: r.text.clone(),
        received_at: r.received_at.clone(),
        matched_by: r.matched_by.clone(),
        attachments: files
            .iter()
            .filter(|f| f.answer_id == r.id)
            .map(|f| file_view(f, lang))
            .collect(),
    }
}

/// A case's e-mails (pending ones included) and the answers found so far.
pub fn case_mail(call: &Call<'_>, case_id: &str) -> Result<CaseMail> {
    call.store.get_case(case_id)?;
    Ok(CaseMail {
        sent: call
            .store
            .mail_sent_for_case(case_id)?
            .iter()
            .map(sent_view)
            .collect(),
        answers: {
            let files = call.store.mail_files_for_case(case_id)?;
            call.store
                .mail_answers_for_case(case_id)?
                .iter()
                .map(|a| answer_view(a, &files, call.lang))
                .collect()
        },
    })
}

/// The chosen evidence, decrypted (location removal happens in the composer).
fn evidence(
    vault: Option<&Vault>,
    case_id: &str,
    ids: Option<&[String]>,
    lang: Lang,
) -> Result<(Vec<Evidence>, Vec<SkippedAttachment>)> {
    let wanted_any = ids.is_none_or(|i| !i.is_empty());
    let Some(vault) = vault else {
        let skipped = wanted_any.then(|| SkippedAttachment {
            name: String::new(),
            code: "vault_locked".into(),
            reason: lang
                .pick(
                    "证据库未解锁，邮件没有附上证据。",
                    "The evidence vault is locked: no evidence was attached.",
                )
                .into(),
        });
        return Ok((Vec::new(), skipped.into_iter().collect()));
    };
    let items = vault.list(case_id)?;
    if let Some(ids) = ids {
        if let Some(unknown) = ids.iter().find(|id| !items.iter().any(|i| &i.id == *id)) {
            return Err(Error::invalid(
                "evidence_ids",
                format!("{unknown:?} is not evidence of this case"),
            ));
        }
    }
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    for item in items
        .iter()
        .filter(|i| ids.is_none_or(|ids| ids.contains(&i.id)))
    {
        match vault.read(&item.id) {
            Ok((row, bytes)) => out.push(Evidence {
                name: row.original_name,
                media_type: row.media_type,
                bytes,
            }),
            Err(e) => skipped.push(SkippedAttachment {
                name: item.original_name.clone(),
                code: "unreadable".into(),
                reason: e.to_string(),
            }),
        }
    }
    Ok((out, skipped))
}

fn skipped_of(s: compose::Skipped, lang: Lang) -> SkippedAttachment {
    let (zh, en) = s
        .reason
        .split_once(" · ")
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .unwrap_or((s.reason.clone(), s.reason.clone()));
    SkippedAttachment {
        name: s.name,
        code: s.code,
        reason: lang.fill(
            "无法移除位置信息（{why}），没有附上；如确认可以公开拍摄地点，请导出证据包另行发送。",
            "Location data could not be removed ({why}): not attached; if it may show where it was taken, export the evidence and send it yourself.",
            &[("why", if lang == Lang::En { &en } else { &zh })],
        ),
    }
}

fn contact(call: &Call<'_>, subject: &str, to: &str, message_id: &str) -> NewContact {
    NewContact {
        at: stamp(call.now),
        channel: "email".into(),
        outcome: "pending".into(),
        note: format!("{subject} → {to}"),
        reference: Some(message_id.to_string()),
        status: Some(reachright_domain::Status::Waiting.code().into()),
    }
}

fn password_of(row: &MailAccountRow) -> Result<String> {
    secrets::mail_password(&row.name, &row.email, &row.imap_host)?.ok_or_else(|| {
        Error::invalid(
            "password",
            "no password is saved for this mailbox: enter it again in 设置 → 邮箱",
        )
    })
}

/// An unfinished earlier send: if the Sent folder has it, it went out (recorded now, nothing
/// sent again); else it is an error unless the user asked to send again.
fn recover(
    call: &Call<'_>,
    account: &Account,
    password: &str,
    pending: &MailSentRow,
    resend: bool,
) -> Result<Option<MailSendResult>> {
    let mut session = imap::connect(account, password)?;
    let folder = session.sent_folder()?;
    let found = match &folder {
        Some(f) => session.holds(f, &pending.message_id)?,
        None => false,
    };
    session.logout();
    if found {
        let (row, _) = call.store.finish_mail_send(
            pending.id,
            &stamp(call.now),
            &contact(
                call,
                &pending.subject,
                &pending.to_addr,
                &pending.message_id,
            ),
        )?;
        return Ok(Some(MailSendResult {
            sent: sent_view(&row),
            attached: Vec::new(),
            skipped: Vec::new(),
            location_removed: Vec::new(),
            zipped: false,
            filed_in: folder,
            filed_error: None,
            recovered: true,
        }));
    }
    if !resend {
        return Err(Error::invalid(
            "resend",
            "an earlier send of this e-mail did not finish and may have gone out: look in your mailbox's Sent folder; send again only if it is not there",
        ));
    }
    call.store.drop_mail_send(pending.id)?;
    Ok(None)
}

/// Send the case's composed e-mail with the chosen evidence from `form.account` to `form.to`,
/// log the contact (e-mail, pending, its Message-ID) and file a copy in the Sent folder.
pub fn send(call: &Call<'_>, vault: Option<&Vault>, form: &MailSendForm) -> Result<MailSendResult> {
    let row = call.store.mail_account(&form.account)?;
    let account = account_of(&row)?;
    let to = form.to.trim().to_string();
    presets::domain_of(&to)
        .map_err(|_| Error::invalid("to", format!("{to:?} is not an e-mail address")))?;
    let password = password_of(&row)?;
    if let Some(pending) = call.store.pending_mail(&form.case_id, &row.name, &to)? {
        if let Some(done) = recover(call, &account, &password, &pending, form.resend)? {
            return Ok(done);
        }
    }
    let case = StoredCase::load(call.store, &form.case_id)?;
    let send = reachright_domain::settings::send_lang(call.store)?;
    let (subject, body) = case.email(call.now, call.lang, send)?;
    let (files, mut skipped) = evidence(
        vault,
        &form.case_id,
        form.evidence_ids.as_deref(),
        call.lang,
    )?;
    let composed = compose::compose(
        Draft {
            from: account.email.clone(),
            to: to.clone(),
            subject: subject.clone(),
            body,
            evidence: files,
            zip_name: call.lang.pick("证据材料.zip", "evidence.zip").into(),
        },
        call.now.with_timezone(&chrono::Utc),
    )?;
    skipped.extend(
        composed
            .skipped
            .iter()
            .cloned()
            .map(|s| skipped_of(s, call.lang)),
    );
    let pending = call.store.begin_mail_send(&NewMailSent {
        case_id: form.case_id.clone(),
        account: row.name.clone(),
        message_id: composed.message_id.clone(),
        to_addr: to.clone(),
        subject: subject.clone(),
        created_at: stamp(call.now),
    })?;
    if let Err(e) = smtp::send(&account, &password, &to, &composed.bytes) {
        if !e.maybe_sent {
            call.store.drop_mail_send(pending.id)?;
        }
        return Err(e.error.into());
    }
    let (row_sent, _) = call.store.finish_mail_send(
        pending.id,
        &stamp(call.now),
        &contact(call, &subject, &to, &composed.message_id),
    )?;
    let (filed_in, filed_error) = if account.server_keeps_sent {
        (None, None)
    } else {
        match file_in_sent(&account, &password, &composed.bytes) {
            Ok(f) => (f, None),
            Err(e) => (None, Some(e.code().to_string())),
        }
    };
    Ok(MailSendResult {
        sent: sent_view(&row_sent),
        attached: composed.attached,
        skipped,
        location_removed: composed.location_removed,
        zipped: composed.zipped,
        filed_in,
        filed_error,
        recovered: false,
    })
}

/// IMAP APPEND to the Sent folder, so the user's own mail program shows what was sent.
fn file_in_sent(
    account: &Account,
    password: &str,
    message: &[u8],
) -> reachright_mail::Result<Option<String>> {
    let mut session = imap::connect(account, password)?;
    let folder = session.sent_folder()?;
    if let Some(f) = &folder {
        session.append(f, message)?;
    }
    session.logout();
    Ok(folder)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, FixedOffset};
    use reachright_store::Store;

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-12-03T12:00:00+08:00").expect("now")
    }

    fn form(name: &str, host: &str, security: &str, password: Option<&str>) -> MailAccountForm {
        MailAccountForm {
            name: name.into(),
            email: "buyer@163.com".into(),
            imap_host: host.into(),
            imap_port: 1,
            smtp_host: host.into(),
            smtp_port: 1,
            security: security.into(),
            password: password.map(Into::into),
        }
    }

    #[test]
    fn presets_come_with_their_password_help_and_outlook_is_refused() {
        let dir = tempfile::tempdir().expect("tmp");
        let store = Store::open(dir.path()).expect("store");
        let call = Call::new(&store, now(), Lang::Zh);
        let p = preset_for(&call, "me@163.com").expect("ok").expect("163");
        assert_eq!(
            (p.id.as_str(), p.imap_host.as_str(), p.smtp_port),
            ("163", "imap.163.com", 465)
        );
        assert!(p.password_help.contains("授权码"), "{}", p.password_help);
        assert_eq!(presets(&call).len(), 4);
        let e = preset_for(&call, "me@hotmail.com").expect_err("oauth only");
        assert_eq!((e.code(), e.field()), ("mail_oauth_only", Some("email")));
    }

    #[test]
    fn the_password_goes_to_the_keychain_only_and_a_sure_failure_leaves_nothing_pending() {
        crate::tracking::tests::keychain();
        let dir = tempfile::tempdir().expect("tmp");
        let store = Store::open(dir.path()).expect("store");
        let call = Call::new(&store, now(), Lang::Zh);
        let secret = "s3cret-授权码-api-test";
        let e = save_account(
            &call,
            &form("remote", "imap.example.com", "plain", Some(secret)),
        )
        .expect_err("plain over the network");
        assert_eq!(
            (e.code(), e.field()),
            ("mail_plain_not_loopback", Some("security"))
        );
        let e = save_account(&call, &form("nopw", "127.0.0.1", "plain", None))
            .expect_err("no password");
        assert_eq!(e.field(), Some("password"));
        let v =
            save_account(&call, &form("local", "127.0.0.1", "plain", Some(secret))).expect("saved");
        assert_eq!(v.password_saved, Some(true));
        drop(store);
        for entry in std::fs::read_dir(dir.path()).expect("dir").flatten() {
            let bytes = std::fs::read(entry.path()).unwrap_or_default();
            assert!(
                !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
                "the password is in {}",
                entry.path().display()
            );
        }
        let store = Store::open(dir.path()).expect("store");
        let call = Call::new(&store, now(), Lang::Zh);
        let case =
            crate::evidence::create_from_story(&call, "订单号20261203001，今天买的100元点卡没到账")
                .expect("case")
                .summary
                .id;
        // Port 1 on loopback refuses the connection: nothing was sent, nothing stays pending.
        let e = send(
            &call,
            None,
            &MailSendForm {
                case_id: case.clone(),
                account: "local".into(),
                to: "kefu@shop.example".into(),
                evidence_ids: Some(Vec::new()),
                resend: false,
            },
        )
        .expect_err("refused");
        assert_eq!(e.code(), "mail_connect", "{e}");
        assert!(case_mail(&call, &case).expect("mail").sent.is_empty());
        assert!(store.contacts(&case).expect("contacts").is_empty());
        remove_account(&call, "local").expect("removed");
        assert!(list_accounts(&call).expect("list").is_empty());
    }
}
