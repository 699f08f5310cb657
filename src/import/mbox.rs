//! Reading mbox files, one message at a time (constant memory whatever the file's size).
//!
//! An mbox is messages one after another, each begun by a "From " line (the envelope sender and
//! the time it arrived, in `asctime` form). Writers protect body lines that begin with "From ":
//! mboxrd (mutt, Postfach's export) turns any `>*From ` line into one with another `>`; mboxo
//! (older tools) only turns "From " into ">From "; Thunderbird writes mboxo-like files but leaves
//! some body lines beginning with "From " as they are.
//!
//! So a message begins only at a "From " line that comes first in the file or after an empty
//! line, and that looks like a real separator: a sender and a date with a time and a year
//! ([`is_separator`]). Any other "From " line is text. Unescaping follows the file's kind
//! ([`Kind`]): files Thunderbird wrote (`X-Mozilla-Status` in the first message) are read as
//! mboxo, all others as mboxrd, which is what mail tools write today.
//!
//! The empty line before a separator belongs to the separator, not to the message; everything
//! else is kept byte for byte (line endings as in the file).

use std::io::{self, BufRead};

/// How body lines beginning with "From " were protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `>*From ` lines carry one `>` more than the original.
    Rd,
    /// Only "From " became ">From "; lines with more `>` are as written.
    O,
}

/// One message of an mbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub raw: Vec<u8>,
    /// The arrival time the "From " line gives (Unix seconds), when it can be read.
    pub arrived: Option<i64>,
    /// Bytes of the file read so far (for progress).
    pub offset: u64,
}

/// Why an mbox could not be read on.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("reading the mbox: {0}")]
    Io(#[from] io::Error),
    /// A message larger than the limit (the reader skips it and goes on).
    #[error("a message of more than {limit} bytes at byte {offset} was skipped")]
    TooLarge { offset: u64, limit: usize },
    #[error("this is not an mbox file (it does not begin with a \"From \" line)")]
    NotMbox,
}

/// The messages of an mbox, read from `input` one by one.
pub struct Reader<R> {
    input: R,
    kind: Option<Kind>,
    /// The separator line that begins the next message (read ahead).
    pending: Option<Vec<u8>>,
    offset: u64,
    limit: usize,
    done: bool,
}

impl<R: BufRead> Reader<R> {
    /// Reads `input`; a message longer than `limit` bytes is skipped with an error.
    pub fn new(mut input: R, limit: usize) -> Result<Self, Error> {
        let mut first = Vec::new();
        let n = input.read_until(b'\n', &mut first)?;
        if n == 0 || !is_separator(&first) {
            return Err(Error::NotMbox);
        }
        Ok(Reader {
            input,
            kind: None,
            pending: Some(first),
            offset: n as u64,
            limit,
            done: false,
        })
    }

    fn next_entry(&mut self) -> Result<Option<Entry>, Error> {
        let Some(separator) = self.pending.take() else {
            return Ok(None);
        };
        let arrived = arrival(&separator);
        let mut raw: Vec<u8> = Vec::new();
        let mut too_large = false;
        let mut line = Vec::new();
        // the message's last line, held back: an empty line before a separator is dropped
        let mut held: Option<Vec<u8>> = None;
        loop {
            line.clear();
            let n = self.input.read_until(b'\n', &mut line)?;
            if n == 0 {
                // the empty line that ends the last message is the file's, as before a separator
                if let Some(h) = held.take().filter(|h| !is_empty_line(h)) {
                    self.push(&mut raw, &h, &mut too_large);
                }
                self.done = true;
                break;
            }
            self.offset += n as u64;
            let after_empty = held.as_deref().is_some_and(is_empty_line);
            if after_empty && is_separator(&line) {
                self.pending = Some(std::mem::take(&mut line));
                break;
            }
            if let Some(h) = held.replace(line.clone()) {
                self.push(&mut raw, &h, &mut too_large);
            }
        }
        if too_large {
            return Err(Error::TooLarge {
                offset: self.offset,
                limit: self.limit,
            });
        }
        Ok(Some(Entry {
            raw,
            arrived,
            offset: self.offset,
        }))
    }

