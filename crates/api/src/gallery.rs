//! The evidence section of a case page, as the UI sees it: the gallery (thumbnails inline as
//! `data:` URLs, kinds labelled in the user's language), what the recommended channel needs
//! (domain.md's "what to prepare", ticked off by the evidence the case holds), per-file import
//! outcomes, the verify report, the start-up recovery report and the export result.
//!
//! Everything here takes the open [`Vault`] (or the [`Store`]) plus `now` and the language, so the
//! shell's commands stay one call each and the whole section is tested without a window.

use std::path::Path;

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use chrono::{DateTime, FixedOffset};
use reachright_core::prepare::{prepare_for, Cover};
use reachright_core::{Channel, Lang, ProblemType};
use reachright_store::{EvidenceRow, EVIDENCE_KINDS};
use reachright_vault::{ExportOptions, ImportOptions, Recovery, Source, Vault};
use serde::{Deserialize, Serialize};
#[cfg(test)]
use ts_rs::TS;

use crate::error::Result;
use crate::evidence::{export_case, export_file_name};
use crate::models::{CaseDetail, Coded};
use crate::views::coded;

/// One stored item of a case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct EvidenceView {
    pub id: String,
    pub case_id: String,
    /// `transfer`, `chat`, `product`, `error` or `other`, with its label.
    pub kind: Coded,
    pub caption: String,
    pub original_name: String,
    /// Bytes of the original file.
    #[cfg_attr(test, ts(type = "number"))]
    pub size: i64,
    pub media_type: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// RFC 3339 (UTC): when the picture was taken, as far as the app can tell.
    pub taken_at: Option<String>,
    /// Where `taken_at` comes from: `exif`, `file`, `pasted` or `unknown`, with its label.
    pub taken_source: Coded,
    pub added_at: String,
    /// `data:image/jpeg;base64,…`, for images; `None` for other files.
    pub thumbnail: Option<String>,
    /// Can be shown full size (an image not larger than the vault's read limit).
    pub viewable: bool,
}

/// One thing the recommended channel needs, ticked when the case has it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct ChecklistItem {
    /// Stable: `payment`, `problem_screen`, `product_screen`, `communication`, `order_id`, `demand`,
    /// `question_list`, `description`.
    pub code: String,
    pub label: String,
    /// What counts, in a sentence (which kinds of evidence, or which form field).
    pub hint: String,
    /// The evidence kinds that cover it; empty for items the form or a composed text covers.
    pub kinds: Vec<String>,
    pub covered: bool,
}

/// What to prepare for the case's recommended channel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct Checklist {
    pub channel: Coded,
    pub items: Vec<ChecklistItem>,
    pub covered: u32,
    pub total: u32,
}

/// The whole evidence section of a case page in one answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct Gallery {
    pub items: Vec<EvidenceView>,
    pub checklist: Checklist,
    /// The kinds the user may choose, in order, with labels.
    pub kinds: Vec<Coded>,
}

/// How one file of an import went: `item` when stored, else the error's code and message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct ImportOutcome {
    /// The file's name as the user knows it.
    pub name: String,
    pub item: Option<EvidenceView>,
    /// The case already had this exact file.
    pub duplicate: bool,
    /// `unreadable`, `image_too_large`, `bad_image`, `io` …
    pub error_code: Option<String>,
    pub error: Option<String>,
}

/// One item that failed verification.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct DamagedItem {
    pub id: String,
    pub name: String,
    pub kind: Coded,
    pub reason: String,
}

/// "校验证据": every item re-read and re-hashed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct VerifyReport {
    pub checked: u32,
    pub ok: u32,
    pub damaged: Vec<DamagedItem>,
}

/// A row whose file was missing at start-up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct MissingItem {
    pub id: String,
    pub case_id: String,
    pub name: String,
}

/// The vault as the app found it: open (with how it is protected and what the start-up sweep
/// found), or locked with the reason and whether a passphrase would help.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct VaultStatus {
    pub open: bool,
    /// `keychain` or `passphrase` once open.
    pub protection: Option<String>,
    /// Why it is locked: `keychain_unavailable` (no keychain, first use: a passphrase sets the
    /// vault up), `passphrase_needed`, `wrong_passphrase`, `keychain_needed` (set up with the
    /// keychain, which cannot be reached now), `config_missing` (vault.json gone, files remain),
    /// `key_missing`, `io` …
    pub error_code: Option<String>,
    pub error: Option<String>,
    /// Entering a passphrase can open (or set up) the vault.
    pub passphrase_helps: bool,
    /// Files removed at start-up that nothing used any more (an interrupted import's leftovers,
    /// or the files of a deleted case).
    pub cleaned: u32,
    /// Items whose file is gone.
    pub missing: Vec<MissingItem>,
}

