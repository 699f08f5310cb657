//! Importing another program's mail files: an mbox, a Maildir (with its Maildir++ subfolders), a
//! folder of `.eml` files, or a tree of these as Thunderbird keeps it (`Name` mbox files beside
//! `Name.msf` indexes and `Name.sbd/` subfolders). Each source becomes a local folder named by
//! its path; the bytes are stored exactly as read; read and flag state come from the source
//! (`X-Mozilla-Status`, Maildir flags); messages Thunderbird marked deleted but did not compact
//! yet, and Maildir files marked trashed, are left out.
//!
//! Memory stays bounded by the largest message and one batch: mbox files are read message by
//! message, and stored in batches (`Store::import_many`, one transaction each). A message whose
//! bytes the folder holds already is skipped, so an import that was cancelled, killed or run
//! twice ends with each message once.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use super::{Error, MAX_FILE, is_eml, maildir, mbox, read_mail_file};
use crate::mime;
use crate::store::{FolderId, FolderKind, FolderParent, Incoming, Store};

/// Messages stored per transaction, at most.
const BATCH: usize = 256;
/// Bytes stored per transaction, at most (a batch ends early when it reaches this).
const BATCH_BYTES: usize = 16 * 1024 * 1024;

/// How far an import is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Progress {
    /// Bytes of the sources read, of `total_bytes`.
    pub done_bytes: u64,
    pub total_bytes: u64,
    /// Messages stored so far.
    pub imported: u64,
    /// The folder being filled.
    pub folder: String,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Messages stored.
    pub imported: u64,
    /// Messages the folder held already (same bytes).
    pub duplicates: u64,
    /// Messages the source marks deleted.
    pub deleted: u64,
    /// Messages that could not be read (too large, unreadable files).
    pub failed: u64,
    /// The local folders filled, by name, in order.
    pub folders: Vec<String>,
    /// The import was stopped before the end (what was stored stays).
    pub cancelled: bool,
    /// Messages now linked to an account's imported POP3 state by their `X-UIDL`.
    pub linked: u64,
}

impl Report {
    /// What the import did, in the user's words (the window's summary and the command line's).
    pub fn words(&self) -> String {
        let counts = crate::fl!(
            "cli-import-summary",
            imported = self.imported,
            duplicates = self.duplicates,
            deleted = self.deleted,
            failed = self.failed
        );
        if self.linked == 0 {
            return counts;
        }
        format!(
            "{counts} {}",
            crate::fl!("import-linked", count = self.linked)
        )
    }
}

/// Where a source's messages come from.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    Mbox(PathBuf),
    Maildir(PathBuf),
    Eml(Vec<PathBuf>),
}

/// A source and the folder path it goes to.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Source {
    folder: Vec<String>,
    kind: Kind,
}

