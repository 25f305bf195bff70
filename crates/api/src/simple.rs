//! 长辈模式 (simple mode): one tap on a big tile — or a story typed into 说出来 — gives one answer
//! screen: what to do now in one sentence, the number to call with whether the line answers now,
//! the list of what to have at hand, the reminders, the words to read aloud and the summary a
//! relative can take over ("让家人帮我").
//!
//! Nothing here decides a channel or an opening hour: the answer is the recommendation of
//! [`crate::cases::analyse_with_history`] (the wizard's), with the story read by
//! [`crate::story::read_story`] (the wizard's reading), only cut down to what fits one screen.

use reachright_core::taxonomy::Demand;
use reachright_core::{Lang, ProblemType};
use serde::{Deserialize, Serialize};
#[cfg(test)]
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::models::{ChannelAction, Coded, Intake};
use crate::share::{handoff_of, PhoneHandoff};
use crate::views::coded;
use crate::{cases, story, Call};

/// The big tiles, in the order shown: the tile's code, the problem type it stands for and the
/// demand it implies (the buyer who taps 想退款 wants a refund; 账号被冻结 wants the account back).
pub const TILES: [(&str, ProblemType, Option<Demand>); 7] = [
    ("not_arrived", ProblemType::DeliveryDelay, None),
    ("recharge_failed", ProblemType::RechargeFailed, None),
    ("card_key", ProblemType::CardInvalid, None),
    ("frozen", ProblemType::AccountFrozen, Some(Demand::Restore)),
    ("stolen", ProblemType::AccountStolen, Some(Demand::Restore)),
    ("refund", ProblemType::RefundRequest, Some(Demand::Refund)),
    ("other", ProblemType::Other, None),
];

/// What the simple mode asks with: a tile, a story, or both (the tile then fixes the type).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
#[serde(default)]
pub struct SimpleAsk {
    /// One of [`TILES`]' codes.
    pub tile: Option<String>,
    /// The 说出来 field.
    pub story: String,
    /// The platform to ask about; `None` takes the one of the latest case, else the directory's
    /// first, else the built-in default.
    pub platform_id: Option<String>,
}

/// The one answer screen of the simple mode.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct SimpleAnswer {
    pub problem_type: Coded,
    /// The platform asked about (`code` is its id), `None` for the built-in default.
    pub platform: Option<Coded>,
    /// What to do now, in one sentence.
    pub headline: String,
    /// The channel to use now, with its page, number or address.
    pub action: ChannelAction,
    /// The platform's phone line: a person to call with one tap.
    pub phone: Option<String>,
    /// The phone line answers now.
    pub phone_open: bool,
    /// RFC 3339, while the line is closed: when it opens.
    pub phone_opens_at: Option<String>,
    /// What to have at hand (the channel's checklist).
    pub questions: Vec<String>,
    /// Deadlines and warnings, in words.
    pub reminders: Vec<String>,
    /// What 朗读 says: the headline, the number and whether it answers, the list, the reminders.
    pub speech: String,
    /// "让家人帮我": what happened, what was tried, what to do next and the number, as text and QR.
    pub family: PhoneHandoff,
    /// The form behind the answer, for "更多" (the full wizard).
    pub intake: Intake,
}

