//! Dismissible banners for errors: what happened, what to do, and a button that does it (try
//! again, or sign in with a password for this session). They never block the window.

use iced::widget::{Column, button, column, container, row, space, text, text_input};
use iced::{Alignment, Element, Fill, Font, font};

use crate::fl;
use crate::pop3::Password;
use crate::store::AccountId;
use crate::sync::{self, ErrorKind};
use crate::ui::widget::icon::{self, Icon};
use crate::ui::widget::theme;

/// At most this many banners are shown; older ones go.
const MAX_BANNERS: usize = 3;

/// What a banner offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Offer {
    /// Only dismissing.
    Nothing,
    /// Try the fetch again.
    Retry(AccountId),
    /// Enter the password (for this session) and fetch again.
    Password(AccountId),
    /// Look at the server's certificate and decide whether to trust it.
    Trust(AccountId),
    /// The first fetch after an import: the banner shows what it will do; go ahead.
    AcceptImport(AccountId),
    /// Sign in again with Google or Microsoft (in the account's settings).
    SignInAgain(AccountId),
}

/// One banner.
#[derive(Debug, Clone)]
pub struct Banner {
    pub account: Option<AccountId>,
    pub title: Option<String>,
    pub text: String,
    /// The technical text behind `text`, behind a "Details" toggle.
    pub details: Option<String>,
    /// Whether the details are shown.
    pub details_open: bool,
    pub offer: Offer,
    password: String,
}

/// What the user does in a banner.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Dismiss(usize),
    Retry(usize),
    PasswordChanged(usize, String),
    SignIn(usize),
    /// Open the certificate dialog.
    Trust(usize),
    /// Go ahead with the first fetch after an import.
    AcceptImport(usize),
    /// Show or hide the details.
    ToggleDetails(usize),
    /// Go to the account's sign-in.
    OpenSignIn(usize),
}

/// What the parent should do.
#[derive(Debug, Clone)]
pub enum Action {
    None,
    Retry(AccountId),
    SignIn(AccountId, Password),
    /// Open the certificate dialog for this account's last error.
    Trust(AccountId),
    /// The user agreed to the dry run of the first fetch after an import.
    AcceptImport(AccountId),
    /// Open the account's settings, where it signs in again.
    OpenSignIn(AccountId),
}

/// The banners shown.
#[derive(Debug, Default)]
pub struct Banners {
    list: Vec<Banner>,
}

impl Banners {
    /// The banners, oldest first.
    pub fn list(&self) -> &[Banner] {
        &self.list
    }

    /// Shows a fetch error of `account`, replacing an earlier one of the same account. What it
    /// offers follows from the error: a password field when the password was rejected, missing
    /// or unreadable (keyring), "Try again" for network, busy and server trouble, the
    /// certificate dialog for an untrusted or changed certificate, nothing for other TLS trouble.
    ///
    /// For an account that signs in with Google or Microsoft (`oauth`), a refused sign-in
    /// offers "Sign in again…" instead: never a password field.
    pub fn fetch_failed(
        &mut self,
        account: AccountId,
        name: &str,
        error: &sync::Error,
        oauth: bool,
    ) {
        let offer = match (error, error.kind()) {
            (_, ErrorKind::Auth) if oauth => Offer::SignInAgain(account),
            (sync::Error::Keyring(_) | sync::Error::NoPassword(_), _) | (_, ErrorKind::Auth) => {
                Offer::Password(account)
            }
            (_, ErrorKind::Tls)
                if crate::ui::dialog::trust::Request::from_error(error).is_some() =>
            {
                Offer::Trust(account)
            }
            (_, ErrorKind::Tls) => Offer::Nothing,
            _ => Offer::Retry(account),
        };
        let text = error.user_message();
        self.list.retain(|b| b.account != Some(account));
        self.push(Banner {
            account: Some(account),
            title: Some(fl!("ui-fetch-failed-title", account = name)),
            text,
            details: error.details(),
            details_open: false,
            offer,
            password: String::new(),
        });
    }

    /// Shows the dry run of the first fetch of `account` after an import (`words`, from
    /// `sync::DryRun::words`) with "Fetch now", replacing the account's earlier banner.
    pub fn import_review(&mut self, account: AccountId, name: &str, words: String) {
        self.list.retain(|b| b.account != Some(account));
        self.push(Banner {
            account: Some(account),
            title: Some(fl!("ui-import-review-title", account = name)),
            text: words,
            details: None,
            details_open: false,
            offer: Offer::AcceptImport(account),
            password: String::new(),
        });
    }

    /// Shows a general error.
    pub fn error(&mut self, text: String) {
        self.list.retain(|b| b.text != text);
        self.push(Banner {
            account: None,
            title: None,
            text,
            details: None,
            details_open: false,
            offer: Offer::Nothing,
            password: String::new(),
        });
    }

