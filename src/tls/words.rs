//! The failure categories as sentences in the user's language, for every protocol's errors
//! (`sync::tls_reason` is this one, re-exported).
use super::TlsFailure;
use crate::fl;

/// Why a certificate was not accepted, as a sentence.
pub fn tls_reason(failure: TlsFailure) -> String {
    match failure {
        TlsFailure::SelfSigned => fl!("tls-failure-self-signed"),
        TlsFailure::UnknownIssuer => fl!("tls-failure-unknown-issuer"),
        TlsFailure::Expired => fl!("tls-failure-expired"),
        TlsFailure::NotYetValid => fl!("tls-failure-not-yet-valid"),
        TlsFailure::WrongName => fl!("tls-failure-wrong-name"),
        TlsFailure::Revoked => fl!("tls-failure-revoked"),
        TlsFailure::RevocationUnknown => fl!("tls-failure-revocation-unknown"),
        TlsFailure::Other | TlsFailure::BadCaFile => fl!("tls-failure-other"),
    }
}
