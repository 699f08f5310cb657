//! Login: USER/PASS and APOP (RFC 1939), SASL (RFC 5034) with PLAIN, LOGIN, CRAM-MD5,
//! XOAUTH2 and OAUTHBEARER (RFC 7628), and the automatic choice of the strongest mechanism.
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use md5::{Digest, Md5};
use tokio::io::{AsyncRead, AsyncWrite};

use super::capabilities::Capabilities;
use super::client::Client;
use super::error::{Error, SessionState};
use super::response::{ErrContext, Reply, err_to_error, parse_reply};
use super::types::{AuthMethod, Password};
use crate::sasl::{cram_md5_response, oauthbearer_response, plain_response, xoauth2_response};

/// RFC 5034: an AUTH command with its initial response must fit in 255 octets.
const MAX_AUTH_LINE: usize = 255;
/// More challenges than any of our mechanisms needs.
const MAX_SASL_ROUNDS: usize = 8;

/// A concrete way to log in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mechanism {
    UserPass,
    Apop,
    Plain,
    Login,
    CramMd5,
    XOAuth2,
    OAuthBearer,
}

impl Mechanism {
    fn sasl_name(self) -> Option<&'static str> {
        match self {
            Mechanism::UserPass | Mechanism::Apop => None,
            Mechanism::Plain => Some("PLAIN"),
            Mechanism::Login => Some("LOGIN"),
            Mechanism::CramMd5 => Some("CRAM-MD5"),
            Mechanism::XOAuth2 => Some("XOAUTH2"),
            Mechanism::OAuthBearer => Some("OAUTHBEARER"),
        }
    }
}

/// Picks the mechanism for `method`. `capa_supported`: whether CAPA answered `+OK`.
///
/// Automatic: the SASL mechanisms in `sasl::automatic_order` (PLAIN > CRAM-MD5 > LOGIN
/// when encrypted, CRAM-MD5 first on plain text), then USER/PASS. Never APOP and never the
/// token mechanisms. A server without CAPA (or without a SASL line) gets USER/PASS.
pub(crate) fn choose(
    method: AuthMethod,
    caps: &Capabilities,
    capa_supported: bool,
    greeting: &str,
    encrypted: bool,
) -> Result<Mechanism, Error> {
    let explicit = |m: Mechanism| {
        let name = m.sasl_name().unwrap_or_default();
        if capa_supported && !caps.sasl.is_empty() && !caps.has_sasl(name) {
            Err(Error::NoCommonMechanism)
        } else {
            Ok(m)
        }
    };
    match method {
        AuthMethod::Auto => {
            let candidates = [Mechanism::Plain, Mechanism::CramMd5, Mechanism::Login];
            for name in crate::sasl::automatic_order(encrypted) {
                let found = candidates.into_iter().find(|m| m.sasl_name() == Some(name));
                if let Some(m) = found.filter(|_| caps.has_sasl(name)) {
                    return Ok(m);
                }
            }
            if !capa_supported || caps.user || caps.sasl.is_empty() {
                Ok(Mechanism::UserPass)
            } else {
                Err(Error::NoCommonMechanism)
            }
        }
        AuthMethod::UserPass => Ok(Mechanism::UserPass),
        AuthMethod::Apop => match apop_timestamp(greeting) {
            Some(_) => Ok(Mechanism::Apop),
            None => Err(Error::NoCommonMechanism),
        },
        AuthMethod::Plain => explicit(Mechanism::Plain),
        AuthMethod::Login => explicit(Mechanism::Login),
        AuthMethod::CramMd5 => explicit(Mechanism::CramMd5),
        AuthMethod::XOAuth2 => explicit(Mechanism::XOAuth2),
        AuthMethod::OAuthBearer => explicit(Mechanism::OAuthBearer),
    }
}

/// The APOP timestamp from the greeting: `<…@…>` in msg-id form, ASCII only.
pub(crate) fn apop_timestamp(greeting: &str) -> Option<&str> {
    let start = greeting.find('<')?;
    let len = greeting[start..].find('>')? + 1;
    let ts = &greeting[start..start + len];
    let inner = &ts[1..ts.len() - 1];
    let valid = len <= 256
        && inner.bytes().all(|b| b.is_ascii_graphic() && b != b'<')
        && inner
            .split_once('@')
            .is_some_and(|(l, r)| !l.is_empty() && !r.is_empty());
    valid.then_some(ts)
}

/// The APOP digest: hex MD5 of timestamp + secret.
pub(crate) fn apop_digest(timestamp: &str, secret: &str) -> String {
    let mut md5 = Md5::new();
    md5.update(timestamp.as_bytes());
    md5.update(secret.as_bytes());
    hex::encode(md5.finalize())
}

