//! The reader's pieces: links found in text, previews, what is shown.
use super::*;

#[test]
fn links_become_pieces_only_when_the_model_lists_them() {
    let urls = ["https://example.org/a?b=1"];
    let ps = paragraphs(
        "Hallo,\nsiehe https://example.org/a?b=1.\n\nAndere: http://evil.test/x",
        &urls,
    );
    assert_eq!(ps.len(), 2);
    assert_eq!(
        ps[0],
        vec![
            Piece {
                text: "Hallo,\nsiehe ".into(),
                link: None
            },
            Piece {
                text: urls[0].into(),
                link: Some(urls[0].into())
            },
            Piece {
                text: ".".into(),
                link: None
            },
        ]
    );
    assert_eq!(
        ps[1],
        vec![Piece {
            text: "Andere: http://evil.test/x".into(),
            link: None
        }]
    );
}

#[test]
fn text_without_links_is_one_piece_per_paragraph() {
    let ps = paragraphs("a\nb\n\n\n\nc", &[]);
    assert_eq!(ps.len(), 2);
    assert_eq!(ps[0][0].text, "a\nb");
    assert_eq!(ps[1][0].text, "c");
    assert!(paragraphs("", &[]).is_empty());
}

#[test]
fn odd_text_does_not_break_the_splitter() {
    for text in [
        "http://",
        "mailto:",
        "xhttps://",
        "https://ä",
        "ü https:// ö",
    ] {
        let ps = paragraphs(text, &["http://", "https://ä"]);
        let joined: String = ps.iter().flatten().map(|p| p.text.as_str()).collect();
        assert_eq!(joined, text);
    }
}

#[test]
fn remote_content_is_never_loaded_in_the_trash_or_junk() {
    use crate::store::FolderKind;
    assert!(super::remote::never_in(Some(FolderKind::Trash)));
    assert!(super::remote::never_in(Some(FolderKind::Junk)));
    for kind in [FolderKind::Inbox, FolderKind::Sent, FolderKind::Drafts] {
        assert!(!super::remote::never_in(Some(kind)), "{kind:?}");
    }
}
