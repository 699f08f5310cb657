use super::*;

fn text(html: &str) -> String {
    html_to_text(html).0
}

#[test]
fn paragraphs_and_line_breaks() {
    assert_eq!(
        text("<p>Hallo Anna,</p><p>wie   geht\n es dir?<br>Gut.</p>"),
        "Hallo Anna,\n\nwie geht es dir?\nGut."
    );
    assert_eq!(
        text("<div>eins</div><div>zwei</div>drei"),
        "eins\nzwei\ndrei"
    );
    assert_eq!(text("a<br><br><br><br><br>b"), "a\n\nb");
    assert_eq!(text("<h1>Titel</h1>Text"), "Titel\n\nText");
}

#[test]
fn unclosed_paragraphs_and_list_items() {
    assert_eq!(text("<p>eins<p>zwei"), "eins\n\nzwei");
    assert_eq!(
        text("<ul><li>Äpfel<li>Birnen</ul>danach"),
        "• Äpfel\n• Birnen\n\ndanach"
    );
}

#[test]
fn lists_get_bullets_and_numbers() {
    assert_eq!(
        text("<ol><li>erstens</li><li>zweitens<ul><li>innen</li></ul></li></ol>"),
        "1. erstens\n2. zweitens\n  • innen"
    );
}

#[test]
fn links_stay_visible() {
    let (t, links) = html_to_text(
        r#"Mehr <a href="https://example.de/a?x=1&amp;y=2">auf unserer Seite</a>. <a href="https://example.de/">example.de</a>
           <a href="mailto:info@example.de">info@example.de</a> <a href="javascript:alert(1)">böse</a> <a href="/rel">relativ</a>"#,
    );
    assert_eq!(
        t,
        "Mehr auf unserer Seite <https://example.de/a?x=1&y=2>. example.de info@example.de böse relativ"
    );
    assert_eq!(
        links,
        vec![
            Link {
                text: "auf unserer Seite".into(),
                url: "https://example.de/a?x=1&y=2".into()
            },
            Link {
                text: "example.de".into(),
                url: "https://example.de/".into()
            },
            Link {
                text: "info@example.de".into(),
                url: "mailto:info@example.de".into()
            },
        ]
    );
}

#[test]
fn empty_link_text_shows_the_address() {
    let (t, links) = html_to_text(r#"<a href="https://x.de/"></a>"#);
    assert_eq!(t, "https://x.de/");
    assert_eq!(links.len(), 1);
    let (t, _) = html_to_text(r#"<a href="https://x.de/"><img src="cid:logo" alt="Logo"></a>"#);
    assert_eq!(t, "[image: Logo] <https://x.de/>");
}

#[test]
fn scripts_styles_head_and_hidden_content_are_dropped() {
    let html = r#"<html><head><title>T</title><style>p { color: red }</style>
        <script>document.write("<p>nein</p>")</script></head>
        <body><div style="display: none; max-height:0">Vorschautext</div>
        <p>Sichtbar</p><template><p>unsichtbar</p></template><SCRIPT type="x">alert('</p>')</SCRIPT>Ende</body></html>"#;
    assert_eq!(text(html), "Sichtbar\n\nEnde");
}

#[test]
fn entities_are_decoded() {
    assert_eq!(
        text("Gr&uuml;&szlig;e &amp; &lt;Tags&gt; &#8364;&nbsp;5 &unknown;"),
        "Grüße & <Tags> € 5 &unknown;"
    );
}

#[test]
fn images_become_their_alt_text() {
    assert_eq!(
        text(
            r#"<img src="https://tracker.example/p.gif"><img alt="Unser Team" src="x.png"> Hallo"#
        ),
        "[image: Unser Team]\n\nHallo"
    );
}

#[test]
fn blockquotes_are_marked() {
    assert_eq!(
        text("<p>Antwort</p><blockquote><p>Frage?</p><p>Zweite</p></blockquote>"),
        "Antwort\n\n> Frage?\n\n> Zweite"
    );
}

#[test]
fn preformatted_text_keeps_its_spaces() {
    assert_eq!(text("<pre>a  b\n  c</pre>d"), "a  b\n  c\n\nd");
}

#[test]
fn tables_read_row_by_row() {
    assert_eq!(
        text("<table><tr><td>Name</td><td>Wert</td></tr><tr><td>A</td><td>1</td></tr></table>"),
        "Name | Wert\nA | 1"
    );
}

#[test]
fn comments_and_doctype_are_ignored_and_lone_brackets_kept() {
    assert_eq!(
        text("<!DOCTYPE html><!-- <p>nein</p> -->a < b > c<?xml x?>"),
        "a < b > c"
    );
    assert_eq!(text("<!-- nicht beendet"), "");
    assert_eq!(text("<p unbeendet"), "");
}

#[test]
fn invisible_padding_is_removed() {
    assert_eq!(
        text("Hallo&zwnj;&nbsp;&#847;&zwnj; Welt&shy;"),
        "Hallo Welt"
    );
}

#[test]
fn deep_nesting_and_garbage_do_not_break_it() {
    let deep = "<div>".repeat(10_000) + "tief" + &"</div>".repeat(10_000);
    assert_eq!(text(&deep), "tief");
    let _ = html_to_text("<a href='x'<<<>>>\"'&#x;&#;&&<//><a href=\"https://a.de\"");
    let _ = html_to_text("<b>\u{0}\u{202E}</b>");
}
