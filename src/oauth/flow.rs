//! Getting a grant: the authorization code flow with PKCE (S256) through the system browser
//! and the loopback redirect, and Microsoft's device-code flow (RFC 8628) where no browser
//! can reach this machine's loopback (a remote session). Both block; run them on a thread.
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use oauth2::basic::{BasicClient, BasicTokenResponse};
use oauth2::{
    AuthType, AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken,
    DeviceAuthorizationUrl, PkceCodeChallenge, RedirectUrl, RefreshToken, RequestTokenError, Scope,
    StandardDeviceAuthorizationResponse, TokenResponse, TokenUrl,
};

use super::loopback::Loopback;
use super::{Error, Provider, http};
use crate::pop3::Password;

/// How long the browser may take by default.
pub const BROWSER_TIMEOUT: Duration = Duration::from_secs(300);

/// What a sign-in gives: an access token (with how long it lasts) and, usually, a refresh
/// token. Printing it shows neither.
#[derive(Clone, PartialEq, Eq)]
pub struct Grant {
    pub access: Password,
    pub expires_in: Option<Duration>,
    pub refresh: Option<Password>,
}

impl std::fmt::Debug for Grant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Grant")
            .field("expires_in", &self.expires_in)
            .field("refresh", &self.refresh.is_some())
            .finish_non_exhaustive()
    }
}

/// One sign-in through the browser: who signs in where, and how long to wait.
#[derive(Debug, Clone)]
pub struct SignIn {
    pub provider: Provider,
    /// The address, as a hint for the provider's account chooser.
    pub login_hint: String,
    pub timeout: Duration,
}

impl SignIn {
    /// Runs the flow: listens on the loopback, hands the authorization URL to `open` (which
    /// opens the browser, or prints it), waits for the one redirect, checks `state` and trades
    /// the code (with the PKCE verifier) for tokens.
    pub fn run(&self, open: impl FnOnce(&str), cancel: &AtomicBool) -> Result<Grant, Error> {
        let loopback = Loopback::bind()?;
        let redirect = loopback.redirect_uri(self.provider.entry.redirect_host);
        let client = client(&self.provider)?;
        let redirect_url = RedirectUrl::new(redirect).map_err(|e| Error::Listen(e.to_string()))?;
        let client = client.set_redirect_uri(redirect_url);
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = client
            .authorize_url(CsrfToken::new_random)
            .set_pkce_challenge(challenge)
            .add_scopes(scopes(&self.provider))
            .add_extra_param("login_hint", self.login_hint.clone());
        for (k, v) in self.provider.entry.auth_params {
            request = request.add_extra_param(*k, *v);
        }
        let (url, state) = request.url();
        tracing::info!(
            provider = self.provider.id(),
            "waiting for the browser's sign-in"
        );
        open(url.as_str());
        let code = loopback.wait(state.secret(), self.timeout, cancel)?;
        let agent = http::agent();
        let response = client
            .exchange_code(AuthorizationCode::new(code))
            .set_pkce_verifier(verifier)
            .request(&|r| http::call(&agent, r));
        grant(response, &self.provider, "")
    }
}

/// What the device-code flow asks the user to do: open `uri` on any device and type `code`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DevicePrompt {
    pub uri: String,
    pub code: String,
}