/// Where the case's zip went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct ExportResult {
    pub path: String,
    pub folder: String,
    /// Evidence files in the zip.
    pub files: u32,
    /// Location removal was asked for and every picture could be processed (see
    /// `location_unprocessed`); false when the user kept location data.
    pub location_stripped: bool,
    /// The pictures whose location data (EXIF/XMP) was really removed, by original name.
    pub location_removed: Vec<String>,
    /// Pictures whose metadata could not be processed and went into the zip as they are: a type
    /// the stripper does not handle (not JPEG, PNG or WebP) or larger than the vault's read limit.
    /// Empty when the user kept location data.
    pub location_unprocessed: Vec<String>,
    /// The zip was shown in the file manager (set by the shell; false here).
    pub revealed: bool,
}

/// Whether export's location stripper handles a file of this type and size.
pub fn location_processable(media_type: &str, size: u64) -> bool {
    matches!(media_type, "image/jpeg" | "image/png" | "image/webp")
        && size <= reachright_vault::MAX_READ
}

/// The location part of an export's result, from its manifest: `(stripped, removed, unprocessed)`.
pub fn location_report(
    files: &[reachright_vault::ManifestFile],
    strip_requested: bool,
) -> (bool, Vec<String>, Vec<String>) {
    if !strip_requested {
        return (false, Vec::new(), Vec::new());
    }
    let removed: Vec<String> = files
        .iter()
        .filter(|f| f.location_removed)
        .map(|f| f.original_name.clone())
        .collect();
    let unprocessed: Vec<String> = files
        .iter()
        .filter(|f| {
            !f.location_removed
                && f.media_type.starts_with("image/")
                && !location_processable(&f.media_type, u64::try_from(f.size).unwrap_or(u64::MAX))
        })
        .map(|f| f.original_name.clone())
        .collect();
    (unprocessed.is_empty(), removed, unprocessed)
}

/// The label of an evidence kind.
pub fn kind_label(code: &str, lang: Lang) -> &'static str {
    match code {
        "transfer" => lang.pick("转账记录", "Payment record"),
        "chat" => lang.pick("聊天截图", "Chat screenshot"),
        "product" => lang.pick("商品异常截图", "Product problem screenshot"),
        "error" => lang.pick("错误提示", "Error message"),
        _ => lang.pick("其他", "Other"),
    }
}

fn source_label(code: &str, lang: Lang) -> &'static str {
    match code {
        "exif" => lang.pick("照片信息", "image metadata"),
        "file" => lang.pick("文件时间", "file time"),
        "pasted" => lang.pick("粘贴时间", "time pasted"),
        _ => lang.pick("未知", "unknown"),
    }
}

pub fn kinds(lang: Lang) -> Vec<Coded> {
    EVIDENCE_KINDS
        .iter()
        .map(|k| coded(k, kind_label(k, lang)))
        .collect()
}

/// The view of one row; the thumbnail is read (decrypted) from the vault when there is one.
pub fn view(vault: &Vault, row: &EvidenceRow, lang: Lang) -> EvidenceView {
    let thumbnail = if row.has_thumbnail {
        // A damaged thumbnail shows as "no picture"; verify names the file.
        vault
            .thumbnail(row)
            .ok()
            .flatten()
            .map(|jpeg| format!("data:image/jpeg;base64,{}", B64.encode(jpeg)))
    } else {
        None
    };
    EvidenceView {
        id: row.id.clone(),
        case_id: row.case_id.clone(),
        kind: coded(&row.kind, kind_label(&row.kind, lang)),
        caption: row.caption.clone(),
        original_name: row.original_name.clone(),
        size: row.size,
        media_type: row.media_type.clone(),
        width: row.width,
        height: row.height,
        taken_at: row.taken_at.clone(),
        taken_source: coded(&row.taken_source, source_label(&row.taken_source, lang)),
        added_at: row.added_at.clone(),
        viewable: row.media_type.starts_with("image/")
            && u64::try_from(row.size).is_ok_and(|s| s <= reachright_vault::MAX_READ),
        thumbnail,
    }
}