/// The answer for a tile or a story.
pub fn answer(call: &Call<'_>, ask: &SimpleAsk) -> Result<SimpleAnswer> {
    let tile = match ask.tile.as_deref() {
        None | Some("") => None,
        Some(code) => Some(
            TILES
                .iter()
                .find(|(c, _, _)| *c == code)
                .ok_or_else(|| Error::invalid("tile", format!("{code:?} is not a tile")))?,
        ),
    };
    let story_text = ask.story.trim();
    if tile.is_none() && story_text.is_empty() {
        return Err(Error::invalid(
            "story",
            "choose a tile or say what happened",
        ));
    }
    let platform_id = match &ask.platform_id {
        Some(id) => Some(id.clone()),
        None => usual_platform(call)?,
    };
    let mut intake = Intake {
        platform_id: platform_id.clone(),
        ..Intake::default()
    };
    if !story_text.is_empty() {
        intake.story = story_text.to_string();
        let reading = story::read_story(call, &intake)?;
        intake = reading.found;
        // The simple mode has no step to confirm a guessed type: what the story reads as is
        // taken, unless a tile says otherwise below.
        intake.problem_type = Some(reading.problem_type.code);
    }
    if let Some((_, problem, demand)) = tile {
        intake.problem_type = Some(problem.code().to_string());
        if let Some(d) = demand {
            intake.demand = Some(d.code().to_string());
        }
    }
    let analysis = cases::analyse_with_history(call, &intake, None)?;
    let rec = &analysis.recommendation;
    let action = rec.do_now.clone().unwrap_or_else(|| rec.primary.clone());
    let phone = std::iter::once(&rec.primary)
        .chain(rec.do_now.iter())
        .chain(rec.alternatives.iter())
        .find_map(|a| a.phone.clone());
    let phone_opens_at = rec.next_phone_opening.clone();
    let phone_open = phone.is_some() && phone_opens_at.is_none();
    let lang = call.lang;
    // "Call when the line opens" only when the phone is the best channel and only closed now.
    let call_later = rec.do_now.is_some() && rec.primary.phone.is_some();
    let headline = headline(
        &action,
        phone_opens_at.as_deref().filter(|_| call_later),
        lang,
    );
    let reminders: Vec<String> = rec.warnings.iter().map(|w| w.message.clone()).collect();
    let platform = match &platform_id {
        Some(id) => Some(coded(
            id,
            &crate::platforms::get(call.store, id)?.profile.name,
        )),
        None => None,
    };
    let speech = speech(
        &headline,
        phone.as_deref(),
        phone_opens_at.as_deref(),
        &rec.prepare,
        &reminders,
        lang,
    );
    let family = family(
        &intake,
        &analysis.problem_type.label,
        platform.as_ref().map(|p| p.label.as_str()),
        &headline,
        phone.as_deref(),
        phone_opens_at.as_deref(),
        &rec.prepare,
        lang,
    )?;
    Ok(SimpleAnswer {
        problem_type: analysis.problem_type.clone(),
        platform,
        headline,
        action,
        phone,
        phone_open,
        phone_opens_at,
        questions: rec.prepare.clone(),
        reminders,
        speech,
        family,
        intake,
    })
}

/// The platform an older user most likely means: the one of the case touched last, else the only
/// (first) one in the directory.
fn usual_platform(call: &Call<'_>) -> Result<Option<String>> {
    if let Some(id) = call
        .store
        .list_cases()?
        .into_iter()
        .find_map(|c| c.platform_id)
    {
        return Ok(Some(id));
    }
    Ok(call
        .store
        .list_platforms()?
        .into_iter()
        .next()
        .map(|p| p.id))
}

/// One sentence: what to do this minute, by the channel to use now.
fn headline(action: &ChannelAction, phone_opens_at: Option<&str>, lang: Lang) -> String {
    let s = match action.channel.code.as_str() {
        "phone" => lang.pick(
            "现在就打客服电话，照着下面的单子说。",
            "Call the support line now and go through the list below.",
        ),
        "online_chat" => lang.pick(
            "现在先找在线客服，把下面的情况告诉它。",
            "Start the online chat now and tell it what is below.",
        ),
        "vip_exclusive" => lang.pick(
            "现在联系您的专属客服，请他回电话。",
            "Contact your exclusive agent now and ask for a call back.",
        ),
        "ticket" => lang.pick(
            "现在先提交工单，把下面的情况写上。",
            "Submit a support ticket now with what is below.",
        ),
        "email" => lang.pick(
            "现在先给客服发邮件，把下面的情况写上。",
            "E-mail the support team now with what is below.",
        ),
        _ => lang.pick(
            "平台没有解决，现在去12315或黑猫投诉。",
            "The platform has not solved it: complain to 12315 or Black Cat now.",
        ),
    };
    match (action.channel.code.as_str(), phone_opens_at) {
        ("phone", _) | (_, None) => s.to_string(),
        (_, Some(at)) => format!(
            "{s}{}",
            lang.fill(
                "电话{at}开通后再打。",
                " Call when the line opens at {at}.",
                &[("at", &spoken_time(at, lang))],
            )
        ),
    }
}

/// `2026-12-03T09:00:00+08:00` → `12月3日9:00` / `3 Dec 09:00`; the text as is if it is no time.
fn spoken_time(rfc3339: &str, lang: Lang) -> String {
    match chrono::DateTime::parse_from_rfc3339(rfc3339) {
        Ok(t) => match lang {
            Lang::En => t.format("%-d %b %H:%M").to_string(),
            Lang::Zh | Lang::ZhHant => t.format("%-m月%-d日%-H:%M").to_string(),
        },
        Err(_) => rfc3339.to_string(),
    }
}

/// A number read digit by digit: a speech engine says "400" as "four hundred" otherwise.
fn digits(number: &str) -> String {
    number
        .chars()
        .filter(char::is_ascii_digit)
        .map(String::from)
        .collect::<Vec<_>>()
        .join(" ")
}

