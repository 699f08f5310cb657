use super::*;
use crate::store::{FolderId, Store};
use iced::keyboard::Modifiers;

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
                answered: false,
                forwarded: false,
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

fn counted_list(total: u64, loaded_pages: u64) -> (tempfile::TempDir, Db, List) {
    let (dir, db) = db();
    let mut list = List::default();
    let _ = list.show(Scope::Folder(FolderId(1)), &db);
    let g = list.generation;
    let _ = list.update(
        Message::Counted {
            generation: g,
            total: Ok(total),
        },
        &db,
    );
    for p in 0..loaded_pages {
        let n = (total - p * u64::from(PAGE)).min(u64::from(PAGE));
        page(&mut list, &db, g, p, n);
    }
    (dir, db, list)
}

fn click(list: &mut List, db: &Db, index: u64, modifiers: Modifiers) -> Action {
    let _ = list.update(Message::Modifiers(modifiers), db);
    list.update(Message::Clicked(index), db)
}

fn ids(list: &List) -> Vec<i64> {
    match list.target() {
        Some(Target::Ids(ids)) => ids.into_iter().map(|i| i.0).collect(),
        other => panic!("expected ids, got {other:?}"),
    }
}

#[test]
fn ctrl_click_toggles_and_the_reader_is_told_how_many() {
    let (_dir, db, mut list) = counted_list(10, 1);
    assert!(matches!(
        click(&mut list, &db, 2, Modifiers::empty()),
        Action::Open(..)
    ));
    match click(&mut list, &db, 5, Modifiers::CTRL) {
        Action::Selected(2, _) => {}
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        click(&mut list, &db, 7, Modifiers::CTRL),
        Action::Selected(3, _)
    ));
    assert_eq!(ids(&list), vec![3, 6, 8]);
    assert!(list.is_selected(5, MessageId(6)) && !list.is_selected(4, MessageId(5)));
    // Taking two out again leaves one: that one is opened.
    let _ = click(&mut list, &db, 5, Modifiers::CTRL);
    match click(&mut list, &db, 2, Modifiers::CTRL) {
        Action::Open(row, _) => assert_eq!(row.id, MessageId(8)),
        other => panic!("{other:?}"),
    }
    // And the last one out: nothing selected, nothing to act on.
    assert!(matches!(
        click(&mut list, &db, 7, Modifiers::CTRL),
        Action::Selected(0, _)
    ));
    assert_eq!(list.target(), None);
    assert_eq!(list.selection_seen(), None);
}

#[test]
fn shift_click_selects_a_range_and_shift_arrows_extend_it() {
    let (_dir, db, mut list) = counted_list(10, 1);
    let _ = click(&mut list, &db, 6, Modifiers::empty());
    assert!(matches!(
        click(&mut list, &db, 3, Modifiers::SHIFT),
        Action::Selected(4, _)
    ));
    assert_eq!(ids(&list), vec![4, 5, 6, 7]);
    // Shift+click again replaces the range from the same anchor.
    let _ = click(&mut list, &db, 8, Modifiers::SHIFT);
    assert_eq!(ids(&list), vec![7, 8, 9]);
    // Ctrl+Shift+click adds a second range.
    let _ = click(&mut list, &db, 0, Modifiers::CTRL);
    let _ = click(&mut list, &db, 1, Modifiers::CTRL | Modifiers::SHIFT);
    assert_eq!(ids(&list), vec![1, 2, 7, 8, 9]);
    // Shift+Down from the focus (row 1), anchored at row 0.
    let _ = list.update(Message::Modifiers(Modifiers::empty()), &db);
    assert!(matches!(
        list.extend_selection(1, &db),
        Action::Selected(3, _)
    ));
    assert_eq!(ids(&list), vec![1, 2, 3]);
    let _ = list.extend_selection(-1, &db);
    let _ = list.extend_selection(-1, &db);
    assert!(matches!(list.extend_selection(-1, &db), Action::Open(..)));
    assert_eq!(ids(&list), vec![1], "back at the anchor: one row, opened");
    // A plain arrow key after a range selects one row again.
    let _ = list.extend_selection(1, &db);
    assert!(matches!(list.move_selection(1, &db), Action::Open(..)));
    assert_eq!(list.selection_len(), 1);
}

