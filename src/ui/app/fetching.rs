//! The window's side of fetching: "Get messages", the fetch workers' events (progress, new
//! mail and its notification, failures and the certificate question) and the banners' answers
//! (retry, sign in, trust).

use iced::Task;

use crate::ui::app::{App, Message, Modal};
use crate::ui::dialog::trust;
use crate::ui::screen::mail::banner;
use crate::ui::service::notify;
use crate::ui::service::workers::{self, Outcome};

impl App {
    pub(super) fn on_banner(&mut self, message: banner::Message) -> Task<Message> {
        match self.banners.update(message) {
            banner::Action::None => Task::none(),
            banner::Action::Retry(account) => {
                self.workers.fetch(account);
                Task::none()
            }
            banner::Action::SignIn(account, password) => {
                self.workers.sign_in(account, password);
                Task::none()
            }
            banner::Action::AcceptImport(account) => {
                self.workers.accept_import(account);
                Task::none()
            }
            banner::Action::OpenSignIn(account) => {
                self.open_settings(crate::ui::screen::settings::Page::Account(account))
            }
            banner::Action::Trust(account) => {
                self.modal = self
                    .tls_questions
                    .get(&account)
                    .cloned()
                    .map(|q| Modal::Trust(account, q));
                Task::none()
            }
        }
    }

    pub(super) fn get_messages(&mut self) -> Task<Message> {
        self.workers.fetch_all();
        Task::none()
    }

    pub(super) fn on_worker(&mut self, event: workers::Event) -> Task<Message> {
        let event = match event {
            workers::Event::Ready(controller) => {
                self.workers.ready(controller);
                return Task::none();
            }
            workers::Event::Service(event) => event,
        };
        let outcome = self.workers.on_event(event);
        self.status = self.workers.status().to_owned();
        match outcome {
            Outcome::Progress | Outcome::Cancelled => Task::none(),
            Outcome::Finished { account, new } => {
                self.banners.clear_account(account);
                self.tls_questions.remove(&account);
                let wanted = self
                    .accounts
                    .iter()
                    .find(|a| a.id == account)
                    .is_none_or(|a| a.settings.notify);
                if new > 0 && self.config.notifications && wanted {
                    notify::new_mail(new, &self.workers.name(account));
                }
                self.refresh()
            }
            Outcome::Review { account, dry } => {
                let name = self.workers.name(account);
                self.banners.import_review(account, &name, dry.words(&name));
                Task::none()
            }
            Outcome::Failed { account, error } => {
                match trust::Request::from_error(&error) {
                    Some(q) => self.tls_questions.insert(account, q),
                    None => self.tls_questions.remove(&account),
                };
                let name = self.workers.name(account);
                let oauth = self
                    .accounts
                    .iter()
                    .any(|a| a.id == account && a.settings.oauth.is_some());
                self.banners.fetch_failed(account, &name, &error, oauth);
                Task::none()
            }
        }
    }
}
