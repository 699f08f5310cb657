//! Reading other programs' POP3 state: which UIDLs they already downloaded, per server and user.
//! The formats (see docs/IMPORT-STATE.md for where they were checked):
//!
//! - Thunderbird `popstate.dat` (in the account's mail folder): `*host user` begins a block;
//!   then `flag uidl time` lines, flag `k` (kept on the server) or `d` (to be deleted there)
//!   for downloaded mail, `b` (too big: only partly downloaded) and `f` (to fetch) for mail that
//!   was not; `time` is when Thunderbird first saw it (Unix seconds).
//! - mpop's UIDLs file: lines beginning with a space, ` count host user`, begin a list of `count`
//!   UIDLs, one per line; `#` lines are comments.
//! - fetchmail's `.fetchids`: `user@host uidl` per line (the user may hold an `@` itself).
//! - getmail's `oldmail-host-port-user`: `uidl NUL time` per line.
//! - Claws Mail's `uidl/host-user`: `uidl TAB time [TAB partial]` per line (older versions
//!   separate with spaces); a partial download (third field not 0) does not count.

use std::io;
use std::path::Path;

/// The program whose state is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Program {
    Thunderbird,
    Mpop,
    Fetchmail,
    Getmail,
    Claws,
}

impl Program {
    /// Its name, as recorded with each imported UIDL.
    pub fn as_str(self) -> &'static str {
        match self {
            Program::Thunderbird => "thunderbird",
            Program::Mpop => "mpop",
            Program::Fetchmail => "fetchmail",
            Program::Getmail => "getmail",
            Program::Claws => "claws",
        }
    }
}

/// The UIDLs one program downloaded from one server for one user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct State {
    pub host: String,
    pub user: String,
    /// Each UIDL with when the program first saw it, where it says.
    pub uidls: Vec<(String, Option<i64>)>,
}

impl State {
    /// Whether this is the state of `user` on `host` (host names compare without case).
    pub fn matches(&self, host: &str, user: &str) -> bool {
        self.rebuilt() || (self.host.eq_ignore_ascii_case(host) && self.user == user)
    }

    /// Rebuilt from the mail in a Thunderbird account folder ([`from_mail`]): which server
    /// and user it belongs to is what the user chose that folder for.
    pub fn rebuilt(&self) -> bool {
        self.host.is_empty() && self.user.is_empty()
    }
}

/// Reads `path` as `program` writes it; one [`State`] per server and user in it. For
/// Thunderbird, `path` may be the account's mail folder: its `popstate.dat`, or, where that is
/// missing, the `X-UIDL` headers Thunderbird wrote into the mail it kept there ([`from_mail`]).
pub fn read(program: Program, path: &Path) -> io::Result<Vec<State>> {
    if program == Program::Thunderbird && path.is_dir() {
        let popstate = path.join("popstate.dat");
        return if popstate.is_file() {
            read(program, &popstate)
        } else {
            from_mail(path).map(|s| vec![s])
        };
    }
    let bytes = std::fs::read(path)?;
    let text = String::from_utf8_lossy(&bytes);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(match program {
        Program::Thunderbird => thunderbird(&text),
        Program::Mpop => mpop(&text),
        Program::Fetchmail => fetchmail(&text),
        Program::Getmail => getmail(&text, &name).into_iter().collect(),
        Program::Claws => claws(&text, &name).into_iter().collect(),
    })
}

/// What taking over a state file for an account did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TakenOver {
    /// `added` UIDLs recorded as known; `known` of the file's were known already; `linked` of
    /// the account's imported UIDLs were found in imported mail (`X-UIDL`), now stored here.
    Known {
        added: usize,
        known: usize,
        linked: usize,
    },
    /// The file holds nothing for the account's server and user; it holds these (`user@host`).
    NoMatch { found: Vec<String> },
}