/// Imports the mail files at `path` into local folders (below the folder `under`, if given),
/// telling `progress` as it goes; `cancel` stops it between messages.
pub fn import_path(
    store: &mut Store,
    path: &Path,
    under: Option<&str>,
    now: i64,
    mut progress: impl FnMut(&Progress),
    cancel: &AtomicBool,
) -> Result<Report, Error> {
    let top: Vec<String> = under
        .map(|u| {
            u.split('/')
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    let mut sources = Vec::new();
    find_sources(path, &top, &mut sources).map_err(|e| read_error(path, e))?;
    let total_bytes = sources.iter().map(source_size).sum();
    let mut run = Run {
        store,
        now,
        report: Report::default(),
        progress: Progress {
            total_bytes,
            ..Progress::default()
        },
        hashes: HashMap::new(),
        batch: Vec::new(),
        batch_bytes: 0,
    };
    for source in &sources {
        if cancel.load(Ordering::Relaxed) {
            run.report.cancelled = true;
            break;
        }
        let path = if source.folder.is_empty() {
            vec!["Import".to_owned()]
        } else {
            source.folder.clone()
        };
        let folder = local_folder(run.store, &path)?;
        let name = path.join("/");
        run.progress.folder = name.clone();
        run.report.folders.push(name);
        run.source(folder, &source.kind, &mut progress, cancel)?;
    }
    run.report.linked = run.store.link_imported()? as u64;
    tracing::info!(
        imported = run.report.imported,
        duplicates = run.report.duplicates,
        deleted = run.report.deleted,
        linked = run.report.linked,
        failed = run.report.failed,
        cancelled = run.report.cancelled,
        "import finished"
    );
    Ok(run.report)
}

/// Imports each of `sources` (a path, and the local folder to put its folders below, as
/// [`import_path`] does) on a store connection of its own, so a long import does not hold up the
/// window's; one report for all of them.
pub fn import_paths(
    data_dir: &Path,
    sources: &[(PathBuf, Option<String>)],
    now: i64,
    cancel: &AtomicBool,
    mut progress: impl FnMut(&Progress),
) -> Result<Report, Error> {
    let mut store = Store::open_in(data_dir)?;
    let mut total = Report::default();
    for (path, under) in sources {
        let r = import_path(
            &mut store,
            path,
            under.as_deref(),
            now,
            &mut progress,
            cancel,
        )?;
        total.imported += r.imported;
        total.duplicates += r.duplicates;
        total.deleted += r.deleted;
        total.failed += r.failed;
        total.linked += r.linked;
        total.folders.extend(r.folders);
        if r.cancelled {
            total.cancelled = true;
            break;
        }
    }
    Ok(total)
}

struct Run<'s> {
    store: &'s mut Store,
    now: i64,
    report: Report,
    progress: Progress,
    hashes: HashMap<FolderId, HashSet<String>>,
    batch: Vec<Incoming>,
    batch_bytes: usize,
}

impl Run<'_> {
    fn source(
        &mut self,
        folder: FolderId,
        kind: &Kind,
        progress: &mut impl FnMut(&Progress),
        cancel: &AtomicBool,
    ) -> Result<(), Error> {
        if !self.hashes.contains_key(&folder) {
            let known = self.store.folder_hashes(folder)?;
            self.hashes.insert(folder, known);
        }
        let start = self.progress.done_bytes;
        match kind {
            Kind::Mbox(path) => {
                let file = File::open(path).map_err(|e| read_error(path, e))?;
                let reader = match mbox::Reader::new(BufReader::new(file), MAX_FILE as usize) {
                    Ok(r) => r,
                    Err(mbox::Error::NotMbox) => return Ok(()),
                    Err(e) => return Err(read_error(path, std::io::Error::other(e.to_string()))),
                };
                for entry in reader {
                    if cancel.load(Ordering::Relaxed) {
                        self.report.cancelled = true;
                        break;
                    }
                    let entry = match entry {
                        Ok(e) => e,
                        Err(mbox::Error::TooLarge { .. }) => {
                            self.report.failed += 1;
                            continue;
                        }
                        Err(e) => {
                            return Err(read_error(path, std::io::Error::other(e.to_string())));
                        }
                    };
                    self.progress.done_bytes = start + entry.offset;
                    let status = mbox::mozilla_status(&entry.raw);
                    if status & 0x0008 != 0 {
                        self.report.deleted += 1;
                        continue;
                    }
                    let received = entry.arrived.unwrap_or(self.now);
                    self.add(
                        folder,
                        entry.raw,
                        status & 1 != 0,
                        status & 4 != 0,
                        received,
                        progress,
                    )?;
                }
            }
            Kind::Maildir(dir) => {
                for file in maildir::messages(dir).map_err(|e| read_error(dir, e))? {
                    if cancel.load(Ordering::Relaxed) {
                        self.report.cancelled = true;
                        break;
                    }
                    let size = std::fs::metadata(&file.path).map_or(0, |m| m.len());
                    self.progress.done_bytes += size;
                    if file.trashed {
                        self.report.deleted += 1;
                        continue;
                    }
                    match read_mail_file(&file.path) {
                        Ok(raw) => {
                            let received = modified(&file.path).unwrap_or(self.now);
                            self.add(folder, raw, file.seen, file.flagged, received, progress)?;
                        }
                        Err(e) => {
                            tracing::warn!(error = %e, "a Maildir file was not imported");
                            self.report.failed += 1;
                        }
                    }
                }
            }
            Kind::Eml(files) => {
                for path in files {
                    if cancel.load(Ordering::Relaxed) {
                        self.report.cancelled = true;
                        break;
                    }
                    self.progress.done_bytes += std::fs::metadata(path).map_or(0, |m| m.len());
                    match read_mail_file(path) {
                        Ok(raw) => {
                            let received = modified(path).unwrap_or(self.now);
                            self.add(folder, raw, false, false, received, progress)?;
                        }
                        Err(e) => {
                            tracing::warn!(error = %e, "a mail file was not imported");
                            self.report.failed += 1;
                        }
                    }
                }
            }
        }
        self.flush(folder)?;
        progress(&self.progress);
        Ok(())
    }

    fn add(
        &mut self,
        folder: FolderId,
        raw: Vec<u8>,
        seen: bool,
        flagged: bool,
        received_at: i64,
        progress: &mut impl FnMut(&Progress),
    ) -> Result<(), Error> {
        let sha = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&raw));
        let known = self.hashes.entry(folder).or_default();
        if !known.insert(sha) {
            self.report.duplicates += 1;
            return Ok(());
        }
        self.batch_bytes += raw.len();
        self.batch.push(Incoming {
            uidl: super::mbox::header(&raw, b"x-uidl:").and_then(super::uidl_of),
            summary: mime::summarize(&raw),
            raw,
            seen,
            flagged,
            received_at,
        });
        if self.batch.len() >= BATCH || self.batch_bytes >= BATCH_BYTES {
            self.flush(folder)?;
            progress(&self.progress);
        }
        Ok(())
    }

    fn flush(&mut self, folder: FolderId) -> Result<(), Error> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let stored = self.store.import_many(folder, &self.batch)?;
        self.report.imported += stored.len() as u64;
        self.progress.imported = self.report.imported;
        self.batch.clear();
        self.batch_bytes = 0;
        Ok(())
    }
}

