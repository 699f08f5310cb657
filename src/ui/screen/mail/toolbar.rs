//! The toolbar (Get messages, Write, Reply, Reply all, Forward, Cancel, Delete, read/unread,
//! search) and the status bar.

use iced::widget::{Id, button, container, progress_bar, row, space, text, text_input};
use iced::{Alignment, Element, Fill, FillPortion};

use crate::fl;
use crate::ui::screen::compose::start::Answer;
use crate::ui::widget::icon::{self, Icon};
use crate::ui::widget::{form, theme};

/// The search field's id (Ctrl+F focuses it).
pub fn search_id() -> Id {
    Id::new("search")
}

/// What the user does in the toolbar.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    GetMessages,
    /// A new message.
    Write,
    /// An answer to the selected message.
    Answer(Answer),
    Cancel,
    Delete,
    /// Mark the selected message read (`true`) or unread.
    SetSeen(bool),
    SearchChanged(String),
    ClearSearch,
    OpenSettings,
    /// Move, archive or (un)junk the selection.
    Organise(Tool),
}

/// The organising buttons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    MoveTo,
    Archive,
    Junk,
    NotJunk,
    /// The message rules on the selection (the list's menu).
    RunRules,
}

/// What the parent should do.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    None,
    GetMessages,
    Write,
    Answer(Answer),
    Cancel,
    Delete,
    SetSeen(bool),
    /// The search text changed (the parent debounces it).
    Search(String),
    /// Show the settings.
    OpenSettings,
    Organise(Tool),
}

/// What the toolbar needs to know about the rest of the window.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context {
    pub fetching: bool,
    pub has_accounts: bool,
    /// The selected message's read state, when one is selected.
    pub selected_seen: Option<bool>,
    /// The list shows a Trash (Delete is permanent there).
    pub in_trash: bool,
    /// Exactly one message is selected (it can be answered or forwarded).
    pub one_selected: bool,
    /// The list shows a Junk folder ("Not junk" instead of "Junk").
    pub in_junk: bool,
}

/// The toolbar's own state: the search text.
#[derive(Debug, Default)]
pub struct Toolbar {
    query: String,
}

impl Toolbar {
    /// The search text.
    pub fn query(&self) -> &str {
        &self.query
    }

