//! "发到手机": what the user needs in the hand that holds the phone — the number to call, the
//! opening message and the questions — as text and as a QR code the phone's camera reads, so a
//! user at the computer can call from their phone without typing anything.

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};
use reachright_core::compose::ComposeKind;
use reachright_core::Lang;
use serde::{Deserialize, Serialize};
#[cfg(test)]
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::models::{Analysis, ChannelAction};
use crate::{cases, Call};

/// The most text put in one code. Phone cameras read a code of this size from a laptop screen
/// (about version 25 at level M); the largest QR holds 2,331 bytes at M but reads poorly.
pub const MAX_QR_BYTES: usize = 1200;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct PhoneHandoff {
    /// What the code holds, also shown to copy.
    pub text: String,
    /// The QR code as an SVG document (shown as an image, never inserted as markup).
    pub qr_svg: String,
    /// The questions were cut to fit the code (the full list is on the case page).
    pub shortened: bool,
}

/// The case's phone number, opening message and questions, for the phone in the user's hand.
pub fn to_phone(call: &Call<'_>, case_id: &str) -> Result<PhoneHandoff> {
    let detail = cases::detail(call, case_id)?;
    handoff(&detail.analysis, call.lang)
}

fn handoff(a: &Analysis, lang: Lang) -> Result<PhoneHandoff> {
    let rec = &a.recommendation;
    let actions: Vec<&ChannelAction> = std::iter::once(&rec.primary)
        .chain(rec.do_now.iter())
        .chain(rec.alternatives.iter())
        .collect();
    let phone = actions.iter().find_map(|x| x.phone.clone());
    let text_of = |kind: ComposeKind| {
        rec.texts
            .iter()
            .find(|t| t.kind == kind)
            .map(|t| t.body.trim().to_string())
            .unwrap_or_default()
    };
    let head = {
        let mut h = match &phone {
            Some(p) => format!("{}{p}\n", lang.pick("客服电话：", "Support phone: ")),
            None => lang
                .pick(
                    "平台没有登记电话号码，请在平台目录里补上。\n",
                    "No phone number is on record for this platform; add it in the directory.\n",
                )
                .to_string(),
        };
        let opener = text_of(ComposeKind::Chat);
        if !opener.is_empty() {
            h.push_str(&format!(
                "\n{}\n{opener}\n",
                lang.pick("开场白：", "Opening:")
            ));
        }
        h.push_str(&format!("\n{}\n", lang.pick("要问的问题：", "Questions:")));
        h
    };
    let questions = text_of(ComposeKind::Phone);
    handoff_of(&head, &questions)
}

/// `head` and as much of `rest` as fits one readable code, as text and as the code's SVG.
pub fn handoff_of(head: &str, rest: &str) -> Result<PhoneHandoff> {
    let (text, shortened) = fit(head, rest);
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .map_err(|e| Error::invalid("case", format!("the text does not fit a QR code: {e}")))?;
    let qr_svg = code
        .render::<svg::Color>()
        .min_dimensions(320, 320)
        .quiet_zone(true)
        .build();
    Ok(PhoneHandoff {
        text,
        qr_svg,
        shortened,
    })
}

/// `head` and as many whole lines of `rest` as fit [`MAX_QR_BYTES`], then `…`.
fn fit(head: &str, rest: &str) -> (String, bool) {
    let mut out = head.to_string();
    if out.len() + rest.len() <= MAX_QR_BYTES {
        out.push_str(rest);
        return (out, false);
    }
    for line in rest.lines() {
        if out.len() + line.len() + "\n…".len() + 1 > MAX_QR_BYTES {
            break;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.push('…');
    (out, true)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::models::PlatformEntry;
    use chrono::DateTime;
    use reachright_store::Store;

    fn at() -> chrono::DateTime<chrono::FixedOffset> {
        DateTime::parse_from_rfc3339("2026-12-03T10:00:00+08:00").unwrap()
    }

    #[test]
    fn the_phone_gets_the_number_the_opener_and_the_questions_in_a_readable_code() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let call = Call::new(&store, at(), Lang::Zh);
        let mut profile = crate::platforms::default_form().unwrap();
        profile.name = "某卡盟".into();
        profile.phone.number = "400-123-4567".into();
        let p = crate::platforms::save(
            &call,
            &PlatformEntry {
                id: None,
                profile,
                vip: false,
                verified: false,
            },
        )
        .unwrap();
        let intake = crate::Intake {
            platform_id: p.id.clone(),
            story: "订单号20240520001，买的100元游戏点卡一直没到账，卡密也没收到".into(),
            ..crate::Intake::default()
        };
        let case = cases::create(&call, &intake).unwrap();
        let h = to_phone(&call, &case.summary.id).unwrap();
        assert!(h.text.starts_with("客服电话：400-123-4567\n"), "{}", h.text);
        assert!(h.text.contains("20240520001"), "{}", h.text);
        assert!(h.text.contains("要问的问题："), "{}", h.text);
        assert!(h.text.len() <= MAX_QR_BYTES);
        assert!(
            h.qr_svg.starts_with("<?xml") && h.qr_svg.contains("<svg"),
            "{}",
            &h.qr_svg[..80]
        );
        assert_eq!(
            decode(&h.text),
            h.text,
            "a reader gets back every character"
        );
        assert!(!h.qr_svg.contains("<script"));
    }

    /// The code for `text` as a camera would see it (4 pixels a module, a quiet zone), decoded.
    fn decode(text: &str) -> String {
        let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).unwrap();
        let n = code.width();
        let dark = code.to_colors();
        let (scale, quiet) = (4, 4);
        let side = (n + 2 * quiet) * scale;
        let mut img = rqrr::PreparedImage::prepare_from_bitmap(side, side, |x, y| {
            let (mx, my) = (x / scale, y / scale);
            (quiet..n + quiet).contains(&mx)
                && (quiet..n + quiet).contains(&my)
                && dark[(my - quiet) * n + (mx - quiet)] == qrcode::Color::Dark
        });
        let grids = img.detect_grids();
        assert_eq!(grids.len(), 1);
        grids[0].decode().unwrap().1
    }

    #[test]
    fn long_questions_are_cut_on_a_line_and_said_so() {
        let rest: String = (0..200)
            .map(|i| format!("问题{i}：请问订单现在是什么状态？\n"))
            .collect();
        let (text, cut) = fit("客服电话：400\n", &rest);
        assert!(cut && text.ends_with('…') && text.len() <= MAX_QR_BYTES);
        assert!(
            text.lines().rev().nth(1).unwrap().ends_with('？'),
            "whole lines only"
        );
        assert_eq!(decode(&text), text);
        let (short, cut) = fit("客服电话：400\n", "问一句");
        assert_eq!((short.as_str(), cut), ("客服电话：400\n问一句", false));
    }
}
