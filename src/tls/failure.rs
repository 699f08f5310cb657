//! Why a connection failed, in categories the user can be told in words: the TLS library's and
//! the operating system's texts are for the details and the log, not for the sentence.
use std::io;

/// Why the TLS handshake (or the certificate check in it) failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TlsFailure {
    /// The certificate is signed by itself (or its chain ends in a self-signed root that is not
    /// trusted).
    SelfSigned,
    /// The certificate was issued by an authority that is not trusted here.
    UnknownIssuer,
    /// The certificate has expired.
    Expired,
    /// The certificate is not valid yet.
    NotYetValid,
    /// The certificate is made out for another host name or address.
    WrongName,
    /// The certificate was revoked by its issuer.
    Revoked,
    /// Whether the issuer revoked the certificate could not be found out (no revocation list or
    /// responder reachable, or none named by a private CA).
    RevocationUnknown,
    /// The account's own CA file cannot be read or holds no usable certificate (nothing was
    /// checked).
    BadCaFile,
    /// Anything else (no common protocol version or cipher, a broken handshake, ...).
    Other,
}

/// OpenSSL's `X509_V_ERR_*` verification results (stable numbers of its ABI).
mod x509_v_err {
    pub const UNABLE_TO_GET_ISSUER_CERT: i32 = 2;
    pub const CERT_NOT_YET_VALID: i32 = 9;
    pub const CERT_HAS_EXPIRED: i32 = 10;
    pub const DEPTH_ZERO_SELF_SIGNED_CERT: i32 = 18;
    pub const SELF_SIGNED_CERT_IN_CHAIN: i32 = 19;
    pub const UNABLE_TO_GET_ISSUER_CERT_LOCALLY: i32 = 20;
    pub const UNABLE_TO_VERIFY_LEAF_SIGNATURE: i32 = 21;
    pub const CERT_REVOKED: i32 = 23;
    pub const INVALID_CA: i32 = 24;
    pub const CERT_UNTRUSTED: i32 = 27;
    pub const HOSTNAME_MISMATCH: i32 = 62;
    pub const EMAIL_MISMATCH: i32 = 63;
    pub const IP_ADDRESS_MISMATCH: i32 = 64;
}

impl TlsFailure {
    /// The category of an OpenSSL verification result (`SSL_get_verify_result`); `None` for
    /// 0 (verification passed: the handshake failed for another reason).
    pub fn from_openssl_verify(code: i32) -> Option<TlsFailure> {
        use x509_v_err as e;
        Some(match code {
            0 => return None,
            e::DEPTH_ZERO_SELF_SIGNED_CERT | e::SELF_SIGNED_CERT_IN_CHAIN => TlsFailure::SelfSigned,
            e::UNABLE_TO_GET_ISSUER_CERT
            | e::UNABLE_TO_GET_ISSUER_CERT_LOCALLY
            | e::UNABLE_TO_VERIFY_LEAF_SIGNATURE
            | e::INVALID_CA
            | e::CERT_UNTRUSTED => TlsFailure::UnknownIssuer,
            e::CERT_HAS_EXPIRED => TlsFailure::Expired,
            e::CERT_NOT_YET_VALID => TlsFailure::NotYetValid,
            e::HOSTNAME_MISMATCH | e::EMAIL_MISMATCH | e::IP_ADDRESS_MISMATCH => {
                TlsFailure::WrongName
            }
            e::CERT_REVOKED => TlsFailure::Revoked,
            _ => TlsFailure::Other,
        })
    }

    /// The category read from a TLS library's text, where no code is available (native-tls on
    /// Windows and macOS, and OpenSSL's own texts). As good as the texts allow; else `Other`.
    /// A Windows error code in the text (`os error -2146762487`) decides first: its message may
    /// be missing (see [`readable`]).
    pub fn from_text(text: &str) -> TlsFailure {
        if let Some(code) = windows_code(text)
            && let Some((failure, _)) = windows_error(code)
        {
            return failure;
        }
        let t = text.to_ascii_lowercase();
        let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
        if has(&["self-signed", "self signed", "selfsigned"]) {
            TlsFailure::SelfSigned
        } else if has(&["not yet valid", "not valid yet"]) {
            TlsFailure::NotYetValid
        } else if has(&["expired", "cert_date_invalid", "validity period"]) {
            TlsFailure::Expired
        } else if has(&["revoked"]) {
            TlsFailure::Revoked
        } else if has(&[
            "hostname mismatch",
            "host name",
            "hostname",
            "ip address mismatch",
            "cert_cn_no_match",
            "principal name",
            "does not match",
        ]) {
            TlsFailure::WrongName
        } else if has(&[
            "local issuer",
            "unable to get issuer",
            "unknown ca",
            "untrusted root",
            "not trusted",
            "unknown authority",
            "invalid ca",
            "unable to verify the first certificate",
            "cert_authority_invalid",
        ]) {
            TlsFailure::UnknownIssuer
        } else {
            TlsFailure::Other
        }
    }

    /// Whether the failure is about the certificate (so the user may decide to trust it).
    pub fn is_certificate(self) -> bool {
        !matches!(self, TlsFailure::Other | TlsFailure::BadCaFile)
    }
}

