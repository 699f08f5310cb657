//! A private Postfix instance for one test, in front of a test [`Dovecot`]: its own config,
//! queue and data directories in a temp dir, two submission ports on 127.0.0.1 (STARTTLS
//! required; implicit TLS), sign-in through the Dovecot's authentication socket, and delivery
//! into the Maildirs that Dovecot serves over POP3. Dropping it stops the server (by PID, then
//! its process group) and removes the dir.
//!
//! `<user>@example.org` ([`DOMAIN`]) is the mailbox of each Dovecot user; nothing else is
//! delivered and no mail leaves the machine (`default_transport = error`, no DNS). Delivery is
//! asynchronous: [`Postfix::wait_for_mail`] waits until it has happened.
//!
//! Postfix's `master` runs only as root. A missing Postfix is a failure, never a skip.
use std::io::{self, BufRead, BufReader};
use std::net::TcpStream;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use super::dovecot::{Dovecot, free_ports};

/// The domain whose addresses are the Dovecot users' mailboxes.
pub const DOMAIN: &str = "example.org";

const NOT_FOUND: &str = "postfix not found: install postfix (scripts/test.sh does this)";
const NOT_ROOT: &str = "Postfix's master runs only as root: run the tests that need a real \
                        SMTP server (tests/smtp_postfix.rs) as root";
/// How long delivery into a Maildir may take before [`Postfix::wait_for_mail`] gives up.
const DELIVERY_TIMEOUT: Duration = Duration::from_secs(30);
/// The master stops on its own after this long, should a crashed test leave it behind.
const MASTER_LIFETIME_SECS: &str = "900";

/// A running private Postfix. Stopped and removed on drop.
pub struct Postfix {
    dir: tempfile::TempDir,
    master: Child,
    submission_port: u16,
    submissions_port: u16,
    ca: PathBuf,
}

impl Postfix {
    /// A Postfix that signs users in through `dovecot`'s authentication socket (build it with
    /// `Dovecot::builder().auth_socket()`), presents `dovecot`'s certificate (so
    /// [`Postfix::ca_pem_path`] is Dovecot's CA) and delivers into its Maildirs. Panics if it
    /// cannot start (including when Postfix is not installed).
    pub fn start(dovecot: &Dovecot) -> Postfix {
        match Postfix::try_start(dovecot) {
            Ok(p) => p,
            Err(e) if e.kind() == io::ErrorKind::NotFound => panic!("{e}"),
            Err(e) => panic!("could not start a test Postfix: {e}"),
        }
    }

