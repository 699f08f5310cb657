//! The benchmark's mail: a deterministic, realistic generated set.
//!
//! The large set (about 115 KB per mail on average): mostly 3–10 KB text mails (8bit or
//! quoted-printable), some HTML (multipart/alternative), and 7.5 % multipart/mixed mails with an
//! attachment of 100 KB–2 MB (random bytes, base64). German headers with RFC 2047 encoded words
//! (UTF-8 and ISO-8859-1, Q and B), `Received` chains, a DKIM signature, lines that need
//! dot-stuffing. The small set: 1.5–4 KB text mails, for per-message overhead.
//!
//! Mail `i` depends only on `i` and the set, never on what was generated before.
//!
//! [`app_mail`] is the app benchmark's mailbox (tests/ui/bench.rs): five years of mail, 74 % plain
//! text, 20 % HTML, 5 % with a PDF, 1 % with pictures. Each set keeps its own words and shape:
//! the benchmarks' published figures were measured on exactly these bytes.
//!
//! [`newsletter_html`] is the 200 KB shop newsletter of the HTML parser benchmark (benches/html.rs)
//! and, wrapped by [`newsletter_mail`] with its pictures, of the app benchmark's newsletter case
//! (issue #17).

use super::super::rng::Rng;
use super::{b64, b64_lines, encoded, local_part, png, q_encode, qp, rfc2822};

/// Which generated set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Set {
    /// 1,000 realistic mails, ~115 MB.
    Large,
    /// 10,000 small text mails.
    Small,
}

impl Set {
    pub fn name(self) -> &'static str {
        match self {
            Set::Large => "large",
            Set::Small => "small",
        }
    }

    /// Mail `i` of this set.
    pub fn mail(self, i: usize) -> Vec<u8> {
        match self {
            Set::Large => large(i),
            Set::Small => small(i),
        }
    }
}

const FIRST: &[&str] = &[
    "Jürgen",
    "Sören",
    "Käthe",
    "Björn",
    "Günther",
    "Anna",
    "Lukas",
    "Lena",
    "Jörg",
    "Ömer",
    "Maximilian",
    "Zoë",
    "Hannelore",
    "Frauke",
    "Dieter",
];
const LAST: &[&str] = &[
    "Müller",
    "Schröder",
    "Weiß",
    "Groß",
    "Köhler",
    "Schmidt",
    "Bäcker",
    "Fuchs",
    "Krüger",
    "Hoffmann",
    "Böhm",
    "Straßburger",
];
const DOMAINS: &[&str] = &[
    "example.de",
    "beispiel-gmbh.de",
    "post.example",
    "verein-köln.example",
    "mail.example.org",
];
const SUBJECTS: &[&str] = &[
    "Rechnung Nr. {n} für März",
    "Besprechung am Donnerstag – Raumänderung",
    "Grüße aus Köln",
    "Ihre Bestellung {n} wurde versandt",
    "Einladung zum Sommerfest der Straßenbahner",
    "Urlaubsantrag Übergabe",
    "Angebot: Öl- und Gasheizung Wartung",
    "Protokoll der Mitgliederversammlung",
    "Re: Lieferadresse geändert",
    "AW: Termin beim Schröder",
    "Fwd: Fotos vom Ausflug",
    "Kündigungsbestätigung Vertrag {n}",
];
const WORDS: &[&str] = &[
    "Sehr",
    "geehrte",
    "Damen",
    "und",
    "Herren",
    "wir",
    "möchten",
    "Ihnen",
    "mitteilen",
    "dass",
    "die",
    "Lieferung",
    "für",
    "nächste",
    "Woche",
    "geplant",
    "ist",
    "Bitte",
    "prüfen",
    "Sie",
    "Unterlagen",
    "Rückfragen",
    "gerne",
    "telefonisch",
    "Straße",
    "Größe",
    "Übersicht",
    "Ärger",
    "Öffnungszeiten",
    "bezüglich",
    "Besprechung",
    "Rechnung",
    "Grüße",
    "herzliche",
    "Anlage",
    "Vertrag",
    "Kündigung",
    "Zustimmung",
    "außerdem",
    "schließlich",
    "Müller",
    "Köln",
    "München",
    "Düsseldorf",
    "Frühstück",
    "Gebühr",
    "Zahlung",
    "überwiesen",
    "Mahnung",
    "freundlichen",
];

