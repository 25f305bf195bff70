//! One zip per case for a ticket or a complaint: `manifest.json` (every file with its SHA-256,
//! size, kind, caption and times), the structured description, the timeline, the composed ticket
//! and complaint texts, the decrypted files under safe names, and `report.html` that shows it all
//! with the pictures. Written to `OUT.part` and renamed, so a failed export never leaves a zip
//! that looks complete; the part's path is recorded in the vault's `tmp/` first, so one left by a
//! killed export (decrypted evidence) is deleted by the next start-up sweep.

use std::fs::{self, File};
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::error::{Error, Result};
use crate::files;
use crate::names;
use crate::strip::{may_hold_location, remove_location, rewritable, Location};
use crate::vault::Vault;

/// The texts the app composed for the case (the vault does not compose; the cases crate does).
#[derive(Debug, Clone, Default)]
pub struct ExportTexts {
    pub case_id: String,
    pub title: String,
    pub status: String,
    pub description: String,
    pub ticket: String,
    pub complaint: String,
    /// `(time, summary)` in order.
    pub timeline: Vec<(String, String)>,
}

#[derive(Debug, Clone)]
pub struct ExportOptions {
    /// Remove location metadata (EXIF, XMP, IPTC, appended frames) from photos; what cannot be
    /// removed is reported per file. On by default.
    pub strip_location: bool,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            strip_location: true,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ManifestFile {
    pub path: String,
    pub original_name: String,
    pub kind: String,
    pub kind_label: String,
    pub caption: String,
    pub media_type: String,
    /// SHA-256 and size of the original, as imported.
    pub sha256: String,
    pub size: i64,
    /// Of the exported bytes: different from the original only when location data was removed.
    pub exported_sha256: String,
    pub exported_size: u64,
    /// `location == Removed` (kept for readers of the first manifest format).
    pub location_removed: bool,
    /// What happened to the file's location metadata: `removed`, `none_found`, `not_removed`
    /// (it may still hold one: see `location_note`), `kept` (the user asked), `not_applicable`.
    pub location: Location,
    /// Why the location was not removed, or what else was left out.
    pub location_note: Option<String>,
    pub taken_at: Option<String>,
    pub taken_source: String,
    pub added_at: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Manifest {
    pub format: &'static str,
    pub exported_at: String,
    pub case_id: String,
    pub title: String,
    pub status: String,
    pub files: Vec<ManifestFile>,
    pub texts: Vec<&'static str>,
}

/// Chinese first, English after, as the app speaks.
pub fn kind_label(kind: &str) -> &'static str {
    match kind {
        "transfer" => "转账记录",
        "chat" => "聊天截图",
        "product" => "商品异常截图",
        "error" => "错误提示",
        _ => "其他",
    }
}

/// Writes the case's export to `out` and returns its manifest. Any damaged file stops the export
/// with its name: a bundle for a complaint must not silently miss evidence.
pub fn export(
    vault: &Vault,
    texts: &ExportTexts,
    out: &Path,
    opts: &ExportOptions,
    now: DateTime<Utc>,
) -> Result<Manifest> {
    let part = part_path(out);
    // The part holds decrypted evidence outside the vault: recorded first, so that if this
    // process is killed the next start deletes it instead of leaving it for anyone to read.
    let record = files::record_part(vault.root(), &part)?;
    let result = write_zip(vault, texts, &part, opts, now).and_then(|m| {
        fs::rename(&part, out).map_err(|e| Error::io(out, &e))?;
        // The new name is only durable once its folder is.
        files::sync_dir(
            out.parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new(".")),
        );
        Ok(m)
    });
    if result.is_err() {
        let _ = fs::remove_file(&part);
    }
    let _ = fs::remove_file(&record);
    result.map_err(|e| match e {
        // Name the file the user asked for, not its temporary `.part`.
        Error::DiskFull { reason, .. } => Error::DiskFull {
            path: out.display().to_string(),
            reason,
        },
        e => e,
    })
}

fn part_path(out: &Path) -> PathBuf {
    let mut name = out
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".part");
    out.with_file_name(name)
}

