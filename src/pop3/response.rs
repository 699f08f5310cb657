//! Status lines: `+OK`, `-ERR` with RFC 2449 extended response codes, and SASL `+ ` continuations.
use super::error::Error;
use crate::text::{safe_line, safe_line_max};

/// One parsed status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Reply {
    /// `+OK` and the text after it.
    Ok(String),
    /// `-ERR`, its extended code (e.g. `IN-USE`, `SYS/TEMP`) and the text after it.
    Err { code: Option<String>, text: String },
    /// A SASL continuation `+ <base64>` (RFC 5034).
    Continue(String),
}

/// What a `-ERR` answered, which decides how a plain `-ERR` is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ErrContext {
    /// USER/PASS/APOP/AUTH: a plain `-ERR` means the credentials were rejected.
    Auth,
    /// Any other command: a plain `-ERR` is a server error.
    Command,
}

/// Parses a status line (without its line ending).
pub(crate) fn parse_reply(line: &str) -> Result<Reply, Error> {
    if let Some(rest) = strip_keyword(line, "+OK") {
        return Ok(Reply::Ok(rest.to_owned()));
    }
    if let Some(rest) = strip_keyword(line, "-ERR") {
        let (code, text) = split_code(rest);
        return Ok(Reply::Err {
            code,
            text: text.to_owned(),
        });
    }
    if line == "+" {
        return Ok(Reply::Continue(String::new()));
    }
    if let Some(rest) = line.strip_prefix("+ ") {
        return Ok(Reply::Continue(rest.trim().to_owned()));
    }
    Err(Error::Protocol(format!(
        "expected +OK or -ERR, got {:?}",
        safe_line_max(line, 80)
    )))
}

/// `keyword` at the start of `line` (case-insensitive), followed by the end or a space.
fn strip_keyword<'a>(line: &'a str, keyword: &str) -> Option<&'a str> {
    let head = line.get(..keyword.len())?;
    if !head.eq_ignore_ascii_case(keyword) {
        return None;
    }
    let rest = &line[keyword.len()..];
    if rest.is_empty() {
        Some(rest)
    } else {
        rest.strip_prefix(' ').map(str::trim_start)
    }
}

/// Splits `[CODE] text` into the code and the text.
fn split_code(text: &str) -> (Option<String>, &str) {
    if let Some(inner) = text.strip_prefix('[')
        && let Some(end) = inner.find(']')
    {
        let code = inner[..end].trim();
        if !code.is_empty() && code.bytes().all(|b| b.is_ascii_graphic()) {
            return (
                Some(code.to_ascii_uppercase()),
                inner[end + 1..].trim_start(),
            );
        }
    }
    (None, text)
}

/// Whether `code` is `name` or a sub-code of it (`SYS/TEMP/...`).
fn code_is(code: &str, name: &str) -> bool {
    code == name
        || (code.len() > name.len()
            && code.starts_with(name)
            && code.as_bytes()[name.len()] == b'/')
}

/// Turns a `-ERR` into the typed error. The server's text enters the program here, so it is made
/// safe to show here (one line, no control or invisible characters, bounded): no caller that
/// shows or logs an error can forget it.
pub(crate) fn err_to_error(code: Option<&str>, text: &str, context: ErrContext) -> Error {
    let text = safe_line(text);
    match code {
        Some(c) if code_is(c, "IN-USE") => Error::InUse(text),
        Some(c) if code_is(c, "LOGIN-DELAY") => Error::LoginDelay(text),
        Some(c) if code_is(c, "SYS/TEMP") => Error::SysTemp(text),
        Some(c) if code_is(c, "SYS/PERM") => Error::SysPerm(text),
        Some(c) if code_is(c, "AUTH") => Error::AuthRejected(text),
        _ => match context {
            ErrContext::Auth => Error::AuthRejected(text),
            ErrContext::Command => Error::ServerError(text),
        },
    }
}

/// Requires `+OK`: returns its text, or the typed error for `-ERR` (a continuation is a
/// protocol violation here).
pub(crate) fn expect_ok(line: &str, context: ErrContext) -> Result<String, Error> {
    match parse_reply(line)? {
        Reply::Ok(text) => Ok(text),
        Reply::Err { code, text } => Err(err_to_error(code.as_deref(), &text, context)),
        Reply::Continue(_) => Err(Error::Protocol("unexpected SASL continuation".into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ok_and_err() {
        assert_eq!(parse_reply("+OK").ok(), Some(Reply::Ok(String::new())));
        assert_eq!(
            parse_reply("+OK 2 messages").ok(),
            Some(Reply::Ok("2 messages".into()))
        );
        assert_eq!(
            parse_reply("-ERR no such message").ok(),
            Some(Reply::Err {
                code: None,
                text: "no such message".into()
            })
        );
        assert!(matches!(parse_reply("+OKAY"), Err(Error::Protocol(_))));
        assert!(matches!(parse_reply("* OK imap"), Err(Error::Protocol(_))));
        assert_eq!(parse_reply("+ ").ok(), Some(Reply::Continue(String::new())));
        assert_eq!(
            parse_reply("+ abc=").ok(),
            Some(Reply::Continue("abc=".into()))
        );
    }

    type Check = fn(&Error) -> bool;

    #[test]
    fn every_extended_code_is_typed() {
        let cases: [(&str, Check); 6] = [
            (
                "-ERR [IN-USE] locked",
                |e| matches!(e, Error::InUse(t) if t == "locked"),
            ),
            ("-ERR [LOGIN-DELAY] wait", |e| {
                matches!(e, Error::LoginDelay(_))
            }),
            ("-ERR [SYS/TEMP] later", |e| matches!(e, Error::SysTemp(_))),
            ("-ERR [SYS/PERM] never", |e| matches!(e, Error::SysPerm(_))),
            ("-ERR [AUTH] bad password", |e| {
                matches!(e, Error::AuthRejected(_))
            }),
            ("-ERR [sys/temp/disk] lower case sub-code", |e| {
                matches!(e, Error::SysTemp(_))
            }),
        ];
        for (line, check) in cases {
            let err = expect_ok(line, ErrContext::Command).err();
            assert!(err.as_ref().is_some_and(check), "{line}: {err:?}");
        }
    }

    #[test]
    fn plain_err_depends_on_context() {
        assert!(matches!(
            expect_ok("-ERR nope", ErrContext::Command),
            Err(Error::ServerError(t)) if t == "nope"
        ));
        assert!(matches!(
            expect_ok("-ERR nope", ErrContext::Auth),
            Err(Error::AuthRejected(_))
        ));
        // An unknown code is a plain -ERR; IN-USE beats the auth context.
        assert!(matches!(
            expect_ok("-ERR [XYZ] what", ErrContext::Command),
            Err(Error::ServerError(_))
        ));
        assert!(matches!(
            expect_ok("-ERR [IN-USE] locked", ErrContext::Auth),
            Err(Error::InUse(_))
        ));
        assert!(matches!(
            expect_ok("-ERR [IN-USEX] x", ErrContext::Command),
            Err(Error::ServerError(_))
        ));
    }
}
