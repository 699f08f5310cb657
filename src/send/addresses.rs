//! Addresses as people type them into To, Cc and Bcc: several, separated by commas or
//! semicolons, each `Name <addr>`, `"Müller, Anna" <addr>` or a bare `addr`. Splitting keeps
//! each entry's text, so the compose window can mark exactly the ones that are not addresses;
//! the name and address inside an entry are read by mail-parser, as received mail is.
use crate::mime::Address;

/// One entry of an address field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// A usable address.
    Valid(Address),
    /// Text that is not an address, as typed (trimmed).
    Invalid(String),
}

/// Splits a field at commas and semicolons outside quotes and angle brackets; empty entries
/// are dropped.
pub fn split(field: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    for at in separators(field).into_iter().chain([field.len()]) {
        let entry = field[start..at].trim();
        if !entry.is_empty() {
            out.push(entry.to_owned());
        }
        start = (at + 1).min(field.len());
    }
    out
}

/// Where the last entry of a field starts (the one being typed): after the last separator.
pub fn last_entry_start(field: &str) -> usize {
    separators(field).last().map_or(0, |at| at + 1)
}

/// The byte positions of the commas and semicolons that separate entries: those outside
/// quotes (with backslash escapes) and angle brackets.
fn separators(field: &str) -> Vec<usize> {
    let (mut quoted, mut angle, mut escaped) = (false, false, false);
    let mut out = Vec::new();
    for (i, c) in field.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            '<' if !quoted => angle = true,
            '>' if !quoted => angle = false,
            ',' | ';' if !quoted && !angle => out.push(i),
            _ => {}
        }
    }
    out
}

/// Reads one entry; `None` when it holds no usable address.
pub fn parse(entry: &str) -> Option<Address> {
    let entry = entry.trim();
    if entry.is_empty() || entry.contains(['\r', '\n']) {
        return None;
    }
    let header = format!("To: {entry}\r\n\r\n");
    let message = mail_parser::MessageParser::new().parse_headers(header.as_bytes())?;
    let list = crate::mime::header_addresses(message.to());
    let [address] = list.as_slice() else {
        return None;
    };
    is_address(&address.email).then(|| address.clone())
}

/// Addresses as a field shows them: `Anna Müller <anna@example.org>, bernd@example.org`.
pub fn field_text(list: &[Address]) -> String {
    list.iter()
        .map(Address::for_field)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Every entry of a field, valid or not.
pub fn entries(field: &str) -> Vec<Entry> {
    split(field)
        .into_iter()
        .map(|e| match parse(&e) {
            Some(a) => Entry::Valid(a),
            None => Entry::Invalid(e),
        })
        .collect()
}

/// Whether `email` looks deliverable: one `@`, a local part, a domain with a dot (or an
/// address literal), no spaces, controls or brackets. Non-ASCII is allowed (SMTPUTF8).
pub fn is_address(email: &str) -> bool {
    let Some((local, domain)) = email.rsplit_once('@') else {
        return false;
    };
    let clean = |s: &str| {
        !s.is_empty()
            && !s.chars().any(|c| {
                c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | ',' | ';' | '"')
            })
    };
    let domain_ok = (domain.starts_with('[') && domain.ends_with(']'))
        || (domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && !domain.contains('@'));
    clean(local) && clean(domain) && domain_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid(field: &str) -> Vec<String> {
        entries(field)
            .into_iter()
            .map(|e| match e {
                Entry::Valid(a) => format!("{}|{}", a.name.unwrap_or_default(), a.email),
                Entry::Invalid(t) => format!("!{t}"),
            })
            .collect()
    }

    #[test]
    fn commas_and_semicolons_separate_outside_quotes() {
        assert_eq!(
            valid("anna@example.org; \"Müller, Jürgen\" <j@example.de>, Bernd <b@example.com>"),
            [
                "|anna@example.org",
                "Müller, Jürgen|j@example.de",
                "Bernd|b@example.com"
            ]
        );
        assert_eq!(valid(" , ;; "), Vec::<String>::new());
    }

    #[test]
    fn what_is_not_an_address_is_kept_as_typed() {
        assert_eq!(
            valid("anna, bernd@example, x@example.org, a b@example.org"),
            [
                "!anna",
                "!bernd@example",
                "|x@example.org",
                "!a b@example.org"
            ]
        );
        assert!(parse("a@example.org\r\nBcc: x@example.org").is_none());
    }

    #[test]
    fn encoded_names_and_umlaut_addresses_are_read() {
        assert_eq!(
            parse("=?utf-8?q?J=C3=BCrgen?= <j@example.de>"),
            Some(Address {
                name: Some("Jürgen".into()),
                email: "j@example.de".into()
            })
        );
        assert!(is_address("jürgen@müller.de"));
        assert!(is_address("postmaster@[127.0.0.1]"));
        assert!(!is_address("@example.org"));
        assert!(!is_address("a@.example.org"));
    }
}
