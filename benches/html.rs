//! HTML mail benchmark (a plain `main`, `harness = false`): how long turning an HTML body into
//! what the reader shows takes, and how much memory the worst inputs need. Not a test: it asserts
//! nothing about time.
//!
//! `cargo bench --bench html`; `POSTFACH_BENCH_RUNS=N` (default 50) runs of the newsletter, the
//! median is printed. Cases:
//!
//! - **newsletter**: a generated 200 KB newsletter (layout tables with 40 cells, 10 images, links,
//!   styles), through `mime::html_to_text` (parse + document + text) and through
//!   `mime::html::Document::parse` alone (what the reader keeps);
//! - **50 MB**: a 50 MB HTML part of paragraphs (cut at the input cap before parsing);
//! - **10,000 divs**: 10,000 nested `<div>` around one word.
//!
//! Each case runs in a child process of this binary, so its peak RSS (`VmHWM`) is its own. The
//! newsletter is `tests/support/mail/generated.rs`'s (the app benchmark opens it as a mail).
#[path = "../tests/support/mod.rs"]
mod support;

use std::process::Command;
use std::time::{Duration, Instant};

use postfach::mime;
use support::mail::generated::{Pictures, newsletter_html};
// (the mail itself: support::mail::generated::newsletter_mail)

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(pos) = args.iter().position(|a| a == "--case") {
        let case = args.get(pos + 1).map(String::as_str).unwrap_or_default();
        run_case(case);
        return;
    }
    let exe = std::env::current_exe().unwrap_or_default();
    println!("html benchmark (median of runs; peak RSS of a child process per case)");
    for case in ["newsletter", "big", "deep"] {
        match Command::new(&exe).args(["--case", case]).output() {
            Ok(out) => print!("{}", String::from_utf8_lossy(&out.stdout)),
            Err(e) => println!("{case}: could not run: {e}"),
        }
    }
}

fn run_case(case: &str) {
    match case {
        "newsletter" => {
            let html = newsletter_html(Pictures::Mixed);
            let runs: usize = std::env::var("POSTFACH_BENCH_RUNS")
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(50);
            let text = median(runs, || {
                let (text, links) = mime::html_to_text(&html);
                std::hint::black_box((text, links));
            });
            println!(
                "newsletter ({} KB, 40 cells, 10 images): html_to_text {:.2} ms",
                html.len() / 1024,
                ms(text)
            );
            let doc = median(runs, || {
                std::hint::black_box(mime::html::Document::parse(&html));
            });
            println!("  Document::parse alone {:.2} ms", ms(doc));
            // the whole mail as the reader parses it when a newsletter is opened
            let mail = support::mail::generated::newsletter_mail(1, 1_796_000_000);
            let whole = median(runs, || {
                std::hint::black_box(mime::parse(&mail));
            });
            let parser = median(runs, || {
                std::hint::black_box(mail_parser::MessageParser::default().parse(&mail));
            });
            println!(
                "  the newsletter mail ({} KB, text + HTML + 10 pictures): mime::parse {:.2} ms \
                 (mail-parser alone {:.2} ms)",
                mail.len() / 1024,
                ms(whole),
                ms(parser)
            );
            println!("  peak RSS {} MB", peak_rss_mb());
        }
        "big" => {
            let para = "<p>Sehr geehrte Kundin, sehr geehrter Kunde, &auml;&ouml;&uuml; &euro; 5 \
                        <a href=\"https://example.de/x\">hier</a> <b>fett</b></p>\n";
            let html = para.repeat((50 << 20) / para.len() + 1);
            let started = Instant::now();
            let (text, links) = mime::html_to_text(&html);
            let took = started.elapsed();
            println!(
                "50 MB HTML part: html_to_text {:.0} ms ({} KB text, {} links), peak RSS {} MB",
                ms(took),
                text.len() / 1024,
                links.len(),
                peak_rss_mb()
            );
        }
        "deep" => {
            let html = "<div>".repeat(10_000) + "tief" + &"</div>".repeat(10_000);
            let started = Instant::now();
            let (text, _) = mime::html_to_text(&html);
            let took = started.elapsed();
            println!(
                "10,000 nested divs: html_to_text {:.1} ms (text {text:?}), peak RSS {} MB",
                ms(took),
                peak_rss_mb()
            );
        }
        other => println!("unknown case {other}"),
    }
}

/// The median time of `runs` calls of `f` (after one warm-up call).
fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    f();
    let mut times: Vec<Duration> = (0..runs.max(1))
        .map(|_| {
            let started = Instant::now();
            f();
            started.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// This process's peak resident set (`VmHWM`) in MB; 0 where `/proc` is missing.
fn peak_rss_mb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb / 1024)
}
