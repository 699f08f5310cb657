//! Choosing another program's POP3 state file, shared by the wizard ("I used another program
//! for this account before") and Settings → "Import and export": the programs, and a file
//! dialog that opens where the program keeps it.

use std::path::PathBuf;

use crate::import::state::Program;

/// The programs offered, in the drop-down's order.
pub const PROGRAMS: [Program; 5] = [
    Program::Thunderbird,
    Program::Mpop,
    Program::Fetchmail,
    Program::Getmail,
    Program::Claws,
];

/// The programs whose POP3 state can be taken over, for the drop-down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProgramChoice(pub Program);

impl std::fmt::Display for ProgramChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self.0 {
            Program::Thunderbird => "Thunderbird (popstate.dat)",
            Program::Mpop => "mpop",
            Program::Fetchmail => "fetchmail (.fetchids)",
            Program::Getmail => "getmail (oldmail-…)",
            Program::Claws => "Claws Mail (uidl/…)",
        })
    }
}

/// The drop-down of the programs.
pub fn program_pick<'a, M: Clone + 'a>(
    chosen: Option<Program>,
    on_pick: impl Fn(Program) -> M + 'a,
) -> iced::Element<'a, M> {
    let programs: Vec<ProgramChoice> = PROGRAMS.into_iter().map(ProgramChoice).collect();
    crate::ui::widget::form::pick_maybe(
        programs,
        chosen.map(ProgramChoice),
        crate::fl!("settings-state-program"),
        move |p| on_pick(p.0),
    )
}

/// Where `program` keeps its state for `user` on `host` on this computer
/// (`import::state::usual_place`; it reads Thunderbird's profiles: call it off the window's
/// thread, as [`usual_place`] and [`pick_file`] do).
fn look_up(program: Program, host: &str, user: &str) -> Option<PathBuf> {
    let home = directories::BaseDirs::new()
        .map(|d| d.home_dir().to_path_buf())
        .unwrap_or_default();
    let roots = crate::import::thunderbird::default_roots();
    crate::import::state::usual_place(program, &home, &roots, host, user)
}

/// [`look_up`] on a blocking thread.
pub async fn usual_place(program: Program, host: String, user: String) -> Option<PathBuf> {
    tokio::task::spawn_blocking(move || look_up(program, &host, &user))
        .await
        .ok()
        .flatten()
}

/// The system's file dialog for `program`'s state file, opened at `start` or else where the
/// program keeps it for `user` on `host` (else the home folder).
pub async fn pick_file(
    program: Program,
    start: Option<PathBuf>,
    host: String,
    user: String,
) -> Option<PathBuf> {
    let start = match start {
        Some(start) => start,
        None => usual_place(program, host, user).await.unwrap_or_else(|| {
            directories::BaseDirs::new()
                .map(|d| d.home_dir().to_path_buf())
                .unwrap_or_default()
        }),
    };
    let mut dialog = rfd::AsyncFileDialog::new();
    if start.is_dir() {
        dialog = dialog.set_directory(&start);
    } else if let (Some(dir), Some(name)) = (start.parent(), start.file_name()) {
        dialog = dialog
            .set_directory(dir)
            .set_file_name(name.to_string_lossy());
    }
    dialog.pick_file().await.map(|f| f.path().to_path_buf())
}
