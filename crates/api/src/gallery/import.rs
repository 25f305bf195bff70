//! Evidence in: files from the dialog or a drop, pasted bytes (raw or base64), and the edits,
//! removal and full-size reads of a stored item.

use crate::Call;
use std::path::Path;

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use reachright_core::Lang;
use reachright_store::EVIDENCE_KINDS;
use reachright_vault::{ImportOptions, Source, Vault};
use serde::{Deserialize, Serialize};
#[cfg(test)]
use ts_rs::TS;

use super::{view, EvidenceView};
use crate::error::{Error, Result};

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
    call: &Call<'_>,
    vault: &Vault,
    case_id: &str,
    paths: &[String],
    opts: &ImportOptions,
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
            let r = vault.import(case_id, Source::File(path), opts, call.now.to_utc());
            outcome(vault, name, r, call.lang)
        })
        .collect())
}

/// Imports an image pasted from the clipboard.
pub fn import_bytes(
    call: &Call<'_>,
    vault: &Vault,
    case_id: &str,
    name: &str,
    bytes: &[u8],
    opts: &ImportOptions,
) -> Result<ImportOutcome> {
    vault.store().get_case(case_id)?;
    let name = if name.trim().is_empty() {
        format!("pasted-{}.png", call.now.format("%Y%m%d-%H%M%S"))
    } else {
        name.trim().to_string()
    };
    let r = vault.import(
        case_id,
        Source::Pasted { name: &name, bytes },
        opts,
        call.now.to_utc(),
    );
    Ok(outcome(vault, name, r, call.lang))
}

/// [`import_bytes`] for bytes that crossed IPC as base64.
pub fn import_base64(
    call: &Call<'_>,
    vault: &Vault,
    case_id: &str,
    name: &str,
    base64: &str,
    opts: &ImportOptions,
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
    import_bytes(call, vault, case_id, name, &bytes, opts)
}

pub fn update(
    call: &Call<'_>,
    vault: &Vault,
    id: &str,
    kind: &str,
    caption: &str,
) -> Result<EvidenceView> {
    let opts = labels(kind, caption)?;
    let row = vault.update(id, &opts.kind, &opts.caption)?;
    Ok(view(vault, &row, call.lang))
}

pub fn remove(call: &Call<'_>, vault: &Vault, id: &str) -> Result<()> {
    vault.remove(id, call.now.to_utc())?;
    Ok(())
}

/// The full-size picture and its media type (to show it from a blob URL). Only the raster images
/// of [`super::SHOWN_IMAGES`] (as sniffed at import) are served; any other item is refused before
/// it is decrypted, so the page cannot read a stored file through this command.
pub fn image(vault: &Vault, id: &str) -> Result<(String, Vec<u8>)> {
    let row = vault.store().get_evidence(id)?;
    if !super::shows_as_image(&row.media_type) {
        return Err(Error::invalid(
            "id",
            format!(
                "item {id} is {}, not a picture that can be shown",
                row.media_type
            ),
        ));
    }
    let (row, bytes) = vault.read(id)?;
    Ok((row.media_type, bytes))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::gallery::gallery;
    use crate::gallery::test_fixture::{fixture, png, STORY};

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
            &f.call(Lang::Zh),
            &f.vault,
            &f.case_id,
            &paths,
            &labels("transfer", " 微信付款 ").unwrap(),
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
            &f.call(Lang::En),
            &f.vault,
            &f.case_id,
            &paths[..1],
            &labels("chat", "").unwrap(),
        )
        .unwrap();
        assert!(again[0].duplicate);

        let g = gallery(&f.call(Lang::En), &f.vault, &f.case_id).unwrap();
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
            &f.call(Lang::Zh),
            &f.vault,
            "no-case",
            &[],
            &labels("other", "").unwrap(),
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
            &f.call(Lang::Zh),
            &f.vault,
            &f.case_id,
            "",
            &b64,
            &labels("error", "").unwrap(),
        )
        .unwrap();
        let item = o.item.unwrap();
        assert!(item.original_name.starts_with("pasted-"));
        assert_eq!(item.taken_source.code, "pasted");
        let (mime, full) = image(&f.vault, &item.id).unwrap();
        assert_eq!(mime, "image/png");
        assert_eq!(full, bytes);

        let bomb_like = import_bytes(
            &f.call(Lang::Zh),
            &f.vault,
            &f.case_id,
            "x.png",
            &bytes[..40],
            &labels("error", "").unwrap(),
        )
        .unwrap();
        assert_eq!(bomb_like.error_code.as_deref(), Some("bad_image"));
        assert!(import_base64(
            &f.call(Lang::Zh),
            &f.vault,
            &f.case_id,
            "x",
            "%%%",
            &labels("other", "").unwrap()
        )
        .is_err());

        let edited = update(&f.call(Lang::Zh), &f.vault, &item.id, "chat", "客服的回复").unwrap();
        assert_eq!(edited.kind.label, "聊天截图");
        assert_eq!(edited.caption, "客服的回复");
        remove(&f.call(Lang::Zh), &f.vault, &item.id).unwrap();
        assert!(gallery(&f.call(Lang::Zh), &f.vault, &f.case_id)
            .unwrap()
            .items
            .is_empty());
        assert_eq!(image(&f.vault, &item.id).unwrap_err().code(), "not_found");
    }
}
