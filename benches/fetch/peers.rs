//! The clients under test, each configured in a fresh state directory for one run: Postfach's
//! `fetch` (release binary), mpop (maildir delivery), fetchmail (MDA delivery), getmail6
//! (Maildir), and the floor. Every run is timed under `/usr/bin/time -v` (peak RSS, CPU time),
//! and afterwards the messages the client really received are counted.
use std::io;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs getmail6 with its SIGCHLD lost-wake-up race fixed (see the script).
const GETMAIL_RACEFIX: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/scripts/bench/getmail_racefix.py"
);

/// A client under test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Client {
    Floor,
    Postfach,
    Mpop,
    Fetchmail,
    Getmail,
}

impl Client {
    /// Whether the client writes a file per mail (Maildir delivery).
    pub fn files_per_mail(self) -> bool {
        matches!(self, Client::Mpop | Client::Getmail)
    }

    pub fn name(self) -> &'static str {
        match self {
            Client::Floor => "floor (pipelined RETR, discard)",
            Client::Postfach => "Postfach",
            Client::Mpop => "mpop",
            Client::Fetchmail => "fetchmail",
            Client::Getmail => "getmail6",
        }
    }
}

/// Where the server is and how to reach it.
#[derive(Debug, Clone)]
pub struct Server {
    pub host: String,
    pub port: u16,
    pub tls: bool,
    pub ca: PathBuf,
    pub user: String,
    pub password: String,
}

/// Keep mail on the server, or download and delete.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mode {
    Keep,
    Delete,
}

impl Mode {
    pub fn name(self) -> &'static str {
        match self {
            Mode::Keep => "keep",
            Mode::Delete => "delete",
        }
    }
}

/// One measured run.
#[derive(Debug, Clone, Copy)]
pub struct Run {
    pub wall: Duration,
    /// Peak resident set size of the client process, KiB.
    pub rss_kib: u64,
    /// User + system CPU time of the client (and its children, e.g. fetchmail's MDA).
    pub cpu: Duration,
    /// Messages the client actually received.
    pub received: usize,
}

/// Paths the runner needs.
#[derive(Debug, Clone)]
pub struct Tools {
    pub postfach: PathBuf,
    /// This benchmark binary (for `--floor`).
    pub this: PathBuf,
}

/// A client configured in its own state directory, ready to run (again, for polls).
pub struct Prepared {
    pub client: Client,
    pub dir: PathBuf,
    command: Vec<String>,
    env: Vec<(String, String)>,
}

