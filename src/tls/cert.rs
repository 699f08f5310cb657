//! Server certificates as the user sees them: SHA-256 fingerprint, subject, issuer, validity;
//! and reading a CA file (the account's extra trusted certificates).
use std::path::Path;

use sha2::{Digest, Sha256};

/// Why a CA file cannot be used. The texts are for logs and the CLI; the window words each case
/// in the user's language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CaFileError {
    /// The file cannot be read.
    #[error("cannot read CA file {file}: {detail}")]
    Unreadable { file: String, detail: String },
    /// The file holds no PEM certificate.
    #[error("no PEM certificate in {file}")]
    NotPem { file: String },
    /// A certificate in the file does not parse.
    #[error("bad certificate in {file}: {detail}")]
    Damaged { file: String, detail: String },
}

/// Every certificate in a PEM file (DER), each checked to parse. Blocks of other kinds (keys,
/// parameters) and text around the blocks are skipped.
pub fn read_ca_file(path: &Path) -> Result<Vec<Vec<u8>>, CaFileError> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| CaFileError::Unreadable {
        file: file.clone(),
        detail: e.to_string(),
    })?;
    let mut certs = Vec::new();
    for pem in x509_parser::pem::Pem::iter_from_buffer(&bytes) {
        let pem = pem.map_err(|_| CaFileError::NotPem { file: file.clone() })?;
        if pem.label != "CERTIFICATE" {
            continue;
        }
        pem.parse_x509().map_err(|e| CaFileError::Damaged {
            file: file.clone(),
            detail: e.to_string(),
        })?;
        certs.push(pem.contents);
    }
    if certs.is_empty() {
        return Err(CaFileError::NotPem { file });
    }
    Ok(certs)
}

/// What the UI shows when asking "trust this certificate?".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateInfo {
    /// SHA-256 over the DER encoding of the certificate.
    pub sha256: [u8; 32],
    /// Subject distinguished name, e.g. `CN=mail.example.org`.
    pub subject: String,
    /// Issuer distinguished name.
    pub issuer: String,
    /// Start of validity, as text (UTC).
    pub not_before: String,
    /// End of validity, as text (UTC).
    pub not_after: String,
}

impl CertificateInfo {
    /// Reads the certificate details from its DER encoding. A certificate that does not parse
    /// still yields its fingerprint; the texts then say so.
    pub fn from_der(der: &[u8]) -> Self {
        let sha256 = sha256_fingerprint(der);
        match x509_parser::parse_x509_certificate(der) {
            Ok((_, cert)) => CertificateInfo {
                sha256,
                // Names come from the server: made safe to show here.
                subject: crate::text::safe_line(&cert.subject().to_string()),
                issuer: crate::text::safe_line(&cert.issuer().to_string()),
                not_before: cert.validity().not_before.to_string(),
                not_after: cert.validity().not_after.to_string(),
            },
            Err(e) => {
                let unknown = format!("(unparsable certificate: {e})");
                CertificateInfo {
                    sha256,
                    subject: unknown.clone(),
                    issuer: unknown,
                    not_before: String::new(),
                    not_after: String::new(),
                }
            }
        }
    }

    /// The fingerprint as `AB:CD:…` (upper-case hex, colon-separated).
    pub fn fingerprint_hex(&self) -> String {
        fingerprint_hex(&self.sha256)
    }
}

/// SHA-256 of a DER-encoded certificate.
pub fn sha256_fingerprint(der: &[u8]) -> [u8; 32] {
    Sha256::digest(der).into()
}

/// Formats a fingerprint as `AB:CD:…`.
pub fn fingerprint_hex(fp: &[u8; 32]) -> String {
    let mut out = String::with_capacity(95);
    for (i, b) in fp.iter().enumerate() {
        if i > 0 {
            out.push(':');
        }
        out.push_str(&format!("{b:02X}"));
    }
    out
}

/// Parses a SHA-256 fingerprint written as 64 hex digits, with or without `:` (or spaces)
/// between the bytes, in either case.
pub fn parse_fingerprint(text: &str) -> Option<[u8; 32]> {
    let digits: String = text
        .trim()
        .chars()
        .filter(|c| *c != ':' && *c != ' ')
        .collect();
    if digits.len() != 64 {
        return None;
    }
    let bytes = hex::decode(digits).ok()?;
    bytes.try_into().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_round_trip() {
        let fp = sha256_fingerprint(b"not really a certificate");
        let text = fingerprint_hex(&fp);
        assert_eq!(text.len(), 95);
        assert_eq!(parse_fingerprint(&text), Some(fp));
        assert_eq!(
            parse_fingerprint(&text.replace(':', "").to_lowercase()),
            Some(fp)
        );
        assert_eq!(parse_fingerprint("AB:CD"), None);
        assert_eq!(parse_fingerprint(&"zz".repeat(32)), None);
    }

    #[test]
    fn unparsable_certificate_keeps_fingerprint() {
        let info = CertificateInfo::from_der(b"garbage");
        assert_eq!(info.sha256, sha256_fingerprint(b"garbage"));
        assert!(info.subject.contains("unparsable"));
    }
}
