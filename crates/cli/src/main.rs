//! reachright-cli — the headless ReachRight triage command (design/triage-contract.md).
//!
//! `triage` reads one scenario as JSON on stdin and prints one result; `triage --jsonl` streams JSON
//! Lines in and out, one answer per input line, in order, so one bad line never stops a batch.
//! `compose KIND` prints one of the five texts the app writes for a scenario; `selfhelp TYPE`
//! prints the offline self-help for a problem type.

mod evidence;
mod mail;
mod selfhelp;
mod tracking;

use std::io::{self, BufRead, BufWriter, Read, Write};
use std::process::ExitCode;

use chrono::{DateTime, FixedOffset, Utc};
use clap::{Parser, Subcommand};
use serde_json::{json, Value};

use reachright_core::compose::{compose, redact_for_public, ComposeInput, ComposeKind};
use reachright_core::profile::{PlatformProfile, DEFAULT_PROFILE_TOML};
use reachright_core::scenario::Scenario;
use reachright_core::triage::triage;
use reachright_core::{Error, Lang};

#[derive(Parser)]
#[command(
    name = "reachright-cli",
    version,
    about = "ReachRight (售后直达) headless triage: JSON in, JSON out"
)]
struct Cli {
    /// Language of reasons and warnings: zh (default), zh-Hant (zh-TW, zh-HK) or en.
    #[arg(long, global = true, default_value = "zh", value_parser = parse_lang)]
    lang: Lang,
    /// The current time for scenarios without "now" (RFC 3339); the system clock otherwise.
    #[arg(long, global = true, value_parser = parse_now)]
    now: Option<DateTime<FixedOffset>>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Triage one scenario (JSON on stdin) or, with --jsonl, one scenario per line.
    Triage {
        /// JSON Lines in, JSON Lines out; a bad line yields {"id", "error"} and the rest go on.
        #[arg(long)]
        jsonl: bool,
        /// Indent the single result for reading.
        #[arg(long, conflicts_with = "jsonl")]
        pretty: bool,
    },
    /// Print one of the texts for the scenario on stdin: chat, phone, email, ticket, complaint.
    Compose {
        #[arg(value_parser = parse_kind)]
        kind: ComposeKind,
        /// Mask card keys, phone numbers and e-mail addresses (for public complaint sites like 黑猫投诉).
        #[arg(long)]
        public: bool,
    },
    /// Cases in the app's data folder: `case new --description TEXT`.
    Case {
        #[command(subcommand)]
        action: evidence::CaseAction,
        /// The data folder (default: REACHRIGHT_DATA_DIR, else the app's).
        #[arg(long, global = true)]
        data_dir: Option<std::path::PathBuf>,
    },
    /// The evidence vault: add, list, verify.
    Evidence {
        #[command(subcommand)]
        action: evidence::EvidenceAction,
        #[arg(long, global = true)]
        data_dir: Option<std::path::PathBuf>,
    },
    /// Write a case's evidence bundle (zip with manifest.json and report.html).
    Export {
        case: String,
        out: std::path::PathBuf,
        /// Keep location (EXIF/XMP) metadata in exported pictures; removed by default.
        #[arg(long)]
        keep_location: bool,
        #[arg(long)]
        data_dir: Option<std::path::PathBuf>,
    },
    /// Helpdesks the tickets live in: `helpdesk add NAME --kind rt|zendesk|manual --url URL`.
    Helpdesk {
        #[command(subcommand)]
        action: tracking::HelpdeskAction,
        #[arg(long, global = true)]
        data_dir: Option<std::path::PathBuf>,
    },
    /// Tickets: `ticket create CASE --helpdesk NAME` prints the ticket id.
    Ticket {
        #[command(subcommand)]
        action: tracking::TicketAction,
        #[arg(long, global = true)]
        data_dir: Option<std::path::PathBuf>,
    },
    /// E-mail: `mail add NAME --email ADDR --imap HOST:PORT --smtp HOST:PORT [--security
    /// tls|starttls|plain]` (password from REACHRIGHT_MAIL_PASSWORD or stdin), `mail list`,
    /// `mail send CASE --account NAME --to ADDR` (the case's evidence attached).
    Mail {
        #[command(subcommand)]
        action: mail::MailAction,
        #[arg(long, global = true)]
        data_dir: Option<std::path::PathBuf>,
    },
    /// Sync tickets and raise due reminders; `--once` for one pass (a JSON line per change).
    Track {
        #[command(flatten)]
        args: tracking::TrackArgs,
        #[arg(long)]
        data_dir: Option<std::path::PathBuf>,
    },
    /// Self-help before contacting anyone: `selfhelp TYPE` prints the steps to try and the rules
    /// with their sources as JSON; `selfhelp --search WORDS` prints the matches, best first.
    Selfhelp {
        #[command(flatten)]
        args: selfhelp::SelfhelpArgs,
    },
    /// Platform profiles: print the built-in default, or check a TOML file.
    Profile {
        #[command(subcommand)]
        action: ProfileAction,
    },
}

