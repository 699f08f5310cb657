//! Test mail as RFC 5322 bytes: [`Mail`], a builder for hand-written realistic mail (German and
//! English, with attachments) and [`realistic`], the set the screenshots and window tests show;
//! [`message`], a numbered mail for fetch tests; [`generated`], the benchmarks' generated sets.
//! The encoders below are the only ones the tests and benches use.

pub mod generated;

use std::io::Cursor;

use base64::Engine;
use sha2::{Digest, Sha256};

/// A mail to build.
#[derive(Debug, Clone)]
pub struct Mail {
    pub from_name: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub subject: &'static str,
    pub body: &'static str,
    /// Unix time of the Date header.
    pub date: i64,
    pub attachments: Vec<Attached>,
    pub html: bool,
}

/// An attachment: name, MIME type, bytes.
#[derive(Debug, Clone)]
pub struct Attached {
    pub name: &'static str,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

impl Mail {
    /// A plain text mail.
    pub fn text(
        from_name: &'static str,
        from: &'static str,
        subject: &'static str,
        body: &'static str,
        date: i64,
    ) -> Mail {
        Mail {
            from_name,
            from,
            to: "Anna Schmidt <anna.schmidt@example.de>",
            subject,
            body,
            date,
            attachments: Vec::new(),
            html: false,
        }
    }

    /// With an attachment.
    pub fn with(mut self, name: &'static str, content_type: &'static str, bytes: Vec<u8>) -> Mail {
        self.attachments.push(Attached {
            name,
            content_type,
            bytes,
        });
        self
    }

    /// The raw bytes.
    pub fn raw(&self) -> Vec<u8> {
        let date = rfc2822(self.date);
        let mut out = String::new();
        out.push_str(&format!(
            "From: {} <{}>\r\nTo: {}\r\nSubject: {}\r\nDate: {}\r\nMessage-ID: <{}.{}@test.example>\r\nMIME-Version: 1.0\r\n",
            encode_word(self.from_name),
            self.from,
            self.to,
            encode_word(self.subject),
            date,
            self.date,
            self.subject.len()
        ));
        let (ctype, body) = if self.html {
            ("text/html", self.body.to_owned())
        } else {
            ("text/plain", self.body.to_owned())
        };
        let text_part = format!(
            "Content-Type: {ctype}; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n{}",
            b64_lines(body.replace('\n', "\r\n").as_bytes())
        );
        if self.attachments.is_empty() {
            out.push_str(&text_part);
            return out.into_bytes();
        }
        let boundary = "=_postfach_test_boundary";
        out.push_str(&format!(
            "Content-Type: multipart/mixed; boundary=\"{boundary}\"\r\n\r\n--{boundary}\r\n{text_part}"
        ));
        for a in &self.attachments {
            out.push_str(&format!(
                "--{boundary}\r\nContent-Type: {}; name=\"{}\"\r\nContent-Disposition: attachment; filename=\"{}\"\r\nContent-Transfer-Encoding: base64\r\n\r\n{}",
                a.content_type,
                a.name,
                a.name,
                b64_lines(&a.bytes)
            ));
        }
        out.push_str(&format!("--{boundary}--\r\n"));
        out.into_bytes()
    }
}

/// RFC 2047 for non-ASCII header text.
fn encode_word(s: &str) -> String {
    if s.is_ascii() {
        s.to_owned()
    } else {
        format!("=?utf-8?B?{}?=", b64(s.as_bytes()))
    }
}

/// A PNG picture (a soft landscape-like gradient with a sun), `w × h` pixels.
pub fn png(w: u32, h: u32, hue: u8) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        let fy = y as f32 / h as f32;
        let fx = x as f32 / w as f32;
        let horizon = 0.62 + 0.05 * (fx * 6.0).sin();
        let (sx, sy) = (0.72, 0.28);
        let sun = ((fx - sx).powi(2) + (fy - sy).powi(2) * 0.6).sqrt() < 0.07;
        let px = if sun {
            [255, 226, 140]
        } else if fy < horizon {
            let t = fy / horizon;
            [
                (90.0 + 120.0 * t) as u8,
                (150.0 + 70.0 * t) as u8,
                (230.0 - 20.0 * t) as u8,
            ]
        } else {
            let t = (fy - horizon) / (1.0 - horizon);
            [
                (40.0 + f32::from(hue) * 0.3 - 20.0 * t) as u8,
                (120.0 - 40.0 * t) as u8,
                (70.0 + f32::from(hue) * 0.2) as u8,
            ]
        };
        image::Rgb(px)
    });
    let mut out = Cursor::new(Vec::new());
    let _ = img.write_to(&mut out, image::ImageFormat::Png);
    out.into_inner()
}