/// Configures `client` in the empty directory `dir`. Every client fetches what it has not
/// seen before (its UIDL state starts empty), so the same configuration does a full first
/// fetch and then "nothing new" polls.
pub fn prepare(
    client: Client,
    tools: &Tools,
    server: &Server,
    mode: Mode,
    dir: &Path,
) -> io::Result<Prepared> {
    std::fs::create_dir_all(dir)?;
    let d = dir.display().to_string();
    let port = server.port.to_string();
    let ca = server.ca.display().to_string();
    let keep = mode == Mode::Keep;
    let (command, env): (Vec<String>, Vec<(String, String)>) = match client {
        Client::Floor => (
            vec![
                tools.this.display().to_string(),
                "--floor".into(),
                server.host.clone(),
                port,
                if server.tls { "tls" } else { "plain" }.into(),
                ca,
                server.user.clone(),
                server.password.clone(),
                mode.name().into(),
            ],
            Vec::new(),
        ),
        Client::Postfach => {
            let mut add = Command::new(&tools.postfach);
            // `--data-dir` after the subcommand: it is global, and this way it can never be
            // taken for a file to open.
            add.args(["account", "add", "acct", "--data-dir"])
                .arg(dir)
                .args(["--email", "alice@example.org"])
                .args([
                    "--host",
                    &server.host,
                    "--port",
                    &port,
                    "--user",
                    &server.user,
                ])
                .args(["--ca-file", &ca]);
            if !server.tls {
                add.args(["--security", "plain"]);
            }
            if keep {
                add.arg("--leave-on-server");
            }
            let out = add
                .env("POSTFACH_PASSWORD", &server.password)
                .env("POSTFACH_LANG", "en")
                .stdin(Stdio::null())
                .output()?;
            if !out.status.success() {
                return Err(io::Error::other(format!(
                    "postfach account add failed: {}",
                    String::from_utf8_lossy(&out.stderr)
                )));
            }
            (
                vec![
                    tools.postfach.display().to_string(),
                    "fetch".into(),
                    "--data-dir".into(),
                    d,
                ],
                vec![
                    ("POSTFACH_PASSWORD".into(), server.password.clone()),
                    ("POSTFACH_LANG".into(), "en".into()),
                ],
            )
        }
        Client::Mpop => {
            std::fs::create_dir_all(dir.join("Maildir/new"))?;
            std::fs::create_dir_all(dir.join("Maildir/cur"))?;
            std::fs::create_dir_all(dir.join("Maildir/tmp"))?;
            let tls = if server.tls {
                format!("tls on\ntls_starttls off\ntls_trust_file {ca}\n")
            } else {
                "tls off\n".to_owned()
            };
            let rc = format!(
                "defaults\naccount bench\nhost {}\nport {port}\nuser {}\npassword {}\nauth user\n\
                 {tls}keep {}\nonly_new on\nuidls_file {d}/uidls\ndelivery maildir {d}/Maildir\n",
                server.host,
                server.user,
                server.password,
                if keep { "on" } else { "off" },
            );
            write_private(&dir.join("mpoprc"), &rc)?;
            (
                vec![
                    "mpop".into(),
                    "-q".into(),
                    "-C".into(),
                    format!("{d}/mpoprc"),
                    "bench".into(),
                ],
                Vec::new(),
            )
        }
        Client::Fetchmail => {
            let tls = if server.tls {
                // fetchmail checks the name with X509_check_host, which ignores IP addresses
                // in the certificate: check it against the certificate's DNS name instead.
                format!("ssl sslcertck sslcertfile \"{ca}\" sslcommonname \"localhost\"")
            } else {
                "sslproto ''".to_owned()
            };
            let rc = format!(
                "set no bouncemail\n\
                 poll {} protocol pop3 port {port} uidl\n  user \"{}\" there with password \"{}\" \
                 is root here\n  {tls}\n  {}\n  mda \"wc -c >> {d}/delivered\"\n",
                server.host,
                server.user,
                server.password,
                if keep { "keep" } else { "nokeep" },
            );
            write_private(&dir.join("fetchmailrc"), &rc)?;
            (
                vec![
                    "fetchmail".into(),
                    "--silent".into(),
                    "--nosyslog".into(),
                    "-f".into(),
                    format!("{d}/fetchmailrc"),
                    "--idfile".into(),
                    format!("{d}/fetchids"),
                    "--pidfile".into(),
                    format!("{d}/fetchmail.pid"),
                ],
                vec![("HOME".into(), d.clone())],
            )
        }
        Client::Getmail => {
            std::fs::create_dir_all(dir.join("Maildir/new"))?;
            std::fs::create_dir_all(dir.join("Maildir/cur"))?;
            std::fs::create_dir_all(dir.join("Maildir/tmp"))?;
            // getmail refuses to deliver as root: it delivers as `nobody` then.
            let as_root = std::fs::metadata(dir)?.uid() == 0;
            let user = if as_root {
                let status = Command::new("chown")
                    .args(["-R", "nobody"])
                    .arg(dir.join("Maildir"))
                    .status()?;
                if !status.success() {
                    return Err(io::Error::other("chown nobody failed"));
                }
                "user = nobody\n"
            } else {
                ""
            };
            let retriever = if server.tls {
                format!("type = SimplePOP3SSLRetriever\nca_certs = {ca}\n")
            } else {
                "type = SimplePOP3Retriever\n".to_owned()
            };
            let rc = format!(
                "[retriever]\n{retriever}server = {}\nport = {port}\nusername = {}\npassword = {}\n\n\
                 [destination]\ntype = Maildir\npath = {d}/Maildir/\n{user}\n\
                 [options]\nverbose = 0\ndelete = {}\nread_all = false\n",
                server.host,
                server.user,
                server.password,
                if keep { "false" } else { "true" },
            );
            write_private(&dir.join("getmailrc"), &rc)?;
            (
                vec![
                    "/usr/bin/python3".into(),
                    GETMAIL_RACEFIX.into(),
                    "--rcfile".into(),
                    format!("{d}/getmailrc"),
                    "--getmaildir".into(),
                    d.clone(),
                ],
                Vec::new(),
            )
        }
    };
    Ok(Prepared {
        client,
        dir: dir.to_path_buf(),
        command,
        env,
    })
}

