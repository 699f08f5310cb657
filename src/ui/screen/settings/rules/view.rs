//! How the rules page looks: the list of rules, the form for one rule, "Run rules now".

use std::fmt;

use iced::widget::{Column, button, column, mouse_area, row, text};
use iced::{Alignment, Element, Fill, Length};

use super::editor::{Do, Editor, How, What};
use super::{Form, Message, RulesPage};
use crate::fl;
use crate::store::{Account, AccountId, FolderId, FolderKind, Rule};
use crate::ui::screen::mail::sidebar::folder_path;
use crate::ui::widget::drag::drag_source;
use crate::ui::widget::form::{self, Tone};
use crate::ui::widget::icon::{self, Icon};
use crate::ui::widget::theme;

/// A folder in a drop-down: shown by its path.
#[derive(Debug, Clone, PartialEq)]
struct FolderChoice(FolderId, String);

impl fmt::Display for FolderChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.1)
    }
}

/// An account in a drop-down (`None`: mail of every account).
#[derive(Debug, Clone, PartialEq)]
struct AccountChoice(Option<AccountId>, String);

impl fmt::Display for AccountChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.1)
    }
}

impl RulesPage {
    pub fn view<'a>(&'a self, accounts: &'a [Account]) -> Element<'a, Message> {
        let folders: Vec<FolderChoice> = self
            .folders
            .iter()
            .filter(|f| !matches!(f.kind, FolderKind::Outbox | FolderKind::Drafts))
            .map(|f| FolderChoice(f.id, folder_path(f, &self.folders, accounts)))
            .collect();
        let mut page = Column::new().spacing(18).push(form::page_header(
            fl!("settings-nav-rules"),
            fl!("rules-intro"),
        ));
        if let Some(problem) = &self.problem {
            page = page.push(form::notice(Tone::Danger, vec![problem.clone()]));
        }
        page = page.push(match &self.editor {
            Some(editor) => self.form(editor, &folders, accounts),
            None => self.list(&folders),
        });
        page = page.push(self.run_section(&folders));
        page.into()
    }