#[derive(Subcommand)]
enum ProfileAction {
    /// Print the built-in default profile (a documented TOML template).
    Default,
    /// Validate a profile file; errors name the field.
    Check { file: std::path::PathBuf },
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s)
        .ok_or_else(|| format!("unknown language {s:?}: use zh, zh-Hant (or zh-TW, zh-HK) or en"))
}

fn parse_kind(s: &str) -> Result<ComposeKind, String> {
    s.parse::<ComposeKind>().map_err(|e| e.to_string())
}

fn parse_now(s: &str) -> Result<DateTime<FixedOffset>, String> {
    DateTime::parse_from_rfc3339(s).map_err(|e| {
        format!("{s:?} is not an RFC 3339 time such as 2026-11-25T12:00:00+08:00: {e}")
    })
}

fn main() -> ExitCode {
    // `track` logs the engine's failures as stable codes (never case text or tokens), to stderr.
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .init();
    // Panics are logged by place and thread, never with text that could be the user's.
    reachright_engine::panics::install();
    let cli = Cli::parse();
    let now = cli.now.unwrap_or_else(|| Utc::now().fixed_offset());
    let outcome = match cli.command {
        Command::Triage { jsonl: true, .. } => run_jsonl(now, cli.lang),
        Command::Triage {
            jsonl: false,
            pretty,
        } => run_single(now, cli.lang, pretty),
        Command::Compose { kind, public } => run_compose(kind, public, now, cli.lang),
        Command::Case { action, data_dir } => evidence::run_case(action, data_dir, now, cli.lang),
        Command::Evidence { action, data_dir } => {
            return evidence::run_evidence(action, data_dir, now).unwrap_or_else(|message| {
                eprintln!("reachright-cli: {message}");
                ExitCode::from(2)
            })
        }
        Command::Export {
            case,
            out,
            keep_location,
            data_dir,
        } => evidence::run_export(&case, &out, keep_location, data_dir, now, cli.lang),
        Command::Helpdesk { action, data_dir } => tracking::helpdesk(action, data_dir, now),
        Command::Ticket { action, data_dir } => tracking::ticket(action, data_dir, now, cli.lang),
        Command::Mail { action, data_dir } => mail::run(action, data_dir, now, cli.lang),
        Command::Track { args, data_dir } => tracking::track(args, data_dir, cli.now),
        Command::Selfhelp { args } => selfhelp::run(args, cli.lang),
        Command::Profile {
            action: ProfileAction::Default,
        } => {
            print!("{DEFAULT_PROFILE_TOML}");
            Ok(())
        }
        Command::Profile {
            action: ProfileAction::Check { file },
        } => check_profile(&file),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("reachright-cli: {message}");
            ExitCode::from(2)
        }
    }
}

/// Files saved by Windows editors often start with a byte-order mark; it is not part of the JSON.
fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

fn read_stdin() -> Result<String, String> {
    let mut input = String::new();
    io::stdin()
        .read_to_string(&mut input)
        .map_err(|e| format!("cannot read stdin: {e}"))?;
    Ok(input)
}

