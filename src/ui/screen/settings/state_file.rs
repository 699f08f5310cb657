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

/// The user's home and where Thunderbird keeps its profiles.
pub fn homes() -> (PathBuf, Vec<PathBuf>) {
    let home = directories::BaseDirs::new()
        .map(|d| d.home_dir().to_path_buf())
        .unwrap_or_default();
    (home, crate::import::thunderbird::default_roots())
}

/// The system's file dialog, opened at `start` (a folder, or a file in the folder to open).
pub async fn pick_file(start: PathBuf) -> Option<PathBuf> {
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