impl Prepared {
    /// Runs the client once under `/usr/bin/time -v` and counts what it received in total so
    /// far (for a poll: compare with the count before).
    pub fn run(&self) -> io::Result<Run> {
        let timing = self.dir.join("time.txt");
        let stdout = self.dir.join("stdout.txt");
        let stderr = self.dir.join("stderr.txt");
        let mut cmd = Command::new("/usr/bin/time");
        cmd.arg("-v")
            .arg("-o")
            .arg(&timing)
            .args(&self.command)
            .envs(self.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .stdin(Stdio::null())
            .stdout(std::fs::File::create(&stdout)?)
            .stderr(std::fs::File::create(&stderr)?);
        let start = Instant::now();
        let status = cmd.status()?;
        let wall = start.elapsed();
        // fetchmail exits 1 for "no new mail", which a poll expects.
        let ok = status.success() || (self.client == Client::Fetchmail && status.code() == Some(1));
        if !ok {
            return Err(io::Error::other(format!(
                "{} failed ({status}): {}{}",
                self.client.name(),
                std::fs::read_to_string(&stdout).unwrap_or_default(),
                std::fs::read_to_string(&stderr).unwrap_or_default()
            )));
        }
        let time = std::fs::read_to_string(&timing)?;
        let field = |name: &str| -> f64 {
            time.lines()
                .find_map(|l| l.trim().strip_prefix(name))
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(0.0)
        };
        let cpu = field("User time (seconds):") + field("System time (seconds):");
        Ok(Run {
            wall,
            rss_kib: field("Maximum resident set size (kbytes):") as u64,
            cpu: Duration::from_secs_f64(cpu),
            received: self.received()?,
        })
    }

    /// Messages this client has received in its state directory.
    pub fn received(&self) -> io::Result<usize> {
        match self.client {
            Client::Floor => {
                let out = std::fs::read_to_string(self.dir.join("stdout.txt"))?;
                Ok(out
                    .split_whitespace()
                    .next()
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(0))
            }
            Client::Postfach => {
                let store = postfach::store::Store::open_in(&self.dir)
                    .map_err(|e| io::Error::other(e.to_string()))?;
                let folders = store
                    .folders()
                    .map_err(|e| io::Error::other(e.to_string()))?;
                Ok(folders.iter().map(|f| f.total as usize).sum())
            }
            Client::Mpop | Client::Getmail => Ok(count_files(&self.dir.join("Maildir/new"))?
                + count_files(&self.dir.join("Maildir/cur"))?),
            Client::Fetchmail => match std::fs::read_to_string(self.dir.join("delivered")) {
                Ok(text) => Ok(text.lines().count()),
                Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(0),
                Err(e) => Err(e),
            },
        }
    }
}

fn count_files(dir: &Path) -> io::Result<usize> {
    match std::fs::read_dir(dir) {
        Ok(entries) => Ok(entries.count()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(0),
        Err(e) => Err(e),
    }
}

fn write_private(path: &Path, text: &str) -> io::Result<()> {
    std::fs::write(path, text)?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
}

/// A tool's version line, or "not found".
pub fn version(cmd: &str, args: &[&str]) -> String {
    match Command::new(cmd).args(args).stdin(Stdio::null()).output() {
        Ok(out) => {
            let text = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            text.lines()
                .map(str::trim)
                .find(|l| {
                    let l = l.to_lowercase();
                    !l.is_empty() && !l.contains("warning") && l.chars().any(|c| c.is_ascii_digit())
                })
                .unwrap_or("unknown")
                .to_owned()
        }
        Err(_) => "not found".to_owned(),
    }
}
