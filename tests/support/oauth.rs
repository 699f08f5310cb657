//! A local OAuth 2.0 authorization server for the sign-in tests: it issues codes (checking
//! PKCE: the S256 of the verifier must equal the challenge), access and refresh tokens
//! (rotating the refresh token on every refresh, as Microsoft does), answers Dovecot's token
//! introspection (RFC 7662), and can revoke a user's sign-in. It signs every request in as
//! the one user it was started for. [`follow`] plays the browser.
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64URL;
use sha2::{Digest, Sha256};

/// The client ID the server knows.
pub const CLIENT_ID: &str = "postfach-test-client";

#[derive(Default)]
struct State {
    user: String,
    base: String,
    expires_in: u64,
    refresh_len: usize,
    /// code → (challenge, redirect URI)
    codes: HashMap<String, (String, String)>,
    /// access token → still active
    access: HashMap<String, bool>,
    /// refresh tokens still valid
    refresh: Vec<String>,
    /// every token and code handed out, for the "never logged" checks
    issued: Vec<String>,
    refreshes: usize,
    counter: u64,
    /// what a PKCE check refused, if anything
    pkce_refused: usize,
    /// device code → whether the user has entered its code and signed in
    devices: HashMap<String, bool>,
    /// device codes are entered at once (the user is quick)
    devices_at_once: bool,
    /// device codes handed out
    device_codes: usize,
}

impl State {
    fn token(&mut self, kind: &str, len: usize) -> String {
        self.counter += 1;
        let mut bytes = [0u8; 16];
        let _ = getrandom::fill(&mut bytes);
        let mut t = format!("{kind}-{}-{}", self.counter, hex::encode(bytes));
        while t.len() < len {
            t.push_str(&hex::encode(bytes));
        }
        t.truncate(len.max(20));
        self.issued.push(t.clone());
        t
    }

    fn grant(&mut self) -> String {
        let access = self.token("at", 40);
        let refresh = self.token("rt", self.refresh_len);
        let _ = self.access.insert(access.clone(), true);
        self.refresh.push(refresh.clone());
        format!(
            r#"{{"access_token":"{access}","token_type":"Bearer","expires_in":{},"refresh_token":"{refresh}"}}"#,
            self.expires_in
        )
    }
}

/// The running server; it stops with the test process.
#[derive(Clone)]
pub struct AuthServer {
    /// `http://127.0.0.1:PORT`: `/authorize`, `/token`, `/introspect`.
    pub base: String,
    state: Arc<Mutex<State>>,
}

impl AuthServer {
    /// Signs everyone in as `user`; access tokens say they last `expires_in` seconds; refresh
    /// tokens are `refresh_len` bytes long.
    pub fn start(user: &str, expires_in: u64, refresh_len: usize) -> AuthServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let state = Arc::new(Mutex::new(State {
            user: user.to_owned(),
            base: base.clone(),
            expires_in,
            refresh_len,
            ..State::default()
        }));
        let shared = Arc::clone(&state);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let shared = Arc::clone(&shared);
                std::thread::spawn(move || {
                    let _ = serve(stream, &shared);
                });
            }
        });
        AuthServer { base, state }
    }

    /// The introspection endpoint for Dovecot.
    pub fn introspection_url(&self) -> String {
        format!("{}/introspect", self.base)
    }

    /// How many refresh grants were answered with new tokens.
    pub fn refreshes(&self) -> usize {
        self.state.lock().unwrap().refreshes
    }

    /// How many code exchanges were refused for a wrong PKCE verifier.
    pub fn pkce_refused(&self) -> usize {
        self.state.lock().unwrap().pkce_refused
    }

    /// The refresh tokens still valid.
    pub fn valid_refresh_tokens(&self) -> Vec<String> {
        self.state.lock().unwrap().refresh.clone()
    }

    /// Every code and token handed out so far.
    pub fn issued(&self) -> Vec<String> {
        self.state.lock().unwrap().issued.clone()
    }

    /// The access tokens handed out so far stop working (as when they expire).
    pub fn expire_access_tokens(&self) {
        let mut s = self.state.lock().unwrap();
        s.access.values_mut().for_each(|a| *a = false);
    }

    /// From now on every device code is entered (and the user signed in) as soon as it is
    /// handed out.
    pub fn approve_devices_at_once(&self) {
        self.state.lock().unwrap().devices_at_once = true;
    }

    /// How many device codes were handed out.
    pub fn device_codes(&self) -> usize {
        self.state.lock().unwrap().device_codes
    }

    /// The user entered the device code on another device and signed in.
    pub fn approve_devices(&self) {
        let mut s = self.state.lock().unwrap();
        s.devices.values_mut().for_each(|d| *d = true);
    }

    /// The user revoked the app's access: no token works any more.
    pub fn revoke(&self) {
        let mut s = self.state.lock().unwrap();
        s.access.values_mut().for_each(|a| *a = false);
        s.refresh.clear();
    }
}

