//! The settings screen: the app's preferences and one page per account, with a navigation list
//! on the left ("Allgemein", the accounts, "Konto hinzufügen"). Same shape as every pane:
//! `Message`, `update(…) -> Action`, `view`. The forms the account wizard shares live here too.
//!
//! Views: a thing's `view` sits next to its state in the same file; when that file would grow
//! too long, the view moves to `<thing>/view.rs`, a child module (`account.rs` and
//! `account/view.rs`, `wizard/mod.rs` and `wizard/view.rs`).

pub mod account;
pub mod account_form;

pub mod app_settings;
pub mod ca_file;
pub mod connection;
pub mod endpoint;
pub mod junk;
pub mod keyring;
pub mod outgoing;
pub mod pop3_options;
pub mod problem;
pub mod rules;
pub mod server;
pub mod state_file;
pub mod transfer;

use iced::widget::{Column, button, column, container, row, rule, scrollable, space, text};
use iced::{Alignment, Element, Fill, Task, Theme};

use self::account::AccountPage;
use self::app_settings::AppSettings;
use crate::config::Config;
use crate::fl;
use crate::pop3::Password;
use crate::store::{Account, AccountId};
use crate::ui::service::db::Db;
use crate::ui::widget::icon::{self, Icon};
use crate::ui::widget::theme;

use crate::ui::screen::action;
use crate::ui::widget::form;
pub use crate::ui::widget::form::{dialog, with_dialog};

/// Which page is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    General,
    /// Message rules.
    Rules,
    /// Import and export.
    Transfer,
    Account(AccountId),
}

/// What the user does on the settings screen.
#[derive(Debug, Clone)]
pub enum Message {
    Show(Page),
    AddAccount,
    Back,
    General(app_settings::Message),
    Transfer(transfer::Message),
    Rules(rules::Message),
    Junk(junk::Message),
    Account(account::Message),
    /// Leave the page with unsaved changes after all.
    Discard,
    /// Stay on the page with unsaved changes.
    Stay,
}

/// What the parent should do.
pub type Action = action::Action<Message, Outcome>;

/// What the parent hears of the screen.
#[derive(Debug)]
pub enum Outcome {
    /// Back to the messages.
    Close,
    /// Open the account wizard.
    AddAccount,
    /// Apply and save a changed preference.
    Changed(app_settings::Change),
    /// An account was saved: tell its worker.
    AccountSaved {
        account: Box<Account>,
        session: Option<Password>,
        /// Work of the page to run afterwards.
        then: Task<Message>,
    },
    /// An account was removed.
    AccountRemoved { id: AccountId, name: String },
    /// Mail was imported, or rules ran: folders were added or filled.
    Imported,
}

/// What the screen reads from the rest of the app.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub db: &'a Db,
    pub config: &'a Config,
    pub accounts: &'a [Account],
}

/// The settings screen's state.
#[derive(Debug)]
pub struct Settings {
    page: Page,
    general: AppSettings,
    transfer: transfer::Transfer,
    rules: rules::RulesPage,
    /// The Junk settings of the account shown.
    junk: Option<junk::JunkSection>,
    account: Option<AccountPage>,
    /// Where the user wanted to go from an account page with unsaved changes (asked first).
    leaving: Option<Leave>,
}

/// Where the user wants to go from the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Leave {
    To(Page),
    AddAccount,
    Back,
}

impl Settings {
    /// The screen showing `page` (an account that does not exist shows the general page). The
    /// general page's list of senders is read from `db`.
    pub fn new(page: Page, accounts: &[Account], db: &Db) -> (Settings, Task<Message>) {
        let mut settings = Settings {
            page: Page::General,
            general: AppSettings::default(),
            transfer: transfer::Transfer::default(),
            rules: rules::RulesPage::default(),
            junk: None,
            account: None,
            leaving: None,
        };
        let task = settings.show(page, accounts);
        let task = Task::batch([task, settings.junk_for(page, db)]);
        let senders = AppSettings::load(db).map(Message::General);
        let profiles = transfer::Transfer::load().map(Message::Transfer);
        let rules = rules::RulesPage::load(db).map(Message::Rules);
        (settings, Task::batch([task, senders, profiles, rules]))
    }

    /// The page shown.
    pub fn page(&self) -> Page {
        self.page
    }

    /// The account page, when one is shown.
    pub fn account_page(&self) -> Option<&AccountPage> {
        self.account.as_ref()
    }

    /// The general page.
    pub fn general(&self) -> &AppSettings {
        &self.general
    }

    /// The import and export page.
    pub fn transfer(&self) -> &transfer::Transfer {
        &self.transfer
    }

    /// The rules page.
    pub fn rules(&self) -> &rules::RulesPage {
        &self.rules
    }

    /// Shows a problem on the general page (saving the preferences failed).
    pub fn set_general_problem(&mut self, problem: Option<String>) {
        self.general.set_problem(problem);
    }

