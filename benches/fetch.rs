//! Fetch benchmark (a plain `main`, `harness = false`): Postfach's `fetch` side by side with
//! mpop, fetchmail and getmail6 and a pipelined-RETR floor, against one private Dovecot on
//! 127.0.0.1 and the same generated mail, over implicit TLS and plain text, in keep and delete
//! mode; plus a "nothing new" poll over 10,000 mails left on the server. Prints medians, peak
//! RSS and ratios, and writes the table into `docs/BENCHMARKS.md`. Asserts nothing about time.
//!
//! Run it with `scripts/bench/run.sh` (installs the peers, builds the release binary). By hand:
//! `cargo bench --bench fetch`. Environment:
//! - `POSTFACH_BENCH_BIN`: the `postfach` binary (default: `release/postfach` next to this one)
//! - `POSTFACH_BENCH_RUNS`: runs per figure (default 5); `POSTFACH_BENCH_POLLS`: "nothing new"
//!   polls per client (default 21: a poll takes 0.05–0.7 s, and its spread is a large part of it)
//! - `POSTFACH_BENCH_LARGE` / `POSTFACH_BENCH_SMALL`: mails per set (1000 / 10000; 0 skips)
//! - `POSTFACH_BENCH_CLIENTS`: e.g. `floor,postfach,mpop` (default: all)
//! - `POSTFACH_BENCH_SMALL_ALL=1`: fetchmail and getmail6 on the small set in every combination
//!   (default: once, TLS keep mode; they need minutes for it)
//! - `POSTFACH_BENCH_TRANSPORTS`: `tls,plain` (default both); `POSTFACH_BENCH_MODES`: `keep,delete`
//! - `POSTFACH_BENCH_OUT`: the Markdown file to update (default `docs/BENCHMARKS.md`; `-`: none)
//! - `POSTFACH_BENCH_STORE`: a file with the store benchmark's output, quoted in the table
//! - `POSTFACH_BENCH_APP`: a file with the app benchmark's Markdown (`scripts/bench/app.sh`)
//! - `POSTFACH_BENCH_WORK`: scratch directory for the clients' state (default
//!   `/var/tmp/postfach-bench`, on disk so fsync costs what it costs)
#[path = "../tests/support/mod.rs"]
mod support;

#[path = "fetch/floor.rs"]
mod floor;
#[path = "fetch/peers.rs"]
mod peers;
#[path = "fetch/report.rs"]
mod report;

use std::io;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use peers::{Client, Mode, Prepared, Run, Server, Tools};
use report::{Key, Results, SetInfo};
use support::Dovecot;
use support::mail::generated::Set;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--floor") {
        floor::main(&args[i + 1..])?;
        return Ok(());
    }
    let config = Config::from_env()?;
    if let Some(i) = args.iter().position(|a| a == "--serve") {
        return serve(&config, &args[i + 1..]);
    }
    run(&config)
}

/// `--serve large|small N`: starts the Dovecot, seeds N mails of the set, prints how to reach
/// it and waits until stdin closes; for profiling a single client by hand. Every line read from
/// stdin re-seeds the mailbox (after a fetch in delete mode).
fn serve(config: &Config, args: &[String]) -> Result<()> {
    let set = match args.first().map(String::as_str) {
        Some("small") => Set::Small,
        _ => Set::Large,
    };
    let count: usize = args.get(1).map_or(Ok(1_000), |n| n.parse())?;
    let mut bench = Bench::new(config, Dovecot::builder().start());
    let pristine = bench.dovecot.dir().join("pristine");
    bench.generate(set, count, &pristine)?;
    bench.seed(&pristine, count)?;
    let d = &bench.dovecot;
    println!(
        "host {} pop3 {} pop3s {} user {} password {} ca {}",
        d.host(),
        d.pop3_port(),
        d.pop3s_port(),
        support::USER,
        support::PASSWORD,
        d.ca_pem_path().display()
    );
    let mut line = String::new();
    while io::stdin().read_line(&mut line)? > 0 {
        bench.seed(&pristine, count)?;
        println!("re-seeded {count} mails");
        line.clear();
    }
    Ok(())
}

/// What to run, from the environment.
struct Config {
    tools: Tools,
    runs: usize,
    polls: usize,
    sets: Vec<(Set, usize)>,
    clients: Vec<Client>,
    transports: Vec<bool>,
    modes: Vec<Mode>,
    out: Option<PathBuf>,
    store_output: Option<PathBuf>,
    app_output: Option<PathBuf>,
    work: PathBuf,
    /// Run the slow peers on the small set in every combination too.
    small_all: bool,
}

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_owned())
}

