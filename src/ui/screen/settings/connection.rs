//! "Verbindung testen": runs the probe (connect, capabilities, sign in, mailbox size — nothing
//! downloaded or deleted) off the UI thread and shows each step with a tick or a clear error.

use iced::futures::SinkExt;
use iced::widget::{Column, row, text};
use iced::{Alignment, Element, Task, task};

use crate::fl;
use crate::pop3::Password;
use crate::setup::probe::{self, ProbeError, ProbeReport, Step};
use crate::store::AccountSettings;
use crate::ui::dialog::trust;
use crate::ui::screen::settings::action::Action;
use crate::ui::widget::form::{self, Tone};
use crate::ui::widget::icon::{self, Icon};
use crate::ui::{widget::format, widget::theme};

/// The steps in the order they run.
pub const STEPS: [Step; 4] = [
    Step::Connect,
    Step::Capabilities,
    Step::Authenticate,
    Step::Mailbox,
];

/// What the parent hears of a test.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// The test finished (once per test).
    Finished(Result<ProbeReport, ProbeError>),
}

/// Progress and the result of a test; `u64` tells tests apart (an old one's news is dropped).
#[derive(Debug, Clone)]
pub enum Message {
    Step(u64, Step),
    Done(u64, Result<ProbeReport, ProbeError>),
    /// Show or hide the technical text of a failure.
    ToggleDetails,
}

#[derive(Debug, Default)]
enum State {
    #[default]
    Idle,
    Running(Vec<Step>),
    Passed(ProbeReport),
    Failed(Vec<Step>, Box<ProbeError>),
}

/// One connection test and what it found.
#[derive(Debug, Default)]
pub struct ConnectionTest {
    state: State,
    generation: u64,
    /// Aborts a running test when a new one starts or the page closes.
    running: Option<task::Handle>,
    /// Whether a failure's technical text is shown.
    details_open: bool,
}

impl ConnectionTest {
    /// Starts a test of `settings` with `password`.
    pub fn start(&mut self, settings: AccountSettings, password: Password) -> Task<Message> {
        self.generation += 1;
        let generation = self.generation;
        self.state = State::Running(Vec::new());
        self.details_open = false;
        let stream = iced::stream::channel(8, async move |mut output| {
            let (tx, mut steps) = tokio::sync::mpsc::unbounded_channel();
            let mut on_step = move |step: Step| {
                let _ = tx.send(step);
            };
            let work = async { probe::probe(&settings, &password, &mut on_step).await };
            tokio::pin!(work);
            let result = loop {
                tokio::select! {
                    r = &mut work => break r,
                    Some(step) = steps.recv() => {
                        let _ = output.send(Message::Step(generation, step)).await;
                    }
                }
            };
            while let Ok(step) = steps.try_recv() {
                let _ = output.send(Message::Step(generation, step)).await;
            }
            let _ = output.send(Message::Done(generation, result)).await;
        });
        let (task, handle) = Task::run(stream, |m| m).abortable();
        self.running = Some(handle.abort_on_drop());
        task
    }

    /// Forgets the result (the settings changed).
    pub fn reset(&mut self) {
        self.generation += 1;
        self.running = None;
        self.state = State::Idle;
    }

    /// Takes in progress; hands the finished result on once, when it arrives.
    pub fn update(&mut self, message: Message) -> Action<Message, Outcome> {
        match message {
            Message::ToggleDetails => {
                self.details_open = !self.details_open;
                Action::None
            }
            Message::Step(g, step) if g == self.generation => {
                if let State::Running(done) = &mut self.state
                    && !done.contains(&step)
                {
                    done.push(step);
                }
                Action::None
            }
            Message::Done(g, result) if g == self.generation => {
                self.running = None;
                let passed = match &self.state {
                    State::Running(done) => done.clone(),
                    _ => Vec::new(),
                };
                self.state = match &result {
                    Ok(report) => State::Passed(report.clone()),
                    Err(e) => State::Failed(passed, Box::new(e.clone())),
                };
                Action::Outcome(Outcome::Finished(result))
            }
            _ => Action::None,
        }
    }

    /// Whether a test is running.
    pub fn is_running(&self) -> bool {
        matches!(self.state, State::Running(_))
    }

    /// The report of a passed test.
    pub fn passed(&self) -> Option<&ProbeReport> {
        match &self.state {
            State::Passed(r) => Some(r),
            _ => None,
        }
    }

    /// Why a finished test failed.
    pub fn failed(&self) -> Option<&ProbeError> {
        match &self.state {
            State::Failed(_, e) => Some(e),
            _ => None,
        }
    }

    /// The certificate question of a failed test, if that is why it failed.
    pub fn trust_request(&self) -> Option<trust::Request> {
        match &self.state {
            State::Failed(_, e) => trust::Request::from_error(&e.error),
            _ => None,
        }
    }

    /// The steps with ticks, crosses and the result; nothing before the first test. The test's
    /// own messages (the details toggle) are wrapped with `wrap`.
    pub fn view<'a, M: Clone + 'a>(
        &'a self,
        on_trust: Option<M>,
        wrap: fn(Message) -> M,
    ) -> Element<'a, M> {
        let (done, failed): (&[Step], Option<&ProbeError>) = match &self.state {
            State::Idle => return Column::new().into(),
            State::Running(done) => (done, None),
            State::Passed(_) => (&STEPS, None),
            State::Failed(done, e) => (done, Some(e)),
        };
        let mut col = Column::new().spacing(6);
        for step in STEPS {
            let (glyph, style): (Icon, fn(&iced::Theme) -> iced::widget::svg::Style) =
                if done.contains(&step) {
                    (Icon::CircleCheck, form::icon_ok)
                } else if failed.is_some_and(|e| e.step == step) {
                    (Icon::CircleX, theme::icon_danger)
                } else {
                    (Icon::CircleDashed, theme::icon_color)
                };
            col = col.push(
                row![
                    icon::styled(glyph, 16.0, style),
                    text(step_name(step)).size(theme::TEXT)
                ]
                .spacing(8)
                .align_y(Alignment::Center),
            );
        }
        match &self.state {
            State::Passed(report) => {
                let size = format::size(report.octets);
                let mut lines = vec![fl!(
                    "settings-test-ok",
                    count = report.messages,
                    size = size
                )];
                if !report.uidl {
                    lines.push(fl!("sync-no-uidl-warning"));
                }
                col = col.push(form::notice(Tone::Success, lines));
            }
            State::Failed(_, e) => {
                col = col.push(form::notice(Tone::Danger, vec![e.error.user_message()]));
                if let Some(details) = e.error.details() {
                    col = col.push(crate::ui::widget::details::view(
                        details,
                        self.details_open,
                        wrap(Message::ToggleDetails),
                    ));
                }
                if let Some(on_trust) = on_trust.filter(|_| self.trust_request().is_some()) {
                    col = col.push(form::icon_button(
                        Icon::Shield,
                        fl!("settings-test-trust"),
                        Some(on_trust),
                    ));
                }
            }
            _ => {}
        }
        col.into()
    }
}

/// A step's name.
pub fn step_name(step: Step) -> String {
    match step {
        Step::Connect => fl!("settings-test-step-connect"),
        Step::Capabilities => fl!("settings-test-step-capabilities"),
        Step::Authenticate => fl!("settings-test-step-authenticate"),
        Step::Mailbox => fl!("settings-test-step-mailbox"),
    }
}
