//! Attachment file names made safe before they touch a file system.
//!
//! A name from a mail is attacker-controlled. [`safe_file_name`] turns any string into one plain file
//! name that is valid and harmless on Linux, macOS and Windows: no directories, no traversal, no
//! control or bidi-override characters (which can disguise `evil<U+202E>gpj.exe` as `evilexe.jpg`), no
//! Windows device names, no trailing dots or spaces, and a bounded length.

/// The longest name [`safe_file_name`] returns, in bytes (file systems allow 255).
pub const MAX_FILE_NAME_BYTES: usize = 200;

/// The name used when nothing usable is left.
const FALLBACK: &str = "attachment";

/// Longest extension (after the last dot, in bytes) kept when a long name is shortened.
const MAX_EXTENSION_BYTES: usize = 16;

/// Windows device names, reserved with any extension and in any case (`con.txt`, `Lpt1.log`).
const RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "COM0", "COM1", "COM2", "COM3", "COM4",
    "COM5", "COM6", "COM7", "COM8", "COM9", "COM¹", "COM²", "COM³", "LPT0", "LPT1", "LPT2", "LPT3",
    "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³",
];

/// Makes an attachment name safe to use as a file name in any directory.
///
/// - Only the last path component is kept (`../../etc/passwd` → `passwd`, `C:\x\Rechnung.pdf` →
///   `Rechnung.pdf`).
/// - Control characters, bidi controls (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F, U+061C) and
///   invisible zero-width characters are removed; characters Windows forbids (`<>:"|?*`) become `_`.
/// - Leading dots (hidden files, `..`) and trailing dots and spaces are removed; a name that was only
///   an extension (`.pdf`) becomes `attachment.pdf`.
/// - Windows device names (`CON`, `PRN`, `AUX`, `NUL`, `COM1`–`COM9`, `LPT1`–`LPT9`, with or without
///   extension, any case) get a leading `_`.
/// - At most [`MAX_FILE_NAME_BYTES`] bytes, cut on a character boundary, keeping a short extension.
/// - Never empty: `attachment` when nothing is left.
///
/// The function is idempotent: `safe_file_name(&safe_file_name(x)) == safe_file_name(x)`.
pub fn safe_file_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let mut cleaned = String::with_capacity(last.len().min(4 * MAX_FILE_NAME_BYTES));
    for c in last.chars() {
        if crate::text::is_hidden(c) {
            continue;
        }
        let c = match c {
            '<' | '>' | ':' | '"' | '|' | '?' | '*' => '_',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        // Collapse runs of spaces: they are invisible in file managers.
        if c == ' ' && cleaned.ends_with(' ') {
            continue;
        }
        cleaned.push(c);
        if cleaned.len() > 4 * MAX_FILE_NAME_BYTES {
            break;
        }
    }

    let trimmed = cleaned.trim_matches(|c: char| c == ' ' || c == '.');
    let mut name = if trimmed.is_empty() {
        FALLBACK.to_owned()
    } else if cleaned.trim_start_matches(' ').starts_with('.') {
        // ".pdf", "..bashrc": keep what follows the dots as an extension of the fallback name.
        format!("{FALLBACK}.{trimmed}")
    } else {
        trimmed.to_owned()
    };

    if is_reserved(&name) {
        name.insert(0, '_');
    }
    shorten(&name)
}

/// Whether the part before the first dot is a Windows device name (Windows also ignores trailing
/// spaces there: `CON .txt`).
fn is_reserved(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or_default().trim_end();
    RESERVED
        .iter()
        .any(|r| r.eq_ignore_ascii_case(stem) || *r == stem.to_uppercase())
}

/// Cuts `name` to [`MAX_FILE_NAME_BYTES`], keeping a short extension; never ends in a dot or space.
fn shorten(name: &str) -> String {
    if name.len() <= MAX_FILE_NAME_BYTES {
        return name.to_owned();
    }
    let (stem, ext) = match name.rfind('.') {
        Some(dot) if dot > 0 && name.len() - dot - 1 <= MAX_EXTENSION_BYTES => {
            (&name[..dot], &name[dot..])
        }
        _ => (name, ""),
    };
    let budget = MAX_FILE_NAME_BYTES - ext.len();
    let stem = super::text::truncate_at_char(stem, budget).trim_end_matches([' ', '.']);
    let stem = if stem.is_empty() { FALLBACK } else { stem };
    format!("{stem}{ext}")
}

#[cfg(test)]
#[path = "names_tests.rs"]
mod tests;