fn phone_line(phone: Option<&str>, opens: Option<&str>, lang: Lang, spoken: bool) -> String {
    let Some(p) = phone else {
        return String::new();
    };
    let number = if spoken { digits(p) } else { p.to_string() };
    match opens {
        None => lang.fill(
            "客服电话：{number}，现在能打。",
            "Support phone: {number}, open now.",
            &[("number", &number)],
        ),
        Some(at) => lang.fill(
            "客服电话：{number}，{at}开通。",
            "Support phone: {number}, opens {at}.",
            &[("number", &number), ("at", &spoken_time(at, lang))],
        ),
    }
}

fn speech(
    headline: &str,
    phone: Option<&str>,
    opens: Option<&str>,
    prepare: &[String],
    reminders: &[String],
    lang: Lang,
) -> String {
    let mut out = vec![headline.to_string()];
    let line = phone_line(phone, opens, lang, true);
    if !line.is_empty() {
        out.push(line);
    }
    if !prepare.is_empty() {
        out.push(lang.pick("要准备的：", "Have at hand:").to_string());
        out.extend(
            prepare
                .iter()
                .enumerate()
                .map(|(i, q)| format!("{}、{q}", i + 1)),
        );
    }
    if !reminders.is_empty() {
        out.push(lang.pick("提醒：", "Reminders:").to_string());
        out.extend(reminders.iter().cloned());
    }
    out.join("\n")
}

