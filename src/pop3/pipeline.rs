//! RFC 2449 PIPELINING: RETR and DELE batches with a bounded window of commands in flight.
//! Without PIPELINING the same code runs with a window of one, so results are identical.
use tokio::io::{AsyncRead, AsyncWrite};

use super::client::Client;
use super::error::{Error, SessionState};
use super::response::ErrContext;

impl<S: AsyncRead + AsyncWrite + Unpin + Send> Client<S> {
    /// RETR for each of `ns`, with up to `window` commands in flight when the server offers
    /// PIPELINING (one at a time otherwise). A `-ERR` or an over-large message is that
    /// message's `Err`; a broken connection is the outer `Err`.
    pub async fn retr_many(
        &mut self,
        ns: &[u32],
        window: usize,
    ) -> Result<Vec<(u32, Result<Vec<u8>, Error>)>, Error> {
        self.check("RETR", &[SessionState::Transaction])?;
        let results = self.pipelined(ns, window, Op::Retr).await?;
        Ok(results
            .into_iter()
            .map(|(n, r)| (n, r.map(Option::unwrap_or_default)))
            .collect())
    }

    /// DELE for each of `ns`, pipelined like `retr_many`.
    pub async fn dele_many(
        &mut self,
        ns: &[u32],
        window: usize,
    ) -> Result<Vec<(u32, Result<(), Error>)>, Error> {
        self.check("DELE", &[SessionState::Transaction])?;
        let results = self.pipelined(ns, window, Op::Dele).await?;
        Ok(results
            .into_iter()
            .map(|(n, r)| (n, r.map(|_| ())))
            .collect())
    }

    /// The window actually used: 1 without PIPELINING.
    pub fn effective_window(&self, window: usize) -> usize {
        if self.caps.pipelining {
            window.max(1)
        } else {
            1
        }
    }

    /// Sends `op` for each of `ns` with at most `window` in flight and reads the replies in
    /// order. RETR replies carry the body; DELE replies `None`.
    async fn pipelined(&mut self, ns: &[u32], window: usize, op: Op) -> Result<Replies, Error> {
        let verb = match op {
            Op::Retr => "RETR",
            Op::Dele => "DELE",
        };
        let window = self.effective_window(window);
        let mut results = Vec::with_capacity(ns.len());
        if ns.is_empty() {
            return Ok(results);
        }
        if self.conn.buffered() > 0 {
            return Err(self.fail(Error::Protocol(
                "the server sent data nobody asked for".into(),
            )));
        }
        let mut sent = 0;
        for (done, &n) in ns.iter().enumerate() {
            // Refill when half the window has been answered, in one write.
            if sent < ns.len() && sent - done <= window / 2 {
                let upto = ns.len().min(done + window);
                let batch: Vec<String> = ns[sent..upto]
                    .iter()
                    .map(|n| format!("{verb} {n}"))
                    .collect();
                self.send_batch(&batch).await?;
                sent = upto;
            }
            let r = match op {
                Op::Retr => self.message_reply(n).await?.map(Some),
                Op::Dele => self.reply(ErrContext::Command).await?.map(|_| None),
            };
            results.push((n, r));
        }
        Ok(results)
    }
}

/// What a pipelined batch returns per message: the body for RETR, `None` for DELE.
type Replies = Vec<(u32, Result<Option<Vec<u8>>, Error>)>;

#[derive(Debug, Clone, Copy)]
enum Op {
    Retr,
    Dele,
}
