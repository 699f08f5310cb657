app-name = Postfach

## Fetch progress and results
sync-connecting = Connecting to { $host }…
sync-authenticating = Signing in…
sync-listing = Checking for new messages…
sync-downloading = Downloading message { $current } of { $total }…
sync-deleting = Removing { $count ->
    [one] one message
   *[other] { $count } messages
} from the server…
sync-new-messages = { $count ->
    [0] No new messages
    [one] 1 new message
   *[other] { $count } new messages
}
sync-deleted-on-server = { $count ->
    [0] nothing deleted on the server
    [one] 1 deleted on the server
   *[other] { $count } deleted on the server
}
sync-kept-on-server = { $count ->
    [one] 1 kept on the server
   *[other] { $count } kept on the server
}
sync-failed-messages = { $count ->
    [one] 1 message could not be downloaded and will be tried again
   *[other] { $count } messages could not be downloaded and will be tried again
}
sync-no-uidl-warning = This server does not support UIDL. Postfach recognises messages by their headers instead, which is less reliable when mail is left on the server.
sync-cancelled = Cancelled. Nothing was lost; the next check continues where this one stopped.

## Errors: what happened and what to do
error-auth = The server rejected the user name or password ({ $detail }). Check the password in the account settings and enter it again.
error-no-password = No password is saved for { $account }. Enter it in the account settings (or set POSTFACH_PASSWORD for a script).
error-no-mechanism = The server offers no sign-in method that Postfach can use safely. Choose another authentication method in the account settings.
error-in-use = The mailbox is in use by another program or device ({ $detail }). Try again in a few minutes.
error-login-delay = The server allows signing in only every few minutes ({ $detail }). Postfach will try again later.
error-sys-temp = The server has a temporary problem ({ $detail }). Try again later.
error-sys-perm = The server refused the mailbox permanently ({ $detail }). Contact your mail provider.
error-server = The server answered with an error: { $detail }
error-network = Cannot reach { $host }: { $detail }. Check your internet connection and the server name and port.
error-timeout = The server { $host } did not answer in time ({ $detail }). Try again later.
error-closed = The server closed the connection unexpectedly. Nothing was lost; try again.
error-tls = The connection to { $host } could not be secured: { $detail }
error-tls-untrusted = The certificate of { $host } is not trusted: { $detail }. If you are sure it is the right server, trust it in the account settings. Fingerprint (SHA-256): { $fingerprint }
error-pin-mismatch = The certificate of { $host } has changed! Expected { $expected }, got { $actual }. Someone may be intercepting the connection. If your provider changed its certificate, trust the new one in the account settings.
error-starttls-unavailable = The server { $host } does not offer STARTTLS, so the password cannot be sent securely. Choose SSL/TLS in the account settings.
error-protocol = The server broke the POP3 protocol ({ $detail }). The fetch was stopped to protect your mail.
error-too-large = A message is larger than the limit ({ $size } bytes, limit { $limit }). It stays on the server.
error-too-many = The server lists too many messages ({ $count }).
error-locked = Another fetch of { $account } is already running (maybe in another Postfach window). Try again when it has finished.
error-store = The local mail store failed: { $detail }. Check that the disk is not full.
error-keyring = The system keyring is not available ({ $detail }). The password is not saved.
error-unknown-account = There is no account named “{ $name }”.
error-unknown-message = There is no message with the id { $id }.
error-internal = Internal error: { $detail }

## POP3 options explained (settings)
explain-download-and-delete = Messages are downloaded and deleted from the server right away.
explain-keep-forever = Messages are downloaded and stay on the server.
explain-keep-days = Messages are downloaded and deleted from the server { $days ->
    [one] one day
   *[other] { $days } days
} after the first download.
explain-keep-until-deleted = Messages are downloaded and stay on the server until you delete them here for good.
explain-keep-days-or-deleted = Messages are downloaded and deleted from the server { $days ->
    [one] one day
   *[other] { $days } days
} after the first download, or earlier when you delete them here for good.
explain-server-expire-never = The server never deletes messages by itself.
explain-server-expire-now = The server deletes messages by itself as soon as they have been downloaded.
explain-server-expire-days = The server deletes messages by itself after { $days ->
    [one] one day
   *[other] { $days } days
}.
explain-server-login-delay = The server allows signing in only every { $minutes ->
    [one] minute
   *[other] { $minutes } minutes
}.
explain-conflict-expire-now = Warning: this server deletes downloaded messages itself, so “Leave mail on server” has no effect.
explain-conflict-expire-days = Warning: this server deletes messages itself after { $days ->
    [one] one day
   *[other] { $days } days
}, sooner than your setting.

