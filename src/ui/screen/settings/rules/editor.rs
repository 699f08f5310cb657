//! One rule being written or changed: its name, the account it is for, "all" or "any" of its
//! conditions, the conditions and the actions, as the form holds them (text as typed), and the
//! conversion to and from the store's [`Rule`].

use std::fmt;

use crate::fl;
use crate::store::{AccountId, Action, Condition, Field, FolderId, Rule, RuleId, Test};

/// What a condition looks at, as the form offers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    From,
    To,
    Cc,
    ToOrCc,
    Subject,
    Header,
    Body,
    Size,
    Attachments,
}

impl What {
    pub const ALL: [What; 9] = [
        What::From,
        What::To,
        What::Cc,
        What::ToOrCc,
        What::Subject,
        What::Header,
        What::Body,
        What::Size,
        What::Attachments,
    ];

    /// Whether it compares text (else a size, or nothing).
    pub fn is_text(self) -> bool {
        !matches!(self, What::Size | What::Attachments)
    }
}

impl fmt::Display for What {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            What::From => fl!("rules-field-from"),
            What::To => fl!("rules-field-to"),
            What::Cc => fl!("rules-field-cc"),
            What::ToOrCc => fl!("rules-field-to-or-cc"),
            What::Subject => fl!("rules-field-subject"),
            What::Header => fl!("rules-field-header"),
            What::Body => fl!("rules-field-body"),
            What::Size => fl!("rules-field-size"),
            What::Attachments => fl!("rules-field-attachments"),
        })
    }
}

/// How a condition compares, as the form offers it (sizes: greater / less).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    Contains,
    NotContains,
    Is,
    BeginsWith,
    EndsWith,
    Matches,
    Greater,
    Less,
}

impl How {
    pub const TEXT: [How; 6] = [
        How::Contains,
        How::NotContains,
        How::Is,
        How::BeginsWith,
        How::EndsWith,
        How::Matches,
    ];
    pub const SIZE: [How; 2] = [How::Greater, How::Less];
}

impl fmt::Display for How {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            How::Contains => fl!("rules-test-contains"),
            How::NotContains => fl!("rules-test-not-contains"),
            How::Is => fl!("rules-test-is"),
            How::BeginsWith => fl!("rules-test-begins"),
            How::EndsWith => fl!("rules-test-ends"),
            How::Matches => fl!("rules-test-matches"),
            How::Greater => fl!("rules-test-greater"),
            How::Less => fl!("rules-test-less"),
        })
    }
}

/// One condition as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub what: What,
    pub how: How,
    /// The header's name (for [`What::Header`]).
    pub header: String,
    /// The text, or the size in KB.
    pub value: String,
}

impl Default for Line {
    fn default() -> Self {
        Line {
            what: What::Subject,
            how: How::Contains,
            header: String::new(),
            value: String::new(),
        }
    }
}

/// What an action does, as the form offers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Do {
    MoveTo,
    CopyTo,
    MarkRead,
    Flag,
    Trash,
    Stop,
}

impl Do {
    pub const ALL: [Do; 6] = [
        Do::MoveTo,
        Do::CopyTo,
        Do::MarkRead,
        Do::Flag,
        Do::Trash,
        Do::Stop,
    ];

    pub fn needs_folder(self) -> bool {
        matches!(self, Do::MoveTo | Do::CopyTo)
    }
}

impl fmt::Display for Do {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            Do::MoveTo => fl!("rules-action-move"),
            Do::CopyTo => fl!("rules-action-copy"),
            Do::MarkRead => fl!("rules-action-read"),
            Do::Flag => fl!("rules-action-flag"),
            Do::Trash => fl!("rules-action-trash"),
            Do::Stop => fl!("rules-action-stop"),
        })
    }
}

/// One action as chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub what: Do,
    pub folder: Option<FolderId>,
}

/// The rule being edited (`id`: the stored rule it changes; `None`: a new rule).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Editor {
    pub id: Option<RuleId>,
    pub name: String,
    pub enabled: bool,
    pub account: Option<AccountId>,
    pub match_all: bool,
    pub lines: Vec<Line>,
    pub steps: Vec<Step>,
}

impl Editor {
    /// A new rule: one empty condition, "move to" without a folder yet.
    pub fn new() -> Editor {
        Editor {
            id: None,
            name: String::new(),
            enabled: true,
            account: None,
            match_all: true,
            lines: vec![Line::default()],
            steps: vec![Step {
                what: Do::MoveTo,
                folder: None,
            }],
        }
    }

