//! The session: state machine, command/response plumbing, CAPA. The commands themselves are
//! in `commands.rs`, pipelining in `pipeline.rs`, login in `auth.rs`.
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt};

use super::capabilities::Capabilities;
use super::codec::{Conn, Limits};
use super::error::{Error, SessionState};
use super::response::{ErrContext, Reply, err_to_error, expect_ok, parse_reply};

/// Traces one protocol line, already redacted (`C` = client, `S` = server), made safe for the
/// log (the server's lines may hold terminal escapes or bidi overrides).
pub(crate) fn trace_line(direction: &str, line: &str) {
    let line = crate::text::safe_line(line);
    tracing::trace!("{direction}: {line}");
    #[cfg(test)]
    TRACE_TAP.with(|tap| tap.borrow_mut().push(format!("{direction}: {line}")));
}

#[cfg(test)]
thread_local! {
    /// What `trace_line` traced on this thread, for tests: tracing's own per-thread
    /// subscribers are unreliable when tests run in parallel (shared callsite cache).
    pub(crate) static TRACE_TAP: std::cell::RefCell<Vec<String>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// An async POP3 client over any byte stream (TCP, TLS, or an in-memory pipe in tests).
pub struct Client<S> {
    pub(crate) conn: Conn<S>,
    pub(crate) state: SessionState,
    greeting: String,
    pub(crate) caps: Capabilities,
    /// Whether the server answered CAPA with `+OK` (None: not asked yet).
    pub(crate) capa_supported: Option<bool>,
    /// Set when the connection can no longer be trusted to be in step with the server.
    broken: Option<Error>,
    /// Host and port, for OAUTHBEARER (set by `connect`).
    pub(crate) server: Option<(String, u16)>,
    /// Sizes from the last LIST (index = message number − 1), to size buffers for RETR.
    pub(crate) sizes: Vec<u64>,
    /// Whether the stream is encrypted (set by `connect`); the automatic login choice
    /// depends on it.
    pub(crate) encrypted: bool,
}

impl<S> std::fmt::Debug for Client<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("state", &self.state)
            .field("greeting", &crate::text::safe_line(&self.greeting))
            .field("capabilities", &self.caps)
            .field("broken", &self.broken)
            .finish_non_exhaustive()
    }
}

impl<S: AsyncRead + AsyncWrite + Unpin + Send> Client<S> {
    /// Reads the server greeting from `stream`. A `-ERR` greeting is returned as its typed
    /// error (e.g. `[SYS/TEMP]`).
    pub async fn new(stream: S, limits: Limits) -> Result<Self, Error> {
        let mut conn = Conn::new(stream, limits);
        let line = conn
            .read_line(conn.response_deadline(), "the greeting")
            .await?;
        let line = String::from_utf8_lossy(&line).into_owned();
        trace_line("S", &line);
        let greeting = expect_ok(&line, ErrContext::Command)?;
        Ok(Client {
            conn,
            state: SessionState::Authorization,
            greeting,
            caps: Capabilities::default(),
            capa_supported: None,
            broken: None,
            server: None,
            sizes: Vec::new(),
            encrypted: false,
        })
    }

    /// The session state.
    pub fn state(&self) -> SessionState {
        self.state
    }

    /// The capabilities from the last `CAPA` (empty before the first or when unsupported).
    pub fn capabilities(&self) -> &Capabilities {
        &self.caps
    }

    /// The greeting's text after `+OK`, exactly as the server sent it (APOP needs its timestamp):
    /// pass it through [`crate::text::safe_line`] before showing or logging it.
    pub fn greeting(&self) -> &str {
        &self.greeting
    }

    /// The bounds this session works with.
    pub fn limits(&self) -> &Limits {
        &self.conn.limits
    }

    /// Tells the client which server it talks to (used by OAUTHBEARER); `connect` does this.
    pub fn set_server(&mut self, host: &str, port: u16) {
        self.server = Some((host.to_owned(), port));
    }

    /// Asks for the capabilities (RFC 2449). A server without CAPA yields empty capabilities.
    pub async fn capa(&mut self) -> Result<&Capabilities, Error> {
        self.check(
            "CAPA",
            &[SessionState::Authorization, SessionState::Transaction],
        )?;
        self.command("CAPA", "CAPA").await?;
        let line = self.status_line().await?;
        match parse_reply(&line).map_err(|e| self.fail(e))? {
            Reply::Ok(_) => {
                let mut lines = Vec::new();
                let max = self.conn.limits.max_line.min(1024);
                let r = self
                    .conn
                    .read_lines(max, |l| {
                        lines.push(String::from_utf8_lossy(l).into_owned());
                        Ok(())
                    })
                    .await
                    .map_err(|e| match e {
                        Error::TooManyMessages(_) => Error::Protocol("endless CAPA".into()),
                        e => e,
                    });
                r.map_err(|e| self.fail(e))?;
                for l in &lines {
                    trace_line("S", l);
                }
                self.caps = Capabilities::parse(lines);
                self.capa_supported = Some(true);
            }
            Reply::Err { .. } if self.state == SessionState::Authorization => {
                self.caps = Capabilities::default();
                self.capa_supported = Some(false);
            }
            // Refused after login: keep what the server said before.
            Reply::Err { .. } => {}
            Reply::Continue(_) => {
                return Err(self.fail(Error::Protocol("continuation in reply to CAPA".into())));
            }
        }
        Ok(&self.caps)
    }

    /// Fails with `WrongState` (nothing sent) unless the session is in one of `allowed`, and
    /// with the earlier error if the connection broke.
    pub(crate) fn check(
        &self,
        command: &'static str,
        allowed: &[SessionState],
    ) -> Result<(), Error> {
        if let Some(e) = &self.broken {
            return Err(e.clone());
        }
        if !allowed.contains(&self.state) {
            return Err(Error::WrongState {
                command,
                state: self.state,
            });
        }
        Ok(())
    }

