//! How the test looks: each server's steps with a tick, a cross or a dashed circle, then its
//! result in words (the technical text behind a "Details" toggle) and, for a certificate the
//! user may trust, "Zertifikat prüfen…".

use iced::widget::{Column, row, text};
use iced::{Alignment, Element};

use super::{ConnectionTest, Half, Message, STEPS, Side, State};
use crate::fl;
use crate::setup::probe::Step;
use crate::smtp;
use crate::ui::widget::form::{self, Tone};
use crate::ui::widget::icon::{self, Icon};
use crate::ui::{widget::format, widget::theme};

impl ConnectionTest {
    /// The incoming server's steps and result; nothing before the first test. `on_trust` adds
    /// "Zertifikat prüfen…" to a certificate failure; the test's own messages (the details
    /// toggle) are wrapped with `wrap`.
    pub fn view<'a, M: Clone + 'a>(
        &'a self,
        on_trust: Option<M>,
        wrap: fn(Message) -> M,
    ) -> Element<'a, M> {
        let Some(mut col) = steps(&self.incoming, &STEPS, |e| e.step, step_name) else {
            return Column::new().into();
        };
        if let Some(report) = self.incoming.passed() {
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
        if let Some(e) = self.incoming.failed() {
            col = self.failure(
                col,
                Side::Incoming,
                e.error.user_message(),
                e.error.details(),
                on_trust,
                wrap,
            );
        }
        col.into()
    }

    /// The outgoing server's steps and result, like [`ConnectionTest::view`].
    pub fn outgoing_view<'a, M: Clone + 'a>(
        &'a self,
        on_trust: Option<M>,
        wrap: fn(Message) -> M,
    ) -> Element<'a, M> {
        let all: &[smtp::Step] = if self.outgoing_signs_in {
            &[
                smtp::Step::Connect,
                smtp::Step::Capabilities,
                smtp::Step::Authenticate,
                smtp::Step::Quit,
            ]
        } else {
            &[
                smtp::Step::Connect,
                smtp::Step::Capabilities,
                smtp::Step::Quit,
            ]
        };
        let Some(mut col) = steps(&self.outgoing, all, |e| e.step, outgoing_step_name) else {
            return Column::new().into();
        };
        if let Some(report) = self.outgoing.passed() {
            let mut lines = vec![if self.outgoing_signs_in {
                fl!("settings-smtp-test-ok")
            } else {
                fl!("settings-smtp-test-ok-no-auth")
            }];
            if let Some(limit) = report.size_limit {
                lines.push(fl!("settings-smtp-test-size", size = format::size(limit)));
            }
            col = col.push(form::notice(Tone::Success, lines));
        }
        if let Some(e) = self.outgoing.failed() {
            col = self.failure(
                col,
                Side::Outgoing,
                e.error.user_message(&self.outgoing_host),
                Some(e.error.details()),
                on_trust,
                wrap,
            );
        }
        col.into()
    }

    /// A failure in words, its details, and what can be done about a certificate.
    fn failure<'a, M: Clone + 'a>(
        &'a self,
        mut col: Column<'a, M>,
        side: Side,
        words: String,
        details: Option<String>,
        on_trust: Option<M>,
        wrap: fn(Message) -> M,
    ) -> Column<'a, M> {
        col = col.push(form::notice(Tone::Danger, vec![words]));
        let open = match side {
            Side::Incoming => self.incoming.details_open,
            Side::Outgoing => self.outgoing.details_open,
        };
        if let Some(details) = details {
            col = col.push(crate::ui::widget::details::view(
                details,
                open,
                wrap(Message::ToggleDetails(side)),
            ));
        }
        if self.trust_blocked(side) {
            col = col.push(form::notice(
                Tone::Warning,
                vec![fl!("settings-trust-shared")],
            ));
        } else if let Some(on_trust) =
            on_trust.filter(|_| self.certificate_question(side).is_some())
        {
            col = col.push(form::icon_button(
                Icon::Shield,
                fl!("settings-test-trust"),
                Some(on_trust),
            ));
        }
        col
    }
}

/// The steps of `half` with ticks and crosses; `None` before its first run.
fn steps<'a, M: 'a, S: Copy + PartialEq, R, E>(
    half: &Half<S, R, E>,
    all: &[S],
    step_of: fn(&E) -> S,
    name: fn(S) -> String,
) -> Option<Column<'a, M>> {
    let (done, failed): (&[S], Option<S>) = match &half.state {
        State::Idle => return None,
        State::Running(done) => (done, None),
        State::Passed(_) => (all, None),
        State::Failed(done, e) => (done, Some(step_of(e))),
    };
    let mut col = Column::new().spacing(6);
    for &step in all {
        let (glyph, style): (Icon, fn(&iced::Theme) -> iced::widget::svg::Style) =
            if done.contains(&step) {
                (Icon::CircleCheck, form::icon_ok)
            } else if failed == Some(step) {
                (Icon::CircleX, theme::icon_danger)
            } else {
                (Icon::CircleDashed, theme::icon_color)
            };
        col = col.push(
            row![
                icon::styled(glyph, 16.0, style),
                text(name(step)).size(theme::TEXT)
            ]
            .spacing(8)
            .align_y(Alignment::Center),
        );
    }
    Some(col)
}

/// An incoming server step's name.
pub fn step_name(step: Step) -> String {
    match step {
        Step::Connect => fl!("settings-test-step-connect"),
        Step::Capabilities => fl!("settings-test-step-capabilities"),
        Step::Authenticate => fl!("settings-test-step-authenticate"),
        Step::Mailbox => fl!("settings-test-step-mailbox"),
    }
}

/// An outgoing server step's name.
pub fn outgoing_step_name(step: smtp::Step) -> String {
    match step {
        smtp::Step::Connect => fl!("settings-test-step-connect"),
        smtp::Step::Capabilities => fl!("settings-test-step-capabilities"),
        smtp::Step::Authenticate => fl!("settings-test-step-authenticate"),
        smtp::Step::Quit => fl!("settings-test-step-quit"),
    }
}