/// Why a state file could not be taken over.
#[derive(Debug, thiserror::Error)]
pub enum TakeOverError {
    #[error("{0}")]
    Read(#[from] io::Error),
    #[error(transparent)]
    Store(#[from] crate::store::Error),
}

/// Reads `path` as `program` wrote it and records the part for `account`'s server and user as
/// "known, not stored here" (`Store::import_known`). The command line and the window both come
/// here.
pub fn take_over(
    store: &mut crate::store::Store,
    account: &crate::store::Account,
    program: Program,
    path: &Path,
    now: i64,
) -> Result<TakenOver, TakeOverError> {
    let (host, user) = (&account.settings.host, &account.settings.username);
    let state = match find(program, path, host, user)? {
        Ok(state) => state,
        Err(found) => return Ok(TakenOver::NoMatch { found }),
    };
    let added = store.import_known(account.id, &state.uidls, program.as_str(), now)?;
    let linked = store.link_imported()?;
    Ok(TakenOver::Known {
        added,
        known: state.uidls.len().saturating_sub(added),
        linked,
    })
}

/// The part of the state file at `path` for `user` on `host`; or, when it has none, whose
/// states it holds (`user@host`, as safe lines).
pub fn find(
    program: Program,
    path: &Path,
    host: &str,
    user: &str,
) -> io::Result<Result<State, Vec<String>>> {
    let states = read(program, path)?;
    Ok(match states.iter().position(|s| s.matches(host, user)) {
        Some(i) => Ok(states.into_iter().nth(i).unwrap_or_default()),
        None => Err(states
            .iter()
            .map(|s| crate::text::safe_line(&format!("{}@{}", s.user, s.host)))
            .collect()),
    })
}

/// Where `program` keeps its state by default for `user` on `host`: the first of its usual
/// places under `home` that exists. For Thunderbird, the mail folder of its account for that
/// server and user in a profile under `thunderbird_roots` (see `thunderbird::roots`), else the
/// first profile's folder.
pub fn usual_place(
    program: Program,
    home: &Path,
    thunderbird_roots: &[std::path::PathBuf],
    host: &str,
    user: &str,
) -> Option<std::path::PathBuf> {
    let candidates: Vec<std::path::PathBuf> = match program {
        Program::Thunderbird => {
            let profiles = super::thunderbird::profiles(thunderbird_roots);
            let account = profiles.iter().flat_map(|p| &p.folders).find(|f| {
                f.pop3
                    .as_ref()
                    .is_some_and(|(h, u)| h.eq_ignore_ascii_case(host) && u == user)
            });
            account
                .map(|f| f.path.clone())
                .into_iter()
                .chain(profiles.iter().map(|p| p.path.clone()))
                .collect()
        }
        // mpop's default `uidls_file` (a directory of `USER_at_HOST` files since 1.4, one
        // file before)
        Program::Mpop => vec![
            home.join(format!(".mpop_uidls/{user}_at_{host}")),
            home.join(".mpop_uidls"),
        ],
        Program::Fetchmail => vec![home.join(".fetchids")],
        // getmail6 looks in $XDG_CONFIG_HOME/getmail first, then ~/.getmail; in it,
        // `oldmail-HOST-PORT-USER`
        Program::Getmail => {
            let dirs = [home.join(".config/getmail"), home.join(".getmail")];
            let (prefix, suffix) = (format!("oldmail-{host}-"), format!("-{user}"));
            let files = dirs.iter().filter_map(|d| {
                std::fs::read_dir(d)
                    .ok()?
                    .filter_map(Result::ok)
                    .find_map(|e| {
                        let name = e.file_name().to_string_lossy().into_owned();
                        (name.starts_with(&prefix) && name.ends_with(&suffix)).then(|| e.path())
                    })
            });
            files.chain(dirs.iter().cloned()).collect()
        }
        Program::Claws => vec![
            home.join(format!(".claws-mail/uidl/{host}-{user}")),
            home.join(".claws-mail/uidl"),
        ],
    };
    candidates.into_iter().find(|p| p.exists())
}

/// What [`take_over`] did, in the user's words.
pub fn taken_over_words(
    result: &TakenOver,
    account: &crate::store::Account,
    program: Program,
) -> String {
    match result {
        TakenOver::Known {
            added,
            known,
            linked,
        } => crate::fl!(
            "cli-state-imported",
            count = (*added),
            account = account.settings.name.as_str(),
            program = program.as_str(),
            known = (*known),
            linked = (*linked)
        ),
        TakenOver::NoMatch { found } => crate::fl!(
            "cli-state-no-match",
            user = account.settings.username.as_str(),
            host = account.settings.host.as_str(),
            found = found.join(", ")
        ),
    }
}

/// The state Thunderbird's `popstate.dat` would hold, rebuilt from the mbox files of an account's
/// mail folder: each kept message's `X-UIDL`, first seen when its "From " line says Thunderbird
/// stored it. Messages marked deleted (`X-Mozilla-Status` 0x0008) do not count; `.msf` indexes
/// and subfolders are not read.
pub fn from_mail(dir: &Path) -> io::Result<State> {
    let mut state = State::default();
    let mut seen = std::collections::HashSet::new();
    let mut files: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_none_or(|e| e != "msf" && e != "dat"))
        .collect();
    files.sort();
    for path in files {
        let input = io::BufReader::new(std::fs::File::open(&path)?);
        let Ok(reader) = super::mbox::Reader::new(input, 64 << 20) else {
            continue;
        };
        for entry in reader.flatten() {
            let deleted = super::mbox::mozilla_status(&entry.raw) & 0x0008 != 0;
            let uidl = super::mbox::header(&entry.raw, b"x-uidl:").and_then(super::uidl_of);
            if let (false, Some(uidl)) = (deleted, uidl)
                && seen.insert(uidl.clone())
            {
                state.uidls.push((uidl, entry.arrived));
            }
        }
    }
    Ok(state)
}

fn block<'s>(out: &'s mut Vec<State>, host: &str, user: &str) -> &'s mut State {
    let at = match out.iter().position(|s| s.matches(host, user)) {
        Some(i) => i,
        None => {
            out.push(State {
                host: host.to_owned(),
                user: user.to_owned(),
                uidls: Vec::new(),
            });
            out.len() - 1
        }
    };
    &mut out[at]
}

