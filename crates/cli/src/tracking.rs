//! `helpdesk add|list`, `ticket create` and `track [--once]`: the tracker for scripts, cron and
//! tests. Tokens go from `REACHRIGHT_TOKEN` (or stdin) straight into the OS keychain and are
//! never printed, logged or written anywhere else; without a reachable keychain the command
//! fails and says so.

use reachright_api::Call;
use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, Utc};
use clap::{Args, Subcommand, ValueEnum};
use reachright_connectors::{AnyHelpdesk, Manual};
use reachright_core::Lang;
use reachright_engine::clock::stamp;
use reachright_engine::runner::{self, Host};
use reachright_engine::{desks, secrets};
use reachright_engine::{Clock, Desktop, FakeClock, Notifier, Prefs, SyncReport, SystemClock};
use reachright_store::{HelpdeskRow, NotificationRow, Store};

use crate::evidence::{open_store, open_vault};

/// The environment variable a helpdesk token is read from (else stdin).
pub const TOKEN_ENV: &str = "REACHRIGHT_TOKEN";

#[derive(Subcommand)]
pub enum HelpdeskAction {
    /// Add a helpdesk (or update its settings); the token goes to the OS keychain.
    Add {
        name: String,
        #[arg(long, value_enum)]
        kind: Kind,
        /// The helpdesk's web address (not needed for manual).
        #[arg(long, default_value = "")]
        url: String,
        /// RT: the queue new tickets go to.
        #[arg(long)]
        queue: Option<String>,
        /// Your address at the helpdesk (RT's Requestor; Zendesk API-token user).
        #[arg(long)]
        email: Option<String>,
    },
    /// List the helpdesks (never their tokens).
    List,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Kind {
    Rt,
    Zendesk,
    Manual,
}

impl Kind {
    fn code(self) -> &'static str {
        match self {
            Kind::Rt => "rt",
            Kind::Zendesk => "zendesk",
            Kind::Manual => "manual",
        }
    }
}

#[derive(Subcommand)]
pub enum TicketAction {
    /// Open the case's ticket on the helpdesk (subject 订单号-问题类型-紧急程度, the ticket text)
    /// and print its id.
    Create {
        case: String,
        #[arg(long)]
        helpdesk: String,
        /// Manual helpdesks: the ticket number the platform gave you.
        #[arg(long)]
        id: Option<String>,
    },
}

#[derive(Args)]
pub struct TrackArgs {
    /// One pass over everything due, then exit (prints each change as a JSON line).
    #[arg(long)]
    once: bool,
    /// Also show the notifications of the pass on the desktop (the kinds chosen in the settings)
    /// and print them to stderr. Without a notification server: a warning, and they stay in
    /// the in-app list.
    #[arg(long)]
    notify: bool,
}

fn runtime() -> Result<tokio::runtime::Runtime, String> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the async runtime: {e}"))
}

fn store(data_dir: Option<PathBuf>) -> Result<Arc<Store>, String> {
    open_store(data_dir)
}

fn read_token() -> Result<String, String> {
    let token = match std::env::var(TOKEN_ENV) {
        Ok(t) if !t.trim().is_empty() => t,
        _ => {
            let mut t = String::new();
            io::stdin()
                .read_to_string(&mut t)
                .map_err(|e| format!("cannot read the token from stdin: {e}"))?;
            t
        }
    };
    let token = token.trim().to_string();
    if token.is_empty() {
        return Err(format!(
            "no token: set {TOKEN_ENV} or pipe the token on stdin"
        ));
    }
    Ok(token)
}

pub fn helpdesk(
    action: HelpdeskAction,
    data_dir: Option<PathBuf>,
    now: DateTime<FixedOffset>,
) -> Result<(), String> {
    let store = store(data_dir)?;
    match action {
        HelpdeskAction::List => {
            for h in store.helpdesks().map_err(|e| e.to_string())? {
                let line = serde_json::json!({
                    "name": h.name, "kind": h.kind, "url": h.url,
                    "queue": h.queue, "email": h.email,
                });
                println!("{line}");
            }
            Ok(())
        }
        HelpdeskAction::Add {
            name,
            kind,
            url,
            queue,
            email,
        } => {
            let row = HelpdeskRow {
                name: name.trim().to_string(),
                kind: kind.code().into(),
                url: url.trim().trim_end_matches('/').to_string(),
                queue,
                email,
                created_at: stamp(now.with_timezone(&Utc)),
            };
            // Check the configuration before asking for a secret.
            row.check().map_err(|e| e.to_string())?;
            desks::config_of(&row).map_err(|e| e.to_string())?;
            if desks::needs_token(&row) {
                let token = read_token()?;
                secrets::use_os_keychain().map_err(|e| e.to_string())?;
                // Prove the connector accepts this config and token before storing anything.
                AnyHelpdesk::from_config(
                    &desks::config_of(&row).map_err(|e| e.to_string())?,
                    Some(&token),
                )
                .map_err(|e| e.to_string())?;
                save_with_token(&store, &row, &token)?;
            } else {
                store.save_helpdesk(&row).map_err(|e| e.to_string())?;
            }
            println!("{}", row.name);
            Ok(())
        }
    }
}