/// The gallery, the checklist for the channel recommended at `now`, and the kinds.
pub fn gallery(
    vault: &Vault,
    case_id: &str,
    now: DateTime<FixedOffset>,
    lang: Lang,
) -> Result<Gallery> {
    let rows = vault.list(case_id)?;
    let detail = crate::cases::detail(vault.store(), case_id, now, lang)?;
    Ok(Gallery {
        checklist: checklist(&detail, &rows, lang),
        items: rows.iter().map(|r| view(vault, r, lang)).collect(),
        kinds: kinds(lang),
    })
}

/// domain.md's "what to prepare" for the recommended channel ([`prepare_for`]), as items the
/// case's evidence (or its form, or a composed text) covers.
pub fn checklist(detail: &CaseDetail, rows: &[EvidenceRow], lang: Lang) -> Checklist {
    let rec = &detail.analysis.recommendation;
    let channel = rec.primary.channel.clone();
    // Codes that do not parse (never from the backend) read as online chat and "other".
    let items: Vec<ChecklistItem> = prepare_for(
        channel.code.parse().unwrap_or(Channel::OnlineChat),
        detail
            .analysis
            .problem_type
            .code
            .parse()
            .unwrap_or(ProblemType::Other),
    )
    .into_iter()
    .map(|item| ChecklistItem {
        code: item.code().into(),
        label: item.label(lang).into(),
        hint: item.hint(lang).into(),
        kinds: item.kinds().iter().map(|k| k.to_string()).collect(),
        covered: match item.cover() {
            Cover::Evidence(kinds) => rows.iter().any(|r| kinds.contains(&r.kind.as_str())),
            Cover::OrderIdField => !detail.intake.order_id.trim().is_empty(),
            Cover::DemandField => detail
                .intake
                .demand
                .as_deref()
                .is_some_and(|d| !d.is_empty()),
            Cover::Text(kind) => rec
                .texts
                .iter()
                .any(|t| t.kind == kind && !t.has_placeholders),
        },
    })
    .collect();
    let covered = items.iter().filter(|i| i.covered).count();
    Checklist {
        channel,
        covered: u32::try_from(covered).unwrap_or(u32::MAX),
        total: u32::try_from(items.len()).unwrap_or(u32::MAX),
        items,
    }
}

/// The kind and caption the user chose, checked (an unknown kind is refused, naming the field)
/// before any file is read.
pub fn labels(kind: &str, caption: &str) -> Result<ImportOptions> {
    let kind = if kind.trim().is_empty() {
        "other"
    } else {
        kind.trim()
    };
    if !EVIDENCE_KINDS.contains(&kind) {
        return Err(crate::Error::invalid(
            "kind",
            format!("{kind:?} is not a kind"),
        ));
    }
    Ok(ImportOptions {
        kind: kind.into(),
        caption: caption.trim().into(),
        thumbnails: true,
    })
}

fn outcome(
    vault: &Vault,
    name: String,
    r: reachright_vault::Result<reachright_vault::Imported>,
    lang: Lang,
) -> ImportOutcome {
    match r {
        Ok(i) => ImportOutcome {
            name,
            item: Some(view(vault, &i.item, lang)),
            duplicate: i.duplicate,
            error_code: None,
            error: None,
        },
        Err(e) => ImportOutcome {
            name,
            item: None,
            duplicate: false,
            error_code: Some(e.code().into()),
            error: Some(e.to_string()),
        },
    }
}

/// Imports files (from the file dialog or a drop), one outcome per file, in order: one bad file
/// never stops the others.
pub fn import_paths(
    vault: &Vault,
    case_id: &str,
    paths: &[String],
    opts: &ImportOptions,
    now: DateTime<FixedOffset>,
    lang: Lang,
) -> Result<Vec<ImportOutcome>> {
    vault.store().get_case(case_id)?;
    Ok(paths
        .iter()
        .map(|p| {
            let path = Path::new(p);
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| p.clone());
            let r = vault.import(case_id, Source::File(path), opts, now.to_utc());
            outcome(vault, name, r, lang)
        })
        .collect())
}

