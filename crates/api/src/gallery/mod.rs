//! The evidence section of a case page, as the UI sees it: the gallery (thumbnails inline as
//! `data:` URLs, kinds labelled in the user's language), what the recommended channel needs
//! (domain.md's "what to prepare", ticked off by the evidence the case holds), per-file import
//! outcomes, the verify report, the start-up recovery report and the export result.
//!
//! Everything here takes the open [`Vault`] (or the [`Store`]) plus `now` and the language, so the
//! shell's commands stay one call each and the whole section is tested without a window.
//!
//! One file a part: [`checklist`], [`import`](import_paths), [`verify`], the [`VaultStatus`] and
//! [`export`]; this file holds the gallery view itself and re-exports the rest, so
//! `crate::gallery::X` names every type that crosses IPC.

mod checklist;
mod export;
mod import;
#[cfg(test)]
mod test_fixture;
mod vault_status;
mod verify;

use crate::Call;
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use reachright_core::Lang;
use reachright_store::{EvidenceKind, EvidenceRow};

use crate::models::Labeled;
use reachright_vault::Vault;
use serde::{Deserialize, Serialize};
#[cfg(test)]
use ts_rs::TS;

pub use checklist::{checklist, Checklist, ChecklistItem};
pub use export::{export, location_report, ExportResult};
pub use import::{
    image, import_base64, import_bytes, import_paths, labels, remove, update, ImportOutcome,
};
pub use vault_status::{passphrase_helps, status_locked, status_open, MissingItem, VaultStatus};
pub use verify::{verify, DamagedItem, VerifyReport};

use crate::error::Result;
use crate::models::Coded;
use crate::views::coded;

/// One stored item of a case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct EvidenceView {
    pub id: String,
    pub case_id: String,
    /// `transfer`, `chat`, `product`, `error` or `other`, with its label.
    pub kind: Labeled<EvidenceKind>,
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
    /// `data:image/jpeg;base64,…`, for images; `None` for other files, and for pictures past the
    /// first [`INLINE_THUMBNAILS`] of a gallery (then `thumbnail_later`).
    pub thumbnail: Option<String>,
    /// A picture whose thumbnail is not inline: ask [`thumbnail`] for it when it is shown.
    #[serde(default)]
    pub thumbnail_later: bool,
    /// Can be shown full size (an image not larger than the vault's read limit).
    pub viewable: bool,
}

/// The whole evidence section of a case page in one answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct Gallery {
    pub items: Vec<EvidenceView>,
    pub checklist: Checklist,
    /// The kinds the user may choose, in order, with labels.
    pub kinds: Vec<Labeled<EvidenceKind>>,
}
/// The label of an evidence kind.
pub fn kind_label(kind: EvidenceKind, lang: Lang) -> &'static str {
    match kind {
        EvidenceKind::Transfer => lang.pick("转账记录", "Payment record"),
        EvidenceKind::Chat => lang.pick("聊天截图", "Chat screenshot"),
        EvidenceKind::Product => lang.pick("商品异常截图", "Product problem screenshot"),
        EvidenceKind::Error => lang.pick("错误提示", "Error message"),
        EvidenceKind::Other => lang.pick("其他", "Other"),
    }
}

/// A stored kind with its label; the schema allows only the five codes, so anything else (a newer
/// version's row) reads as "other".
pub fn labeled_kind(code: &str, lang: Lang) -> Labeled<EvidenceKind> {
    let kind = EvidenceKind::parse(code).unwrap_or(EvidenceKind::Other);
    Labeled::new(kind, kind_label(kind, lang))
}

fn source_label(code: &str, lang: Lang) -> &'static str {
    match code {
        "exif" => lang.pick("照片信息", "image metadata"),
        "file" => lang.pick("文件时间", "file time"),
        "pasted" => lang.pick("粘贴时间", "time pasted"),
        _ => lang.pick("未知", "unknown"),
    }
}

pub fn kinds(lang: Lang) -> Vec<Labeled<EvidenceKind>> {
    EvidenceKind::ALL
        .iter()
        .map(|&k| Labeled::new(k, kind_label(k, lang)))
        .collect()
}

/// The view of one row; the thumbnail is read (decrypted) from the vault when there is one.
pub fn view(vault: &Vault, row: &EvidenceRow, lang: Lang) -> EvidenceView {
    view_with(vault, row, lang, true)
}

/// Thumbnails sent inline with a gallery; the rest are asked for one by one as they are shown.
/// A case of years can hold thousands of pictures: decrypting and sending every thumbnail made
/// bench/scale's 2,002-item gallery take 160 ms and fill the page with megabytes of `data:` URLs.
pub const INLINE_THUMBNAILS: usize = 48;

