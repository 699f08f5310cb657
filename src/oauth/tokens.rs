//! The tokens of signed-in accounts. The refresh token lives in the OS keyring (split into
//! parts where it is long, see `secrets::save_long_secret`), never in the store or a file;
//! access tokens live in memory and are refreshed 30 s before they expire. One refresh at a
//! time per identity: POP3 and SMTP of one account wait for each other and share the result
//! (Microsoft rotates refresh tokens, so two refreshes at once would lose one).
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex, PoisonError};
use std::time::{Duration, Instant};

use super::flow::{self, Grant};
use super::{Error, Provider};
use crate::pop3::Password;

/// Refresh this long before the access token expires.
pub const MARGIN: Duration = Duration::from_secs(30);
/// How long an access token without `expires_in` is used.
const ASSUMED_LIFETIME: Duration = Duration::from_secs(300);

/// Who is signed in where: the provider (with its client registration) and the mailbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub provider: Provider,
    pub user: String,
}

impl Identity {
    /// The keyring entry of the refresh token: the same for the account's POP3 and SMTP.
    pub fn entry(&self) -> String {
        format!("oauth://{}/{}", self.provider.id(), self.user)
    }
}

/// The identity an account signs in with, when it signs in with its provider (OAuth).
pub fn identity(s: &crate::store::AccountSettings) -> Result<Option<Identity>, Error> {
    let Some(o) = &s.oauth else {
        return Ok(None);
    };
    let own = o
        .client_id
        .as_deref()
        .map(|id| (id, o.client_secret.as_deref()));
    let provider = Provider::resolve(&o.provider, own)
        .ok_or_else(|| Error::UnknownProvider(o.provider.clone()))?;
    Ok(Some(Identity {
        provider,
        user: s.username.trim().to_owned(),
    }))
}

/// An access token in memory.
#[derive(Clone)]
struct Cached {
    access: Password,
    expires: Instant,
}

/// Whether an access token that expires at `expires` may still be used at `now`.
fn fresh(expires: Instant, now: Instant) -> bool {
    now + MARGIN < expires
}

type Slot = Arc<Mutex<Option<Cached>>>;

/// One slot per identity; its lock is held during a refresh.
static CACHE: LazyLock<Mutex<HashMap<String, Slot>>> = LazyLock::new(Default::default);

fn slot(identity: &Identity) -> Slot {
    let mut all = CACHE.lock().unwrap_or_else(PoisonError::into_inner);
    Arc::clone(all.entry(identity.entry()).or_default())
}

/// An access token for `identity`: the one in memory while it is fresh, else a new one from
/// the refresh token (the rotated refresh token is saved at once). Blocks; at most one
/// refresh per identity runs at a time, and whoever waited gets its result.
pub fn access_token(identity: &Identity) -> Result<Password, Error> {
    let slot = slot(identity);
    let mut cached = slot.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(c) = cached.as_ref().filter(|c| fresh(c.expires, Instant::now())) {
        return Ok(c.access.clone());
    }
    *cached = None;
    let entry = identity.entry();
    let not_signed_in = || Error::NotSignedIn {
        provider: identity.provider.name(),
        user: identity.user.clone(),
    };
    let refresh = crate::secrets::long_secret(&entry)?.ok_or_else(not_signed_in)?;
    let refresh = Password::new(String::from_utf8(refresh).map_err(|_| not_signed_in())?);
    tracing::debug!(
        provider = identity.provider.id(),
        "refreshing the access token"
    );
    let grant = flow::refresh(&identity.provider, &refresh, &identity.user)?;
    if let Some(new) = &grant.refresh {
        crate::secrets::save_long_secret(&entry, new.expose().as_bytes())?;
    }
    let access = grant.access.clone();
    *cached = Some(remember(&grant));
    Ok(access)
}

/// Keeps a new sign-in: its refresh token in the keyring, its access token in memory.
pub fn save_grant(identity: &Identity, grant: &Grant) -> Result<(), Error> {
    let refresh = grant.refresh.as_ref().ok_or_else(|| {
        Error::Refused(format!(
            "{} gave no refresh token",
            identity.provider.name()
        ))
    })?;
    crate::secrets::save_long_secret(&identity.entry(), refresh.expose().as_bytes())?;
    let slot = slot(identity);
    *slot.lock().unwrap_or_else(PoisonError::into_inner) = Some(remember(grant));
    Ok(())
}

/// Whether a refresh token is saved for `identity`.
pub fn has_grant(identity: &Identity) -> Result<bool, Error> {
    Ok(crate::secrets::has_long_secret(&identity.entry())?)
}

/// Forgets the sign-in: the refresh token (all its parts) and the access token.
pub fn sign_out(identity: &Identity) -> Result<(), Error> {
    let slot = slot(identity);
    *slot.lock().unwrap_or_else(PoisonError::into_inner) = None;
    crate::secrets::delete_long_secret(&identity.entry())?;
    Ok(())
}

fn remember(grant: &Grant) -> Cached {
    Cached {
        access: grant.access.clone(),
        expires: Instant::now() + grant.expires_in.unwrap_or(ASSUMED_LIFETIME),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_refreshed_within_the_margin() {
        let now = Instant::now();
        assert!(fresh(now + Duration::from_secs(31), now));
        assert!(!fresh(now + MARGIN, now));
        assert!(!fresh(now + Duration::from_secs(5), now));
    }
}
