//! German full-text search.
use super::*;

#[test]
fn search_finds_german_words_in_any_spelling() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (mut store, account) = open_with_account(dir.path())?;
    let mut muller = fetched("m", "Angebot für Sie", NOW);
    muller.summary.from = Some(Address {
        name: Some("Jürgen Müller".into()),
        email: "j.mueller@example.de".into(),
    });
    let mut strasse = fetched("s", "Umzug: neue Straße", NOW + 1);
    strasse.summary.search_text = "Wir ziehen in die Hauptstraße 5. GRÜSSE aus Köln".into();
    let mut other = fetched("o", "Meeting notes", NOW + 2);
    other.summary.search_text = "Mull it over, café later".into();
    let stored = store.store_fetched(account, &[muller, strasse, other], NOW)?;
    let [m, s, o] = [0, 1, 2].map(|i| stored[i].message());

    let find = |q: &str| -> Result<Vec<Option<MessageId>>, Error> {
        Ok(store
            .search(q, None, 50)?
            .into_iter()
            .map(|r| Some(r.id))
            .collect())
    };
    for q in [
        "muller", "müller", "Mueller", "MÜLLER", "jurgen", "jürgen", "juergen",
    ] {
        assert_eq!(find(q)?, [m], "query {q:?}");
    }
    // prefix: Müll also matches "Mull" in the other message
    assert_eq!(find("Müll")?, [o, m]);
    assert_eq!(find("strasse")?, [s]);
    assert_eq!(find("Straße")?, [s]);
    assert_eq!(find("hauptstr")?, [s]);
    assert_eq!(find("grüße köln")?, [s]);
    assert_eq!(find("grusse koeln")?, [s]);
    assert_eq!(
        find("grusse muller")?,
        Vec::<Option<MessageId>>::new(),
        "all terms must match"
    );
    assert_eq!(find("cafe")?, [o]);
    assert_eq!(find("example")?, [o, s, m], "newest first");
    assert_eq!(store.search("example", None, 2)?.len(), 2);
    // FTS syntax in the input is plain text
    for q in [
        "\"foo",
        "AND(",
        "muller AND",
        "*",
        "NEAR(a b)",
        "-muller",
        "subject:x",
        "a OR",
        "'",
        "^",
    ] {
        store.search(q, None, 10)?;
    }
    assert_eq!(find("\"muller")?, [m]);
    assert!(find("")?.is_empty());

    // scope and deletion
    let trash = Scope::Account(account, FolderKind::Trash);
    assert!(store.search("muller", Some(&trash), 10)?.is_empty());
    let m = m.ok_or("stored")?;
    let copies = store.copy_to(&[m], store.folder(account, FolderKind::Trash)?)?;
    assert_eq!(ids(&store.search("muller", Some(&trash), 10)?), copies);
    store.delete_permanently(&[m], NOW)?;
    assert_eq!(
        ids(&store.search("muller", None, 10)?),
        copies,
        "the copy is still found"
    );
    store.delete_permanently(&copies, NOW)?;
    assert!(
        store.search("muller", None, 10)?.is_empty(),
        "deleted messages leave the index"
    );
    Ok(())
}

/// Segments of the search index: FTS5 keeps one row per page in `messages_fts_data`, with the
/// segment id in the bits above 37 of its id (ids below that are the index's own records).
fn index_segments(store: &Store) -> Result<i64, Box<dyn std::error::Error>> {
    let conn = rusqlite::Connection::open(store.path())?;
    Ok(conn.query_row(
        "SELECT count(DISTINCT id >> 37) FROM messages_fts_data WHERE id >= 1 << 37",
        [],
        |r| r.get(0),
    )?)
}

#[test]
fn a_batch_in_any_date_order_is_indexed_as_one_segment() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (mut store, account) = open_with_account(dir.path())?;
    // Server order is not date order: every second message is older than the one before. The
    // index keys are date-ordered, and FTS5 starts a new segment whenever a key is lower than the
    // one written before it, so the entries must be written sorted.
    let batch: Vec<Fetched> = (0..200)
        .map(|i| {
            let date = NOW + if i % 2 == 0 { i } else { -i } * 3600;
            let mut f = fetched(&format!("u{i}"), &format!("Rechnung {i}"), date);
            f.summary.search_text = format!("Lieferung Nummer {i} an die Müllerstraße");
            f
        })
        .collect();
    store.store_fetched(account, &batch, NOW)?;
    assert_eq!(index_segments(&store)?, 1);
    assert_eq!(store.search("müllerstr", None, 500)?.len(), 200);
    assert_eq!(store.search("rechnung 17", None, 500)?.len(), 1);
    Ok(())
}