#[test]
fn select_all_of_100000_rows_reads_nothing_and_names_positions() {
    let (_dir, db, mut list) = counted_list(100_000, 1);
    let _ = click(&mut list, &db, 0, Modifiers::empty());
    assert!(matches!(list.select_all(), Action::Selected(100_000, _)));
    assert_eq!(list.selection_len(), 100_000);
    assert_eq!(
        list.loaded_rows().len(),
        100,
        "no rows were read for the selection"
    );
    let _ = click(&mut list, &db, 50, Modifiers::CTRL);
    match list.target() {
        Some(Target::Positions {
            len, ranges, known, ..
        }) => {
            assert_eq!(len, 100_000);
            assert_eq!(ranges.as_slice(), &[(0, 49), (51, 99_999)]);
            assert!(
                known
                    .iter()
                    .all(|(i, id)| *i != 50 && id.0 == *i as i64 + 1)
            );
            assert!(!known.is_empty());
        }
        other => panic!("{other:?}"),
    }
    // Every selected row on screen is unread: the button offers "mark read".
    assert_eq!(list.selection_seen(), Some(false));
    list.set_seen_selected(true);
    assert_eq!(list.row(49).map(|r| r.seen), Some(true));
    assert_eq!(list.row(50).map(|r| r.seen), Some(false), "not selected");
}

#[test]
fn a_selection_of_several_is_dropped_when_new_mail_changes_the_list() {
    let (_dir, db, mut list) = counted_list(10, 1);
    let _ = click(&mut list, &db, 1, Modifiers::empty());
    let _ = click(&mut list, &db, 4, Modifiers::SHIFT);
    // A reload with the same rows keeps it.
    let _ = list.reload(&db);
    let g = list.generation;
    let _ = list.update(
        Message::Counted {
            generation: g,
            total: Ok(10),
        },
        &db,
    );
    assert_eq!(list.selection_len(), 4);
    // A reload after new mail drops it rather than act on shifted rows.
    let _ = list.reload(&db);
    let g = list.generation;
    match list.update(
        Message::Counted {
            generation: g,
            total: Ok(11),
        },
        &db,
    ) {
        Action::Selected(0, _) => {}
        other => panic!("{other:?}"),
    }
    assert_eq!(list.target(), None);
}

#[test]
fn positions_resolve_to_the_messages_in_the_store_and_not_after_a_change() {
    let (_dir, db) = db();
    let folder = db
        .call_now(|s| Ok(s.create_local_folder("Archiv")?))
        .expect("folder");
    let mut seeded = Vec::new();
    for i in 0..7i64 {
        let raw = format!(
            "From: a@example.de\r\nSubject: Nr {i}\r\nDate: Mon, 1 Jan 2024 10:0{i}:00 +0000\r\n\r\nText\r\n"
        );
        let summary = crate::mime::summarize(raw.as_bytes());
        let id = db
            .call_now(|s| Ok(s.import(folder, raw.as_bytes(), &summary, 1_700_000_000)?))
            .expect("import");
        seeded.push(id);
    }
    // Newest first: position 0 is "Nr 6".
    let target = |ranges: Ranges, known: Vec<(u64, MessageId)>, len: u64| Target::Positions {
        scope: Scope::Folder(folder),
        len,
        ranges,
        known,
    };
    let mut ranges = Ranges::span(1, 3);
    ranges.insert(5, 5);
    let resolved = db
        .call_now(|s| Ok(resolve(s, target(ranges.clone(), vec![(1, seeded[5])], 7))?))
        .expect("resolve");
    assert_eq!(
        resolved,
        Some(vec![seeded[5], seeded[4], seeded[3], seeded[1]])
    );
    let wrong_count = db
        .call_now(|s| Ok(resolve(s, target(ranges.clone(), vec![], 8))?))
        .expect("resolve");
    assert_eq!(
        wrong_count, None,
        "the folder no longer has the length selected in"
    );
    let moved = db
        .call_now(|s| Ok(resolve(s, target(ranges, vec![(2, seeded[5])], 7))?))
        .expect("resolve");
    assert_eq!(
        moved, None,
        "a row seen on screen is no longer where it was"
    );
}

#[test]
fn written_mail_is_listed_by_its_recipients_names() {
    let mut row = rows(0, 1).remove(0);
    // as the store writes it: names unquoted
    row.to =
        "Katrin Weiß <katrin@example.de>, bernd@example.org, Müller, Jürgen <j@example.de>".into();
    let shown = view::recipients_of(&row).replace(['\u{2068}', '\u{2069}'], "");
    assert!(
        shown.ends_with("Katrin Weiß, bernd@example.org, Müller, Jürgen"),
        "{shown}"
    );
}
