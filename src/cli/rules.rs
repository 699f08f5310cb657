//! `postfach rule list|add|remove|enable|disable|run`: message rules in the words of the rules page.
//!
//! A condition is `FIELD TEST VALUE` — FIELD `from`, `to`, `cc`, `to-or-cc`, `subject`, `body`
//! or `header:NAME`; TEST `contains`, `not-contains`, `is`, `begins-with`, `ends-with`,
//! `matches` (a regular expression) — or `size greater|less N[K|M]`, or `has-attachments`.
//! An action is `move-to FOLDER`, `copy-to FOLDER`, `mark-read`, `flag`, `trash` or `stop`
//! (FOLDER as in `postfach folder`). `rule list` prints rules in the same words.
use super::organise::{find_folder, folder_spec};
use super::{CliError, RuleCommand, exit};
use crate::fl;
use crate::store::{Action, Condition, Field, Folder, Rule, RuleId, Selection, Store, Test};

const TESTS: [(&str, Test); 6] = [
    ("contains", Test::Contains),
    ("not-contains", Test::NotContains),
    ("is", Test::Is),
    ("begins-with", Test::BeginsWith),
    ("ends-with", Test::EndsWith),
    ("matches", Test::Matches),
];

fn bad_condition(text: &str) -> CliError {
    CliError::new(exit::USAGE, fl!("cli-rule-bad-condition", condition = text))
}

fn bad_action(text: &str) -> CliError {
    CliError::new(exit::USAGE, fl!("cli-rule-bad-action", action = text))
}

/// `1000`, `20K`, `5M` → bytes.
fn size(text: &str) -> Option<u64> {
    let t = text.trim();
    let (digits, factor) = match t.chars().last()?.to_ascii_uppercase() {
        'K' => (&t[..t.len() - 1], 1024),
        'M' => (&t[..t.len() - 1], 1024 * 1024),
        _ => (t, 1),
    };
    digits.trim().parse::<u64>().ok()?.checked_mul(factor)
}

/// Parses one condition in the rules page's words.
pub(super) fn parse_condition(text: &str) -> Result<Condition, CliError> {
    let t = text.trim();
    if t.eq_ignore_ascii_case("has-attachments") {
        return Ok(Condition::HasAttachments);
    }
    let mut words = t.splitn(3, ' ');
    let (Some(field), Some(test)) = (words.next(), words.next()) else {
        return Err(bad_condition(text));
    };
    let value = words.next().unwrap_or("").to_owned();
    if field.eq_ignore_ascii_case("size") {
        let n = size(&value).ok_or_else(|| bad_condition(text))?;
        return match test.to_ascii_lowercase().as_str() {
            "greater" => Ok(Condition::SizeGreater(n)),
            "less" => Ok(Condition::SizeLess(n)),
            _ => Err(bad_condition(text)),
        };
    }
    let field = match field.to_ascii_lowercase().as_str() {
        "from" => Field::From,
        "to" => Field::To,
        "cc" => Field::Cc,
        "to-or-cc" => Field::ToOrCc,
        "subject" => Field::Subject,
        "body" => Field::Body,
        other => match other.strip_prefix("header:") {
            Some(name) if !name.is_empty() => Field::Header(field["header:".len()..].to_owned()),
            _ => return Err(bad_condition(text)),
        },
    };
    let test = TESTS
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(test))
        .map(|(_, t)| *t)
        .ok_or_else(|| bad_condition(text))?;
    Ok(Condition::Text { field, test, value })
}

/// Parses one action in the rules page's words.
pub(super) fn parse_action(store: &Store, text: &str) -> Result<Action, CliError> {
    let t = text.trim();
    let (word, rest) = t.split_once(' ').unwrap_or((t, ""));
    let folder = || {
        if rest.trim().is_empty() {
            Err(bad_action(text))
        } else {
            find_folder(store, rest.trim())
        }
    };
    Ok(match word.to_ascii_lowercase().as_str() {
        "move-to" => Action::MoveTo(folder()?),
        "copy-to" => Action::CopyTo(folder()?),
        "mark-read" => Action::MarkRead,
        "flag" => Action::Flag,
        "trash" => Action::Trash,
        "stop" => Action::Stop,
        _ => return Err(bad_action(text)),
    })
}

fn describe_condition(c: &Condition) -> String {
    match c {
        Condition::Text { field, test, value } => {
            let field = match field {
                Field::From => "from".to_owned(),
                Field::To => "to".to_owned(),
                Field::Cc => "cc".to_owned(),
                Field::ToOrCc => "to-or-cc".to_owned(),
                Field::Subject => "subject".to_owned(),
                Field::Body => "body".to_owned(),
                Field::Header(name) => format!("header:{name}"),
            };
            let test = TESTS
                .iter()
                .find(|(_, t)| t == test)
                .map_or("?", |(w, _)| w);
            format!("{field} {test} {}", crate::text::safe_line(value))
        }
        Condition::SizeGreater(n) => format!("size greater {n}"),
        Condition::SizeLess(n) => format!("size less {n}"),
        Condition::HasAttachments => "has-attachments".to_owned(),
    }
}

fn describe_action(store: &Store, folders: &[Folder], a: &Action) -> String {
    match a {
        Action::MoveTo(f) => format!("move-to {}", folder_spec(store, folders, *f)),
        Action::CopyTo(f) => format!("copy-to {}", folder_spec(store, folders, *f)),
        Action::MarkRead => "mark-read".to_owned(),
        Action::Flag => "flag".to_owned(),
        Action::Trash => "trash".to_owned(),
        Action::Stop => "stop".to_owned(),
    }
}