/// An RFC 2047 encoded word (UTF-8 or ISO-8859-1, B or Q) for `text`.
fn encoded_word(rng: &mut Rng, text: &str) -> String {
    match rng.below(3) {
        0 => format!("=?UTF-8?B?{}?=", b64(text.as_bytes())),
        1 => format!("=?UTF-8?Q?{}?=", q_encode(text.as_bytes())),
        _ => {
            // ISO-8859-1: every char of our texts is in Latin-1 except the en dash.
            let latin: Vec<u8> = text
                .chars()
                .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'-'))
                .collect();
            format!("=?ISO-8859-1?Q?{}?=", q_encode(&latin))
        }
    }
}

fn person(rng: &mut Rng) -> (String, String) {
    let first = rng.pick(FIRST);
    let last = rng.pick(LAST);
    let domain = rng.pick(DOMAINS);
    let local = local_part(first, last);
    (format!("{first} {last}"), format!("{local}@{domain}"))
}

fn address(rng: &mut Rng) -> String {
    let (name, email) = person(rng);
    format!("{} <{email}>", encoded_word(rng, &name))
}

/// German prose of about `bytes` bytes, CRLF lines of ≤ 72 chars; some lines start with a dot.
fn prose(rng: &mut Rng, bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 100);
    let mut line = String::new();
    while out.len() < bytes {
        let word = rng.pick(WORDS);
        if line.len() + word.len() + 1 > 72 {
            out.push_str(&line);
            out.push_str("\r\n");
            line.clear();
            match rng.below(40) {
                0 => out.push_str("\r\n"),
                1 => line.push_str(". "), // needs dot-stuffing on the wire
                2 => line.push_str("> "),
                _ => {}
            }
        }
        if !line.is_empty() && !line.ends_with(' ') {
            line.push(' ');
        }
        line.push_str(word);
    }
    out.push_str(&line);
    out.push_str("\r\n");
    out
}

fn headers(rng: &mut Rng, set: &str, i: usize, m: &mut String) {
    let day = 1 + rng.below(28);
    let (hh, mm, ss) = (rng.below(24), rng.below(60), rng.below(60));
    let date = format!("{day} Mar 2026 {hh:02}:{mm:02}:{ss:02} +0100");
    m.push_str(&format!(
        "Return-Path: <bounce-{i}@{}>\r\n",
        rng.pick(DOMAINS)
    ));
    for hop in 0..(1 + rng.below(3)) {
        m.push_str(&format!(
            "Received: from mx{hop}.example.de (mx{hop}.example.de [192.0.2.{}])\r\n\tby \
             mail.example.org (Postfix) with ESMTPS id {:X}\r\n\tfor <test@example.org>; \
             Mon, {date}\r\n",
            rng.below(250),
            rng.next() & 0x00FF_FFFF_FFFF
        ));
    }
    if rng.below(2) == 0 {
        let sig = b64(&rng.bytes(256));
        m.push_str("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.de;\r\n");
        m.push_str(" s=mail; h=from:to:subject:date:message-id;\r\n bh=");
        m.push_str(&b64(&rng.bytes(32)));
        m.push_str(";\r\n b=");
        for chunk in sig.as_bytes().chunks(70) {
            m.push_str(std::str::from_utf8(chunk).unwrap_or(""));
            m.push_str("\r\n ");
        }
        m.push_str("\r\n");
    }
    m.push_str(&format!(
        "Message-ID: <{set}-{i}-{:x}@postfach.bench>\r\n",
        rng.next()
    ));
    m.push_str(&format!("Date: Mon, {date}\r\n"));
    m.push_str(&format!("From: {}\r\n", address(rng)));
    m.push_str(&format!("To: {}\r\n", address(rng)));
    if rng.below(3) == 0 {
        m.push_str(&format!("Cc: {}, {}\r\n", address(rng), address(rng)));
    }
    let subject = rng.pick(SUBJECTS).replace("{n}", &(10_000 + i).to_string());
    m.push_str(&format!("Subject: {}\r\n", encoded_word(rng, &subject)));
    m.push_str("MIME-Version: 1.0\r\n");
    m.push_str("X-Mailer: Postfach-Benchmark 1.0\r\n");
}

