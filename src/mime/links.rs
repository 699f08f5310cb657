//! Links a reader may offer to open: only `http`, `https` and `mailto`, cleaned of the characters
//! that hide or disguise an address (white space, controls, bidi overrides).

/// A link in a message body: the words shown for it and the address it leads to.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct Link {
    /// The visible link text (white space collapsed); the address itself when there was none.
    pub text: String,
    /// An `http://`, `https://` or `mailto:` address (scheme in lowercase).
    pub url: String,
}

/// Longer addresses are not offered as links.
const MAX_URL: usize = 8 << 10;
/// At most this many links are taken from a plain-text body.
const MAX_TEXT_LINKS: usize = 2_000;

/// The address a link may open, or `None` when it is not http(s)/mailto (`javascript:`, `data:`,
/// `file:`, `cid:`, relative paths) or too long. Tabs and line breaks inside are removed (as browsers
/// do); spaces, quotes, angle brackets and invisible format characters are percent-encoded.
pub(crate) fn clean_url(raw: &str) -> Option<String> {
    let raw = raw.trim_matches(|c: char| c <= ' ' || c.is_whitespace());
    let mut url = String::with_capacity(raw.len());
    for c in raw.chars() {
        match c {
            '\t' | '\n' | '\r' => {}
            c if c.is_control() => {}
            ' ' | '<' | '>' | '"' | '`' | '{' | '}' | '|' | '\\' | '^' => percent(&mut url, c),
            c if c.is_whitespace() || crate::text::is_invisible_format(c) => percent(&mut url, c),
            c => url.push(c),
        }
        if url.len() > MAX_URL {
            return None;
        }
    }
    let colon = url.find(':')?;
    let scheme = url[..colon].to_ascii_lowercase();
    let rest = &url[colon + 1..];
    let ok = match scheme.as_str() {
        "http" | "https" => rest.len() > 2 && rest.starts_with("//"),
        "mailto" => !rest.is_empty(),
        _ => false,
    };
    ok.then(|| format!("{scheme}:{rest}"))
}

fn percent(out: &mut String, c: char) {
    let mut buf = [0u8; 4];
    for b in c.encode_utf8(&mut buf).bytes() {
        out.push_str(&format!("%{b:02X}"));
    }
}

impl Link {
    /// When the link's words look like a web address on another host than the one it leads to
    /// (a phishing pattern: "www.meine-bank.de" leading to somewhere else), the host the words
    /// show; `None` for an honest link or words that are no address.
    pub fn misleading(&self) -> Option<String> {
        let shown = host_of(self.text.trim())?;
        if !shown.contains('.') || self.url.starts_with("mailto:") {
            return None;
        }
        let target = host_of(&self.url)?;
        let same = target == shown || target.ends_with(&format!(".{shown}"));
        (!same).then_some(shown)
    }
}

/// The host of an address or of words that look like one (`https://www.x.de/a` → `x.de`,
/// `x.de/a` → `x.de`), lower case, without `www.`; `None` when the words hold a space or
/// characters no host has.
fn host_of(s: &str) -> Option<String> {
    let lower = s.to_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .unwrap_or(&lower);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    let valid = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
    valid.then(|| host.trim_end_matches('.').to_owned())
}

/// Whether a link's text already shows its address (so it need not be repeated): compared without
/// case, scheme, `www.` and a trailing slash.
pub(crate) fn same_target(text: &str, url: &str) -> bool {
    fn norm(s: &str) -> String {
        let s = s.trim().to_lowercase();
        let s = s.strip_prefix("mailto:").unwrap_or(&s);
        let s = s
            .strip_prefix("https://")
            .or_else(|| s.strip_prefix("http://"))
            .unwrap_or(s);
        let s = s.strip_prefix("www.").unwrap_or(s);
        s.trim_end_matches('/').to_owned()
    }
    norm(text) == norm(url)
}

