//! The headless `postfach` commands over the same engine and store as the app: for scripts,
//! tests and benchmarks, in the spirit of mpop and fetchmail.

mod account;
mod account_args;
mod commands;
mod login;
pub mod mailto;
pub mod open;
mod organise;
mod rules;
mod send;
mod transfer;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

pub use account_args::{AccountCommand, AccountOptions, AuthArg, SecurityArg};

/// Exit codes, documented in the README.
pub mod exit {
    /// Everything worked.
    pub const OK: u8 = 0;
    /// A failure not covered below (e.g. some messages could not be downloaded).
    pub const FAILURE: u8 = 1;
    /// Wrong arguments, unknown account or message.
    pub const USAGE: u8 = 2;
    /// The server rejected the credentials, or none are known.
    pub const AUTH: u8 = 3;
    /// The server could not be reached, timed out or dropped the connection.
    pub const NETWORK: u8 = 4;
    /// The connection could not be secured (certificate, STARTTLS).
    pub const TLS: u8 = 5;
    /// Mailbox in use, login delay, temporary server failure, or another fetch running.
    pub const BUSY: u8 = 6;
    /// The local store, keyring or file system failed.
    pub const LOCAL: u8 = 7;
    /// The server broke the protocol or refused permanently.
    pub const SERVER: u8 = 8;
    /// The first fetch after an import waits until its dry run was seen (`fetch --accept-import`).
    pub const REVIEW: u8 = 9;
}

/// Postfach: a POP3 mail client. Without a command it opens the window.
#[derive(Debug, Parser)]
#[command(name = "postfach", version, about)]
pub struct Cli {
    /// Mail files (.eml paths or file:// URIs) to open in the window, or a mailto: link
    /// (RFC 6068) to start a new message with its recipients, subject and text.
    #[arg(value_name = "FILE|MAILTO")]
    pub files: Vec<String>,

    /// Where the mail store lives (default: the platform's data directory; env POSTFACH_DATA_DIR).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Pretend the current time is this Unix timestamp (for tests of retention).
    #[arg(long, global = true, hide = true, value_name = "UNIX")]
    pub now: Option<i64>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add, change, list or remove accounts.
    #[command(subcommand)]
    Account(AccountCommand),
    /// Fetch new mail for the named accounts (all when none is named).
    Fetch {
        /// Account names.
        names: Vec<String>,
        /// After importing another program's mail or POP3 state: show what this first fetch will
        /// do (download, leave, delete on the server) and go ahead. Without it, that fetch only
        /// shows it.
        #[arg(long)]
        accept_import: bool,
    },
    /// List messages.
    List(ListArgs),
    /// Show one message.
    Show {
        /// Message id (from `list`).
        id: i64,
        /// Print the exact stored bytes.
        #[arg(long)]
        raw: bool,
    },
    /// Move a message to the Trash (or delete it from the Trash for good).
    Delete {
        /// Message id (from `list`).
        id: i64,
        /// Delete permanently, not into the Trash.
        #[arg(long)]
        permanently: bool,
    },
    /// Save every attachment of a message into a folder (never overwriting).
    SaveAttachments {
        /// Message id (from `list`).
        id: i64,
        /// Target folder.
        dir: PathBuf,
    },
    /// Write a message: it goes into the account's Outbox, then to the outgoing server.
    Send(SendArgs),
    /// The messages waiting to be sent (list when no command is given).
    Outbox {
        #[command(subcommand)]
        command: Option<OutboxCommand>,
    },
    /// Import mail files: an mbox, a Maildir, a folder of .eml files, or a Thunderbird profile's
    /// mail folder. Each source becomes a local folder; messages already there are skipped.
    Import {
        /// The file or folder to import.
        path: PathBuf,
        /// Put the imported folders below this local folder.
        #[arg(long, value_name = "NAME")]
        folder: Option<String>,
    },
    /// Write messages out: a folder as mbox or .eml files, or the whole store as a Maildir.
    Export(ExportArgs),
    /// Take over which messages another program already downloaded from the account's server,
    /// so they are not downloaded again (and never deleted there by Postfach).
    ImportState {
        /// The account (its server and user name choose the part of the file that counts).
        #[arg(long)]
        account: String,
        /// The program that wrote the file.
        #[arg(long, value_enum, required_unless_present = "forget")]
        from: Option<crate::import::state::Program>,
        /// Thunderbird's popstate.dat, mpop's UIDLs file, fetchmail's .fetchids, getmail's
        /// oldmail-* file or Claws Mail's uidl/HOST-USER file.
        #[arg(required_unless_present = "forget")]
        path: Option<PathBuf>,
        /// Forget the imported state instead: the next fetch downloads those messages too.
        #[arg(long, conflicts_with_all = ["from", "path"])]
        forget: bool,
    },
    /// List, add, rename or remove folders. A FOLDER is [ACCOUNT:]PATH: inbox, drafts, sent,
    /// outbox, junk, trash, or local folder names joined by "/" (without ACCOUNT: under "Local
    /// folders").
    #[command(subcommand)]
    Folder(FolderCommand),
    /// Move (or copy) messages to a folder, in one step.
    Move {
        /// Message ids (from `list`).
        #[arg(required_unless_present = "all_of")]
        ids: Vec<i64>,
        /// The folder to move them to ([ACCOUNT:]PATH, see `folder`).
        #[arg(long, value_name = "FOLDER")]
        to: String,
        /// Every message of this folder instead of ids.
        #[arg(long, value_name = "FOLDER", conflicts_with = "ids")]
        all_of: Option<String>,
        /// Copy instead of moving.
        #[arg(long)]
        copy: bool,
    },
    /// Message rules, applied to new mail as it arrives (list when no command is given).
    Rule {
        #[command(subcommand)]
        command: Option<RuleCommand>,
    },
    /// Move messages to their account's Junk folder.
    Junk {
        /// Message ids (from `list`).
        #[arg(required = true)]
        ids: Vec<i64>,
    },
    /// Move messages out of Junk to the Inbox; their senders' mail is never junk again.
    NotJunk {
        /// Message ids (from `list`).
        #[arg(required = true)]
        ids: Vec<i64>,
    },
}