fn write_zip(
    vault: &Vault,
    texts: &ExportTexts,
    part: &Path,
    opts: &ExportOptions,
    now: DateTime<Utc>,
) -> Result<Manifest> {
    let file = File::create(part).map_err(|e| Error::io(part, &e))?;
    let mut zip = ZipWriter::new(BufWriter::new(file));
    let zerr = |e: zip::result::ZipError| match e {
        zip::result::ZipError::Io(e) => Error::io(part, &e),
        e => Error::Io {
            path: part.display().to_string(),
            reason: e.to_string(),
        },
    };
    let ioerr = |e: std::io::Error| Error::io(part, &e);
    let deflated = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .unix_permissions(0o644);
    // Evidence files are pictures, videos and PDFs, already compressed: storing them is as small
    // and many times faster; only the texts are deflated.
    let stored = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .unix_permissions(0o644)
        .large_file(true);

    let mut manifest_files = Vec::new();
    for (index, item) in vault.list(&texts.case_id)?.into_iter().enumerate() {
        let label = kind_label(&item.kind);
        let path = names::entry_name(index, label, &item.original_name, &item.media_type);
        zip.start_file(path.as_str(), stored).map_err(zerr)?;
        let damaged = |e: std::io::Error| Error::Damaged {
            name: item.original_name.clone(),
            reason: e.to_string(),
        };
        let mut reader = vault.reader(&item)?;
        let mut hasher = Sha256::new();
        let mut exported_size = 0u64;
        let mut location = Location::NotApplicable;
        let mut location_note = None;
        let photo_or_video = may_hold_location(&item.media_type);
        let rewrite = opts.strip_location
            && rewritable(&item.media_type)
            && item.size as u64 <= crate::vault::MAX_READ;
        if photo_or_video && !opts.strip_location {
            location = Location::Kept;
        } else if photo_or_video && !rewrite {
            // Reported from the type (a video, a HEIC) or the size alone: nothing is rewritten.
            location = Location::NotRemoved;
            location_note = Some(
                remove_location(&[], &item.media_type)
                    .note
                    .filter(|_| !rewritable(&item.media_type))
                    .unwrap_or(crate::strip::TOO_LARGE)
                    .to_string(),
            );
        }
        let original_sha = if rewrite {
            let mut bytes = Vec::with_capacity(item.size as usize);
            reader.read_to_end(&mut bytes).map_err(damaged)?;
            let original = crate::sha256_hex(&bytes);
            let stripped = remove_location(&bytes, &item.media_type);
            location = stripped.location;
            location_note = stripped.note.map(str::to_string);
            let bytes = stripped.bytes.unwrap_or(bytes);
            hasher.update(&bytes);
            exported_size = bytes.len() as u64;
            zip.write_all(&bytes).map_err(ioerr)?;
            original
        } else {
            let mut original = Sha256::new();
            let mut buf = vec![0u8; 1 << 20];
            loop {
                let n = reader.read(&mut buf).map_err(damaged)?;
                if n == 0 {
                    break;
                }
                original.update(&buf[..n]);
                hasher.update(&buf[..n]);
                exported_size += n as u64;
                zip.write_all(&buf[..n]).map_err(ioerr)?;
            }
            crate::hex(&original.finalize())
        };
        if original_sha != item.sha256 {
            return Err(Error::Damaged {
                name: item.original_name.clone(),
                reason: "its content no longer matches its SHA-256".into(),
            });
        }
        manifest_files.push(ManifestFile {
            path,
            original_name: item.original_name.clone(),
            kind: item.kind.clone(),
            kind_label: label.into(),
            caption: item.caption.clone(),
            media_type: item.media_type.clone(),
            sha256: item.sha256.clone(),
            size: item.size,
            exported_sha256: crate::hex(&hasher.finalize()),
            exported_size,
            location_removed: location == Location::Removed,
            location,
            location_note,
            taken_at: item.taken_at.clone(),
            taken_source: item.taken_source.clone(),
            added_at: item.added_at.clone(),
        });
    }

    let timeline_txt: String = texts
        .timeline
        .iter()
        .map(|(at, s)| format!("{at}  {s}\n"))
        .collect();
    let manifest = Manifest {
        format: "reachright-evidence-export/1",
        exported_at: now.to_rfc3339_opts(SecondsFormat::Secs, true),
        case_id: texts.case_id.clone(),
        title: texts.title.clone(),
        status: texts.status.clone(),
        files: manifest_files,
        texts: vec![
            "description.txt",
            "timeline.txt",
            "ticket.txt",
            "complaint.txt",
            "report.html",
        ],
    };
    for (name, body) in [
        ("description.txt", texts.description.as_str()),
        ("timeline.txt", timeline_txt.as_str()),
        ("ticket.txt", texts.ticket.as_str()),
        ("complaint.txt", texts.complaint.as_str()),
    ] {
        zip.start_file(name, deflated).map_err(zerr)?;
        zip.write_all(body.as_bytes()).map_err(ioerr)?;
    }
    zip.start_file("report.html", deflated).map_err(zerr)?;
    zip.write_all(report_html(texts, &manifest).as_bytes())
        .map_err(ioerr)?;
    zip.start_file("manifest.json", deflated).map_err(zerr)?;
    let json = serde_json::to_vec_pretty(&manifest).map_err(|e| Error::Io {
        path: "manifest.json".into(),
        reason: e.to_string(),
    })?;
    zip.write_all(&json).map_err(ioerr)?;
    let mut inner = zip.finish().map_err(zerr)?;
    inner.flush().map_err(ioerr)?;
    let file = inner.into_inner().map_err(|e| ioerr(e.into_error()))?;
    file.sync_all().map_err(ioerr)?;
    Ok(manifest)
}