    /// Marks the connection unusable and hands the error back.
    pub(crate) fn fail(&mut self, e: Error) -> Error {
        if self.broken.is_none() {
            self.broken = Some(e.clone());
        }
        e
    }

    /// Sends one command line (without CRLF). `shown` is what the trace shows instead of
    /// `line` (credentials redacted). Data the server sent unasked is a protocol violation.
    pub(crate) async fn command(&mut self, line: &str, shown: &str) -> Result<(), Error> {
        if self.conn.buffered() > 0 {
            return Err(self.fail(Error::Protocol(
                "the server sent data nobody asked for".into(),
            )));
        }
        self.send(line, shown).await
    }

    /// Sends one command line without checking for unsolicited data (pipelining).
    pub(crate) async fn send(&mut self, line: &str, shown: &str) -> Result<(), Error> {
        if line.contains(['\r', '\n']) {
            return Err(Error::Protocol("line end inside a command argument".into()));
        }
        trace_line("C", shown);
        let mut bytes = Vec::with_capacity(line.len() + 2);
        bytes.extend_from_slice(line.as_bytes());
        bytes.extend_from_slice(b"\r\n");
        let r = self.conn.write(&bytes).await;
        r.map_err(|e| self.fail(e))
    }

    /// Sends several command lines in one write (pipelining).
    pub(crate) async fn send_batch(&mut self, lines: &[String]) -> Result<(), Error> {
        let mut bytes = Vec::new();
        for line in lines {
            trace_line("C", line);
            bytes.extend_from_slice(line.as_bytes());
            bytes.extend_from_slice(b"\r\n");
        }
        let r = self.conn.write(&bytes).await;
        r.map_err(|e| self.fail(e))
    }

    /// Reads one status line within `response_timeout`.
    pub(crate) async fn status_line(&mut self) -> Result<String, Error> {
        let deadline = self.conn.response_deadline();
        let r = self.conn.read_line(deadline, "a response").await;
        let line = r.map_err(|e| self.fail(e))?;
        let line = String::from_utf8_lossy(&line).into_owned();
        trace_line("S", &line);
        Ok(line)
    }

    /// Reads a status line and requires `+OK`. The outer error breaks the session; the inner
    /// one is the server's `-ERR`, typed.
    pub(crate) async fn reply(
        &mut self,
        context: ErrContext,
    ) -> Result<Result<String, Error>, Error> {
        let line = self.status_line().await?;
        match parse_reply(&line).map_err(|e| self.fail(e))? {
            Reply::Ok(text) => Ok(Ok(text)),
            Reply::Err { code, text } => Ok(Err(err_to_error(code.as_deref(), &text, context))),
            Reply::Continue(_) => {
                Err(self.fail(Error::Protocol("unexpected SASL continuation".into())))
            }
        }
    }

    /// Sends a command and requires `+OK`.
    pub(crate) async fn simple(
        &mut self,
        line: &str,
        shown: &str,
        context: ErrContext,
    ) -> Result<String, Error> {
        self.command(line, shown).await?;
        self.reply(context).await?
    }

    /// Reads the status line and body of a RETR/TOP response. Outer error: the session is
    /// broken; inner: this message failed (`-ERR`, too large).
    pub(crate) async fn message_reply(&mut self, n: u32) -> Result<Result<Vec<u8>, Error>, Error> {
        if let Err(e) = self.reply(ErrContext::Command).await? {
            return Ok(Err(e));
        }
        let hint = usize::try_from(n)
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| self.sizes.get(i))
            .copied()
            .unwrap_or(0);
        let limit = self.conn.limits.max_message_size;
        // Never trust a size from the server beyond a sane cap for the first allocation.
        let capacity = hint.min(limit).min(16 << 20).saturating_add(1024);
        let mut body = Vec::with_capacity(usize::try_from(capacity).unwrap_or(1 << 20));
        let r = self.conn.read_body(&mut body, limit).await;
        Ok(r.map_err(|e| self.fail(e))?.map(|()| body))
    }

    /// Closes the stream politely (TLS close_notify); errors do not matter any more.
    pub(crate) async fn shutdown(self) {
        let mut stream = self.conn.into_inner();
        let _ = tokio::time::timeout(std::time::Duration::from_secs(1), stream.shutdown()).await;
    }

    /// Takes the stream back for the TLS upgrade after `+OK` to STLS. Bytes the server sent
    /// after that `+OK` (before the handshake) are a STARTTLS injection: refused.
    pub(crate) fn into_stream_for_tls(self) -> Result<S, Error> {
        if self.conn.buffered() > 0 {
            return Err(Error::Protocol(
                "data after the +OK to STLS (possible STARTTLS injection)".into(),
            ));
        }
        Ok(self.conn.into_inner())
    }

    /// Continues a session on a new (TLS) stream: nothing learned before is kept except the
    /// greeting (needed for APOP).
    pub(crate) fn on_new_stream<T: AsyncRead + AsyncWrite + Unpin + Send>(
        greeting: String,
        server: Option<(String, u16)>,
        stream: T,
        limits: Limits,
    ) -> Client<T> {
        Client {
            conn: Conn::new(stream, limits),
            state: SessionState::Authorization,
            greeting,
            caps: Capabilities::default(),
            capa_supported: None,
            broken: None,
            server,
            sizes: Vec::new(),
            encrypted: false,
        }
    }

    /// The parts `on_new_stream` needs.
    pub(crate) fn greeting_and_server(&self) -> (String, Option<(String, u16)>) {
        (self.greeting.clone(), self.server.clone())
    }
}