fn env_num(name: &str, default: usize) -> Result<usize> {
    Ok(env_or(name, &default.to_string()).parse()?)
}

impl Config {
    fn from_env() -> Result<Config> {
        let this = std::env::current_exe()?;
        // target/release/deps/fetch-<hash> → target/release/postfach
        let default_bin = this
            .parent()
            .and_then(Path::parent)
            .map(|d| d.join("postfach"))
            .unwrap_or_else(|| PathBuf::from("postfach"));
        let postfach = std::env::var_os("POSTFACH_BENCH_BIN")
            .map(PathBuf::from)
            .unwrap_or(default_bin);
        if !postfach.is_file() {
            return Err(format!(
                "no postfach binary at {} (cargo build --release --bin postfach, or set \
                 POSTFACH_BENCH_BIN)",
                postfach.display()
            )
            .into());
        }
        let clients = env_or(
            "POSTFACH_BENCH_CLIENTS",
            "floor,postfach,mpop,fetchmail,getmail",
        );
        let clients = clients
            .split(',')
            .map(|c| match c.trim() {
                "floor" => Ok(Client::Floor),
                "postfach" => Ok(Client::Postfach),
                "mpop" => Ok(Client::Mpop),
                "fetchmail" => Ok(Client::Fetchmail),
                "getmail" | "getmail6" => Ok(Client::Getmail),
                other => Err(format!("unknown client {other:?}")),
            })
            .collect::<std::result::Result<Vec<_>, _>>()?;
        let transports = env_or("POSTFACH_BENCH_TRANSPORTS", "tls,plain")
            .split(',')
            .map(|t| t.trim() == "tls")
            .collect();
        let modes = env_or("POSTFACH_BENCH_MODES", "keep,delete")
            .split(',')
            .map(|m| {
                if m.trim() == "keep" {
                    Mode::Keep
                } else {
                    Mode::Delete
                }
            })
            .collect();
        let out = match env_or("POSTFACH_BENCH_OUT", "") {
            s if s == "-" => None,
            s if s.is_empty() => {
                Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/BENCHMARKS.md"))
            }
            s => Some(PathBuf::from(s)),
        };
        Ok(Config {
            tools: Tools { postfach, this },
            runs: env_num("POSTFACH_BENCH_RUNS", 5)?.max(1),
            polls: env_num("POSTFACH_BENCH_POLLS", 21)?.max(1),
            sets: [
                (Set::Large, env_num("POSTFACH_BENCH_LARGE", 1_000)?),
                (Set::Small, env_num("POSTFACH_BENCH_SMALL", 10_000)?),
            ]
            .into_iter()
            .filter(|(_, n)| *n > 0)
            .collect(),
            clients,
            transports,
            modes,
            out,
            store_output: std::env::var_os("POSTFACH_BENCH_STORE").map(PathBuf::from),
            app_output: std::env::var_os("POSTFACH_BENCH_APP").map(PathBuf::from),
            work: PathBuf::from(env_or("POSTFACH_BENCH_WORK", "/var/tmp/postfach-bench")),
            small_all: env_or("POSTFACH_BENCH_SMALL_ALL", "0") == "1",
        })
    }
}

/// ext4 without a journal (this machine's disk) passes over every inode freed in the last 60 s
/// when it creates a file, and over those freed in the last 300 s while their inode table block
/// is dirty, which creating files next to them makes it (`recently_deleted` in
/// `fs/ext4/ialloc.c`). A client that delivers 10,000 files soon after 10,000 others were deleted
/// takes about three times as long: mpop on the small set 1.5–2.1 s, but 4.1–5.9 s when run
/// directories were removed after each run, with 64 % of its time in `recently_deleted`
/// (`perf`). So the run directories of the clients that write a file per mail are kept until
/// the benchmark is over, and a benchmark that had to remove an earlier one's first waits this
/// long.
const INODE_SETTLE: Duration = Duration::from_secs(301);

/// The server and the mail on it.
struct Bench<'a> {
    config: &'a Config,
    dovecot: Dovecot,
    /// Seeding generation: every seeding gets new file names (new UIDLs).
    round: usize,
    results: Results,
}