    /// The form for a stored rule.
    pub fn from_rule(id: RuleId, rule: &Rule) -> Editor {
        let lines = rule
            .conditions
            .iter()
            .map(|c| match c {
                Condition::Text { field, test, value } => {
                    let (what, header) = match field {
                        Field::From => (What::From, String::new()),
                        Field::To => (What::To, String::new()),
                        Field::Cc => (What::Cc, String::new()),
                        Field::ToOrCc => (What::ToOrCc, String::new()),
                        Field::Subject => (What::Subject, String::new()),
                        Field::Header(h) => (What::Header, h.clone()),
                        Field::Body => (What::Body, String::new()),
                    };
                    let how = match test {
                        Test::Contains => How::Contains,
                        Test::NotContains => How::NotContains,
                        Test::Is => How::Is,
                        Test::BeginsWith => How::BeginsWith,
                        Test::EndsWith => How::EndsWith,
                        Test::Matches => How::Matches,
                    };
                    Line {
                        what,
                        how,
                        header,
                        value: value.clone(),
                    }
                }
                Condition::SizeGreater(n) | Condition::SizeLess(n) => Line {
                    what: What::Size,
                    how: if matches!(c, Condition::SizeGreater(_)) {
                        How::Greater
                    } else {
                        How::Less
                    },
                    header: String::new(),
                    value: (n / 1024).to_string(),
                },
                Condition::HasAttachments => Line {
                    what: What::Attachments,
                    ..Line::default()
                },
            })
            .collect();
        let steps = rule
            .actions
            .iter()
            .map(|a| match a {
                Action::MoveTo(f) => Step {
                    what: Do::MoveTo,
                    folder: Some(*f),
                },
                Action::CopyTo(f) => Step {
                    what: Do::CopyTo,
                    folder: Some(*f),
                },
                Action::MarkRead => Step {
                    what: Do::MarkRead,
                    folder: None,
                },
                Action::Flag => Step {
                    what: Do::Flag,
                    folder: None,
                },
                Action::Trash => Step {
                    what: Do::Trash,
                    folder: None,
                },
                Action::Stop => Step {
                    what: Do::Stop,
                    folder: None,
                },
            })
            .collect();
        Editor {
            id: Some(id),
            name: rule.name.clone(),
            enabled: rule.enabled,
            account: rule.account,
            match_all: rule.match_all,
            lines,
            steps,
        }
    }

    /// The rule the form describes, or what is missing, in words.
    pub fn to_rule(&self) -> Result<Rule, String> {
        if self.name.trim().is_empty() {
            return Err(fl!("rules-needs-name"));
        }
        let mut conditions = Vec::new();
        for line in &self.lines {
            let value = line.value.trim().to_owned();
            let field = match line.what {
                What::From => Field::From,
                What::To => Field::To,
                What::Cc => Field::Cc,
                What::ToOrCc => Field::ToOrCc,
                What::Subject => Field::Subject,
                What::Body => Field::Body,
                What::Header => {
                    let name = line.header.trim();
                    if name.is_empty() || name.contains([':', ' ']) {
                        return Err(fl!("rules-needs-header"));
                    }
                    Field::Header(name.to_owned())
                }
                What::Size => {
                    let kb: u64 = value.parse().map_err(|_| fl!("rules-needs-size"))?;
                    let bytes = kb.saturating_mul(1024);
                    conditions.push(if line.how == How::Less {
                        Condition::SizeLess(bytes)
                    } else {
                        Condition::SizeGreater(bytes)
                    });
                    continue;
                }
                What::Attachments => {
                    conditions.push(Condition::HasAttachments);
                    continue;
                }
            };
            if value.is_empty() {
                return Err(fl!("rules-needs-value"));
            }
            let test = match line.how {
                How::NotContains => Test::NotContains,
                How::Is => Test::Is,
                How::BeginsWith => Test::BeginsWith,
                How::EndsWith => Test::EndsWith,
                How::Matches => Test::Matches,
                How::Contains | How::Greater | How::Less => Test::Contains,
            };
            conditions.push(Condition::Text { field, test, value });
        }
        if conditions.is_empty() {
            return Err(fl!("rules-needs-condition"));
        }
        let mut actions = Vec::new();
        for step in &self.steps {
            actions.push(match (step.what, step.folder) {
                (Do::MoveTo, Some(f)) => Action::MoveTo(f),
                (Do::CopyTo, Some(f)) => Action::CopyTo(f),
                (Do::MoveTo | Do::CopyTo, None) => return Err(fl!("rules-needs-folder")),
                (Do::MarkRead, _) => Action::MarkRead,
                (Do::Flag, _) => Action::Flag,
                (Do::Trash, _) => Action::Trash,
                (Do::Stop, _) => Action::Stop,
            });
        }
        if actions.is_empty() {
            return Err(fl!("rules-needs-action"));
        }
        Ok(Rule {
            name: self.name.trim().to_owned(),
            enabled: self.enabled,
            account: self.account,
            match_all: self.match_all,
            conditions,
            actions,
        })
    }
}

impl Default for Editor {
    fn default() -> Self {
        Editor::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_goes_through_the_form_unchanged() {
        let rule = Rule {
            name: "Rechnungen".into(),
            enabled: true,
            account: None,
            match_all: false,
            conditions: vec![
                Condition::Text {
                    field: Field::Subject,
                    test: Test::Contains,
                    value: "Rechnung".into(),
                },
                Condition::Text {
                    field: Field::Header("X-Mailer".into()),
                    test: Test::Matches,
                    value: "^Billing".into(),
                },
                Condition::SizeGreater(2048),
                Condition::HasAttachments,
            ],
            actions: vec![Action::MoveTo(FolderId(7)), Action::MarkRead, Action::Stop],
        };
        let form = Editor::from_rule(RuleId(1), &rule);
        assert_eq!(form.to_rule(), Ok(rule));
    }

    #[test]
    fn what_is_missing_is_said() {
        let mut form = Editor::new();
        assert!(form.to_rule().is_err(), "no name");
        form.name = "x".into();
        assert!(form.to_rule().is_err(), "an empty condition");
        form.lines[0].value = "Rechnung".into();
        assert!(form.to_rule().is_err(), "move to no folder");
        form.steps[0].folder = Some(FolderId(3));
        assert!(form.to_rule().is_ok());
        form.lines[0].what = What::Size;
        form.lines[0].value = "viel".into();
        assert!(form.to_rule().is_err(), "a size that is no number");
    }
}