/// Imports an image pasted from the clipboard.
pub fn import_bytes(
    vault: &Vault,
    case_id: &str,
    name: &str,
    bytes: &[u8],
    opts: &ImportOptions,
    now: DateTime<FixedOffset>,
    lang: Lang,
) -> Result<ImportOutcome> {
    vault.store().get_case(case_id)?;
    let name = if name.trim().is_empty() {
        format!("pasted-{}.png", now.format("%Y%m%d-%H%M%S"))
    } else {
        name.trim().to_string()
    };
    let r = vault.import(
        case_id,
        Source::Pasted { name: &name, bytes },
        opts,
        now.to_utc(),
    );
    Ok(outcome(vault, name, r, lang))
}

/// [`import_bytes`] for bytes that crossed IPC as base64.
pub fn import_base64(
    vault: &Vault,
    case_id: &str,
    name: &str,
    base64: &str,
    opts: &ImportOptions,
    now: DateTime<FixedOffset>,
    lang: Lang,
) -> Result<ImportOutcome> {
    let body = base64.split_once(',').map_or(base64, |(head, rest)| {
        if head.starts_with("data:") {
            rest
        } else {
            base64
        }
    });
    let bytes = B64
        .decode(body.trim())
        .map_err(|e| crate::Error::invalid("bytes", e.to_string()))?;
    import_bytes(vault, case_id, name, &bytes, opts, now, lang)
}

pub fn update(
    vault: &Vault,
    id: &str,
    kind: &str,
    caption: &str,
    lang: Lang,
) -> Result<EvidenceView> {
    let opts = labels(kind, caption)?;
    let row = vault.update(id, &opts.kind, &opts.caption)?;
    Ok(view(vault, &row, lang))
}

pub fn remove(vault: &Vault, id: &str, now: DateTime<FixedOffset>) -> Result<()> {
    vault.remove(id, now.to_utc())?;
    Ok(())
}

/// The full-size file and its media type (to show it from a blob URL).
pub fn image(vault: &Vault, id: &str) -> Result<(String, Vec<u8>)> {
    let (row, bytes) = vault.read(id)?;
    Ok((row.media_type, bytes))
}

pub fn verify(vault: &Vault, case_id: &str, lang: Lang) -> Result<VerifyReport> {
    let checks = vault.verify(case_id)?;
    let damaged: Vec<DamagedItem> = checks
        .iter()
        .filter_map(|c| {
            c.problem.as_ref().map(|p| DamagedItem {
                id: c.item.id.clone(),
                name: c.item.original_name.clone(),
                kind: coded(&c.item.kind, kind_label(&c.item.kind, lang)),
                reason: p.clone(),
            })
        })
        .collect();
    let checked = u32::try_from(checks.len()).unwrap_or(u32::MAX);
    Ok(VerifyReport {
        checked,
        ok: checked - u32::try_from(damaged.len()).unwrap_or(checked),
        damaged,
    })
}

/// The status of an open vault, from its start-up recovery.
pub fn status_open(vault: &Vault, recovery: &Recovery) -> VaultStatus {
    VaultStatus {
        open: true,
        protection: Some(vault.protection().to_string()),
        error_code: None,
        error: None,
        passphrase_helps: false,
        cleaned: u32::try_from(recovery.temp_removed + recovery.orphans_removed)
            .unwrap_or(u32::MAX),
        missing: recovery
            .missing
            .iter()
            .map(|r| MissingItem {
                id: r.id.clone(),
                case_id: r.case_id.clone(),
                name: r.original_name.clone(),
            })
            .collect(),
    }
}

/// Whether typing a passphrase can open (or set up) a vault locked for this reason. Not for
/// `keychain_needed` (only the keychain holds the key), `config_missing` (vault.json must be
/// restored; a new key would orphan the files) or `key_missing`.
pub fn passphrase_helps(code: &str) -> bool {
    matches!(
        code,
        "keychain_unavailable" | "passphrase_needed" | "wrong_passphrase"
    )
}

/// The status of a vault that did not open.
pub fn status_locked(e: &reachright_vault::Error) -> VaultStatus {
    let code = e.code();
    VaultStatus {
        open: false,
        protection: None,
        error_code: Some(code.to_string()),
        error: Some(e.to_string()),
        passphrase_helps: passphrase_helps(code),
        cleaned: 0,
        missing: Vec::new(),
    }
}