/// Everything the user typed or a server sent is escaped: the report shows text, never markup.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// "2026-11-25T04:00:00Z(文件时间 file time)": a file's or a paste's time is never passed off as
/// the moment the picture was taken.
fn taken_label(f: &ManifestFile) -> String {
    let source = match f.taken_source.as_str() {
        "exif" => "照片信息 photo metadata",
        "file" => "文件时间 file time",
        "pasted" => "粘贴时间 pasted",
        _ => "未知 unknown",
    };
    match &f.taken_at {
        Some(at) => format!("{at}({source})"),
        None => "—".into(),
    }
}

/// The report's line on a file's location metadata.
fn location_line(f: &ManifestFile) -> String {
    let note = f
        .location_note
        .as_deref()
        .map(|n| format!("({})", escape(n)))
        .unwrap_or_default();
    match f.location {
        Location::Removed => format!("<br>已移除位置信息 Location metadata removed{note}"),
        Location::NoneFound => "<br>未发现位置信息 No location metadata found".into(),
        Location::NotRemoved => {
            format!("<br><b>未能移除位置信息 Location could not be removed</b>{note}")
        }
        Location::Kept => "<br>按要求保留了位置信息 Location metadata kept as asked".into(),
        Location::NotApplicable => String::new(),
    }
}

