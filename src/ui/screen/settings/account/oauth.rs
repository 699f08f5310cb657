//! The account page's sign-in with Google or Microsoft: who is signed in, "Sign in again…",
//! "Sign out", and the own client ID under "Advanced". Signing in saves the refresh token and
//! switches both servers to the sign-in at once (the worker is told, as after "Save");
//! signing out removes the token from the keyring.
use iced::widget::{Column, row};
use iced::{Element, Task};

use super::{AccountPage, Action, Message};
use crate::fl;
use crate::oauth::{self, Grant, provider};
use crate::store::AccountSettings;
use crate::ui::screen::action;
use crate::ui::screen::settings::account_form::Saved;
use crate::ui::screen::settings::keyring;
use crate::ui::screen::settings::problem::Problem;
use crate::ui::screen::sign_in::{self, Opener, SignIn};
use crate::ui::service::db::{self, Db};
use crate::ui::widget::form;
use crate::ui::widget::icon::Icon;

/// The sign-in panel for an account of a provider that signs in through the browser (its
/// own setting, else its address or servers), and the look-up whether it is signed in.
pub(super) fn panel(s: &AccountSettings) -> (Option<SignIn>, Task<Message>) {
    let entry = match &s.oauth {
        Some(o) => provider::entry(&o.provider),
        None => {
            let hosts: Vec<&str> = std::iter::once(s.host.as_str())
                .chain(s.smtp.as_ref().map(|m| m.host.as_str()))
                .collect();
            provider::recognise(&s.email, &hosts)
        }
    };
    let Some(entry) = entry else {
        return (None, Task::none());
    };
    let own = s.oauth.as_ref().and_then(|o| {
        o.client_id
            .as_deref()
            .map(|id| (id, o.client_secret.as_deref()))
    });
    let panel = SignIn::new(entry, own, Opener::default());
    let status = match oauth::tokens::identity(s) {
        Ok(Some(identity)) => Task::perform(
            db::blocking(move || Ok(oauth::has_grant(&identity).unwrap_or(false))),
            |r| Message::SignInStatus(r.unwrap_or(false)),
        ),
        _ => Task::none(),
    };
    (Some(panel), status)
}

impl AccountPage {
    pub(super) fn on_sign_in(&mut self, message: sign_in::Message, db: &Db) -> Action {
        let Some(panel) = self.sign_in.as_mut() else {
            return Action::None;
        };
        if matches!(message, sign_in::Message::ClientId(_)) {
            self.notice = None;
        }
        match panel.update(message, &self.account.settings.email) {
            action::Action::None => Action::None,
            action::Action::Run(task) => Action::Run(task.map(Message::SignIn)),
            action::Action::Outcome(sign_in::Outcome::SignedIn(grant)) => self.signed_in(grant, db),
        }
    }

    /// Keeps the new sign-in and switches the stored account to it.
    fn signed_in(&mut self, grant: Grant, db: &Db) -> Action {
        let Some(panel) = &self.sign_in else {
            return Action::None;
        };
        let mut settings = self.account.settings.clone();
        settings.sign_in_with(panel.entry().id, panel.own_client());
        let identity = match oauth::tokens::identity(&settings) {
            Ok(Some(identity)) => identity,
            _ => return Action::None,
        };
        let id = self.account.id;
        let db = db.clone();
        self.saving = true;
        let work = async move {
            db::blocking(move || {
                oauth::save_grant(&identity, &grant)
                    .map_err(|e| db::Error::Internal(e.user_message()))
            })
            .await?;
            let account = db
                .call(move |s| {
                    s.update_account(id, &settings)?;
                    Ok(s.account(id)?)
                })
                .await?;
            Ok::<_, Problem>(Saved {
                account,
                keyring: keyring::Outcome::default(),
                outgoing_unsaved: None,
            })
        };
        Action::Run(Task::perform(work, |r| Message::Saved(Box::new(r))))
    }

    pub(super) fn sign_out(&mut self) -> Action {
        let Ok(Some(identity)) = oauth::tokens::identity(&self.account.settings) else {
            return Action::None;
        };
        Action::Run(Task::perform(
            db::blocking(move || Ok(oauth::sign_out(&identity).is_ok())),
            |r| Message::SignInStatus(!r.unwrap_or(false)),
        ))
    }

    /// The own client as typed, into the settings to save.
    pub(super) fn apply_sign_in(&self, s: &mut AccountSettings) {
        if let (Some(o), Some(panel)) = (s.oauth.as_mut(), &self.sign_in) {
            let (id, secret) = panel.own_client().unzip();
            o.client_id = id;
            o.client_secret = secret.flatten();
        }
    }

    /// The section: the panel, and "Sign out" while signed in.
    pub(super) fn sign_in_view(&self) -> Option<Element<'_, Message>> {
        let panel = self.sign_in.as_ref()?;
        let s = &self.account.settings;
        let signed_in = s.oauth.is_some() && self.signed_in == Some(true);
        let mut col = Column::new().spacing(10);
        col = col.push(
            panel
                .view(signed_in.then_some(s.username.as_str()))
                .map(Message::SignIn),
        );
        if s.oauth.is_some() && !signed_in && self.signed_in.is_some() {
            col = col.push(form::small(fl!(
                "oauth-signed-out",
                provider = panel.entry().name
            )));
        }
        if signed_in && !panel.waiting() {
            col = col.push(row![form::secondary(
                fl!("oauth-sign-out"),
                Some(Message::SignOut)
            )]);
        }
        Some(form::section(
            Icon::IdCard,
            fl!("oauth-section", provider = panel.entry().name),
            col,
        ))
    }
}
