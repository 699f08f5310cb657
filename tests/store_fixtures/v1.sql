-- Data written by schema version 1 (see tests/store.rs, databases_of_every_earlier_version_are_upgraded).
-- The schema itself comes from the migrations; this file only holds rows. Do not edit once a
-- later version exists: it stands for files users have on disk.
INSERT INTO accounts (id, name, display_name, email, host, port, security, username, auth,
    ca_file, pinned_sha256, leave_on_server, keep_days, delete_when_deleted_here,
    check_on_startup, check_every_minutes, notify, server_expire, server_login_delay,
    last_fetch_at, created_at)
VALUES (1, 'fixture', 'Erika Mustermann', 'erika@example.de', 'pop.example.de', 995, 'tls',
    'erika', 'auto', NULL, NULL, 1, 14, 1, 1, 10, 1, -1, 900, 1700000500, 1690000000);
INSERT INTO folders (id, account_id, kind, name) VALUES (1, 1, 'inbox', 'Inbox'), (2, 1, 'trash', 'Trash');
INSERT INTO messages (id, folder_id, account_id, uidl, trash_from, message_id_hdr, subject,
    from_name, from_email, to_text, cc_text, date, sort_date, received_at, size,
    has_attachments, preview, seen, flagged, sha256, fts_id)
VALUES
 (1, 1, 1, 'fx-1', NULL, 'eins@example.de', 'Erste', 'Jürgen Müller', 'j@example.de',
  'erika@example.de', '', 1700000000, 1700000000, 1700000100, 37, 0, 'Grüße aus Köln', 1, 0,
  'c838a98ec2f73bda640a251e02045a75dc76a1f1b14b50e394cf28314ee565d5', 7130316800000001),
 (5, 1, 1, 'fx-2', NULL, NULL, 'Zweite', '', 'x@example.org',
  'erika@example.de', '', NULL, 1700000200, 1700000200, 26, 0, 'Hallo', 0, 1,
  '0b22d1975e38f0bda10523637dcc5dcf5eedaa33ae78eead393969ab38aad5fd', 7130317638860805);
INSERT INTO message_bodies (message_id, raw) VALUES (1, X'5375626A6563743A2045727374650D0A0D0A4772C3BCC39F6520617573204BC3B66C6E0D0A'), (5, X'5375626A6563743A205A77656974650D0A0D0A48616C6C6F0D0A');
INSERT INTO messages_fts (rowid, subject, people, body) VALUES
 (7130316800000001, 'erste', 'jurgen muller j example de erika example de jurgen mueller',
     'grusse aus koln gruesse koeln'),
 (7130317638860805, 'zweite', 'x example org erika example de', 'hallo');
INSERT INTO ledger (account_id, uidl, first_stored_at, message_id, state, state_changed_at,
    local_deleted_at)
VALUES (1, 'fx-1', 1700000100, 1, 'on_server', NULL, NULL),
       (1, 'fx-2', 1700000200, 5, 'dele_sent', 1700000300, NULL),
       (1, 'fx-gone', 1690000000, NULL, 'deleted_on_server', 1690000100, 1690000050);
-- message 6 existed and was deleted: its id must never be handed out again
UPDATE sqlite_sequence SET seq = 6 WHERE name = 'messages';
