//! The documented fallback identity for servers without `UIDL`.
//!
//! Without UIDL a message has no server-given name that survives sessions. Postfach then names it
//! by what `TOP n 0` returns: the SHA-256 of its size and its `Message-ID`, `Date`, `From` and
//! `Subject` headers (as raw bytes), prefixed `hdr:`. Two different messages with identical
//! headers and size would be taken for one, which is why the user is told this mode is weaker
//! when mail is left on the server.

use sha2::{Digest, Sha256};

/// The identity of a message from its size and its header block (`TOP n 0`).
pub fn fallback_uidl(size: u64, headers: &[u8]) -> String {
    let mut hash = Sha256::new();
    hash.update(size.to_be_bytes());
    for name in ["message-id", "date", "from", "subject"] {
        hash.update(name.as_bytes());
        hash.update(b"\0");
        if let Some(value) = header_value(headers, name) {
            hash.update(&value);
        }
        hash.update(b"\0");
    }
    format!("hdr:{}", hex::encode(&hash.finalize()[..16]))
}

/// The raw value of the first header `name` (unfolded, trimmed), case-insensitively.
fn header_value(headers: &[u8], name: &str) -> Option<Vec<u8>> {
    let mut value: Option<Vec<u8>> = None;
    for line in headers.split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() {
            break;
        }
        if let Some(v) = value.as_mut() {
            if line[0] == b' ' || line[0] == b'\t' {
                v.push(b' ');
                v.extend_from_slice(line.trim_ascii());
                continue;
            }
            break;
        }
        if let Some(colon) = line.iter().position(|&b| b == b':')
            && line[..colon]
                .trim_ascii()
                .eq_ignore_ascii_case(name.as_bytes())
        {
            value = Some(line[colon + 1..].trim_ascii().to_vec());
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_depends_on_identifying_headers_only() {
        let a = b"Received: x\r\nMessage-ID: <1@x>\r\nSubject: Hi\r\n\tthere\r\n\r\n";
        let b = b"Received: y\r\nsubject: Hi\r\n there\r\nMESSAGE-ID: <1@x>\r\n\r\n";
        assert_eq!(fallback_uidl(10, a), fallback_uidl(10, b));
        assert_ne!(fallback_uidl(10, a), fallback_uidl(11, a));
        let c = b"Message-ID: <2@x>\r\nSubject: Hi there\r\n\r\n";
        assert_ne!(fallback_uidl(10, a), fallback_uidl(10, c));
        assert!(fallback_uidl(1, b"").starts_with("hdr:"));
    }
}