#[derive(Debug, Subcommand)]
pub enum FolderCommand {
    /// Every folder with its messages and unread messages (tab-separated).
    List,
    /// Create a local folder: `Projekte`, `Projekte/Alpha`, `work:Kunden`.
    Add {
        /// [ACCOUNT:]PATH of the new folder; its parent must exist.
        folder: String,
    },
    /// Rename a local folder.
    Rename {
        /// [ACCOUNT:]PATH of the folder.
        folder: String,
        /// Its new name.
        name: String,
    },
    /// Remove a local folder and its subfolders; their messages go to the Trash.
    Remove {
        /// [ACCOUNT:]PATH of the folder.
        folder: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum RuleCommand {
    /// The rules in the order they run.
    List,
    /// Add a rule after the others.
    Add {
        /// The rule's name.
        name: String,
        /// A condition: FIELD TEST VALUE with FIELD from, to, cc, to-or-cc, subject, body or
        /// header:NAME and TEST contains, not-contains, is, begins-with, ends-with or matches;
        /// or `size greater|less N[K|M]`, or `has-attachments`. Repeat for several.
        #[arg(long = "if", value_name = "CONDITION")]
        conditions: Vec<String>,
        /// An action: move-to FOLDER, copy-to FOLDER, mark-read, flag, trash or stop. Repeat
        /// for several; they run in this order.
        #[arg(long = "then", value_name = "ACTION", required = true)]
        actions: Vec<String>,
        /// Match when any condition holds (default: all of them).
        #[arg(long)]
        any: bool,
        /// Store the rule switched off.
        #[arg(long)]
        disabled: bool,
        /// Only for mail fetched by this account.
        #[arg(long)]
        account: Option<String>,
    },
    /// Remove a rule (by its name or its number in `rule list`).
    Remove { rule: String },
    /// Switch a rule on (by its name or number).
    Enable { rule: String },
    /// Switch a rule off; it stays in its place.
    Disable { rule: String },
    /// Run rules now over every message of a folder.
    Run {
        /// Only these rules (names or numbers; default: every enabled rule).
        rules: Vec<String>,
        /// The folder ([ACCOUNT:]PATH).
        #[arg(long, value_name = "FOLDER")]
        folder: String,
    },
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("to").required(true).args(["mbox", "eml", "maildir"])))]
pub struct ExportArgs {
    /// Only this account's folder.
    #[arg(long)]
    pub account: Option<String>,
    /// Folder: inbox, drafts, sent, outbox, trash, or the name of a local folder.
    #[arg(long, default_value = "inbox")]
    pub folder: String,
    /// Write one mbox file (mboxrd).
    #[arg(long, value_name = "FILE")]
    pub mbox: Option<PathBuf>,
    /// Write one .eml file per message into this folder.
    #[arg(long, value_name = "DIR")]
    pub eml: Option<PathBuf>,
    /// Write every folder of the store as a Maildir++ tree into this folder.
    #[arg(long, value_name = "DIR")]
    pub maildir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SendArgs {
    /// The account to send from (its outgoing server and identity).
    #[arg(long)]
    pub account: String,
    /// Recipients (repeat, or separate with commas).
    #[arg(long, value_name = "ADDR")]
    pub to: Vec<String>,
    /// Copy recipients.
    #[arg(long, value_name = "ADDR")]
    pub cc: Vec<String>,
    /// Blind copy recipients (kept only in the Sent copy).
    #[arg(long, value_name = "ADDR")]
    pub bcc: Vec<String>,
    /// The subject.
    #[arg(long, default_value = "")]
    pub subject: String,
    /// Attach a file (repeat for several).
    #[arg(long, value_name = "FILE")]
    pub attach: Vec<PathBuf>,
    /// Read the text from this UTF-8 file (default: standard input).
    #[arg(long, value_name = "FILE")]
    pub body_file: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, Subcommand)]
