use super::*;
use crate::store::{FolderId, Store};

fn db() -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open_in(dir.path()).expect("store");
    let db = Db::new(store, dir.path().to_path_buf());
    (dir, db)
}

fn rows(page: u64, n: u64) -> Vec<MessageRow> {
    (0..n)
        .map(|i| {
            let id = page * u64::from(PAGE) + i;
            MessageRow {
                id: MessageId(id as i64 + 1),
                account: None,
                folder: FolderId(1),
                uidl: None,
                subject: format!("Betreff {id}"),
                from_name: String::new(),
                from_email: format!("a{id}@example.de"),
                to: String::new(),
                date: Some(1_700_000_000 - id as i64),
                received_at: 1_700_000_000,
                size: 100,
                has_attachments: false,
                preview: String::new(),
                seen: false,
                flagged: false,
                sha256: String::new(),
            }
        })
        .collect()
}

fn page(list: &mut List, db: &Db, generation: u64, page: u64, n: u64) -> Action {
    list.update(
        Message::Page {
            generation,
            page,
            rows: Ok(rows(page, n)),
        },
        db,
    )
}

#[test]
fn results_of_an_older_view_are_dropped() {
    let (_dir, db) = db();
    let mut list = List::default();
    let _ = list.show(Scope::Folder(FolderId(1)), &db);
    let current = list.generation;
    assert!(matches!(
        page(&mut list, &db, current - 1, 0, 10),
        Action::None
    ));
    assert!(list.row(0).is_none(), "a stale page was taken");
    let counted = list.update(
        Message::Counted {
            generation: current,
            total: Ok(250),
        },
        &db,
    );
    assert!(matches!(counted, Action::Run(_)));
    assert_eq!(list.len(), 250);
    page(&mut list, &db, current, 0, 100);
    assert_eq!(list.row(99).map(|r| r.subject.as_str()), Some("Betreff 99"));
    assert!(list.row(100).is_none(), "page 1 not read yet");
}

#[test]
fn clicking_selects_and_opens_and_arrows_move() {
    let (_dir, db) = db();
    let mut list = List::default();
    let _ = list.show(Scope::Folder(FolderId(1)), &db);
    let g = list.generation;
    let _ = list.update(
        Message::Counted {
            generation: g,
            total: Ok(3),
        },
        &db,
    );
    page(&mut list, &db, g, 0, 3);
    match list.update(Message::Clicked(1), &db) {
        Action::Open(row, _) => assert_eq!(row.subject, "Betreff 1"),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        list.selected().map(|r| r.subject.as_str()),
        Some("Betreff 1")
    );
    assert!(matches!(list.move_selection(1, &db), Action::Open(..)));
    assert!(matches!(list.move_selection(1, &db), Action::Open(..)));
    assert_eq!(
        list.selected().map(|r| r.subject.as_str()),
        Some("Betreff 2"),
        "clamped"
    );
}

#[test]
fn after_a_delete_the_row_now_at_that_place_is_opened() {
    let (_dir, db) = db();
    let mut list = List::default();
    let _ = list.show(Scope::Folder(FolderId(1)), &db);
    let g = list.generation;
    let _ = list.update(
        Message::Counted {
            generation: g,
            total: Ok(5),
        },
        &db,
    );
    page(&mut list, &db, g, 0, 5);
    let _ = list.update(Message::Clicked(4), &db);
    list.select_next_after_reload();
    let _ = list.reload(&db);
    let g = list.generation;
    let _ = list.update(
        Message::Counted {
            generation: g,
            total: Ok(4),
        },
        &db,
    );
    match page(&mut list, &db, g, 0, 4) {
        Action::Open(row, _) => assert_eq!(row.subject, "Betreff 3", "the last row now"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn seen_flags_change_in_place() {
    let (_dir, db) = db();
    let mut list = List::default();
    let _ = list.show(Scope::Folder(FolderId(1)), &db);
    let g = list.generation;
    page(&mut list, &db, g, 0, 2);
    list.set_seen(&[MessageId(2)], true);
    assert_eq!(list.row(1).map(|r| r.seen), Some(true));
    assert_eq!(list.row(0).map(|r| r.seen), Some(false));
}