## Command line
cli-account-added = Account “{ $name }” added.
cli-account-updated = Account “{ $name }” updated.
cli-account-removed = Account “{ $name }” removed.
cli-no-accounts = No accounts yet. Add one with: postfach account add NAME --email ADDRESS --host SERVER
cli-fetch-summary = { $account }: { $result }
cli-password-prompt = Password for { $account }:
cli-saved-attachment = Saved { $path }
cli-no-attachments = This message has no attachments.
cli-moved-to-trash = Moved to Trash.
cli-deleted = Deleted permanently.

## Desktop app: main window
ui-get-messages = Get messages
ui-get-messages-tip = Get new messages for all accounts (Ctrl+R, F5)
ui-get-account-tip = Get new messages for { $account }
ui-cancel = Cancel
ui-cancel-tip = Stop getting messages; nothing is lost
ui-delete = Delete
ui-delete-tip = Move the message to the Trash (Delete)
ui-delete-permanently = Delete permanently
ui-delete-permanently-tip = Delete the message for good (Delete)
ui-mark-read = Mark read
ui-mark-unread = Mark unread
ui-search-placeholder = Search (Ctrl+F)
ui-search-clear = Clear search
ui-folder-unified = All inboxes
ui-folder-inbox = Inbox
ui-folder-trash = Trash
ui-folder-local-trash = Trash (local)
ui-local-folders = Local folders
ui-no-accounts = No accounts yet. Add one on the command line: postfach account add NAME --email ADDRESS --host SERVER
ui-list-empty = No messages in this folder
ui-list-count = { $count ->
    [one] 1 message
   *[other] { $count } messages
}
ui-list-unread = { $count ->
    [0] all read
    [one] 1 unread
   *[other] { $count } unread
}
ui-search-results = { $count ->
    [0] Nothing found for “{ $query }”
    [one] 1 message found for “{ $query }”
   *[other] { $count } messages found for “{ $query }”
}
ui-no-subject = (no subject)
ui-unknown-sender = (unknown sender)
ui-attachment-mark = Has attachments
ui-reader-empty = Select a message to read it.
ui-reader-loading = Loading the message…
ui-reader-failed = The message could not be loaded: { $detail }
ui-header-from = From
ui-header-to = To
ui-header-cc = Cc
ui-header-date = Date
ui-body-from-html = This message was written in HTML. It is shown as text; no images or other content are loaded from the internet.
ui-body-truncated = The message is too long to show completely here. Save it or open it in another program to see all of it.
ui-body-parse-failed = This message is not a well-formed e-mail. It is shown as it was received.
ui-body-empty = (This message has no text.)
ui-attachments = { $count ->
    [one] 1 attachment
   *[other] { $count } attachments
}
ui-attachment-open = Open
ui-attachment-open-tip = Open with the system's default program
ui-attachment-save = Save as…
ui-attachments-save-all = Save all…
ui-attachment-drag-tip = Drag onto the desktop or into a folder to save it there
ui-image-enlarge-tip = Click to enlarge
ui-image-close = Close
ui-saved = Saved: { $path }
ui-saved-all = { $count ->
    [one] 1 attachment saved in { $dir }
   *[other] { $count } attachments saved in { $dir }
}
ui-save-failed = “{ $name }” could not be saved: { $detail }. Check that the folder exists and that you may write to it.
ui-open-failed = “{ $name }” could not be opened: { $detail }. Save it and open it from your file manager instead.
ui-link-failed = The link could not be opened: { $detail }
ui-status-ready = Ready
ui-status-account = { $account }: { $status }
ui-fetch-done = { $account }: { $result }
ui-fetch-failed-title = Getting messages for { $account } failed
ui-retry = Try again
ui-dismiss = Dismiss
ui-password-placeholder = Password for { $account }
ui-password-submit = Sign in
ui-password-tip = The password is used for this session only; save it for good in the account settings.
ui-imported = { $count ->
    [one] 1 message imported into { $folder }
   *[other] { $count } messages imported into { $folder }
}
ui-import-failed = “{ $name }” could not be imported: { $detail }
ui-import-not-eml = Only e-mail files (.eml) can be dropped here; “{ $name }” was ignored.
ui-store-failed = The mail store reported an error: { $detail }
ui-config-warning = Your preferences could not be read completely ({ $detail }); defaults are used for the rest.
ui-notification-title = { $count ->
    [one] New message
   *[other] { $count } new messages
}
ui-time-format = 12
ui-decimal-point = .
ui-date-short = { $month } { $day }
ui-date-long = { $month } { $day }, { $year }
ui-date-time = { $date }, { $time }
ui-month-1 = Jan
ui-month-2 = Feb
ui-month-3 = Mar
ui-month-4 = Apr
ui-month-5 = May
ui-month-6 = Jun
ui-month-7 = Jul
ui-month-8 = Aug
ui-month-9 = Sep
ui-month-10 = Oct
ui-month-11 = Nov
ui-month-12 = Dec
ui-import-folder-name = Imported
