//! The SASL mechanisms' messages, shared by POP3 (RFC 5034) and SMTP (RFC 4954): what the
//! client sends for PLAIN, CRAM-MD5, XOAUTH2 and OAUTHBEARER, and the order in which the
//! automatic choice prefers them. The exchange itself (commands, continuation lines, base64)
//! belongs to each protocol.
use hmac::{Hmac, Mac};
use md5::Md5;

/// The mechanisms the automatic choice considers, best first. On an encrypted connection
/// PLAIN leads: TLS already protects the password, PLAIN with its initial response needs one
/// round trip instead of two, and it lets the server keep only password hashes (CRAM-MD5
/// needs the plain password on the server). On a plain-text connection (only when the user
/// chose it) CRAM-MD5 leads, so the password does not cross the wire when avoidable. Never
/// the token mechanisms: they need a token, chosen explicitly.
pub fn automatic_order(encrypted: bool) -> [&'static str; 3] {
    if encrypted {
        ["PLAIN", "CRAM-MD5", "LOGIN"]
    } else {
        ["CRAM-MD5", "PLAIN", "LOGIN"]
    }
}

/// The PLAIN message (RFC 4616): no authorisation identity, the user, the secret.
pub fn plain_response(user: &str, secret: &str) -> Vec<u8> {
    format!("\0{user}\0{secret}").into_bytes()
}

/// The CRAM-MD5 response (RFC 2195): `user hex(HMAC-MD5(secret, challenge))`.
pub fn cram_md5_response(user: &str, secret: &str, challenge: &[u8]) -> Vec<u8> {
    let digest = match Hmac::<Md5>::new_from_slice(secret.as_bytes()) {
        Ok(mut mac) => {
            mac.update(challenge);
            hex::encode(mac.finalize().into_bytes())
        }
        // HMAC accepts keys of any length; this branch is unreachable in practice.
        Err(_) => String::new(),
    };
    format!("{user} {digest}").into_bytes()
}

/// The XOAUTH2 initial response.
pub fn xoauth2_response(user: &str, token: &str) -> Vec<u8> {
    format!("user={user}\x01auth=Bearer {token}\x01\x01").into_bytes()
}

/// The OAUTHBEARER (RFC 7628) initial response; `a=` escapes `,` and `=`.
pub fn oauthbearer_response(user: &str, token: &str, server: Option<&(String, u16)>) -> Vec<u8> {
    let user = user.replace('=', "=3D").replace(',', "=2C");
    let mut s = format!("n,a={user},\x01");
    if let Some((host, port)) = server {
        s.push_str(&format!("host={host}\x01port={port}\x01"));
    }
    s.push_str(&format!("auth=Bearer {token}\x01\x01"));
    s.into_bytes()
}

#[cfg(test)]
mod tests {
    use base64::Engine as _;
    use base64::engine::general_purpose::STANDARD as B64;

    use super::*;

    #[test]
    fn cram_md5_matches_rfc2195() {
        let challenge = B64
            .decode("PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+")
            .unwrap_or_default();
        assert_eq!(challenge, b"<1896.697170952@postoffice.reston.mci.net>");
        let answer = cram_md5_response("tim", "tanstaaftanstaaf", &challenge);
        assert_eq!(
            B64.encode(answer),
            "dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw"
        );
    }

    #[test]
    fn oauth_initial_responses() {
        assert_eq!(
            xoauth2_response("someuser@example.com", "ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg"),
            b"user=someuser@example.com\x01auth=Bearer ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg\x01\x01"
        );
        let server = ("server.example.com".to_owned(), 995);
        assert_eq!(
            oauthbearer_response("user,=x@example.com", "tok", Some(&server)),
            b"n,a=user=2C=3Dx@example.com,\x01host=server.example.com\x01port=995\x01auth=Bearer tok\x01\x01"
        );
    }
}