fn serve(mut stream: TcpStream, state: &Mutex<State>) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut length = 0;
    loop {
        let mut h = String::new();
        reader.read_line(&mut h)?;
        if h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':')
            && k.eq_ignore_ascii_case("content-length")
        {
            length = v.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    let target = line.split(' ').nth(1).unwrap_or_default().to_owned();
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    let params: HashMap<String, String> = if line.starts_with("POST") {
        url::form_urlencoded::parse(&body).into_owned().collect()
    } else {
        url::form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect()
    };
    let mut s = state.lock().unwrap();
    let (status, headers, text) = match path {
        "/authorize" => authorize(&mut s, &params),
        "/token" => token(&mut s, &params),
        "/devicecode" if params.get("client_id").map(String::as_str) == Some(CLIENT_ID) => {
            let device = s.token("dc", 24);
            let at_once = s.devices_at_once;
            let _ = s.devices.insert(device.clone(), at_once);
            s.device_codes += 1;
            let json = format!(
                r#"{{"device_code":"{device}","user_code":"WDJB-MJHT","verification_uri":"{}/device","expires_in":600,"interval":1}}"#,
                s.base
            );
            ("200 OK", String::new(), json)
        }
        "/introspect" => {
            let token = params.get("token").cloned().unwrap_or_default();
            let active = s.access.get(&token).copied().unwrap_or(false);
            let json = if active {
                format!(r#"{{"active":true,"username":"{}"}}"#, s.user)
            } else {
                r#"{"active":false}"#.to_owned()
            };
            ("200 OK", String::new(), json)
        }
        _ => ("404 Not Found", String::new(), String::new()),
    };
    drop(s);
    write!(
        stream,
        "HTTP/1.1 {status}\r\n{headers}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{text}",
        text.len()
    )?;
    stream.flush()
}

fn authorize(s: &mut State, p: &HashMap<String, String>) -> (&'static str, String, String) {
    let get = |k: &str| p.get(k).cloned().unwrap_or_default();
    if get("client_id") != CLIENT_ID
        || get("response_type") != "code"
        || get("code_challenge_method") != "S256"
        || get("code_challenge").is_empty()
    {
        return ("400 Bad Request", String::new(), String::new());
    }
    let code = s.token("code", 24);
    let redirect = get("redirect_uri");
    let _ = s
        .codes
        .insert(code.clone(), (get("code_challenge"), redirect.clone()));
    let location = format!(
        "{redirect}?code={code}&state={}",
        url::form_urlencoded::byte_serialize(get("state").as_bytes()).collect::<String>()
    );
    (
        "302 Found",
        format!("Location: {location}\r\n"),
        String::new(),
    )
}

fn token(s: &mut State, p: &HashMap<String, String>) -> (&'static str, String, String) {
    let get = |k: &str| p.get(k).cloned().unwrap_or_default();
    let invalid = ("400 Bad Request", String::new(), r#"{"error":"invalid_grant","error_description":"AADSTS70000: The provided grant has expired or was revoked."}"#.to_owned());
    if get("client_id") != CLIENT_ID {
        return (
            "401 Unauthorized",
            String::new(),
            r#"{"error":"invalid_client"}"#.to_owned(),
        );
    }
    match get("grant_type").as_str() {
        "authorization_code" => {
            let Some((challenge, redirect)) = s.codes.remove(&get("code")) else {
                return invalid;
            };
            let verified = B64URL.encode(Sha256::digest(get("code_verifier").as_bytes()));
            if verified != challenge {
                s.pkce_refused += 1;
                return invalid;
            }
            if redirect != get("redirect_uri") {
                return invalid;
            }
            ("200 OK", String::new(), s.grant())
        }
        "refresh_token" => {
            let presented = get("refresh_token");
            let Some(i) = s.refresh.iter().position(|r| *r == presented) else {
                return invalid;
            };
            // rotated: the old one is used up
            let _ = s.refresh.remove(i);
            s.refreshes += 1;
            ("200 OK", String::new(), s.grant())
        }
        "urn:ietf:params:oauth:grant-type:device_code" => {
            match s.devices.get(&get("device_code")) {
                Some(true) => {
                    let _ = s.devices.remove(&get("device_code"));
                    ("200 OK", String::new(), s.grant())
                }
                Some(false) => (
                    "400 Bad Request",
                    String::new(),
                    r#"{"error":"authorization_pending"}"#.to_owned(),
                ),
                None => invalid,
            }
        }
        _ => invalid,
    }
}

/// The browser: asks the authorization endpoint (the user signs in at once), follows its
/// redirect to the loopback listener and gives back the page shown there.
pub fn follow(authorize_url: &str) -> Result<String, String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .build()
        .into();
    let first = agent.get(authorize_url).call().map_err(|e| e.to_string())?;
    let location = first
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| format!("no redirect: {}", first.status()))?
        .to_owned();
    let mut page = agent.get(&location).call().map_err(|e| e.to_string())?;
    page.body_mut().read_to_string().map_err(|e| e.to_string())
}

/// Runs `postfach … account login …` (with `--no-browser`) as a user would: reads the address
/// it prints, follows it like a browser, and waits for the command. Gives whether it
/// succeeded, what it printed (stdout and stderr) and the page the browser showed.
pub fn login(mut command: std::process::Command, auth: &AuthServer) -> (bool, String, String) {
    use std::io::BufRead;
    let mut child = command
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut printed = String::new();
    let url = loop {
        let mut line = String::new();
        assert!(
            stdout.read_line(&mut line).unwrap() > 0,
            "no address: {printed}"
        );
        printed.push_str(&line);
        if line.starts_with(&auth.base) {
            break line.trim().to_owned();
        }
    };
    assert!(url.contains("code_challenge_method=S256"), "{url}");
    let page = follow(&url).unwrap();
    let out = child.wait_with_output().unwrap();
    let _ = stdout.read_to_string(&mut printed);
    printed.push_str(&String::from_utf8_lossy(&out.stderr));
    (out.status.success(), printed, page)
}