impl<S: AsyncRead + AsyncWrite + Unpin + Send> Client<S> {
    /// Logs in with `method` (see `AuthMethod`). On success the session is in the
    /// transaction state and the capabilities have been asked for again (RFC 2449 allows
    /// them to change after login, e.g. EXPIRE per user).
    pub async fn login(
        &mut self,
        user: &str,
        secret: &Password,
        method: AuthMethod,
    ) -> Result<(), Error> {
        self.check("login", &[SessionState::Authorization])?;
        if self.capa_supported.is_none() {
            self.capa().await?;
        }
        let capa_supported = self.capa_supported == Some(true);
        let mech = choose(
            method,
            &self.caps,
            capa_supported,
            self.greeting(),
            self.encrypted,
        )?;
        tracing::debug!(?mech, "logging in");
        let pass = secret.expose();
        match mech {
            Mechanism::UserPass => {
                self.simple(
                    &format!("USER {user}"),
                    &format!("USER {user}"),
                    ErrContext::Auth,
                )
                .await?;
                self.simple(&format!("PASS {pass}"), "PASS ***", ErrContext::Auth)
                    .await?;
            }
            Mechanism::Apop => {
                let ts = apop_timestamp(self.greeting()).ok_or(Error::NoCommonMechanism)?;
                let digest = apop_digest(ts, pass);
                let line = format!("APOP {user} {digest}");
                self.simple(&line, &format!("APOP {user} ***"), ErrContext::Auth)
                    .await?;
            }
            Mechanism::Plain => {
                let initial = plain_response(user, pass);
                self.sasl(mech, Some(initial), |_, _| {
                    Err(Error::Protocol("unexpected PLAIN challenge".into()))
                })
                .await?;
            }
            Mechanism::Login => {
                self.sasl(mech, None, |round, _| match round {
                    0 => Ok(user.as_bytes().to_vec()),
                    1 => Ok(pass.as_bytes().to_vec()),
                    _ => Err(Error::Protocol("unexpected LOGIN challenge".into())),
                })
                .await?;
            }
            Mechanism::CramMd5 => {
                self.sasl(mech, None, |round, challenge| match round {
                    0 => Ok(cram_md5_response(user, pass, challenge)),
                    _ => Err(Error::Protocol("unexpected CRAM-MD5 challenge".into())),
                })
                .await?;
            }
            Mechanism::XOAuth2 => {
                // A challenge after the token carries the error as JSON: answer with an
                // empty line, the server then ends with -ERR.
                let initial = xoauth2_response(user, pass);
                self.sasl(mech, Some(initial), |_, _| Ok(Vec::new()))
                    .await?;
            }
            Mechanism::OAuthBearer => {
                let initial = oauthbearer_response(user, pass, self.server.as_ref());
                self.sasl(mech, Some(initial), |_, _| Ok(vec![0x01]))
                    .await?;
            }
        }
        self.state = SessionState::Transaction;
        if capa_supported {
            self.capa().await?;
        }
        Ok(())
    }