fn run(config: &Config) -> Result<()> {
    for tool in ["mpop", "fetchmail", "getmail"] {
        if config.clients.iter().any(|c| c.name().starts_with(tool))
            && peers::version(tool, &["--version"]) == "not found"
        {
            return Err(format!("{tool} not found: scripts/bench/run.sh installs it").into());
        }
    }
    if !Path::new("/usr/bin/time").is_file() {
        return Err("/usr/bin/time not found (Debian package `time`)".into());
    }
    if config.work.exists() {
        std::fs::remove_dir_all(&config.work)?;
        written_back()?;
        println!(
            "removed an earlier run's files; waiting {} s before creating many new ones (INODE_SETTLE)",
            INODE_SETTLE.as_secs()
        );
        std::thread::sleep(INODE_SETTLE);
    }
    std::fs::create_dir_all(&config.work)?;
    let load_before = report::loadavg();
    let dovecot = Dovecot::builder().start();
    let mut bench = Bench::new(config, dovecot);
    for &(set, count) in &config.sets {
        bench.set(set, count)?;
    }
    bench.results.load = (load_before, report::loadavg());
    let text = report::markdown(
        &bench.results,
        config.runs,
        config.polls,
        config.store_output.as_deref(),
        config.app_output.as_deref(),
    );
    println!("\n{text}");
    if let Some(out) = &config.out {
        report::update_file(out, &text)?;
        println!("updated {}", out.display());
    }
    let _ = std::fs::remove_dir_all(&config.work);
    Ok(())
}

/// Done with a run's directory: removed now, or with the whole work directory at the end for a
/// client that writes a file per mail (see [`INODE_SETTLE`]).
fn finished(client: Client, dir: &Path) -> Result<()> {
    if !client.files_per_mail() {
        std::fs::remove_dir_all(dir)?;
    }
    Ok(())
}

/// Writes everything back (`sync`).
fn written_back() -> Result<()> {
    let status = std::process::Command::new("sync").status()?;
    if !status.success() {
        return Err(format!("sync: {status}").into());
    }
    Ok(())
}

