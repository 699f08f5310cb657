//! The floor: what the wire allows. A minimal blocking POP3 loop that logs in with USER/PASS,
//! pipelines `RETR` for every message (a window of commands in flight), finds each response's
//! end and throws the bytes away; in delete mode it then pipelines `DELE` and sends `QUIT`.
//! No parsing, no storage, no fsync: every real client must be slower than this.
//!
//! Run as a subprocess of the benchmark (`fetch --floor …`) so it is timed and measured
//! (peak RSS) exactly like the real clients. Prints `<messages> <bytes>`.
use std::io::{self, Read, Write};
use std::net::TcpStream;

/// Commands in flight.
const WINDOW: usize = 32;

trait Stream: Read + Write {}
impl<T: Read + Write> Stream for T {}

/// A client context that trusts the CA in `pem` and nothing else.
fn floor_tls(pem: &[u8]) -> io::Result<openssl::ssl::SslContext> {
    use openssl::ssl::{SslContextBuilder, SslMethod, SslVerifyMode};
    let mut builder = SslContextBuilder::new(SslMethod::tls_client()).map_err(io::Error::other)?;
    builder.set_verify(SslVerifyMode::PEER);
    let cert = openssl::x509::X509::from_pem(pem).map_err(io::Error::other)?;
    builder
        .cert_store_mut()
        .add_cert(cert)
        .map_err(io::Error::other)?;
    Ok(builder.build())
}

/// Arguments after `--floor`: host port tls|plain ca-file user password keep|delete.
pub fn main(args: &[String]) -> io::Result<()> {
    let [host, port, security, ca, user, password, mode] = args else {
        return Err(io::Error::other(
            "usage: --floor host port tls|plain ca user password keep|delete",
        ));
    };
    let port: u16 = port.parse().map_err(io::Error::other)?;
    let tcp = TcpStream::connect((host.as_str(), port))?;
    tcp.set_nodelay(true)?;
    let stream: Box<dyn Stream> = if security == "tls" {
        let started = std::time::Instant::now();
        let pem = std::fs::read(ca)?;
        // OpenSSL with exactly the test CA: no system trust store is read (Postfach reads it
        // lazily, one file per issuer; see src/pop3/tls/backend_openssl.rs).
        let connector = floor_tls(&pem)?;
        if std::env::var_os("POSTFACH_BENCH_DEBUG").is_some() {
            eprintln!("TLS connector built in {:?}", started.elapsed());
        }
        let mut ssl = openssl::ssl::Ssl::new(&connector).map_err(io::Error::other)?;
        match host.parse::<std::net::IpAddr>() {
            Ok(ip) => ssl.param_mut().set_ip(ip).map_err(io::Error::other)?,
            Err(_) => {
                ssl.set_hostname(host).map_err(io::Error::other)?;
                ssl.param_mut().set_host(host).map_err(io::Error::other)?;
            }
        }
        Box::new(ssl.connect(tcp).map_err(io::Error::other)?)
    } else {
        Box::new(tcp)
    };
    let mut c = Conn {
        stream,
        buf: vec![0; 256 * 1024],
        pos: 0,
        end: 0,
    };
    c.status()?; // greeting
    c.send(format!("USER {user}\r\n").as_bytes())?;
    c.status()?;
    c.send(format!("PASS {password}\r\n").as_bytes())?;
    c.status()?;
    c.send(b"STAT\r\n")?;
    let stat = c.status()?;
    let count: usize = stat
        .split_whitespace()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| io::Error::other(format!("bad STAT reply {stat:?}")))?;

    let mut bytes = 0u64;
    pipelined(&mut c, count, "RETR", |c| {
        bytes += c.body()?;
        Ok(())
    })?;
    if mode == "delete" {
        pipelined(&mut c, count, "DELE", |_| Ok(()))?;
    }
    c.send(b"QUIT\r\n")?;
    c.status()?;
    println!("{count} {bytes}");
    Ok(())
}