fn text_part(rng: &mut Rng, bytes: usize, m: &mut String) {
    let body = prose(rng, bytes);
    plain_part(rng, &body, 75, "; format=flowed", m);
}

/// A text/plain part holding `body`: quoted-printable (lines up to `width`) or 8bit (with
/// `flowed` after the charset), one or the other at random.
fn plain_part(rng: &mut Rng, body: &str, width: usize, flowed: &str, m: &mut String) {
    if rng.below(2) == 0 {
        m.push_str("Content-Type: text/plain; charset=utf-8\r\n");
        m.push_str("Content-Transfer-Encoding: quoted-printable\r\n\r\n");
        m.push_str(&qp(width, body));
    } else {
        m.push_str(&format!(
            "Content-Type: text/plain; charset=utf-8{flowed}\r\n"
        ));
        m.push_str("Content-Transfer-Encoding: 8bit\r\n\r\n");
        m.push_str(body);
    }
}

fn html_of(rng: &mut Rng, bytes: usize) -> String {
    let mut html = String::from(
        "<!DOCTYPE html>\r\n<html><head><meta charset=\"utf-8\"><style>p{margin:0}</style>\
         </head>\r\n<body>\r\n",
    );
    while html.len() < bytes {
        let len = 200 + rng.below(400);
        let para = prose(rng, len);
        html.push_str("<p style=\"font-family:Arial\">");
        html.push_str(&para.replace("\r\n", "<br>\r\n"));
        html.push_str("</p>\r\n");
        if rng.below(4) == 0 {
            html.push_str("<a href=\"https://www.example.de/angebot?id=42\">Zum Angebot</a>\r\n");
        }
    }
    html.push_str("</body></html>\r\n");
    html
}

/// Mail `i` of the large set.
fn large(i: usize) -> Vec<u8> {
    let mut rng = Rng::new(0x0B0E_2026 ^ (i as u64).wrapping_mul(0x9E37_79B9));
    let mut m = String::new();
    headers(&mut rng, "large", i, &mut m);
    let kind = rng.below(1000);
    if kind < 75 {
        // multipart/mixed with one attachment of 100 KB – 2 MB
        m.push_str("Content-Type: multipart/mixed; boundary=\"=_mixed_b1\"\r\n\r\n");
        m.push_str("This is a multi-part message in MIME format.\r\n--=_mixed_b1\r\n");
        let text = rng.between(1_500, 4_000);
        text_part(&mut rng, text, &mut m);
        let size = rng.between(100_000, 2_000_000);
        let (ctype, name) = match rng.below(3) {
            0 => ("application/pdf", "Rechnung_März_2026.pdf"),
            1 => ("image/jpeg", "Foto_Straßenfest.jpg"),
            _ => ("application/zip", "Unterlagen_Übergabe.zip"),
        };
        m.push_str(&format!(
            "--=_mixed_b1\r\nContent-Type: {ctype}; name=\"{}\"\r\n\
             Content-Disposition: attachment; filename*=UTF-8''{}\r\n\
             Content-Transfer-Encoding: base64\r\n\r\n",
            encoded_word(&mut rng, name),
            percent(name)
        ));
        m.push_str(&b64_lines(&rng.bytes(size)));
        m.push_str("--=_mixed_b1--\r\n");
    } else if kind < 250 {
        // HTML mail: multipart/alternative, text and HTML
        m.push_str(
            "Content-Type: multipart/alternative; boundary=\"=_alt_b2\"\r\n\r\n--=_alt_b2\r\n",
        );
        let text = rng.between(1_500, 4_000);
        text_part(&mut rng, text, &mut m);
        m.push_str("--=_alt_b2\r\nContent-Type: text/html; charset=utf-8\r\n");
        m.push_str("Content-Transfer-Encoding: quoted-printable\r\n\r\n");
        let html = rng.between(1_500, 5_000);
        let html = html_of(&mut rng, html);
        m.push_str(&qp(75, &html));
        m.push_str("--=_alt_b2--\r\n");
    } else {
        let text = rng.between(2_000, 9_000);
        text_part(&mut rng, text, &mut m);
    }
    m.into_bytes()
}

