//! `case new`, `evidence add|list|verify` and `export`: the evidence vault from scripts and tests,
//! on the same data folder as the app (`--data-dir`, else `REACHRIGHT_DATA_DIR`, else the app's).
//!
//! The vault key comes from the OS keychain; where none is reachable (a server, CI without a
//! Secret Service) the vault can be protected by a passphrase given in
//! `REACHRIGHT_VAULT_PASSPHRASE` — never on the command line, where `ps` would show it.

use reachright_api::Call;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};
use clap::Subcommand;
use serde_json::json;

use reachright_api::evidence as case_evidence;
use reachright_core::Lang;
use reachright_store::{EvidenceRow, Store, EVIDENCE_KINDS};
use reachright_vault::{ExportOptions, ImportOptions, Source, Unlock, Vault};

pub const PASSPHRASE_ENV: &str = "REACHRIGHT_VAULT_PASSPHRASE";

#[derive(Subcommand)]
pub enum CaseAction {
    /// Open a case from a story (as the app's wizard reads it); prints the case id.
    New {
        #[arg(long)]
        description: String,
    },
}

#[derive(Subcommand)]
pub enum EvidenceAction {
    /// Add files to a case; prints one JSON line per file (`duplicate` when the case had it).
    Add {
        case: String,
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// transfer (转账记录), chat (聊天截图), product (商品异常截图), error (错误提示), other (其他).
        #[arg(long, default_value = "other", value_parser = parse_kind)]
        kind: String,
        #[arg(long, default_value = "")]
        caption: String,
        /// Skip decoding pictures for thumbnails (bulk imports; truncated images are then not caught).
        #[arg(long)]
        no_thumbnails: bool,
    },
    /// List a case's evidence as JSON lines.
    List { case: String },
    /// Re-hash every item of the case; exits 1 and names each damaged or missing file.
    Verify { case: String },
}

fn parse_kind(s: &str) -> Result<String, String> {
    if EVIDENCE_KINDS.contains(&s) {
        Ok(s.to_string())
    } else {
        Err(format!(
            "unknown kind {s:?}: use one of {}",
            EVIDENCE_KINDS.join(", ")
        ))
    }
}

pub fn open_store(data_dir: Option<PathBuf>) -> Result<Arc<Store>, String> {
    let dir = match data_dir {
        Some(d) => d,
        None => reachright_store::resolve_data_dir(reachright_store::default_data_dir())
            .map_err(|e| e.to_string())?,
    };
    Store::open(&dir).map(Arc::new).map_err(|e| e.to_string())
}

pub(crate) fn open_vault(store: Arc<Store>) -> Result<Vault, String> {
    // The keychain when it answers; the passphrase is used to set a vault up where it does not,
    // and to open a vault that was set up with one.
    let unlock = Unlock::system().with_passphrase(std::env::var(PASSPHRASE_ENV).ok());
    let (vault, recovery) = Vault::open(store, &unlock).map_err(|e| match e.code() {
        "keychain_unavailable" => {
            format!("{e}. Set {PASSPHRASE_ENV} to use a passphrase-protected vault.")
        }
        "passphrase_needed" => format!("{e} (set {PASSPHRASE_ENV})"),
        _ => e.to_string(),
    })?;
    for m in &recovery.missing {
        eprintln!(
            "reachright-cli: warning: the stored file of `{}` (case {}) is missing",
            m.original_name, m.case_id
        );
    }
    Ok(vault)
}

fn item_json(e: &EvidenceRow) -> serde_json::Value {
    json!({
        "id": e.id, "case": e.case_id, "sha256": e.sha256, "kind": e.kind, "caption": e.caption,
        "name": e.original_name, "size": e.size, "media_type": e.media_type,
        "width": e.width, "height": e.height, "taken_at": e.taken_at, "taken_source": e.taken_source,
        "added_at": e.added_at, "thumbnail": e.has_thumbnail,
    })
}

pub fn run_case(
    action: CaseAction,
    data_dir: Option<PathBuf>,
    now: DateTime<FixedOffset>,
    lang: Lang,
) -> Result<(), String> {
    let store = open_store(data_dir)?;
    match action {
        CaseAction::New { description } => {
            let d = case_evidence::create_from_story(&Call::new(&store, now, lang), &description)
                .map_err(|e| e.to_string())?;
            println!("{}", d.summary.id);
            Ok(())
        }
    }
}

pub fn run_evidence(
    action: EvidenceAction,
    data_dir: Option<PathBuf>,
    now: DateTime<FixedOffset>,
) -> Result<ExitCode, String> {
    let vault = open_vault(open_store(data_dir)?)?;
    match action {
        EvidenceAction::Add {
            case,
            files,
            kind,
            caption,
            no_thumbnails,
        } => {
            let opts = ImportOptions {
                kind,
                caption,
                thumbnails: !no_thumbnails,
            };
            let mut failed = 0;
            // Each file on its own: one bad file is reported and the others still go in.
            for file in &files {
                match vault.import(&case, Source::File(file), &opts, now.to_utc()) {
                    Ok(imported) => {
                        let mut j = item_json(&imported.item);
                        j["duplicate"] = json!(imported.duplicate);
                        println!("{j}");
                    }
                    Err(e) if e.code() == "not_found" => return Err(e.to_string()),
                    Err(e) => {
                        failed += 1;
                        eprintln!("reachright-cli: {}: {e}", file.display());
                    }
                }
            }
            Ok(if failed == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        EvidenceAction::List { case } => {
            for e in vault.list(&case).map_err(|e| e.to_string())? {
                println!("{}", item_json(&e));
            }
            Ok(ExitCode::SUCCESS)
        }
        EvidenceAction::Verify { case } => {
            let checks = vault.verify(&case).map_err(|e| e.to_string())?;
            let mut bad = 0;
            for c in &checks {
                match &c.problem {
                    None => println!("ok       {}  {}", c.item.sha256, c.item.original_name),
                    Some(p) => {
                        bad += 1;
                        println!("DAMAGED  {}  {}: {p}", c.item.sha256, c.item.original_name);
                    }
                }
            }
            println!("{} item(s), {} damaged", checks.len(), bad);
            Ok(if bad == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
    }
}

pub fn run_export(
    case: &str,
    out: &Path,
    keep_location: bool,
    data_dir: Option<PathBuf>,
    now: DateTime<FixedOffset>,
    lang: Lang,
) -> Result<(), String> {
    let vault = open_vault(open_store(data_dir)?)?;
    let opts = ExportOptions {
        strip_location: !keep_location,
    };
    let m = case_evidence::export_case(
        &Call::new(vault.store(), now, lang),
        &vault,
        case,
        out,
        &opts,
    )
    .map_err(|e| e.to_string())?;
    println!(
        "{}",
        json!({ "path": out.display().to_string(), "files": m.files.len() })
    );
    Ok(())
}