    /// Runs one SASL exchange. `step(round, challenge)` answers the server's challenges;
    /// an `Err` from it cancels the exchange with `*`.
    async fn sasl(
        &mut self,
        mech: Mechanism,
        initial: Option<Vec<u8>>,
        mut step: impl FnMut(usize, &[u8]) -> Result<Vec<u8>, Error>,
    ) -> Result<(), Error> {
        let name = mech.sasl_name().unwrap_or_default();
        let mut pending_initial = None;
        match initial {
            Some(bytes) => {
                let encoded = if bytes.is_empty() {
                    "=".to_owned()
                } else {
                    B64.encode(&bytes)
                };
                let line = format!("AUTH {name} {encoded}");
                // XOAUTH2 always in two steps: Microsoft's POP3 takes the token only after
                // its `+`; Google's takes it either way.
                if line.len() + 2 <= MAX_AUTH_LINE && mech != Mechanism::XOAuth2 {
                    self.command(&line, &format!("AUTH {name} ***")).await?;
                } else {
                    // Too long for the AUTH line: send it after the first (empty) challenge.
                    self.command(&format!("AUTH {name}"), &format!("AUTH {name}"))
                        .await?;
                    pending_initial = Some(B64.encode(&bytes));
                }
            }
            None => {
                self.command(&format!("AUTH {name}"), &format!("AUTH {name}"))
                    .await?;
            }
        }
        let mut round = 0;
        let mut server_error: Option<String> = None;
        loop {
            let line = self.status_line().await?;
            let reply = parse_reply(&line).map_err(|e| self.fail(e))?;
            let challenge = match reply {
                Reply::Ok(_) => return Ok(()),
                Reply::Err { code, text } => {
                    let text = match server_error {
                        Some(detail) => format!("{text} ({detail})"),
                        None => text,
                    };
                    return Err(err_to_error(code.as_deref(), &text, ErrContext::Auth));
                }
                Reply::Continue(c) => c,
            };
            if round >= MAX_SASL_ROUNDS {
                return Err(self.fail(Error::Protocol("endless SASL exchange".into())));
            }
            if let Some(encoded) = pending_initial.take() {
                self.send(&encoded, "***").await?;
                continue;
            }
            let decoded = match B64.decode(challenge.as_bytes()) {
                Ok(d) => d,
                Err(_) => {
                    self.send("*", "*").await?;
                    let _ = self.status_line().await?;
                    return Err(Error::Protocol("SASL challenge is not base64".into()));
                }
            };
            if server_error.is_none() && matches!(mech, Mechanism::XOAuth2 | Mechanism::OAuthBearer)
            {
                server_error = Some(String::from_utf8_lossy(&decoded).into_owned());
            }
            match step(round, &decoded) {
                Ok(answer) => self.send(&B64.encode(answer), "***").await?,
                Err(e) => {
                    self.send("*", "*").await?;
                    let _ = self.status_line().await?;
                    return Err(e);
                }
            }
            round += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apop_digest_matches_rfc1939() {
        let greeting = "POP3 server ready <1896.697170952@dbc.mtview.ca.us>";
        let ts = apop_timestamp(greeting);
        assert_eq!(ts, Some("<1896.697170952@dbc.mtview.ca.us>"));
        assert_eq!(
            apop_digest(ts.unwrap_or_default(), "tanstaaf"),
            "c4c9334bac560ecc979e58001b3e22fb"
        );
    }

    #[test]
    fn apop_timestamp_must_be_a_msg_id() {
        assert_eq!(apop_timestamp("Dovecot ready."), None);
        assert_eq!(apop_timestamp("ready <no-at-sign>"), None);
        assert_eq!(apop_timestamp("ready <a b@c>"), None);
        assert_eq!(apop_timestamp("ready <ä@c>"), None);
        assert_eq!(apop_timestamp("ready <@c>"), None);
        assert_eq!(apop_timestamp("ready <1.2@host> more"), Some("<1.2@host>"));
    }

    fn caps(lines: &[&str]) -> Capabilities {
        Capabilities::parse(lines.iter().copied())
    }

    #[test]
    fn automatic_choice_takes_the_strongest_common_mechanism() {
        let g = "ready";
        let all = caps(&["USER", "SASL PLAIN LOGIN CRAM-MD5 XOAUTH2 OAUTHBEARER"]);
        let auto =
            |c: &Capabilities, supported| choose(AuthMethod::Auto, c, supported, g, false).ok();
        assert_eq!(auto(&all, true), Some(Mechanism::CramMd5));
        let over_tls = choose(AuthMethod::Auto, &all, true, g, true).ok();
        assert_eq!(
            over_tls,
            Some(Mechanism::Plain),
            "TLS: PLAIN, one round trip"
        );
        let cram_only = caps(&["USER", "SASL CRAM-MD5"]);
        let over_tls = choose(AuthMethod::Auto, &cram_only, true, g, true).ok();
        assert_eq!(over_tls, Some(Mechanism::CramMd5));
        assert_eq!(
            auto(&caps(&["USER", "SASL LOGIN PLAIN"]), true),
            Some(Mechanism::Plain)
        );
        assert_eq!(
            auto(&caps(&["USER", "SASL LOGIN"]), true),
            Some(Mechanism::Login)
        );
        assert_eq!(
            auto(&caps(&["USER", "SASL XOAUTH2"]), true),
            Some(Mechanism::UserPass)
        );
        assert_eq!(auto(&caps(&["TOP"]), true), Some(Mechanism::UserPass));
        assert_eq!(
            auto(&Capabilities::default(), false),
            Some(Mechanism::UserPass)
        );
        // Only token mechanisms and no USER: nothing usable without a token.
        assert!(matches!(
            choose(AuthMethod::Auto, &caps(&["SASL XOAUTH2"]), true, g, false),
            Err(Error::NoCommonMechanism)
        ));
        // Auto never picks APOP, even when the greeting has a timestamp.
        let apop_greeting = "ready <1.2@host>";
        assert_eq!(
            choose(
                AuthMethod::Auto,
                &caps(&["USER"]),
                true,
                apop_greeting,
                false
            )
            .ok(),
            Some(Mechanism::UserPass)
        );
    }

    #[test]
    fn explicit_choice_is_checked_against_capa() {
        let c = caps(&["USER", "SASL PLAIN"]);
        assert_eq!(
            choose(AuthMethod::Plain, &c, true, "", false).ok(),
            Some(Mechanism::Plain)
        );
        assert!(matches!(
            choose(AuthMethod::CramMd5, &c, true, "", false),
            Err(Error::NoCommonMechanism)
        ));
        // Without CAPA we just try.
        assert_eq!(
            choose(
                AuthMethod::CramMd5,
                &Capabilities::default(),
                false,
                "",
                false
            )
            .ok(),
            Some(Mechanism::CramMd5)
        );
        assert!(matches!(
            choose(AuthMethod::Apop, &c, true, "no timestamp", false),
            Err(Error::NoCommonMechanism)
        ));
        assert_eq!(
            choose(AuthMethod::Apop, &c, true, "hi <1@x>", false).ok(),
            Some(Mechanism::Apop)
        );
    }
}
