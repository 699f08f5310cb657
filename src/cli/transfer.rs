//! `postfach import` and `postfach export`: another program's mail in, and mail out as mbox,
//! `.eml` files or a Maildir tree.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::atomic::AtomicBool;

use super::{CliError, ExportArgs, exit};
use crate::fl;
use crate::import::files::{Progress, import_path};
use crate::import::state::Program;
use crate::store::{MessageRow, Store};

/// Imports the mail files at `path` into local folders (below `folder`, if given).
pub(super) fn import(
    store: &mut Store,
    path: &Path,
    folder: Option<&str>,
    now: i64,
) -> Result<u8, CliError> {
    let terminal = std::io::stderr().is_terminal();
    let cancel = AtomicBool::new(false);
    let show = |p: &Progress| {
        if terminal {
            let percent = (p.done_bytes * 100)
                .checked_div(p.total_bytes)
                .unwrap_or(100);
            eprint!(
                "\r\x1b[K{}",
                fl!(
                    "cli-import-progress",
                    folder = crate::text::safe_line(&p.folder),
                    percent = percent,
                    count = p.imported
                )
            );
            let _ = std::io::stderr().flush();
        }
    };
    let report = import_path(store, path, folder, now, show, &cancel).map_err(|e| {
        CliError::new(
            exit::LOCAL,
            fl!("cli-import-failed", detail = e.to_string()),
        )
    })?;
    if terminal {
        eprint!("\r\x1b[K");
    }
    for name in &report.folders {
        println!(
            "{}",
            fl!("cli-import-folder", folder = crate::text::safe_line(name))
        );
    }
    println!("{}", report.words());
    Ok(if report.failed > 0 {
        exit::FAILURE
    } else {
        exit::OK
    })
}

/// Writes the messages of a folder as mbox or `.eml` files, or the whole store as a Maildir.
pub(super) fn export(store: &Store, args: &ExportArgs) -> Result<u8, CliError> {
    let local = |e: crate::export::Error| CliError::new(exit::LOCAL, e.to_string());
    let (n, path) = if let Some(dir) = &args.maildir {
        (crate::export::to_maildir(store, dir).map_err(local)?, dir)
    } else {
        let mut rows: Vec<MessageRow> = Vec::new();
        for scope in super::commands::scopes(store, args.account.as_deref(), &args.folder)? {
            rows.extend(crate::export::rows(store, scope).map_err(local)?);
        }
        match (&args.mbox, &args.eml) {
            (Some(file), _) => (
                crate::export::to_mbox(store, &rows, file).map_err(local)?,
                file,
            ),
            (None, Some(dir)) => (
                crate::export::to_eml(store, &rows, dir).map_err(local)?,
                dir,
            ),
            (None, None) => return Err(CliError::new(exit::USAGE, fl!("cli-export-where"))),
        }
    };
    let path = path.display().to_string();
    println!("{}", fl!("cli-export-done", count = n, path = path));
    Ok(exit::OK)
}

/// Records the UIDLs another program downloaded for `account` (or forgets them).
pub(super) fn import_state(
    store: &mut Store,
    account: &str,
    source: Option<(Program, std::path::PathBuf)>,
    forget: bool,
    now: i64,
) -> Result<u8, CliError> {
    let account = super::commands::account_named(store, account)?;
    let name = account.settings.name.clone();
    if forget {
        let n = store.forget_known(account.id, None)?;
        println!("{}", fl!("cli-state-forgotten", count = n, account = name));
        return Ok(exit::OK);
    }
    let Some((program, path)) = source else {
        return Err(CliError::new(exit::USAGE, fl!("cli-state-which")));
    };
    let done = crate::import::state::take_over(store, &account, program, &path, now).map_err(
        |e| match e {
            crate::import::state::TakeOverError::Store(e) => CliError::from(e),
            crate::import::state::TakeOverError::Read(e) => CliError::new(
                exit::USAGE,
                fl!(
                    "cli-file-unreadable",
                    path = path.display().to_string(),
                    detail = e.to_string()
                ),
            ),
        },
    )?;
    let words = crate::import::state::taken_over_words(&done, &account, program);
    if matches!(done, crate::import::state::TakenOver::NoMatch { .. }) {
        return Err(CliError::new(exit::USAGE, words));
    }
    println!("{words}");
    Ok(exit::OK)
}
