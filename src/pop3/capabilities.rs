//! RFC 2449 CAPA: what the server says it can do.

/// The server's retention policy (RFC 2449 `EXPIRE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExpirePolicy {
    /// `EXPIRE NEVER`: the server never deletes messages by itself.
    Never,
    /// `EXPIRE n`: the server may delete messages n days after they were first retrieved
    /// (0 = right after the session that retrieved them).
    Days(u32),
}

/// `EXPIRE` as announced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Expire {
    /// The policy.
    pub policy: ExpirePolicy,
    /// `USER`: announced before login; the value may differ per user (ask again after login).
    pub per_user: bool,
}

/// The capabilities from the last successful `CAPA`. Nothing learned before TLS is kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Capabilities {
    /// `TOP`.
    pub top: bool,
    /// `UIDL`.
    pub uidl: bool,
    /// `USER` (USER/PASS login).
    pub user: bool,
    /// `PIPELINING`.
    pub pipelining: bool,
    /// `STLS` (RFC 2595).
    pub stls: bool,
    /// The `SASL` mechanisms, upper case.
    pub sasl: Vec<String>,
    /// `RESP-CODES`.
    pub resp_codes: bool,
    /// `AUTH-RESP-CODE`.
    pub auth_resp_code: bool,
    /// `EXPIRE`.
    pub expire: Option<Expire>,
    /// `LOGIN-DELAY`, in seconds.
    pub login_delay: Option<u32>,
    /// `LOGIN-DELAY ... USER`: the delay may differ per user.
    pub login_delay_per_user: bool,
    /// `IMPLEMENTATION`.
    pub implementation: Option<String>,
    /// Every capability line as received.
    pub raw: Vec<String>,
}

impl Capabilities {
    /// Builds the capabilities from the lines of a `CAPA` response. Unknown or malformed
    /// lines are kept in `raw` and otherwise ignored.
    pub fn parse<I, L>(lines: I) -> Self
    where
        I: IntoIterator<Item = L>,
        L: AsRef<str>,
    {
        let mut caps = Capabilities::default();
        for line in lines {
            // Capability strings (IMPLEMENTATION, ...) may be shown or logged: made safe here.
            let line = crate::text::safe_line(line.as_ref().trim());
            let line = line.trim();
            caps.raw.push(line.to_owned());
            let mut words = line.split_ascii_whitespace();
            let Some(name) = words.next() else { continue };
            let args: Vec<&str> = words.collect();
            match name.to_ascii_uppercase().as_str() {
                "TOP" => caps.top = true,
                "UIDL" => caps.uidl = true,
                "USER" => caps.user = true,
                "PIPELINING" => caps.pipelining = true,
                "STLS" => caps.stls = true,
                "RESP-CODES" => caps.resp_codes = true,
                "AUTH-RESP-CODE" => caps.auth_resp_code = true,
                "SASL" => caps.sasl = args.iter().map(|m| m.to_ascii_uppercase()).collect(),
                "EXPIRE" => caps.expire = parse_expire(&args),
                "LOGIN-DELAY" => {
                    caps.login_delay = args.first().and_then(|s| s.parse().ok());
                    caps.login_delay_per_user = has_user_tag(&args);
                }
                "IMPLEMENTATION" => caps.implementation = Some(args.join(" ")),
                _ => {}
            }
        }
        caps
    }

    /// Whether the server offers SASL mechanism `mech` (case-insensitive).
    pub fn has_sasl(&self, mech: &str) -> bool {
        self.sasl.iter().any(|m| m.eq_ignore_ascii_case(mech))
    }
}

fn has_user_tag(args: &[&str]) -> bool {
    args.get(1).is_some_and(|s| s.eq_ignore_ascii_case("USER"))
}

fn parse_expire(args: &[&str]) -> Option<Expire> {
    let first = args.first()?;
    let policy = if first.eq_ignore_ascii_case("NEVER") {
        ExpirePolicy::Never
    } else {
        ExpirePolicy::Days(first.parse().ok()?)
    };
    Some(Expire {
        policy,
        per_user: has_user_tag(args),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dovecot_capa() {
        let caps = Capabilities::parse([
            "CAPA",
            "TOP",
            "UIDL",
            "RESP-CODES",
            "PIPELINING",
            "AUTH-RESP-CODE",
            "STLS",
            "USER",
            "SASL PLAIN LOGIN cram-md5",
        ]);
        assert!(caps.top && caps.uidl && caps.resp_codes && caps.pipelining);
        assert!(caps.auth_resp_code && caps.stls && caps.user);
        assert_eq!(caps.sasl, ["PLAIN", "LOGIN", "CRAM-MD5"]);
        assert!(caps.has_sasl("cram-md5"));
        assert_eq!(caps.raw.len(), 9);
        assert_eq!(caps.expire, None);
    }

    #[test]
    fn expire_and_login_delay() {
        let caps = Capabilities::parse([
            "EXPIRE 30 USER",
            "LOGIN-DELAY 900",
            "IMPLEMENTATION Shlemazle Plotz v302",
        ]);
        assert_eq!(
            caps.expire,
            Some(Expire {
                policy: ExpirePolicy::Days(30),
                per_user: true
            })
        );
        assert_eq!(caps.login_delay, Some(900));
        assert!(!caps.login_delay_per_user);
        assert_eq!(caps.implementation.as_deref(), Some("Shlemazle Plotz v302"));

        let caps = Capabilities::parse(["EXPIRE NEVER", "LOGIN-DELAY 60 USER"]);
        assert_eq!(caps.expire.map(|e| e.policy), Some(ExpirePolicy::Never));
        assert!(caps.login_delay_per_user);

        let caps = Capabilities::parse(["EXPIRE soon", "LOGIN-DELAY"]);
        assert_eq!(caps.expire, None);
        assert_eq!(caps.login_delay, None);
    }
}
