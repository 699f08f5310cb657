//! The document model's shape: blocks, spans, styles, images, links, tables, caps.

use super::*;

fn spans_of(block: &Block) -> &[Span] {
    match block {
        Block::Paragraph(s) | Block::Preformatted(s) | Block::Heading { spans: s, .. } => s,
        _ => &[],
    }
}

#[test]
fn inline_styles_become_span_flags() {
    let doc = Document::parse(
        "<p><b>fett</b> <i>kursiv</i> <u>unter</u> <s>durch</s> <code>mono</code> \
         <span style=\"color:#ff0000;font-weight:bold\">rot</span> <font color=\"blue\">blau</font></p>",
    );
    let spans = spans_of(&doc.blocks[0]);
    let find = |t: &str| {
        spans
            .iter()
            .find(|s| s.text.trim() == t)
            .cloned()
            .unwrap_or_default()
    };
    assert!(find("fett").bold);
    assert!(find("kursiv").italic);
    assert!(find("unter").underline);
    assert!(find("durch").strike);
    assert!(find("mono").mono);
    assert_eq!(find("rot").color, Some([255, 0, 0]));
    assert!(find("rot").bold);
    assert_eq!(find("blau").color, Some([0, 0, 255]));
}

#[test]
fn headings_quotes_lists_rules_and_pre_are_blocks() {
    let doc = Document::parse(
        "<h2>Titel</h2><blockquote><p>zitiert</p></blockquote><ol start=\"4\"><li>a</li></ol>\
         <hr><pre> x\n  y</pre>",
    );
    assert!(matches!(&doc.blocks[0], Block::Heading { level: 2, .. }));
    assert!(matches!(&doc.blocks[1], Block::Quote(inner) if inner.len() == 1));
    assert!(
        matches!(&doc.blocks[2], Block::List { ordered: true, start: 4, items } if items.len() == 1)
    );
    assert_eq!(doc.blocks[3], Block::Rule);
    assert_eq!(spans_of(&doc.blocks[4])[0].text, " x\n  y");
}

#[test]
fn images_split_the_paragraph_and_keep_their_link() {
    let doc = Document::parse(
        "<p>vor <a href=\"https://a.de/\"><img src=\"cid:&lt;bild@x&gt;\" alt=\"Bild\" width=\"20\"></a> nach \
         <img src=\"https://t.example/p.gif\" width=\"1\" height=\"1\"></p>",
    );
    assert_eq!(doc.blocks.len(), 3, "{:?}", doc.blocks);
    assert_eq!(doc.blocks[1], Block::Image(0));
    assert_eq!(
        doc.images[0].source,
        ImageSource::ContentId("bild@x".into())
    );
    assert_eq!(doc.images[0].width, Some(20));
    assert_eq!(doc.images[0].link, Some(0));
    assert_eq!(doc.links[0].text, "Bild");
    assert_eq!(doc.images.len(), 1, "the tracking pixel is no image");
    assert_eq!(doc.remote, 1, "but it is counted");
}

#[test]
fn data_tables_stay_tables_and_layout_tables_are_flattened() {
    let data = Document::parse(
        "<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>",
    );
    assert!(matches!(&data.blocks[0], Block::Table { rows, header_rows: 1 } if rows.len() == 2));
    let layout = Document::parse(
        "<table role=\"presentation\"><tr><td>links</td><td>rechts</td></tr><tr><td>unten</td></tr></table>",
    );
    assert_eq!(layout.blocks.len(), 3);
    assert_eq!(layout.text(), "links\n\nrechts\n\nunten");
    let single_column = Document::parse("<table><tr><td>a</td></tr><tr><td>b</td></tr></table>");
    assert!(!matches!(single_column.blocks[0], Block::Table { .. }));
    let nested = Document::parse(
        "<table><tr><td><table><tr><th>x</th><th>y</th></tr></table></td><td>z</td></tr></table>",
    );
    assert!(
        matches!(&nested.blocks[0], Block::Table { .. }),
        "the inner data table stays"
    );
    assert_eq!(
        nested.blocks.len(),
        2,
        "the outer layout table is flattened"
    );
}

#[test]
fn line_breaks_stay_inside_one_paragraph() {
    let doc = Document::parse("<div>eins</div><div>zwei<br>drei</div>");
    assert_eq!(doc.blocks.len(), 1);
    assert_eq!(spans_of(&doc.blocks[0])[0].text, "eins\nzwei\ndrei");
}

#[test]
fn the_body_keeps_the_document_for_the_reader_only() {
    let raw = b"From: a@b.de\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<h1>Hallo</h1><p>Welt</p>\r\n";
    let m = crate::mime::parse(raw);
    assert_eq!(m.body.text, "Hallo\n\nWelt");
    let doc = m.body.html.as_deref().cloned().unwrap_or_default();
    assert!(matches!(&doc.blocks[0], Block::Heading { level: 1, .. }));
    let summary = crate::mime::model::parse_for(raw, crate::mime::model::Purpose::Summary);
    assert!(summary.body.html.is_none());
    assert_eq!(summary.body.text, m.body.text);
}
