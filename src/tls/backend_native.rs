//! TLS through native-tls (SChannel on Windows, Security.framework on macOS; OpenSSL elsewhere).
use async_native_tls::{Certificate, TlsConnector, TlsStream};
use tokio::net::TcpStream;

use super::Trust;
use super::failure::TlsFailure;

/// An established TLS session.
pub type Stream = TlsStream<TcpStream>;

/// The handshake under `trust`; the error is its category (read from the text: the platform
/// libraries give no codes through native-tls) and the platform library's text.
pub async fn handshake(
    trust: &Trust<'_>,
    host: &str,
    tcp: TcpStream,
) -> Result<Stream, (TlsFailure, String)> {
    let connector = match trust {
        Trust::Verify { extra_roots } => {
            let mut connector = TlsConnector::new();
            for der in extra_roots.iter() {
                let cert =
                    Certificate::from_der(der).map_err(|e| (TlsFailure::Other, e.to_string()))?;
                connector = connector.add_root_certificate(cert);
            }
            connector
        }
        Trust::AcceptAny => TlsConnector::new()
            .danger_accept_invalid_certs(true)
            .danger_accept_invalid_hostnames(true),
    };
    connector.connect(host, tcp).await.map_err(|e| {
        let text = super::failure::readable(&e.to_string());
        (TlsFailure::from_text(&text), text)
    })
}

/// The server's certificate (DER), if it sent one.
pub fn peer_der(stream: &Stream) -> Option<Vec<u8>> {
    stream.peer_certificate().ok()??.to_der().ok()
}
