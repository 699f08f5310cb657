//! Where a server is: host, port (filled from the security choice while it is the usual one)
//! and security (no encryption only after an explicit warning). The incoming and the outgoing
//! server forms share it; they differ in the usual ports and in a few words.

use iced::widget::{Column, column, row, text};
use iced::{Alignment, Element};

use crate::fl;
use crate::pop3::Security;
use crate::ui::screen::settings::problem::Invalid;
use crate::ui::widget::form::{self, Tone};
use crate::ui::widget::theme;

/// Which server: its usual ports and its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Service {
    /// POP3: 995 (SSL/TLS), 110 (STARTTLS).
    Incoming,
    /// SMTP submission: 465 (SSL/TLS), 587 (STARTTLS).
    Outgoing,
}

impl Service {
    /// The usual port for `security`.
    pub fn default_port(self, security: Security) -> u16 {
        match self {
            Service::Incoming => security.default_port(),
            Service::Outgoing => crate::smtp::default_port(security),
        }
    }

    fn host_placeholder(self) -> &'static str {
        match self {
            Service::Incoming => "pop.example.org",
            Service::Outgoing => "smtp.example.org",
        }
    }

    fn hint(self, security: Security) -> String {
        match (self, security) {
            (Service::Incoming, Security::Tls) => fl!("settings-security-tls-hint"),
            (Service::Incoming, Security::StartTls) => fl!("settings-security-starttls-hint"),
            (Service::Outgoing, Security::Tls) => fl!("settings-smtp-security-tls-hint"),
            (Service::Outgoing, Security::StartTls) => fl!("settings-smtp-security-starttls-hint"),
            (_, Security::Plain) => fl!("settings-security-plain-hint"),
        }
    }
}

/// What the user does with the fields.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Host(String),
    Port(String),
    Security(Security),
    /// The user read the warning and wants no encryption.
    ConfirmPlain,
    CancelPlain,
}

impl Message {
    /// Whether it changes how to connect (the answer to the warning does only when it is yes).
    pub fn changes_connection(&self) -> bool {
        !matches!(self, Message::CancelPlain)
    }
}

/// The fields as typed.
#[derive(Debug, Clone, PartialEq)]
pub struct Endpoint {
    pub service: Service,
    pub host: String,
    pub port: String,
    pub security: Security,
    /// The warning about no encryption is showing.
    plain_pending: bool,
}

impl Endpoint {
    /// The fields for a stored server.
    pub fn new(service: Service, host: &str, port: u16, security: Security) -> Endpoint {
        Endpoint {
            service,
            host: host.to_owned(),
            port: port.to_string(),
            security,
            plain_pending: false,
        }
    }

    /// An empty server with the recommended security (SSL/TLS) and its usual port.
    pub fn empty(service: Service) -> Endpoint {
        Endpoint::new(
            service,
            "",
            service.default_port(Security::Tls),
            Security::Tls,
        )
    }

    /// Whether the warning about no encryption is showing.
    pub fn plain_pending(&self) -> bool {
        self.plain_pending
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) {
        match message {
            Message::Host(v) => self.host = v.trim().to_owned(),
            Message::Port(v) => self.port = v.chars().filter(char::is_ascii_digit).collect(),
            Message::Security(Security::Plain) if self.security != Security::Plain => {
                self.plain_pending = true;
            }
            Message::Security(s) => self.set_security(s),
            Message::ConfirmPlain => {
                self.plain_pending = false;
                self.set_security(Security::Plain);
            }
            Message::CancelPlain => self.plain_pending = false,
        }
    }

    /// Changes the security and, when the port was the usual one (or empty), the port too.
    fn set_security(&mut self, security: Security) {
        let usual = self.service.default_port(self.security).to_string();
        if self.port.is_empty() || self.port == usual {
            self.port = self.service.default_port(security).to_string();
        }
        self.security = security;
    }

    /// Host, port and security; the first field that is not usable otherwise.
    pub fn parsed(&self) -> Result<(String, u16, Security), Invalid> {
        if self.host.is_empty() {
            return Err(Invalid::MissingHost);
        }
        let port: u16 = self
            .port
            .parse()
            .ok()
            .filter(|p| *p > 0)
            .ok_or(Invalid::InvalidPort)?;
        Ok((self.host.clone(), port, self.security))
    }

