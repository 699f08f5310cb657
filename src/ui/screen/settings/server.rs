//! The incoming-server form: host, port (filled from the security choice), security (no
//! encryption only after an explicit warning), user name, authentication and password. Used by
//! the account page and the wizard.

use iced::widget::{Column, column, pick_list, row, text};
use iced::{Alignment, Element, Fill};

use crate::fl;
use crate::pop3::{AuthMethod, Security};
use crate::store::AccountSettings;
use crate::ui::screen::settings::action::Action;
use crate::ui::screen::settings::keyring::Status;
use crate::ui::screen::settings::problem::Invalid;
use crate::ui::widget::form::{self, Tone};
use crate::ui::widget::theme;

/// Whether an OAuth2 token source exists. None does yet, so OAuth2 is not offered (an account
/// that already uses it keeps it).
pub const OAUTH_TOKEN_SOURCE: bool = false;

/// The authentication choices as users know them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auth {
    Automatic,
    NormalPassword,
    CramMd5,
    Apop,
    OAuth2,
}

impl Auth {
    fn of(method: AuthMethod) -> Auth {
        match method {
            AuthMethod::Auto => Auth::Automatic,
            AuthMethod::Plain | AuthMethod::Login | AuthMethod::UserPass => Auth::NormalPassword,
            AuthMethod::CramMd5 => Auth::CramMd5,
            AuthMethod::Apop => Auth::Apop,
            AuthMethod::XOAuth2 | AuthMethod::OAuthBearer => Auth::OAuth2,
        }
    }

    /// The method to store: the previous one when it is of this kind, else the usual one.
    fn method(self, previous: AuthMethod) -> AuthMethod {
        if Auth::of(previous) == self {
            return previous;
        }
        match self {
            Auth::Automatic => AuthMethod::Auto,
            Auth::NormalPassword => AuthMethod::UserPass,
            Auth::CramMd5 => AuthMethod::CramMd5,
            Auth::Apop => AuthMethod::Apop,
            Auth::OAuth2 => AuthMethod::XOAuth2,
        }
    }
}

impl std::fmt::Display for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&match self {
            Auth::Automatic => fl!("settings-auth-auto"),
            Auth::NormalPassword => fl!("settings-auth-password"),
            Auth::CramMd5 => fl!("settings-auth-cram"),
            Auth::Apop => fl!("settings-auth-apop"),
            Auth::OAuth2 => fl!("settings-auth-oauth"),
        })
    }
}

/// What the user does in the form.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Host(String),
    Port(String),
    Security(Security),
    /// The user read the warning and wants no encryption.
    ConfirmPlain,
    CancelPlain,
    Username(String),
    Auth(Auth),
    Password(String),
    Remember(bool),
}

/// The form's fields as typed.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerForm {
    pub host: String,
    pub port: String,
    pub security: Security,
    pub username: String,
    pub auth: Auth,
    previous_auth: AuthMethod,
    /// A newly typed password (empty: unchanged).
    pub password: String,
    /// "Passwort speichern".
    pub remember: bool,
    /// The warning about no encryption is showing.
    plain_pending: bool,
}

impl ServerForm {
    /// The form for stored settings.
    pub fn from_settings(s: &AccountSettings) -> ServerForm {
        ServerForm {
            host: s.host.clone(),
            port: s.port.to_string(),
            security: s.security,
            username: s.username.clone(),
            auth: Auth::of(s.auth),
            previous_auth: s.auth,
            password: String::new(),
            remember: true,
            plain_pending: false,
        }
    }

    /// Whether the warning about no encryption is showing.
    pub fn plain_pending(&self) -> bool {
        self.plain_pending
    }