    /// Removes the banner of `account` (after a successful fetch).
    pub fn clear_account(&mut self, account: AccountId) {
        self.list.retain(|b| b.account != Some(account));
    }

    fn push(&mut self, banner: Banner) {
        self.list.push(banner);
        if self.list.len() > MAX_BANNERS {
            self.list.remove(0);
        }
    }

    /// Handles a banner message.
    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Dismiss(i) => {
                if i < self.list.len() {
                    self.list.remove(i);
                }
                Action::None
            }
            Message::Retry(i) => match self.list.get(i).map(|b| b.offer) {
                Some(Offer::Retry(account)) => {
                    self.list.remove(i);
                    Action::Retry(account)
                }
                _ => Action::None,
            },
            Message::AcceptImport(i) => match self.list.get(i).map(|b| b.offer) {
                Some(Offer::AcceptImport(account)) => {
                    self.list.remove(i);
                    Action::AcceptImport(account)
                }
                _ => Action::None,
            },
            Message::Trust(i) => match self.list.get(i).map(|b| b.offer) {
                Some(Offer::Trust(account)) => Action::Trust(account),
                _ => Action::None,
            },
            Message::OpenSignIn(i) => match self.list.get(i).map(|b| b.offer) {
                Some(Offer::SignInAgain(account)) => Action::OpenSignIn(account),
                _ => Action::None,
            },
            Message::ToggleDetails(i) => {
                if let Some(b) = self.list.get_mut(i) {
                    b.details_open = !b.details_open;
                }
                Action::None
            }
            Message::PasswordChanged(i, value) => {
                if let Some(b) = self.list.get_mut(i) {
                    b.password = value;
                }
                Action::None
            }
            Message::SignIn(i) => match self.list.get(i) {
                Some(b) if !b.password.is_empty() => match b.offer {
                    Offer::Password(account) => {
                        let password = Password::new(b.password.clone());
                        self.list.remove(i);
                        Action::SignIn(account, password)
                    }
                    _ => Action::None,
                },
                _ => Action::None,
            },
        }
    }

    /// The banners, stacked.
    pub fn view<'a>(&'a self, account_name: impl Fn(AccountId) -> String) -> Element<'a, Message> {
        let mut col = Column::new().spacing(6);
        for (i, b) in self.list.iter().enumerate() {
            col = col.push(banner_view(i, b, &account_name));
        }
        col.padding([if self.list.is_empty() { 0 } else { 8 }, 12])
            .into()
    }
}

