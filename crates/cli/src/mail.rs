//! `mail add|list|send`: e-mail from a case for scripts and tests. The password goes from
//! `REACHRIGHT_MAIL_PASSWORD` (or stdin) straight into the OS keychain, never an argument (it
//! would show in `ps` and shell history) and never printed; `plain` is refused unless both
//! servers are on this computer. Answers are found by `track` (a JSON line
//! `{"case","kind":"reply","channel":"email","text"}` each, once).

use std::io::{self, Read};
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};
use clap::Subcommand;
use reachright_api::mail::{self, MailAccountForm, MailSendForm};
use reachright_api::Call;
use reachright_core::Lang;
use reachright_engine::secrets;
use reachright_mail::Endpoint;

use crate::evidence::{open_store, open_vault};

/// The environment variable the mailbox password is read from (else stdin).
pub const PASSWORD_ENV: &str = "REACHRIGHT_MAIL_PASSWORD";

#[derive(Subcommand)]
pub enum MailAction {
    /// Add a mailbox (or change it); the password (授权码 / app password) goes to the OS keychain.
    Add {
        name: String,
        #[arg(long)]
        email: String,
        /// HOST:PORT, e.g. imap.qq.com:993.
        #[arg(long)]
        imap: String,
        /// HOST:PORT, e.g. smtp.qq.com:465.
        #[arg(long)]
        smtp: String,
        /// tls (implicit), starttls, or plain (only for servers on this computer).
        #[arg(long, default_value = "tls")]
        security: String,
    },
    /// List the mailboxes (never their passwords), one JSON line each.
    List,
    /// Send the case's e-mail (subject 订单号-问题类型-紧急程度, contact details at the end) with
    /// the case's evidence attached; prints its Message-ID.
    Send {
        case: String,
        #[arg(long)]
        account: String,
        #[arg(long)]
        to: String,
        /// An earlier send of this e-mail did not finish and is not in the Sent folder (you
        /// looked): send it again.
        #[arg(long)]
        resend: bool,
    },
}

fn read_password() -> Result<String, String> {
    let p = match std::env::var(PASSWORD_ENV) {
        Ok(p) if !p.is_empty() => p,
        _ => {
            let mut p = String::new();
            io::stdin()
                .read_to_string(&mut p)
                .map_err(|e| format!("cannot read the password from stdin: {e}"))?;
            p
        }
    };
    let p = p.trim_end_matches(['\r', '\n']).to_string();
    if p.is_empty() {
        return Err(format!(
            "no password: set {PASSWORD_ENV} or pipe the password (授权码 / app password) on stdin"
        ));
    }
    Ok(p)
}

pub fn run(
    action: MailAction,
    data_dir: Option<PathBuf>,
    now: DateTime<FixedOffset>,
    lang: Lang,
) -> Result<(), String> {
    let store = open_store(data_dir)?;
    let call = Call::new(&store, now, lang);
    match action {
        MailAction::Add {
            name,
            email,
            imap,
            smtp,
            security,
        } => {
            let imap = Endpoint::parse("imap", &imap).map_err(|e| e.to_string())?;
            let smtp = Endpoint::parse("smtp", &smtp).map_err(|e| e.to_string())?;
            let mut form = MailAccountForm {
                name,
                email,
                imap_host: imap.host,
                imap_port: imap.port,
                smtp_host: smtp.host,
                smtp_port: smtp.port,
                security,
                password: None,
            };
            // The settings are checked before a secret is asked for (an Outlook address, plain
            // over the network): a script fails at once, and no password is read for nothing.
            mail::preset_for(&call, &form.email).map_err(|e| e.to_string())?;
            if form.security.trim().eq_ignore_ascii_case("plain") {
                for (host, field) in [(&form.imap_host, "imap"), (&form.smtp_host, "smtp")] {
                    let e = Endpoint::new(field, host, 1).map_err(|e| e.to_string())?;
                    if !e.is_loopback() {
                        return Err(reachright_mail::Error::PlainNotLoopback {
                            host: host.clone(),
                        }
                        .to_string());
                    }
                }
            }
            form.password = Some(read_password()?);
            secrets::use_os_keychain().map_err(|e| e.to_string())?;
            let view = mail::save_account(&call, &form).map_err(|e| e.to_string())?;
            println!("{}", view.name);
            Ok(())
        }
        MailAction::List => {
            // Without a keychain the list still shows; `password_saved` is then null.
            let _ = secrets::use_os_keychain();
            for a in mail::list_accounts(&call).map_err(|e| e.to_string())? {
                let line = serde_json::json!({
                    "name": a.name, "email": a.email,
                    "imap": format!("{}:{}", a.imap_host, a.imap_port),
                    "smtp": format!("{}:{}", a.smtp_host, a.smtp_port),
                    "security": a.security, "preset": a.preset,
                    "password_saved": a.password_saved, "sent": a.sent,
                    "last_error": a.last_error,
                });
                println!("{line}");
            }
            Ok(())
        }
        MailAction::Send {
            case,
            account,
            to,
            resend,
        } => {
            secrets::use_os_keychain().map_err(|e| e.to_string())?;
            let has_evidence = !store.evidence(&case).map_err(|e| e.to_string())?.is_empty();
            let vault = if has_evidence {
                match open_vault(store.clone()) {
                    Ok(v) => Some(v),
                    Err(why) => {
                        eprintln!("reachright-cli: warning: the evidence vault cannot be opened ({why}); the e-mail is sent without attachments");
                        None
                    }
                }
            } else {
                None
            };
            let out = mail::send(
                &call,
                vault.as_ref(),
                &MailSendForm {
                    case_id: case,
                    account,
                    to,
                    evidence_ids: None,
                    resend,
                },
            )
            .map_err(|e| match e.field() {
                Some("resend") => format!("{e} (then run again with --resend)"),
                _ => e.to_string(),
            })?;
            for name in &out.attached {
                eprintln!("reachright-cli: attached {name}");
            }
            for s in out
                .skipped
                .iter()
                .filter(|s| s.code != "vault_locked" || has_evidence)
            {
                eprintln!("reachright-cli: not attached {}: {}", s.name, s.reason);
            }
            if out.zipped {
                eprintln!("reachright-cli: the evidence went as one zip");
            }
            match (&out.filed_in, &out.filed_error) {
                (Some(f), _) => eprintln!("reachright-cli: filed in {f}"),
                (None, Some(code)) => eprintln!(
                    "reachright-cli: warning: sent, but not filed in the Sent folder ({code})"
                ),
                _ => {}
            }
            if out.recovered {
                eprintln!(
                    "reachright-cli: an earlier send had gone out: recorded, nothing sent again"
                );
            }
            println!("{}", out.sent.message_id);
            Ok(())
        }
    }
}
