//! The benchmark's mail: a deterministic, realistic generated set.
//!
//! The large set (about 115 KB per mail on average): mostly 3–10 KB text mails (8bit or
//! quoted-printable), some HTML (multipart/alternative), and 7.5 % multipart/mixed mails with an
//! attachment of 100 KB–2 MB (random bytes, base64). German headers with RFC 2047 encoded words
//! (UTF-8 and ISO-8859-1, Q and B), `Received` chains, a DKIM signature, lines that need
//! dot-stuffing. The small set: 1.5–4 KB text mails, for per-message overhead.
//!
//! Mail `i` depends only on `i` and the set, never on what was generated before.

/// SplitMix64: small, deterministic, good enough to vary generated mail.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn bytes(&mut self, n: usize) -> Vec<u8> {
        let mut out = Vec::with_capacity(n + 8);
        while out.len() < n {
            out.extend_from_slice(&self.next().to_le_bytes());
        }
        out.truncate(n);
        out
    }
}

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

fn b64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

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

fn q_encode(bytes: &[u8]) -> String {
    let mut out = String::new();
    for &b in bytes {
        match b {
            b' ' => out.push('_'),
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'.' | b',' | b'-' => out.push(b as char),
            _ => out.push_str(&format!("={b:02X}")),
        }
    }
    out
}

/// Quoted-printable body encoding with soft line breaks (lines ≤ 76).
fn qp_body(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 11 / 10);
    for line in text.split("\r\n") {
        let mut col = 0;
        for &b in line.as_bytes() {
            let piece = match b {
                b'=' => "=3D".to_owned(),
                33..=126 | b' ' => (b as char).to_string(),
                _ => format!("={b:02X}"),
            };
            if col + piece.len() > 75 {
                out.push_str("=\r\n");
                col = 0;
            }
            col += piece.len();
            out.push_str(&piece);
        }
        out.push_str("\r\n");
    }
    out
}

fn person(rng: &mut Rng) -> (String, String) {
    let first = rng.pick(FIRST);
    let last = rng.pick(LAST);
    let domain = rng.pick(DOMAINS);
    let local: String = format!("{first}.{last}")
        .to_lowercase()
        .replace('ä', "ae")
        .replace('ö', "oe")
        .replace('ü', "ue")
        .replace('ß', "ss")
        .replace('ë', "e");
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
    if rng.below(2) == 0 {
        m.push_str("Content-Type: text/plain; charset=utf-8\r\n");
        m.push_str("Content-Transfer-Encoding: quoted-printable\r\n\r\n");
        m.push_str(&qp_body(&body));
    } else {
        m.push_str("Content-Type: text/plain; charset=utf-8; format=flowed\r\n");
        m.push_str("Content-Transfer-Encoding: 8bit\r\n\r\n");
        m.push_str(&body);
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
        let encoded = b64(&rng.bytes(size));
        m.reserve(encoded.len() * 78 / 76 + 64);
        for chunk in encoded.as_bytes().chunks(76) {
            m.push_str(std::str::from_utf8(chunk).unwrap_or(""));
            m.push_str("\r\n");
        }
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
        m.push_str(&qp_body(&html));
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

fn percent(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'.' | b'_' | b'-' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