    fn push(&mut self, raw: &mut Vec<u8>, line: &[u8], too_large: &mut bool) {
        if *too_large || raw.len() + line.len() > self.limit {
            *too_large = true;
            raw.clear();
            return;
        }
        // the file's kind, decided when the first message's header ends (no header line
        // begins with ">From ")
        if self.kind.is_none() && is_empty_line(line) {
            self.kind = Some(if contains_header(raw, b"x-mozilla-status:") {
                Kind::O
            } else {
                Kind::Rd
            });
        }
        raw.extend_from_slice(unescape(line, self.kind.unwrap_or(Kind::Rd)));
    }
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = Result<Entry, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done && self.pending.is_none() {
            return None;
        }
        self.next_entry().transpose()
    }
}

/// The line without its protecting `>`, by the rules of `kind`.
fn unescape(line: &[u8], kind: Kind) -> &[u8] {
    let quoted = line.iter().take_while(|&&b| b == b'>').count();
    if quoted == 0 || !line[quoted..].starts_with(b"From ") {
        return line;
    }
    match kind {
        Kind::Rd => &line[1..],
        Kind::O if quoted == 1 => &line[1..],
        Kind::O => line,
    }
}

fn is_empty_line(line: &[u8]) -> bool {
    line == b"\n" || line == b"\r\n"
}

/// Whether `line` is a message separator: "From ", a sender, then a date with a time
/// (`hh:mm`) and a four-digit year.
pub fn is_separator(line: &[u8]) -> bool {
    let Some(rest) = line.strip_prefix(b"From ") else {
        return false;
    };
    let Ok(rest) = std::str::from_utf8(rest) else {
        return false;
    };
    let mut words = rest.split_whitespace();
    let Some(_sender) = words.next() else {
        return false;
    };
    let date: Vec<&str> = words.collect();
    let has_time = date.iter().any(|w| {
        let b = w.as_bytes();
        b.len() >= 5 && b[2] == b':' && b[..2].iter().all(u8::is_ascii_digit)
    });
    let has_year = date
        .iter()
        .any(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()));
    has_time && has_year && date.len() <= 8
}

/// The arrival time of an `asctime` separator ("Thu Dec  3 10:00:00 2026", taken as UTC).
fn arrival(separator: &[u8]) -> Option<i64> {
    let text = std::str::from_utf8(separator).ok()?;
    let words: Vec<&str> = text.split_whitespace().skip(2).collect();
    // weekday, month, day, time, year (some writers add a zone after the time)
    let month = words.get(1)?;
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = months.iter().position(|m| m.eq_ignore_ascii_case(month))? as u8 + 1;
    let day: u8 = words.get(2)?.parse().ok()?;
    let mut hms = words.get(3)?.split(':').map(str::parse::<u8>);
    let (h, m, s) = (
        hms.next()?.ok()?,
        hms.next()?.ok()?,
        hms.next().unwrap_or(Ok(0)).ok()?,
    );
    let year: i32 = words
        .iter()
        .rev()
        .find_map(|w| (w.len() == 4).then(|| w.parse().ok()).flatten())?;
    let date =
        time::Date::from_calendar_date(year, time::Month::try_from(month).ok()?, day).ok()?;
    let t = time::Time::from_hms(h, m, s).ok()?;
    Some(
        time::PrimitiveDateTime::new(date, t)
            .assume_utc()
            .unix_timestamp(),
    )
}

/// Whether the header section of `raw` has a field named `name` (lower-case, with the colon).
pub fn contains_header(raw: &[u8], name: &[u8]) -> bool {
    header(raw, name).is_some()
}

