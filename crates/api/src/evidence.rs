//! A case's evidence beyond the vault itself: opening a case straight from a story (the CLI's
//! `case new --description`), and the texts an export carries — the structured description, the
//! timeline and the composed ticket and complaint — so the app and the CLI export the same bundle.

use crate::Call;
use reachright_core::compose::ComposeKind;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use reachright_vault::{ExportOptions, ExportTexts, Manifest, Vault};

use crate::cases;
use crate::error::Result;
use crate::models::{CaseDetail, Intake};
use crate::story::read_story;

/// Reads the story as the wizard does (problem type, order, amount, times) and saves the case.
pub fn create_from_story(call: &Call<'_>, story: &str) -> Result<CaseDetail> {
    if story.trim().is_empty() {
        return Err(crate::Error::invalid("story", "is empty"));
    }
    let typed = Intake {
        story: story.to_string(),
        ..Intake::default()
    };
    let reading = read_story(call, &typed)?;
    cases::create(call, &reading.found)
}

/// The texts of the export, composed at `now` from the case's current form and history.
pub fn export_texts(call: &Call<'_>, case_id: &str) -> Result<ExportTexts> {
    let (summary, analysis, history) = cases::with_history(call, case_id)?;
    let text_of = |kind: ComposeKind| {
        analysis
            .recommendation
            .texts
            .iter()
            .find(|t| t.kind == kind)
            .map(|t| match &t.subject {
                Some(s) => format!("{s}\n\n{}", t.body),
                None => t.body.clone(),
            })
            .unwrap_or_default()
    };
    Ok(ExportTexts {
        case_id: summary.id,
        title: summary.title,
        status: summary.status.label,
        description: analysis.description_text.clone(),
        ticket: text_of(ComposeKind::Ticket),
        complaint: text_of(ComposeKind::Complaint),
        // The whole history: the export is the record a complaint rests on.
        timeline: history.into_iter().map(|e| (e.at, e.text)).collect(),
    })
}

/// Writes the case's zip to `out`.
pub fn export_case(
    call: &Call<'_>,
    vault: &Vault,
    case_id: &str,
    out: &Path,
    opts: &ExportOptions,
) -> Result<Manifest> {
    let texts = export_texts(&Call::new(vault.store(), call.now, call.lang), case_id)?;
    Ok(reachright_vault::export(
        vault,
        &texts,
        out,
        opts,
        call.now.to_utc(),
    )?)
}

/// `ReachRight-<title>-<YYYYMMDD-HHMM>.zip` in `dir` (the user's Downloads folder in the app),
/// with the title made safe for a file name.
pub fn export_file_name(dir: &Path, title: &str, now: DateTime<FixedOffset>) -> PathBuf {
    let safe: String = reachright_vault::safe_file_stem(title)
        .chars()
        .take(24)
        .collect();
    let stem = format!("ReachRight-{safe}-{}", now.format("%Y%m%d-%H%M%S"));
    // Two exports in the same second must not overwrite each other.
    (1..100)
        .map(|n| match n {
            1 => dir.join(format!("{stem}.zip")),
            n => dir.join(format!("{stem}-{n}.zip")),
        })
        .find(|p| !p.exists())
        .unwrap_or_else(|| dir.join(format!("{stem}-{}.zip", std::process::id())))
}
