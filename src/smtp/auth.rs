//! AUTH (RFC 4954) with PLAIN, LOGIN, CRAM-MD5, XOAUTH2 and OAUTHBEARER; the messages come
//! from `crate::sasl`, shared with POP3.
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use tokio::io::{AsyncRead, AsyncWrite};

use super::client::Client;
use super::error::Error;
use crate::pop3::{AuthMethod, Password};
use crate::sasl;

/// More challenges than any of the mechanisms needs.
const MAX_ROUNDS: usize = 8;

/// Who signs in, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    /// The user name.
    pub user: String,
    /// The password, or the bearer token for XOAUTH2/OAUTHBEARER.
    pub secret: Password,
    /// The mechanism; `Auto` takes the strongest one offered (never a token mechanism).
    pub method: AuthMethod,
}

/// The SASL mechanism for `method` among `offered` (upper-case names).
fn choose(method: AuthMethod, offered: &[&str], encrypted: bool) -> Result<&'static str, Error> {
    let wanted: &[&'static str] = match method {
        AuthMethod::Auto => &sasl::automatic_order(encrypted),
        AuthMethod::Plain => &["PLAIN"],
        AuthMethod::Login => &["LOGIN"],
        AuthMethod::CramMd5 => &["CRAM-MD5"],
        AuthMethod::XOAuth2 => &["XOAUTH2"],
        AuthMethod::OAuthBearer => &["OAUTHBEARER"],
        AuthMethod::UserPass | AuthMethod::Apop => &[],
    };
    wanted
        .iter()
        .find(|name| offered.contains(name))
        .copied()
        .ok_or(Error::NoCommonMechanism)
}

impl<S: AsyncRead + AsyncWrite + Unpin + Send> Client<S> {
    /// Signs in. Called only on a connection that is encrypted or that the account explicitly
    /// chose to be plain (`connect` makes sure of that).
    pub async fn authenticate(&mut self, credentials: &Credentials) -> Result<(), Error> {
        let name = choose(credentials.method, &self.caps.auth, self.encrypted)?;
        tracing::debug!(mechanism = name, "signing in");
        let user = credentials.user.as_str();
        let secret = credentials.secret.expose();
        let initial = match name {
            "PLAIN" => Some(sasl::plain_response(user, secret)),
            "XOAUTH2" => Some(sasl::xoauth2_response(user, secret)),
            "OAUTHBEARER" => Some(sasl::oauthbearer_response(
                user,
                secret,
                self.server.as_ref(),
            )),
            _ => None,
        };
        let line = match &initial {
            Some(bytes) => format!("AUTH {name} {}", B64.encode(bytes)),
            None => format!("AUTH {name}"),
        };
        let mut reply = self
            .call(&line, &format!("AUTH {name} ***"), "the AUTH reply")
            .await?;
        let mut round = 0;
        while reply.code == 334 {
            if round == MAX_ROUNDS {
                return Err(Error::Protocol("endless SASL exchange".into()));
            }
            let challenge = reply.lines.first().map(String::as_str).unwrap_or_default();
            let answer = match (name, round, B64.decode(challenge.trim())) {
                ("LOGIN", 0, Ok(_)) => B64.encode(user),
                ("LOGIN", 1, Ok(_)) => B64.encode(secret),
                ("CRAM-MD5", 0, Ok(c)) => B64.encode(sasl::cram_md5_response(user, secret, &c)),
                // After a token the server's challenge carries its error (JSON): an empty
                // answer (XOAUTH2) or ^A (OAUTHBEARER) makes it end with the failure.
                ("XOAUTH2", _, _) => String::new(),
                ("OAUTHBEARER", _, _) => B64.encode([0x01]),
                _ => "*".to_owned(),
            };
            let shown = if answer == "*" { "*" } else { "***" };
            self.send_line(&answer, shown).await?;
            reply = self.reply("the AUTH reply").await?;
            round += 1;
        }
        match reply.code {
            235 => Ok(()),
            _ => Err(Error::AuthRejected(reply)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mechanism_is_the_strongest_offered_or_the_chosen_one() {
        let all = ["PLAIN", "LOGIN", "CRAM-MD5", "XOAUTH2"];
        assert_eq!(choose(AuthMethod::Auto, &all, true).ok(), Some("PLAIN"));
        assert_eq!(choose(AuthMethod::Auto, &all, false).ok(), Some("CRAM-MD5"));
        assert_eq!(
            choose(AuthMethod::Auto, &["LOGIN"], true).ok(),
            Some("LOGIN")
        );
        assert!(choose(AuthMethod::Auto, &["XOAUTH2"], true).is_err());
        assert_eq!(
            choose(AuthMethod::XOAuth2, &all, true).ok(),
            Some("XOAUTH2")
        );
        assert!(choose(AuthMethod::OAuthBearer, &all, true).is_err());
        assert!(choose(AuthMethod::UserPass, &all, true).is_err());
    }
}
