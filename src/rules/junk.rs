//! What marks a message as junk on arrival: the headers providers' spam filters add.
use super::matcher::Mail;

/// Whether the message's headers say the provider's filter found it to be spam:
/// `X-Spam-Flag: YES`, `X-Spam-Status: Yes, score=…`, `X-Spam: Yes`, or the account's own
/// header (`extra`) with a value that begins with "yes" or "true". Case does not matter.
pub fn marked_as_junk(mail: &Mail<'_>, extra: Option<&str>) -> bool {
    let yes = |v: &str| {
        let v = v.trim_start().to_ascii_lowercase();
        v.starts_with("yes") || v.starts_with("true")
    };
    let flag = mail
        .header("X-Spam-Flag")
        .iter()
        .any(|v| v.trim().eq_ignore_ascii_case("yes"));
    flag || mail.header("X-Spam-Status").iter().any(|v| yes(v))
        || mail.header("X-Spam").iter().any(|v| yes(v))
        || extra.is_some_and(|h| mail.header(h).iter().any(|v| yes(v)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn junk(headers: &str, extra: Option<&str>) -> bool {
        let raw = format!("{headers}From: a@example.org\r\nSubject: x\r\n\r\nbody\r\n");
        marked_as_junk(&Mail::new(raw.as_bytes()), extra)
    }

    #[test]
    fn the_usual_spam_headers_mark_junk() {
        assert!(junk("X-Spam-Flag: YES\r\n", None));
        assert!(junk("x-spam-flag: yes\r\n", None));
        assert!(!junk("X-Spam-Flag: NO\r\n", None));
        assert!(junk("X-Spam-Status: Yes, score=7.1 required=5.0\r\n", None));
        assert!(!junk("X-Spam-Status: No, score=0.1 required=5.0\r\n", None));
        assert!(junk("X-Spam: Yes\r\n", None));
        assert!(!junk("X-Spam: no\r\n", None));
        assert!(!junk("", None));
        assert!(junk("X-Provider-Junk: true\r\n", Some("x-provider-junk")));
        assert!(!junk("X-Provider-Junk: true\r\n", None));
        // a "yes" elsewhere is not a flag
        assert!(!junk("X-Spam-Report: yes\r\n", None));
    }
}