impl<'a> Bench<'a> {
    fn new(config: &'a Config, dovecot: Dovecot) -> Bench<'a> {
        Bench {
            config,
            dovecot,
            round: 0,
            results: Results::default(),
        }
    }

    fn server(&self, tls: bool) -> Server {
        let d = &self.dovecot;
        Server {
            host: d.host().to_owned(),
            port: if tls { d.pop3s_port() } else { d.pop3_port() },
            tls,
            ca: d.ca_pem_path(),
            user: support::USER.to_owned(),
            password: support::PASSWORD.to_owned(),
        }
    }

    /// Runs everything for one mail set.
    fn set(&mut self, set: Set, count: usize) -> Result<()> {
        let pristine = self.dovecot.dir().join(format!("pristine-{}", set.name()));
        let bytes = self.generate(set, count, &pristine)?;
        self.results.sets.insert(set, SetInfo { count, bytes });
        println!(
            "\n== {} set: {count} mails, {:.1} MB ({:.1} KB average)",
            set.name(),
            bytes as f64 / 1e6,
            bytes as f64 / count as f64 / 1e3
        );
        let config = self.config;
        if config.modes.contains(&Mode::Keep) {
            self.seed(&pristine, count)?;
            let mut pollers: Vec<Prepared> = Vec::new();
            for &tls in &config.transports {
                for run in 0..config.runs {
                    for &client in &config.clients {
                        let key = Key {
                            set,
                            tls,
                            mode: Mode::Keep,
                            client,
                        };
                        if !self.takes_part(key, run) {
                            continue;
                        }
                        let dir = config.work.join(format!("{key}-{run}"));
                        let prepared = peers::prepare(
                            client,
                            &config.tools,
                            &self.server(tls),
                            Mode::Keep,
                            &dir,
                        )?;
                        let r = self.measure(key, &prepared, count)?;
                        self.results.runs.entry(key).or_default().push(r);
                        // The last TLS run of each real client stays for the poll.
                        let poll = set == Set::Small
                            && tls
                            && run + 1 == config.runs
                            && client != Client::Floor;
                        if poll {
                            pollers.push(prepared);
                        } else {
                            finished(client, &dir)?;
                        }
                    }
                }
            }
            self.polls(count, &pollers)?;
            for p in pollers {
                finished(p.client, &p.dir)?;
            }
        }
        if config.modes.contains(&Mode::Delete) {
            for &tls in &config.transports {
                for run in 0..config.runs {
                    for &client in &config.clients {
                        let key = Key {
                            set,
                            tls,
                            mode: Mode::Delete,
                            client,
                        };
                        if !self.takes_part(key, run) {
                            continue;
                        }
                        self.seed(&pristine, count)?;
                        let dir = config.work.join(format!("{key}-{run}"));
                        let prepared = peers::prepare(
                            client,
                            &config.tools,
                            &self.server(tls),
                            Mode::Delete,
                            &dir,
                        )?;
                        let r = self.measure(key, &prepared, count)?;
                        let left = self.dovecot.message_count(support::USER);
                        if left != 0 {
                            return Err(format!("{key}: {left} messages left on the server").into());
                        }
                        self.results.runs.entry(key).or_default().push(r);
                        finished(client, &dir)?;
                    }
                }
            }
        }
        Ok(())
    }

    /// fetchmail and getmail6 need minutes for 10,000 small mails (a process fork and an fsync
    /// per mail): on the small set they run once, over TLS in keep mode (whose state the poll
    /// uses), unless `POSTFACH_BENCH_SMALL_ALL=1`.
    fn takes_part(&self, key: Key, run: usize) -> bool {
        let slow = matches!(key.client, Client::Fetchmail | Client::Getmail);
        if key.set != Set::Small || !slow || self.config.small_all {
            return true;
        }
        key.tls && key.mode == Mode::Keep && run + 1 == self.config.runs
    }

    /// One timed run that must have received exactly `expected` messages.
    fn measure(&self, key: Key, prepared: &Prepared, expected: usize) -> Result<Run> {
        let r = prepared.run()?;
        println!(
            "{key:<40} {:>8.2} s  {:>7.1} MB RSS  {:>7.2} s CPU  {} mails",
            r.wall.as_secs_f64(),
            r.rss_kib as f64 / 1024.0,
            r.cpu.as_secs_f64(),
            r.received
        );
        if r.received != expected {
            return Err(format!(
                "{key}: received {} of {expected} messages (see {})",
                r.received,
                prepared.dir.display()
            )
            .into());
        }
        Ok(r)
    }

    /// "Nothing new": each client polls again with its state from a full keep-mode fetch.
    fn polls(&mut self, count: usize, pollers: &[Prepared]) -> Result<()> {
        for _ in 0..self.config.polls {
            for p in pollers {
                let r = p.run()?;
                let name = p.client.name();
                println!(
                    "poll {name:<35} {:>8.3} s  {:>7.1} MB RSS",
                    r.wall.as_secs_f64(),
                    r.rss_kib as f64 / 1024.0
                );
                if r.received != count {
                    return Err(format!(
                        "poll {name}: now {} messages instead of {count}: it fetched again",
                        r.received
                    )
                    .into());
                }
                self.results.polls.entry(p.client).or_default().push(r);
            }
        }
        self.results.poll_count = count;
        Ok(())
    }

    /// Writes the set once into `dir` (owned by the mail user, for hard links); returns its size.
    fn generate(&self, set: Set, count: usize, dir: &Path) -> Result<u64> {
        std::fs::create_dir_all(dir)?;
        let owner = std::fs::metadata(self.dovecot.maildir(support::USER))?;
        let mut bytes = 0u64;
        for i in 0..count {
            let mail = set.mail(i);
            bytes += mail.len() as u64;
            let path = dir.join(format!("{i:06}"));
            std::fs::write(&path, &mail)?;
            std::os::unix::fs::chown(&path, Some(owner.uid()), Some(owner.gid()))?;
        }
        Ok(bytes)
    }

    /// Empties the mailbox and fills it with the pristine set (hard links, new names), then
    /// lets Dovecot index it before anything is timed.
    fn seed(&mut self, pristine: &Path, count: usize) -> Result<()> {
        let maildir = self.dovecot.maildir(support::USER);
        for sub in ["new", "cur"] {
            for entry in std::fs::read_dir(maildir.join(sub))? {
                std::fs::remove_file(entry?.path())?;
            }
        }
        self.round += 1;
        let mut names: Vec<PathBuf> = std::fs::read_dir(pristine)?
            .map(|e| e.map(|e| e.path()))
            .collect::<io::Result<_>>()?;
        names.sort();
        for (i, source) in names.iter().enumerate() {
            let name = format!("{}.M{i:06}R{}.bench", 1_000_000_000 + i, self.round);
            std::fs::hard_link(source, maildir.join("new").join(name))?;
        }
        let d = &self.dovecot;
        let listed = floor::warm(d.host(), d.pop3_port(), support::USER, support::PASSWORD)?;
        if listed != count {
            return Err(format!("seeded {count} mails, the server lists {listed}").into());
        }
        Ok(())
    }
}