/// The token into the keychain first, then the row (as the app does): a refused keychain leaves
/// no helpdesk without its token behind, and a row that cannot be saved takes a newly saved
/// token back out. Then tickets stopped on refused credentials get another chance.
fn save_with_token(store: &Store, row: &HelpdeskRow, token: &str) -> Result<(), String> {
    let existed = store.helpdesk(&row.name).is_ok();
    secrets::save_token(&row.name, &row.url, token).map_err(|e| e.to_string())?;
    if let Err(e) = store.save_helpdesk(row) {
        if !existed {
            let _ = secrets::delete_token(&row.name);
        }
        return Err(e.to_string());
    }
    store
        .resume_helpdesk(&row.name, &row.created_at)
        .map_err(|e| e.to_string())?;
    Ok(())
}

pub fn ticket(
    action: TicketAction,
    data_dir: Option<PathBuf>,
    now: DateTime<FixedOffset>,
    lang: Lang,
) -> Result<(), String> {
    let TicketAction::Create { case, helpdesk, id } = action;
    let store = store(data_dir)?;
    let row = store.helpdesk(&helpdesk).map_err(|e| e.to_string())?;
    let desk = if row.kind == "manual" {
        let id =
            id.ok_or("a manual helpdesk needs --id: the ticket number the platform gave you")?;
        AnyHelpdesk::Manual(Manual::with_ticket(id))
    } else {
        secrets::use_os_keychain().map_err(|e| e.to_string())?;
        desks::connect(&row)
            .map_err(|e| e.to_string())?
            .ok_or_else(|| {
                format!("no token for helpdesk `{helpdesk}` in the keychain: add the helpdesk again with its token")
            })?
    };
    // The case's evidence goes with the ticket (manual helpdesks send nothing anywhere). The vault
    // is opened as `evidence add` opens it; if it cannot be, the ticket goes without attachments.
    let has_evidence = !store.evidence(&case).map_err(|e| e.to_string())?.is_empty();
    let vault = if row.kind == "manual" || !has_evidence {
        None
    } else {
        match open_vault(store.clone()) {
            Ok(v) => Some(v),
            Err(why) => {
                eprintln!(
                    "reachright-cli: warning: the evidence vault cannot be opened ({why}); the ticket is created without attachments"
                );
                None
            }
        }
    };
    let created = runtime()?
        .block_on(reachright_api::tracking::tickets::create_on(
            &Call::new(&store, now, lang),
            vault.as_ref(),
            &helpdesk,
            &desk,
            &case,
        ))
        .map_err(|e| e.to_string())?;
    for name in &created.attached {
        eprintln!("reachright-cli: attached {name}");
    }
    for s in &created.skipped {
        // "vault_locked" was said above, or there was nothing to attach.
        if s.code != "vault_locked" {
            eprintln!("reachright-cli: not attached {}: {}", s.name, s.reason);
        }
    }
    println!("{}", created.ticket.remote_id);
    Ok(())
}

/// Notifications of a pass on stderr, one line each (`--notify`).
struct Stderr;

impl Notifier for Stderr {
    fn notify(&self, n: &NotificationRow) -> Result<(), String> {
        writeln!(io::stderr(), "[{}] {}: {}", n.kind, n.title, n.body).map_err(|e| e.to_string())
    }
}