/// The Windows certificate errors SChannel's verification returns (HRESULTs from winerror.h),
/// with their category and what winerror.h says, for the details where Windows has no text.
fn windows_error(code: i32) -> Option<(TlsFailure, &'static str)> {
    // The HRESULTs are negative as i32 (their top bit is set): compare as u32.
    Some(match code as u32 {
        0x800B_0101 => (
            TlsFailure::Expired,
            "CERT_E_EXPIRED: the certificate has expired or is not yet valid",
        ),
        0x800B_0109 => (
            TlsFailure::UnknownIssuer,
            "CERT_E_UNTRUSTEDROOT: the chain ends in a root certificate that is not trusted",
        ),
        0x800B_010A => (
            TlsFailure::UnknownIssuer,
            "CERT_E_CHAINING: no chain to a trusted root certificate could be built",
        ),
        0x8009_0325 => (
            TlsFailure::UnknownIssuer,
            "SEC_E_UNTRUSTED_ROOT: the certificate chain was issued by an authority that is not trusted",
        ),
        0x800B_010F => (
            TlsFailure::WrongName,
            "CERT_E_CN_NO_MATCH: the certificate's name does not match the server's name",
        ),
        0x800B_010C | 0x8009_2010 => (
            TlsFailure::Revoked,
            "CRYPT_E_REVOKED: the certificate has been revoked by its issuer",
        ),
        0x8009_6004 => (
            TlsFailure::Other,
            "TRUST_E_CERT_SIGNATURE: the signature of the certificate cannot be verified",
        ),
        0x800B_010E => (
            TlsFailure::RevocationUnknown,
            "CERT_E_REVOCATION_FAILURE: the revocation check could not be done because the revocation server was offline or unknown",
        ),
        0x8009_2012 => (
            TlsFailure::RevocationUnknown,
            "CRYPT_E_NO_REVOCATION_CHECK: the revocation function was unable to check revocation for the certificate",
        ),
        0x8009_2013 => (
            TlsFailure::RevocationUnknown,
            "CRYPT_E_REVOCATION_OFFLINE: the revocation server was offline",
        ),
        _ => return None,
    })
}

/// The Windows error code in a text made from an `io::Error` (`… (os error -2146762482)`).
fn windows_code(text: &str) -> Option<i32> {
    let rest = &text[text.rfind("os error ")? + "os error ".len()..];
    let end = rest
        .char_indices()
        .find(|&(i, c)| !(c.is_ascii_digit() || (i == 0 && c == '-')))
        .map_or(rest.len(), |(i, _)| i);
    rest[..end].parse().ok()
}

/// A TLS library's text for the details and the log, with words where Windows had none: for
/// certificate errors Wine's `FormatMessageW` (and some Windows installations') has no message,
/// and the standard library writes "FormatMessageW() returned error 317" instead. That part is
/// replaced with the error's name and meaning from winerror.h.
#[cfg(any(test, not(openssl_tls)))]
pub fn readable(text: &str) -> String {
    const NO_MESSAGE: &str = "FormatMessageW() returned error";
    let Some(start) = text.find(NO_MESSAGE) else {
        return text.to_owned();
    };
    let Some((_, meaning)) = windows_code(text).and_then(windows_error) else {
        return text.to_owned();
    };
    let after = &text[start + NO_MESSAGE.len()..];
    // Skip the FormatMessageW error number; keep "(os error N)" and anything after it.
    let digits = after
        .trim_start()
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(after.trim_start().len());
    let rest = &after.trim_start()[digits..];
    format!("{}{meaning}{rest}", &text[..start])
}

/// Why a network connection failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NetFailure {
    /// The server refused the connection (nothing listens on that port).
    Refused,
    /// No route to the host or network.
    Unreachable,
    /// The host name could not be found (DNS).
    NameNotFound,
    /// The connection attempt or an answer timed out.
    TimedOut,
    /// Anything else.
    Other,
}

