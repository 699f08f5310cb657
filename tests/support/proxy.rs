//! A TCP proxy that cuts connections at chosen points.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;

/// When the proxy cuts the connection.
#[derive(Debug, Clone)]
pub enum Trigger {
    /// After this many bytes from the server (mid-RETR for large enough values).
    ServerBytes(usize),
    /// When the client sends a line starting with this text (the server never sees it).
    ClientSends(&'static str),
}

/// A TCP proxy on 127.0.0.1 that forwards to a local port and cuts the first connection that
/// meets its trigger while armed.
pub struct Proxy {
    port: u16,
    armed: Arc<AtomicBool>,
    fired: Arc<AtomicBool>,
}

impl Proxy {
    pub fn start(target: u16, trigger: Trigger) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind proxy");
        let port = listener.local_addr().expect("addr").port();
        let armed = Arc::new(AtomicBool::new(true));
        let fired = Arc::new(AtomicBool::new(false));
        let (a, f) = (Arc::clone(&armed), Arc::clone(&fired));
        thread::spawn(move || {
            for client in listener.incoming() {
                let Ok(client) = client else { break };
                let Ok(upstream) = TcpStream::connect(("127.0.0.1", target)) else {
                    continue;
                };
                let (a, f, t) = (Arc::clone(&a), Arc::clone(&f), trigger.clone());
                thread::spawn(move || relay(client, upstream, t, a, f));
            }
        });
        Proxy { port, armed, fired }
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn fired(&self) -> bool {
        self.fired.load(Ordering::SeqCst)
    }

    /// From now on, pass everything through.
    pub fn disarm(&self) {
        self.armed.store(false, Ordering::SeqCst);
    }

    /// From the next connection on, cut again when the trigger is met.
    pub fn rearm(&self) {
        self.fired.store(false, Ordering::SeqCst);
        self.armed.store(true, Ordering::SeqCst);
    }
}

fn relay(
    client: TcpStream,
    upstream: TcpStream,
    trigger: Trigger,
    armed: Arc<AtomicBool>,
    fired: Arc<AtomicBool>,
) {
    let (Ok(c), Ok(u)) = (client.try_clone(), upstream.try_clone()) else {
        return;
    };
    let (c, u) = (Arc::new(c), Arc::new(u));
    let cut = move || {
        let _ = c.shutdown(Shutdown::Both);
        let _ = u.shutdown(Shutdown::Both);
    };
    let armed_now = armed.load(Ordering::SeqCst);
    // server → client
    let (mut from_server, mut to_client) = match (upstream.try_clone(), client.try_clone()) {
        (Ok(a), Ok(b)) => (a, b),
        _ => return,
    };
    let (f1, cut1, t1) = (Arc::clone(&fired), cut.clone(), trigger.clone());
    let down = thread::spawn(move || {
        let mut total = 0usize;
        let mut buf = [0u8; 16 * 1024];
        loop {
            let n = match from_server.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            if let (true, Trigger::ServerBytes(limit)) = (armed_now, &t1)
                && total + n >= *limit
            {
                let _ = to_client.write_all(&buf[..limit - total]);
                f1.store(true, Ordering::SeqCst);
                cut1();
                break;
            }
            total += n;
            if to_client.write_all(&buf[..n]).is_err() {
                break;
            }
        }
        cut1();
    });
    // client → server, line-aware for ClientSends
    let (mut from_client, mut to_server) = (client, upstream);
    let mut pending: Vec<u8> = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let n = match from_client.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        pending.extend_from_slice(&buf[..n]);
        let mut stop = false;
        while let Some(pos) = pending.iter().position(|&b| b == b'\n') {
            let line: Vec<u8> = pending.drain(..=pos).collect();
            if let (true, Trigger::ClientSends(prefix)) = (armed_now, &trigger)
                && line.starts_with(prefix.as_bytes())
            {
                fired.store(true, Ordering::SeqCst);
                stop = true;
                break;
            }
            if to_server.write_all(&line).is_err() {
                stop = true;
                break;
            }
        }
        if stop {
            break;
        }
    }
    cut();
    let _ = down.join();
}