/// Mail `i` of the small set.
fn small(i: usize) -> Vec<u8> {
    let mut rng = Rng::new(0x5A11_2026 ^ (i as u64).wrapping_mul(0x9E37_79B9));
    let mut m = String::new();
    headers(&mut rng, "small", i, &mut m);
    let text = rng.between(200, 2_200);
    text_part(&mut rng, text, &mut m);
    m.into_bytes()
}

// --- the app benchmark's mailbox ----------------------------------------------------------------

/// Five years.
const SPAN: i64 = 5 * 365 * 86_400;

const APP_FIRST: &[&str] = &[
    "Jürgen", "Sören", "Käthe", "Björn", "Günther", "Anna", "Lukas", "Lena", "Jörg", "Sabine",
    "Ümit", "Hannah", "John", "Emily", "Michael", "Sarah", "Olivia", "James",
];
const APP_LAST: &[&str] = &[
    "Müller",
    "Schröder",
    "Bäcker",
    "Weiß",
    "Groß",
    "Köhler",
    "Schäfer",
    "Krüger",
    "Meißner",
    "Jäger",
    "Wagner",
    "Smith",
    "Johnson",
    "Taylor",
    "Clarke",
];
const APP_DOMAINS: &[&str] = &[
    "example.de",
    "firma.example",
    "web.example",
    "beispiel.at",
    "example.com",
    "university.example",
];
const APP_SUBJECTS: &[&str] = &[
    "Rechnung Nr. {n}",
    "Besprechung am Donnerstag",
    "Ihre Bestellung {n} wurde versandt",
    "Grüße aus Köln",
    "Termin für die Übergabe der Schlüssel",
    "Angebot für Projekt Nordlicht",
    "Änderung der Lieferadresse",
    "Protokoll der Sitzung vom Montag",
    "Einladung zum Sommerfest",
    "Re: Urlaubsplanung für das Frühjahr",
    "Meeting notes: Q3 launch",
    "Invoice #{n}",
    "Re: timeline for the migration",
    "Lunch on Friday?",
    "Weekly newsletter",
];
const APP_WORDS: &[&str] = &[
    "und",
    "die",
    "der",
    "das",
    "wir",
    "für",
    "Ihre",
    "bitte",
    "Rückmeldung",
    "gestern",
    "nächste",
    "Woche",
    "Straße",
    "Übergabe",
    "Änderung",
    "Lieferung",
    "Vertrag",
    "Kunden",
    "Besprechung",
    "Unterlagen",
    "schön",
    "größer",
    "Grüße",
    "Angebot",
    "Rechnung",
    "überwiesen",
    "Termin",
    "möglich",
    "natürlich",
    "Büro",
    "the",
    "and",
    "please",
    "review",
    "attached",
    "schedule",
    "meeting",
    "project",
    "budget",
    "customer",
    "feedback",
    "deadline",
    "report",
];

fn app_prose(rng: &mut Rng, bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 80);
    let mut line = 0;
    while out.len() < bytes {
        for i in 0..rng.between(6, 14) {
            let w = rng.pick(APP_WORDS);
            if i > 0 {
                out.push(' ');
            }
            out.push_str(w);
            line += w.len() + 1;
            if line > 68 {
                out.push_str("\r\n");
                line = 0;
            }
        }
        out.push('.');
        if rng.below(6) == 0 {
            out.push_str("\r\n\r\n");
            line = 0;
        } else {
            out.push(' ');
        }
    }
    out.push_str("\r\n\r\nViele Grüße\r\n");
    out
}

fn app_text_part(rng: &mut Rng, bytes: usize, m: &mut String) {
    let body = app_prose(rng, bytes);
    plain_part(rng, &body, 73, "", m);
}

