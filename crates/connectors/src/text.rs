//! Staff replies can arrive as HTML (a mail editor's, or Zendesk's `html_body`). The app shows them
//! as text, never rendered: this turns markup into plain lines — the one implementation used by the
//! connectors for reply text and by the tracker for notification bodies.

/// Tags dropped (a lone `<`, as in "a < b", stays), a line break for `br`/`p`/`div`/`li`/`tr`, the
/// few entities mail editors use decoded, blank lines removed.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        let is_tag = after[1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
        match (is_tag, after.find('>')) {
            (true, Some(end)) => {
                let name = after[1..end]
                    .trim_start_matches('/')
                    .split(|c: char| c.is_whitespace() || c == '/')
                    .next()
                    .unwrap_or("")
                    .to_ascii_lowercase();
                if matches!(name.as_str(), "br" | "p" | "div" | "li" | "tr") {
                    out.push('\n');
                }
                rest = &after[end + 1..];
            }
            _ => {
                out.push('<');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    let decoded = out
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    let lines: Vec<&str> = decoded
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_go_text_and_lone_angles_stay() {
        assert_eq!(
            html_to_text("<p>您好</p><p>已补发<br/>请查收</p>"),
            "您好\n已补发\n请查收"
        );
        assert_eq!(html_to_text("金额 a < b 元"), "金额 a < b 元");
        assert_eq!(html_to_text("&lt;b&gt; &amp; <b>粗</b>"), "<b> & 粗");
        assert_eq!(html_to_text("<pre>x</pre>"), "x", "pre is not p");
    }
}
