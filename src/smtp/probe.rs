//! The settings' "Test connection" for the outgoing server: connect, secure, EHLO, sign in,
//! QUIT — reporting each step; nothing is sent.
use super::auth::Credentials;
use super::connect::{ConnectOptions, connect};
use super::error::Error;

/// One step of the test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// TCP connection and, for SSL/TLS and STARTTLS, the secured channel.
    Connect,
    /// The server's capabilities (EHLO, after TLS).
    Capabilities,
    /// Signing in.
    Authenticate,
    /// Saying goodbye.
    Quit,
}

/// What a successful test found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProbeReport {
    /// The connection was encrypted.
    pub encrypted: bool,
    /// The largest message the server takes (`SIZE`), when it says.
    pub size_limit: Option<u64>,
    /// SASL mechanisms offered (those Postfach knows).
    pub auth: Vec<&'static str>,
    /// 8BITMIME, SMTPUTF8 and PIPELINING.
    pub eight_bit_mime: bool,
    pub smtputf8: bool,
    pub pipelining: bool,
}

/// A failed test: the step that failed and why.
#[derive(Debug, Clone)]
pub struct ProbeError {
    pub step: Step,
    pub error: Error,
}

/// Runs the test; `on_step` is called when a step succeeded. Without credentials the sign-in
/// step is skipped.
pub async fn probe(
    opts: &ConnectOptions,
    credentials: Option<&Credentials>,
    on_step: &mut (dyn FnMut(Step) + Send),
) -> Result<ProbeReport, ProbeError> {
    let fail = |step| move |error| ProbeError { step, error };
    let mut client = connect(opts).await.map_err(fail(Step::Connect))?;
    on_step(Step::Connect);
    on_step(Step::Capabilities);
    if let Some(credentials) = credentials {
        client
            .authenticate(credentials)
            .await
            .map_err(fail(Step::Authenticate))?;
        on_step(Step::Authenticate);
    }
    let caps = client.capabilities().clone();
    let encrypted = client.is_encrypted();
    client.quit().await.map_err(fail(Step::Quit))?;
    on_step(Step::Quit);
    Ok(ProbeReport {
        encrypted,
        size_limit: caps.size.filter(|&s| s > 0),
        auth: caps.auth,
        eight_bit_mime: caps.eight_bit_mime,
        smtputf8: caps.smtputf8,
        pipelining: caps.pipelining,
    })
}