pub fn track(
    args: TrackArgs,
    data_dir: Option<PathBuf>,
    fixed_now: Option<DateTime<FixedOffset>>,
) -> Result<(), String> {
    let store = store(data_dir)?;
    // Scripts want a clear failure, not a quiet alarms-only pass, when tokens cannot be read.
    let helpdesks = store.helpdesks().map_err(|e| e.to_string())?;
    let mailboxes = !store.mail_accounts().map_err(|e| e.to_string())?.is_empty();
    if helpdesks.iter().any(desks::needs_token) || mailboxes {
        secrets::use_os_keychain().map_err(|e| e.to_string())?;
    }
    let host = Arc::new(CliHost {
        notify: args.notify,
        desktop: Desktop::new(),
        store: store.clone(),
        vault: std::sync::OnceLock::new(),
    });
    let rt = runtime()?;
    if args.once {
        let clock: Box<dyn Clock> = match fixed_now {
            Some(t) => Box::new(FakeClock::new(t.with_timezone(&Utc))),
            None => Box::new(SystemClock),
        };
        let report = rt
            .block_on(runner::pass(&store, clock.as_ref(), true, None, &|| {
                host.vault()
            }))
            .map_err(|e| e.to_string())?;
        return host.print(&store, &report);
    }
    if fixed_now.is_some() {
        return Err("--now is only allowed with --once".into());
    }
    // The engine's loop, as the app runs it; it never returns.
    rt.block_on(runner::run(
        store,
        Arc::new(SystemClock),
        host,
        runner::Wake::default(),
    ));
    Ok(())
}

/// What the CLI does with a pass: each change as a JSON line on stdout; with `--notify`, the
/// notifications on stderr and on the desktop.
struct CliHost {
    notify: bool,
    desktop: Desktop,
    store: Arc<Store>,
    /// The evidence vault, opened the first time an answer brings attachments.
    vault: std::sync::OnceLock<Arc<reachright_vault::Vault>>,
}

impl CliHost {
    fn print(&self, store: &Store, report: &SyncReport) -> Result<(), String> {
        let mut out = io::stdout().lock();
        for change in &report.changes {
            let line = serde_json::to_string(change).map_err(|e| e.to_string())?;
            writeln!(out, "{line}").map_err(|e| format!("cannot write: {e}"))?;
        }
        // E-mail answers: `{"case","kind":"reply","channel":"email","text"}`.
        for answer in &report.mail {
            let line = serde_json::to_string(answer).map_err(|e| e.to_string())?;
            writeln!(out, "{line}").map_err(|e| format!("cannot write: {e}"))?;
        }
        out.flush().map_err(|e| format!("cannot write: {e}"))?;
        drop(out);
        if self.notify && !report.notifications.is_empty() {
            let prefs = Prefs::load(store).map_err(|e| e.to_string())?;
            reachright_engine::deliver(&Stderr, &prefs, &report.notifications);
            let shown = reachright_engine::deliver(&self.desktop, &prefs, &report.notifications);
            if let Some(why) = shown.failed.first() {
                eprintln!(
                    "reachright-cli: warning: {} of {} notifications not shown on the desktop ({why}); they are in the app's list",
                    shown.failed.len(),
                    shown.failed.len() + shown.shown
                );
            }
        }
        Ok(())
    }
}

impl Host for CliHost {
    fn keychain(&self) -> reachright_engine::Result<()> {
        // Chosen before the loop started (or not needed: no helpdesk has a token).
        Ok(())
    }

    fn vault(&self) -> Option<Arc<reachright_vault::Vault>> {
        if let Some(v) = self.vault.get() {
            return Some(v.clone());
        }
        match open_vault(self.store.clone()) {
            Ok(v) => Some(self.vault.get_or_init(|| Arc::new(v)).clone()),
            Err(e) => {
                eprintln!(
                    "reachright-cli: an answer's attachments wait for the evidence vault: {e}"
                );
                None
            }
        }
    }

    fn after_pass(&self, store: &Store, report: &SyncReport) {
        if let Err(e) = self.print(store, report) {
            tracing::warn!(error = %e, "could not print the pass");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, kind: &str) -> HelpdeskRow {
        HelpdeskRow {
            name: name.into(),
            kind: kind.into(),
            url: "http://127.0.0.1:9".into(),
            queue: None,
            email: None,
            created_at: "2026-11-20T01:00:00Z".into(),
        }
    }

    #[test]
    fn the_token_is_saved_before_the_row_and_taken_back_if_the_row_fails() {
        secrets::use_mock_keychain().expect("mock");
        let tmp = tempfile::tempdir().expect("tmp");
        let store = Store::open(tmp.path()).expect("store");
        save_with_token(&store, &row("desk-ok", "rt"), "t0k3n").expect("saved");
        assert_eq!(
            secrets::token("desk-ok").expect("token").as_deref(),
            Some("t0k3n")
        );
        assert!(store.helpdesk("desk-ok").is_ok());
        // The store refuses this row: no token is left behind for a helpdesk that does not exist.
        let err = save_with_token(&store, &row("desk-bad", "bogus"), "t0k3n");
        assert!(err.is_err());
        assert!(store.helpdesk("desk-bad").is_err());
        assert_eq!(secrets::token("desk-bad").expect("token"), None);
    }
}
