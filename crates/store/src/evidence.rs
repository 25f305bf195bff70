//! The evidence vault's index: which case uses which stored file, and what the user said about it.
//! The encrypted files are the vault crate's business; the store only keeps rows, so a row is
//! written after its file is safely on disk and removing a row tells the caller whether the file
//! is still used by another case.

use rusqlite::{OptionalExtension, Row};

use crate::error::{Error, Result};
use crate::history::{insert_event, list_for_case};
use crate::rows::{EvidenceRow, NewEvent, NewEvidence};
use crate::store::{require_case, Store};
use crate::validate;

/// The kinds of evidence the UI offers (转账记录, 聊天截图, 商品异常截图, 错误提示, 其他); the schema
/// enforces the same codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum EvidenceKind {
    Transfer,
    Chat,
    Product,
    Error,
    Other,
}

impl EvidenceKind {
    pub const ALL: [EvidenceKind; 5] = [
        EvidenceKind::Transfer,
        EvidenceKind::Chat,
        EvidenceKind::Product,
        EvidenceKind::Error,
        EvidenceKind::Other,
    ];

    /// The stored code.
    pub const fn code(self) -> &'static str {
        match self {
            EvidenceKind::Transfer => "transfer",
            EvidenceKind::Chat => "chat",
            EvidenceKind::Product => "product",
            EvidenceKind::Error => "error",
            EvidenceKind::Other => "other",
        }
    }

    pub fn parse(code: &str) -> Option<EvidenceKind> {
        EvidenceKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// The codes of [`EvidenceKind::ALL`], in order.
pub const EVIDENCE_KINDS: [&str; 5] = {
    let mut out = [""; 5];
    let mut i = 0;
    while i < out.len() {
        out[i] = EvidenceKind::ALL[i].code();
        i += 1;
    }
    out
};

const TAKEN_SOURCES: [&str; 4] = ["exif", "file", "pasted", "unknown"];

const COLUMNS: &str =
    "id, case_id, sha256, kind, caption, original_name, size, media_type, width, \
                       height, taken_at, taken_source, added_at, has_thumbnail";

fn evidence(r: &Row<'_>) -> rusqlite::Result<EvidenceRow> {
    Ok(EvidenceRow {
        id: r.get(0)?,
        case_id: r.get(1)?,
        sha256: r.get(2)?,
        kind: r.get(3)?,
        caption: r.get(4)?,
        original_name: r.get(5)?,
        size: r.get(6)?,
        media_type: r.get(7)?,
        width: r.get(8)?,
        height: r.get(9)?,
        taken_at: r.get(10)?,
        taken_source: r.get(11)?,
        added_at: r.get(12)?,
        has_thumbnail: r.get(13)?,
    })
}

fn validate_new(e: &NewEvidence) -> Result<()> {
    validate::required("added_at", &e.added_at)?;
    validate::required("original_name", &e.original_name)?;
    validate::text("caption", &e.caption)?;
    validate::required("media_type", &e.media_type)?;
    validate::opt_text("taken_at", e.taken_at.as_deref())?;
    kind(&e.kind)?;
    if !TAKEN_SOURCES.contains(&e.taken_source.as_str()) {
        return Err(Error::invalid(
            "taken_source",
            format!("{:?} is not one of {TAKEN_SOURCES:?}", e.taken_source),
        ));
    }
    let is_hex = e.sha256.len() == 64
        && e.sha256
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if !is_hex {
        return Err(Error::invalid("sha256", "must be 64 lowercase hex digits"));
    }
    if e.size < 0 {
        return Err(Error::invalid("size", "must not be negative"));
    }
    Ok(())
}

pub(crate) fn kind(value: &str) -> Result<()> {
    if EVIDENCE_KINDS.contains(&value) {
        Ok(())
    } else {
        Err(Error::invalid(
            "kind",
            format!("{value:?} is not one of {EVIDENCE_KINDS:?}"),
        ))
    }
}

impl Store {
    /// Records one item and its "evidence" timeline event in one transaction. The same file
    /// (same SHA-256) added to the same case again returns the existing row and `false`.
    pub fn add_evidence(&self, case_id: &str, e: &NewEvidence) -> Result<(EvidenceRow, bool)> {
        validate_new(e)?;
        self.write(|tx| {
            require_case(tx, case_id)?;
            let existing = tx
                .query_row(
                    &format!("SELECT {COLUMNS} FROM evidence WHERE case_id = ?1 AND sha256 = ?2"),
                    (case_id, &e.sha256),
                    evidence,
                )
                .optional()?;
            if let Some(row) = existing {
                return Ok((row, false));
            }
            let row = tx.query_row(
                &format!(
                    "INSERT INTO evidence (id, case_id, sha256, kind, caption, original_name, size,
                         media_type, width, height, taken_at, taken_source, added_at, has_thumbnail)
                     VALUES (lower(hex(randomblob(8))), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,
                             ?11, ?12, ?13)
                     RETURNING {COLUMNS}"
                ),
                rusqlite::params![
                    case_id,
                    &e.sha256,
                    &e.kind,
                    &e.caption,
                    &e.original_name,
                    e.size,
                    &e.media_type,
                    e.width,
                    e.height,
                    &e.taken_at,
                    &e.taken_source,
                    &e.added_at,
                    e.has_thumbnail,
                ],
                evidence,
            )?;
            let data: String = tx.query_row(
                "SELECT json_object('evidence_id', ?1, 'sha256', ?2)",
                (&row.id, &row.sha256),
                |r| r.get(0),
            )?;
            insert_event(
                tx,
                case_id,
                &NewEvent {
                    at: e.added_at.clone(),
                    kind: "evidence".into(),
                    summary: e.original_name.clone(),
                    data_json: Some(data),
                },
            )?;
            Ok((row, true))
        })
    }

    /// The case's items, oldest first.
    pub fn evidence(&self, case_id: &str) -> Result<Vec<EvidenceRow>> {
        list_for_case(
            self,
            case_id,
            &format!("SELECT {COLUMNS} FROM evidence WHERE case_id = ?1 ORDER BY added_at, id"),
            evidence,
        )
    }

    pub fn get_evidence(&self, id: &str) -> Result<EvidenceRow> {
        self.conn()
            .query_row(
                &format!("SELECT {COLUMNS} FROM evidence WHERE id = ?1"),
                [id],
                evidence,
            )
            .optional()?
            .ok_or_else(|| Error::not_found("evidence", id))
    }

    /// Kind and caption are what the user can change after import; the file never changes.
    pub fn update_evidence(
        &self,
        id: &str,
        kind_value: &str,
        caption: &str,
    ) -> Result<EvidenceRow> {
        kind(kind_value)?;
        validate::text("caption", caption)?;
        self.write(|tx| {
            tx.query_row(
                &format!(
                    "UPDATE evidence SET kind = ?2, caption = ?3 WHERE id = ?1 RETURNING {COLUMNS}"
                ),
                (id, kind_value, caption),
                evidence,
            )
            .optional()?
            .ok_or_else(|| Error::not_found("evidence", id))
        })
    }

    /// Every stored file's hash that some row still uses: what the vault must keep.
    pub fn evidence_hashes(&self) -> Result<Vec<String>> {
        let conn = self.conn();
        let mut stmt = conn.prepare("SELECT DISTINCT sha256 FROM evidence ORDER BY sha256")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every row, for the start-up check that each one still has its file.
    pub fn all_evidence(&self) -> Result<Vec<EvidenceRow>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!(
            "SELECT {COLUMNS} FROM evidence ORDER BY added_at, id"
        ))?;
        let rows = stmt.query_map([], evidence)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Removes the row and logs it on the timeline at `at`. Returns the row and whether its file
    /// is now unused (the vault then deletes it).
    pub fn remove_evidence(&self, id: &str, at: &str) -> Result<(EvidenceRow, bool)> {
        validate::required("at", at)?;
        self.write(|tx| {
            let row = tx
                .query_row(
                    &format!("DELETE FROM evidence WHERE id = ?1 RETURNING {COLUMNS}"),
                    [id],
                    evidence,
                )
                .optional()?
                .ok_or_else(|| Error::not_found("evidence", id))?;
            insert_event(
                tx,
                &row.case_id,
                &NewEvent {
                    at: at.to_string(),
                    kind: "evidence_removed".into(),
                    summary: row.original_name.clone(),
                    data_json: None,
                },
            )?;
            let still_used: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM evidence WHERE sha256 = ?1)",
                [&row.sha256],
                |r| r.get(0),
            )?;
            Ok((row, !still_used))
        })
    }
}