    /// Like `start`, returning the error instead.
    pub fn try_start(dovecot: &Dovecot) -> io::Result<Postfix> {
        let postfix =
            find_postfix().ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, NOT_FOUND))?;
        let mut last = None;
        // A free port can be taken by someone else between our probe and the master's bind.
        for _ in 0..5 {
            match Postfix::launch(&postfix, dovecot) {
                Ok(p) => return Ok(p),
                // Not installed, or not root: trying again changes nothing.
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::NotFound | io::ErrorKind::PermissionDenied
                    ) =>
                {
                    return Err(e);
                }
                Err(e) => last = Some(e),
            }
        }
        Err(last.unwrap_or_else(|| io::Error::other("postfix did not start")))
    }

    /// The address to connect to; the certificate is valid for it (and for `localhost`).
    pub fn host(&self) -> &str {
        "127.0.0.1"
    }

    /// The submission port (RFC 6409): STARTTLS required before anything else.
    pub fn submission_port(&self) -> u16 {
        self.submission_port
    }

    /// The submissions port (RFC 8314): implicit TLS.
    pub fn submissions_port(&self) -> u16 {
        self.submissions_port
    }

    /// The test CA's certificate (PEM): the Dovecot's, which also trusts this server.
    pub fn ca_pem_path(&self) -> PathBuf {
        self.ca.clone()
    }

    /// The address whose mail lands in `user`'s Maildir.
    pub fn address(user: &str) -> String {
        format!("{user}@{DOMAIN}")
    }

    /// The temp dir of this instance (`etc/`, `queue/`, `data/`, `maillog`).
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// Postfix's log so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("maillog")).unwrap_or_default()
    }

    /// Waits (at most 10 s) until Postfix's log has a line containing `text`, and returns the
    /// log; panics with the log when no such line comes. The services write their lines
    /// through `postlogd`, so a line can come after the reply that the client already has.
    pub fn wait_for_log(&self, text: &str) -> String {
        let until = Instant::now() + Duration::from_secs(10);
        loop {
            let log = self.log();
            if log.lines().any(|line| line.contains(text)) {
                return log;
            }
            if Instant::now() > until {
                panic!("Postfix logged no line with {text:?}:\n{log}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits (at most 30 s) until `user`'s Maildir in `dovecot` holds `n` messages; panics
    /// with Postfix's log when they do not arrive.
    pub fn wait_for_mail(&self, dovecot: &Dovecot, user: &str, n: usize) {
        if let Err(e) = self.try_wait_for_mail(dovecot, user, n) {
            panic!("{e}");
        }
    }

    /// Like `wait_for_mail`, returning the error instead.
    pub fn try_wait_for_mail(&self, dovecot: &Dovecot, user: &str, n: usize) -> io::Result<()> {
        let until = Instant::now() + DELIVERY_TIMEOUT;
        loop {
            let count = dovecot.message_count(user);
            if count >= n {
                return Ok(());
            }
            if Instant::now() > until {
                return Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    format!(
                        "{count} of {n} messages for {user} arrived within {}s; Postfix's log:\n{}",
                        DELIVERY_TIMEOUT.as_secs(),
                        self.log()
                    ),
                ));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn launch(postfix: &Path, dovecot: &Dovecot) -> io::Result<Postfix> {
        let socket = dovecot.auth_socket_path().ok_or_else(|| {
            io::Error::other("the Dovecot offers no auth socket: build it with .auth_socket()")
        })?;
        let dir = tempfile::Builder::new()
            .prefix("postfach-postfix-")
            .tempdir()?;
        if std::fs::metadata(dir.path())?.uid() != 0 {
            return Err(io::Error::new(io::ErrorKind::PermissionDenied, NOT_ROOT));
        }
        // Postfix's unprivileged processes must reach their queue and the maillog.
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755))?;
        for sub in ["etc", "queue", "data"] {
            std::fs::create_dir(dir.path().join(sub))?;
        }
        let (postfix_uid, postfix_gid) = ids_of("postfix")?;
        std::os::unix::fs::chown(
            dir.path().join("data"),
            Some(postfix_uid),
            Some(postfix_gid),
        )?;

        let ports = free_ports(2)?;
        let (submission_port, submissions_port) = (ports[0], ports[1]);
        let etc = dir.path().join("etc");
        let mailboxes: String = dovecot
            .users()
            .iter()
            .map(|(user, _)| format!("{} {user}/Maildir/\n", Postfix::address(user)))
            .collect();
        write_config(&etc.join("mailboxes"), &mailboxes)?;
        let owner = dovecot
            .users()
            .first()
            .map(|(user, _)| std::fs::metadata(dovecot.maildir(user)))
            .transpose()?
            .ok_or_else(|| io::Error::other("the Dovecot has no users to deliver to"))?;
        let main = MainCf {
            dir: dir.path(),
            mail_base: &dovecot.dir().join("home"),
            mail_uid: owner.uid(),
            mail_gid: owner.gid(),
            auth_socket: socket,
            cert: &dovecot.server_cert_path(),
            key: &dovecot.server_key_path(),
        };
        write_config(&etc.join("main.cf"), &main.text())?;
        write_config(
            &etc.join("master.cf"),
            &master_cf(submission_port, submissions_port),
        )?;

        // Creates the queue directories with the owners and modes Postfix wants, and checks
        // the configuration.
        let check = Command::new(postfix)
            .arg("-c")
            .arg(&etc)
            .arg("check")
            .env_remove("MAIL_CONFIG")
            .stdin(Stdio::null())
            .output()?;
        let log = || std::fs::read_to_string(dir.path().join("maillog")).unwrap_or_default();
        if !check.status.success() {
            return Err(io::Error::other(format!(
                "postfix check failed ({}): {}{}\n{}",
                check.status,
                String::from_utf8_lossy(&check.stdout),
                String::from_utf8_lossy(&check.stderr),
                log()
            )));
        }

        let master = daemon_directory(postfix, &etc)?.join("master");
        // Not `postfix start`: the master in the foreground is our child, so we know its PID.
        // It makes itself a session and process group leader, so it and its services can be
        // stopped together without touching the test process. Without `-d`, which would keep
        // it in our process group, whose every member it signals when it stops.
        let mut postfix = Postfix {
            master: Command::new(master)
                .arg("-c")
                .arg(&etc)
                .arg("-e")
                .arg(MASTER_LIFETIME_SECS)
                .env_remove("MAIL_CONFIG")
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()?,
            dir,
            submission_port,
            submissions_port,
            ca: dovecot.ca_pem_path(),
        };
        postfix.wait_ready()?;
        Ok(postfix)
    }

    /// Waits until the submission port greets. The master binds every listener before it serves
    /// any, so the submissions port is ready then too (and a probe of it would only leave a
    /// failed handshake in the log).
    fn wait_ready(&mut self) -> io::Result<()> {
        let until = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.master.try_wait()? {
                return Err(io::Error::other(format!(
                    "postfix's master exited with {status}:\n{}",
                    self.log()
                )));
            }
            if greets(self.submission_port) {
                return Ok(());
            }
            if Instant::now() > until {
                return Err(io::Error::other(format!(
                    "postfix did not get ready:\n{}",
                    self.log()
                )));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Postfix {
    fn drop(&mut self) {
        let pid = self.master.id().to_string();
        // SIGTERM lets the master stop its services; SIGKILL only if it does not.
        signal("-TERM", &pid);
        let until = Instant::now() + Duration::from_secs(10);
        while Instant::now() < until {
            if let Ok(Some(_)) = self.master.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.master.kill();
        let _ = self.master.wait();
        // Services finish "at their convenience" after the master: stop those still running
        // (the process group is the master's own, so it holds nothing but this instance).
        signal("-KILL", &format!("-{pid}"));
    }
}

/// Writes a configuration file dated a minute back: Postfix reads a file changed within the
/// last two seconds again and again until it is older (in case it is still being written),
/// which would cost every command and service almost two seconds.
fn write_config(path: &Path, text: &str) -> io::Result<()> {
    std::fs::write(path, text)?;
    let past = SystemTime::now() - Duration::from_secs(60);
    std::fs::File::options()
        .write(true)
        .open(path)?
        .set_modified(past)
}

/// `kill SIGNAL -- TARGET`, ignoring failure (nothing left to signal).
fn signal(signal: &str, target: &str) {
    let _ = Command::new("kill")
        .args([signal, "--", target])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

/// What main.cf is made of.
struct MainCf<'a> {
    dir: &'a Path,
    /// The Dovecot users' homes: `<user>/Maildir/` below it.
    mail_base: &'a Path,
    mail_uid: u32,
    mail_gid: u32,
    auth_socket: &'a Path,
    cert: &'a Path,
    key: &'a Path,
}

impl MainCf<'_> {
    fn text(&self) -> String {
        let d = self.dir.display();
        let refuse = "error:5.7.1 this test server delivers only to its own mailboxes";
        format!(
            "# generated by tests/support/postfix.rs\n\
             compatibility_level = 3.6\n\
             queue_directory = {d}/queue\n\
             data_directory = {d}/data\n\
             maillog_file = {d}/maillog\n\
             maillog_file_prefixes = {d}\n\
             mail_owner = postfix\n\
             setgid_group = postdrop\n\
             # Names and networks given, never looked up; nothing leaves the machine.\n\
             myhostname = mail.{DOMAIN}\n\
             mydomain = {DOMAIN}\n\
             myorigin = {DOMAIN}\n\
             mydestination =\n\
             local_recipient_maps =\n\
             alias_maps =\n\
             alias_database =\n\
             inet_interfaces = 127.0.0.1\n\
             inet_protocols = ipv4\n\
             mynetworks = 127.0.0.1/32\n\
             relayhost =\n\
             relay_domains =\n\
             default_transport = {refuse}\n\
             relay_transport = {refuse}\n\
             smtp_dns_support_level = disabled\n\
             smtpd_peername_lookup = no\n\
             biff = no\n\
             smtpd_error_sleep_time = 0s\n\
             # The Dovecot users' Maildirs, written as their owner.\n\
             virtual_mailbox_domains = {DOMAIN}\n\
             virtual_mailbox_base = {base}\n\
             virtual_mailbox_maps = texthash:{d}/etc/mailboxes\n\
             virtual_uid_maps = static:{uid}\n\
             virtual_gid_maps = static:{gid}\n\
             virtual_minimum_uid = {uid}\n\
             # Submission: TLS first, then sign-in through Dovecot, then any recipient.\n\
             smtpd_tls_chain_files = {key}, {cert}\n\
             smtpd_tls_security_level = encrypt\n\
             smtpd_tls_protocols = >=TLSv1.2\n\
             smtpd_tls_auth_only = yes\n\
             smtpd_sasl_auth_enable = yes\n\
             smtpd_sasl_type = dovecot\n\
             smtpd_sasl_path = {socket}\n\
             smtpd_relay_restrictions = permit_sasl_authenticated, reject\n\
             smtpd_recipient_restrictions = permit_sasl_authenticated, reject\n",
            base = self.mail_base.display(),
            uid = self.mail_uid,
            gid = self.mail_gid,
            key = self.key.display(),
            cert = self.cert.display(),
            socket = self.auth_socket.display(),
        )
    }
}

/// The two submission listeners and the services delivery needs; nothing chrooted.
fn master_cf(submission_port: u16, submissions_port: u16) -> String {
    format!(
        "# generated by tests/support/postfix.rs\n\
         127.0.0.1:{submission_port} inet n - n - - smtpd\n  -o syslog_name=postfix/submission\n\
         127.0.0.1:{submissions_port} inet n - n - - smtpd\n  -o syslog_name=postfix/submissions\n  \
         -o smtpd_tls_wrappermode=yes\n\
         cleanup unix n - n - 0 cleanup\n\
         qmgr unix n - n 300 1 qmgr\n\
         tlsmgr unix - - n 1000? 1 tlsmgr\n\
         rewrite unix - - n - - trivial-rewrite\n\
         bounce unix - - n - 0 bounce\n\
         defer unix - - n - 0 bounce\n\
         trace unix - - n - 0 bounce\n\
         verify unix - - n - 1 verify\n\
         flush unix n - n 1000? 0 flush\n\
         proxymap unix - - n - - proxymap\n\
         error unix - - n - - error\n\
         retry unix - - n - - error\n\
         discard unix - - n - - discard\n\
         virtual unix - n n - - virtual\n\
         anvil unix - - n - 1 anvil\n\
         scache unix - - n - 1 scache\n\
         postlog unix-dgram n - n - 1 postlogd\n"
    )
}

/// Where Postfix keeps `master` and the other daemons (`postconf -h daemon_directory`, with the
/// `postconf` next to `postfix`).
fn daemon_directory(postfix: &Path, etc: &Path) -> io::Result<PathBuf> {
    let out = Command::new(postfix.with_file_name("postconf"))
        .arg("-c")
        .arg(etc)
        .args(["-h", "daemon_directory"])
        .env_remove("MAIL_CONFIG")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| io::Error::new(e.kind(), format!("postconf: {e}; {NOT_FOUND}")))?;
    let dir = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    if !out.status.success() || dir.is_empty() {
        return Err(io::Error::other(format!(
            "postconf -h daemon_directory failed: {}",
            String::from_utf8_lossy(&out.stderr)
        )));
    }
    Ok(PathBuf::from(dir))
}

/// The uid and gid of a system user in /etc/passwd.
fn ids_of(user: &str) -> io::Result<(u32, u32)> {
    let passwd = std::fs::read_to_string("/etc/passwd")?;
    let entry = passwd
        .lines()
        .map(|l| l.split(':').collect::<Vec<_>>())
        .find(|f| f.first() == Some(&user) && f.len() > 3)
        .ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::NotFound,
                format!("no system user {user:?}: {NOT_FOUND}"),
            )
        })?;
    let uid = entry[2].parse().map_err(io::Error::other)?;
    let gid = entry[3].parse().map_err(io::Error::other)?;
    Ok((uid, gid))
}

fn greets(port: u16) -> bool {
    let Ok(stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let mut line = String::new();
    BufReader::new(stream).read_line(&mut line).is_ok() && line.starts_with("220")
}

fn find_postfix() -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(["/usr/sbin", "/usr/local/sbin", "/sbin"].map(PathBuf::from))
        .map(|d| d.join("postfix"))
        .find(|p| p.is_file())
}
