//! What can go wrong when signing in or refreshing, in categories the user is told about in
//! words. No variant carries a token, a code or a server's raw answer.
use crate::fl;

/// A sign-in or refresh problem.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// Neither the build nor the account has a client ID for this provider.
    #[error("no client ID for {0}")]
    NoClientId(&'static str),
    /// The account names a provider this version does not know.
    #[error("unknown sign-in provider {0:?}")]
    UnknownProvider(String),
    /// The loopback listener could not be opened.
    #[error("cannot listen for the browser: {0}")]
    Listen(String),
    /// The browser did not come back in time.
    #[error("the sign-in was not finished in time")]
    TimedOut,
    /// The user cancelled.
    #[error("the sign-in was cancelled")]
    Cancelled,
    /// A redirect whose `state` is not ours: refused.
    #[error("the answer from the browser did not belong to this sign-in")]
    WrongState,
    /// The provider (or the user) refused the sign-in (`error=` on the redirect).
    #[error("the sign-in was refused: {0}")]
    Denied(String),
    /// The refresh token was refused (`invalid_grant`): access was revoked or expired; the
    /// user has to sign in again.
    #[error("{provider} no longer accepts the sign-in of {user}: sign in again")]
    SignInAgain {
        provider: &'static str,
        user: String,
    },
    /// No refresh token is saved for the account.
    #[error("{user} is not signed in with {provider}")]
    NotSignedIn {
        provider: &'static str,
        user: String,
    },
    /// The token endpoint refused otherwise: its error code and description.
    #[error("the sign-in server refused: {0}")]
    Refused(String),
    /// The token endpoint could not be reached.
    #[error("the sign-in server cannot be reached: {0}")]
    Network(String),
    /// The token endpoint's answer could not be read.
    #[error("the sign-in server's answer cannot be read")]
    Answer,
    /// The keyring.
    #[error(transparent)]
    Keyring(#[from] crate::secrets::Error),
}

impl Error {
    /// Whether only signing in again helps (never retried in a loop, never replaced by a
    /// password).
    pub fn needs_sign_in(&self) -> bool {
        matches!(self, Error::SignInAgain { .. } | Error::NotSignedIn { .. })
    }

    /// What it means, in the user's words.
    pub fn user_message(&self) -> String {
        match self {
            Error::NoClientId(provider) => {
                fl!("oauth-no-client-id", provider = provider.to_string())
            }
            Error::UnknownProvider(p) => fl!("oauth-unknown-provider", provider = p.as_str()),
            Error::Listen(detail) => fl!("oauth-listen", detail = detail.as_str()),
            Error::TimedOut => fl!("oauth-timed-out"),
            Error::Cancelled => fl!("oauth-cancelled"),
            Error::WrongState => fl!("oauth-wrong-state"),
            Error::Denied(reason) => fl!("oauth-denied", reason = reason.as_str()),
            Error::SignInAgain { provider, user } => {
                fl!(
                    "oauth-sign-in-again",
                    provider = provider.to_string(),
                    user = user.as_str()
                )
            }
            Error::NotSignedIn { provider, user } => {
                fl!(
                    "oauth-not-signed-in",
                    provider = provider.to_string(),
                    user = user.as_str()
                )
            }
            Error::Refused(detail) => fl!("oauth-refused", detail = detail.as_str()),
            Error::Network(detail) => fl!("oauth-network", detail = detail.as_str()),
            Error::Answer => fl!("oauth-answer"),
            Error::Keyring(e) => crate::sync::Error::Keyring(e.clone()).user_message(),
        }
    }
}
