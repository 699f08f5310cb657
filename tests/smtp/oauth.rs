//! Sending with a provider's access token (SASL XOAUTH2), against scripted servers: Google's
//! one-step form (the token on the AUTH line) and the failure form both providers use (a 334
//! challenge carrying JSON, an empty answer, then 535).
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;

use super::*;

const EHLO_OAUTH: &str = "250-smtp.gmail.com\r\n250-SIZE 35882577\r\n250-8BITMIME\r\n\
                          250-AUTH LOGIN PLAIN XOAUTH2 PLAIN-CLIENTTOKEN OAUTHBEARER\r\n\
                          250 ENHANCEDSTATUSCODES\r\n";

fn token_credentials(token: &str) -> Credentials {
    Credentials {
        user: "anna@gmail.com".into(),
        secret: Password::new(token),
        method: AuthMethod::XOAuth2,
    }
}

#[tokio::test]
async fn a_token_signs_in_with_xoauth2_in_one_step() {
    let token = format!("ya29.{}", "a".repeat(1500));
    let mut script = vec![
        Send("220 smtp.gmail.com ESMTP\r\n"),
        Expect("EHLO "),
        Send(EHLO_OAUTH),
        Expect("AUTH XOAUTH2 "),
        Send("235 2.7.0 Accepted\r\n"),
    ];
    script.extend(up_to_the_dot());
    script.extend([
        Send("250 2.0.0 OK\r\n"),
        Expect("QUIT"),
        Send("221 bye\r\n"),
    ]);
    let (port, seen) = server(vec![script]).await;
    let opts = options(port, Security::Plain);
    let outcome = smtp::submit(
        &opts,
        Some(&token_credentials(&token)),
        &envelope(&["ben@example.org"]),
        b"Subject: x\r\n\r\ny\r\n",
    )
    .await;
    assert!(matches!(outcome, Outcome::Accepted { .. }), "{outcome:?}");
    let seen = seen.lock().unwrap().clone();
    let auth = seen.lines.iter().find(|l| l.starts_with("AUTH")).unwrap();
    let sent = B64
        .decode(auth.trim_start_matches("AUTH XOAUTH2 "))
        .unwrap();
    assert_eq!(
        sent,
        format!("user=anna@gmail.com\x01auth=Bearer {token}\x01\x01").into_bytes()
    );
}

#[tokio::test]
async fn a_refused_token_ends_the_exchange_with_an_empty_answer_and_an_auth_error() {
    let (port, seen) = server(vec![vec![
        Send("220 smtp.gmail.com ESMTP\r\n"),
        Expect("EHLO "),
        Send(EHLO_OAUTH),
        Expect("AUTH XOAUTH2 "),
        // {"status":"400","schemes":"Bearer","scope":"https://mail.google.com/"}
        Send("334 eyJzdGF0dXMiOiI0MDAiLCJzY2hlbWVzIjoiQmVhcmVyIiwic2NvcGUiOiJodHRwczovL21haWwuZ29vZ2xlLmNvbS8ifQ==\r\n"),
        Expect(""),
        Send("535-5.7.8 Username and Password not accepted.\r\n535 5.7.8 Learn more\r\n"),
        Expect("QUIT"),
        Send("221 bye\r\n"),
    ]])
    .await;
    let opts = options(port, Security::Plain);
    let outcome = smtp::submit(
        &opts,
        Some(&token_credentials("expired-token")),
        &envelope(&["ben@example.org"]),
        b"x\r\n",
    )
    .await;
    let error = not_sent(outcome);
    assert!(matches!(error, Error::AuthRejected(_)), "{error}");
    let seen = seen.lock().unwrap().clone();
    // the answer to the error challenge was the empty line, and no MAIL followed
    assert!(seen.lines.iter().any(String::is_empty), "{:?}", seen.lines);
    assert!(!seen.lines.iter().any(|l| l.starts_with("MAIL")));
    assert!(!error.details().contains("expired-token"));
}
