//! Every user-visible string exists in English and German, and every id the code uses exists.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::path::Path;

use postfach::i18n::Language;

use crate::support::sandbox::language_alone;

fn ids(lang: &str) -> BTreeSet<String> {
    postfach::i18n::message_ids(lang).into_iter().collect()
}

#[test]
fn english_and_german_have_the_same_keys() {
    let en = ids("en");
    let de = ids("de");
    assert!(en.len() > 20, "the English file looks empty: {en:?}");
    let only_en: Vec<_> = en.difference(&de).collect();
    let only_de: Vec<_> = de.difference(&en).collect();
    assert!(
        only_en.is_empty() && only_de.is_empty(),
        "only en: {only_en:?}\nonly de: {only_de:?}"
    );
}

fn used_ids(dir: &Path, out: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            used_ids(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            for (i, _) in text.match_indices("fl!(") {
                let rest = text[i + 4..].trim_start();
                if let Some(rest) = rest.strip_prefix('"')
                    && let Some(end) = rest.find('"')
                {
                    out.insert(rest[..end].to_owned());
                }
            }
        }
    }
}

#[test]
fn every_id_used_in_the_code_exists_in_both_languages() {
    let mut used = BTreeSet::new();
    used_ids(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut used,
    );
    assert!(!used.is_empty());
    for lang in ["en", "de"] {
        let have = ids(lang);
        let missing: Vec<_> = used.difference(&have).collect();
        assert!(missing.is_empty(), "{lang} lacks {missing:?}");
    }
}

#[test]
fn german_plurals_and_umlauts_render() {
    let _language = language_alone(Language::German);
    assert_eq!(
        postfach::fl!("sync-new-messages", count = 1),
        "1 neue Nachricht"
    );
    assert_eq!(
        postfach::fl!("sync-new-messages", count = 3),
        "3 neue Nachrichten"
    );
    postfach::i18n::select(Language::English);
    assert_eq!(
        postfach::fl!("sync-new-messages", count = 1),
        "1 new message"
    );
    assert_eq!(
        postfach::fl!("sync-new-messages", count = 3),
        "3 new messages"
    );
}