/// Writes the case's zip into `dir` (the user's Downloads folder in the app) under a name made
/// from the case title and `now`. Location metadata is stripped unless `keep_location`.
pub fn export(
    vault: &Vault,
    case_id: &str,
    dir: &Path,
    keep_location: bool,
    now: DateTime<FixedOffset>,
    lang: Lang,
) -> Result<ExportResult> {
    let title = vault.store().get_case(case_id)?.title;
    let path = export_file_name(dir, &title, now);
    let opts = ExportOptions {
        strip_location: !keep_location,
    };
    let manifest = export_case(vault, case_id, &path, &opts, now, lang)?;
    let (location_stripped, location_removed, location_unprocessed) =
        location_report(&manifest.files, !keep_location);
    Ok(ExportResult {
        folder: dir.display().to_string(),
        path: path.display().to_string(),
        files: u32::try_from(manifest.files.len()).unwrap_or(u32::MAX),
        location_stripped,
        location_removed,
        location_unprocessed,
        revealed: false,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::sync::Arc;

    use reachright_store::Store;

    use reachright_vault::Unlock;

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2024-05-20T15:00:00+08:00").unwrap()
    }

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([x as u8, y as u8, 128]));
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    }

    struct Fixture {
        dir: tempfile::TempDir,
        vault: Vault,
        case_id: String,
    }

    fn fixture(story: &str) -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let store = Arc::new(Store::open(dir.path()).unwrap());
        let unlock = Unlock {
            keychain: Some(keyring_core::mock::Store::new().unwrap()),
            ..Default::default()
        };
        let (vault, recovery) = Vault::open(store.clone(), &unlock).unwrap();
        assert!(status_open(&vault, &recovery).missing.is_empty());
        let case = crate::evidence::create_from_story(&store, story, now(), Lang::Zh).unwrap();
        Fixture {
            dir,
            vault,
            case_id: case.summary.id,
        }
    }

    const STORY: &str =
        "订单号20240520001,今天下午2点半买了100元的游戏点卡,付款成功了但是一直没到账";

    #[test]
    fn imports_files_and_shows_thumbnails_with_labels() {
        let f = fixture(STORY);
        let shot = f.dir.path().join("付款截图.png");
        std::fs::write(&shot, png(40, 30)).unwrap();
        let notes = f.dir.path().join("notes.txt");
        std::fs::write(&notes, "客服说等等").unwrap();
        let truncated = f.dir.path().join("broken.png");
        std::fs::write(&truncated, &png(40, 30)[..60]).unwrap();
        let paths: Vec<String> = [&shot, &notes, &truncated, &f.dir.path().join("gone.png")]
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        let out = import_paths(
            &f.vault,
            &f.case_id,
            &paths,
            &labels("transfer", " 微信付款 ").unwrap(),
            now(),
            Lang::Zh,
        )
        .unwrap();
        assert_eq!(out.len(), 4);
        let item = out[0].item.as_ref().unwrap();
        assert_eq!(item.original_name, "付款截图.png");
        assert_eq!(item.kind.label, "转账记录");
        assert_eq!(item.caption, "微信付款");
        assert_eq!((item.width, item.height), (Some(40), Some(30)));
        assert!(item
            .thumbnail
            .as_deref()
            .unwrap()
            .starts_with("data:image/jpeg;base64,"));
        assert!(item.viewable);
        assert_eq!(item.taken_source.code, "file");
        let text = out[1].item.as_ref().unwrap();
        assert!(text.thumbnail.is_none() && !text.viewable);
        assert_eq!(out[2].error_code.as_deref(), Some("bad_image"));
        assert_eq!(out[2].name, "broken.png");
        assert_eq!(out[3].error_code.as_deref(), Some("unreadable"));

        // The same file again is not stored twice.
        let again = import_paths(
            &f.vault,
            &f.case_id,
            &paths[..1],
            &labels("chat", "").unwrap(),
            now(),
            Lang::En,
        )
        .unwrap();
        assert!(again[0].duplicate);

        let g = gallery(&f.vault, &f.case_id, now(), Lang::En).unwrap();
        assert_eq!(g.items.len(), 2);
        assert_eq!(g.items[0].kind.label, "Payment record");
        assert_eq!(g.kinds.len(), 5);
        assert_eq!(g.kinds[1].label, "Chat screenshot");
    }

    #[test]
    fn a_bad_kind_is_refused_before_anything_is_read() {
        let f = fixture(STORY);
        let e = labels("selfie", "").unwrap_err();
        assert_eq!(e.field(), Some("kind"));
        assert_eq!(labels(" ", " x ").unwrap().kind, "other");
        let e = import_paths(
            &f.vault,
            "no-case",
            &[],
            &labels("other", "").unwrap(),
            now(),
            Lang::Zh,
        )
        .unwrap_err();
        assert_eq!(e.code(), "not_found");
    }

    #[test]
    fn pasted_images_update_remove_and_full_size() {
        let f = fixture(STORY);
        let bytes = png(20, 20);
        let b64 = format!("data:image/png;base64,{}", B64.encode(&bytes));
        let o = import_base64(
            &f.vault,
            &f.case_id,
            "",
            &b64,
            &labels("error", "").unwrap(),
            now(),
            Lang::Zh,
        )
        .unwrap();
        let item = o.item.unwrap();
        assert!(item.original_name.starts_with("pasted-"));
        assert_eq!(item.taken_source.code, "pasted");
        let (mime, full) = image(&f.vault, &item.id).unwrap();
        assert_eq!(mime, "image/png");
        assert_eq!(full, bytes);

        let bomb_like = import_bytes(
            &f.vault,
            &f.case_id,
            "x.png",
            &bytes[..40],
            &labels("error", "").unwrap(),
            now(),
            Lang::Zh,
        )
        .unwrap();
        assert_eq!(bomb_like.error_code.as_deref(), Some("bad_image"));
        assert!(import_base64(
            &f.vault,
            &f.case_id,
            "x",
            "%%%",
            &labels("other", "").unwrap(),
            now(),
            Lang::Zh
        )
        .is_err());

        let edited = update(&f.vault, &item.id, "chat", "客服的回复", Lang::Zh).unwrap();
        assert_eq!(edited.kind.label, "聊天截图");
        assert_eq!(edited.caption, "客服的回复");
        remove(&f.vault, &item.id, now()).unwrap();
        assert!(gallery(&f.vault, &f.case_id, now(), Lang::Zh)
            .unwrap()
            .items
            .is_empty());
        assert_eq!(image(&f.vault, &item.id).unwrap_err().code(), "not_found");
    }

    #[test]
    fn verify_names_a_tampered_file() {
        let f = fixture(STORY);
        let o = import_bytes(
            &f.vault,
            &f.case_id,
            "聊天.png",
            &png(10, 10),
            &labels("chat", "").unwrap(),
            now(),
            Lang::Zh,
        )
        .unwrap();
        let r = verify(&f.vault, &f.case_id, Lang::Zh).unwrap();
        assert_eq!((r.checked, r.ok, r.damaged.len()), (1, 1, 0));
        let row = f.vault.list(&f.case_id).unwrap().remove(0);
        let path = f.vault.stored_path(&row);
        let mut sealed = std::fs::read(&path).unwrap();
        let mid = sealed.len() / 2;
        sealed[mid] ^= 0x01;
        std::fs::write(&path, sealed).unwrap();
        let r = verify(&f.vault, &f.case_id, Lang::Zh).unwrap();
        assert_eq!((r.checked, r.ok), (1, 0));
        assert_eq!(r.damaged[0].name, "聊天.png");
        assert_eq!(r.damaged[0].id, o.item.unwrap().id);
    }

    #[test]
    fn checklist_follows_the_recommended_channel_and_ticks_covered_items() {
        let f = fixture(STORY);
        let g = gallery(&f.vault, &f.case_id, now(), Lang::Zh).unwrap();
        // A standard problem: online chat first — order number, payment, the problem on screen.
        assert_eq!(g.checklist.channel.code, "online_chat");
        let codes: Vec<&str> = g.checklist.items.iter().map(|i| i.code.as_str()).collect();
        assert_eq!(codes, ["order_id", "payment", "problem_screen"]);
        assert!(
            g.checklist.items[0].covered,
            "the story had the order number"
        );
        assert!(!g.checklist.items[1].covered);
        assert_eq!(g.checklist.covered, 1);
        import_bytes(
            &f.vault,
            &f.case_id,
            "pay.png",
            &png(8, 8),
            &labels("transfer", "").unwrap(),
            now(),
            Lang::Zh,
        )
        .unwrap();
        let g = gallery(&f.vault, &f.case_id, now(), Lang::Zh).unwrap();
        assert!(g.checklist.items[1].covered);
        assert_eq!((g.checklist.covered, g.checklist.total), (2, 3));

        // A dispute goes to a ticket: evidence plus an explicit demand.
        let detail = crate::cases::detail(f.vault.store(), &f.case_id, now(), Lang::En).unwrap();
        let mut ticket = detail.clone();
        ticket.analysis.recommendation.primary.channel = coded("ticket", "Ticket");
        let c = checklist(&ticket, &f.vault.list(&f.case_id).unwrap(), Lang::En);
        let codes: Vec<&str> = c.items.iter().map(|i| i.code.as_str()).collect();
        assert_eq!(
            codes,
            [
                "order_id",
                "payment",
                "problem_screen",
                "communication",
                "demand"
            ]
        );
        assert_eq!(c.items[3].kinds, ["chat"]);

        let mut complaint = detail.clone();
        complaint.analysis.recommendation.primary.channel = coded("third_party_complaint", "");
        complaint.analysis.problem_type = coded("card_invalid", "");
        let c = checklist(&complaint, &[], Lang::Zh);
        assert_eq!(c.items[0].label, "完整的交易记录（付款/转账截图）");
        assert!(c.items.iter().any(|i| i.code == "product_screen"));
        assert!(c.items.iter().any(|i| i.code == "description"));

        let mut phone = detail;
        phone.analysis.recommendation.primary.channel = coded("phone", "");
        let c = checklist(&phone, &[], Lang::Zh);
        assert!(c.items.iter().any(|i| i.code == "question_list"));
    }

    #[test]
    fn every_kind_the_checklist_names_is_a_kind_the_user_can_choose() {
        for &channel in Channel::ALL {
            for &problem in ProblemType::ALL {
                for item in prepare_for(channel, problem) {
                    for kind in item.kinds() {
                        assert!(EVIDENCE_KINDS.contains(kind), "{}: {kind}", item.code());
                    }
                }
            }
        }
    }

    /// A PNG with an `eXIf` chunk (where a phone puts GPS), before IEND.
    fn png_with_exif(w: u32, h: u32) -> Vec<u8> {
        fn crc(data: &[u8]) -> u32 {
            let mut c = 0xFFFF_FFFFu32;
            for &b in data {
                c ^= u32::from(b);
                for _ in 0..8 {
                    c = if c & 1 == 1 {
                        0xEDB8_8320 ^ (c >> 1)
                    } else {
                        c >> 1
                    };
                }
            }
            !c
        }
        let plain = png(w, h);
        let iend = plain.len() - 12;
        let body: &[u8] = b"MM\0\x2a\0\0\0\x08\0\0GPS 31.2304N 121.4737E";
        let mut chunk = Vec::new();
        chunk.extend_from_slice(&u32::try_from(body.len()).unwrap().to_be_bytes());
        let mut typed = b"eXIf".to_vec();
        typed.extend_from_slice(body);
        chunk.extend_from_slice(&typed);
        chunk.extend_from_slice(&crc(&typed).to_be_bytes());
        [&plain[..iend], &chunk[..], &plain[iend..]].concat()
    }

    #[test]
    fn export_reports_location_data_from_the_manifest() {
        let f = fixture(STORY);
        let mut bmp = std::io::Cursor::new(Vec::new());
        image::RgbImage::from_pixel(6, 6, image::Rgb([1, 2, 3]))
            .write_to(&mut bmp, image::ImageFormat::Bmp)
            .unwrap();
        for (name, bytes) in [
            ("gps.png", png_with_exif(9, 9)),
            ("plain.png", png(7, 7)),
            ("scan.bmp", bmp.into_inner()),
        ] {
            let o = import_bytes(
                &f.vault,
                &f.case_id,
                name,
                &bytes,
                &labels("chat", "").unwrap(),
                now(),
                Lang::Zh,
            )
            .unwrap();
            assert!(o.item.is_some(), "{name}: {:?}", o.error);
        }
        let out = f.dir.path().join("downloads");
        std::fs::create_dir(&out).unwrap();
        let r = export(&f.vault, &f.case_id, &out, false, now(), Lang::Zh).unwrap();
        assert_eq!(r.files, 3);
        assert_eq!(r.location_removed, ["gps.png"]);
        assert_eq!(r.location_unprocessed, ["scan.bmp"]);
        assert!(
            !r.location_stripped,
            "a BMP went in as it is: not claimed as stripped"
        );
        assert!(!r.revealed, "only the shell can show it");

        let kept = export(&f.vault, &f.case_id, &out, true, now(), Lang::Zh).unwrap();
        assert!(!kept.location_stripped);
        assert!(kept.location_removed.is_empty() && kept.location_unprocessed.is_empty());
    }

    #[test]
    fn export_writes_the_zip_where_asked() {
        let f = fixture(STORY);
        import_bytes(
            &f.vault,
            &f.case_id,
            "pay.png",
            &png(8, 8),
            &labels("transfer", "").unwrap(),
            now(),
            Lang::Zh,
        )
        .unwrap();
        let out = f.dir.path().join("downloads");
        std::fs::create_dir(&out).unwrap();
        let r = export(&f.vault, &f.case_id, &out, false, now(), Lang::Zh).unwrap();
        assert_eq!(r.files, 1);
        assert!(r.location_stripped);
        assert!(std::path::Path::new(&r.path).is_file());
        assert!(r.path.ends_with(".zip"));
        assert_eq!(r.folder, out.display().to_string());
    }

    #[test]
    fn a_locked_vault_says_whether_a_passphrase_helps() {
        let s = status_locked(&reachright_vault::Error::KeychainUnavailable(
            "no bus".into(),
        ));
        assert!(!s.open && s.passphrase_helps);
        assert_eq!(s.error_code.as_deref(), Some("keychain_unavailable"));
        let s = status_locked(&reachright_vault::Error::KeyMissing);
        assert!(!s.passphrase_helps);
        for code in ["passphrase_needed", "wrong_passphrase"] {
            assert!(passphrase_helps(code), "{code}");
        }
    }

    #[test]
    fn a_vault_that_needs_its_keychain_or_its_config_is_not_offered_a_passphrase() {
        let s = status_locked(&reachright_vault::Error::KeychainNeeded("locked".into()));
        assert!(!s.open && !s.passphrase_helps);
        assert_eq!(s.error_code.as_deref(), Some("keychain_needed"));
        let s = status_locked(&reachright_vault::Error::ConfigMissing);
        assert!(!s.open && !s.passphrase_helps);
        assert_eq!(s.error_code.as_deref(), Some("config_missing"));
    }

    fn manifest_file(
        name: &str,
        media_type: &str,
        size: i64,
        removed: bool,
    ) -> reachright_vault::ManifestFile {
        reachright_vault::ManifestFile {
            path: format!("evidence/{name}"),
            original_name: name.into(),
            kind: "chat".into(),
            kind_label: "聊天截图".into(),
            caption: String::new(),
            media_type: media_type.into(),
            sha256: String::new(),
            size,
            exported_sha256: String::new(),
            exported_size: 0,
            location_removed: removed,
            taken_at: None,
            taken_source: "file".into(),
            added_at: String::new(),
        }
    }

    #[test]
    fn the_location_report_says_what_was_removed_and_what_could_not_be_processed() {
        let big = i64::try_from(reachright_vault::MAX_READ).unwrap() + 1;
        let files = vec![
            manifest_file("gps.jpg", "image/jpeg", 1000, true),
            manifest_file("plain.png", "image/png", 1000, false),
            manifest_file("shot.webp", "image/webp", 1000, false),
            manifest_file("photo.heic", "image/heic", 1000, false),
            manifest_file("huge.jpg", "image/jpeg", big, false),
            manifest_file("receipt.pdf", "application/pdf", 1000, false),
        ];
        let (stripped, removed, unprocessed) = location_report(&files, true);
        assert!(!stripped, "a HEIC and a too-large JPEG were not processed");
        assert_eq!(removed, ["gps.jpg"]);
        assert_eq!(unprocessed, ["photo.heic", "huge.jpg"]);

        let (stripped, removed, unprocessed) = location_report(&files[..3], true);
        assert!(stripped);
        assert_eq!(removed, ["gps.jpg"]);
        assert!(unprocessed.is_empty());

        // Kept on purpose: nothing claimed.
        let (stripped, removed, unprocessed) = location_report(&files, false);
        assert!(!stripped && removed.is_empty() && unprocessed.is_empty());
    }
}
