//! TLS through OpenSSL directly (Linux and the BSDs, where native-tls is OpenSSL too).
//!
//! native-tls reads the whole system trust bundle two times for every connector it builds
//! (70–117 ms with OpenSSL 3 on Debian 12: more than a whole "nothing new" poll). Here the
//! system roots come from the hashed certificate directory (`/etc/ssl/certs/<hash>.0`), which
//! OpenSSL reads lazily, one file per issuer it actually needs; only where no such directory
//! exists is the bundle file read, once per process. A pinned account needs no roots at all.
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::OnceLock;

use openssl::error::ErrorStack;
use openssl::ssl::{
    Ssl, SslContext, SslContextBuilder, SslMethod, SslMode, SslOptions, SslVerifyMode,
};
use openssl::x509::X509;
use openssl::x509::verify::X509CheckFlags;
use tokio::net::TcpStream;

use super::Trust;
use super::failure::TlsFailure;

/// An established TLS session.
pub type Stream = tokio_openssl::SslStream<TcpStream>;

/// The handshake under `trust`; the error is its category (from the verification result) and
/// OpenSSL's text.
pub async fn handshake(
    trust: &Trust<'_>,
    host: &str,
    tcp: TcpStream,
) -> Result<Stream, (TlsFailure, String)> {
    let other = |text: String| (TlsFailure::Other, text);
    let context = context(trust).map_err(other)?;
    let ssl = session(&context, trust, host).map_err(|e| other(e.to_string()))?;
    let mut stream = Stream::new(ssl, tcp).map_err(|e| other(e.to_string()))?;
    match Pin::new(&mut stream).connect().await {
        Ok(()) => Ok(stream),
        Err(e) => {
            let verify = stream.ssl().verify_result();
            match TlsFailure::from_openssl_verify(verify.as_raw()) {
                None => Err(other(e.to_string())),
                // The same wording native-tls uses, so details read alike on every platform.
                Some(failure) => Err((failure, format!("{e} ({})", verify.error_string()))),
            }
        }
    }
}

/// The server's certificate (DER), if it sent one.
pub fn peer_der(stream: &Stream) -> Option<Vec<u8>> {
    stream.ssl().peer_certificate()?.to_der().ok()
}

/// The context for `trust`. The plain system-roots context is built once and shared.
fn context(trust: &Trust<'_>) -> Result<SslContext, String> {
    static SYSTEM: OnceLock<SslContext> = OnceLock::new();
    let text = |e: ErrorStack| e.to_string();
    match trust {
        Trust::Verify { extra_roots: [] } => {
            if let Some(context) = SYSTEM.get() {
                return Ok(context.clone());
            }
            let mut builder = base().map_err(text)?;
            add_system_roots(&mut builder).map_err(text)?;
            Ok(SYSTEM.get_or_init(|| builder.build()).clone())
        }
        Trust::Verify { extra_roots } => {
            let mut builder = base().map_err(text)?;
            add_system_roots(&mut builder).map_err(text)?;
            for der in extra_roots.iter() {
                let cert = X509::from_der(der).map_err(text)?;
                builder.cert_store_mut().add_cert(cert).map_err(text)?;
            }
            Ok(builder.build())
        }
        Trust::AcceptAny => {
            let mut builder = base().map_err(text)?;
            builder.set_verify(SslVerifyMode::NONE);
            Ok(builder.build())
        }
    }
}

/// A client context with the settings of `openssl::ssl::SslConnector` (options, modes, cipher
/// list, peer verification), but without loading any trust store.
fn base() -> Result<SslContextBuilder, ErrorStack> {
    let mut builder = SslContextBuilder::new(SslMethod::tls_client())?;
    let mut options = SslOptions::ALL
        | SslOptions::NO_COMPRESSION
        | SslOptions::NO_SSLV2
        | SslOptions::NO_SSLV3
        | SslOptions::SINGLE_DH_USE
        | SslOptions::SINGLE_ECDH_USE;
    options &= !SslOptions::DONT_INSERT_EMPTY_FRAGMENTS;
    builder.set_options(options);
    builder.set_mode(
        SslMode::AUTO_RETRY
            | SslMode::ACCEPT_MOVING_WRITE_BUFFER
            | SslMode::ENABLE_PARTIAL_WRITE
            | SslMode::RELEASE_BUFFERS,
    );
    builder.set_cipher_list(
        "DEFAULT:!aNULL:!eNULL:!MD5:!3DES:!DES:!RC4:!IDEA:!SEED:!aDSS:!SRP:!PSK",
    )?;
    builder.set_verify(SslVerifyMode::PEER);
    // Read whatever the socket has instead of each record's 5-byte header and then its body:
    // half the system calls while a fetch streams mail.
    builder.set_read_ahead(true);
    Ok(builder)
}

/// Where the system roots are: `SSL_CERT_FILE`/`SSL_CERT_DIR` when set, otherwise the places
/// distributions use (the same probe native-tls runs).
struct SystemRoots {
    file: Option<PathBuf>,
    hashed_dirs: Vec<PathBuf>,
}