#[allow(clippy::too_many_arguments)]
fn family(
    intake: &Intake,
    problem: &str,
    platform: Option<&str>,
    headline: &str,
    phone: Option<&str>,
    opens: Option<&str>,
    prepare: &[String],
    lang: Lang,
) -> Result<PhoneHandoff> {
    let mut head = String::from(lang.pick(
        "请帮我联系平台客服。\n",
        "Please help me contact the platform's support.\n",
    ));
    if let Some(name) = platform {
        head.push_str(&format!("{}{name}\n", lang.pick("平台：", "Platform: ")));
    }
    head.push_str(&format!(
        "{}{problem}\n",
        lang.pick("出了什么事：", "What happened: ")
    ));
    if !intake.story.trim().is_empty() {
        head.push_str(&format!("{}\n", intake.story.trim()));
    }
    let tried = intake.steps_tried.trim();
    head.push_str(&format!(
        "{}{}\n",
        lang.pick("已经试过：", "Already tried: "),
        if tried.is_empty() {
            lang.pick("还没有联系过客服", "nothing yet")
        } else {
            tried
        }
    ));
    head.push_str(&format!("{}{headline}\n", lang.pick("下一步：", "Next: ")));
    let line = phone_line(phone, opens, lang, false);
    if !line.is_empty() {
        head.push_str(&line);
        head.push('\n');
    }
    let list: String = prepare.iter().map(|q| format!("- {q}\n")).collect();
    if !list.is_empty() {
        head.push_str(lang.pick("要准备的：\n", "Have at hand:\n"));
    }
    handoff_of(&head, &list)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::models::PlatformEntry;
    use chrono::{DateTime, FixedOffset};
    use reachright_store::Store;

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    /// A platform with a phone line open 09:00–18:00 Beijing time.
    fn platform(call: &Call<'_>) -> String {
        let mut profile = crate::platforms::default_form().unwrap();
        profile.name = "某卡盟".into();
        profile.phone.number = "400-123-4567".into();
        profile.phone.hours = "09:00-18:00".into();
        profile.phone.business_days_only = false;
        crate::platforms::save(
            call,
            &PlatformEntry {
                id: None,
                profile,
                vip: false,
                verified: false,
            },
        )
        .unwrap()
        .id
        .unwrap()
    }

    fn tile(code: &str) -> SimpleAsk {
        SimpleAsk {
            tile: Some(code.into()),
            ..SimpleAsk::default()
        }
    }

    #[test]
    fn every_tile_gives_its_problem_type_and_the_recommendations_channel() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let call = Call::new(&store, at("2026-12-03T10:00:00+08:00"), Lang::Zh);
        platform(&call);
        for (code, problem, demand) in TILES {
            let a = answer(&call, &tile(code)).unwrap();
            assert_eq!(a.problem_type.code, problem.code(), "{code}");
            assert_eq!(
                a.intake.demand.as_deref(),
                demand.map(|d| d.code()),
                "{code}"
            );
            // The channel is the wizard's: the same form analysed there gives the same one.
            let full = cases::analyse_with_history(&call, &a.intake, None).unwrap();
            let rec = full.recommendation;
            assert_eq!(a.action, rec.do_now.unwrap_or(rec.primary), "{code}");
            assert_eq!(a.questions, rec.prepare, "{code}");
            // The directory's only platform is taken without asking.
            assert_eq!(a.platform.as_ref().unwrap().label, "某卡盟");
            assert_eq!(a.phone.as_deref(), Some("400-123-4567"));
        }
    }

    #[test]
    fn the_light_says_open_now_or_when_the_line_opens() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let day = Call::new(&store, at("2026-12-03T10:00:00+08:00"), Lang::Zh);
        platform(&day);
        let a = answer(&day, &tile("not_arrived")).unwrap();
        assert!(a.phone_open && a.phone_opens_at.is_none());
        assert!(a.speech.contains("现在能打"), "{}", a.speech);
        // Spoken digit by digit.
        assert!(a.speech.contains("4 0 0 1 2 3 4 5 6 7"), "{}", a.speech);

        let night = Call::new(&store, at("2026-12-03T23:00:00+08:00"), Lang::Zh);
        let a = answer(&night, &tile("not_arrived")).unwrap();
        assert!(!a.phone_open);
        let opens = a.phone_opens_at.clone().unwrap();
        assert!(opens.starts_with("2026-12-04T09:00"), "{opens}");
        assert!(a.speech.contains("12月4日9:00开通"), "{}", a.speech);
        assert_ne!(
            a.action.channel.code, "phone",
            "a closed line is not what to do now"
        );
        // Online chat is the best here: nothing to wait for.
        assert!(!a.headline.contains("开通"), "{}", a.headline);

        // A platform without chat: the phone is the best but closed, so the answer says what to
        // do now and to call when it opens.
        let mut profile = crate::platforms::default_form().unwrap();
        profile.name = "只有电话".into();
        profile.channels = vec!["phone".into(), "ticket".into(), "email".into()];
        profile.phone.number = "400-765-4321".into();
        profile.phone.hours = "09:00-18:00".into();
        profile.phone.business_days_only = false;
        let only_phone = crate::platforms::save(
            &night,
            &PlatformEntry {
                id: None,
                profile,
                vip: false,
                verified: false,
            },
        )
        .unwrap()
        .id;
        let a = answer(
            &night,
            &SimpleAsk {
                platform_id: only_phone,
                ..tile("not_arrived")
            },
        )
        .unwrap();
        assert_ne!(a.action.channel.code, "phone");
        assert!(
            a.headline.contains("12月4日9:00开通后再打"),
            "{}",
            a.headline
        );
        // The number stays on the screen for later.
        assert_eq!(a.phone.as_deref(), Some("400-765-4321"));
    }

    #[test]
    fn a_story_is_read_as_the_wizard_reads_it_and_a_tile_fixes_the_type() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let call = Call::new(&store, at("2026-12-03T10:00:00+08:00"), Lang::Zh);
        let story_text = "订单号20240520001，买的100元游戏点卡一直没到账，电话一直占线";
        let ask = SimpleAsk {
            story: story_text.into(),
            ..SimpleAsk::default()
        };
        let a = answer(&call, &ask).unwrap();
        let reading = story::read_story(
            &call,
            &Intake {
                story: story_text.into(),
                ..Intake::default()
            },
        )
        .unwrap();
        assert_eq!(a.problem_type.code, reading.problem_type.code);
        assert_eq!(a.intake.order_id, "20240520001");
        assert!(a.family.text.contains("20240520001"), "{}", a.family.text);
        assert!(a.family.text.contains("下一步："), "{}", a.family.text);
        assert!(a.family.qr_svg.contains("<svg"));
        // No platform in the directory: the default profile, said as none.
        assert_eq!(a.platform, None);

        let both = answer(
            &call,
            &SimpleAsk {
                tile: Some("refund".into()),
                ..ask
            },
        )
        .unwrap();
        assert_eq!(both.problem_type.code, "refund_request");
        assert_eq!(both.intake.order_id, "20240520001");
    }

    #[test]
    fn an_unknown_tile_or_an_empty_ask_is_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let call = Call::new(&store, at("2026-12-03T10:00:00+08:00"), Lang::En);
        let e = answer(&call, &tile("lost_cat")).unwrap_err();
        assert!(
            matches!(&e, Error::Invalid { field, .. } if field == "tile"),
            "{e}"
        );
        let e = answer(&call, &SimpleAsk::default()).unwrap_err();
        assert!(
            matches!(&e, Error::Invalid { field, .. } if field == "story"),
            "{e}"
        );
    }

    #[test]
    fn the_settings_remember_the_simple_mode_once_chosen() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let s = crate::settings::load(&store).unwrap();
        assert_eq!(s.simple_mode, None, "not asked yet");
        let on = crate::settings::save(
            &store,
            &crate::models::Settings {
                simple_mode: Some(true),
                ..s.clone()
            },
        )
        .unwrap();
        assert_eq!(on.simple_mode, Some(true));
        // Saving other settings without the field keeps the choice.
        let kept = crate::settings::save(
            &store,
            &crate::models::Settings {
                simple_mode: None,
                text_scale: 1.2,
                ..s
            },
        )
        .unwrap();
        assert_eq!(kept.simple_mode, Some(true));
    }
}
