//! Staff replies can arrive as HTML (a mail editor's, or Zendesk's `html_body`). The app shows them
//! as text, never rendered: this turns markup into plain lines — the one implementation used by the
//! connectors for reply text and by the tracker for notification bodies.

/// Tags dropped (a lone `<`, as in "a < b", stays), a line break for `br`/`p`/`div`/`li`/`tr`, the
/// few entities mail editors use decoded, blank lines removed.
///
/// Linear in the input: a server's reply is untrusted, and searching for each `<`'s closing `>`
/// afresh made every unclosed `<a` rescan the rest of the text (megabytes of `<a` took minutes).
/// The next `>` is found once and remembered until the scan passes it.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut pos = 0;
    // Absolute index of the first `>` at or after the current `<`: `None` = not searched yet,
    // `Some(None)` = there is none in the rest of the input.
    let mut next_gt: Option<Option<usize>> = None;
    while let Some(i) = html[pos..].find('<').map(|i| pos + i) {
        out.push_str(&html[pos..i]);
        let is_tag = html[i + 1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
        let end = if is_tag {
            if next_gt.is_none_or(|g| g.is_some_and(|g| g < i)) {
                next_gt = Some(find_gt(html, i));
            }
            next_gt.flatten()
        } else {
            None
        };
        match end {
            Some(end) => {
                let name = html[i + 1..end]
                    .trim_start_matches('/')
                    .split(|c: char| c.is_whitespace() || c == '/')
                    .next()
                    .unwrap_or("");
                if ["br", "p", "div", "li", "tr"]
                    .iter()
                    .any(|t| name.eq_ignore_ascii_case(t))
                {
                    out.push('\n');
                } else if out.ends_with('<') {
                    // A lone `<` just before a dropped tag would join the text after it into a
                    // new tag (`<</x>b>` → `<b>`): keep them apart.
                    out.push(' ');
                }
                pos = end + 1;
            }
            None => {
                out.push('<');
                pos = i + 1;
            }
        }
    }
    let rest = &html[pos..];
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

/// The first `>` at or after `from`.
fn find_gt(html: &str, from: usize) -> Option<usize> {
    #[cfg(test)]
    SCANNED.with(|n| n.set(n.get() + (html.len() - from) as u64));
    html[from..].find('>').map(|j| from + j)
}

#[cfg(test)]
thread_local! {
    /// Bytes handed to `find_gt`, an upper bound of the work spent looking for tag ends.
    static SCANNED: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
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
        // Found by the property test: dropping `</>` must not make `<` + `b>` a tag.
        assert!(!html_to_text("<b><</>b></b>").contains("<b>"));
    }

    /// Issue 10: each unclosed `<a` searched the rest of the input for a `>`, so megabytes of
    /// `<a` from a hostile server burnt minutes of CPU. The work is now bounded by counting what
    /// is handed to the `>` search; this input (4 MB) runs in milliseconds even unoptimised.
    #[test]
    fn unclosed_tags_are_linear() {
        let n = 2 * 1024 * 1024;
        for (html, expected) in [
            ("<a".repeat(n), "<a".repeat(n)),
            (format!("{}>x", "<a".repeat(n)), "x".to_string()),
            (
                format!("x>{}", "<a".repeat(n)),
                format!("x>{}", "<a".repeat(n)),
            ),
            (
                format!("{}<p>ok", "< a".repeat(n / 2)),
                format!("{}\nok", "< a".repeat(n / 2)),
            ),
        ] {
            SCANNED.with(|s| s.set(0));
            let text = html_to_text(&html);
            assert_eq!(text.len(), expected.len());
            assert!(
                text == expected,
                "output differs for a {} byte input",
                html.len()
            );
            let scanned = SCANNED.with(|s| s.get());
            assert!(
                scanned <= 2 * html.len() as u64,
                "scanned {scanned} bytes for a {} byte input",
                html.len()
            );
        }
    }

    #[test]
    fn closing_brackets_after_unclosed_tags_are_still_found() {
        assert_eq!(html_to_text("<a<b>c"), "c");
        assert_eq!(html_to_text("a <3 b<br>c > d"), "a <3 b\nc > d");
        assert_eq!(html_to_text("<div>x</div>y<BR/>z"), "x\ny\nz");
        assert_eq!(html_to_text("<a href='x'>链接</a> < <p>段"), "链接 <\n段");
    }
}
