//! Connecting: implicit TLS (RFC 8314) or STLS (RFC 2595, required or fail) over the shared
//! trust policy of `crate::tls`; here only what is POP3's own (the `STLS` command, and
//! refusing bytes the server sent after its `+OK`).
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;

use super::client::Client;
use super::codec::Limits;
use super::error::{Error, SessionState};
use super::response::ErrContext;
use super::types::Security;
use crate::tls::{self, TlsOptions};

/// The stream a connected client runs over.
pub type Pop3Stream = tls::Stream;

/// Everything `connect` needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectOptions {
    /// Server host name (or IP address); also the name the certificate must carry.
    pub host: String,
    /// Server port.
    pub port: u16,
    /// Implicit TLS, STLS, or (explicitly chosen) plain text.
    pub security: Security,
    /// Certificate checks.
    pub tls: TlsOptions,
    /// Bounds for the session.
    pub limits: Limits,
}

/// Connects, secures the connection as `opts.security` says, reads the greeting and the
/// capabilities (after TLS; nothing from before TLS is kept). With `StartTls`, a server
/// without STLS, or one that refuses it, fails with `StartTlsUnavailable` before anything
/// else is sent.
pub async fn connect(opts: &ConnectOptions) -> Result<Client<Pop3Stream>, Error> {
    let limits = opts.limits.clone();
    let tcp = tcp_connect(opts).await?;
    let mut client = match opts.security {
        Security::Plain => Client::new(Pop3Stream::Plain(tcp), limits).await?,
        Security::Tls => {
            let tls = secure(opts, tcp).await?;
            Client::new(tls, limits).await?
        }
        Security::StartTls => {
            let plain = Client::new(tcp, limits.clone()).await?;
            let (greeting, server) = plain.greeting_and_server();
            let tcp = plain.stls().await?;
            let tls = secure(opts, tcp).await?;
            Client::<TcpStream>::on_new_stream(greeting, server, tls, limits)
        }
    };
    client.set_server(&opts.host, opts.port);
    client.encrypted = opts.security != Security::Plain;
    client.capa().await?;
    Ok(client)
}

impl<S: AsyncRead + AsyncWrite + Unpin + Send> Client<S> {
    /// Asks for STLS and hands back the raw stream for the TLS handshake. Refuses when CAPA
    /// does not list STLS or the server answers `-ERR`; refuses bytes the server sent after
    /// its `+OK` (STARTTLS injection).
    pub async fn stls(mut self) -> Result<S, Error> {
        self.check("STLS", &[SessionState::Authorization])?;
        if self.capa_supported.is_none() {
            self.capa().await?;
        }
        if self.capa_supported == Some(true) && !self.caps.stls {
            return Err(Error::StartTlsUnavailable);
        }
        self.command("STLS", "STLS").await?;
        match self.reply(ErrContext::Command).await? {
            Ok(_) => self.into_stream_for_tls(),
            Err(e) => {
                tracing::debug!("STLS refused: {e}");
                Err(Error::StartTlsUnavailable)
            }
        }
    }
}

async fn tcp_connect(opts: &ConnectOptions) -> Result<TcpStream, Error> {
    Ok(tls::tcp_connect(&opts.host, opts.port, opts.limits.connect_timeout).await?)
}

/// The TLS handshake with the account's certificate policy. After a failed verification the
/// certificate is read on a second connection that sends nothing but (for STLS) CAPA and STLS.
async fn secure(opts: &ConnectOptions, tcp: TcpStream) -> Result<Pop3Stream, Error> {
    let reconnect = || async {
        let tcp = tcp_connect(opts).await.ok()?;
        match opts.security {
            Security::StartTls => {
                let plain = Client::new(tcp, opts.limits.clone()).await.ok()?;
                plain.stls().await.ok()
            }
            Security::Tls | Security::Plain => Some(tcp),
        }
    };
    let deadline = opts.limits.connect_timeout;
    Ok(tls::secure(&opts.host, &opts.tls, deadline, tcp, reconnect).await?)
}