/// Bytes that look like a small PDF.
pub fn pdf() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".to_vec()
}

/// The mails the screenshots and several tests use (newest first).
pub fn realistic(now: i64) -> Vec<Mail> {
    let h = 3600;
    let d = 24 * h;
    vec![
        Mail::text(
            "Jürgen Müller",
            "juergen.mueller@example.de",
            "Fotos vom Wochenende am Bodensee",
            "Hallo Anna,\n\nanbei die Fotos vom Wochenende. Das Wetter war herrlich, und am Sonntag konnten wir sogar bis zu den Alpen sehen.\n\nDie übrigen Bilder lade ich heute Abend hoch: https://fotos.example.de/bodensee-2024\n\nViele Grüße\nJürgen",
            now - 2 * h,
        )
        .with("Bodensee-Ufer.png", "image/png", png(640, 420, 40))
        .with("Sonnenuntergang.png", "image/png", png(480, 360, 120)),
        Mail::text(
            "Stadtwerke München",
            "rechnung@swm.example.de",
            "Ihre Rechnung Nr. 2024-08157",
            "Sehr geehrte Frau Schmidt,\n\nim Anhang finden Sie Ihre Rechnung für den Abrechnungszeitraum Juli. Der Betrag von 84,20 € wird am 15. des Monats von Ihrem Konto abgebucht.\n\nMit freundlichen Grüßen\nIhre Stadtwerke München",
            now - 5 * h,
        )
        .with("Rechnung-2024-08157.pdf", "application/pdf", pdf()),
        Mail::text(
            "John Smith",
            "john.smith@example.com",
            "Quarterly report Q3",
            "Hi Anna,\n\nplease find the Q3 numbers attached. Revenue is up 12% compared to last quarter; the details are on the second sheet.\n\nBest regards,\nJohn",
            now - d - 3 * h,
        )
        .with("Q3-report.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", vec![0x50, 0x4b, 3, 4, 0, 0]),
        Mail::text(
            "Katrin Weiß",
            "katrin.weiss@example.de",
            "Re: Treffen am Donnerstag",
            "Hallo Anna,\n\nDonnerstag um 18 Uhr passt mir gut. Treffen wir uns im Café am Marktplatz?\n\nBis dann\nKatrin\n\n> Hast du am Donnerstag Zeit?",
            now - 2 * d,
        ),
        Mail::text(
            "Lufthansa",
            "booking@lufthansa.example.com",
            "Your booking confirmation LH 2034",
            "Dear Ms Schmidt,\n\nthank you for booking with us. Flight LH 2034 from Munich to Hamburg departs on Friday at 07:15.\n\nManage your booking: https://www.lufthansa.example.com/booking\n\nHave a pleasant flight.",
            now - 4 * d,
        ),
        Mail::text(
            "Schwarzwaldverein",
            "newsletter@schwarzwald.example.de",
            "Newsletter: Neue Wanderwege im Schwarzwald",
            "Liebe Wanderfreunde,\n\nin diesem Herbst eröffnen wir drei neue Rundwege rund um den Feldberg. Alle Touren finden Sie auf unserer Webseite: https://schwarzwald.example.de/touren\n\nHerzliche Grüße\nIhr Schwarzwaldverein",
            now - 9 * d,
        ),
        Mail::text(
            "Maria Fischer",
            "maria.fischer@example.at",
            "Einladung zum Sommerfest",
            "Liebe Anna,\n\nwir feiern am 24. August unser Sommerfest im Garten. Bring gern jemanden mit!\n\nLiebe Grüße\nMaria",
            now - 40 * d,
        ),
        Mail::text(
            "GitHub",
            "noreply@github.example.com",
            "Your weekly digest",
            "Here is what happened in your repositories this week: 4 pull requests merged, 2 issues opened.",
            now - 400 * d,
        ),
    ]
}