fn read_scenario() -> Result<Scenario, String> {
    let input = read_stdin()?;
    if input.trim().is_empty() {
        return Err(
            "no scenario on stdin: pipe one JSON object, e.g. {\"description\": \"充值没到账\"}"
                .into(),
        );
    }
    Scenario::from_json_str(strip_bom(&input)).map_err(|e| e.to_string())
}

fn run_single(now: DateTime<FixedOffset>, lang: Lang, pretty: bool) -> Result<(), String> {
    let scenario = read_scenario()?;
    let t = triage(&scenario, now, lang).map_err(|e| e.to_string())?;
    let out = if pretty {
        serde_json::to_string_pretty(&t.result)
    } else {
        serde_json::to_string(&t.result)
    };
    println!("{}", out.map_err(|e| e.to_string())?);
    Ok(())
}

/// One line in, one line out. Blank lines are skipped; every other line gets an answer.
fn run_jsonl(now: DateTime<FixedOffset>, lang: Lang) -> Result<(), String> {
    let mut stdin = io::stdin().lock();
    let mut out = BufWriter::new(io::stdout().lock());
    // Lines are read as bytes, not with `lines()`: that returns an error for a line that is not
    // UTF-8, and one stray byte (a GBK export, a cut multi-byte character) ended the whole batch.
    // Such a line is one bad line like any other: it gets an error answer and the batch goes on.
    let mut raw = Vec::new();
    for n in 1usize.. {
        raw.clear();
        let read = stdin
            .read_until(b'\n', &mut raw)
            .map_err(|e| format!("cannot read line {n}: {e}"))?;
        if read == 0 {
            break;
        }
        let bytes = raw.strip_suffix(b"\n").unwrap_or(&raw);
        let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
        let answer = match std::str::from_utf8(bytes) {
            Ok(line) if line.trim().is_empty() => continue,
            Ok(line) => answer_line(line, now, lang),
            Err(e) => error_json(
                Value::Null,
                &Error::Json(format!(
                    "line {n} is not valid UTF-8 (bad byte at offset {}); save the file as UTF-8",
                    e.valid_up_to()
                )),
            ),
        };
        serde_json::to_writer(&mut out, &answer).map_err(|e| e.to_string())?;
        out.write_all(b"\n")
            .map_err(|e| format!("cannot write: {e}"))?;
    }
    out.flush().map_err(|e| format!("cannot write: {e}"))
}

fn answer_line(line: &str, now: DateTime<FixedOffset>, lang: Lang) -> Value {
    let value: Value = match serde_json::from_str(strip_bom(line)) {
        Ok(v) => v,
        Err(e) => return error_json(Value::Null, &Error::Json(e.to_string())),
    };
    let id = value.get("id").cloned().unwrap_or(Value::Null);
    match Scenario::from_value(&value).and_then(|s| triage(&s, now, lang)) {
        Ok(t) => serde_json::to_value(&t.result)
            .unwrap_or_else(|e| error_json(id, &Error::Json(e.to_string()))),
        Err(e) => error_json(id, &e),
    }
}

fn error_json(id: Value, error: &Error) -> Value {
    json!({"id": id, "error": error.to_string(), "code": error.code()})
}

fn run_compose(
    kind: ComposeKind,
    public: bool,
    now: DateTime<FixedOffset>,
    lang: Lang,
) -> Result<(), String> {
    let scenario = read_scenario()?;
    let t = triage(&scenario, now, lang).map_err(|e| e.to_string())?;
    let input = ComposeInput {
        case: &t.case,
        result: &t.result,
        profile: &t.profile,
        now: t.now,
        lang,
    };
    let composed = compose(kind, &input);
    let mut text = String::new();
    if let Some(subject) = &composed.subject {
        text.push_str(&format!("主题: {subject}\n\n"));
    }
    text.push_str(&composed.body);
    if public {
        text = redact_for_public(&text);
    }
    println!("{}", text.trim_end());
    Ok(())
}

fn check_profile(file: &std::path::Path) -> Result<(), String> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let profile =
        PlatformProfile::from_toml(&text).map_err(|e| format!("{}: {e}", file.display()))?;
    println!("{}: ok ({})", file.display(), profile.name);
    Ok(())
}
