//! The token endpoint's HTTP client: the `ureq` already in the build (native TLS), plugged
//! into the `oauth2` crate's client trait. No redirects, bounded time and size.
use std::time::Duration;

use oauth2::http;
use oauth2::{HttpRequest, HttpResponse};

/// At most this long per request.
const TIMEOUT: Duration = Duration::from_secs(30);
/// Token answers are small; a megabyte is plenty.
const MAX_BODY: u64 = 1 << 20;

/// An agent for token requests.
pub(super) fn agent() -> ureq::Agent {
    let tls = ureq::tls::TlsConfig::builder()
        .provider(ureq::tls::TlsProvider::NativeTls)
        .root_certs(ureq::tls::RootCerts::PlatformVerifier)
        .build();
    ureq::Agent::config_builder()
        .tls_config(tls)
        .max_redirects(0)
        // the token endpoint answers errors (invalid_grant) with 400 and a JSON body
        .http_status_as_error(false)
        .timeout_global(Some(TIMEOUT))
        .build()
        .into()
}

/// Runs one request for the `oauth2` crate.
pub(super) fn call(agent: &ureq::Agent, request: HttpRequest) -> Result<HttpResponse, ureq::Error> {
    let mut response = agent.run(request)?;
    let status = response.status();
    let content_type = response.headers().get(http::header::CONTENT_TYPE).cloned();
    let body = response
        .body_mut()
        .with_config()
        .limit(MAX_BODY)
        .read_to_vec()?;
    let mut answer = http::Response::new(body);
    *answer.status_mut() = status;
    if let Some(ct) = content_type {
        let _ = answer.headers_mut().insert(http::header::CONTENT_TYPE, ct);
    }
    Ok(answer)
}
