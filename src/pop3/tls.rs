//! Connecting: TCP with a deadline, implicit TLS (RFC 8314) or STLS (RFC 2595, required or
//! fail), certificate verification with system roots, an extra CA file, or a pinned SHA-256.
//!
//! The TLS library: OpenSSL, driven directly, on Linux and the BSDs (`backend_openssl`, which
//! avoids native-tls's repeated trust-store loading); native-tls elsewhere (`backend_native`).
use std::io;
use std::path::PathBuf;
use std::pin::Pin;
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::time::timeout;

use super::cert::{CertificateInfo, read_ca_file, sha256_fingerprint};
use super::client::Client;
use super::codec::Limits;
use super::error::{Error, SessionState};
use super::failure::TlsFailure;
use super::response::ErrContext;
use super::types::Security;

#[cfg(any(test, not(openssl_tls)))]
mod backend_native;
#[cfg(openssl_tls)]
mod backend_openssl;
#[cfg(test)]
mod tests;

#[cfg(not(openssl_tls))]
use backend_native as backend;
#[cfg(openssl_tls)]
use backend_openssl as backend;

/// What a handshake checks the server's certificate against.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Trust<'a> {
    /// The system roots plus these CA certificates (DER), with the host name checked.
    Verify { extra_roots: &'a [Vec<u8>] },
    /// Anything (used to read a certificate for a pin check or the trust dialog).
    AcceptAny,
}

/// How the server's certificate is checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TlsOptions {
    /// An extra CA certificate file (PEM, one or more certificates), trusted in addition to
    /// the system roots.
    pub ca_file: Option<PathBuf>,
    /// A pinned SHA-256 fingerprint of the server certificate. When set, exactly that
    /// certificate is accepted (self-signed, any name) and nothing else.
    pub pinned_sha256: Option<[u8; 32]>,
}

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

/// The stream a connected client runs over.
#[derive(Debug)]
pub enum Pop3Stream {
    /// Plain TCP (only when the account explicitly says so).
    Plain(TcpStream),
    /// TLS over TCP.
    Tls(Box<backend::Stream>),
}

impl Pop3Stream {
    /// Whether the stream is encrypted.
    pub fn is_tls(&self) -> bool {
        matches!(self, Pop3Stream::Tls(_))
    }

    /// The server certificate, on a TLS stream.
    pub fn peer_certificate(&self) -> Option<CertificateInfo> {
        match self {
            Pop3Stream::Plain(_) => None,
            Pop3Stream::Tls(tls) => {
                backend::peer_der(tls).map(|der| CertificateInfo::from_der(&der))
            }
        }
    }
}

impl AsyncRead for Pop3Stream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Pop3Stream::Plain(s) => Pin::new(s).poll_read(cx, buf),
            Pop3Stream::Tls(s) => Pin::new(s.as_mut()).poll_read(cx, buf),
        }
    }
}

impl AsyncWrite for Pop3Stream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        match self.get_mut() {
            Pop3Stream::Plain(s) => Pin::new(s).poll_write(cx, buf),
            Pop3Stream::Tls(s) => Pin::new(s.as_mut()).poll_write(cx, buf),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Pop3Stream::Plain(s) => Pin::new(s).poll_flush(cx),
            Pop3Stream::Tls(s) => Pin::new(s.as_mut()).poll_flush(cx),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Pop3Stream::Plain(s) => Pin::new(s).poll_shutdown(cx),
            Pop3Stream::Tls(s) => Pin::new(s.as_mut()).poll_shutdown(cx),
        }
    }
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
            Client::new(Pop3Stream::Tls(Box::new(tls)), limits).await?
        }
        Security::StartTls => {
            let plain = Client::new(tcp, limits.clone()).await?;
            let (greeting, server) = plain.greeting_and_server();
            let tcp = plain.stls().await?;
            let tls = secure(opts, tcp).await?;
            Client::<TcpStream>::on_new_stream(
                greeting,
                server,
                Pop3Stream::Tls(Box::new(tls)),
                limits,
            )
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
    let tcp = timeout(
        opts.limits.connect_timeout,
        TcpStream::connect((opts.host.as_str(), opts.port)),
    )
    .await
    .map_err(|_| Error::Timeout("connecting"))??;
    tcp.set_nodelay(true)?;
    Ok(tcp)
}

/// The TLS handshake with the account's certificate policy.
async fn secure(opts: &ConnectOptions, tcp: TcpStream) -> Result<backend::Stream, Error> {
    if let Some(pin) = opts.tls.pinned_sha256 {
        let tls = handshake(Trust::AcceptAny, &opts.host, tcp, &opts.limits).await?;
        let der =
            backend::peer_der(&tls).ok_or_else(|| tls_error("the server sent no certificate"))?;
        if sha256_fingerprint(&der) != pin {
            return Err(Error::PinMismatch {
                expected: pin,
                actual: Box::new(CertificateInfo::from_der(&der)),
            });
        }
        return Ok(tls);
    }
    let extra_roots = match &opts.tls.ca_file {
        Some(path) => read_ca_file(path).map_err(|e| Error::Tls {
            failure: TlsFailure::BadCaFile,
            message: e.to_string(),
            certificate: None,
        })?,
        None => Vec::new(),
    };
    let trust = Trust::Verify {
        extra_roots: &extra_roots,
    };
    match handshake(trust, &opts.host, tcp, &opts.limits).await {
        Ok(tls) => Ok(tls),
        Err(Error::Tls {
            failure, message, ..
        }) => {
            // Find out what the server presented, on a second connection that sends nothing
            // but (for STLS) CAPA and STLS, so the user can decide whether to trust it.
            let certificate = probe_certificate(opts).await.map(Box::new);
            Err(Error::Tls {
                failure,
                message,
                certificate,
            })
        }
        Err(e) => Err(e),
    }
}

async fn handshake(
    trust: Trust<'_>,
    host: &str,
    tcp: TcpStream,
    limits: &Limits,
) -> Result<backend::Stream, Error> {
    match timeout(
        limits.connect_timeout,
        backend::handshake(&trust, host, tcp),
    )
    .await
    {
        Err(_) => Err(Error::Timeout("the TLS handshake")),
        Ok(Err((failure, message))) => Err(Error::Tls {
            failure,
            message,
            certificate: None,
        }),
        Ok(Ok(tls)) => Ok(tls),
    }
}

/// The certificate the server presents, fetched without verification.
async fn probe_certificate(opts: &ConnectOptions) -> Option<CertificateInfo> {
    let tcp = tcp_connect(opts).await.ok()?;
    let tcp = match opts.security {
        Security::StartTls => {
            let plain = Client::new(tcp, opts.limits.clone()).await.ok()?;
            plain.stls().await.ok()?
        }
        Security::Tls | Security::Plain => tcp,
    };
    let tls = handshake(Trust::AcceptAny, &opts.host, tcp, &opts.limits)
        .await
        .ok()?;
    backend::peer_der(&tls).map(|der| CertificateInfo::from_der(&der))
}

fn tls_error(message: &str) -> Error {
    Error::Tls {
        failure: TlsFailure::Other,
        message: message.to_owned(),
        certificate: None,
    }
}
