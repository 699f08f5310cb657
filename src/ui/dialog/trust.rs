//! The certificate trust dialog: when the server's certificate is not trusted, it shows subject,
//! issuer, validity and the SHA-256 fingerprint, says what the risk is, and offers to pin exactly
//! this certificate for the account ("Diesem Zertifikat für dieses Konto vertrauen"). When a
//! pinned certificate has changed, it names both fingerprints and warns.

use iced::widget::{Column, column, container, row, text};
use iced::{Alignment, Element, Fill};

use crate::fl;
use crate::pop3::{self, CertificateInfo};
use crate::ui::widget::form::{self, Tone};
use crate::ui::widget::icon::Icon;
use crate::ui::{widget::format, widget::theme};
use crate::{smtp, sync, tls};

/// What the dialog asks about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// The certificate could not be verified.
    Untrusted {
        host: String,
        /// Why it was not accepted.
        failure: pop3::TlsFailure,
        certificate: Box<CertificateInfo>,
    },
    /// The pinned certificate was replaced by another one.
    Changed {
        host: String,
        expected: String,
        actual: Box<CertificateInfo>,
    },
}

impl Request {
    /// The question a fetch or probe error raises, if it is about the certificate.
    pub fn from_error(error: &sync::Error) -> Option<Request> {
        let sync::Error::Pop3 { host, source } = error else {
            return None;
        };
        match source {
            pop3::Error::Tls {
                failure,
                certificate: Some(certificate),
                ..
            } => Some(Request::untrusted(host, *failure, certificate)),
            pop3::Error::PinMismatch { expected, actual } => {
                Some(Request::changed(host, expected, actual))
            }
            _ => None,
        }
    }

    /// The question an outgoing server's error raises (its server is `host`), if it is about
    /// the certificate.
    pub fn from_smtp(host: &str, error: &smtp::Error) -> Option<Request> {
        match error {
            smtp::Error::Connect(tls::Error::Tls {
                failure,
                certificate: Some(certificate),
                ..
            }) => Some(Request::untrusted(host, *failure, certificate)),
            smtp::Error::Connect(tls::Error::PinMismatch { expected, actual }) => {
                Some(Request::changed(host, expected, actual))
            }
            _ => None,
        }
    }

    fn untrusted(host: &str, failure: pop3::TlsFailure, certificate: &CertificateInfo) -> Request {
        Request::Untrusted {
            host: host.to_owned(),
            failure,
            certificate: Box::new(certificate.clone()),
        }
    }

    fn changed(host: &str, expected: &[u8; 32], actual: &CertificateInfo) -> Request {
        Request::Changed {
            host: host.to_owned(),
            expected: pop3::fingerprint_hex(expected),
            actual: Box::new(actual.clone()),
        }
    }

    /// The certificate the server shows now.
    pub fn certificate(&self) -> &CertificateInfo {
        match self {
            Request::Untrusted { certificate, .. } => certificate,
            Request::Changed { actual, .. } => actual,
        }
    }

    /// The value to store in `AccountSettings::pinned_sha256` when the user trusts it.
    pub fn pin(&self) -> String {
        hex::encode(self.certificate().sha256)
    }
}

/// What the user does in the dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Trust,
    Cancel,
}

/// The dialog's body for `request`.
pub fn view<'a>(request: &'a Request) -> Element<'a, Message> {
    let cert = request.certificate();
    let mut col = Column::new().spacing(14);
    let (title, accept) = match request {
        Request::Untrusted { host, failure, .. } => {
            col = col.push(form::dialog_title(
                Icon::ShieldAlert,
                fl!("trust-title"),
                true,
            ));
            col = col.push(text(fl!("trust-intro", host = host.as_str())).size(theme::TEXT));
            let words = sync::tls_reason(*failure);
            col = col.push(form::small(fl!("trust-reason", detail = words)));
            (None, fl!("trust-accept"))
        }
        Request::Changed { host, .. } => {
            col = col.push(form::dialog_title(
                Icon::ShieldAlert,
                fl!("trust-changed-title"),
                true,
            ));
            (
                Some(fl!("trust-changed-intro", host = host.as_str())),
                fl!("trust-accept-new"),
            )
        }
    };
    if let Some(intro) = title {
        col = col.push(form::notice(Tone::Danger, vec![intro]));
    }
    let mut details = Column::new().spacing(10);
    details = details.push(form::detail(
        fl!("trust-subject"),
        cert.subject.clone(),
        false,
    ));
    details = details.push(form::detail(
        fl!("trust-issuer"),
        cert.issuer.clone(),
        false,
    ));
    details = details.push(form::detail(
        fl!("trust-valid"),
        fl!(
            "trust-valid-range",
            from = cert_date(&cert.not_before),
            until = cert_date(&cert.not_after)
        ),
        false,
    ));
    match request {
        Request::Changed { expected, .. } => {
            details = details.push(form::detail(fl!("trust-expected"), grouped(expected), true));
            details = details.push(form::detail(
                fl!("trust-actual"),
                grouped(&cert.fingerprint_hex()),
                true,
            ));
        }
        Request::Untrusted { .. } => {
            details = details.push(form::detail(
                fl!("trust-fingerprint"),
                grouped(&cert.fingerprint_hex()),
                true,
            ));
        }
    }
    col = col.push(
        container(details)
            .padding([12, 14])
            .width(Fill)
            .style(|t: &iced::Theme| container::Style {
                background: Some(iced::Background::Color(theme::surface(t))),
                border: iced::Border {
                    radius: 8.0.into(),
                    ..iced::Border::default()
                },
                ..container::Style::default()
            }),
    );
    let risk = match request {
        Request::Untrusted { .. } => fl!("trust-risk"),
        Request::Changed { .. } => fl!("trust-changed-risk"),
    };
    col = col.push(text(risk).size(theme::SMALL + 0.5));
    col = col.push(
        row![
            form::fill(),
            form::secondary(fl!("trust-cancel"), Some(Message::Cancel)),
            form::primary(accept, Some(Message::Trust)),
        ]
        .spacing(8)
        .align_y(Alignment::Center),
    );
    column![col].into()
}