    /// The port as a number (0 when it is not one), for showing.
    pub fn port_number(&self) -> u16 {
        self.port.parse().unwrap_or(0)
    }

    /// Host, port, security and, without encryption, the warning that stays.
    pub fn view(&self) -> Element<'_, Message> {
        let usual = self.service.default_port(Security::Tls).to_string();
        let mut form = Column::new().spacing(12);
        form = form.push(form::field(
            fl!("settings-host"),
            form::input(self.service.host_placeholder(), &self.host, Message::Host),
            None,
        ));
        form = form.push(form::field(
            fl!("settings-port"),
            form::input(&usual, &self.port, Message::Port).width(form::narrow()),
            None,
        ));
        form = form.push(form::field(
            fl!("settings-security"),
            column![
                form::segmented(
                    [
                        (Security::Tls, fl!("settings-security-tls")),
                        (Security::StartTls, fl!("settings-security-starttls")),
                        (Security::Plain, fl!("settings-security-plain")),
                    ],
                    self.security,
                    Message::Security,
                ),
                form::small(self.service.hint(self.security)),
            ]
            .spacing(6),
            None,
        ));
        if self.security == Security::Plain {
            form = form.push(form::field(
                String::new(),
                form::notice(Tone::Warning, vec![fl!("settings-plain-active")]),
                None,
            ));
        }
        form.into()
    }

    /// The warning before switching encryption off, as a dialog body.
    pub fn plain_dialog(&self) -> Element<'_, Message> {
        column![
            form::dialog_title(
                crate::ui::widget::icon::Icon::ShieldAlert,
                fl!("settings-plain-warning-title"),
                true
            ),
            text(fl!("settings-plain-warning")).size(theme::TEXT),
            row![
                form::fill(),
                form::secondary(fl!("settings-plain-cancel"), Some(Message::CancelPlain)),
                form::danger(fl!("settings-plain-confirm"), Some(Message::ConfirmPlain)),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
        ]
        .spacing(16)
        .into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_port_follows_the_security_unless_typed_by_hand() {
        let mut e = Endpoint::new(Service::Incoming, "pop.example.de", 995, Security::Tls);
        e.update(Message::Security(Security::StartTls));
        assert_eq!(e.port, "110");
        e.update(Message::Port("1110".into()));
        e.update(Message::Security(Security::Tls));
        assert_eq!(e.port, "1110", "a port typed by hand stays");
        e.update(Message::Port("x99y5".into()));
        assert_eq!(e.port, "995", "only digits");

        let mut out = Endpoint::empty(Service::Outgoing);
        assert_eq!(out.port, "465");
        out.update(Message::Security(Security::StartTls));
        assert_eq!(out.port, "587", "submission ports for the outgoing server");
    }

    #[test]
    fn no_encryption_only_after_the_warning() {
        let mut e = Endpoint::empty(Service::Outgoing);
        e.update(Message::Security(Security::Plain));
        assert_eq!(e.security, Security::Tls, "not yet");
        assert!(e.plain_pending());
        e.update(Message::CancelPlain);
        assert!(!e.plain_pending());
        assert_eq!(e.security, Security::Tls);
        e.update(Message::Security(Security::Plain));
        e.update(Message::ConfirmPlain);
        assert_eq!(e.security, Security::Plain);
        assert_eq!(e.port, "587");
    }

    #[test]
    fn host_and_port_must_be_usable() {
        let mut e = Endpoint::empty(Service::Incoming);
        assert_eq!(e.parsed(), Err(Invalid::MissingHost));
        e.update(Message::Host("  pop.example.org ".into()));
        assert_eq!(
            e.parsed(),
            Ok(("pop.example.org".into(), 995, Security::Tls))
        );
        e.update(Message::Port(String::new()));
        assert_eq!(e.parsed(), Err(Invalid::InvalidPort));
        e.update(Message::Port("0".into()));
        assert_eq!(e.parsed(), Err(Invalid::InvalidPort));
    }
}