fn thunderbird(text: &str) -> Vec<State> {
    let mut out = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix('*') {
            let mut words = rest.split_whitespace();
            current = match (words.next(), words.next()) {
                (Some(h), Some(u)) => Some((h.to_owned(), u.to_owned())),
                _ => None,
            };
            continue;
        }
        let Some((host, user)) = &current else {
            continue;
        };
        let mut words = line.split_whitespace();
        let (Some(flag), Some(uidl)) = (words.next(), words.next()) else {
            continue;
        };
        if matches!(flag, "k" | "d") {
            let time = words.next().and_then(|t| t.parse().ok());
            block(&mut out, host, user)
                .uidls
                .push((uidl.to_owned(), time));
        }
    }
    out
}

fn mpop(text: &str) -> Vec<State> {
    let mut out = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in text.lines() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        if line.starts_with(' ') {
            let mut words = line.split_whitespace();
            let _count = words.next();
            current = match (words.next(), words.next()) {
                (Some(h), Some(u)) => Some((h.to_owned(), u.to_owned())),
                _ => None,
            };
            continue;
        }
        if let Some((host, user)) = &current {
            block(&mut out, host, user)
                .uidls
                .push((line.trim().to_owned(), None));
        }
    }
    out
}

fn fetchmail(text: &str) -> Vec<State> {
    let mut out = Vec::new();
    for line in text.lines() {
        let mut words = line.split_whitespace();
        let (Some(account), Some(uidl)) = (words.next(), words.next()) else {
            continue;
        };
        let Some((user, host)) = account.rsplit_once('@') else {
            continue;
        };
        block(&mut out, host, user)
            .uidls
            .push((uidl.to_owned(), None));
    }
    out
}

fn getmail(text: &str, file: &str) -> Option<State> {
    // oldmail-HOST-PORT-USER: the port is the first all-digit part after the host
    let rest = file.strip_prefix("oldmail-")?;
    let parts: Vec<&str> = rest.split('-').collect();
    let port = (1..parts.len().saturating_sub(1))
        .find(|&i| !parts[i].is_empty() && parts[i].bytes().all(|b| b.is_ascii_digit()))?;
    let mut state = State {
        host: parts[..port].join("-"),
        user: parts[port + 1..].join("-"),
        uidls: Vec::new(),
    };
    for line in text.lines() {
        let (uidl, time) = line.split_once('\0').unwrap_or((line, ""));
        if !uidl.is_empty() {
            state
                .uidls
                .push((uidl.to_owned(), time.trim().parse().ok()));
        }
    }
    Some(state)
}

