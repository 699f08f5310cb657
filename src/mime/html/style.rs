//! The little CSS the document model reads from `style` attributes: text colour, weight, slant,
//! decoration, monospace fonts and `display:none`; and counting remote `url()`s. No CSS is run or
//! applied beyond that, and background colours are ignored.

/// The declarations of a `style` attribute, as (property, value) pairs in lowercase; later
/// declarations win when looked up with [`last`].
pub(super) fn declarations(style: &str) -> Vec<(String, String)> {
    style
        .split(';')
        .filter_map(|decl| {
            let (prop, value) = decl.split_once(':')?;
            let prop = prop.trim().to_ascii_lowercase();
            let value = value
                .trim()
                .trim_end_matches("!important")
                .trim()
                .to_ascii_lowercase();
            (!prop.is_empty()).then_some((prop, value))
        })
        .take(64)
        .collect()
}

/// The value of the last declaration of `prop`.
pub(super) fn last<'a>(decls: &'a [(String, String)], prop: &str) -> Option<&'a str> {
    decls
        .iter()
        .rev()
        .find(|(p, _)| p == prop)
        .map(|(_, v)| v.as_str())
}

/// Whether the declarations hide the element (`display:none`).
pub(super) fn hides(decls: &[(String, String)]) -> bool {
    last(decls, "display") == Some("none")
}

/// How many remote `url(…)` references (http, https or protocol-relative) and `@import`s a piece
/// of CSS holds.
pub(super) fn remote_urls(css: &str) -> u32 {
    let lower = css.to_ascii_lowercase();
    let mut count = 0u32;
    for (i, _) in lower.match_indices("url(") {
        let arg = lower[i + 4..].trim_start_matches([' ', '"', '\'']);
        if is_remote(arg) {
            count = count.saturating_add(1);
        }
    }
    for (i, _) in lower.match_indices("@import") {
        let arg = lower[i + 7..].trim_start_matches([' ', '"', '\'']);
        let arg = arg
            .strip_prefix("url(")
            .unwrap_or(arg)
            .trim_start_matches([' ', '"', '\'']);
        if is_remote(arg) {
            count = count.saturating_add(1);
        }
    }
    count
}

/// Whether an address would be loaded from the network: http(s) or protocol-relative (`//host`).
pub(super) fn is_remote(url: &str) -> bool {
    let url = url.trim_start();
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//")
}

/// Parses a CSS or HTML colour: a basic named colour, `#rgb`, `#rrggbb` or `rgb(r, g, b)` (numbers
/// or percentages). `None` for anything else (including `transparent` and `inherit`).
pub(super) fn color(value: &str) -> Option<[u8; 3]> {
    let v = value.trim().to_ascii_lowercase();
    if let Some(hex) = v.strip_prefix('#') {
        return hex_color(hex);
    }
    if let Some(args) = v.strip_prefix("rgb(").or_else(|| v.strip_prefix("rgba(")) {
        let args = args.strip_suffix(')')?;
        let parts: Vec<&str> = args
            .split([',', ' ', '/'])
            .filter(|p| !p.is_empty())
            .collect();
        let channel = |p: &str| -> Option<u8> {
            if let Some(pct) = p.strip_suffix('%') {
                let f: f32 = pct.parse().ok()?;
                Some((f.clamp(0.0, 100.0) * 2.55).round() as u8)
            } else {
                let f: f32 = p.parse().ok()?;
                Some(f.clamp(0.0, 255.0).round() as u8)
            }
        };
        return Some([
            channel(parts.first()?)?,
            channel(parts.get(1)?)?,
            channel(parts.get(2)?)?,
        ]);
    }
    let named = match v.as_str() {
        "black" => [0, 0, 0],
        "silver" => [192, 192, 192],
        "gray" | "grey" => [128, 128, 128],
        "white" => [255, 255, 255],
        "maroon" => [128, 0, 0],
        "red" => [255, 0, 0],
        "purple" => [128, 0, 128],
        "fuchsia" | "magenta" => [255, 0, 255],
        "green" => [0, 128, 0],
        "lime" => [0, 255, 0],
        "olive" => [128, 128, 0],
        "yellow" => [255, 255, 0],
        "navy" => [0, 0, 128],
        "blue" => [0, 0, 255],
        "teal" => [0, 128, 128],
        "aqua" | "cyan" => [0, 255, 255],
        "orange" => [255, 165, 0],
        "darkgray" | "darkgrey" => [169, 169, 169],
        "lightgray" | "lightgrey" => [211, 211, 211],
        "darkred" => [139, 0, 0],
        "darkblue" => [0, 0, 139],
        "darkgreen" => [0, 100, 0],
        _ => return hex_color(&v).filter(|_| v.len() == 6), // `<font color=ff0000>`
    };
    Some(named)
}

fn hex_color(hex: &str) -> Option<[u8; 3]> {
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let digit = |i: usize| u8::from_str_radix(hex.get(i..=i)?, 16).ok();
    let pair = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    match hex.len() {
        3 => Some([digit(0)? * 17, digit(1)? * 17, digit(2)? * 17]),
        6 => Some([pair(0)?, pair(2)?, pair(4)?]),
        _ => None,
    }
}

/// Whether a `font-weight` value is bold.
pub(super) fn is_bold(weight: &str) -> bool {
    matches!(weight, "bold" | "bolder") || weight.parse::<u32>().is_ok_and(|w| w >= 600)
}

/// Whether a `font-family` list asks for a monospace font.
pub(super) fn is_mono_family(family: &str) -> bool {
    [
        "monospace",
        "courier",
        "consolas",
        "menlo",
        "monaco",
        "lucida console",
    ]
    .iter()
    .any(|m| family.contains(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_parse() {
        assert_eq!(color("#f00"), Some([255, 0, 0]));
        assert_eq!(color("#1A2b3C"), Some([0x1a, 0x2b, 0x3c]));
        assert_eq!(color("rgb(10, 20,30)"), Some([10, 20, 30]));
        assert_eq!(color("rgb(100%,0%,50%)"), Some([255, 0, 128]));
        assert_eq!(color("Navy"), Some([0, 0, 128]));
        assert_eq!(color("ff8800"), Some([255, 136, 0]));
        assert_eq!(color("inherit"), None);
        assert_eq!(color("#12"), None);
        assert_eq!(color("expression(alert(1))"), None);
    }

    #[test]
    fn remote_urls_are_counted() {
        assert_eq!(
            remote_urls(
                "a{background:URL( 'https://x/a.png')} b{x:url(cid:y)} @import 'http://x/c.css'; c{y:url(//h/p)}"
            ),
            3
        );
        assert!(hides(&declarations("color:red; DISPLAY : none !important")));
    }
}