/// Microsoft's device-code flow: `show` tells the user where to go and what to type; then it
/// polls the token endpoint until the user has signed in (or the code expires, or `cancel` is
/// set).
pub fn device_sign_in(
    provider: &Provider,
    show: impl FnOnce(&DevicePrompt),
    timeout: Duration,
    cancel: &AtomicBool,
) -> Result<Grant, Error> {
    let device_url = provider
        .device_url
        .clone()
        .ok_or_else(|| Error::Refused(format!("{} has no device sign-in", provider.name())))?;
    let device_url =
        DeviceAuthorizationUrl::new(device_url).map_err(|e| Error::Network(e.to_string()))?;
    let client = client(provider)?.set_device_authorization_url(device_url);
    let agent = http::agent();
    let cancelled = || cancel.load(std::sync::atomic::Ordering::SeqCst);
    // a cancelled sign-in sends nothing more
    let http = |r| {
        if cancelled() {
            return Err(ureq::Error::Io(std::io::Error::other("cancelled")));
        }
        http::call(&agent, r)
    };
    let wait = |d: Duration| {
        let until = std::time::Instant::now() + d;
        while !cancelled() && std::time::Instant::now() < until {
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    let details: StandardDeviceAuthorizationResponse = client
        .exchange_device_code()
        .add_scopes(scopes(provider))
        .request(&http)
        .map_err(|e| request_error(e, provider, ""))?;
    show(&DevicePrompt {
        uri: details.verification_uri().to_string(),
        code: details.user_code().secret().clone(),
    });
    let response =
        client
            .exchange_device_access_token(&details)
            .request(&http, wait, Some(timeout));
    if cancelled() {
        return Err(Error::Cancelled);
    }
    grant(response, provider, "")
}

/// Trades a refresh token for a new access token (and, with Microsoft, a new refresh token).
pub fn refresh(provider: &Provider, refresh: &Password, user: &str) -> Result<Grant, Error> {
    let client = client(provider)?;
    let agent = http::agent();
    let response = client
        .exchange_refresh_token(&RefreshToken::new(refresh.expose().to_owned()))
        .request(&|r| http::call(&agent, r));
    grant(response, provider, user)
}

type Client = BasicClient<
    oauth2::EndpointSet,
    oauth2::EndpointNotSet,
    oauth2::EndpointNotSet,
    oauth2::EndpointNotSet,
    oauth2::EndpointSet,
>;

fn client(provider: &Provider) -> Result<Client, Error> {
    let id = provider
        .client_id
        .clone()
        .ok_or(Error::NoClientId(provider.name()))?;
    let bad = |e: oauth2::url::ParseError| Error::Network(e.to_string());
    let mut client = BasicClient::new(ClientId::new(id))
        .set_auth_type(AuthType::RequestBody)
        .set_auth_uri(AuthUrl::new(provider.auth_url.clone()).map_err(bad)?)
        .set_token_uri(TokenUrl::new(provider.token_url.clone()).map_err(bad)?);
    if let Some(secret) = &provider.client_secret {
        client = client.set_client_secret(ClientSecret::new(secret.clone()));
    }
    Ok(client)
}

fn scopes(provider: &Provider) -> impl Iterator<Item = Scope> + use<> {
    provider
        .entry
        .scopes
        .iter()
        .map(|s| Scope::new((*s).to_owned()))
}

type TokenResult<E, T> =
    Result<BasicTokenResponse, RequestTokenError<E, oauth2::StandardErrorResponse<T>>>;

fn grant<E, T>(response: TokenResult<E, T>, provider: &Provider, user: &str) -> Result<Grant, Error>
where
    E: std::error::Error + 'static,
    T: oauth2::ErrorResponseType + AsRef<str> + std::fmt::Display + 'static,
{
    let token = response.map_err(|e| request_error(e, provider, user))?;
    Ok(Grant {
        access: Password::new(token.access_token().secret().clone()),
        expires_in: token.expires_in(),
        refresh: token
            .refresh_token()
            .map(|r| Password::new(r.secret().clone())),
    })
}

/// The token endpoint's error in our categories; never its raw body (it could echo a token).
fn request_error<
    E: std::error::Error + 'static,
    T: oauth2::ErrorResponseType + AsRef<str> + std::fmt::Display + 'static,
>(
    e: RequestTokenError<E, oauth2::StandardErrorResponse<T>>,
    provider: &Provider,
    user: &str,
) -> Error {
    match e {
        RequestTokenError::ServerResponse(r) => {
            let code = r.error().as_ref().to_owned();
            if code == "invalid_grant" && !user.is_empty() {
                return Error::SignInAgain {
                    provider: provider.name(),
                    user: user.to_owned(),
                };
            }
            let description = r
                .error_description()
                .map(|d| format!(": {}", crate::text::safe_line_max(d, 300)))
                .unwrap_or_default();
            Error::Refused(format!("{code}{description}"))
        }
        RequestTokenError::Request(e) => {
            Error::Network(crate::text::safe_line_max(&e.to_string(), 300))
        }
        RequestTokenError::Parse(..) => Error::Answer,
        RequestTokenError::Other(text) => Error::Refused(crate::text::safe_line_max(&text, 300)),
    }
}
