//! Both TLS back ends against a local TLS server with a freshly made certificate: what is
//! accepted, what is refused, and that the refusal says why.
#![cfg(openssl_tls)]

use std::future::Future;
use std::pin::Pin;

use openssl::asn1::Asn1Time;
use openssl::hash::MessageDigest;
use openssl::pkey::{PKey, Private};
use openssl::rsa::Rsa;
use openssl::ssl::{Ssl, SslAcceptor, SslMethod};
use openssl::x509::extension::SubjectAlternativeName;
use openssl::x509::{X509, X509NameBuilder};
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};

use super::TlsFailure;
use super::{Trust, backend_native, backend_openssl};

fn self_signed() -> (X509, PKey<Private>) {
    let key = PKey::from_rsa(Rsa::generate(2048).unwrap()).unwrap();
    let mut name = X509NameBuilder::new().unwrap();
    name.append_entry_by_text("CN", "localhost").unwrap();
    let name = name.build();
    let mut cert = X509::builder().unwrap();
    cert.set_version(2).unwrap();
    cert.set_subject_name(&name).unwrap();
    cert.set_issuer_name(&name).unwrap();
    cert.set_pubkey(&key).unwrap();
    cert.set_not_before(&Asn1Time::days_from_now(0).unwrap())
        .unwrap();
    cert.set_not_after(&Asn1Time::days_from_now(2).unwrap())
        .unwrap();
    let san = SubjectAlternativeName::new()
        .dns("localhost")
        .ip("127.0.0.1")
        .build(&cert.x509v3_context(None, None))
        .unwrap();
    cert.append_extension(san).unwrap();
    cert.sign(&key, MessageDigest::sha256()).unwrap();
    (cert.build(), key)
}

/// A server that completes (or fails) one handshake per connection and then says hello.
async fn server(cert: &X509, key: &PKey<Private>) -> u16 {
    let mut acceptor = SslAcceptor::mozilla_intermediate_v5(SslMethod::tls()).unwrap();
    acceptor.set_certificate(cert).unwrap();
    acceptor.set_private_key(key).unwrap();
    let acceptor = acceptor.build();
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let ssl = Ssl::new(acceptor.context()).unwrap();
            tokio::spawn(async move {
                let mut stream = tokio_openssl::SslStream::new(ssl, tcp).unwrap();
                if Pin::new(&mut stream).accept().await.is_ok() {
                    let _ = stream.write_all(b"+OK\r\n").await;
                }
            });
        }
    });
    port
}

type Outcome = Result<Option<Vec<u8>>, (TlsFailure, String)>;
type Backend =
    fn(Trust<'static>, &'static str, TcpStream) -> Pin<Box<dyn Future<Output = Outcome>>>;

fn native(
    trust: Trust<'static>,
    host: &'static str,
    tcp: TcpStream,
) -> Pin<Box<dyn Future<Output = Outcome>>> {
    Box::pin(async move {
        let s = backend_native::handshake(&trust, host, tcp).await?;
        Ok(backend_native::peer_der(&s))
    })
}

fn openssl(
    trust: Trust<'static>,
    host: &'static str,
    tcp: TcpStream,
) -> Pin<Box<dyn Future<Output = Outcome>>> {
    Box::pin(async move {
        let s = backend_openssl::handshake(&trust, host, tcp).await?;
        Ok(backend_openssl::peer_der(&s))
    })
}

#[tokio::test]
async fn both_backends_verify_and_refuse_alike() {
    let (cert, key) = self_signed();
    let port = server(&cert, &key).await;
    let der = cert.to_der().unwrap();
    let roots: &'static [Vec<u8>] = Box::leak(vec![der.clone()].into_boxed_slice());
    let backends: [(&str, Backend); 2] = [("native", native), ("openssl", openssl)];
    for (name, handshake) in backends {
        let connect = || TcpStream::connect(("127.0.0.1", port));

        let any = handshake(Trust::AcceptAny, "localhost", connect().await.unwrap()).await;
        assert_eq!(
            any.unwrap().as_deref(),
            Some(der.as_slice()),
            "{name}: accept any"
        );

        let trusted = Trust::Verify { extra_roots: roots };
        let ok = handshake(trusted, "localhost", connect().await.unwrap()).await;
        assert_eq!(
            ok.unwrap().as_deref(),
            Some(der.as_slice()),
            "{name}: extra root"
        );
        let ip = handshake(trusted, "127.0.0.1", connect().await.unwrap()).await;
        assert!(ip.is_ok(), "{name}: IP address in the certificate: {ip:?}");

        let wrong_name = handshake(trusted, "mail.example.org", connect().await.unwrap()).await;
        assert_eq!(
            wrong_name.err().map(|e| e.0),
            Some(TlsFailure::WrongName),
            "{name}: another host name must be refused"
        );

        let system = Trust::Verify { extra_roots: &[] };
        let refused = handshake(system, "localhost", connect().await.unwrap()).await;
        let (failure, message) = refused.unwrap_err();
        assert_eq!(failure, TlsFailure::SelfSigned, "{name}: {message}");
        assert!(
            message.contains("certificate verify failed"),
            "{name}: {message}"
        );
        assert!(
            message.contains("self-signed") || message.contains("self signed"),
            "{name}: {message}"
        );
    }
}