    /// Handles a form message (all of it here: nothing to run, nothing for the parent).
    pub fn update(&mut self, message: Message) -> Action<Message> {
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
            Message::Username(v) => self.username = v,
            Message::Auth(a) => self.auth = a,
            Message::Password(v) => self.password = v,
            Message::Remember(on) => self.remember = on,
        }
        Action::None
    }

    /// Changes the security and, when the port was the usual one (or empty), the port too.
    fn set_security(&mut self, security: Security) {
        let usual = self.security.default_port().to_string();
        if self.port.is_empty() || self.port == usual {
            self.port = security.default_port().to_string();
        }
        self.security = security;
    }

    /// Writes the fields into `s`; the first field that is not usable otherwise.
    pub fn apply(&self, s: &mut AccountSettings) -> Result<(), Invalid> {
        if self.host.is_empty() {
            return Err(Invalid::MissingHost);
        }
        let port: u16 = self
            .port
            .parse()
            .ok()
            .filter(|p| *p > 0)
            .ok_or(Invalid::InvalidPort)?;
        if self.username.trim().is_empty() {
            return Err(Invalid::MissingUsername);
        }
        s.host = self.host.clone();
        s.port = port;
        s.security = self.security;
        s.username = self.username.trim().to_owned();
        s.auth = self.auth.method(self.previous_auth);
        Ok(())
    }

    /// The typed password, if any.
    pub fn typed_password(&self) -> Option<crate::pop3::Password> {
        (!self.password.is_empty()).then(|| crate::pop3::Password::new(self.password.clone()))
    }

    /// The form. `keyring` says what is saved (the account page); `None` in the wizard.
    pub fn view(&self, keyring: Option<&Status>) -> Element<'_, Message> {
        let mut form = Column::new().spacing(12);
        form = form.push(form::field(
            fl!("settings-host"),
            form::input("pop.example.org", &self.host, Message::Host),
            None,
        ));
        form = form.push(form::field(
            fl!("settings-port"),
            form::input("995", &self.port, Message::Port).width(form::narrow()),
            None,
        ));
        form = form.push(form::field(
            fl!("settings-security"),
            self.security_choices(),
            None,
        ));
        if self.security == Security::Plain {
            form = form.push(form::field(
                String::new(),
                form::notice(Tone::Warning, vec![fl!("settings-plain-active")]),
                None,
            ));
        }
        form = form.push(form::field(
            fl!("settings-username"),
            form::input("", &self.username, Message::Username),
            None,
        ));
        let mut auths = vec![
            Auth::Automatic,
            Auth::NormalPassword,
            Auth::CramMd5,
            Auth::Apop,
        ];
        if OAUTH_TOKEN_SOURCE || self.auth == Auth::OAuth2 {
            auths.push(Auth::OAuth2);
        }
        form = form.push(form::field(
            fl!("settings-auth"),
            pick_list(auths, Some(self.auth), Message::Auth)
                .padding([7, 10])
                .text_size(theme::TEXT)
                .style(form::pick_style)
                .width(Fill),
            None,
        ));
        form = form.push(self.password_field(keyring));
        form.into()
    }

    fn security_choices(&self) -> Element<'_, Message> {
        let hint = match self.security {
            Security::Tls => fl!("settings-security-tls-hint"),
            Security::StartTls => fl!("settings-security-starttls-hint"),
            Security::Plain => fl!("settings-security-plain-hint"),
        };
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
            form::small(hint),
        ]
        .spacing(6)
        .into()
    }

    fn password_field(&self, keyring: Option<&Status>) -> Element<'_, Message> {
        let placeholder = match keyring {
            Some(Status::Saved) => fl!("settings-password-unchanged"),
            _ => fl!("settings-password-enter"),
        };
        let input = form::input(&placeholder, &self.password, Message::Password)
            .secure(true)
            .id(password_id());
        let unavailable = keyring.is_some_and(Status::unavailable);
        let mut control = Column::new().spacing(8).push(input);
        if !unavailable {
            control = control.push(form::check(
                fl!("settings-password-save"),
                self.remember,
                Message::Remember,
            ));
        }
        let hint = match keyring {
            Some(Status::Saved) => Some(fl!("settings-password-saved")),
            Some(Status::Missing) => Some(fl!("settings-password-none")),
            _ => None,
        };
        if let Some(Status::Unavailable(why)) = keyring {
            control = control.push(form::notice(
                Tone::Warning,
                vec![fl!("settings-password-session", reason = why.as_str())],
            ));
        }
        form::field(fl!("settings-password"), control, hint)
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

/// The password field's id.
pub fn password_id() -> iced::widget::Id {
    iced::widget::Id::new("settings-password")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> ServerForm {
        ServerForm::from_settings(&AccountSettings {
            host: "pop.example.de".into(),
            username: "anna".into(),
            ..AccountSettings::default()
        })
    }

    #[test]
    fn the_port_follows_the_security_unless_typed_by_hand() {
        let mut f = form();
        assert_eq!(f.port, "995");
        let _ = f.update(Message::Security(Security::StartTls));
        assert_eq!(f.port, "110");
        let _ = f.update(Message::Port("1110".into()));
        let _ = f.update(Message::Security(Security::Tls));
        assert_eq!(f.port, "1110", "a port typed by hand stays");
        let _ = f.update(Message::Port("x99y5".into()));
        assert_eq!(f.port, "995", "only digits");
    }

    #[test]
    fn no_encryption_only_after_the_warning() {
        let mut f = form();
        let _ = f.update(Message::Security(Security::Plain));
        assert_eq!(f.security, Security::Tls, "not yet");
        assert!(f.plain_pending());
        let _ = f.update(Message::CancelPlain);
        assert!(!f.plain_pending());
        assert_eq!(f.security, Security::Tls);
        let _ = f.update(Message::Security(Security::Plain));
        let _ = f.update(Message::ConfirmPlain);
        assert_eq!(f.security, Security::Plain);
        assert_eq!(f.port, "110");
    }

    #[test]
    fn apply_checks_the_fields_and_keeps_the_exact_method() {
        let mut s = AccountSettings {
            host: "h".into(),
            username: "u".into(),
            auth: AuthMethod::Login,
            ..AccountSettings::default()
        };
        let mut f = ServerForm::from_settings(&s);
        assert_eq!(f.auth, Auth::NormalPassword);
        let _ = f.update(Message::Host("  pop.example.org ".into()));
        assert_eq!(f.apply(&mut s), Ok(()));
        assert_eq!(s.host, "pop.example.org");
        assert_eq!(s.auth, AuthMethod::Login, "still a normal password");
        let _ = f.update(Message::Auth(Auth::CramMd5));
        f.apply(&mut s).ok();
        assert_eq!(s.auth, AuthMethod::CramMd5);
        let _ = f.update(Message::Port(String::new()));
        assert!(f.apply(&mut s).is_err());
        let _ = f.update(Message::Port("0".into()));
        assert!(f.apply(&mut s).is_err());
    }
}