/// Sends `verb n` for n in 1..=count with at most WINDOW in flight; `each` reads what follows a
/// `+OK` status line.
fn pipelined(
    c: &mut Conn,
    count: usize,
    verb: &str,
    mut each: impl FnMut(&mut Conn) -> io::Result<()>,
) -> io::Result<()> {
    let mut sent = 0;
    for done in 0..count {
        if sent < count && sent - done <= WINDOW / 2 {
            let upto = count.min(done + WINDOW);
            let mut cmds = String::new();
            for n in sent + 1..=upto {
                cmds.push_str(&format!("{verb} {n}\r\n"));
            }
            c.send(cmds.as_bytes())?;
            sent = upto;
        }
        c.status()?;
        each(c)?;
    }
    Ok(())
}

struct Conn {
    stream: Box<dyn Stream>,
    buf: Vec<u8>,
    pos: usize,
    end: usize,
}

impl Conn {
    fn send(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.stream.write_all(bytes)?;
        self.stream.flush()
    }

    fn fill(&mut self) -> io::Result<()> {
        if self.pos == self.end {
            self.pos = 0;
            self.end = 0;
        } else if self.pos > 0 {
            self.buf.copy_within(self.pos..self.end, 0);
            self.end -= self.pos;
            self.pos = 0;
        }
        if self.end == self.buf.len() {
            let len = self.buf.len();
            self.buf.resize(len * 2, 0);
        }
        let n = self.stream.read(&mut self.buf[self.end..])?;
        if n == 0 {
            return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "closed"));
        }
        self.end += n;
        Ok(())
    }

    /// One status line; `-ERR` is an error.
    fn status(&mut self) -> io::Result<String> {
        loop {
            let avail = &self.buf[self.pos..self.end];
            if let Some(i) = avail.iter().position(|&b| b == b'\n') {
                let line = String::from_utf8_lossy(&avail[..i]).trim_end().to_owned();
                self.pos += i + 1;
                if !line.starts_with("+OK") {
                    return Err(io::Error::other(format!("server said {line:?}")));
                }
                return Ok(line);
            }
            self.fill()?;
        }
    }

    /// Skips a multi-line body up to and including its `.` line; returns the body's size on
    /// the wire (dot-stuffed, without the terminator).
    fn body(&mut self) -> io::Result<u64> {
        let mut size = 0u64;
        loop {
            // At a line start: the terminator?
            let avail = &self.buf[self.pos..self.end];
            if avail.len() < 3 {
                self.fill()?;
                continue;
            }
            if avail.starts_with(b".\r\n") {
                self.pos += 3;
                return Ok(size);
            }
            match avail.iter().position(|&b| b == b'\n') {
                Some(i) => {
                    size += i as u64 + 1;
                    self.pos += i + 1;
                }
                None => {
                    size += avail.len() as u64;
                    self.pos = self.end;
                    // The rest of this line is not a line start: read on until its end.
                    loop {
                        self.fill()?;
                        let avail = &self.buf[self.pos..self.end];
                        if let Some(i) = avail.iter().position(|&b| b == b'\n') {
                            size += i as u64 + 1;
                            self.pos += i + 1;
                            break;
                        }
                        size += avail.len() as u64;
                        self.pos = self.end;
                    }
                }
            }
        }
    }
}

/// Logs in over plain text, asks `STAT`, `LIST` and `UIDL` (which makes Dovecot index freshly
/// seeded mail and compute its sizes, so no timed client pays for that), quits, and returns the
/// number of messages.
pub fn warm(host: &str, port: u16, user: &str, password: &str) -> io::Result<usize> {
    let tcp = TcpStream::connect((host, port))?;
    let mut c = Conn {
        stream: Box::new(tcp),
        buf: vec![0; 64 * 1024],
        pos: 0,
        end: 0,
    };
    c.status()?;
    c.send(format!("USER {user}\r\n").as_bytes())?;
    c.status()?;
    c.send(format!("PASS {password}\r\n").as_bytes())?;
    c.status()?;
    c.send(b"STAT\r\n")?;
    let stat = c.status()?;
    for cmd in [&b"LIST\r\n"[..], b"UIDL\r\n"] {
        c.send(cmd)?;
        c.status()?;
        c.body()?;
    }
    c.send(b"QUIT\r\n")?;
    c.status()?;
    stat.split_whitespace()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| io::Error::other(format!("bad STAT reply {stat:?}")))
}