pub enum OutboxCommand {
    /// List the messages in the Outbox with their state and, for failures, why.
    List,
    /// Send now: one message (also a failed one, or one that may have been sent), or every
    /// message waiting for its next try.
    Retry {
        /// Message id (from `outbox list`).
        id: Option<i64>,
    },
    /// Move a message out of the Outbox into the Trash (it is not sent).
    Remove {
        /// Message id (from `outbox list`).
        id: i64,
    },
    /// Treat a message that may have been sent as sent: it moves to Sent.
    MarkSent {
        /// Message id (from `outbox list`).
        id: i64,
    },
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only this account.
    #[arg(long)]
    pub account: Option<String>,
    /// Folder: inbox, drafts, sent, outbox, junk, trash, or a local folder ([ACCOUNT:]PATH, see
    /// `folder`).
    #[arg(long, default_value = "inbox")]
    pub folder: String,
    /// Only unread messages.
    #[arg(long)]
    pub unread: bool,
    /// Full-text search.
    #[arg(long)]
    pub search: Option<String>,
    /// One JSON object per line.
    #[arg(long)]
    pub json: bool,
    /// At most this many messages.
    #[arg(long, default_value_t = 1000)]
    pub limit: u32,
}

/// Runs a parsed command line and returns the process exit code.
pub fn run(cli: Cli, command: Command) -> ExitCode {
    match commands::run(&cli, command) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            e.print("");
            ExitCode::from(e.code)
        }
    }
}

/// A failed command: a sentence for stderr, the technical text behind it (if any) for a second
/// line, and an exit code.
#[derive(Debug)]
pub struct CliError {
    pub message: String,
    pub details: Option<String>,
    pub code: u8,
}

impl CliError {
    fn new(code: u8, message: impl Into<String>) -> CliError {
        CliError {
            message: message.into(),
            details: None,
            code,
        }
    }

    /// Prints the sentence, then the details on a line of their own (`Details: …`), to stderr.
    /// `context` (e.g. `"work: "`) goes before the sentence.
    pub fn print(&self, context: &str) {
        eprintln!("postfach: {context}{}", self.message);
        if let Some(details) = &self.details {
            eprintln!(
                "postfach: {}",
                crate::fl!("cli-details", details = crate::text::safe_line(details))
            );
        }
    }
}

impl From<crate::secrets::Error> for CliError {
    fn from(e: crate::secrets::Error) -> CliError {
        CliError::from(crate::sync::Error::Keyring(e))
    }
}

impl From<crate::store::Error> for CliError {
    fn from(e: crate::store::Error) -> CliError {
        CliError::new(
            exit::LOCAL,
            crate::fl!("error-store", detail = e.to_string()),
        )
    }
}

impl From<crate::sync::Error> for CliError {
    fn from(e: crate::sync::Error) -> CliError {
        use crate::sync::ErrorKind;
        let code = match e.kind() {
            ErrorKind::Auth => exit::AUTH,
            ErrorKind::Network => exit::NETWORK,
            ErrorKind::Tls => exit::TLS,
            ErrorKind::Busy => exit::BUSY,
            ErrorKind::Local => exit::LOCAL,
            ErrorKind::Server => exit::SERVER,
            ErrorKind::Review => exit::REVIEW,
        };
        CliError {
            message: e.user_message(),
            details: e.details(),
            code,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn options(args: &[&str]) -> AccountOptions {
        let argv = ["postfach", "account", "set", "work"].iter().chain(args);
        match Cli::try_parse_from(argv).map(|c| c.command) {
            Ok(Some(Command::Account(AccountCommand::Set { options, .. }))) => *options,
            other => panic!("{args:?}: {other:?}"),
        }
    }

    #[test]
    fn the_retention_switches_have_no_twins() {
        let leave = |args: &[&str]| options(args).leave_on_server();
        assert_eq!(leave(&[]), None);
        assert_eq!(leave(&["--leave-on-server"]), Some(true));
        assert_eq!(leave(&["--leave-on-server", "false"]), Some(false));
        assert_eq!(leave(&["--no-leave-on-server"]), Some(false));
        assert_eq!(
            leave(&["--no-leave-on-server", "--leave-on-server"]),
            Some(true)
        );
        assert_eq!(
            leave(&["--leave-on-server", "--no-leave-on-server"]),
            Some(false)
        );
        let deleted = |args: &[&str]| options(args).delete_when_deleted_here();
        assert_eq!(deleted(&[]), None);
        assert_eq!(deleted(&["--delete-when-deleted-here"]), Some(true));
        assert_eq!(deleted(&["--no-delete-when-deleted-here"]), Some(false));
    }

    #[test]
    fn the_help_names_the_default_mode() {
        let mut command = Cli::command();
        let help = command
            .find_subcommand_mut("account")
            .and_then(|a| a.find_subcommand_mut("set"))
            .map(|s| s.render_long_help().to_string())
            .unwrap_or_default();
        assert!(help.contains("--no-leave-on-server"), "{help}");
        assert!(help.contains("--no-delete-when-deleted-here"), "{help}");
        assert!(
            help.contains("The default for a new account is download and delete"),
            "{help}"
        );
    }
}
