//! "Test connection": connect, secure, read CAPA, sign in and read the mailbox size, reporting
//! each step — without downloading or deleting anything (the session ends with `QUIT` after
//! `STAT` only, so nothing is marked for deletion).

use crate::pop3::{self, ConnectOptions, Limits, Password, TlsOptions};
use crate::store::AccountSettings;

/// One step of the test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// TCP connection and, for SSL/TLS and STARTTLS, the secured channel.
    Connect,
    /// The server's capabilities.
    Capabilities,
    /// Signing in.
    Authenticate,
    /// Reading the mailbox size.
    Mailbox,
}

/// What a successful test found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProbeReport {
    /// Messages and octets in the mailbox.
    pub messages: u32,
    pub octets: u64,
    /// The connection was encrypted.
    pub encrypted: bool,
    /// The server offers UIDL (needed to leave mail on the server reliably).
    pub uidl: bool,
    /// The server offers PIPELINING (faster downloads).
    pub pipelining: bool,
    /// SASL mechanisms offered.
    pub sasl: Vec<String>,
    /// RFC 2449 EXPIRE and LOGIN-DELAY, as the server announced them after login.
    pub expire: Option<pop3::Expire>,
    pub login_delay: Option<u32>,
}

/// A failed test: the step that failed and why.
#[derive(Debug, Clone)]
pub struct ProbeError {
    pub step: Step,
    pub error: crate::sync::Error,
}

/// The account's certificate trust (its CA file and pinned certificate), for both of its
/// servers.
pub fn tls_options(settings: &AccountSettings) -> TlsOptions {
    TlsOptions {
        ca_file: settings.ca_file.clone(),
        pinned_sha256: settings
            .pinned_sha256
            .as_deref()
            .and_then(pop3::parse_fingerprint),
    }
}

/// Runs the test; `on_step` is called when a step succeeded.
pub async fn probe(
    settings: &AccountSettings,
    password: &Password,
    on_step: &mut (dyn FnMut(Step) + Send),
) -> Result<ProbeReport, ProbeError> {
    let fail = |step: Step| {
        let host = settings.host.clone();
        move |e: pop3::Error| ProbeError {
            step,
            error: crate::sync::Error::pop3(&host, e),
        }
    };
    let options = ConnectOptions {
        host: settings.host.clone(),
        port: settings.port,
        security: settings.security,
        tls: tls_options(settings),
        limits: Limits::default(),
    };
    let mut client = pop3::connect(&options).await.map_err(fail(Step::Connect))?;
    on_step(Step::Connect);
    on_step(Step::Capabilities);
    client
        .login(&settings.username, password, settings.incoming_auth())
        .await
        .map_err(fail(Step::Authenticate))?;
    on_step(Step::Authenticate);
    let (messages, octets) = client.stat().await.map_err(fail(Step::Mailbox))?;
    let caps = client.capabilities().clone();
    client.quit().await.map_err(fail(Step::Mailbox))?;
    on_step(Step::Mailbox);
    Ok(ProbeReport {
        messages,
        octets,
        encrypted: settings.security != pop3::Security::Plain,
        uidl: caps.uidl,
        pipelining: caps.pipelining,
        sasl: caps.sasl,
        expire: caps.expire,
        login_delay: caps.login_delay,
    })
}