    /// Handles a toolbar message.
    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::GetMessages => Action::GetMessages,
            Message::Write => Action::Write,
            Message::Answer(a) => Action::Answer(a),
            Message::Organise(tool) => Action::Organise(tool),
            Message::Cancel => Action::Cancel,
            Message::Delete => Action::Delete,
            Message::SetSeen(seen) => Action::SetSeen(seen),
            Message::SearchChanged(query) => {
                self.query = query;
                Action::Search(self.query.clone())
            }
            Message::ClearSearch => {
                self.query.clear();
                Action::Search(String::new())
            }
            Message::OpenSettings => Action::OpenSettings,
        }
    }

    /// The toolbar.
    pub fn view(&self, cx: Context) -> Element<'_, Message> {
        let get = form::tip(
            button(
                row![
                    icon::styled(Icon::Refresh, theme::ICON, theme::icon_on_primary),
                    text(fl!("ui-get-messages")).size(theme::TEXT),
                ]
                .spacing(8)
                .align_y(Alignment::Center),
            )
            .padding([7, 14])
            .style(theme::primary)
            .on_press_maybe((cx.has_accounts && !cx.fetching).then_some(Message::GetMessages)),
            fl!("ui-get-messages-tip"),
        );
        let write = form::tip(
            tool_button(
                Icon::Pencil,
                fl!("ui-write"),
                cx.has_accounts.then_some(Message::Write),
            ),
            fl!("ui-write-tip"),
        );
        let answer = |glyph, tip: String, a: Answer| {
            form::tip(
                button(icon::view(glyph, theme::ICON))
                    .padding([8, 10])
                    .style(theme::tool)
                    .on_press_maybe(cx.one_selected.then_some(Message::Answer(a))),
                tip,
            )
        };
        let mut bar = row![
            get,
            write,
            answer(Icon::Reply, fl!("ui-reply-tip"), Answer::Reply),
            answer(Icon::ReplyAll, fl!("ui-reply-all-tip"), Answer::ReplyAll),
            answer(Icon::Forward, fl!("ui-forward-tip"), Answer::Forward),
        ]
        .spacing(6)
        .align_y(Alignment::Center);
        if cx.fetching {
            bar = bar.push(form::tip(
                tool_button(Icon::X, fl!("ui-cancel"), Some(Message::Cancel)),
                fl!("ui-cancel-tip"),
            ));
        }
        bar = bar.push(space().width(10));
        let (delete_label, delete_tip) = if cx.in_trash {
            (
                fl!("ui-delete-permanently"),
                fl!("ui-delete-permanently-tip"),
            )
        } else {
            (fl!("ui-delete"), fl!("ui-delete-tip"))
        };
        let selected = cx.selected_seen.is_some();
        bar = bar.push(form::tip(
            tool_button(
                Icon::Trash,
                delete_label,
                selected.then_some(Message::Delete),
            ),
            delete_tip,
        ));
        bar = bar.push(match cx.selected_seen {
            Some(false) => tool_button(
                Icon::MailOpen,
                fl!("ui-mark-read"),
                Some(Message::SetSeen(true)),
            ),
            Some(true) => tool_button(
                Icon::Mail,
                fl!("ui-mark-unread"),
                Some(Message::SetSeen(false)),
            ),
            None => tool_button(Icon::MailOpen, fl!("ui-mark-read"), None),
        });
        let organise = |glyph, tip: String, tool: Tool| {
            form::tip(
                button(icon::view(glyph, theme::ICON))
                    .padding([8, 10])
                    .style(theme::tool)
                    .on_press_maybe(selected.then_some(Message::Organise(tool))),
                tip,
            )
        };
        bar = bar.push(organise(
            Icon::FileArchive,
            fl!("ui-archive-tip"),
            Tool::Archive,
        ));
        bar = bar.push(if cx.in_junk {
            organise(Icon::Inbox, fl!("ui-not-junk-tip"), Tool::NotJunk)
        } else {
            organise(Icon::OctagonAlert, fl!("ui-junk-tip"), Tool::Junk)
        });
        bar = bar.push(organise(Icon::Folder, fl!("ui-move-to-tip"), Tool::MoveTo));
        // the search field gives way when the window is narrow (up to 280 wide otherwise)
        bar = bar.push(space().width(FillPortion(1)));
        bar = bar.push(self.search());
        bar = bar.push(space().width(6));
        bar = bar.push(form::tip(
            button(
                row![
                    icon::styled(Icon::Gear, theme::ICON, theme::icon_color),
                    text(fl!("settings-open")).size(theme::TEXT)
                ]
                .spacing(6)
                .align_y(Alignment::Center),
            )
            .padding([7, 10])
            .style(theme::tool)
            .on_press(Message::OpenSettings),
            fl!("settings-open-tip"),
        ));
        container(bar.padding([8, 12]))
            .width(Fill)
            .style(theme::bar)
            .into()
    }

    fn search(&self) -> Element<'_, Message> {
        let input = text_input(&fl!("ui-search-placeholder"), &self.query)
            .id(search_id())
            .on_input(Message::SearchChanged)
            .padding([6, 10])
            .size(theme::TEXT)
            .width(Fill)
            .style(theme::search);
        let mut field = row![icon::view(Icon::Search, theme::ICON), input]
            .spacing(6)
            .align_y(Alignment::Center);
        if !self.query.is_empty() {
            field = field.push(form::tip(
                button(icon::view(Icon::X, 14.0))
                    .padding(5)
                    .style(theme::tool)
                    .on_press(Message::ClearSearch),
                fl!("ui-search-clear"),
            ));
        }
        container(field).width(FillPortion(6)).max_width(300).into()
    }
}

fn tool_button<'a>(
    icon_kind: Icon,
    label: String,
    message: Option<Message>,
) -> Element<'a, Message> {
    button(
        row![
            icon::view(icon_kind, theme::ICON),
            text(label).size(theme::TEXT)
        ]
        .spacing(6)
        .align_y(Alignment::Center),
    )
    .padding([7, 10])
    .style(theme::tool)
    .on_press_maybe(message)
    .into()
}

/// The status bar: the sync status line and, while fetching, a progress bar.
pub fn status_bar<'a, M: 'a>(status: &'a str, progress: Option<f32>) -> Element<'a, M> {
    let line = if status.is_empty() {
        fl!("ui-status-ready")
    } else {
        status.to_owned()
    };
    let mut bar = row![
        text(line)
            .size(theme::SMALL)
            .style(theme::muted_text)
            .width(Fill)
    ]
    .spacing(12)
    .align_y(Alignment::Center);
    if let Some(p) = progress {
        bar = bar.push(progress_bar(0.0..=1.0, p).length(220).girth(6));
    }
    container(bar.padding([5, 12]))
        .width(Fill)
        .style(theme::bar)
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_text_is_kept_and_reported() {
        let mut toolbar = Toolbar::default();
        assert_eq!(
            toolbar.update(Message::SearchChanged("Rechnung".into())),
            Action::Search("Rechnung".into())
        );
        assert_eq!(toolbar.query(), "Rechnung");
        assert_eq!(
            toolbar.update(Message::ClearSearch),
            Action::Search(String::new())
        );
        assert_eq!(toolbar.query(), "");
        assert_eq!(
            toolbar.update(Message::SetSeen(false)),
            Action::SetSeen(false)
        );
    }
}