fn report_html(texts: &ExportTexts, m: &Manifest) -> String {
    let mut h = String::new();
    h.push_str("<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\n");
    // No scripts, nothing fetched from anywhere: only the pictures beside the report.
    h.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src 'self' file:; style-src 'unsafe-inline'\">\n");
    h.push_str(&format!(
        "<title>{} — 证据报告 Evidence report</title>\n",
        escape(&texts.title)
    ));
    h.push_str("<style>body{font-family:system-ui,'Noto Sans CJK SC',sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.6}pre{white-space:pre-wrap;background:#f6f6f6;padding:1rem}figure{border:1px solid #ddd;padding:.5rem;margin:1rem 0}img{max-width:100%}code{word-break:break-all;font-size:.8em}</style></head><body>\n");
    h.push_str(&format!("<h1>{}</h1>\n<p>案件编号 Case: <code>{}</code> · 状态 Status: {} · 导出时间 Exported: {}</p>\n", escape(&texts.title), escape(&texts.case_id), escape(&texts.status), escape(&m.exported_at)));
    h.push_str(&format!(
        "<h2>问题描述 Description</h2>\n<pre>{}</pre>\n",
        escape(&texts.description)
    ));
    h.push_str(&format!("<h2>证据 Evidence ({})</h2>\n", m.files.len()));
    let not_removed: Vec<&ManifestFile> = m
        .files
        .iter()
        .filter(|f| f.location == Location::NotRemoved)
        .collect();
    if !not_removed.is_empty() {
        h.push_str("<p><b>未能移除位置信息 Location could not be removed</b> — 这些文件可能仍带有拍摄地点 these files may still hold where they were taken:</p>\n<ul>\n");
        for f in not_removed {
            h.push_str(&format!(
                "<li>{}: {}</li>\n",
                escape(&f.original_name),
                escape(f.location_note.as_deref().unwrap_or(""))
            ));
        }
        h.push_str("</ul>\n");
    }
    for f in &m.files {
        h.push_str("<figure>");
        if f.media_type.starts_with("image/") {
            h.push_str(&format!(
                "<img src=\"{}\" alt=\"{}\">",
                escape(&f.path),
                escape(&f.original_name)
            ));
        } else {
            h.push_str(&format!(
                "<p><a href=\"{}\">{}</a></p>",
                escape(&f.path),
                escape(&f.original_name)
            ));
        }
        h.push_str(&format!(
            "<figcaption><b>{}</b> {}<br>原文件 Original: {} · {} 字节 bytes · 拍摄 Taken: {}<br>SHA-256: <code>{}</code>{}</figcaption></figure>\n",
            escape(&f.kind_label),
            escape(&f.caption),
            escape(&f.original_name),
            f.size,
            escape(&taken_label(f)),
            escape(&f.sha256),
            location_line(f)
        ));
    }
    h.push_str("<h2>时间线 Timeline</h2>\n<ul>\n");
    for (at, s) in &texts.timeline {
        h.push_str(&format!(
            "<li><time>{}</time> {}</li>\n",
            escape(at),
            escape(s)
        ));
    }
    h.push_str("</ul>\n");
    h.push_str(&format!(
        "<h2>工单内容 Ticket</h2>\n<pre>{}</pre>\n",
        escape(&texts.ticket)
    ));
    h.push_str(&format!(
        "<h2>投诉信 Complaint</h2>\n<pre>{}</pre>\n</body></html>\n",
        escape(&texts.complaint)
    ));
    h
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::files::SYNCED;
    use crate::{ImportOptions, Source, Unlock};

    /// Issue 10: a stored file renamed into a new prefix folder, and an export renamed into place,
    /// are durable only once the folders holding the new names are fsynced: the new prefix folder
    /// in `blobs/`, the stored file in the prefix folder, the zip in the export's folder.
    #[test]
    fn new_names_and_new_folders_are_fsynced_into_their_parents() {
        let tmp = tempfile::tempdir().unwrap();
        let store = std::sync::Arc::new(reachright_store::Store::open(tmp.path()).unwrap());
        let unlock = Unlock::default().with_passphrase(Some("a long enough passphrase".into()));
        let (vault, _) = Vault::open(store, &unlock).unwrap();
        let case = vault
            .store()
            .create_case(&reachright_store::NewCase {
                at: "2026-11-25T03:00:00Z".into(),
                title: "fsync".into(),
                platform_id: None,
                intake_json: "{}".into(),
            })
            .unwrap()
            .id;
        let now: DateTime<Utc> = "2026-11-25T04:00:00Z".parse().unwrap();
        SYNCED.with(|s| s.borrow_mut().clear());
        let item = vault
            .import(
                &case,
                Source::Pasted {
                    name: "note.txt",
                    bytes: b"fsync me",
                },
                &ImportOptions::default(),
                now,
            )
            .unwrap()
            .item;
        let blobs = vault.root().join(crate::files::BLOBS);
        let prefix = blobs.join(&item.sha256[..2]);
        let synced = SYNCED.with(|s| s.borrow().clone());
        assert!(synced.contains(&blobs), "new prefix folder: {synced:?}");
        assert!(synced.contains(&prefix), "new stored file: {synced:?}");

        let out_dir = tmp.path().join("exports");
        std::fs::create_dir(&out_dir).unwrap();
        SYNCED.with(|s| s.borrow_mut().clear());
        let texts = ExportTexts {
            case_id: case,
            ..ExportTexts::default()
        };
        export(
            &vault,
            &texts,
            &out_dir.join("case.zip"),
            &ExportOptions::default(),
            now,
        )
        .unwrap();
        let synced = SYNCED.with(|s| s.borrow().clone());
        assert!(synced.contains(&out_dir), "the zip's rename: {synced:?}");
    }
}