fn system_roots() -> &'static SystemRoots {
    static ROOTS: OnceLock<SystemRoots> = OnceLock::new();
    ROOTS.get_or_init(|| {
        let probe = openssl_probe::probe();
        SystemRoots {
            file: probe.cert_file,
            hashed_dirs: probe
                .cert_dir
                .into_iter()
                .filter(|d| is_hashed(d))
                .collect(),
        }
    })
}

/// Whether `dir` holds OpenSSL's `<8 hex digits>.<n>` links (made by `update-ca-certificates`
/// / `c_rehash`), which OpenSSL can look issuers up in without reading everything.
fn is_hashed(dir: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().any(|entry| {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        match name.split_once('.') {
            Some((hash, n)) => {
                hash.len() == 8
                    && hash.bytes().all(|b| b.is_ascii_hexdigit())
                    && !n.is_empty()
                    && n.bytes().all(|b| b.is_ascii_digit())
            }
            None => false,
        }
    })
}

/// Adds the system roots: the hashed directories when there are any (lazy), else the bundle
/// file, else OpenSSL's compiled-in defaults. A bundle file that sits in one of the hashed
/// directories (Debian's `/etc/ssl/certs/ca-certificates.crt`, written by
/// `update-ca-certificates` together with the hash links) holds the same certificates and is not
/// read; a bundle elsewhere (`SSL_CERT_FILE` pointing at a company bundle, say) is.
fn add_system_roots(builder: &mut SslContextBuilder) -> Result<(), ErrorStack> {
    let roots = system_roots();
    for dir in &roots.hashed_dirs {
        builder.load_verify_locations(None, Some(dir))?;
    }
    match &roots.file {
        Some(file) if !bundle_is_mirrored(file, &roots.hashed_dirs) => {
            builder.load_verify_locations(Some(file), None)
        }
        Some(_) => Ok(()),
        None if roots.hashed_dirs.is_empty() => builder.set_default_verify_paths(),
        None => Ok(()),
    }
}

/// Whether `file` lies in one of `hashed_dirs` (after resolving links).
fn bundle_is_mirrored(file: &Path, hashed_dirs: &[PathBuf]) -> bool {
    let parent = |p: &Path| {
        std::fs::canonicalize(p)
            .ok()?
            .parent()
            .map(Path::to_path_buf)
    };
    let Some(file_dir) = parent(file) else {
        return false;
    };
    hashed_dirs
        .iter()
        .filter_map(|d| std::fs::canonicalize(d).ok())
        .any(|d| d == file_dir)
}

/// One session: SNI for host names, and host-name (or IP) verification unless anything goes.
fn session(context: &SslContext, trust: &Trust<'_>, host: &str) -> Result<Ssl, ErrorStack> {
    let mut ssl = Ssl::new(context)?;
    let ip = host.parse::<IpAddr>().ok();
    if ip.is_none() {
        ssl.set_hostname(host)?;
    }
    if !matches!(trust, Trust::AcceptAny) {
        let param = ssl.param_mut();
        param.set_hostflags(X509CheckFlags::NO_PARTIAL_WILDCARDS);
        match ip {
            Some(ip) => param.set_ip(ip)?,
            None => param.set_host(host)?,
        }
    }
    Ok(ssl)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_system_context_is_built_once_and_shared() {
        let system = Trust::Verify { extra_roots: &[] };
        let a = context(&system).unwrap();
        let b = context(&system).unwrap();
        // A clone of an `SslContext` is a new reference to the same OpenSSL object.
        assert!(std::ptr::eq::<openssl::ssl::SslContextRef>(&*a, &*b));
    }

    #[test]
    fn a_broken_extra_root_is_an_error() {
        let err = context(&Trust::Verify {
            extra_roots: &[b"not a certificate".to_vec()],
        })
        .unwrap_err();
        assert!(!err.is_empty());
    }

    #[test]
    fn hashed_directories_are_recognised() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!is_hashed(dir.path()));
        std::fs::write(dir.path().join("ca-certificates.crt"), "x").unwrap();
        std::fs::write(dir.path().join("readme.1x"), "x").unwrap();
        assert!(!is_hashed(dir.path()));
        std::fs::write(dir.path().join("5ad8a5d6.0"), "x").unwrap();
        assert!(is_hashed(dir.path()));
    }

    #[test]
    fn a_bundle_next_to_the_hash_links_is_not_read_twice() {
        let hashed = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        let bundle = hashed.path().join("ca-certificates.crt");
        let company = elsewhere.path().join("company.pem");
        std::fs::write(&bundle, "x").unwrap();
        std::fs::write(&company, "x").unwrap();
        let dirs = [hashed.path().to_path_buf()];
        assert!(bundle_is_mirrored(&bundle, &dirs));
        assert!(!bundle_is_mirrored(&company, &dirs));
        assert!(!bundle_is_mirrored(&bundle, &[]));
    }
}