    /// The accounts were read again: leave a page whose account is gone.
    pub fn accounts_changed(&mut self, accounts: &[Account]) -> Task<Message> {
        match self.page {
            Page::Account(id) if !accounts.iter().any(|a| a.id == id) => {
                self.show(Page::General, accounts)
            }
            _ => Task::none(),
        }
    }

    fn show(&mut self, page: Page, accounts: &[Account]) -> Task<Message> {
        let loaded = !matches!(page, Page::Account(_)) || self.account.is_some();
        if page == self.page && loaded {
            return Task::none();
        }
        let account = match page {
            Page::Account(id) => accounts.iter().find(|a| a.id == id),
            Page::General | Page::Transfer | Page::Rules => None,
        };
        match account {
            Some(account) => {
                let (p, task) = AccountPage::new(account.clone());
                self.page = page;
                self.account = Some(p);
                task.map(Message::Account)
            }
            None => {
                self.page = if matches!(page, Page::Transfer | Page::Rules) {
                    page
                } else {
                    Page::General
                };
                self.account = None;
                Task::none()
            }
        }
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, cx: Context<'_>) -> Action {
        match message {
            Message::Show(page) if page != self.page => self.leave(Leave::To(page), cx),
            Message::Show(_) => Action::None,
            Message::AddAccount => self.leave(Leave::AddAccount, cx),
            Message::Back => self.leave(Leave::Back, cx),
            Message::Stay => {
                self.leaving = None;
                Action::None
            }
            Message::Discard => match self.leaving.take() {
                Some(to) => {
                    if let Some(page) = &self.account {
                        let (fresh, _) = AccountPage::new(page.account().clone());
                        self.account = Some(fresh);
                    }
                    self.go(to, cx)
                }
                None => Action::None,
            },
            Message::General(m) => self
                .general
                .update(m, cx.db)
                .map(Message::General)
                .map_outcome(Outcome::Changed),
            Message::Transfer(m) => self
                .transfer
                .update(m, cx.db)
                .map(Message::Transfer)
                .map_outcome(|transfer::Imported| Outcome::Imported),
            Message::Junk(m) => match &mut self.junk {
                Some(section) => Action::Run(section.update(m, cx.db).map(Message::Junk)),
                None => Action::None,
            },
            Message::Rules(m) => self
                .rules
                .update(m, cx.db)
                .map(Message::Rules)
                .map_outcome(|rules::RulesRan| Outcome::Imported),
            Message::Account(m) => {
                let Some(page) = &mut self.account else {
                    return Action::None;
                };
                let outcome = match page.update(m, cx.db).map(Message::Account) {
                    action::Action::Outcome(outcome) => outcome,
                    action::Action::Run(task) => return Action::Run(task),
                    action::Action::None => return Action::None,
                };
                Action::Outcome(match outcome {
                    account::Outcome::Saved {
                        account,
                        session,
                        refresh,
                    } => Outcome::AccountSaved {
                        account,
                        session,
                        then: refresh.map(Message::Account),
                    },
                    account::Outcome::Removed { id, name } => {
                        self.page = Page::General;
                        self.account = None;
                        Outcome::AccountRemoved { id, name }
                    }
                })
            }
        }
    }

    /// Leaves the page, asking first when it has unsaved changes.
    fn leave(&mut self, to: Leave, cx: Context<'_>) -> Action {
        if self.account.as_ref().is_some_and(AccountPage::is_dirty) {
            self.leaving = Some(to);
            return Action::None;
        }
        self.go(to, cx)
    }

    /// The Junk section for an account page (none for other pages), and the task reading it.
    fn junk_for(&mut self, page: Page, db: &Db) -> Task<Message> {
        match page {
            Page::Account(id) => {
                let (section, load) = junk::JunkSection::new(id, db);
                self.junk = Some(section);
                load.map(Message::Junk)
            }
            _ => {
                self.junk = None;
                Task::none()
            }
        }
    }

    fn go(&mut self, to: Leave, cx: Context<'_>) -> Action {
        match to {
            Leave::To(page) => {
                let show = self.show(page, cx.accounts);
                Action::Run(Task::batch([show, self.junk_for(page, cx.db)]))
            }
            Leave::AddAccount => Action::Outcome(Outcome::AddAccount),
            Leave::Back => Action::Outcome(Outcome::Close),
        }
    }