/// One thumbnail as a `data:` URL; `None` for a file without one, or one that cannot be read
/// (a damaged thumbnail shows as "no picture"; verify names the file).
fn thumbnail_url(vault: &Vault, row: &EvidenceRow) -> Option<String> {
    if !row.has_thumbnail {
        return None;
    }
    vault
        .thumbnail(row)
        .ok()
        .flatten()
        .map(|jpeg| format!("data:image/jpeg;base64,{}", B64.encode(jpeg)))
}

/// The thumbnail of one stored item, for a gallery that did not send it inline.
pub fn thumbnail(vault: &Vault, id: &str) -> Result<Option<String>> {
    let row = vault.store().get_evidence(id)?;
    Ok(thumbnail_url(vault, &row))
}

fn view_with(vault: &Vault, row: &EvidenceRow, lang: Lang, inline: bool) -> EvidenceView {
    let thumbnail = if inline {
        thumbnail_url(vault, row)
    } else {
        None
    };
    EvidenceView {
        thumbnail_later: !inline && row.has_thumbnail,
        id: row.id.clone(),
        case_id: row.case_id.clone(),
        kind: labeled_kind(&row.kind, lang),
        caption: row.caption.clone(),
        original_name: row.original_name.clone(),
        size: row.size,
        media_type: row.media_type.clone(),
        width: row.width,
        height: row.height,
        taken_at: row.taken_at.clone(),
        taken_source: coded(&row.taken_source, source_label(&row.taken_source, lang)),
        added_at: row.added_at.clone(),
        viewable: shows_as_image(&row.media_type)
            && u64::try_from(row.size).is_ok_and(|s| s <= reachright_vault::MAX_READ),
        thumbnail,
    }
}

/// The raster formats the window may show full size. Nothing else is handed to the page as a
/// picture: not SVG (it can carry script), not a video, not a text file with an image's name.
pub const SHOWN_IMAGES: [&str; 5] = [
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "image/bmp",
];

pub fn shows_as_image(media_type: &str) -> bool {
    SHOWN_IMAGES.contains(&media_type)
}

/// The gallery, the checklist for the channel recommended at `now`, and the kinds.
pub fn gallery(call: &Call<'_>, vault: &Vault, case_id: &str) -> Result<Gallery> {
    let rows = vault.list(case_id)?;
    // The case's form and recommendation only: not its timeline, which for a case of years is
    // thousands of events the checklist never reads.
    let (intake, analysis) =
        crate::cases::analysis(&Call::new(vault.store(), call.now, call.lang), case_id)?;
    Ok(Gallery {
        checklist: checklist(&intake, &analysis, &rows, call.lang),
        items: rows
            .iter()
            .enumerate()
            .map(|(i, r)| view_with(vault, r, call.lang, i < INLINE_THUMBNAILS))
            .collect(),
        kinds: kinds(call.lang),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::gallery::test_fixture::{fixture, png, STORY};

    #[test]
    fn the_first_thumbnails_are_inline_and_the_rest_are_asked_for_one_by_one() {
        let f = fixture(STORY);
        for i in 0..INLINE_THUMBNAILS + 2 {
            assert!(f
                .add(&format!("shot-{i}.png"), &png(8 + i as u32, 8), "chat")
                .error
                .is_none());
        }
        f.add("notes.txt", b"text", "other");
        let g = gallery(&f.call(Lang::Zh), &f.vault, &f.case_id).unwrap();
        assert_eq!(g.items.len(), INLINE_THUMBNAILS + 3);
        let is_text = |i: &EvidenceView| i.original_name == "notes.txt";
        for (n, item) in g.items.iter().enumerate() {
            let inline = n < INLINE_THUMBNAILS && !is_text(item);
            assert_eq!(item.thumbnail.is_some(), inline, "item {n}");
            assert_eq!(
                item.thumbnail_later,
                n >= INLINE_THUMBNAILS && !is_text(item),
                "item {n}"
            );
        }
        let later: Vec<&EvidenceView> = g.items.iter().filter(|i| i.thumbnail_later).collect();
        assert!(later.len() >= 2);
        // The text file has no thumbnail at all: neither inline nor later.
        let text = g.items.iter().find(|i| is_text(i)).unwrap();
        assert_eq!(thumbnail(&f.vault, &text.id).unwrap(), None);
        for item in later {
            let url = thumbnail(&f.vault, &item.id).unwrap().unwrap();
            assert!(url.starts_with("data:image/jpeg;base64,"), "{url:.40}");
        }
        assert!(
            thumbnail(&f.vault, "0000000000000000").is_err(),
            "an unknown id is an error"
        );
    }
}
