//! "Verbindung testen": runs the probes off the UI thread — the incoming server's (connect,
//! capabilities, sign in, mailbox size: nothing downloaded or deleted) and, when the account has
//! one, the outgoing server's (connect, EHLO, sign in, QUIT: nothing sent) side by side — and
//! shows each step with a tick or a clear error (`connection/view.rs`).

mod view;

use std::future::Future;

use iced::futures::SinkExt;
use iced::{Task, task};

use crate::pop3::Password;
use crate::setup::outgoing;
use crate::setup::probe::{self, ProbeError, ProbeReport, Step};
use crate::smtp;
use crate::store::AccountSettings;
use crate::ui::dialog::trust;
use crate::ui::screen::action::Action;

pub use view::{outgoing_step_name, step_name};

/// The incoming server's steps in the order they run.
pub const STEPS: [Step; 4] = [
    Step::Connect,
    Step::Capabilities,
    Step::Authenticate,
    Step::Mailbox,
];

/// Which server a part of the test is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Incoming,
    Outgoing,
}

/// What one half of the test reports: a step that succeeded, then the result.
#[derive(Debug, Clone)]
pub enum Progress<S, R, E> {
    Step(S),
    Done(Result<R, E>),
}

/// The incoming server's news.
pub type IncomingProgress = Progress<Step, ProbeReport, ProbeError>;
/// The outgoing server's news.
pub type OutgoingProgress = Progress<smtp::Step, smtp::ProbeReport, smtp::ProbeError>;

/// Progress and results; `u64` tells runs apart (an old one's news is dropped).
#[derive(Debug, Clone)]
pub enum Message {
    Incoming(u64, IncomingProgress),
    Outgoing(u64, OutgoingProgress),
    /// Show or hide the technical text of a failure.
    ToggleDetails(Side),
}

/// What the parent hears of a test.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// Every part that was started has finished (once per test); read the results with
    /// [`ConnectionTest::passed`], [`ConnectionTest::outgoing_failed`] and the like.
    Finished,
}

#[derive(Debug)]
enum State<S, R, E> {
    Idle,
    Running(Vec<S>),
    Passed(R),
    Failed(Vec<S>, Box<E>),
}

/// One server's part of the test.
#[derive(Debug)]
struct Half<S, R, E> {
    state: State<S, R, E>,
    generation: u64,
    /// Aborts a running test when a new one starts or the page closes.
    running: Option<task::Handle>,
    /// Whether a failure's technical text is shown.
    details_open: bool,
}

impl<S, R, E> Default for Half<S, R, E> {
    fn default() -> Self {
        Half {
            state: State::Idle,
            generation: 0,
            running: None,
            details_open: false,
        }
    }
}

impl<S: Copy + PartialEq + Send + 'static, R: Clone + Send + 'static, E: Clone + Send + 'static>
    Half<S, R, E>
{
    /// Starts `work`, which reports each step it passed to the callback it is given; its news
    /// comes back wrapped with `wrap`.
    fn start<F, W>(&mut self, wrap: fn(u64, Progress<S, R, E>) -> Message, work: W) -> Task<Message>
    where
        W: FnOnce(Box<dyn FnMut(S) + Send>) -> F + Send + 'static,
        F: Future<Output = Result<R, E>> + Send,
    {
        self.generation += 1;
        let generation = self.generation;
        self.state = State::Running(Vec::new());
        self.details_open = false;
        let stream = iced::stream::channel(8, async move |mut output| {
            let (tx, mut steps) = tokio::sync::mpsc::unbounded_channel();
            let work = work(Box::new(move |step: S| {
                let _ = tx.send(step);
            }));
            tokio::pin!(work);
            let result = loop {
                tokio::select! {
                    r = &mut work => break r,
                    Some(step) = steps.recv() => {
                        let _ = output.send(wrap(generation, Progress::Step(step))).await;
                    }
                }
            };
            while let Ok(step) = steps.try_recv() {
                let _ = output.send(wrap(generation, Progress::Step(step))).await;
            }
            let _ = output.send(wrap(generation, Progress::Done(result))).await;
        });
        let (task, handle) = Task::run(stream, |m| m).abortable();
        self.running = Some(handle.abort_on_drop());
        task
    }

    fn reset(&mut self) {
        self.generation += 1;
        self.running = None;
        self.state = State::Idle;
    }

    /// Takes in news of the current run; true when it finished.
    fn update(&mut self, generation: u64, progress: Progress<S, R, E>) -> bool {
        if generation != self.generation {
            return false;
        }
        match progress {
            Progress::Step(step) => {
                if let State::Running(done) = &mut self.state
                    && !done.contains(&step)
                {
                    done.push(step);
                }
                false
            }
            Progress::Done(result) => {
                self.running = None;
                let passed = match &self.state {
                    State::Running(done) => done.clone(),
                    _ => Vec::new(),
                };
                self.state = match result {
                    Ok(report) => State::Passed(report),
                    Err(e) => State::Failed(passed, Box::new(e)),
                };
                true
            }
        }
    }

    fn is_running(&self) -> bool {
        matches!(self.state, State::Running(_))
    }

    fn passed(&self) -> Option<&R> {
        match &self.state {
            State::Passed(r) => Some(r),
            _ => None,
        }
    }

    fn failed(&self) -> Option<&E> {
        match &self.state {
            State::Failed(_, e) => Some(e),
            _ => None,
        }
    }
}