/// A certificate date ("Nov 26 08:37:55 2026 +00:00") as the user's language writes dates, or
/// as given when it cannot be read.
fn cert_date(text: &str) -> String {
    match parse_cert_date(text) {
        Some(ts) => format::long_date(ts),
        None => text.to_owned(),
    }
}

fn parse_cert_date(text: &str) -> Option<i64> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let parts: Vec<&str> = text.split_whitespace().collect();
    let [month, day, clock, year, offset] = parts.as_slice() else {
        return None;
    };
    let month = MONTHS.iter().position(|m| m == month)? as u8 + 1;
    let date = time::Date::from_calendar_date(
        year.parse().ok()?,
        time::Month::try_from(month).ok()?,
        day.parse().ok()?,
    )
    .ok()?;
    let mut hms = clock.split(':').map(str::parse::<u8>);
    let (h, m, s) = (hms.next()?.ok()?, hms.next()?.ok()?, hms.next()?.ok()?);
    let sign = if offset.starts_with('-') { -1 } else { 1 };
    let (oh, om) = offset.get(1..)?.split_once(':')?;
    let seconds = sign * (oh.parse::<i32>().ok()? * 3600 + om.parse::<i32>().ok()? * 60);
    let at = time::PrimitiveDateTime::new(date, time::Time::from_hms(h, m, s).ok()?)
        .assume_offset(time::UtcOffset::from_whole_seconds(seconds).ok()?);
    Some(at.unix_timestamp())
}

/// A fingerprint in two lines of 16 bytes, easier to compare by eye.
fn grouped(fingerprint: &str) -> String {
    let bytes: Vec<&str> = fingerprint.split(':').collect();
    bytes
        .chunks(16)
        .map(|c| c.join(":"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cert() -> CertificateInfo {
        CertificateInfo {
            sha256: [0xab; 32],
            subject: "CN=localhost".into(),
            issuer: "CN=Postfach Test CA".into(),
            not_before: "Jan 1 00:00:00 2026 +00:00".into(),
            not_after: "Jan 4 00:00:00 2026 +00:00".into(),
        }
    }

    #[test]
    fn certificate_errors_become_questions_and_others_do_not() {
        let untrusted = sync::Error::Pop3 {
            host: "127.0.0.1".into(),
            source: pop3::Error::Tls {
                failure: pop3::TlsFailure::SelfSigned,
                message: "self-signed certificate".into(),
                certificate: Some(Box::new(cert())),
            },
        };
        let request = Request::from_error(&untrusted);
        assert!(matches!(request, Some(Request::Untrusted { .. })));
        assert_eq!(request.map(|r| r.pin()), Some("ab".repeat(32)));

        let changed = sync::Error::Pop3 {
            host: "127.0.0.1".into(),
            source: pop3::Error::PinMismatch {
                expected: [0x01; 32],
                actual: Box::new(cert()),
            },
        };
        match Request::from_error(&changed) {
            Some(Request::Changed { expected, .. }) => assert!(expected.starts_with("01:01")),
            other => panic!("{other:?}"),
        }
        let no_cert = sync::Error::Pop3 {
            host: "h".into(),
            source: pop3::Error::Tls {
                failure: pop3::TlsFailure::Other,
                message: "handshake".into(),
                certificate: None,
            },
        };
        assert_eq!(Request::from_error(&no_cert), None);
        assert_eq!(Request::from_error(&sync::Error::Locked("x".into())), None);
    }

    #[test]
    fn certificate_dates_are_put_in_words() {
        assert_eq!(
            parse_cert_date("Nov 26 08:37:55 2026 +00:00"),
            Some(1_795_682_275)
        );
        assert_eq!(
            parse_cert_date("Jan  1 00:00:00 2026 +01:00"),
            Some(1_767_222_000)
        );
        assert_eq!(parse_cert_date("(unparsable)"), None);
        assert_eq!(cert_date("gestern"), "gestern");
    }

    #[test]
    fn fingerprints_are_shown_in_two_lines() {
        let text = grouped(&cert().fingerprint_hex());
        assert_eq!(text.lines().count(), 2);
        assert!(text.lines().all(|l| l.split(':').count() == 16));
    }
}