/// Mail `i` of `total` (newer with higher `i`): 74 % plain text of 2–8 KB, 20 % HTML
/// (multipart/alternative), 5 % with a 10–40 KB PDF, 1 % with two pictures.
/// Returns the bytes and the date: the five years before `now`, older with lower `i`.
pub fn app_mail(i: usize, total: usize, now: i64, png: &[u8]) -> (Vec<u8>, i64) {
    let mut rng = Rng::new(0xA99_BE4C ^ (i as u64).wrapping_mul(0x9E37_79B9));
    let date = now - SPAN + SPAN * i as i64 / total.max(1) as i64 - rng.below(3_600) as i64;
    let (first, last) = (rng.pick(APP_FIRST), rng.pick(APP_LAST));
    let local = local_part(first, last);
    let mut m = format!(
        "Return-Path: <{local}@{d}>\r\nMessage-ID: <{i}.{x:x}@postfach.bench>\r\n\
         Date: {}\r\nFrom: {} <{local}@{d}>\r\nTo: Erika Mustermann <erika@example.de>\r\n\
         Subject: {}\r\nMIME-Version: 1.0\r\n",
        rfc2822(date),
        encoded(&format!("{first} {last}")),
        encoded(
            &rng.pick(APP_SUBJECTS)
                .replace("{n}", &(10_000 + i).to_string())
        ),
        d = rng.pick(APP_DOMAINS),
        x = rng.next(),
    );
    let kind = rng.below(100);
    if kind < 6 {
        m.push_str("Content-Type: multipart/mixed; boundary=\"=_mixed\"\r\n\r\n--=_mixed\r\n");
        let len = rng.between(1_500, 4_000);
        app_text_part(&mut rng, len, &mut m);
        if kind < 1 {
            for name in ["Straßenfest.png", "Ausflug.png"] {
                m.push_str(&format!(
                    "--=_mixed\r\nContent-Type: image/png; name=\"{}\"\r\nContent-Disposition: \
                     attachment; filename=\"{}\"\r\nContent-Transfer-Encoding: base64\r\n\r\n",
                    encoded(name),
                    encoded(name)
                ));
                m.push_str(&b64_lines(png));
            }
        } else {
            let size = rng.between(10_000, 40_000);
            let bytes = rng.bytes(size);
            m.push_str(
                "--=_mixed\r\nContent-Type: application/pdf; name=\"=?UTF-8?Q?Rechnung_M=C3=A4rz.pdf?=\"\r\n\
                 Content-Disposition: attachment; filename*=UTF-8''Rechnung_M%C3%A4rz.pdf\r\n\
                 Content-Transfer-Encoding: base64\r\n\r\n",
            );
            m.push_str(&b64_lines(&bytes));
        }
        m.push_str("--=_mixed--\r\n");
    } else if kind < 26 {
        m.push_str("Content-Type: multipart/alternative; boundary=\"=_alt\"\r\n\r\n--=_alt\r\n");
        let len = rng.between(1_500, 4_000);
        app_text_part(&mut rng, len, &mut m);
        m.push_str("--=_alt\r\nContent-Type: text/html; charset=utf-8\r\n");
        m.push_str("Content-Transfer-Encoding: quoted-printable\r\n\r\n");
        let mut html = String::from("<!DOCTYPE html><html><body>\r\n");
        while html.len() < len + 1_000 {
            let para = app_prose(&mut rng, 300);
            html.push_str(&format!("<p style=\"font-family:Arial\">{para}</p>\r\n"));
            if rng.below(3) == 0 {
                html.push_str(
                    "<a href=\"https://www.example.de/angebot?id=42\">Zum Angebot</a>\r\n",
                );
            }
        }
        html.push_str("</body></html>");
        m.push_str(&qp(73, &html));
        m.push_str("--=_alt--\r\n");
    } else {
        let len = rng.between(2_000, 8_000);
        app_text_part(&mut rng, len, &mut m);
    }
    (m.into_bytes(), date)
}

fn percent(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'.' | b'_' | b'-' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

// --- the newsletter (issue #17) ---------------------------------------------------------------

/// Where the newsletter's product pictures come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pictures {
    /// Half `cid:` parts of the mail, half remote (the parser benchmark's bytes: the logo and
    /// every second product picture `cid:`, the others and a tracking pixel remote).
    Mixed,
    /// The 10 product pictures all `cid:` parts of the mail ([`NEWSLETTER_PICTURES`]); the
    /// logo and the tracking pixel remote, as shops send them.
    Inline,
}