/// The rule a NAME or position (from `rule list`) names.
fn find_rule(store: &Store, which: &str) -> Result<RuleId, CliError> {
    let rules = store.rules()?;
    let by_position = which
        .parse::<usize>()
        .ok()
        .and_then(|n| n.checked_sub(1))
        .and_then(|i| rules.get(i));
    by_position
        .or_else(|| rules.iter().find(|r| r.rule.name == which))
        .map(|r| r.id)
        .ok_or_else(|| CliError::new(exit::USAGE, fl!("cli-unknown-rule", rule = which)))
}

pub(super) fn run(store: &mut Store, command: RuleCommand) -> Result<u8, CliError> {
    match command {
        RuleCommand::List => {
            let rules = store.rules()?;
            if rules.is_empty() {
                println!("{}", fl!("cli-no-rules"));
            }
            let folders = store.folders()?;
            for (i, r) in rules.iter().enumerate() {
                let mut line = format!(
                    "{}\t{}\t{}\t{}",
                    i + 1,
                    crate::text::safe_line(&r.rule.name),
                    if r.rule.enabled { "on" } else { "off" },
                    if r.rule.match_all { "all" } else { "any" },
                );
                if let Some(a) = r.rule.account.and_then(|a| store.account(a).ok()) {
                    line.push_str(&format!("\taccount {}", a.settings.name));
                }
                for c in &r.rule.conditions {
                    line.push_str(&format!("\tif {}", describe_condition(c)));
                }
                for a in &r.rule.actions {
                    line.push_str(&format!("\tthen {}", describe_action(store, &folders, a)));
                }
                println!("{line}");
            }
        }
        RuleCommand::Add {
            name,
            conditions,
            actions,
            any,
            disabled,
            account,
        } => {
            let rule = Rule {
                name: name.clone(),
                enabled: !disabled,
                account: match account {
                    Some(a) => Some(super::commands::account_named(store, &a)?.id),
                    None => None,
                },
                match_all: !any,
                conditions: conditions
                    .iter()
                    .map(|c| parse_condition(c))
                    .collect::<Result<_, _>>()?,
                actions: actions
                    .iter()
                    .map(|a| parse_action(store, a))
                    .collect::<Result<_, _>>()?,
            };
            crate::rules::validate(&rule).map_err(|e| {
                CliError::new(
                    exit::USAGE,
                    fl!("cli-rule-bad-pattern", detail = e.to_string()),
                )
            })?;
            store.add_rule(&rule).map_err(|e| match e {
                crate::store::Error::Invalid(_) => {
                    CliError::new(exit::USAGE, fl!("cli-rule-incomplete"))
                }
                other => other.into(),
            })?;
            println!("{}", fl!("cli-rule-added", rule = name));
        }
        RuleCommand::Remove { rule } => {
            let id = find_rule(store, &rule)?;
            store.remove_rule(id)?;
            println!("{}", fl!("cli-rule-removed", rule = rule));
        }
        RuleCommand::Enable { rule } => {
            store.set_rule_enabled(find_rule(store, &rule)?, true)?;
            println!("{}", fl!("cli-rule-enabled", rule = rule));
        }
        RuleCommand::Disable { rule } => {
            store.set_rule_enabled(find_rule(store, &rule)?, false)?;
            println!("{}", fl!("cli-rule-disabled", rule = rule));
        }
        RuleCommand::Run { rules, folder } => {
            let only = rules
                .iter()
                .map(|r| find_rule(store, r))
                .collect::<Result<Vec<_>, _>>()?;
            let folder = find_folder(store, &folder)?;
            let report = crate::rules::run_rules(
                store,
                &Selection::folder(folder),
                (!only.is_empty()).then_some(&only[..]),
                &mut |_, _| {},
            )
            .map_err(|e| match e {
                crate::rules::Error::Store(e) => CliError::from(e),
                other => CliError::new(exit::USAGE, other.to_string()),
            })?;
            println!(
                "{}",
                fl!(
                    "cli-rule-ran",
                    checked = report.checked,
                    moved = report.moved,
                    copied = report.copied,
                    trashed = report.trashed
                )
            );
        }
    }
    Ok(exit::OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions_read_as_the_rules_page_writes_them() -> Result<(), String> {
        let parse = |t: &str| parse_condition(t).map_err(|e| e.message);
        assert_eq!(
            parse("from contains Müller")?,
            Condition::Text {
                field: Field::From,
                test: Test::Contains,
                value: "Müller".into()
            }
        );
        assert_eq!(
            parse("header:X-Mailer begins-with Outlook Express")?,
            Condition::Text {
                field: Field::Header("X-Mailer".into()),
                test: Test::BeginsWith,
                value: "Outlook Express".into()
            }
        );
        assert_eq!(parse("size greater 5M")?, Condition::SizeGreater(5 << 20));
        assert_eq!(parse("SIZE less 20k")?, Condition::SizeLess(20 << 10));
        assert_eq!(parse("has-attachments")?, Condition::HasAttachments);
        for bad in [
            "from",
            "from resembles x",
            "size about 3",
            "size greater x",
            "header: is y",
        ] {
            assert!(parse_condition(bad).is_err(), "{bad}");
        }
        for c in [
            "subject not-contains [SPAM]",
            "to-or-cc ends-with .de",
            "body matches ^re(chnung)?",
            "size greater 1000",
        ] {
            assert_eq!(describe_condition(&parse(c)?), c);
        }
        Ok(())
    }
}
