//! The UI font, bundled so the app looks the same on every system and draws its words where the
//! system has none of the fonts it would ask for (a bare Wine prefix has none at all).
//!
//! DejaVu Sans (regular and bold; Bitstream Vera licence, DejaVu's changes public domain: see
//! `resources/fonts/LICENSE-DejaVu.txt`) covers the Latin, Greek and Cyrillic alphabets, so every
//! German and English word of the UI. It becomes the "sans-serif" family, which every text of the
//! app asks for (`Font::DEFAULT` and its bold variants). Text in other scripts (a Japanese
//! subject, an Arabic sender name) falls back to the system's fonts, as before.
use std::borrow::Cow;

use iced::advanced::graphics::text::font_system;

/// The family name inside the bundled files.
pub const FAMILY: &str = "DejaVu Sans";

const REGULAR: &[u8] = include_bytes!("../../../resources/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../../resources/fonts/DejaVuSans-Bold.ttf");

/// Loads the bundled font into iced's text system and makes it the sans-serif family. Call once
/// before the first window opens (later calls change nothing).
pub fn install() {
    let mut fonts = match font_system().write() {
        Ok(fonts) => fonts,
        Err(poisoned) => poisoned.into_inner(),
    };
    fonts.load_font(Cow::Borrowed(REGULAR));
    fonts.load_font(Cow::Borrowed(BOLD));
    fonts.raw().db_mut().set_sans_serif_family(FAMILY);
}

#[cfg(test)]
mod tests {
    use super::*;
    use iced::advanced::graphics::text::cosmic_text::fontdb::{Family, Query, Weight};

    /// The bundled faces are found as the sans-serif family, in both weights, and draw every
    /// letter German needs (a missing glyph would fall back to another font, or to nothing).
    #[test]
    fn the_bundled_font_is_the_sans_serif_family_with_german_letters() {
        install();
        let mut fonts = font_system().write().unwrap_or_else(|p| p.into_inner());
        let raw = fonts.raw();
        assert_eq!(raw.db().family_name(&Family::SansSerif), FAMILY);
        for weight in [Weight::NORMAL, Weight::BOLD] {
            let query = Query {
                families: &[Family::SansSerif],
                weight,
                ..Query::default()
            };
            let id = raw.db().query(&query).expect("a sans-serif face");
            let face = raw.db().face(id).expect("the face");
            assert_eq!(face.weight, weight, "{:?}", face.families);
            assert!(
                face.families.iter().any(|(name, _)| name == FAMILY),
                "{:?}",
                face.families
            );
            let font = raw.get_font(id, weight).expect("the font loads");
            let charmap = font.as_swash().charmap();
            for c in "ÄÖÜäöüßẞ€„“–…".chars() {
                assert_ne!(charmap.map(c), 0, "no glyph for {c:?}");
            }
        }
    }
}
