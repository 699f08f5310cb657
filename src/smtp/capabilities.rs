//! What a server offers, from its EHLO reply (RFC 5321 §4.1.1.1), parsed with `smtp-proto`.
use smtp_proto::EhloResponse;

use super::error::Error;
use super::reply::Reply;

/// The extensions the client uses. Learnt again after STARTTLS: nothing from before TLS is
/// kept (RFC 3207 §4.2).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Capabilities {
    /// `SIZE n` (RFC 1870): the largest message the server takes; `Some(0)`: no fixed limit.
    pub size: Option<u64>,
    /// `8BITMIME` (RFC 6152).
    pub eight_bit_mime: bool,
    /// `SMTPUTF8` (RFC 6531).
    pub smtputf8: bool,
    /// `PIPELINING` (RFC 2920).
    pub pipelining: bool,
    /// `STARTTLS` (RFC 3207).
    pub starttls: bool,
    /// `ENHANCEDSTATUSCODES` (RFC 2034).
    pub enhanced_status_codes: bool,
    /// The SASL mechanisms of the `AUTH` line (RFC 4954) that Postfach knows, upper case.
    pub auth: Vec<&'static str>,
}

/// The SASL mechanisms the client can use, with smtp-proto's flag for each.
const MECHANISMS: [(&str, u64); 5] = [
    ("PLAIN", smtp_proto::AUTH_PLAIN),
    ("LOGIN", smtp_proto::AUTH_LOGIN),
    ("CRAM-MD5", smtp_proto::AUTH_CRAM_MD5),
    ("XOAUTH2", smtp_proto::AUTH_XOAUTH2),
    ("OAUTHBEARER", smtp_proto::AUTH_OAUTHBEARER),
];

impl Capabilities {
    /// The capabilities in a 250 reply to EHLO.
    pub(crate) fn from_ehlo(reply: &Reply) -> Result<Capabilities, Error> {
        let mut bytes = Vec::new();
        let count = reply.lines.len();
        for (i, line) in reply.lines.iter().enumerate() {
            let separator = if i + 1 == count { ' ' } else { '-' };
            bytes.extend_from_slice(format!("250{separator}{line}\r\n").as_bytes());
        }
        let ehlo = EhloResponse::parse(&mut bytes.iter())
            .map_err(|e| Error::Protocol(format!("EHLO reply: {e}")))?;
        let has = |flag: u32| ehlo.has_capability(flag);
        Ok(Capabilities {
            size: has(smtp_proto::EXT_SIZE).then_some(ehlo.size as u64),
            eight_bit_mime: has(smtp_proto::EXT_8BIT_MIME),
            smtputf8: has(smtp_proto::EXT_SMTP_UTF8),
            pipelining: has(smtp_proto::EXT_PIPELINING),
            starttls: has(smtp_proto::EXT_START_TLS),
            enhanced_status_codes: has(smtp_proto::EXT_ENHANCED_STATUS_CODES),
            auth: MECHANISMS
                .iter()
                .filter(|(_, flag)| ehlo.auth() & flag != 0)
                .map(|(name, _)| *name)
                .collect(),
        })
    }

    /// Whether the server offers the SASL mechanism `name`.
    pub fn has_auth(&self, name: &str) -> bool {
        self.auth.iter().any(|m| m.eq_ignore_ascii_case(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caps(text: &str) -> Capabilities {
        let raw: Vec<Vec<u8>> = text.lines().map(|l| l.as_bytes().to_vec()).collect();
        Capabilities::from_ehlo(&super::super::reply::parse(&raw).unwrap()).unwrap()
    }

    #[test]
    fn a_submission_server_s_extensions() {
        let c = caps(
            "250-smtp.example.org Hello [192.0.2.1]\n\
             250-SIZE 35882577\n\
             250-8BITMIME\n\
             250-AUTH LOGIN PLAIN XOAUTH2 PLAIN-CLIENTTOKEN OAUTHBEARER XOAUTH\n\
             250-ENHANCEDSTATUSCODES\n\
             250-PIPELINING\n\
             250-CHUNKING\n\
             250 SMTPUTF8",
        );
        assert_eq!(c.size, Some(35_882_577));
        assert!(c.eight_bit_mime && c.smtputf8 && c.pipelining && c.enhanced_status_codes);
        assert!(!c.starttls);
        assert_eq!(c.auth, ["PLAIN", "LOGIN", "XOAUTH2", "OAUTHBEARER"]);
        assert!(c.has_auth("plain") && !c.has_auth("CRAM-MD5"));
    }

    #[test]
    fn before_tls_and_minimal_servers() {
        let c = caps("250-mx.example.org\n250-STARTTLS\n250 SIZE");
        assert!(c.starttls);
        assert_eq!(c.size, Some(0));
        assert!(c.auth.is_empty());
        let c = caps("250 only.a.name");
        assert_eq!(c, Capabilities::default());
        let c = caps("250-x\n250-AUTH CRAM-MD5\n250 X-UNKNOWN-EXTENSION with args");
        assert_eq!(c.auth, ["CRAM-MD5"]);
    }
}