fn claws(text: &str, file: &str) -> Option<State> {
    let (host, user) = file.split_once('-')?;
    let mut state = State {
        host: host.to_owned(),
        user: user.to_owned(),
        uidls: Vec::new(),
    };
    for line in text.lines() {
        let mut words = line.split(['\t', ' ']).filter(|w| !w.is_empty());
        let Some(uidl) = words.next() else { continue };
        let time = words.next().and_then(|t| t.parse().ok());
        let partial = words.next().is_some_and(|p| p != "0");
        if !partial {
            state.uidls.push((uidl.to_owned(), time));
        }
    }
    Some(state)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uidls(s: &State) -> Vec<&str> {
        s.uidls.iter().map(|(u, _)| u.as_str()).collect()
    }

    #[test]
    fn each_programs_usual_place_is_found() -> io::Result<()> {
        let home = tempfile::tempdir()?;
        let h = home.path();
        let place = |p| usual_place(p, h, &[h.join(".thunderbird")], "pop.example.de", "anna");
        for p in [
            Program::Mpop,
            Program::Fetchmail,
            Program::Getmail,
            Program::Claws,
        ] {
            assert_eq!(place(p), None, "{p:?}");
        }
        std::fs::write(h.join(".fetchids"), "")?;
        std::fs::create_dir_all(h.join(".mpop_uidls"))?;
        std::fs::write(h.join(".mpop_uidls/anna_at_pop.example.de"), "")?;
        std::fs::create_dir_all(h.join(".getmail"))?;
        std::fs::write(h.join(".getmail/oldmail-pop.example.de-995-anna"), "")?;
        std::fs::write(h.join(".getmail/oldmail-pop.example.de-995-ben"), "")?;
        std::fs::create_dir_all(h.join(".claws-mail/uidl"))?;
        let profile = super::super::thunderbird::tests::fixture(h)?;
        assert_eq!(place(Program::Fetchmail), Some(h.join(".fetchids")));
        assert_eq!(
            place(Program::Mpop),
            Some(h.join(".mpop_uidls/anna_at_pop.example.de"))
        );
        assert_eq!(
            place(Program::Getmail),
            Some(h.join(".getmail/oldmail-pop.example.de-995-anna"))
        );
        assert_eq!(place(Program::Claws), Some(h.join(".claws-mail/uidl")));
        assert_eq!(
            place(Program::Thunderbird),
            Some(profile.join("Mail/pop.example.de"))
        );
        let other = usual_place(Program::Thunderbird, h, &[h.join(".thunderbird")], "x", "y");
        assert_eq!(other, Some(profile), "another server: the profile");
        Ok(())
    }

    #[test]
    fn thunderbird_keeps_only_what_it_downloaded() {
        let file = "# POP3 State File\n# This is a generated file!  Do not edit.\n\n\
*pop.example.de anna\nk UID1 1700000000\nd UID2 1700000100\nb UID3 1700000200\nf UID4 1700000300\n\
*pop.example.de ben\nk UIDB 1700000400\n";
        let got = thunderbird(file);
        assert_eq!(got.len(), 2);
        assert!(got[0].matches("POP.example.de", "anna"));
        assert_eq!(
            got[0].uidls,
            [
                ("UID1".to_owned(), Some(1_700_000_000)),
                ("UID2".to_owned(), Some(1_700_000_100))
            ]
        );
        assert_eq!(uidls(&got[1]), ["UIDB"]);
    }

    #[test]
    fn fetchmail_users_may_hold_an_at_sign() {
        let got =
            fetchmail("anna@example.de@pop.example.de abc\nanna@example.de@pop.example.de def\n");
        assert_eq!(got.len(), 1);
        assert!(got[0].matches("pop.example.de", "anna@example.de"));
        assert_eq!(uidls(&got[0]), ["abc", "def"]);
    }

    #[test]
    fn getmail_and_claws_take_server_and_user_from_the_file_name() {
        let g = getmail(
            "a1\x001700000000\nb2\x001700000001\n",
            "oldmail-pop-1.example.de-995-anna-b",
        )
        .expect("parsed");
        assert_eq!(
            (g.host.as_str(), g.user.as_str()),
            ("pop-1.example.de", "anna-b")
        );
        assert_eq!(g.uidls[1], ("b2".to_owned(), Some(1_700_000_001)));
        let c = claws(
            "u1\t1700000000\t0\nu2\t1700000001\t1\nu3 1700000002\n",
            "pop.example.de-anna",
        )
        .expect("parsed");
        assert_eq!(uidls(&c), ["u1", "u3"], "a partial download does not count");
    }
}
