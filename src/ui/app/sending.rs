//! The window's side of the Outbox workers: their controllers, what a round changed (the
//! folders; a status line), and a banner in words when a message was refused or may have been
//! sent, or the Outbox could not be worked on.

use iced::Task;

use crate::fl;
use crate::send::Delivery;
use crate::store::{self, AccountId, MessageId};
use crate::sync::service::system_clock;
use crate::ui::app::{App, Message};
use crate::ui::screen::mail::reader::OutboxChoice;
use crate::ui::service::senders::{self, Outcome};

impl App {
    pub(super) fn on_sender(&mut self, event: senders::Event) -> Task<Message> {
        let event = match event {
            senders::Event::Ready(controller) => {
                self.senders.ready(controller);
                return Task::none();
            }
            senders::Event::Service(event) => event,
            senders::Event::Decided(Ok(account)) => {
                self.senders.send_now(account);
                self.reader.clear();
                return self.refresh();
            }
            senders::Event::Decided(Err(e)) => return self.store_failed(e),
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

    /// Records what the user decided about a message in the Outbox, then lets its account's
    /// worker send.
    pub(super) fn outbox_choice(&mut self, id: MessageId, choice: OutboxChoice) -> Task<Message> {
        let db = self.db.clone();
        Task::perform(
            async move {
                db.call(move |s| {
                    let account = s.message(id)?.account.ok_or(store::Error::NotFound)?;
                    match choice {
                        OutboxChoice::SendNow => s.retry_now(id, system_clock())?,
                        OutboxChoice::MarkSent => s.mark_sent(id)?,
                        // the app opens a compose window for it instead
                        OutboxChoice::Edit => {}
                    }
                    Ok(account)
                })
                .await
            },
            |result| Message::Sender(senders::Event::Decided(result)),
        )
    }

    fn send_problem(&mut self, account: AccountId, words: String) {
        let name = self.workers.name(account);
        self.banners
            .error(fl!("send-failed-title", account = name) + "\n" + &words);
    }
}
