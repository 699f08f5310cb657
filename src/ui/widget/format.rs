//! Dates and sizes as the user's language writes them.
//!
//! Dates are shown in the local time zone. The `time` crate can read the zone's offset only while
//! the process has a single thread, so [`init_time_zone`] samples the offsets (one per day, about
//! 30 years back and a year ahead) before the window starts; later lookups use that table, which
//! keeps summer and winter time right for old mail too. Without the table (tests, or when the
//! zone cannot be read) times are shown in UTC.

use std::sync::OnceLock;

use time::{OffsetDateTime, UtcOffset};

use crate::fl;

/// Offset changes: from this Unix time on, this offset (seconds east of UTC). Sorted.
static ZONE: OnceLock<Vec<(i64, i32)>> = OnceLock::new();

const DAY: i64 = 86_400;

/// Samples the local time zone. Call once, early, while the process has one thread.
pub fn init_time_zone() {
    let now = OffsetDateTime::now_utc().unix_timestamp();
    let first = now - 31 * 365 * DAY;
    let last = now + 366 * DAY;
    let mut table: Vec<(i64, i32)> = Vec::new();
    let mut t = first;
    while t <= last {
        let Ok(at) = OffsetDateTime::from_unix_timestamp(t) else {
            break;
        };
        let Ok(offset) = UtcOffset::local_offset_at(at) else {
            tracing::debug!("local time zone unavailable; dates are shown in UTC");
            return;
        };
        let secs = offset.whole_seconds();
        if table.last().is_none_or(|&(_, o)| o != secs) {
            table.push((if table.is_empty() { i64::MIN } else { t }, secs));
        }
        t += DAY;
    }
    let _ = ZONE.set(table);
}

/// The local offset at Unix time `ts` (UTC when unknown).
fn offset_at(ts: i64) -> UtcOffset {
    let Some(table) = ZONE.get() else {
        return UtcOffset::UTC;
    };
    let i = table.partition_point(|&(from, _)| from <= ts);
    let secs = i
        .checked_sub(1)
        .and_then(|i| table.get(i))
        .map_or(0, |&(_, s)| s);
    UtcOffset::from_whole_seconds(secs).unwrap_or(UtcOffset::UTC)
}

fn local(ts: i64) -> Option<OffsetDateTime> {
    OffsetDateTime::from_unix_timestamp(ts)
        .ok()
        .map(|t| t.to_offset(offset_at(ts)))
}

/// Whether the current language writes times with AM/PM.
fn twelve_hour() -> bool {
    fl!("ui-time-format") == "12"
}

fn month_name(month: time::Month) -> String {
    match month {
        time::Month::January => fl!("ui-month-1"),
        time::Month::February => fl!("ui-month-2"),
        time::Month::March => fl!("ui-month-3"),
        time::Month::April => fl!("ui-month-4"),
        time::Month::May => fl!("ui-month-5"),
        time::Month::June => fl!("ui-month-6"),
        time::Month::July => fl!("ui-month-7"),
        time::Month::August => fl!("ui-month-8"),
        time::Month::September => fl!("ui-month-9"),
        time::Month::October => fl!("ui-month-10"),
        time::Month::November => fl!("ui-month-11"),
        time::Month::December => fl!("ui-month-12"),
    }
}

fn clock(t: &OffsetDateTime) -> String {
    if twelve_hour() {
        let h = match t.hour() % 12 {
            0 => 12,
            h => h,
        };
        let suffix = if t.hour() < 12 { "AM" } else { "PM" };
        format!("{h}:{:02} {suffix}", t.minute())
    } else {
        format!("{:02}:{:02}", t.hour(), t.minute())
    }
}

fn day_month(t: &OffsetDateTime) -> String {
    fl!(
        "ui-date-short",
        day = t.day().to_string(),
        month = month_name(t.month())
    )
}

fn day_month_year(t: &OffsetDateTime) -> String {
    fl!(
        "ui-date-long",
        day = t.day().to_string(),
        month = month_name(t.month()),
        year = t.year().to_string()
    )
}

/// A date for the message list: the time for today, day and month for this year, else the full
/// date. `now` is the current Unix time.
pub fn list_date(ts: i64, now: i64) -> String {
    let (Some(t), Some(today)) = (local(ts), local(now)) else {
        return String::new();
    };
    if t.date() == today.date() {
        clock(&t)
    } else if t.year() == today.year() {
        day_month(&t)
    } else {
        day_month_year(&t)
    }
}

/// A date without the time ("26. Nov. 2026"), e.g. for a certificate's validity.
pub fn long_date(ts: i64) -> String {
    local(ts).map(|t| day_month_year(&t)).unwrap_or_default()
}

/// A date with time for the reader's header.
pub fn full_date(ts: i64) -> String {
    match local(ts) {
        Some(t) => fl!("ui-date-time", date = day_month_year(&t), time = clock(&t)),
        None => String::new(),
    }
}

/// The day and time a message was written, as the line above a quote says it: ("3. Dezember
/// 2026", "10:15") in German, ("3 December 2026", "10:15 AM") in English.
pub fn written_on(ts: i64) -> Option<(String, String)> {
    let t = local(ts)?;
    let date = fl!(
        "ui-date-written",
        day = t.day().to_string(),
        month = fl!("ui-month-long", month = i64::from(u8::from(t.month()))),
        year = t.year().to_string()
    );
    Some((date, clock(&t)))
}

/// A size in bytes as `512 B`, `3 KB`, `1.2 MB` (`1,2 MB` in German).
pub fn size(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    let (value, unit) = if bytes < 1024 {
        return format!("{bytes} B");
    } else if b < KB * KB {
        (b / KB, "KB")
    } else if b < KB * KB * KB {
        (b / (KB * KB), "MB")
    } else {
        (b / (KB * KB * KB), "GB")
    };
    let number = if value < 10.0 {
        format!("{value:.1}").replace('.', &fl!("ui-decimal-point"))
    } else {
        format!("{value:.0}")
    };
    format!("{number} {unit}")
}

/// A count with thousands grouped: `100.002` in German, `100,002` in English.
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    if digits.len() <= 4 {
        return digits;
    }
    let separator = fl!("ui-thousands-separator");
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(&separator);
        }
        out.push(c);
    }
    out
}

/// The current Unix time.
pub fn now() -> i64 {
    OffsetDateTime::now_utc().unix_timestamp()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_short() {
        assert_eq!(size(0), "0 B");
        assert_eq!(size(1023), "1023 B");
        assert!(size(1536).starts_with("1") && size(1536).ends_with(" KB"));
        assert_eq!(size(200 * 1024), "200 KB");
        assert!(size(5 * 1024 * 1024).ends_with(" MB"));
    }

    #[test]
    fn counts_are_grouped() {
        let sep = fl!("ui-thousands-separator");
        assert_eq!(count(0), "0");
        assert_eq!(count(9999), "9999");
        assert_eq!(count(10_000), format!("10{sep}000"));
        assert_eq!(count(1_234_567), format!("1{sep}234{sep}567"));
    }

    #[test]
    fn offsets_default_to_utc() {
        // Tests run many threads, so the zone table is normally empty here.
        if ZONE.get().is_none() {
            assert_eq!(offset_at(0), UtcOffset::UTC);
        }
    }
}