/// The http(s)/mailto addresses written out in a plain-text body, in order, each once.
pub(crate) fn links_in_text(text: &str) -> Vec<Link> {
    const SCHEMES: [&str; 3] = ["https://", "http://", "mailto:"];
    let lower = text.to_ascii_lowercase(); // same byte offsets as `text`
    let mut links: Vec<Link> = Vec::new();
    let mut prev: Option<char> = None;
    let mut skip_to = 0;
    for (i, c) in lower.char_indices() {
        let after_word = prev.is_some_and(char::is_alphanumeric);
        prev = Some(c);
        if i < skip_to || after_word || !matches!(c, 'h' | 'm') {
            continue;
        }
        if !SCHEMES.iter().any(|s| lower[i..].starts_with(s)) {
            continue;
        }
        let end = text[i..]
            .find(|c: char| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"'))
            .map_or(text.len(), |e| i + e);
        skip_to = end;
        let candidate = trim_trailing_punctuation(&text[i..end]);
        if let Some(url) = clean_url(candidate) {
            let link = Link {
                text: url.clone(),
                url,
            };
            if !links.contains(&link) {
                links.push(link);
                if links.len() >= MAX_TEXT_LINKS {
                    break;
                }
            }
        }
    }
    links
}

/// Drops sentence punctuation after an address, and closing brackets that were not opened in it
/// (`(siehe https://example.de/a_(b)).` keeps `…/a_(b)`).
fn trim_trailing_punctuation(mut s: &str) -> &str {
    loop {
        let Some(last) = s.chars().last() else {
            return s;
        };
        let strip = match last {
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '*' => true,
            ')' => s.matches('(').count() < s.matches(')').count(),
            ']' => s.matches('[').count() < s.matches(']').count(),
            '}' => s.matches('{').count() < s.matches('}').count(),
            _ => false,
        };
        if !strip {
            return s;
        }
        s = &s[..s.len() - last.len_utf8()];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_and_mail_links_are_kept() {
        assert_eq!(
            clean_url(" HTTPS://example.de/a b ").as_deref(),
            Some("https://example.de/a%20b")
        );
        assert_eq!(
            clean_url("mailto:info@example.de").as_deref(),
            Some("mailto:info@example.de")
        );
        assert_eq!(clean_url("java\nscript:alert(1)"), None);
        assert_eq!(clean_url("javascript:alert(1)"), None);
        assert_eq!(clean_url("data:text/html,x"), None);
        assert_eq!(clean_url("cid:logo@x"), None);
        assert_eq!(clean_url("/relative"), None);
        assert_eq!(clean_url("http://"), None);
        assert_eq!(
            clean_url("https://ex\u{202E}ample.de").as_deref(),
            Some("https://ex%E2%80%AEample.de")
        );
        assert_eq!(
            clean_url(&format!("https://e.de/{}", "a".repeat(9000))),
            None
        );
    }

    #[test]
    fn links_whose_words_show_another_host_are_misleading() {
        let link = |text: &str, url: &str| Link {
            text: text.into(),
            url: url.into(),
        };
        let bad = link("www.sparkasse.de", "https://sparkasse-login.example.ru/x");
        assert_eq!(bad.misleading().as_deref(), Some("sparkasse.de"));
        let bad = link("https://paypal.com/login", "http://paypa1.com/login");
        assert_eq!(bad.misleading().as_deref(), Some("paypal.com"));
        for honest in [
            link("www.sparkasse.de", "https://www.sparkasse.de/"),
            link("sparkasse.de", "https://online.sparkasse.de/login"),
            link("Hier klicken", "https://example.org/"),
            link("Rechnung ansehen", "https://example.org/r"),
            link("anna@example.org", "mailto:anna@example.org"),
        ] {
            assert_eq!(honest.misleading(), None, "{honest:?}");
        }
    }

    #[test]
    fn same_target_ignores_scheme_and_www() {
        assert!(same_target("www.example.de", "https://www.example.de/"));
        assert!(same_target("info@example.de", "mailto:info@example.de"));
        assert!(!same_target("Hier klicken", "https://example.de"));
    }

    #[test]
    fn links_are_found_in_plain_text() {
        let text = "Siehe https://example.de/a_(b)). Oder (http://x.de/p?q=1&r=2), \
                    <https://y.de/>, xhttp://no.de und mailto:a@b.de. Nochmal https://example.de/a_(b)";
        let urls: Vec<_> = links_in_text(text).into_iter().map(|l| l.url).collect();
        assert_eq!(
            urls,
            [
                "https://example.de/a_(b)",
                "http://x.de/p?q=1&r=2",
                "https://y.de/",
                "mailto:a@b.de"
            ]
        );
    }
}
