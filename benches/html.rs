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
//! Each case runs in a child process of this binary, so its peak RSS (`VmHWM`) is its own.
use std::process::Command;
use std::time::{Duration, Instant};

use postfach::mime;

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
            let html = newsletter();
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

/// A 200 KB newsletter as shops send them: an outer layout table, a header with a logo, 40 cells
/// (products in a two-column grid, each with text, a price and a link), 10 images (remote and
/// `cid:`), a footer; padded to about 200 KB with the inline styles such mails carry.
pub fn newsletter() -> String {
    let mut s = String::from(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Angebote</title>\
         <style>td { font-family: Arial; } .btn { background: url(https://t.example/bg.png) }</style>\
         </head><body style=\"margin:0\"><div style=\"display:none\">Vorschau: Nur heute!</div>\
         <table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\"><tr><td align=\"center\">\
         <table width=\"600\" cellpadding=\"0\" cellspacing=\"0\">\
         <tr><td colspan=\"2\"><img src=\"cid:logo@shop\" alt=\"Shop\" width=\"200\" height=\"60\"></td></tr>\
         <tr><td colspan=\"2\"><h1 style=\"color:#333333\">Unsere Angebote der Woche</h1></td></tr>",
    );
    for row in 0..20 {
        s.push_str("<tr>");
        for col in 0..2 {
            let n = row * 2 + col;
            s.push_str("<td width=\"300\" valign=\"top\" style=\"padding:10px;font-size:14px;color:#444\">");
            if n % 4 == 0 {
                let src = if n % 8 == 0 {
                    format!("cid:produkt{n}@shop")
                } else {
                    format!("https://img.example/p/{n}.jpg")
                };
                s.push_str(&format!(
                    "<img src=\"{src}\" alt=\"Produkt {n}\" width=\"280\" height=\"180\"><br>"
                ));
            }
            s.push_str(&format!(
                "<p style=\"margin:0;font-family:Arial,sans-serif\"><b>Produkt {n}</b> &ndash; \
                 Gr&ouml;&szlig;e M, Farbe Blau. Nur f&uuml;r kurze Zeit zum Sonderpreis.</p>\
                 <p><span style=\"color:#c00000\">{n},99&nbsp;&euro;</span> \
                 <a href=\"https://shop.example/p/{n}?utm_source=newsletter&amp;utm_medium=mail\" \
                 style=\"color:#0066cc;text-decoration:underline\">Jetzt kaufen</a></p>"
            ));
            s.push_str("</td>");
        }
        s.push_str("</tr>");
    }
    s.push_str(
        "<tr><td colspan=\"2\" style=\"font-size:11px;color:#999\"><p>Sie erhalten diese E-Mail, \
         weil Sie sich angemeldet haben. <a href=\"https://shop.example/abmelden\">Abmelden</a></p>\
         <img src=\"https://t.example/open.gif\" width=\"1\" height=\"1\"></td></tr></table>\
         </td></tr></table>",
    );
    // Padding as real newsletters have it: long runs of styled, empty-ish spans and comments.
    let filler = "<span style=\"font-size:1px;line-height:1px;color:#ffffff;mso-hide:all\">&zwnj;&nbsp;</span>\
                  <!--[if mso]><table><tr><td><![endif]-->\n";
    while s.len() < 200 << 10 {
        s.push_str(filler);
    }
    s.push_str("</body></html>");
    s
}
