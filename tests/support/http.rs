//! A local HTTP server for the tests that must show what the app fetches from the internet: it
//! answers every request with a small PNG, counts the connections made to it (when they are
//! made, whatever is sent) and records the paths asked for. "Nothing fetched" is
//! `connections() == 0`.
use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::mail::png;

/// A local HTTP server that answers every request with a PNG and keeps the paths asked for.
pub struct PictureServer {
    pub url: String,
    paths: Arc<Mutex<Vec<String>>>,
    connections: Arc<AtomicUsize>,
}

impl PictureServer {
    pub fn start() -> Result<PictureServer, Box<dyn std::error::Error>> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let url = format!("http://{}", listener.local_addr()?);
        let paths = Arc::new(Mutex::new(Vec::new()));
        let kept = Arc::clone(&paths);
        let connections = Arc::new(AtomicUsize::new(0));
        let counted = Arc::clone(&connections);
        let picture = png(30, 20, 200);
        std::thread::spawn(move || {
            for mut stream in listener.incoming().flatten() {
                counted.fetch_add(1, Ordering::SeqCst);
                // a client that sends nothing must not stop the server
                let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
                let mut head = Vec::new();
                let mut byte = [0u8; 1];
                while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).is_ok_and(|n| n == 1) {
                    head.push(byte[0]);
                }
                let head = String::from_utf8_lossy(&head).into_owned();
                let path = head.split(' ').nth(1).unwrap_or_default().to_owned();
                if let Ok(mut p) = kept.lock() {
                    p.push(path);
                }
                let mut answer = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: {}\r\n\
                     Connection: close\r\n\r\n",
                    picture.len()
                )
                .into_bytes();
                answer.extend_from_slice(&picture);
                let _ = stream.write_all(&answer);
            }
        });
        Ok(PictureServer {
            url,
            paths,
            connections,
        })
    }

    /// The connections made so far.
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    /// The paths asked for so far, sorted.
    pub fn asked(&self) -> Vec<String> {
        let mut p = self.paths.lock().map(|p| p.clone()).unwrap_or_default();
        p.sort();
        p
    }
}