    fn list<'a>(&'a self, folders: &[FolderChoice]) -> Element<'a, Message> {
        let mut list = Column::new().spacing(8);
        let rules = self.rules();
        if rules.is_empty() {
            list = list.push(form::small(fl!("rules-none")));
        }
        let last = rules.len().saturating_sub(1);
        for (i, stored) in rules.iter().enumerate() {
            let id = stored.id;
            let arrow = |glyph, tip: String, up: bool, on: bool| {
                form::tip(
                    button(icon::view(glyph, 14.0))
                        .padding([4, 6])
                        .style(theme::tool)
                        .on_press_maybe(on.then_some(Message::Shift(id, up))),
                    tip,
                )
            };
            let words = column![
                text(crate::text::safe_line(&stored.rule.name)).size(theme::TEXT),
                form::small(summary(&stored.rule, folders)),
            ]
            .spacing(2)
            .width(Fill);
            let line = row![
                form::check(String::new(), stored.rule.enabled, move |on| {
                    Message::Enable(id, on)
                }),
                words,
                arrow(Icon::ArrowUp, fl!("rules-up"), true, i > 0),
                arrow(Icon::ArrowDown, fl!("rules-down"), false, i < last),
                form::secondary(fl!("rules-edit"), Some(Message::Edit(id))),
                form::danger(fl!("rules-remove"), Some(Message::Remove(id))),
            ]
            .spacing(8)
            .align_y(Alignment::Center);
            // rules change places by dragging a row onto another
            let mut line: Element<'a, Message> =
                drag_source(line, Message::Drag(id), Message::DragEnd).into();
            if let Some(dragged) = self.dragging.filter(|d| *d != id) {
                line = mouse_area(line)
                    .on_release(Message::DropOn(dragged, id))
                    .into();
            }
            list = list.push(line);
        }
        list = list.push(row![
            form::fill(),
            form::primary(fl!("rules-new"), Some(Message::New))
        ]);
        form::section(Icon::Filter, fl!("rules-list"), list)
    }

    fn form<'a>(
        &'a self,
        e: &'a Editor,
        folders: &[FolderChoice],
        accounts: &'a [Account],
    ) -> Element<'a, Message> {
        let mut account_choices = vec![AccountChoice(None, fl!("rules-all-accounts"))];
        account_choices.extend(
            accounts
                .iter()
                .map(|a| AccountChoice(Some(a.id), a.settings.name.clone())),
        );
        let chosen_account = account_choices
            .iter()
            .find(|c| c.0 == e.account)
            .cloned()
            .unwrap_or_else(|| account_choices[0].clone());
        let mut body = Column::new().spacing(12);
        body = body.push(form::field(
            fl!("rules-name"),
            form::input(&fl!("rules-name-placeholder"), &e.name, |v| {
                Message::Form(Form::Name(v))
            }),
            None,
        ));
        body = body.push(form::field(
            fl!("rules-account"),
            form::pick(account_choices, chosen_account, |c| {
                Message::Form(Form::Account(c.0))
            }),
            None,
        ));
        body = body.push(form::segmented(
            [
                (true, fl!("rules-match-all")),
                (false, fl!("rules-match-any")),
            ],
            e.match_all,
            |all| Message::Form(Form::MatchAll(all)),
        ));
        for (i, line) in e.lines.iter().enumerate() {
            let hows: Vec<How> = if line.what == What::Size {
                How::SIZE.to_vec()
            } else {
                How::TEXT.to_vec()
            };
            let mut cells = row![container_w(
                180.0,
                form::pick(What::ALL.to_vec(), line.what, move |w| {
                    Message::Form(Form::What(i, w))
                })
            ),]
            .spacing(8)
            .align_y(Alignment::Center);
            if line.what == What::Header {
                cells = cells.push(container_w(
                    140.0,
                    form::input(&fl!("rules-header-name"), &line.header, move |v| {
                        Message::Form(Form::Header(i, v))
                    })
                    .into(),
                ));
            }
            if line.what != What::Attachments {
                cells = cells.push(container_w(
                    170.0,
                    form::pick(hows, line.how, move |h| Message::Form(Form::How(i, h))),
                ));
                let placeholder = if line.what == What::Size {
                    fl!("rules-size-kb")
                } else {
                    fl!("rules-value")
                };
                cells = cells.push(
                    form::input(&placeholder, &line.value, move |v| {
                        Message::Form(Form::Value(i, v))
                    })
                    .width(Fill),
                );
            } else {
                cells = cells.push(iced::widget::space().width(Fill));
            }
            cells = cells.push(remove_button(
                Message::Form(Form::RemoveLine(i)),
                e.lines.len() > 1,
            ));
            body = body.push(cells);
        }
        body = body.push(row![form::secondary(
            fl!("rules-add-condition"),
            Some(Message::Form(Form::AddLine))
        )]);
        body = body.push(text(fl!("rules-then")).size(theme::TEXT).font(theme::BOLD));
        for (i, step) in e.steps.iter().enumerate() {
            let mut cells = row![container_w(
                220.0,
                form::pick(Do::ALL.to_vec(), step.what, move |d| {
                    Message::Form(Form::Do(i, d))
                })
            )]
            .spacing(8)
            .align_y(Alignment::Center);
            if step.what.needs_folder() {
                let chosen = folders.iter().find(|f| Some(f.0) == step.folder).cloned();
                cells = cells.push(form::pick_maybe(
                    folders.to_vec(),
                    chosen,
                    fl!("rules-choose-folder"),
                    move |f: FolderChoice| Message::Form(Form::Folder(i, f.0)),
                ));
            } else {
                cells = cells.push(iced::widget::space().width(Fill));
            }
            cells = cells.push(remove_button(
                Message::Form(Form::RemoveStep(i)),
                e.steps.len() > 1,
            ));
            body = body.push(cells);
        }
        body = body.push(row![form::secondary(
            fl!("rules-add-action"),
            Some(Message::Form(Form::AddStep))
        )]);
        body = body.push(
            row![
                form::fill(),
                form::secondary(fl!("ui-cancel"), Some(Message::Cancel)),
                form::primary(fl!("rules-save"), Some(Message::Save)),
            ]
            .spacing(8),
        );
        let title = if e.id.is_some() {
            fl!("rules-edit-title")
        } else {
            fl!("rules-new-title")
        };
        form::section(Icon::Filter, title, body)
    }

    fn run_section<'a>(&'a self, folders: &[FolderChoice]) -> Element<'a, Message> {
        let chosen = folders.iter().find(|f| Some(f.0) == self.run_on).cloned();
        let mut body = Column::new()
            .spacing(10)
            .push(form::small(fl!("rules-run-hint")));
        body = body.push(
            row![
                form::pick_maybe(
                    folders.to_vec(),
                    chosen,
                    fl!("rules-choose-folder"),
                    |f: FolderChoice| Message::RunOn(f.0)
                ),
                form::primary(
                    fl!("rules-run-now"),
                    (self.run_on.is_some() && self.running.is_none()).then_some(Message::RunNow)
                ),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
        );
        if let Some((done, all)) = self.running {
            let share = if all == 0 {
                0.0
            } else {
                done as f32 / all as f32
            };
            body = body.push(iced::widget::progress_bar(0.0..=1.0, share).girth(8));
            body = body.push(form::small(fl!("rules-running", done = done, all = all)));
        }
        if let Some(ran) = &self.ran {
            body = body.push(text(ran.as_str()).size(theme::TEXT));
        }
        form::section(Icon::Play, fl!("rules-run"), body)
    }
}

fn container_w<'a>(width: f32, content: Element<'a, Message>) -> Element<'a, Message> {
    iced::widget::container(content)
        .width(Length::Fixed(width))
        .into()
}

fn remove_button<'a>(message: Message, on: bool) -> Element<'a, Message> {
    form::tip(
        button(icon::view(Icon::X, 14.0))
            .padding([6, 8])
            .style(theme::tool)
            .on_press_maybe(on.then_some(message)),
        fl!("rules-remove-line"),
    )
}

/// "2 conditions (all) → Move to “Kunden”, Mark as read".
fn summary(rule: &Rule, folders: &[FolderChoice]) -> String {
    let actions: Vec<String> = rule
        .actions
        .iter()
        .map(|a| {
            let folder = |id: &FolderId| {
                folders
                    .iter()
                    .find(|f| f.0 == *id)
                    .map_or_else(|| fl!("rules-folder-gone"), |f| f.1.clone())
            };
            match a {
                crate::store::Action::MoveTo(f) => format!("{} {}", Do::MoveTo, folder(f)),
                crate::store::Action::CopyTo(f) => format!("{} {}", Do::CopyTo, folder(f)),
                crate::store::Action::MarkRead => Do::MarkRead.to_string(),
                crate::store::Action::Flag => Do::Flag.to_string(),
                crate::store::Action::Trash => Do::Trash.to_string(),
                crate::store::Action::Stop => Do::Stop.to_string(),
            }
        })
        .collect();
    fl!(
        "rules-summary",
        count = rule.conditions.len(),
        all = if rule.match_all { "all" } else { "any" },
        actions = actions.join(", ")
    )
}
