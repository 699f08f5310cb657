//! One Outbox worker per account with an outgoing server, as an iced `Subscription`
//! ([`crate::send::service`]): the same shape as the fetch workers (`workers`). The stream
//! first hands the app the worker's controller, then its events. The app keeps the controllers
//! in [`Senders`] to say "send now" when a message was queued or settings changed.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};

use iced::Subscription;
use iced::futures::{SinkExt, Stream};

use crate::fl;
use crate::send::Delivery;
use crate::send::Sender;
use crate::send::service::{self, Command, Controller};
use crate::store::{Account, AccountId};
use crate::sync::service::system_clock;

/// What a sender's subscription produces.
#[derive(Debug, Clone)]
pub enum Event {
    /// The worker started; commands go through this controller.
    Ready(Controller),
    /// The worker finished a round, or could not run one.
    Service(service::Event),
    /// The user's decision about a message in the Outbox was recorded (for this account), or
    /// why not.
    Decided(Result<AccountId, crate::ui::service::db::Error>),
}

#[derive(Clone)]
struct SenderSubscription {
    account: Account,
    sender: Sender,
}

impl Hash for SenderSubscription {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // "send" keeps it apart from the fetch worker's subscription of the same account
        ("send", self.account.id).hash(state);
    }
}

/// One subscription per account that has an outgoing server.
pub fn subscription(accounts: &[Account], sender: &Sender) -> Subscription<Event> {
    Subscription::batch(
        accounts
            .iter()
            .filter(|a| a.settings.smtp.is_some())
            .map(|account| {
                Subscription::run_with(
                    SenderSubscription {
                        account: account.clone(),
                        sender: sender.clone(),
                    },
                    run,
                )
            }),
    )
}

fn run(worker: &SenderSubscription) -> impl Stream<Item = Event> + use<> {
    let worker = worker.clone();
    iced::stream::channel(16, async move |mut output| {
        let (controller, mut events) =
            service::spawn(worker.sender, worker.account, system_clock, None);
        if output.send(Event::Ready(controller)).await.is_err() {
            return;
        }
        while let Some(event) = events.recv().await {
            if output.send(Event::Service(event)).await.is_err() {
                break;
            }
        }
    })
}

/// What a round meant for the window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing was due: nothing changed.
    Nothing,
    /// Messages were sent or kept back: the folders changed; `status` says what happened.
    Changed { status: String },
    /// The Outbox could not be worked on: say why.
    Trouble { account: AccountId, words: String },
}

/// The Outbox workers' controllers.
#[derive(Debug, Default)]
pub struct Senders {
    controllers: BTreeMap<AccountId, Controller>,
}

impl Senders {
    /// Forgets the workers of accounts that are gone.
    pub fn set_accounts(&mut self, accounts: &[Account]) {
        self.controllers
            .retain(|id, _| accounts.iter().any(|a| a.id == *id));
    }

    pub fn ready(&mut self, controller: Controller) {
        self.controllers.insert(controller.account(), controller);
    }

    /// Asks the account's worker to send what is due now.
    pub fn send_now(&self, account: AccountId) -> bool {
        self.controllers
            .get(&account)
            .is_some_and(|c| c.send(Command::SendNow))
    }

    /// Tells the worker about new settings, then lets it try again with them.
    pub fn settings_changed(&self, account: &Account) {
        if let Some(c) = self.controllers.get(&account.id) {
            c.send(Command::SettingsChanged(Box::new(account.clone())));
            c.send(Command::SendNow);
        }
    }

    /// Stops every worker (on quit).
    pub fn shutdown(&mut self) {
        for c in self.controllers.values() {
            c.send(Command::Shutdown);
        }
        self.controllers.clear();
    }

    /// Takes in a worker's event.
    pub fn on_event(&self, event: service::Event) -> Outcome {
        match event {
            service::Event::Delivered(_, done) if done.is_empty() => Outcome::Nothing,
            service::Event::Delivered(_, done) => Outcome::Changed {
                status: describe(&done),
            },
            service::Event::Failed(account, words) => Outcome::Trouble { account, words },
        }
    }
}

/// One line for a round: how many were sent, and how many wait.
pub fn describe(done: &[Delivery]) -> String {
    let sent = done
        .iter()
        .filter(|d| matches!(d, Delivery::Sent { .. }))
        .count();
    let kept = done.len() - sent;
    let mut line = fl!("send-status-sent", count = sent);
    if kept > 0 {
        line.push_str(", ");
        line.push_str(&fl!("send-status-kept", count = kept));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::send::Problem;
    use crate::store::MessageId;

    #[test]
    fn a_round_says_what_was_sent_and_what_waits() {
        let _language = crate::i18n::hold(crate::i18n::Language::English);
        let problem = Problem {
            words: "later".into(),
            details: String::new(),
            refused: Vec::new(),
        };
        let done = [
            Delivery::Sent {
                message: MessageId(1),
                refused: Vec::new(),
            },
            Delivery::Unknown {
                message: MessageId(2),
                problem,
            },
        ];
        let senders = Senders::default();
        let account = AccountId(1);
        assert_eq!(
            senders.on_event(service::Event::Delivered(account, Vec::new())),
            Outcome::Nothing
        );
        let Outcome::Changed { status } =
            senders.on_event(service::Event::Delivered(account, done.to_vec()))
        else {
            panic!("a round that did something changes the folders");
        };
        assert_eq!(
            status.replace(['\u{2068}', '\u{2069}'], ""),
            "1 message sent, 1 still in the Outbox"
        );
    }
}
