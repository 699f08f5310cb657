//! A tiny scripted POP3 server over `tokio::io::duplex`, for unit tests.
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader, DuplexStream, duplex};
use tokio::task::JoinHandle;

/// One step of the server's script.
pub(crate) enum Step {
    /// Write these bytes.
    Send(Vec<u8>),
    /// Read one command line and require it to be exactly this (without CRLF).
    Expect(String),
    /// Write these bytes one at a time with a pause between them.
    Trickle(Vec<u8>, Duration),
    /// Require that the client sends nothing more for now (e.g. beyond a pipelining window).
    Quiet,
    /// Close the connection now (the rest of the script is not run).
    Close,
}

/// Shorthand for `Step::Send`.
pub(crate) fn send(bytes: impl AsRef<[u8]>) -> Step {
    Step::Send(bytes.as_ref().to_vec())
}

/// Shorthand for `Step::Expect`.
pub(crate) fn expect(line: &str) -> Step {
    Step::Expect(line.to_owned())
}

/// Starts the server. The handle yields `Err` with a description when the client sent
/// something the script did not expect, including any command after the script's end.
pub(crate) fn serve(steps: Vec<Step>) -> (DuplexStream, JoinHandle<Result<(), String>>) {
    let (client, server) = duplex(1 << 16);
    let handle = tokio::spawn(async move {
        let (read, mut write) = tokio::io::split(server);
        let mut read = BufReader::new(read);
        for (i, step) in steps.into_iter().enumerate() {
            match step {
                Step::Send(bytes) => {
                    write
                        .write_all(&bytes)
                        .await
                        .map_err(|e| format!("step {i}: write: {e}"))?;
                }
                Step::Trickle(bytes, pause) => {
                    for b in bytes {
                        if write.write_all(&[b]).await.is_err() {
                            return Ok(());
                        }
                        tokio::time::sleep(pause).await;
                    }
                }
                Step::Expect(want) => {
                    let got = read_line(&mut read).await;
                    if got.as_deref() != Some(want.as_str()) {
                        return Err(format!("step {i}: expected {want:?}, got {got:?}"));
                    }
                }
                Step::Quiet => {
                    if !read.buffer().is_empty() {
                        return Err(format!("step {i}: the client sent more than expected"));
                    }
                    let more =
                        tokio::time::timeout(Duration::from_millis(50), read.fill_buf()).await;
                    if let Ok(Ok(buf)) = more
                        && !buf.is_empty()
                    {
                        let text = String::from_utf8_lossy(buf).into_owned();
                        return Err(format!(
                            "step {i}: the client sent more than expected: {text:?}"
                        ));
                    }
                }
                Step::Close => return Ok(()),
            }
        }
        match read_line(&mut read).await {
            None => Ok(()),
            Some(extra) => Err(format!("unexpected command after the script: {extra:?}")),
        }
    });
    (client, handle)
}

async fn read_line(read: &mut BufReader<tokio::io::ReadHalf<DuplexStream>>) -> Option<String> {
    let mut line = String::new();
    match read.read_line(&mut line).await {
        Ok(0) | Err(_) => None,
        Ok(_) => Some(line.trim_end_matches(['\r', '\n']).to_owned()),
    }
}