    fn leave_dialog(&self) -> Option<(Element<'_, Message>, Message)> {
        self.leaving?;
        let name = self.account.as_ref()?.account().settings.name.as_str();
        let body = column![
            form::dialog_title(Icon::ShieldAlert, fl!("settings-leave-title"), true),
            text(fl!("settings-leave-text", account = name)).size(theme::TEXT),
            row![
                form::fill(),
                form::secondary(fl!("settings-leave-stay"), Some(Message::Stay)),
                form::danger(fl!("settings-leave-discard"), Some(Message::Discard)),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
        ]
        .spacing(16);
        Some((body.into(), Message::Stay))
    }

    /// The whole screen.
    pub fn view<'a>(&'a self, cx: Context<'a>) -> Element<'a, Message> {
        let header = container(
            row![
                button(
                    row![
                        icon::styled(Icon::ArrowLeft, 16.0, theme::icon_color),
                        text(fl!("settings-back")).size(theme::TEXT)
                    ]
                    .spacing(8)
                    .align_y(Alignment::Center)
                )
                .padding([7, 10])
                .style(theme::tool)
                .on_press(Message::Back),
                space().width(12),
                text(fl!("settings-title")).size(16).font(theme::BOLD),
            ]
            .align_y(Alignment::Center),
        )
        .padding([8, 12])
        .width(Fill)
        .style(theme::bar);
        let (content, footer): (Element<'a, Message>, Option<Element<'a, Message>>) = match &self
            .account
        {
            Some(page) => {
                let mut content =
                    column![page.view(cx.config.notifications).map(Message::Account)].spacing(18);
                if let Some(junk) = &self.junk {
                    content = content.push(junk.view().map(Message::Junk));
                }
                (content.into(), Some(page.footer().map(Message::Account)))
            }
            None if self.page == Page::Transfer => {
                (self.transfer.view(cx.accounts).map(Message::Transfer), None)
            }
            None if self.page == Page::Rules => {
                (self.rules.view(cx.accounts).map(Message::Rules), None)
            }
            None => (
                self.general
                    .view(cx.config, cx.db.data_dir())
                    .map(Message::General),
                None,
            ),
        };
        let mut right = Column::new().push(
            scrollable(
                container(container(content).max_width(form::PAGE_WIDTH))
                    .center_x(Fill)
                    .padding([24, 28]),
            )
            .height(Fill),
        );
        if let Some(footer) = footer {
            right = right.push(rule::horizontal(1).style(theme::rule));
            right = right.push(
                container(container(footer).max_width(form::PAGE_WIDTH))
                    .center_x(Fill)
                    .padding([10, 28])
                    .style(theme::bar),
            );
        }
        let body = row![
            container(self.nav(cx.accounts))
                .width(250)
                .height(Fill)
                .style(theme::bar),
            rule::vertical(1).style(theme::rule),
            container(right.width(Fill).height(Fill)).style(theme::pane),
        ];
        let screen: Element<'a, Message> =
            column![header, rule::horizontal(1).style(theme::rule), body].into();
        let dialog = self.leave_dialog().or_else(|| {
            self.account
                .as_ref()
                .and_then(|p| p.dialog())
                .map(|(d, dismiss)| (d.map(Message::Account), Message::Account(dismiss)))
        });
        form::with_dialog(screen, dialog)
    }

    fn nav<'a>(&'a self, accounts: &'a [Account]) -> Element<'a, Message> {
        let mut items = Column::new().spacing(2).padding([12, 8]);
        items = items.push(nav_entry(
            icon::styled(Icon::Gear, theme::ICON, theme::icon_color).into(),
            fl!("settings-nav-general"),
            None,
            self.page == Page::General,
            Message::Show(Page::General),
        ));
        items = items.push(nav_entry(
            icon::styled(Icon::Filter, theme::ICON, theme::icon_color).into(),
            fl!("settings-nav-rules"),
            None,
            self.page == Page::Rules,
            Message::Show(Page::Rules),
        ));
        items = items.push(nav_entry(
            icon::styled(Icon::Download, theme::ICON, theme::icon_color).into(),
            fl!("settings-nav-transfer"),
            None,
            self.page == Page::Transfer,
            Message::Show(Page::Transfer),
        ));
        items = items.push(space().height(12));
        items = items.push(
            container(
                text(fl!("settings-nav-accounts"))
                    .size(theme::SMALL)
                    .style(theme::muted_text),
            )
            .padding([4, 8]),
        );
        for account in accounts {
            let page = Page::Account(account.id);
            let email =
                (!account.settings.email.is_empty()).then(|| account.settings.email.clone());
            items = items.push(nav_entry(
                icon::view(Icon::User, theme::ICON).into(),
                account.settings.name.clone(),
                email,
                self.page == page,
                Message::Show(page),
            ));
        }
        items = items.push(space().height(4));
        items = items.push(nav_entry(
            icon::styled(Icon::Plus, theme::ICON, theme::icon_accent).into(),
            fl!("settings-nav-add-account"),
            None,
            false,
            Message::AddAccount,
        ));
        scrollable(items).height(Fill).into()
    }
}

fn nav_entry<'a>(
    glyph: Element<'a, Message>,
    label: String,
    detail: Option<String>,
    selected: bool,
    on_press: Message,
) -> Element<'a, Message> {
    let mut words = column![text(label).size(theme::TEXT)].spacing(1);
    if let Some(detail) = detail {
        words = words.push(
            text(detail)
                .size(theme::SMALL)
                .style(|t: &Theme| text::Style {
                    color: Some(theme::muted(t)),
                })
                .wrapping(text::Wrapping::None),
        );
    }
    button(
        row![glyph, container(words).clip(true).width(Fill)]
            .spacing(10)
            .align_y(Alignment::Center),
    )
    .width(Fill)
    .padding([7, 10])
    .style(form::nav_style(selected))
    .on_press(on_press)
    .into()
}