impl NetFailure {
    /// The category of an I/O error from connecting, reading or writing.
    pub fn of(e: &io::Error) -> NetFailure {
        match e.kind() {
            io::ErrorKind::ConnectionRefused => return NetFailure::Refused,
            io::ErrorKind::HostUnreachable | io::ErrorKind::NetworkUnreachable => {
                return NetFailure::Unreachable;
            }
            io::ErrorKind::TimedOut => return NetFailure::TimedOut,
            _ => {}
        }
        // Name resolution errors carry no kind of their own: getaddrinfo's texts on Unix,
        // WSAHOST_NOT_FOUND (11001) / WSANO_DATA (11004) on Windows.
        if matches!(e.raw_os_error(), Some(11001 | 11004)) && cfg!(windows) {
            return NetFailure::NameNotFound;
        }
        let text = e.to_string().to_ascii_lowercase();
        let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
        if has(&[
            "failed to lookup address",
            "name or service not known",
            "nodename nor servname",
            "no such host",
            "no address associated",
            "temporary failure in name resolution",
        ]) {
            NetFailure::NameNotFound
        } else if has(&["no route to host", "network is unreachable"]) {
            NetFailure::Unreachable
        } else {
            NetFailure::Other
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn openssl_verify_results_have_categories() {
        assert_eq!(TlsFailure::from_openssl_verify(0), None);
        let cases = [
            (18, TlsFailure::SelfSigned),
            (19, TlsFailure::SelfSigned),
            (20, TlsFailure::UnknownIssuer),
            (21, TlsFailure::UnknownIssuer),
            (10, TlsFailure::Expired),
            (9, TlsFailure::NotYetValid),
            (62, TlsFailure::WrongName),
            (64, TlsFailure::WrongName),
            (23, TlsFailure::Revoked),
            (7, TlsFailure::Other),
        ];
        for (code, category) in cases {
            assert_eq!(
                TlsFailure::from_openssl_verify(code),
                Some(category),
                "{code}"
            );
        }
    }

    #[test]
    fn library_texts_have_categories() {
        let cases = [
            (
                "error:0A000086:SSL routines:tls_post_process_server_certificate:certificate verify failed:../ssl/statem/statem_clnt.c:1889: (self-signed certificate)",
                TlsFailure::SelfSigned,
            ),
            (
                "certificate verify failed (unable to get local issuer certificate)",
                TlsFailure::UnknownIssuer,
            ),
            (
                "The certificate chain was issued by an authority that is not trusted.",
                TlsFailure::UnknownIssuer,
            ),
            ("certificate has expired", TlsFailure::Expired),
            ("certificate is not yet valid", TlsFailure::NotYetValid),
            (
                "The target principal name is incorrect.",
                TlsFailure::WrongName,
            ),
            ("(Hostname mismatch)", TlsFailure::WrongName),
            ("certificate revoked", TlsFailure::Revoked),
            ("sslv3 alert handshake failure", TlsFailure::Other),
        ];
        for (text, category) in cases {
            assert_eq!(TlsFailure::from_text(text), category, "{text}");
        }
        assert!(TlsFailure::SelfSigned.is_certificate());
        assert!(TlsFailure::RevocationUnknown.is_certificate());
        assert!(!TlsFailure::Other.is_certificate());
        assert!(!TlsFailure::BadCaFile.is_certificate());
    }

    /// What SChannel's verification gives on Windows (and under Wine, whose FormatMessageW has
    /// no text for these codes): the category comes from the code, the words replace the
    /// "FormatMessageW() returned error 317" of the standard library.
    #[test]
    fn windows_certificate_errors_have_categories_and_words() {
        let wine = "FormatMessageW() returned error 317 (os error -2146762482)";
        assert_eq!(TlsFailure::from_text(wine), TlsFailure::RevocationUnknown);
        assert_eq!(
            readable(wine),
            "CERT_E_REVOCATION_FAILURE: the revocation check could not be done because the \
             revocation server was offline or unknown (os error -2146762482)"
        );
        let cases = [
            (-2146762487, TlsFailure::UnknownIssuer),
            (-2146762486, TlsFailure::UnknownIssuer),
            (-2146893019, TlsFailure::UnknownIssuer),
            (-2146762495, TlsFailure::Expired),
            (-2146762481, TlsFailure::WrongName),
            (-2146885616, TlsFailure::Revoked),
            (-2146885614, TlsFailure::RevocationUnknown),
            (-2146885613, TlsFailure::RevocationUnknown),
            (-2146869244, TlsFailure::Other),
        ];
        for (code, category) in cases {
            let text = format!("FormatMessageW() returned error 317 (os error {code})");
            assert_eq!(TlsFailure::from_text(&text), category, "{text}");
            assert!(!readable(&text).contains("FormatMessageW"), "{text}");
            assert!(readable(&text).ends_with(&format!("(os error {code})")));
        }
        // Windows's own words stay, and decide by code too.
        let windows = "The certificate chain was issued by an authority that is not trusted. (os error -2146893019)";
        assert_eq!(readable(windows), windows);
        assert_eq!(TlsFailure::from_text(windows), TlsFailure::UnknownIssuer);
        // Unknown codes: the text as it is, the category from the words.
        let other = "FormatMessageW() returned error 317 (os error -2146893048)";
        assert_eq!(readable(other), other);
        assert_eq!(TlsFailure::from_text(other), TlsFailure::Other);
    }

    #[test]
    fn network_errors_have_categories() {
        let of = |e: io::Error| NetFailure::of(&e);
        assert_eq!(
            of(io::ErrorKind::ConnectionRefused.into()),
            NetFailure::Refused
        );
        assert_eq!(
            of(io::ErrorKind::HostUnreachable.into()),
            NetFailure::Unreachable
        );
        assert_eq!(
            of(io::ErrorKind::NetworkUnreachable.into()),
            NetFailure::Unreachable
        );
        assert_eq!(of(io::ErrorKind::TimedOut.into()), NetFailure::TimedOut);
        assert_eq!(
            of(io::Error::other(
                "failed to lookup address information: Name or service not known"
            )),
            NetFailure::NameNotFound
        );
        assert_eq!(of(io::Error::other("something else")), NetFailure::Other);
    }
}
