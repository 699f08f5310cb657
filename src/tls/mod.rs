//! One trust policy for every protocol (POP3 and SMTP): TCP with a deadline, implicit TLS
//! (RFC 8314) or an upgrade after a STARTTLS-like command, certificate verification with the
//! system roots, an extra CA file, or a pinned SHA-256, and the certificate the server
//! presented attached to every certificate failure so the user can decide to trust it.
//!
//! The protocols keep what differs: the command that asks for the upgrade (`STLS`,
//! `STARTTLS`) and the check that the server sent nothing after its answer (STARTTLS
//! injection). [`secure`] takes that as a closure for the second connection it opens to read
//! the certificate after a failed verification.
//!
//! - `cert`: fingerprints, certificate details, CA files
//! - `failure`: why a connection failed, in categories (TLS, network)
//! - `words`: those categories as sentences, in the user's language
//!
//! The TLS library: OpenSSL, driven directly, on Linux and the BSDs (`backend_openssl`, which
//! avoids native-tls's repeated trust-store loading); native-tls elsewhere (`backend_native`).
use std::future::Future;
use std::io;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::time::timeout;

mod cert;
mod failure;
pub mod words;

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

pub use cert::{
    CaFileError, CertificateInfo, fingerprint_hex, parse_fingerprint, read_ca_file,
    sha256_fingerprint,
};
pub use failure::{NetFailure, TlsFailure};

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

/// Why connecting or securing a connection failed. Each protocol turns it into its own error.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Error {
    /// Connecting failed at the socket level.
    #[error("network error: {0}")]
    Network(Arc<io::Error>),
    /// A deadline passed; the text says what was being waited for.
    #[error("timeout while waiting for {0}")]
    Timeout(&'static str),
    /// The TLS handshake failed. When the failure was the certificate's verification, the
    /// certificate the server presented is attached so the user can decide to trust it.
    #[error("TLS error: {message}")]
    Tls {
        /// Why, in a category the user can be told in words.
        failure: TlsFailure,
        /// What the TLS library said (for the details and the log).
        message: String,
        /// The server's certificate, when it could be obtained.
        certificate: Option<Box<CertificateInfo>>,
    },
    /// The server's certificate is not the pinned one.
    #[error("certificate fingerprint {} does not match the pinned {}", actual.fingerprint_hex(), fingerprint_hex(expected))]
    PinMismatch {
        /// The pinned SHA-256 fingerprint.
        expected: [u8; 32],
        /// The certificate the server presented.
        actual: Box<CertificateInfo>,
    },
}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error::Network(Arc::new(e))
    }
}

/// Whether an I/O error means the server went away (closed or reset the connection) rather
/// than a network failure.
pub fn is_disconnect(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::UnexpectedEof
            | io::ErrorKind::ConnectionReset
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::BrokenPipe
    )
}

/// A connection: plain TCP or TLS over TCP.
#[derive(Debug)]
pub enum Stream {
    /// Plain TCP (only when the account explicitly says so).
    Plain(TcpStream),
    /// TLS over TCP.
    Tls(Box<backend::Stream>),
}

impl Stream {
    /// Whether the stream is encrypted.
    pub fn is_tls(&self) -> bool {
        matches!(self, Stream::Tls(_))
    }

    /// The server certificate, on a TLS stream.
    pub fn peer_certificate(&self) -> Option<CertificateInfo> {
        match self {
            Stream::Plain(_) => None,
            Stream::Tls(tls) => backend::peer_der(tls).map(|der| CertificateInfo::from_der(&der)),
        }
    }
}

impl AsyncRead for Stream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_read(cx, buf),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_read(cx, buf),
        }
    }
}

impl AsyncWrite for Stream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_write(cx, buf),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_write(cx, buf),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_flush(cx),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_flush(cx),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_shutdown(cx),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_shutdown(cx),
        }
    }
}

/// A TCP connection to `host:port` within `deadline`, with Nagle off (the protocols send
/// short commands and wait for the answer).
pub async fn tcp_connect(host: &str, port: u16, deadline: Duration) -> Result<TcpStream, Error> {
    let tcp = timeout(deadline, TcpStream::connect((host, port)))
        .await
        .map_err(|_| Error::Timeout("connecting"))??;
    tcp.set_nodelay(true)?;
    Ok(tcp)
}

/// The TLS handshake on `tcp` under the account's certificate policy, within `deadline`.
///
/// When verification fails, `reconnect` is asked for a second connection, ready for a
/// handshake (for STARTTLS: after the upgrade command, sending nothing else); the certificate
/// read on it without verification is attached to the error for the trust dialog.
pub async fn secure<F, Fut>(
    host: &str,
    tls: &TlsOptions,
    deadline: Duration,
    tcp: TcpStream,
    reconnect: F,
) -> Result<Stream, Error>
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = Option<TcpStream>>,
{
    if let Some(pin) = tls.pinned_sha256 {
        let stream = handshake(Trust::AcceptAny, host, tcp, deadline).await?;
        let der = backend::peer_der(&stream).ok_or_else(|| Error::Tls {
            failure: TlsFailure::Other,
            message: "the server sent no certificate".to_owned(),
            certificate: None,
        })?;
        if sha256_fingerprint(&der) != pin {
            return Err(Error::PinMismatch {
                expected: pin,
                actual: Box::new(CertificateInfo::from_der(&der)),
            });
        }
        return Ok(Stream::Tls(Box::new(stream)));
    }
    let extra_roots = match &tls.ca_file {
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
    match handshake(trust, host, tcp, deadline).await {
        Ok(stream) => Ok(Stream::Tls(Box::new(stream))),
        Err(Error::Tls {
            failure, message, ..
        }) => {
            let certificate = match reconnect().await {
                Some(tcp) => handshake(Trust::AcceptAny, host, tcp, deadline)
                    .await
                    .ok()
                    .and_then(|s| backend::peer_der(&s))
                    .map(|der| Box::new(CertificateInfo::from_der(&der))),
                None => None,
            };
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
    deadline: Duration,
) -> Result<backend::Stream, Error> {
    match timeout(deadline, backend::handshake(&trust, host, tcp)).await {
        Err(_) => Err(Error::Timeout("the TLS handshake")),
        Ok(Err((failure, message))) => Err(Error::Tls {
            failure,
            message,
            certificate: None,
        }),
        Ok(Ok(stream)) => Ok(stream),
    }
}
