//! The bounded client against a local HTTP server started here: a picture, a body too large, a
//! body too slow, redirects (to `file:`, in a loop, with a cookie) and what each request carried.
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::*;

type R = Result<(), Box<dyn std::error::Error>>;

/// A tiny PNG's first bytes (enough: nothing is decoded here).
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";

/// A local server: answers by path and keeps each request's head.
struct Server {
    base: String,
    heads: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start() -> Result<Server, Box<dyn std::error::Error>> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let base = format!("http://{}", listener.local_addr()?);
        let heads = Arc::new(Mutex::new(Vec::new()));
        let kept = Arc::clone(&heads);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let kept = Arc::clone(&kept);
                std::thread::spawn(move || serve(stream, &kept));
            }
        });
        Ok(Server { base, heads })
    }

    fn heads(&self) -> Vec<String> {
        self.heads.lock().map(|h| h.clone()).unwrap_or_default()
    }
}

fn serve(mut stream: TcpStream, heads: &Mutex<Vec<String>>) {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && head.len() < 16 * 1024 {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => return,
        }
    }
    let head = String::from_utf8_lossy(&head).into_owned();
    let path = head.split(' ').nth(1).unwrap_or("/").to_owned();
    if let Ok(mut h) = heads.lock() {
        h.push(head);
    }
    let answer = |status: &str, extra: &str, body: &[u8]| {
        let mut out = format!(
            "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n{extra}\r\n",
            body.len()
        )
        .into_bytes();
        out.extend_from_slice(body);
        out
    };
    let out = match path.as_str() {
        "/pic.png" => answer("200 OK", "Content-Type: image/png\r\n", PNG),
        "/big" => answer("200 OK", "", &vec![b'x'; 64 * 1024]),
        "/endless" => {
            // no length: reads until the connection closes
            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n");
            let chunk = vec![b'x'; 8 * 1024];
            for _ in 0..1024 {
                if stream.write_all(&chunk).is_err() {
                    return;
                }
            }
            return;
        }
        "/slow" => {
            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc");
            std::thread::sleep(Duration::from_secs(3));
            return;
        }
        "/to-file" => answer("302 Found", "Location: file:///etc/passwd\r\n", b""),
        "/to-data" => answer("301 Moved", "Location: data:image/png;base64,AAAA\r\n", b""),
        "/loop" => answer("302 Found", "Location: /loop\r\n", b""),
        "/cookie" => answer(
            "302 Found",
            "Set-Cookie: track=me; Path=/\r\nLocation: /pic.png\r\n",
            b"",
        ),
        "/gone" => answer("404 Not Found", "", b"no"),
        _ => answer("500 Oops", "", b""),
    };
    let _ = stream.write_all(&out);
}

fn quick() -> Limits {
    Limits {
        timeout: Duration::from_millis(800),
        max_bytes: 16 * 1024,
        max_redirects: 3,
    }
}

#[test]
fn a_picture_is_fetched_with_a_neutral_request() -> R {
    let server = Server::start()?;
    let bytes = fetch_image(&format!("{}/pic.png", server.base), quick())?;
    assert_eq!(bytes, PNG);
    let heads = server.heads();
    assert_eq!(heads.len(), 1);
    let head = heads[0].to_ascii_lowercase();
    assert!(head.starts_with("get /pic.png http/1.1\r\n"), "{head}");
    assert!(head.contains("user-agent: mozilla/5.0\r\n"), "{head}");
    assert!(!head.contains("referer"), "no referrer: {head}");
    assert!(!head.contains("cookie"), "no cookie: {head}");
    assert!(!head.contains("accept-encoding"), "no compression: {head}");
    Ok(())
}

#[test]
fn a_body_beyond_the_cap_is_not_read() -> R {
    let server = Server::start()?;
    let big = fetch_image(&format!("{}/big", server.base), quick());
    assert!(matches!(big, Err(Error::TooLarge(_))), "{big:?}");
    let endless = fetch_image(&format!("{}/endless", server.base), quick());
    assert!(matches!(endless, Err(Error::TooLarge(_))), "{endless:?}");
    Ok(())
}

#[test]
fn a_slow_server_times_out() -> R {
    let server = Server::start()?;
    let started = std::time::Instant::now();
    let slow = fetch_image(&format!("{}/slow", server.base), quick());
    assert!(
        matches!(slow, Err(Error::Timeout | Error::Network(_))),
        "{slow:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "the deadline held"
    );
    Ok(())
}

#[test]
fn only_web_addresses_are_fetched_also_after_a_redirect() -> R {
    let server = Server::start()?;
    for url in [
        "file:///etc/passwd",
        "data:image/png;base64,AAAA",
        "ftp://example.org/x.png",
        "javascript:alert(1)",
    ] {
        let r = fetch_image(url, quick());
        assert!(matches!(r, Err(Error::Scheme(_))), "{url}: {r:?}");
    }
    assert!(matches!(
        fetch_image("not a url", quick()),
        Err(Error::Address(_))
    ));
    let file = fetch_image(&format!("{}/to-file", server.base), quick());
    assert_eq!(file, Err(Error::Scheme("file".into())));
    let data = fetch_image(&format!("{}/to-data", server.base), quick());
    assert_eq!(data, Err(Error::Scheme("data".into())));
    assert_eq!(
        server.heads().len(),
        2,
        "only the two redirects were asked for"
    );
    Ok(())
}

#[test]
fn redirects_are_capped() -> R {
    let server = Server::start()?;
    let r = fetch_image(&format!("{}/loop", server.base), quick());
    assert_eq!(r, Err(Error::TooManyRedirects(3)));
    assert_eq!(
        server.heads().len(),
        4,
        "the first request and three redirects"
    );
    let gone = fetch_image(&format!("{}/gone", server.base), quick());
    assert_eq!(gone, Err(Error::Status(404)));
    Ok(())
}

#[test]
fn a_cookie_set_by_the_server_is_never_sent_back() -> R {
    let server = Server::start()?;
    let fetcher = Fetcher::new(quick());
    assert_eq!(
        fetcher.fetch_blocking(&format!("{}/cookie", server.base))?,
        PNG
    );
    assert_eq!(
        fetcher.fetch_blocking(&format!("{}/cookie", server.base))?,
        PNG
    );
    let heads = server.heads();
    assert_eq!(heads.len(), 4);
    for head in heads {
        assert!(!head.to_ascii_lowercase().contains("cookie:"), "{head}");
    }
    Ok(())
}

#[test]
fn several_pictures_are_fetched_a_few_at_a_time() -> R {
    let server = Server::start()?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let fetcher = Fetcher::new(quick());
    let results = runtime.block_on(async {
        let mut tasks = Vec::new();
        for _ in 0..10 {
            let f = fetcher.clone();
            let url = format!("{}/pic.png", server.base);
            tasks.push(tokio::spawn(async move { f.fetch(url).await }));
        }
        let mut out = Vec::new();
        for t in tasks {
            out.push(t.await);
        }
        out
    });
    for r in results {
        assert_eq!(r?, Ok(PNG.to_vec()));
    }
    assert_eq!(server.heads().len(), 10);
    Ok(())
}
