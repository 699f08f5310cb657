//! The words the settings screen shows next to the POP3 options: what will happen with the chosen
//! policy, what the server announced (RFC 2449 EXPIRE / LOGIN-DELAY), and where the two disagree.

use crate::fl;
use crate::store::ServerExpire;

/// The POP3 options as the settings screen holds them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    pub leave_on_server: bool,
    pub keep_days: Option<u32>,
    pub delete_when_deleted_here: bool,
}

/// One line that says in plain words what the next fetch will do.
pub fn what_happens(c: &Choice) -> String {
    if !c.leave_on_server {
        return fl!("explain-download-and-delete");
    }
    match (c.keep_days, c.delete_when_deleted_here) {
        (None, false) => fl!("explain-keep-forever"),
        (Some(days), false) => fl!("explain-keep-days", days = days),
        (None, true) => fl!("explain-keep-until-deleted"),
        (Some(days), true) => fl!("explain-keep-days-or-deleted", days = days),
    }
}

/// The server's own policy in words, when it announced one.
pub fn server_policy(expire: Option<ServerExpire>, login_delay_secs: Option<u32>) -> Vec<String> {
    let mut lines = Vec::new();
    match expire {
        Some(ServerExpire::Never) => lines.push(fl!("explain-server-expire-never")),
        Some(ServerExpire::Days(0)) => lines.push(fl!("explain-server-expire-now")),
        Some(ServerExpire::Days(days)) => {
            lines.push(fl!("explain-server-expire-days", days = days))
        }
        None => {}
    }
    if let Some(secs) = login_delay_secs.filter(|s| *s > 0) {
        let minutes = secs.div_ceil(60);
        lines.push(fl!("explain-server-login-delay", minutes = minutes));
    }
    lines
}

/// A warning when the server's policy contradicts the choice.
pub fn conflict(c: &Choice, expire: Option<ServerExpire>) -> Option<String> {
    match expire {
        Some(ServerExpire::Days(days)) if c.leave_on_server => match c.keep_days {
            Some(keep) if keep <= days => None,
            _ if days == 0 => Some(fl!("explain-conflict-expire-now")),
            _ => Some(fl!("explain-conflict-expire-days", days = days)),
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choice(leave: bool, days: Option<u32>, deleted_here: bool) -> Choice {
        Choice {
            leave_on_server: leave,
            keep_days: days,
            delete_when_deleted_here: deleted_here,
        }
    }

    #[test]
    fn the_explanation_follows_the_choice_in_german() {
        let _german = crate::i18n::hold(crate::i18n::Language::German);
        assert_eq!(
            what_happens(&choice(true, Some(14), false)),
            "Nachrichten werden heruntergeladen und 14 Tage nach dem ersten Abruf vom Server gelöscht."
        );
        assert!(
            what_happens(&choice(false, Some(14), true)).contains("sofort vom Server gelöscht")
        );
        assert!(what_happens(&choice(true, None, true)).contains("hier endgültig löschen"));
        assert_eq!(
            server_policy(Some(ServerExpire::Days(30)), Some(900)),
            vec![
                "Der Server löscht Nachrichten selbst nach 30 Tagen.".to_owned(),
                "Der Server erlaubt nur alle 15 Minuten eine Anmeldung.".to_owned()
            ]
        );
        assert!(conflict(&choice(true, None, false), Some(ServerExpire::Days(0))).is_some());
        assert!(conflict(&choice(true, Some(20), false), Some(ServerExpire::Days(30))).is_none());
        assert!(conflict(&choice(true, Some(40), false), Some(ServerExpire::Days(30))).is_some());
        assert!(conflict(&choice(false, None, false), Some(ServerExpire::Days(0))).is_none());
    }
}
