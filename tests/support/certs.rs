//! A per-instance CA and server certificate (CN/SAN localhost and 127.0.0.1), made with the
//! `openssl` command line tool.
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use base64::Engine as _;

/// The files of one generated certificate set.
pub struct Certs {
    pub ca_cert: PathBuf,
    pub server_cert: PathBuf,
    pub server_key: PathBuf,
    /// SHA-256 of the server certificate's DER encoding.
    pub server_sha256: [u8; 32],
}

/// Generates a CA and a server certificate signed by it in `dir`.
pub fn generate(dir: &Path) -> io::Result<Certs> {
    let ca_key = dir.join("ca.key");
    let ca_cert = dir.join("ca.crt");
    let server_key = dir.join("server.key");
    let csr = dir.join("server.csr");
    let server_cert = dir.join("server.crt");
    let ext = dir.join("server.ext");
    std::fs::write(
        &ext,
        "subjectAltName=DNS:localhost,IP:127.0.0.1\n\
         basicConstraints=critical,CA:FALSE\n\
         keyUsage=critical,digitalSignature,keyEncipherment\n\
         extendedKeyUsage=serverAuth\n",
    )?;
    let ec = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
    ];
    openssl(
        &[
            &["req", "-x509"],
            &ec[..],
            &["-days", "3", "-subj", "/CN=Postfach Test CA"],
        ]
        .concat(),
        &[("-keyout", &ca_key), ("-out", &ca_cert)],
    )?;
    openssl(
        &[&["req"], &ec[..], &["-subj", "/CN=localhost"]].concat(),
        &[("-keyout", &server_key), ("-out", &csr)],
    )?;
    openssl(
        &["x509", "-req", "-days", "3", "-set_serial", "2"],
        &[
            ("-in", &csr),
            ("-CA", &ca_cert),
            ("-CAkey", &ca_key),
            ("-extfile", &ext),
            ("-out", &server_cert),
        ],
    )?;
    let pem = std::fs::read_to_string(&server_cert)?;
    let server_sha256 = postfach::pop3::sha256_fingerprint(&pem_to_der(&pem)?);
    Ok(Certs {
        ca_cert,
        server_cert,
        server_key,
        server_sha256,
    })
}

/// The DER bytes of the first certificate in a PEM text.
pub fn pem_to_der(pem: &str) -> io::Result<Vec<u8>> {
    let body: String = pem
        .lines()
        .skip_while(|l| !l.starts_with("-----BEGIN CERTIFICATE"))
        .skip(1)
        .take_while(|l| !l.starts_with("-----END CERTIFICATE"))
        .collect();
    base64::engine::general_purpose::STANDARD
        .decode(body)
        .map_err(io::Error::other)
}

fn openssl(args: &[&str], paths: &[(&str, &Path)]) -> io::Result<()> {
    let mut cmd = Command::new("openssl");
    cmd.args(args);
    for (flag, path) in paths {
        cmd.arg(flag).arg(path);
    }
    let out = cmd
        .stdin(Stdio::null())
        .output()
        .map_err(|e| {
            io::Error::new(
                e.kind(),
                format!("openssl not found or not runnable ({e}): install openssl (scripts/test.sh does this)"),
            )
        })?;
    if !out.status.success() {
        return Err(io::Error::other(format!(
            "openssl {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        )));
    }
    Ok(())
}
