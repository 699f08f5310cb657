//! Plain body text laid out for the reader: paragraphs at blank lines, and in each the links
//! that the parsed message lists (nothing else becomes clickable).
use super::Piece;

/// Splits text at blank lines, and each paragraph into plain pieces and the links among `urls`.
pub fn paragraphs(text: &str, urls: &[&str]) -> Vec<Vec<Piece>> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(pieces(&std::mem::take(&mut current), urls));
            }
        } else {
            if !current.is_empty() {
                current.push('\n');
            }
            current.push_str(line);
        }
    }
    if !current.is_empty() {
        out.push(pieces(&current, urls));
    }
    out
}

fn pieces(paragraph: &str, urls: &[&str]) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut rest = paragraph;
    let mut plain = String::new();
    while !rest.is_empty() {
        let next = ["https://", "http://", "mailto:"]
            .iter()
            .filter_map(|s| find_ascii_case_insensitive(rest, s))
            .min();
        let Some(start) = next else {
            plain.push_str(rest);
            break;
        };
        plain.push_str(&rest[..start]);
        let tail = &rest[start..];
        let end = tail
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"'))
            .unwrap_or(tail.len());
        let candidate = tail[..end].trim_end_matches(['.', ',', ';', ':', ')', '!', '?', '\'']);
        let candidate = if candidate.is_empty() {
            &tail[..end]
        } else {
            candidate
        };
        if urls.contains(&candidate) {
            if !plain.is_empty() {
                out.push(Piece {
                    text: std::mem::take(&mut plain),
                    link: None,
                });
            }
            out.push(Piece {
                text: candidate.to_owned(),
                link: Some(candidate.to_owned()),
            });
        } else {
            plain.push_str(candidate);
        }
        rest = &tail[candidate.len().max(1).min(tail.len())..];
    }
    if !plain.is_empty() {
        out.push(Piece {
            text: plain,
            link: None,
        });
    }
    out
}

fn find_ascii_case_insensitive(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}