fn banner_view<'a>(
    i: usize,
    b: &'a Banner,
    account_name: &impl Fn(AccountId) -> String,
) -> Element<'a, Message> {
    let mut words = column![].spacing(2).width(Fill);
    if let Some(title) = &b.title {
        words = words.push(text(title.as_str()).size(theme::TEXT).font(Font {
            weight: font::Weight::Bold,
            ..Font::DEFAULT
        }));
    }
    words = words.push(text(b.text.as_str()).size(theme::SMALL + 0.5));
    if let Some(details) = &b.details {
        words = words.push(crate::ui::widget::details::view(
            details.as_str(),
            b.details_open,
            Message::ToggleDetails(i),
        ));
    }
    if let Offer::Password(account) = b.offer {
        let field = text_input(
            &fl!("ui-password-placeholder", account = account_name(account)),
            &b.password,
        )
        .secure(true)
        .on_input(move |v| Message::PasswordChanged(i, v))
        .on_submit(Message::SignIn(i))
        .padding([5, 8])
        .size(theme::SMALL + 0.5)
        .width(260);
        let sign_in = button(text(fl!("ui-password-submit")).size(theme::SMALL + 0.5))
            .padding([5, 12])
            .style(theme::primary)
            .on_press_maybe((!b.password.is_empty()).then_some(Message::SignIn(i)));
        words = words.push(space().height(4));
        words = words.push(row![field, sign_in].spacing(8).align_y(Alignment::Center));
        words = words.push(text(fl!("ui-password-tip")).size(theme::SMALL - 1.0));
    }
    let mut actions = row![].spacing(6).align_y(Alignment::Center);
    let offered = match b.offer {
        Offer::Trust(_) => Some((fl!("trust-banner-button"), Message::Trust(i))),
        Offer::SignInAgain(_) => Some((fl!("oauth-sign-in-again-button"), Message::OpenSignIn(i))),
        Offer::Retry(_) => Some((fl!("ui-retry"), Message::Retry(i))),
        Offer::AcceptImport(_) => Some((fl!("ui-import-review-go"), Message::AcceptImport(i))),
        Offer::Nothing | Offer::Password(_) => None,
    };
    if let Some((label, message)) = offered {
        actions = actions.push(
            button(text(label).size(theme::SMALL + 0.5))
                .padding([5, 12])
                .style(theme::primary)
                .on_press(message),
        );
    }
    actions = actions.push(
        button(icon::view(Icon::X, 14.0))
            .padding(5)
            .style(theme::tool)
            .on_press(Message::Dismiss(i)),
    );
    container(
        row![
            icon::styled(Icon::Alert, 20.0, theme::icon_danger),
            words,
            actions
        ]
        .spacing(12)
        .align_y(Alignment::Start),
    )
    .padding([10, 12])
    .width(Fill)
    .style(theme::banner)
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local_failure() -> sync::Error {
        sync::Error::Internal("x".into())
    }

    #[test]
    fn a_refused_sign_in_offers_signing_in_again_never_a_password() {
        let _lang = crate::i18n::hold(crate::i18n::Language::English);
        let mut banners = Banners::default();
        let revoked = sync::Error::OAuth(crate::oauth::Error::SignInAgain {
            provider: "Microsoft",
            user: "anna@outlook.com".into(),
        });
        banners.fetch_failed(AccountId(3), "outlook", &revoked, true);
        let b = &banners.list()[0];
        assert_eq!(b.offer, Offer::SignInAgain(AccountId(3)));
        assert!(b.text.contains("Please sign in again"), "{}", b.text);
        assert!(matches!(
            banners.update(Message::OpenSignIn(0)),
            Action::OpenSignIn(AccountId(3))
        ));
        // the server refusing the token of such an account: the same, no password field
        let refused = sync::Error::pop3(
            "outlook.office365.com",
            crate::pop3::Error::AuthRejected("-ERR Authentication failure".into()),
        );
        banners.fetch_failed(AccountId(3), "outlook", &refused, true);
        assert_eq!(banners.list()[0].offer, Offer::SignInAgain(AccountId(3)));
        // an account with a password still gets the password field
        banners.fetch_failed(AccountId(4), "gmx", &refused, false);
        assert_eq!(banners.list()[1].offer, Offer::Password(AccountId(4)));
    }

    #[test]
    fn a_new_error_of_an_account_replaces_its_old_one() {
        let mut banners = Banners::default();
        banners.fetch_failed(AccountId(1), "privat", &local_failure(), false);
        banners.fetch_failed(
            AccountId(1),
            "privat",
            &sync::Error::Locked("privat".into()),
            false,
        );
        banners.fetch_failed(
            AccountId(2),
            "arbeit",
            &sync::Error::NoPassword("arbeit".into()),
            false,
        );
        assert_eq!(banners.list().len(), 2);
        assert_eq!(
            banners.list()[0].text,
            sync::Error::Locked("privat".into()).user_message()
        );
        assert_eq!(banners.list()[0].offer, Offer::Retry(AccountId(1)));
        assert_eq!(banners.list()[1].offer, Offer::Password(AccountId(2)));
    }

    #[test]
    fn retry_and_sign_in_report_the_account() {
        let mut banners = Banners::default();
        banners.fetch_failed(AccountId(1), "privat", &local_failure(), false);
        banners.fetch_failed(
            AccountId(2),
            "arbeit",
            &sync::Error::NoPassword("arbeit".into()),
            false,
        );
        assert!(
            matches!(banners.update(Message::SignIn(1)), Action::None),
            "no password yet"
        );
        banners.update(Message::PasswordChanged(1, "geheim".into()));
        match banners.update(Message::SignIn(1)) {
            Action::SignIn(account, password) => {
                assert_eq!(account, AccountId(2));
                assert_eq!(password.expose(), "geheim");
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            banners.update(Message::Retry(0)),
            Action::Retry(AccountId(1))
        ));
        assert!(banners.list().is_empty());
    }

    #[test]
    fn technical_text_is_behind_details() {
        let mut banners = Banners::default();
        let refused = sync::Error::Pop3 {
            host: "mail.example.org".into(),
            source: crate::pop3::Error::from(std::io::Error::from(
                std::io::ErrorKind::ConnectionRefused,
            )),
        };
        banners.fetch_failed(AccountId(1), "privat", &refused, false);
        let b = &banners.list()[0];
        assert!(!b.text.contains("refused (os error"), "{}", b.text);
        assert!(b.details.as_deref().is_some_and(|d| d.contains("refused")));
        assert!(!b.details_open);
        banners.update(Message::ToggleDetails(0));
        assert!(banners.list()[0].details_open);
        banners.update(Message::ToggleDetails(0));
        assert!(!banners.list()[0].details_open);
    }

    #[test]
    fn only_a_few_banners_stay() {
        let mut banners = Banners::default();
        for i in 0..5 {
            banners.error(format!("error {i}"));
        }
        assert_eq!(banners.list().len(), MAX_BANNERS);
        assert_eq!(banners.list()[0].text, "error 2");
        banners.update(Message::Dismiss(0));
        assert_eq!(banners.list().len(), MAX_BANNERS - 1);
    }
}