/// One connection test and what it found.
#[derive(Debug, Default)]
pub struct ConnectionTest {
    incoming: Half<Step, ProbeReport, ProbeError>,
    outgoing: Half<smtp::Step, smtp::ProbeReport, smtp::ProbeError>,
    /// The outgoing server's name (its errors say it) and whether the test signs in there.
    outgoing_host: String,
    outgoing_signs_in: bool,
}

impl ConnectionTest {
    /// Tests both servers of `settings`: the incoming one with `password`, the outgoing one
    /// (if the account has one) with `outgoing_secret`.
    pub fn start(
        &mut self,
        settings: AccountSettings,
        password: Password,
        outgoing_secret: Option<Password>,
    ) -> Task<Message> {
        let outgoing = self.start_outgoing(settings.clone(), outgoing_secret);
        Task::batch([self.start_incoming(settings, password), outgoing])
    }

    /// Tests the incoming server only (what the outgoing half found stays).
    pub fn start_incoming(
        &mut self,
        settings: AccountSettings,
        password: Password,
    ) -> Task<Message> {
        self.incoming
            .start(Message::Incoming, move |mut on_step| async move {
                probe::probe(&settings, &password, &mut *on_step).await
            })
    }

    /// Tests the outgoing server only; forgets the outgoing result when the account has none.
    pub fn start_outgoing(
        &mut self,
        settings: AccountSettings,
        secret: Option<Password>,
    ) -> Task<Message> {
        let Some(server) = settings.smtp.clone() else {
            self.outgoing.reset();
            return Task::none();
        };
        self.outgoing_host = server.host.clone();
        self.outgoing_signs_in = secret.is_some() && outgoing::signs_in(&server);
        self.outgoing
            .start(Message::Outgoing, move |mut on_step| async move {
                outgoing::probe(&settings, &server, secret, &mut *on_step).await
            })
    }

    /// Forgets every result (the settings changed).
    pub fn reset(&mut self) {
        self.incoming.reset();
        self.outgoing.reset();
    }

    /// Forgets one server's result (only its settings changed).
    pub fn reset_side(&mut self, side: Side) {
        match side {
            Side::Incoming => self.incoming.reset(),
            Side::Outgoing => self.outgoing.reset(),
        }
    }

    /// Takes in progress; says when everything started has finished.
    pub fn update(&mut self, message: Message) -> Action<Message, Outcome> {
        let finished = match message {
            Message::ToggleDetails(Side::Incoming) => {
                self.incoming.details_open = !self.incoming.details_open;
                false
            }
            Message::ToggleDetails(Side::Outgoing) => {
                self.outgoing.details_open = !self.outgoing.details_open;
                false
            }
            Message::Incoming(g, progress) => self.incoming.update(g, progress),
            Message::Outgoing(g, progress) => self.outgoing.update(g, progress),
        };
        if finished && !self.is_running() {
            Action::Outcome(Outcome::Finished)
        } else {
            Action::None
        }
    }

    /// Whether one server's part has run (or is running) since the last reset.
    pub fn ran(&self, side: Side) -> bool {
        match side {
            Side::Incoming => !matches!(self.incoming.state, State::Idle),
            Side::Outgoing => !matches!(self.outgoing.state, State::Idle),
        }
    }

    /// Whether a test is running.
    pub fn is_running(&self) -> bool {
        self.incoming.is_running() || self.outgoing.is_running()
    }

    /// The incoming server's report, when its test passed.
    pub fn passed(&self) -> Option<&ProbeReport> {
        self.incoming.passed()
    }

    /// Why the incoming server's test failed.
    pub fn failed(&self) -> Option<&ProbeError> {
        self.incoming.failed()
    }

    /// The outgoing server's report, when its test passed.
    pub fn outgoing_passed(&self) -> Option<&smtp::ProbeReport> {
        self.outgoing.passed()
    }

    /// Why the outgoing server's test failed.
    pub fn outgoing_failed(&self) -> Option<&smtp::ProbeError> {
        self.outgoing.failed()
    }

    /// The certificate question of a failed test, if that is why it failed and trusting the
    /// certificate would not shut out the other server (see [`ConnectionTest::trust_blocked`]).
    /// The incoming server's comes first.
    pub fn trust_request(&self) -> Option<trust::Request> {
        let incoming = self.certificate_question(Side::Incoming);
        let outgoing = self.certificate_question(Side::Outgoing);
        incoming
            .filter(|_| !self.passed_encrypted(Side::Outgoing))
            .or(outgoing.filter(|_| !self.passed_encrypted(Side::Incoming)))
    }

    /// Whether `side` failed on a certificate the account cannot trust: a trusted (pinned)
    /// certificate is the account's, for both servers, and the other server passed over TLS
    /// with what the account trusts now.
    pub fn trust_blocked(&self, side: Side) -> bool {
        let other = match side {
            Side::Incoming => Side::Outgoing,
            Side::Outgoing => Side::Incoming,
        };
        self.certificate_question(side).is_some() && self.passed_encrypted(other)
    }

    fn certificate_question(&self, side: Side) -> Option<trust::Request> {
        match side {
            Side::Incoming => trust::Request::from_error(&self.incoming.failed()?.error),
            Side::Outgoing => {
                trust::Request::from_smtp(&self.outgoing_host, &self.outgoing.failed()?.error)
            }
        }
    }

    fn passed_encrypted(&self, side: Side) -> bool {
        match side {
            Side::Incoming => self.incoming.passed().is_some_and(|r| r.encrypted),
            Side::Outgoing => self.outgoing.passed().is_some_and(|r| r.encrypted),
        }
    }
}
