//! The window's side of the Outbox workers: their controllers, what a round changed (the
//! folders; a status line), and a banner in words when a message was refused or may have been
//! sent, or the Outbox could not be worked on.

use iced::Task;

use crate::fl;
use crate::send::Delivery;
use crate::store::AccountId;
use crate::ui::app::{App, Message};
use crate::ui::service::senders::{self, Outcome};

impl App {
    pub(super) fn on_sender(&mut self, event: senders::Event) -> Task<Message> {
        let event = match event {
            senders::Event::Ready(controller) => {
                self.senders.ready(controller);
                return Task::none();
            }
            senders::Event::Service(event) => event,
        };
        let problems = match &event {
            crate::send::service::Event::Delivered(account, done) => done
                .iter()
                .filter_map(|d| match d {
                    Delivery::Failed { problem, .. } | Delivery::Unknown { problem, .. } => {
                        Some((*account, problem.words.clone()))
                    }
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        match self.senders.on_event(event) {
            Outcome::Nothing => Task::none(),
            Outcome::Changed { status } => {
                self.status = status;
                for (account, words) in problems {
                    self.send_problem(account, words);
                }
                self.refresh()
            }
            Outcome::Trouble { account, words } => {
                self.send_problem(account, words);
                Task::none()
            }
        }
    }

    fn send_problem(&mut self, account: AccountId, words: String) {
        let name = self.workers.name(account);
        self.banners
            .error(fl!("send-failed-title", account = name) + "\n" + &words);
    }
}
