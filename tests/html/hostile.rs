//! Hostile HTML: nothing is run, nothing dangerous is linked, nothing is fetched, nothing hangs.
//! No test here asserts a time; each only has to finish.

use std::io::Read;
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use postfach::mime::html::{self, Block, Document, ImageSource};
use postfach::mime::html_to_text;

/// A local HTTP server that counts the connections it gets (and answers none).
fn counting_server() -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a local port");
    let addr = listener.local_addr().expect("local address");
    let count = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&count);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            seen.fetch_add(1, Ordering::SeqCst);
            if let Ok(mut s) = stream {
                let mut buf = [0u8; 1024];
                let _ = s.read(&mut buf);
            }
        }
    });
    (format!("http://{addr}"), count)
}

/// Every way an HTML mail can point at a remote resource, all at `base`.
fn remote_everything(base: &str) -> String {
    format!(
        r#"<html><head>
<link rel="stylesheet" href="{base}/sheet.css">
<link rel="icon" href="{base}/favicon.ico">
<style>@import url("{base}/import.css"); body {{ background: url({base}/bg.png) }}
.x {{ width: expression(alert(1)); behavior: url({base}/x.htc) }}</style>
<meta http-equiv="refresh" content="0; url={base}/refresh">
<script src="{base}/script.js"></script>
<script>fetch("{base}/fetch"); document.write("<p>geschrieben</p>")</script>
</head><body background="{base}/body.jpg" onload="fetch('{base}/onload')">
<p>Sichtbar</p>
<img src="{base}/img.png" alt="Bild" width="100" height="50" onerror="alert(1)">
<img srcset="{base}/small.png 1x, {base}/big.png 2x" alt="Srcset">
<picture><source srcset="{base}/pic.webp"><img src="{base}/pic.png" alt="Picture"></picture>
<div style="background-image:url('{base}/div-bg.png'); width: expression(alert(2))">Hintergrund</div>
<table background="{base}/table-bg.png"><tr><td background="{base}/td-bg.png">Zelle</td></tr></table>
<video poster="{base}/poster.jpg" src="{base}/video.mp4"><source src="{base}/video.webm">Videotext</video>
<audio src="{base}/audio.mp3"></audio>
<iframe src="{base}/frame.html">Rahmen</iframe>
<object data="{base}/object.swf">Objekt</object>
<embed src="{base}/embed.swf">
<input type="image" src="{base}/input.png">
<svg><image href="{base}/svg.png"/><script>alert(3)</script></svg>
<form action="{base}/form"><input name="pin" value="1234"><button onclick="alert(4)">Senden</button><textarea>Eingabe</textarea></form>
<noscript><img src="{base}/noscript.png">Ohne Skript</noscript>
<a href="javascript:alert(5)">js</a> <a href=" JaVaScRiPt:alert(6)">js2</a> <a href="data:text/html,hi">data</a>
<a href="vbscript:x">vb</a> <a href="file:///etc/passwd">datei</a> <a href="{base}/link">erlaubt</a>
<p onclick="alert(7)" onmouseover="alert(8)">Handler</p>
</body></html>"#
    )
}

#[test]
fn remote_resources_are_counted_and_never_fetched() {
    let (base, requests) = counting_server();
    let html = remote_everything(&base);
    let doc = Document::parse(&html);
    let (text, links) = html_to_text(&html);
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(
        requests.load(Ordering::SeqCst),
        0,
        "a request left the parser"
    );

    // sheet, icon, @import, 2 CSS url() in <style>, script src, body background, img, srcset,
    // picture source srcset, picture img, div style url, table and td background, poster, video
    // src, source src, audio, iframe, object, embed, input image, noscript img.
    assert!(doc.remote >= 20, "remote = {}", doc.remote);
    for needle in [
        "alert",
        "fetch",
        "geschrieben",
        "expression",
        "1234",
        "Ohne Skript",
        "Rahmen",
        "Objekt",
        "Videotext",
    ] {
        assert!(!text.contains(needle), "{needle:?} in {text:?}");
    }
    assert!(text.contains("Sichtbar") && text.contains("Handler") && text.contains("Senden"));
    assert_eq!(
        links.iter().map(|l| l.url.as_str()).collect::<Vec<_>>(),
        [format!("{base}/link")]
    );
    for image in &doc.images {
        match &image.source {
            ImageSource::Remote(url) => assert!(url.starts_with(&base), "{url}"),
            ImageSource::Unavailable => assert!(!image.alt.is_empty()),
            other => panic!("unexpected image source {other:?}"),
        }
    }
    let json = serde_json::to_string(&doc).unwrap_or_default();
    for needle in [
        "javascript",
        "vbscript",
        "data:",
        "file:",
        "alert",
        "onload",
        "onclick",
    ] {
        assert!(
            !json.to_lowercase().contains(needle),
            "{needle:?} in the document"
        );
    }
}

#[test]
fn ten_thousand_nested_elements_finish() {
    let deep = "<div>".repeat(10_000) + "tief" + &"</div>".repeat(10_000);
    assert_eq!(html_to_text(&deep).0, "tief");
    let quotes = "<blockquote>".repeat(10_000) + "zitat" + &"</blockquote>".repeat(10_000);
    let doc = Document::parse(&quotes);
    assert!(doc.text().ends_with("zitat"));
    let _ = serde_json::to_string(&doc).unwrap_or_default();
    let lists = "<ul><li>".repeat(10_000) + "punkt";
    let doc = Document::parse(&lists);
    assert!(doc.text().ends_with("punkt"));
    let tables = "<table><tr><td>".repeat(10_000) + "zelle";
    let doc = Document::parse(&tables);
    assert!(doc.text().contains("zelle"));
    let inline = "<b><i><a href='https://a.de/'>".repeat(5_000) + "x";
    let _ = Document::parse(&inline).text();
    drop(doc);
}

#[test]
fn a_fifty_megabyte_part_is_cut_not_parsed_whole() {
    let para = "<p>Zeile mit <b>Text</b> und <a href=\"https://example.de/\">Link</a></p>\n";
    let html = para.repeat((50 << 20) / para.len() + 1);
    assert!(html.len() >= 50 << 20);
    let doc = Document::parse(&html);
    assert!(doc.truncated);
    assert!(doc.links.len() <= html::MAX_LINKS);
    assert!(doc.text().len() <= html::MAX_TEXT + (1 << 20));
    let blocks = doc.blocks.len();
    assert!(blocks <= html::MAX_BLOCKS, "{blocks} blocks");
}

#[test]
fn caps_hold_for_links_images_and_nodes() {
    let many = "<a href=\"https://a.de/x\">a</a><img src=\"cid:i\" alt=\"b\">".repeat(5_000);
    let doc = Document::parse(&many);
    assert!(doc.links.len() <= html::MAX_LINKS);
    assert!(doc.images.len() <= html::MAX_IMAGES);
    assert!(doc.truncated);
    let nodes = "<span>x</span>".repeat(300_000);
    let doc = Document::parse(&nodes);
    assert!(doc.truncated);
    assert!(matches!(doc.blocks.first(), Some(Block::Paragraph(_))));
}