/// How many product pictures the newsletter has (one in every fourth of its 40 cells).
pub const NEWSLETTER_PICTURES: usize = 10;

/// A 200 KB newsletter as shops send them: an outer layout table, a header with a logo, 40 cells
/// (products in a two-column grid, each with text, a price and a link), 10 product pictures, a
/// footer; padded to about 200 KB with the inline styles such mails carry. With
/// [`Pictures::Mixed`] these are exactly the bytes the parser benchmark measured.
pub fn newsletter_html(pictures: Pictures) -> String {
    let logo = match pictures {
        Pictures::Mixed => "cid:logo@shop",
        Pictures::Inline => "https://img.example/logo.png",
    };
    let mut s = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Angebote</title>\
         <style>td {{ font-family: Arial; }} .btn {{ background: url(https://t.example/bg.png) }}</style>\
         </head><body style=\"margin:0\"><div style=\"display:none\">Vorschau: Nur heute!</div>\
         <table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\"><tr><td align=\"center\">\
         <table width=\"600\" cellpadding=\"0\" cellspacing=\"0\">\
         <tr><td colspan=\"2\"><img src=\"{logo}\" alt=\"Shop\" width=\"200\" height=\"60\"></td></tr>\
         <tr><td colspan=\"2\"><h1 style=\"color:#333333\">Unsere Angebote der Woche</h1></td></tr>",
    );
    for row in 0..20 {
        s.push_str("<tr>");
        for col in 0..2 {
            let n = row * 2 + col;
            s.push_str("<td width=\"300\" valign=\"top\" style=\"padding:10px;font-size:14px;color:#444\">");
            if n % 4 == 0 {
                let src = if n % 8 == 0 || pictures == Pictures::Inline {
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

/// Newsletter `i` as a mail dated `date`: multipart/related holding a multipart/alternative
/// (the HTML's text version as Postfach makes it, and the [`Pictures::Inline`] HTML, both
/// quoted-printable) and the [`NEWSLETTER_PICTURES`] product pictures (280×180 PNG, base64) its
/// `cid:` point at. About 460 KB.
pub fn newsletter_mail(i: usize, date: i64) -> Vec<u8> {
    let html = newsletter_html(Pictures::Inline).replace('\n', "\r\n");
    let (text, _links) = postfach::mime::html_to_text(&html);
    let mut m = format!(
        "Return-Path: <news@shop.example>\r\nMessage-ID: <newsletter.{i}@shop.example>\r\n\
         Date: {}\r\nFrom: Shop <news@shop.example>\r\nTo: Erika Mustermann <erika@example.de>\r\n\
         Subject: {}\r\nMIME-Version: 1.0\r\n\
         Content-Type: multipart/related; type=\"multipart/alternative\"; boundary=\"=_rel\"\r\n\r\n\
         --=_rel\r\nContent-Type: multipart/alternative; boundary=\"=_alt\"\r\n\r\n\
         --=_alt\r\nContent-Type: text/plain; charset=utf-8\r\n\
         Content-Transfer-Encoding: quoted-printable\r\n\r\n",
        rfc2822(date),
        encoded(&format!("Unsere Angebote der Woche – Nr. {}", i + 1)),
    );
    m.push_str(&qp(76, &text.replace("\r\n", "\n").replace('\n', "\r\n")));
    m.push_str(
        "--=_alt\r\nContent-Type: text/html; charset=utf-8\r\n\
         Content-Transfer-Encoding: quoted-printable\r\n\r\n",
    );
    m.push_str(&qp(76, &html));
    m.push_str("--=_alt--\r\n");
    for k in 0..NEWSLETTER_PICTURES {
        let n = k * 4;
        m.push_str(&format!(
            "--=_rel\r\nContent-Type: image/png; name=\"produkt{n}.png\"\r\n\
             Content-ID: <produkt{n}@shop>\r\nContent-Disposition: inline; filename=\"produkt{n}.png\"\r\n\
             Content-Transfer-Encoding: base64\r\n\r\n"
        ));
        m.push_str(&b64_lines(&png(280, 180, (k * 25) as u8)));
    }
    m.push_str("--=_rel--\r\n");
    m.into_bytes()
}
