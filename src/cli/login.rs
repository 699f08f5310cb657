//! `postfach account login NAME` and `account logout NAME`: signing in with Google or
//! Microsoft (OAuth) from the command line. Prints the address to open (and opens the
//! browser unless told not to), waits for the redirect, keeps the refresh token in the
//! keyring and switches the account (both servers) to the sign-in.
use std::sync::atomic::AtomicBool;

use super::{CliError, exit};
use crate::fl;
use crate::oauth::{self, Identity, Provider, SignIn, provider};
use crate::store::{AccountSettings, Store};

/// How `account login` signs in.
#[derive(Debug, Default, Clone)]
pub struct LoginOptions {
    pub provider: Option<String>,
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
    pub device_code: bool,
    pub no_browser: bool,
}

pub(super) fn login(store: &mut Store, name: &str, options: LoginOptions) -> Result<u8, CliError> {
    let account = super::commands::account_named(store, name)?;
    let mut settings = account.settings.clone();
    let Some(provider) = provider_for(&settings, &options)? else {
        return Err(CliError::new(
            exit::USAGE,
            fl!("cli-oauth-not-oauth", account = name),
        ));
    };
    let (identity, grant) = sign_in(&settings, provider, &options)?;
    oauth::save_grant(&identity, &grant).map_err(|e| oauth_error(e, name))?;
    let own = options
        .client_id
        .clone()
        .map(|id| (id, options.client_secret.clone()));
    settings.sign_in_with(identity.provider.id(), own);
    store.update_account(account.id, &settings)?;
    println!(
        "{}",
        fl!(
            "cli-oauth-signed-in",
            account = name,
            provider = identity.provider.name(),
            user = identity.user.as_str()
        )
    );
    Ok(exit::OK)
}

pub(super) fn logout(store: &mut Store, name: &str) -> Result<u8, CliError> {
    let account = super::commands::account_named(store, name)?;
    match oauth::tokens::identity(&account.settings).map_err(|e| oauth_error(e, name))? {
        Some(identity) => oauth::sign_out(&identity).map_err(|e| oauth_error(e, name))?,
        None => {
            return Err(CliError::new(
                exit::USAGE,
                fl!("cli-oauth-not-oauth", account = name),
            ));
        }
    }
    Ok(exit::OK)
}

/// The provider to sign in with: the account's, the one asked for, or the one its address or
/// servers belong to; with the client ID in force.
fn provider_for(s: &AccountSettings, options: &LoginOptions) -> Result<Option<Provider>, CliError> {
    let own = match (&options.client_id, &s.oauth) {
        (Some(id), _) => Some((id.as_str(), options.client_secret.as_deref())),
        (None, Some(o)) => o
            .client_id
            .as_deref()
            .map(|id| (id, o.client_secret.as_deref())),
        (None, None) => None,
    };
    let id = match (&options.provider, &s.oauth) {
        (Some(p), _) => p.clone(),
        (None, Some(o)) => o.provider.clone(),
        (None, None) => {
            let mut hosts = vec![s.host.as_str()];
            hosts.extend(s.smtp.as_ref().map(|m| m.host.as_str()));
            match provider::recognise(&s.email, &hosts) {
                Some(entry) => entry.id.to_owned(),
                None => return Ok(None),
            }
        }
    };
    Provider::resolve(&id, own)
        .map(Some)
        .ok_or_else(|| CliError::from(crate::sync::Error::OAuth(oauth::Error::UnknownProvider(id))))
}

fn sign_in(
    s: &AccountSettings,
    provider: Provider,
    options: &LoginOptions,
) -> Result<(Identity, oauth::Grant), CliError> {
    let name = s.name.as_str();
    if provider.client_id.is_none() {
        let entry = provider.entry;
        let mut message = oauth::Error::NoClientId(entry.name).user_message();
        message.push(' ');
        message.push_str(&if entry.app_passwords {
            fl!("oauth-no-client-id-app-password", provider = entry.name)
        } else {
            fl!("oauth-no-client-id-no-app-password", provider = entry.name)
        });
        return Err(CliError::new(exit::AUTH, message));
    }
    let identity = Identity {
        provider: provider.clone(),
        user: s.username.trim().to_owned(),
    };
    let grant = if options.device_code {
        oauth::flow::device_sign_in(
            &provider,
            |prompt| {
                println!(
                    "{}",
                    fl!(
                        "cli-oauth-device",
                        uri = prompt.uri.as_str(),
                        code = prompt.code.as_str()
                    )
                )
            },
            oauth::flow::BROWSER_TIMEOUT,
            &AtomicBool::new(false),
        )
    } else {
        let flow = SignIn {
            provider,
            login_hint: s.email.clone(),
            timeout: oauth::flow::BROWSER_TIMEOUT,
        };
        let no_browser = options.no_browser;
        flow.run(
            |url| {
                println!("{}\n{url}", fl!("cli-oauth-open"));
                if !no_browser && let Err(e) = open::that_detached(url) {
                    tracing::info!("no browser could be opened: {e}");
                }
            },
            &AtomicBool::new(false),
        )
    };
    let grant = grant.map_err(|e| oauth_error(e, name))?;
    Ok((identity, grant))
}

/// An OAuth failure of the account `name`; where only signing in again helps, it names the
/// command that does.
pub(super) fn oauth_error(e: oauth::Error, name: &str) -> CliError {
    secret_failed(crate::sync::Error::OAuth(e), name)
}

/// A failure to get the secret that signs in for the account `name` (see [`oauth_error`]).
pub(super) fn secret_failed(e: crate::sync::Error, name: &str) -> CliError {
    let hint = matches!(&e, crate::sync::Error::OAuth(o) if o.needs_sign_in());
    let mut error = CliError::from(e);
    if hint {
        error.message.push(' ');
        error
            .message
            .push_str(&fl!("cli-oauth-login-hint", account = name));
    }
    error
}
