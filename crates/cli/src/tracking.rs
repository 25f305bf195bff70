//! `helpdesk add|list`, `ticket create` and `track [--once]`: the tracker for scripts, cron and
//! tests. Tokens go from `REACHRIGHT_TOKEN` (or stdin) straight into the OS keychain and are
//! never printed, logged or written anywhere else; without a reachable keychain the command
//! fails and says so.

use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, Utc};
use clap::{Args, Subcommand, ValueEnum};
use reachright_connectors::{AnyHelpdesk, Manual};
use reachright_core::Lang;
use reachright_store::{HelpdeskRow, NotificationRow, Store};
use reachright_tracker::clock::stamp;
use reachright_tracker::{desks, secrets, tickets};
use reachright_tracker::{Clock, Desktop, FakeClock, Notifier, Prefs, SystemClock};

use crate::evidence::open_store;

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
                store.save_helpdesk(&row).map_err(|e| e.to_string())?;
                secrets::save_token(&row.name, &token).map_err(|e| e.to_string())?;
                // Tickets stopped on refused credentials get another chance with the new token.
                store
                    .resume_helpdesk(&row.name, &row.created_at)
                    .map_err(|e| e.to_string())?;
            } else {
                store.save_helpdesk(&row).map_err(|e| e.to_string())?;
            }
            println!("{}", row.name);
            Ok(())
        }
    }
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
    let now = now.with_timezone(&Utc);
    let t = runtime()?
        .block_on(tickets::open(&store, &helpdesk, &desk, &case, now, lang))
        .map_err(|e| e.to_string())?;
    println!("{}", t.remote_id);
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
    let helpdesks = store.helpdesks().map_err(|e| e.to_string())?;
    let desks = if helpdesks.iter().any(desks::needs_token) {
        secrets::use_os_keychain().map_err(|e| e.to_string())?;
        let connected = desks::connect_all(&store).map_err(|e| e.to_string())?;
        for (name, why) in &connected.unusable {
            eprintln!("reachright-cli: helpdesk `{name}` is not usable: {why}");
        }
        connected.desks
    } else {
        helpdesks
            .iter()
            .map(|h| (h.name.clone(), AnyHelpdesk::Manual(Manual::new())))
            .collect::<HashMap<_, _>>()
    };
    let clock: Box<dyn Clock> = match fixed_now {
        Some(t) if args.once => Box::new(FakeClock::new(t.with_timezone(&Utc))),
        Some(_) => return Err("--now is only allowed with --once".into()),
        None => Box::new(SystemClock),
    };
    let desktop = Desktop::new();
    let rt = runtime()?;
    loop {
        let report = rt
            .block_on(reachright_tracker::sync_once(
                &store,
                &desks,
                clock.as_ref(),
            ))
            .map_err(|e| e.to_string())?;
        let mut out = io::stdout().lock();
        for change in &report.changes {
            let line = serde_json::to_string(change).map_err(|e| e.to_string())?;
            writeln!(out, "{line}").map_err(|e| format!("cannot write: {e}"))?;
        }
        out.flush().map_err(|e| format!("cannot write: {e}"))?;
        drop(out);
        if args.notify && !report.notifications.is_empty() {
            let prefs = Prefs::load(&store).map_err(|e| e.to_string())?;
            reachright_tracker::deliver(&Stderr, &prefs, &report.notifications);
            let shown = reachright_tracker::deliver(&desktop, &prefs, &report.notifications);
            if let Some(why) = shown.failed.first() {
                eprintln!(
                    "reachright-cli: warning: {} of {} notifications not shown on the desktop ({why}); they are in the app's list",
                    shown.failed.len(),
                    shown.failed.len() + shown.shown
                );
            }
        }
        if args.once {
            return Ok(());
        }
        // Sleep until the next thing is due; wake at least every 10 minutes to pick up tickets
        // and callbacks added by the app meanwhile.
        let now = clock.now();
        let cap = now + chrono::Duration::minutes(10);
        let wake = report.next_wake.map_or(cap, |t| t.min(cap));
        let wait = (wake - now).to_std().unwrap_or_default();
        // The timer must be made inside the runtime (tokio::time::sleep panics outside one).
        rt.block_on(async { tokio::time::sleep(wait).await });
    }
}