/// The value of the first header field `name` (lower-case, with the colon), trimmed.
pub fn header<'r>(raw: &'r [u8], name: &[u8]) -> Option<&'r [u8]> {
    for line in raw.split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() {
            return None;
        }
        if line.len() >= name.len() && line[..name.len()].eq_ignore_ascii_case(name) {
            return Some(line[name.len()..].trim_ascii());
        }
    }
    None
}

/// Thunderbird's status bits of a message (`X-Mozilla-Status`, hexadecimal): 1 read, 4 flagged,
/// 8 deleted (waiting to be compacted away).
pub fn mozilla_status(raw: &[u8]) -> u32 {
    header(raw, b"x-mozilla-status:")
        .and_then(|v| std::str::from_utf8(v).ok())
        .and_then(|v| u32::from_str_radix(v, 16).ok())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(file: &[u8]) -> Vec<Vec<u8>> {
        Reader::new(file, 1 << 20)
            .expect("an mbox")
            .map(|e| e.expect("read").raw)
            .collect()
    }

    #[test]
    fn separators_need_a_sender_a_time_and_a_year() {
        assert!(is_separator(
            b"From MAILER-DAEMON Thu Dec  3 10:00:00 2026\n"
        ));
        assert!(is_separator(b"From - Thu Dec 03 10:00:00 2026\r\n"));
        assert!(is_separator(
            b"From a@b.de Thu, 3 Dec 2026 10:00:00 +0100\n"
        ));
        assert!(!is_separator(b"From here on we walk.\n"));
        assert!(!is_separator(b"From 10:00 until late\n"));
        assert!(!is_separator(b"From: a@b.de\n"));
        assert!(!is_separator(b">From a@b.de Thu Dec  3 10:00:00 2026\n"));
    }

    #[test]
    fn messages_are_split_only_at_real_separators() {
        let file = b"From a@b.de Thu Dec  3 10:00:00 2026\n\
Subject: eins\n\nFrom here on, all is text.\n\n>From the start\n>>From quoted\n\n\
From c@d.de Fri Dec  4 11:00:00 2026\nSubject: zwei\n\nBody\n";
        let got = read(file);
        assert_eq!(got.len(), 2);
        assert_eq!(
            got[0],
            b"Subject: eins\n\nFrom here on, all is text.\n\nFrom the start\n>From quoted\n"
        );
        assert_eq!(got[1], b"Subject: zwei\n\nBody\n");
    }

    #[test]
    fn thunderbird_files_are_read_as_mboxo() {
        let file = b"From - Thu Dec 03 10:00:00 2026\r\nX-Mozilla-Status: 0001\r\n\
Subject: tb\r\n\r\n>From the start\r\n>>From quoted\r\n\r\n\
From - Thu Dec 03 10:00:01 2026\r\nX-Mozilla-Status: 0000\r\nSubject: 2\r\n\r\nx\r\n";
        let got = read(file);
        assert_eq!(
            got[0],
            b"X-Mozilla-Status: 0001\r\nSubject: tb\r\n\r\nFrom the start\r\n>>From quoted\r\n"
        );
        assert_eq!(got.len(), 2);
    }

    #[test]
    fn arrival_times_and_oversized_messages() {
        assert_eq!(
            arrival(b"From a@b.de Thu Dec  3 10:00:00 2026\n"),
            Some(1_796_292_000)
        );
        assert_eq!(arrival(b"From a@b.de yesterday\n"), None);
        let file = b"From a Thu Dec  3 10:00:00 2026\nSubject: big\n\n0123456789\n\n\
From b Thu Dec  3 10:00:00 2026\nSubject: s\n\nx\n";
        let entries: Vec<_> = Reader::new(&file[..], 20).expect("mbox").collect();
        assert!(matches!(entries[0], Err(Error::TooLarge { .. })));
        assert_eq!(
            entries[1].as_ref().expect("small").raw,
            b"Subject: s\n\nx\n"
        );
        assert!(matches!(
            Reader::new(&b"Subject: no mbox\n"[..], 10),
            Err(Error::NotMbox)
        ));
    }
}