/// The SHA-256 of `bytes`, in hex (as the store records it).
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// A realistic, distinct message number `i`: CRLF, German 8-bit and encoded headers, lines that
/// need dot-stuffing, and every seventh one with a base64 attachment.
pub fn message(i: usize) -> Vec<u8> {
    let mut m = String::new();
    m.push_str(&format!("Message-ID: <seed-{i}@postfach.test>\r\n"));
    m.push_str(&format!(
        "Date: Mon, {} Mar 2026 10:{:02}:00 +0100\r\n",
        1 + i % 28,
        i % 60
    ));
    m.push_str("From: =?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <juergen@example.de>\r\n");
    m.push_str("To: Postfach Test <test@example.org>\r\n");
    m.push_str(&format!(
        "Subject: =?UTF-8?B?{}?=\r\n",
        b64(format!("Grüße Nr. {i} – Straßenfest").as_bytes())
    ));
    m.push_str("MIME-Version: 1.0\r\n");
    if i.is_multiple_of(7) {
        m.push_str("Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\n");
        m.push_str(
            "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n",
        );
    } else {
        m.push_str(
            "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n",
        );
    }
    m.push_str(&format!("Hallo, dies ist Nachricht {i}.\r\n"));
    m.push_str(".\r\n..zwei Punkte am Anfang\r\n.Punkt am Anfang\r\n");
    for line in 0..(20 + i % 50) {
        m.push_str(&format!(
            "Zeile {line}: Käse, Öl und Übermut für die Straße.\r\n"
        ));
    }
    if i.is_multiple_of(7) {
        m.push_str("--b1\r\nContent-Type: application/octet-stream; name=\"daten.bin\"\r\n");
        m.push_str("Content-Disposition: attachment; filename=\"daten.bin\"\r\n");
        m.push_str("Content-Transfer-Encoding: base64\r\n\r\n");
        let payload: Vec<u8> = (0..3000u32)
            .map(|b| (b.wrapping_mul(31) ^ i as u32) as u8)
            .collect();
        m.push_str(&b64_lines(&payload));
        m.push_str("--b1--\r\n");
    }
    m.into_bytes()
}

// --- encoders --------------------------------------------------------------------------------

/// Base64 on one line (for encoded words and header values).
pub fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Base64 for a body: lines of 76 characters, each ended by CRLF.
pub fn b64_lines(bytes: &[u8]) -> String {
    let encoded = b64(bytes);
    let mut out = String::with_capacity(encoded.len() * 78 / 76 + 2);
    for chunk in encoded.as_bytes().chunks(76) {
        out.push_str(std::str::from_utf8(chunk).unwrap_or(""));
        out.push_str("\r\n");
    }
    out
}

/// The RFC 2047 Q encoding of `bytes` (the text of an encoded word).
pub fn q_encode(bytes: &[u8]) -> String {
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

/// `text` as it is, or as a UTF-8 Q encoded word when it is not plain ASCII.
pub fn encoded(text: &str) -> String {
    if text.is_ascii() {
        return text.to_owned();
    }
    format!("=?UTF-8?Q?{}?=", q_encode(text.as_bytes()))
}

/// Quoted-printable for text with CRLF line ends, with soft line breaks before a line would pass
/// `width` characters.
pub fn qp(width: usize, text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 11 / 10);
    for line in text.split("\r\n") {
        let mut col = 0;
        for &b in line.as_bytes() {
            let piece = match b {
                b'=' => "=3D".to_owned(),
                33..=126 | b' ' => (b as char).to_string(),
                _ => format!("={b:02X}"),
            };
            if col + piece.len() > width {
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

/// An address's local part for a person: lower case, umlauts spelt out, letters and dots only.
pub fn local_part(first: &str, last: &str) -> String {
    format!("{first}.{last}")
        .to_lowercase()
        .replace('ä', "ae")
        .replace('ö', "oe")
        .replace('ü', "ue")
        .replace('ß', "ss")
        .replace('ë', "e")
        .chars()
        .filter(|c| c.is_ascii_alphabetic() || *c == '.')
        .collect()
}

/// A Date header value (RFC 2822, UTC) for a Unix time.
pub fn rfc2822(ts: i64) -> String {
    let t =
        time::OffsetDateTime::from_unix_timestamp(ts).unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    t.format(&time::format_description::well_known::Rfc2822)
        .unwrap_or_default()
}
