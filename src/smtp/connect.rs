//! Connecting: implicit TLS (RFC 8314, port 465) or STARTTLS (RFC 3207, port 587, required or
//! fail), plain only when chosen, over the trust policy shared with POP3 (`crate::tls`); then
//! signing in. Also the whole submission of one message and the settings' connection test.
use std::net::SocketAddr;

use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;

use super::auth::Credentials;
use super::client::Client;
use super::error::Error;
use super::reply::Limits;
use super::send::{Envelope, Outcome};
use crate::pop3::Security;
use crate::tls::{self, TlsOptions};

/// The stream a connected client runs over.
pub type SmtpStream = tls::Stream;

/// Everything `connect` needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectOptions {
    /// Server host name (or IP address); also the name the certificate must carry.
    pub host: String,
    /// Server port (465 for SSL/TLS, 587 for STARTTLS).
    pub port: u16,
    /// Implicit TLS, STARTTLS, or (explicitly chosen) plain text.
    pub security: Security,
    /// Certificate checks, as for POP3.
    pub tls: TlsOptions,
    /// Bounds for the session.
    pub limits: Limits,
}

/// The name the client gives in EHLO: the address literal of its end of the connection
/// (`[192.0.2.1]`, `[IPv6:…]`), as privacy-minded clients do; never this machine's name.
pub fn ehlo_name(local: Option<SocketAddr>) -> String {
    match local {
        Some(SocketAddr::V4(a)) => format!("[{}]", a.ip()),
        Some(SocketAddr::V6(a)) => format!("[IPv6:{}]", a.ip()),
        None => "[127.0.0.1]".to_owned(),
    }
}

/// Connects, secures the connection as `opts.security` says and says EHLO (again after
/// STARTTLS: nothing learnt before TLS is kept). With `StartTls`, a server that does not offer
/// or refuses STARTTLS fails with `StartTlsUnavailable` before anything else is sent.
pub async fn connect(opts: &ConnectOptions) -> Result<Client<SmtpStream>, Error> {
    let limits = opts.limits.clone();
    let tcp = tls::tcp_connect(&opts.host, opts.port, limits.connect_timeout).await?;
    let name = ehlo_name(tcp.local_addr().ok());
    let mut client = match opts.security {
        Security::Plain => Client::new(SmtpStream::Plain(tcp), limits, name).await?,
        Security::Tls => {
            let stream = secure(opts, tcp).await?;
            Client::new(stream, limits, name).await?
        }
        Security::StartTls => {
            let plain = Client::new(tcp, limits.clone(), name.clone()).await?;
            let tcp = plain.starttls().await?;
            let stream = secure(opts, tcp).await?;
            let mut client = Client::on_stream(stream, limits, name);
            client.ehlo().await?;
            client
        }
    };
    client.encrypted = opts.security != Security::Plain;
    client.server = Some((opts.host.clone(), opts.port));
    Ok(client)
}

/// The handshake under the account's certificate policy; after a failed verification the
/// certificate is read on a second connection that sends only EHLO and STARTTLS.
async fn secure(opts: &ConnectOptions, tcp: TcpStream) -> Result<SmtpStream, Error> {
    let reconnect = || async {
        let deadline = opts.limits.connect_timeout;
        let tcp = tls::tcp_connect(&opts.host, opts.port, deadline)
            .await
            .ok()?;
        match opts.security {
            Security::StartTls => {
                let name = ehlo_name(tcp.local_addr().ok());
                let plain = Client::new(tcp, opts.limits.clone(), name).await.ok()?;
                plain.starttls().await.ok()
            }
            Security::Tls | Security::Plain => Some(tcp),
        }
    };
    let deadline = opts.limits.connect_timeout;
    Ok(tls::secure(&opts.host, &opts.tls, deadline, tcp, reconnect).await?)
}

/// Connects, signs in (unless `credentials` is `None`: a server that needs no sign-in), sends
/// one message and says QUIT.
pub async fn submit(
    opts: &ConnectOptions,
    credentials: Option<&Credentials>,
    envelope: &Envelope,
    message: &[u8],
) -> Outcome {
    submit_with(opts, credentials, envelope, message, async || Ok(())).await
}

/// [`submit`] with a call before the final dot (see [`Client::send_with`]).
pub async fn submit_with<F>(
    opts: &ConnectOptions,
    credentials: Option<&Credentials>,
    envelope: &Envelope,
    message: &[u8],
    before_dot: F,
) -> Outcome
where
    F: AsyncFnOnce() -> Result<(), String>,
{
    let not_sent = |error| Outcome::NotSent {
        error,
        refused: Vec::new(),
    };
    let mut client = match connect(opts).await {
        Ok(client) => client,
        Err(error) => return not_sent(error),
    };
    if let Some(credentials) = credentials
        && let Err(error) = client.authenticate(credentials).await
    {
        return not_sent(error);
    }
    let outcome = client.send_with(envelope, message, before_dot).await;
    // After an unknown end or a message stopped halfway, the session is in no state for QUIT.
    let unfinished = match &outcome {
        Outcome::Unknown { .. } => true,
        Outcome::NotSent { error, .. } => matches!(error, Error::Aborted(_)),
        Outcome::Accepted { .. } => false,
    };
    if !unfinished {
        client.quit_quietly().await;
    }
    outcome
}

impl<S: AsyncRead + AsyncWrite + Unpin + Send> Client<S> {
    /// QUIT, where its failure changes nothing (the message's fate is already known).
    pub(crate) async fn quit_quietly(self) {
        if let Err(e) = self.quit().await {
            tracing::debug!("QUIT failed: {e}");
        }
    }
}
