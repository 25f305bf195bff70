//! Which of the engine's voices reads a language: by the voice's BCP 47 tag, never by its name
//! (names are the engine's own: "Chinese (Mandarin, latin as English)", "Microsoft Huihui").

use std::fmt;

/// The languages the app reads aloud.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    /// Mandarin: tags `zh`, `zh-CN`, `zh-Hans`, `cmn` …; Cantonese (`yue`, `zh-HK`) is not it.
    Chinese,
    English,
}

impl Language {
    /// From the app's language setting (`zh-CN`, `en` …).
    pub fn from_app(lang: &str) -> Self {
        if lang.starts_with("en") {
            Language::English
        } else {
            Language::Chinese
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Language::Chinese => "Chinese",
            Language::English => "English",
        })
    }
}

/// The best of `voices` (name, BCP 47 tag) for `lang`: a mainland Mandarin (or British/American
/// English) voice first, then any voice of the language; a plain voice before an engine's
/// variants (espeak-ng lists `name+variant` for each). `None` when the language has no voice.
pub fn pick_voice(voices: &[(String, String)], lang: Language) -> Option<usize> {
    voices
        .iter()
        .enumerate()
        .filter_map(|(i, (name, tag))| {
            score(tag, lang).map(|s| (s + u32::from(name.contains('+')), i))
        })
        .min_by_key(|&(s, i)| (s, i))
        .map(|(_, i)| i)
}

/// Lower is better; `None`: not this language.
fn score(tag: &str, lang: Language) -> Option<u32> {
    let tag = tag.to_ascii_lowercase().replace('_', "-");
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    match lang {
        Language::Chinese => {
            if primary == "cmn" {
                return Some(if rest.contains(&"tw") { 4 } else { 0 });
            }
            if primary != "zh" {
                return None;
            }
            // zh-HK and zh-yue are Cantonese voices; zh-TW reads Mandarin with Taiwan's accent.
            if rest.iter().any(|p| matches!(*p, "hk" | "yue" | "mo")) {
                return None;
            }
            Some(match rest.as_slice() {
                [] => 0,
                r if r.contains(&"cn") || r.contains(&"hans") => 0,
                r if r.contains(&"tw") || r.contains(&"hant") => 4,
                _ => 2,
            })
        }
        Language::English => (primary == "en").then(|| match rest.first() {
            None | Some(&"gb") | Some(&"us") => 0,
            _ => 2,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect()
    }

    #[test]
    fn espeak_ngs_mandarin_voice_is_found_by_its_tag_not_a_variant() {
        // As Speech Dispatcher lists espeak-ng's voices on Debian 12.
        let voices = v(&[
            ("Afrikaans", "af"),
            ("Chinese (Cantonese)", "yue"),
            ("Chinese (Mandarin, latin as English)+Adam", "cmn"),
            ("Chinese (Mandarin, latin as English)", "cmn"),
            ("English (Great Britain)", "en-GB"),
        ]);
        assert_eq!(pick_voice(&voices, Language::Chinese), Some(3));
        assert_eq!(pick_voice(&voices, Language::English), Some(4));
    }

    #[test]
    fn mainland_before_taiwan_and_never_cantonese() {
        let voices = v(&[
            ("Microsoft Tracy", "zh-HK"),
            ("Microsoft Hanhan", "zh-TW"),
            ("Microsoft Huihui", "zh-CN"),
        ]);
        assert_eq!(pick_voice(&voices, Language::Chinese), Some(2));
        assert_eq!(pick_voice(&voices[..2], Language::Chinese), Some(1));
        assert_eq!(pick_voice(&voices[..1], Language::Chinese), None);
    }

    #[test]
    fn no_voice_of_the_language_is_none_not_another_language() {
        let voices = v(&[("English (America)", "en-US"), ("German", "de")]);
        assert_eq!(pick_voice(&voices, Language::Chinese), None);
        assert_eq!(pick_voice(&[], Language::English), None);
    }

    #[test]
    fn the_apps_language_setting_chooses_the_voice_language() {
        assert_eq!(Language::from_app("zh-CN"), Language::Chinese);
        assert_eq!(Language::from_app("zh-TW"), Language::Chinese);
        assert_eq!(Language::from_app("en"), Language::English);
    }
}
