use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use super::*;

/// What a browser following the redirect sees: the status line and the page.
fn browse(port: u16, target: &str) -> std::io::Result<(String, String)> {
    let mut s = TcpStream::connect(("127.0.0.1", port))?;
    write!(s, "GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n")?;
    let mut answer = String::new();
    s.read_to_string(&mut answer)?;
    let status = answer.lines().next().unwrap_or_default().to_owned();
    let body = answer
        .split("\r\n\r\n")
        .nth(1)
        .unwrap_or_default()
        .to_owned();
    Ok((status, body))
}

/// Starts waiting on a thread; gives the port, whether ::1 listens too, and the thread.
fn waiting_on(
    state: &'static str,
    timeout: Duration,
) -> (u16, bool, std::thread::JoinHandle<Result<String, Error>>) {
    let lb = Loopback::bind().unwrap();
    let uri = lb.redirect_uri("localhost");
    let port: u16 = uri
        .trim_start_matches("http://localhost:")
        .trim_end_matches('/')
        .parse()
        .unwrap();
    let v6 = lb.listeners.len() == 2;
    let handle = std::thread::spawn(move || lb.wait(state, timeout, &AtomicBool::new(false)));
    (port, v6, handle)
}

/// The same, for a browser on 127.0.0.1.
fn waiting(
    state: &'static str,
    timeout: Duration,
) -> (u16, std::thread::JoinHandle<Result<String, Error>>) {
    let (port, _, handle) = waiting_on(state, timeout);
    (port, handle)
}

#[test]
fn one_redirect_with_our_state_gives_the_code_and_then_nothing_listens() {
    let _lang = crate::i18n::hold(crate::i18n::Language::German);
    let (port, handle) = waiting("s-1", Duration::from_secs(60));
    // a browser's side request is not the redirect
    let (status, _) = browse(port, "/favicon.ico").unwrap();
    assert!(status.contains("404"), "{status}");
    let (status, page) = browse(port, "/?state=s-1&code=the%2Bcode&scope=x").unwrap();
    assert!(status.contains("200"), "{status}");
    assert!(
        page.contains("Sie können dieses Fenster schließen"),
        "{page}"
    );
    assert_eq!(handle.join().unwrap(), Ok("the+code".to_owned()));
    // a second redirect finds no one listening
    assert!(browse(port, "/?state=s-1&code=again").is_err());
}

#[test]
fn a_browser_reaching_localhost_over_ipv6_is_heard_too() {
    let (port, v6, handle) = waiting_on("s", Duration::from_secs(60));
    let host = if v6 { "::1" } else { "127.0.0.1" };
    let mut s = TcpStream::connect((host, port)).unwrap();
    write!(
        s,
        "GET /?state=s&code=c6 HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    s.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert_eq!(handle.join().unwrap(), Ok("c6".to_owned()));
}

#[test]
fn a_redirect_with_another_state_is_refused() {
    let _lang = crate::i18n::hold(crate::i18n::Language::English);
    let (port, handle) = waiting("ours", Duration::from_secs(60));
    let (status, page) = browse(port, "/?state=theirs&code=stolen").unwrap();
    assert!(status.contains("400"), "{status}");
    assert!(page.contains("did not work"), "{page}");
    assert_eq!(handle.join().unwrap(), Err(Error::WrongState));
    // and one without any state too
    let (port, handle) = waiting("ours", Duration::from_secs(60));
    let _ = browse(port, "/?code=stolen").unwrap();
    assert_eq!(handle.join().unwrap(), Err(Error::WrongState));
}

#[test]
fn a_refusal_by_the_provider_is_reported() {
    let (port, handle) = waiting("s", Duration::from_secs(60));
    let _ = browse(port, "/?state=s&error=access_denied").unwrap();
    assert_eq!(
        handle.join().unwrap(),
        Err(Error::Denied("access_denied".into()))
    );
}

#[test]
fn the_wait_ends_without_a_redirect_and_when_cancelled() {
    let (_port, handle) = waiting("s", Duration::from_millis(300));
    assert_eq!(handle.join().unwrap(), Err(Error::TimedOut));
    let lb = Loopback::bind().unwrap();
    let cancel = AtomicBool::new(true);
    assert_eq!(
        lb.wait("s", Duration::from_secs(60), &cancel),
        Err(Error::Cancelled)
    );
}
