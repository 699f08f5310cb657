//! Remote pictures of HTML mail, fetched only when the user asks for them. No iced, no store.
//!
//! A small, bounded HTTP client (`ureq` over the native TLS the program already uses):
//!
//! - only `http:` and `https:` addresses, also for every redirect; never `file:`, `data:` or
//!   anything else;
//! - at most [`Limits::max_redirects`] redirects, followed here (not by the crate), so each hop's
//!   address is checked before it is asked for;
//! - one deadline for the whole fetch, redirects and body included ([`Limits::timeout`]);
//! - at most [`Limits::max_bytes`] per picture: reading stops beyond it;
//! - no cookies (the client has no cookie jar), no `Referer`, no compression, and a neutral
//!   `User-Agent` that names neither this program nor the machine.
//!
//! A [`Fetcher`] runs the blocking requests on tokio's blocking threads, at most
//! [`PARALLEL`] at a time. Which pictures to ask for (at most [`MAX_PICTURES`] per message) is the
//! caller's choice; only the pictures of the parsed document are ever given here, never style
//! sheets, fonts or CSS backgrounds.
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::Semaphore;

/// At most this many pictures of one message are fetched.
pub const MAX_PICTURES: usize = 30;
/// At most this many pictures are fetched at the same time.
pub const PARALLEL: usize = 4;
/// The `User-Agent` sent: what every browser starts with, nothing about this machine.
const USER_AGENT: &str = "Mozilla/5.0";

/// The bounds of one picture's fetch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The whole fetch (connecting, redirects, the body) ends after this long.
    pub timeout: Duration,
    /// A body larger than this is not read to the end.
    pub max_bytes: u64,
    /// At most this many redirects are followed.
    pub max_redirects: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            timeout: Duration::from_secs(10),
            max_bytes: 5 * 1024 * 1024,
            max_redirects: 3,
        }
    }
}

/// Why a picture could not be fetched. `Clone`: it travels in the UI's messages.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The address (or a redirect's target) is not `http:` or `https:`.
    #[error("not a web address: {0}")]
    Scheme(String),
    /// The address could not be read.
    #[error("not a valid address: {0}")]
    Address(String),
    /// More redirects than allowed.
    #[error("more than {0} redirects")]
    TooManyRedirects(u32),
    /// A redirect without a target.
    #[error("a redirect without a target")]
    NoTarget,
    /// The server answered with an error status.
    #[error("the server answered {0}")]
    Status(u16),
    /// The picture is larger than allowed.
    #[error("larger than {0} bytes")]
    TooLarge(u64),
    /// The fetch took too long.
    #[error("no answer in time")]
    Timeout,
    /// The connection or the server failed.
    #[error("{0}")]
    Network(String),
    /// The background work could not run.
    #[error("the fetch could not run: {0}")]
    Task(String),
}

impl From<ureq::Error> for Error {
    fn from(e: ureq::Error) -> Self {
        match e {
            ureq::Error::Timeout(_) => Error::Timeout,
            ureq::Error::BodyExceedsLimit(n) => Error::TooLarge(n),
            ureq::Error::StatusCode(code) => Error::Status(code),
            ureq::Error::BadUri(uri) => Error::Address(uri),
            other => Error::Network(other.to_string()),
        }
    }
}

/// Fetches remote pictures within [`Limits`], a few at a time. Cheap to clone (shared).
#[derive(Debug, Clone)]
pub struct Fetcher {
    agent: ureq::Agent,
    limits: Limits,
    permits: Arc<Semaphore>,
}

impl Fetcher {
    /// A fetcher with its own connections (nothing is shared with other messages).
    pub fn new(limits: Limits) -> Fetcher {
        let tls = ureq::tls::TlsConfig::builder()
            .provider(ureq::tls::TlsProvider::NativeTls)
            .root_certs(ureq::tls::RootCerts::PlatformVerifier)
            .build();
        let config = ureq::Agent::config_builder()
            .tls_config(tls)
            .max_redirects(0)
            .http_status_as_error(false)
            .save_redirect_history(false)
            .user_agent(USER_AGENT)
            .accept("image/*")
            .timeout_global(Some(limits.timeout))
            .max_idle_connections_per_host(PARALLEL)
            .build();
        Fetcher {
            agent: config.into(),
            limits,
            permits: Arc::new(Semaphore::new(PARALLEL)),
        }
    }

    /// The picture at `url`, fetched on a blocking thread once one of the [`PARALLEL`] places
    /// is free.
    pub async fn fetch(&self, url: String) -> Result<Vec<u8>, Error> {
        let _permit = Arc::clone(&self.permits)
            .acquire_owned()
            .await
            .map_err(|e| Error::Task(e.to_string()))?;
        let this = self.clone();
        tokio::task::spawn_blocking(move || this.fetch_blocking(&url))
            .await
            .map_err(|e| Error::Task(e.to_string()))?
    }

    /// The picture at `url`, fetched here (it blocks).
    pub fn fetch_blocking(&self, url: &str) -> Result<Vec<u8>, Error> {
        let deadline = Instant::now() + self.limits.timeout;
        let mut at = web_address(url)?;
        let mut redirects = 0;
        loop {
            let left = deadline
                .checked_duration_since(Instant::now())
                .filter(|d| !d.is_zero())
                .ok_or(Error::Timeout)?;
            tracing::debug!(
                host = at.host_str().unwrap_or(""),
                "fetching a remote picture"
            );
            let mut response = self
                .agent
                .get(at.as_str())
                .config()
                .timeout_global(Some(left))
                .build()
                .call()?;
            let status = response.status().as_u16();
            if (300..400).contains(&status) {
                redirects += 1;
                if redirects > self.limits.max_redirects {
                    return Err(Error::TooManyRedirects(self.limits.max_redirects));
                }
                let target = response
                    .headers()
                    .get("location")
                    .and_then(|v| v.to_str().ok())
                    .ok_or(Error::NoTarget)?;
                let next = at
                    .join(target)
                    .map_err(|_| Error::Address(crate::text::safe_line_max(target, 200)))?;
                at = web_address(next.as_str())?;
                continue;
            }
            if !(200..300).contains(&status) {
                return Err(Error::Status(status));
            }
            return Ok(response
                .body_mut()
                .with_config()
                .limit(self.limits.max_bytes)
                .read_to_vec()?);
        }
    }
}

/// The picture at `url` within `limits` (blocking; one fetch, no sharing).
pub fn fetch_image(url: &str, limits: Limits) -> Result<Vec<u8>, Error> {
    Fetcher::new(limits).fetch_blocking(url)
}

/// `url` when it is an `http:` or `https:` address with a host.
fn web_address(url: &str) -> Result<url::Url, Error> {
    let shown = || crate::text::safe_line_max(url, 200);
    let parsed = url::Url::parse(url.trim()).map_err(|_| Error::Address(shown()))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(Error::Scheme(parsed.scheme().to_owned()));
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(Error::Address(shown()));
    }
    Ok(parsed)
}

#[cfg(test)]
#[path = "remote_tests.rs"]
mod tests;
