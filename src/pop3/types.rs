//! Small value types shared by the protocol client and the layers above it
//! (account settings in the store, the CLI, the UI).
use std::fmt;
use std::str::FromStr;

/// How the connection to the server is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Security {
    /// Implicit TLS from the first byte (RFC 8314), usually port 995.
    #[default]
    Tls,
    /// Plain connection upgraded with STLS (RFC 2595), usually port 110. Required: no fallback.
    StartTls,
    /// No encryption at all. Only when the user explicitly chose it.
    Plain,
}

impl Security {
    pub const ALL: [Security; 3] = [Security::Tls, Security::StartTls, Security::Plain];

    pub fn as_str(self) -> &'static str {
        match self {
            Security::Tls => "tls",
            Security::StartTls => "starttls",
            Security::Plain => "plain",
        }
    }

    /// The conventional port for this security mode.
    pub fn default_port(self) -> u16 {
        match self {
            Security::Tls => 995,
            Security::StartTls | Security::Plain => 110,
        }
    }
}

impl fmt::Display for Security {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Security {
    type Err = UnknownValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Security::ALL
            .into_iter()
            .find(|v| v.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownValue(s.to_owned()))
    }
}

/// Which authentication the user chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum AuthMethod {
    /// The strongest mechanism both sides offer (never APOP, never OAuth without a token).
    #[default]
    Auto,
    /// SASL PLAIN (RFC 4616).
    Plain,
    /// SASL LOGIN.
    Login,
    /// USER / PASS (RFC 1939).
    UserPass,
    /// SASL CRAM-MD5 (RFC 2195).
    CramMd5,
    /// APOP (RFC 1939), only when chosen explicitly.
    Apop,
    /// SASL XOAUTH2 with a bearer token.
    XOAuth2,
    /// SASL OAUTHBEARER (RFC 7628) with a bearer token.
    OAuthBearer,
}

impl AuthMethod {
    pub const ALL: [AuthMethod; 8] = [
        AuthMethod::Auto,
        AuthMethod::Plain,
        AuthMethod::Login,
        AuthMethod::UserPass,
        AuthMethod::CramMd5,
        AuthMethod::Apop,
        AuthMethod::XOAuth2,
        AuthMethod::OAuthBearer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AuthMethod::Auto => "auto",
            AuthMethod::Plain => "plain",
            AuthMethod::Login => "login",
            AuthMethod::UserPass => "user",
            AuthMethod::CramMd5 => "cram-md5",
            AuthMethod::Apop => "apop",
            AuthMethod::XOAuth2 => "xoauth2",
            AuthMethod::OAuthBearer => "oauthbearer",
        }
    }

    /// Whether the secret is an OAuth bearer token rather than a password.
    pub fn uses_token(self) -> bool {
        matches!(self, AuthMethod::XOAuth2 | AuthMethod::OAuthBearer)
    }
}

impl fmt::Display for AuthMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for AuthMethod {
    type Err = UnknownValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        AuthMethod::ALL
            .into_iter()
            .find(|v| v.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownValue(s.to_owned()))
    }
}

/// A value that names no known variant.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown value {0:?}")]
pub struct UnknownValue(pub String);

/// A password or token. Never printed: `Debug` and `Display` show `***`.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    pub fn new(secret: impl Into<String>) -> Self {
        Password(secret.into())
    }

    /// The secret itself, for the one place that has to send it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

impl fmt::Display for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip_through_text() {
        for s in Security::ALL {
            assert_eq!(s.as_str().parse::<Security>(), Ok(s));
        }
        for a in AuthMethod::ALL {
            assert_eq!(a.as_str().parse::<AuthMethod>(), Ok(a));
        }
        assert!("ssl3".parse::<Security>().is_err());
    }

    #[test]
    fn password_never_prints() {
        let p = Password::new("hunter2");
        assert!(!format!("{p:?} {p}").contains("hunter2"));
        assert_eq!(p.expose(), "hunter2");
    }
}
