//! How the account wizard looks: one centred card per step, with the buttons at its foot.

use iced::widget::{Column, column, container, row, scrollable, text};
use iced::{Alignment, Element, Fill};

use crate::fl;
use crate::pop3::{ExpirePolicy, Security};
use crate::store::ServerExpire;
use crate::ui::screen::settings::connection::Side;
use crate::ui::screen::wizard::{Message, Search, Step, Wizard, security_name};
use crate::ui::widget::form::{self, Tone};
use crate::ui::widget::icon::{self, Icon};
use crate::ui::widget::theme;

/// The app icon at the top of the welcome page.
const APP_ICON: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/resources/icons/postfach.svg"
));

impl Wizard {
    /// The wizard, filling the window.
    pub fn view(&self) -> Element<'_, Message> {
        let (title, intro) = match self.step {
            Step::Identity if self.first_start => (fl!("wizard-title"), fl!("wizard-intro")),
            Step::Identity => (fl!("wizard-add-title"), fl!("wizard-intro")),
            Step::Server => (fl!("wizard-server-title"), fl!("wizard-server-intro")),
            Step::Options => (fl!("wizard-options-title"), fl!("wizard-options-intro")),
        };
        let number = match self.step {
            Step::Identity => 1,
            Step::Server => 2,
            Step::Options => 3,
        };
        let mut card = Column::new().spacing(20);
        if self.first_start && self.step == Step::Identity {
            card = card.push(
                iced::widget::svg(iced::widget::svg::Handle::from_memory(APP_ICON))
                    .width(64)
                    .height(64),
            );
        }
        card = card.push(
            column![
                text(fl!("wizard-step", step = number))
                    .size(theme::SMALL)
                    .style(theme::muted_text),
                text(title).size(24).font(theme::BOLD),
                text(intro).size(theme::TEXT).style(theme::muted_text),
            ]
            .spacing(6),
        );
        card = card.push(match self.step {
            Step::Identity => self.identity(),
            Step::Server => self.server_step(),
            Step::Options => self.options_step(),
        });
        if let Some(problem) = &self.problem {
            card = card.push(form::notice(Tone::Danger, vec![problem.words()]));
        }
        card = card.push(self.buttons());
        let page = scrollable(
            container(
                container(card)
                    .padding([28, 32])
                    .max_width(680)
                    .style(form::card),
            )
            .center_x(Fill)
            .padding(iced::Padding {
                top: 72.0,
                bottom: 36.0,
                left: 24.0,
                right: 24.0,
            }),
        )
        .height(Fill);
        let screen: Element<'_, Message> = container(page)
            .width(Fill)
            .height(Fill)
            .style(theme::bar)
            .into();
        let dialog = self
            .form
            .dialog()
            .map(|(dialog, dismiss)| (dialog.map(Message::Form), Message::Form(dismiss)));
        form::with_dialog(screen, dialog)
    }

    fn identity(&self) -> Element<'_, Message> {
        let mut col = column![
            form::field(
                fl!("wizard-name"),
                form::input(
                    &fl!("wizard-name-placeholder"),
                    &self.display_name,
                    Message::DisplayName
                ),
                None,
            ),
            form::field(
                fl!("wizard-email"),
                form::input(
                    &fl!("wizard-email-placeholder"),
                    &self.email,
                    Message::Email
                ),
                None,
            ),
        ]
        .spacing(12);
        if let Some(panel) = &self.sign_in {
            let signed_in = self.grant.as_ref().map(|_| self.email.as_str());
            col = col.push(form::field(
                String::new(),
                panel.view(signed_in).map(Message::SignIn),
                None,
            ));
        }
        if !self.uses_sign_in() {
            col = col.push(form::field(
                fl!("wizard-password"),
                form::input("", &self.password, Message::Password)
                    .secure(true)
                    .on_submit(Message::Next),
                None,
            ));
        }
        col.push(form::field(
            String::new(),
            form::check(fl!("wizard-manual"), self.manual, Message::Manual),
            None,
        ))
        .into()
    }

    fn server_step(&self) -> Element<'_, Message> {
        let mut col = Column::new().spacing(14);
        match &self.search {
            Search::Trying => {
                let mut lines = vec![fl!("wizard-searching")];
                let (incoming, outgoing) = self.trying();
                for p in incoming.into_iter().chain(outgoing) {
                    lines.push(fl!(
                        "wizard-trying",
                        host = p.host.as_str(),
                        port = p.port,
                        security = security_name(p.security)
                    ));
                }
                col = col.push(form::notice(Tone::Info, lines));
                col = col.push(self.attempt_list());
                col = col.push(self.results());
            }
            Search::Found => {
                let server = &self.form.server().endpoint;
                let mut lines = vec![fl!(
                    "wizard-found",
                    host = server.host.as_str(),
                    port = server.port_number(),
                    security = security_name(server.security)
                )];
                let outgoing = self.form.outgoing();
                if outgoing.enabled {
                    lines.push(fl!(
                        "wizard-found-smtp",
                        host = outgoing.endpoint.host.as_str(),
                        port = outgoing.endpoint.port_number(),
                        security = security_name(outgoing.endpoint.security)
                    ));
                }
                col = col.push(form::notice(Tone::Success, lines));
                col = col.push(self.results());
                col = col.push(
                    row![form::icon_button(
                        Icon::Gear,
                        fl!("wizard-edit"),
                        Some(Message::Edit)
                    )]
                    .spacing(8),
                );
            }
            Search::Manual => {
                if !self.attempts.is_empty() {
                    col = col.push(form::notice(Tone::Warning, vec![fl!("wizard-not-found")]));
                    col = col.push(self.attempt_list());
                }
                col = col.push(subheading(fl!("settings-server")));
                col = col.push(self.form.server_view(None).map(Message::Form));
                col = col.push(self.form.ca_view().map(Message::Form));
                col = col.push(subheading(fl!("settings-smtp")));
                col = col.push(self.form.outgoing_view(None).map(Message::Form));
                if self.form.outgoing().enabled {
                    col = col.push(self.form.outgoing_remove_button().map(Message::Form));
                }
                let testing = self.form.test().is_running();
                let mut buttons = row![self.form.test_button().map(Message::Form)].spacing(8);
                if !self.proposals.is_empty() && !testing {
                    buttons = buttons.push(form::secondary(
                        fl!("wizard-search-again"),
                        Some(Message::SearchAgain),
                    ));
                }
                let hint = if self.form.outgoing().enabled {
                    fl!("settings-test-hint-both")
                } else {
                    fl!("settings-test-hint")
                };
                col = col.push(form::field(
                    String::new(),
                    column![buttons, form::small(hint), self.results()].spacing(10),
                    None,
                ));
            }
        }
        col.into()
    }

    /// Each server's test steps and result, under its name when there are two.
    fn results(&self) -> Element<'_, Message> {
        let test = self.form.test();
        let incoming = self.form.test_view(false).map(Message::Form);
        if !test.ran(Side::Outgoing) {
            return incoming;
        }
        let outgoing = self.form.outgoing_test_view(false).map(Message::Form);
        let mut col = Column::new().spacing(18);
        if test.ran(Side::Incoming) {
            col = col.push(column![small_heading(fl!("settings-server")), incoming].spacing(8));
        }
        col.push(column![small_heading(fl!("settings-smtp")), outgoing].spacing(8))
            .into()
    }

    fn attempt_list(&self) -> Element<'_, Message> {
        let mut col = Column::new().spacing(4);
        for (p, reason) in &self.attempts {
            col = col.push(
                row![
                    icon::styled(Icon::CircleX, 14.0, theme::icon_danger),
                    form::small(fl!(
                        "wizard-attempt-failed",
                        host = p.host.as_str(),
                        port = p.port,
                        reason = reason.as_str()
                    )),
                ]
                .spacing(8)
                .align_y(Alignment::Center),
            );
        }
        col.into()
    }

    fn options_step(&self) -> Element<'_, Message> {
        let (expire, delay) = match self.form.test().passed() {
            Some(report) => (
                report.expire.map(|e| match e.policy {
                    ExpirePolicy::Never => ServerExpire::Never,
                    ExpirePolicy::Days(d) => ServerExpire::Days(d),
                }),
                report.login_delay,
            ),
            None => (None, None),
        };
        let mut col = Column::new().spacing(16);
        col = col.push(self.form.choice_view(expire, delay).map(Message::Form));
        col = col.push(form::field(
            fl!("wizard-account-name"),
            form::input("", &self.account_name, Message::AccountName),
            Some(fl!("settings-account-name-hint")),
        ));
        col = col.push(self.earlier.view().map(Message::Earlier));
        if self.form.server().endpoint.security == Security::Plain
            || self.form.outgoing().is_plain()
        {
            col = col.push(form::notice(
                Tone::Warning,
                vec![fl!("settings-plain-active")],
            ));
        }
        col.into()
    }

    fn buttons(&self) -> Element<'_, Message> {
        let mut bar = row![].spacing(8).align_y(Alignment::Center);
        // On a first start there is nothing to cancel to, but the window can still be used
        // without an account (local folders, opened mail files) and set up later.
        let cancel = if self.first_start {
            fl!("wizard-later")
        } else {
            fl!("wizard-cancel")
        };
        bar = bar.push(form::secondary(cancel, Some(Message::Cancel)));
        bar = bar.push(form::fill());
        if self.step != Step::Identity {
            bar = bar.push(form::secondary(
                fl!("wizard-back"),
                (!self.saving).then_some(Message::Back),
            ));
        }
        let next = match self.step {
            Step::Identity => form::primary(fl!("wizard-next"), Some(Message::Next)),
            Step::Server => form::primary(
                fl!("wizard-next"),
                self.tested_both().then_some(Message::Next),
            ),
            Step::Options if self.saving => form::primary(fl!("wizard-saving"), None),
            Step::Options => form::primary(fl!("wizard-finish"), Some(Message::Finish)),
        };
        bar.push(next).width(Fill).into()
    }
}

/// The title over one server's fields.
fn subheading<'a>(title: String) -> Element<'a, Message> {
    text(title).size(15).font(theme::BOLD).into()
}

/// The name over one server's test result.
fn small_heading<'a>(title: String) -> Element<'a, Message> {
    text(title)
        .size(theme::SMALL)
        .font(theme::BOLD)
        .style(theme::muted_text)
        .into()
}