/// The local folder at `path` (names from the top of "Local folders" down), made where
/// missing.
fn local_folder(store: &mut Store, path: &[String]) -> Result<FolderId, Error> {
    let mut parent: Option<FolderId> = None;
    for name in path {
        let existing = store.folders()?.into_iter().find(|f| {
            f.kind == FolderKind::Local
                && f.account.is_none()
                && f.parent == parent
                && f.name.eq_ignore_ascii_case(name)
        });
        let id = match existing {
            Some(f) => f.id,
            None => {
                let at = match parent {
                    Some(p) => FolderParent::In(p),
                    None => FolderParent::Top(None),
                };
                store.create_folder(at, name)?
            }
        };
        parent = Some(id);
    }
    parent.ok_or_else(|| Error::Store(crate::store::Error::NotFound))
}

/// The sources at `path`, each with the folder path it goes to (`folder` plus its own name).
fn find_sources(path: &Path, folder: &[String], out: &mut Vec<Source>) -> std::io::Result<()> {
    let named = |p: &Path| {
        let mut f = folder.to_vec();
        let name = p.file_stem().map(|n| n.to_string_lossy().into_owned());
        f.push(name.unwrap_or_else(|| "Import".to_owned()));
        f
    };
    let meta = std::fs::metadata(path)?;
    if meta.is_file() {
        if is_eml(path) {
            out.push(Source {
                folder: folder.to_vec(),
                kind: Kind::Eml(vec![path.to_path_buf()]),
            });
        } else {
            out.push(Source {
                folder: named(path),
                kind: Kind::Mbox(path.to_path_buf()),
            });
        }
        return Ok(());
    }
    if maildir::is_maildir(path) {
        let own = named(path);
        out.push(Source {
            folder: own.clone(),
            kind: Kind::Maildir(path.to_path_buf()),
        });
        for (names, sub) in maildir::subfolders(path)? {
            let mut f = own.clone();
            f.extend(names);
            out.push(Source {
                folder: f,
                kind: Kind::Maildir(sub),
            });
        }
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    let mut emls = Vec::new();
    for entry in entries {
        let name = entry
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        if entry.is_dir() {
            // Thunderbird: the subfolders of "Name" are in "Name.sbd"
            let child = match name.strip_suffix(".sbd") {
                Some(parent) => [folder, &[parent.to_owned()]].concat(),
                None => [folder, std::slice::from_ref(&name)].concat(),
            };
            if maildir::is_maildir(&entry) {
                find_sources(&entry, folder, out)?;
            } else {
                find_sources(&entry, &child, out)?;
            }
        } else if is_eml(&entry) {
            emls.push(entry);
        } else if looks_like_mbox(&entry) {
            let mut f = folder.to_vec();
            f.push(name);
            out.push(Source {
                folder: f,
                kind: Kind::Mbox(entry),
            });
        }
    }
    if !emls.is_empty() {
        out.push(Source {
            folder: named(path),
            kind: Kind::Eml(emls),
        });
    }
    Ok(())
}

/// A file without an index's or a known other extension whose first line is an mbox separator.
fn looks_like_mbox(path: &Path) -> bool {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    if matches!(
        ext.as_deref(),
        Some("msf" | "dat" | "json" | "sqlite" | "html" | "txt")
    ) {
        return false;
    }
    let Ok(file) = File::open(path) else {
        return false;
    };
    let mut first = Vec::new();
    let mut reader = std::io::Read::take(file, 1024);
    let _ = std::io::Read::read_to_end(&mut reader, &mut first);
    let line = first.split(|&b| b == b'\n').next().unwrap_or_default();
    mbox::is_separator(line)
}

fn source_size(s: &Source) -> u64 {
    let size = |p: &Path| std::fs::metadata(p).map_or(0, |m| m.len());
    match &s.kind {
        Kind::Mbox(p) => size(p),
        Kind::Maildir(dir) => maildir::messages(dir)
            .map(|files| files.iter().map(|f| size(&f.path)).sum())
            .unwrap_or(0),
        Kind::Eml(files) => files.iter().map(|p| size(p)).sum(),
    }
}

fn modified(path: &Path) -> Option<i64> {
    let t = std::fs::metadata(path).ok()?.modified().ok()?;
    let secs = t.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    i64::try_from(secs).ok()
}

fn read_error(path: &Path, e: std::io::Error) -> Error {
    Error::Read {
        path: path.to_path_buf(),
        source: std::sync::Arc::new(e),
    }
}
