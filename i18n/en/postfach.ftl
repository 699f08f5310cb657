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
error-network = Cannot reach { $host }. Check your internet connection and the server name and port in the account settings.
error-network-refused = { $host } refused the connection. Check the server name and port in the account settings.
error-network-unreachable = { $host } cannot be reached from this network. Check your internet connection.
error-network-name = The server name { $host } was not found. Check its spelling in the account settings and your internet connection.
error-tls-certificate = The certificate of { $host } is not trusted. { $reason }
error-tls-ca-file = The CA certificate file chosen for this account cannot be used. Choose it again in the account settings, or remove it.
tls-failure-self-signed = It is self-signed, so no known certificate authority vouches for it.
tls-failure-unknown-issuer = It was issued by a certificate authority this computer does not know.
tls-failure-expired = It has expired.
tls-failure-not-yet-valid = It is not valid yet. Check the date and time of this computer.
tls-failure-wrong-name = It was issued for a different server name.
tls-failure-revoked = Its issuer has revoked it.
tls-failure-revocation-unknown = Whether its issuer has revoked it could not be checked.
tls-failure-other = It could not be verified.
keyring-failure-no-service = No system keyring (password store) is running that could keep the password.
keyring-failure-locked = The system keyring is locked or refused access.
keyring-failure-unreadable = The password saved in the system keyring cannot be read.
keyring-failure-other = The system keyring reported an error.
error-details = Details
error-details-hide = Hide details
cli-details = Details: { $details }
error-timeout = { $host } did not answer in time. Check your internet connection, or try again later.
error-closed = The server closed the connection unexpectedly. Nothing was lost; try again.
error-tls = A secure connection to { $host } could not be set up. Check the port and the connection security (SSL/TLS or STARTTLS) in the account settings.
error-tls-untrusted = The certificate of { $host } is not trusted. { $reason } If you are sure it is the right server, trust it in the account settings. Fingerprint (SHA-256): { $fingerprint }
error-pin-mismatch = The certificate of { $host } has changed! Expected { $expected }, got { $actual }. Someone may be intercepting the connection. If your provider changed its certificate, trust the new one in the account settings.
error-starttls-unavailable = The server { $host } does not offer STARTTLS, so the password cannot be sent securely. Choose SSL/TLS in the account settings.
error-protocol = The server broke the POP3 protocol ({ $detail }). The fetch was stopped to protect your mail.
error-too-large = A message is larger than the limit ({ $size } bytes, limit { $limit }). It stays on the server.
error-too-many = The server lists too many messages ({ $count }).
error-locked = Another fetch of { $account } is already running (maybe in another Postfach window). Try again when it has finished.
error-store = The local mail store failed: { $detail }. Check that the disk is not full.
error-keyring = { $reason } The password is not saved.
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

## Opening mail files
open-folder-name = Opened files
open-failed = Cannot open { $path }: { $detail }
# A mailto: link given on the command line (by a browser or the desktop) that cannot be used; the window opens anyway.
cli-mailto-not-mailto = This is not a mailto: link. Postfach opens without a new message.
cli-mailto-too-long = The mailto: link is longer than { $kib } KB, which Postfach does not read. Postfach opens without a new message.
cli-mailto-bad-percent = The mailto: link is damaged: a % is not followed by two hexadecimal digits. Postfach opens without a new message.
cli-mailto-not-utf8 = The mailto: link is not encoded as UTF-8, so its text cannot be read safely. Postfach opens without a new message.

## Command line
cli-account-added = Account “{ $name }” added.
cli-account-updated = Account “{ $name }” updated.
cli-account-removed = Account “{ $name }” removed.
cli-smtp-needs-host = The outgoing server options need --smtp-host (the outgoing server's name).
cli-one-password-input = --password-stdin and --smtp-password-stdin both read standard input: give one of them at a time.
cli-file-unreadable = “{ $path }” could not be read: { $detail }
cli-no-outgoing-server = no outgoing server
cli-no-accounts = No accounts yet. Add one with: postfach account add NAME --email ADDRESS --host SERVER
cli-fetch-summary = { $account }: { $result }
cli-password-prompt = Password for { $account }:
cli-saved-attachment = Saved { $path }
cli-no-attachments = This message has no attachments.
cli-moved-to-trash = Moved to Trash.
cli-deleted = Deleted permanently.

# Organising mail: folders, moving, rules, junk (postfach folder|move|rule|junk)
cli-unknown-folder = There is no folder “{ $folder }”. See the folders with: postfach folder list
cli-folder-exists = A folder named “{ $folder }” exists there already.
cli-folder-not-local = Only folders you created can be changed this way, and a folder cannot go inside itself.
cli-folder-added = Folder “{ $folder }” created.
cli-folder-renamed = Folder “{ $folder }” renamed to “{ $name }”.
cli-folder-removed = Folder “{ $folder }” removed; { $count ->
    [0] it held no messages.
    [one] its message is in the Trash.
   *[other] its { $count } messages are in the Trash.
}
cli-moved = { $count ->
    [0] No message needed moving to “{ $folder }”.
    [one] 1 message moved to “{ $folder }”.
   *[other] { $count } messages moved to “{ $folder }”.
}
cli-copied = { $count ->
    [one] 1 message copied to “{ $folder }”.
   *[other] { $count } messages copied to “{ $folder }”.
}
cli-junk-marked = { $count ->
    [0] No message moved to Junk.
    [one] 1 message moved to Junk.
   *[other] { $count } messages moved to Junk.
}
cli-not-junk-marked = Their senders' mail stays in the Inbox from now on; { $count ->
    [0] no message was in Junk.
    [one] 1 message moved back to the Inbox.
   *[other] { $count } messages moved back to the Inbox.
}
cli-no-rules = No rules yet. Add one with: postfach rule add NAME --if "from contains ..." --then "move-to FOLDER"
cli-unknown-rule = There is no rule “{ $rule }”. See the rules with: postfach rule list
cli-rule-bad-condition = “{ $condition }” is not a condition. Write FIELD TEST VALUE (for example: from contains müller), size greater 5M, or has-attachments.
cli-rule-bad-action = “{ $action }” is not an action. Write move-to FOLDER, copy-to FOLDER, mark-read, flag, trash or stop.
cli-rule-bad-pattern = The regular expression cannot be used: { $detail }
cli-rule-incomplete = A rule needs a name and at least one action besides stop.
cli-rule-added = Rule “{ $rule }” added; it runs on new mail after the rules before it.
cli-rule-removed = Rule “{ $rule }” removed.
cli-junk-bad-header = “{ $header }” is not a header name (letters, digits and dashes, no colon).
cli-rule-enabled = Rule “{ $rule }” is on.
cli-rule-disabled = Rule “{ $rule }” is off; it keeps its place.
cli-rule-ran = { $checked ->
    [one] 1 message checked
   *[other] { $checked } messages checked
}: { $moved } moved, { $copied } copied, { $trashed } to the Trash.

## Desktop app: main window
ui-get-messages = Get messages
ui-get-messages-tip = Get new messages for all accounts (Ctrl+R, F5)
ui-get-account-tip = Get new messages for { $account }
ui-cancel = Cancel
ui-cancel-tip = Stop getting messages; nothing is lost
ui-delete = Delete
ui-delete-tip = Move the selected messages to the Trash (Delete)
ui-delete-permanently = Delete permanently
ui-delete-permanently-tip = Delete the selected messages for good (Delete)
ui-mark-read = Mark read
ui-mark-unread = Mark unread
ui-search-placeholder = Search (Ctrl+F)
ui-search-clear = Clear search
ui-list-to = To: { $names }
ui-outbox-queued = Waiting in the Outbox to be sent.
ui-outbox-retry-at = Not sent yet; the next try is at { $time }.
ui-outbox-sending = Being sent …
ui-outbox-unknown = May have been sent
ui-outbox-failed = Not sent
ui-outbox-send-now = Send now
ui-outbox-send-again = Send again
ui-outbox-mark-sent = It arrived: move to Sent
ui-folder-unified = All inboxes
ui-folder-inbox = Inbox
ui-folder-drafts = Drafts
ui-folder-sent = Sent
ui-folder-outbox = Outbox
ui-folder-junk = Junk
ui-folder-trash = Trash
ui-folder-local-trash = Trash (local)
ui-local-folders = Local folders
ui-no-accounts = No accounts yet. Add one on the command line: postfach account add NAME --email ADDRESS --host SERVER
ui-list-empty = No messages in this folder
ui-list-count = { $count ->
    [one] 1 message
   *[other] { $shown } messages
}
ui-list-unread = { $count ->
    [0] all read
    [one] 1 unread
   *[other] { $shown } unread
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
ui-picture-failed = The picture could not be shown: { $detail }
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
ui-date-written = { $day } { $month } { $year }
ui-month-long = { $month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
}
ui-import-folder-name = Imported
ui-thousands-separator = ,

## Settings: screen and general preferences
settings-title = Settings
settings-open = Settings
settings-open-tip = Accounts, language and appearance (Ctrl+,)
settings-account-tip = Settings for { $account }
settings-back = Back to messages
settings-nav-general = General
settings-nav-accounts = Accounts
settings-nav-add-account = Add account
settings-app-intro = These preferences apply to the whole app.
settings-language = Language
settings-language-system = Same as the system
settings-language-german = Deutsch
settings-language-english = English
settings-language-hint = The language changes at once, no restart needed.
settings-theme = Appearance
settings-theme-system = Same as the system
settings-theme-light = Light
settings-theme-dark = Dark
settings-notifications = Notifications
settings-notifications-on = Show a desktop notification when new mail arrives
settings-notifications-hint = Applies to all accounts; each account can also switch them off in its own settings.
settings-data = Your data
settings-data-hint = Postfach keeps your messages and preferences in this folder. Passwords are not in it: they are kept in the system's keyring.
settings-data-open = Open folder
settings-remote = Remote content
settings-remote-hint = HTML mail from these senders loads its pictures from the internet when you open it (never in the Trash or in Junk). Style sheets and backgrounds stay blocked.
settings-remote-none = No sender yet. Choose "Always for this sender" above an HTML mail to add one.
settings-remote-remove = Remove
settings-remote-remove-all = Remove all
settings-remote-failed = The list of senders could not be read or changed: { $detail }
settings-data-open-failed = The folder could not be opened: { $detail }
settings-config-save-failed = Your preferences could not be saved: { $detail }

## Settings: one account
settings-account-subtitle = Settings for this account. Changes apply from the next check for mail.
settings-identity = Identity
settings-account-name = Account name
settings-account-name-hint = How the account is called in Postfach.
settings-display-name = Your name
settings-email = Email address
settings-server = Incoming server (POP3)
settings-host = Server
settings-port = Port
settings-security = Connection security
settings-security-tls = SSL/TLS (recommended)
settings-security-tls-hint = Encrypted from the first byte, usually port 995.
settings-security-starttls = STARTTLS
settings-security-starttls-hint = Encrypted right after connecting, usually port 110.
settings-security-plain = None
settings-security-plain-hint = Not encrypted. Only for a server in your own network.
settings-security-short-tls = SSL/TLS
settings-security-short-starttls = STARTTLS
settings-security-short-plain = unencrypted
settings-plain-warning-title = Connect without encryption?
settings-plain-warning = Your password and all your messages would travel through the network readable by anyone who can listen in, for example on a public Wi-Fi. Choose this only for a server in your own, trusted network.
settings-plain-confirm = Connect unencrypted anyway
settings-plain-cancel = Keep the connection encrypted
settings-plain-active = This connection is not encrypted: your password travels readable through the network.
settings-username = User name
settings-auth = Authentication
settings-auth-auto = Automatic (the most secure the server offers)
settings-auth-password = Normal password
settings-auth-cram = Encrypted password (CRAM-MD5)
settings-auth-apop = APOP
settings-auth-oauth = OAuth2
settings-password = Password
settings-password-unchanged = Leave unchanged
settings-password-enter = Enter the password
settings-password-save = Save password
settings-password-saved = A password is saved in the system's keyring.
settings-password-none = No password is saved yet. Postfach will ask for it when it checks for mail.
settings-password-session = { $reason } The password is kept only until Postfach is closed and is written nowhere.
settings-password-session-used = The keyring is not available, so the password is used for this session only.

## Settings: connection test
settings-test = Test connection
settings-test-running = Testing the connection…
settings-test-hint = Signs in and reads the size of the mailbox. Nothing is downloaded or deleted.
settings-test-step-connect = Connect to the server
settings-test-step-capabilities = Read what the server supports
settings-test-step-authenticate = Sign in
settings-test-step-mailbox = Read the mailbox
settings-test-ok = { $count ->
    [0] The connection works. The mailbox on the server is empty.
    [one] The connection works. 1 message ({ $size }) is on the server.
   *[other] The connection works. { $count } messages ({ $size }) are on the server.
}
settings-test-needs-password = Enter the password first.
settings-test-trust = Check certificate…

## Settings: the outgoing server (SMTP) and the identity's reply address and signature
settings-smtp = Outgoing server (SMTP)
settings-smtp-none = This account has no outgoing server yet, so it can only receive mail.
settings-smtp-set-up = Set up outgoing server
settings-smtp-remove = Remove outgoing server
settings-smtp-security-tls-hint = Encrypted from the first byte, usually port 465.
settings-smtp-security-starttls-hint = Encrypted right after connecting, usually port 587.
settings-smtp-auth-plain = Normal password (PLAIN)
settings-smtp-auth-login = Normal password (LOGIN)
settings-smtp-auth-xoauth2 = OAuth2 access token (XOAUTH2)
settings-smtp-auth-oauthbearer = OAuth2 access token (OAUTHBEARER)
settings-smtp-auth-none = No authentication
settings-smtp-same-password = Same password as for incoming mail
settings-smtp-token = Access token
settings-smtp-token-enter = Enter the access token
settings-smtp-password-keyring = Kept in the system's keyring when you save.
settings-smtp-password-no-keyring = { $reason } This password can only be kept in the keyring, so it cannot be saved right now.
settings-smtp-missing-host = Enter the name of the outgoing server.
settings-smtp-invalid-port = The outgoing server's port must be a number from 1 to 65535.
settings-smtp-missing-username = Enter the user name for the outgoing server, or choose “No authentication”.
settings-saved-smtp-password-unsaved = Saved, but without the outgoing server's password: { $reason }
settings-test-hint-both = Signs in to both servers and reads the size of the mailbox. Nothing is downloaded, deleted or sent.
settings-test-step-quit = Close the connection
settings-smtp-test-ok = The connection and the sign-in work. Nothing was sent.
settings-smtp-test-ok-no-auth = The connection works (without signing in). Nothing was sent.
settings-smtp-test-size = The server accepts messages of up to { $size }.
settings-smtp-test-needs-password = Enter the outgoing server's password first.
settings-trust-shared = Postfach cannot trust this certificate without shutting out the account's other server: a certificate you trust applies to both servers of an account. Choose a CA certificate (with the incoming server) that confirms both servers instead.
settings-reply-to = Reply-To
settings-reply-to-placeholder = optional
settings-reply-to-hint = Where replies should go, if not to the address above.
settings-reply-to-invalid = The reply-to address is not a valid email address.
settings-signature = Signature
settings-signature-hint = Plain text, placed below your messages.
wizard-found-smtp = Outgoing server: { $host }, port { $port }, { $security }.
wizard-reason-smtp-server = does not answer like an SMTP server

## Settings: POP3 options
settings-pop3 = Messages on the server
settings-pop3-delete-hint = Off: messages are downloaded and then deleted from the server (the usual way of POP3).
settings-leave-on-server = Leave mail on server
settings-leave-on-server-hint = Useful when you also read your mail on other devices.
settings-keep-days = for at most
settings-keep-days-unit = days
settings-keep-days-hint = counted from the first download
settings-until-deleted = until I delete them here
settings-until-deleted-hint = What you delete here for good is also deleted from the server.
settings-days-invalid = Enter a number of days from 1 to 3650.
settings-server-says = What the server says
settings-confirm-delete-title = Delete the messages on the server?
settings-confirm-delete = Once “Leave mail on server” is off, the next check deletes from the server every message Postfach has already downloaded. Other devices can then no longer get them. Your copies here stay.
settings-confirm-delete-yes = Yes, download and delete from now on
settings-confirm-delete-no = Keep them on the server

## Settings: checking for mail
settings-checking = Checking for mail
settings-check-startup = Check for new mail at start-up
settings-check-every = Check for new mail every
settings-check-every-unit = minutes
settings-minutes-invalid = Enter a number of minutes from 1 to 1440.
settings-login-delay-note = The server allows a sign-in only every { $minutes } minutes; Postfach waits at least that long.
settings-notify = Notify me of new mail
settings-notify-off-globally = Notifications are switched off under “General”.

## Settings: saving and removing
settings-save = Save
settings-revert = Discard changes
settings-saving = Saving…
settings-saved = Saved. The changes apply from the next check for mail.
settings-unsaved = You have unsaved changes.
settings-save-failed = The settings could not be saved: { $detail }
settings-name-taken = There is already an account called “{ $name }”.
settings-missing-name = Give the account a name.
settings-missing-host = Enter the server’s name.
settings-invalid-port = The port must be a number from 1 to 65535.
settings-missing-username = Enter the user name.
settings-remove = Remove account…
settings-remove-title = Remove the account “{ $account }”?
settings-remove-text = Postfach will no longer check this account for mail. Nothing is deleted on the server. What should happen to its messages here?
settings-remove-keep = Keep them in a local folder
settings-remove-keep-hint = The messages are moved to the folder “{ $folder }”.
settings-remove-delete = Delete them here
settings-remove-delete-hint = The account’s messages are deleted here for good. Copies in your local folders stay.
settings-remove-confirm = Remove account
settings-remove-folder = { $account } (archive)
settings-remove-failed = The account could not be removed: { $detail }
settings-removed = The account “{ $account }” was removed.
settings-cancel = Cancel

## Certificate trust
trust-title = Check the server’s certificate
trust-intro = Postfach cannot confirm that this server really is { $host }: its certificate is not confirmed by a known authority. It may be self-signed, made out for another name, or expired.
trust-reason = Reason: { $detail }
trust-subject = Issued to
trust-issuer = Issued by
trust-valid = Valid
trust-valid-range = { $from } to { $until }
trust-fingerprint = Fingerprint (SHA-256)
trust-risk = An attacker who intercepts the connection would look exactly like this. Trust this certificate only if you know that your server uses its own certificate, for example because your provider or administrator told you this fingerprint. Postfach then accepts exactly this certificate for this account and warns you if it ever changes.
trust-accept = Trust this certificate for this account
trust-cancel = Cancel
trust-changed-title = The server’s certificate has changed
trust-changed-intro = The server { $host } shows a different certificate from the one you trusted. Someone may be listening in on the connection, or your provider may have renewed its certificate.
trust-expected = Trusted so far
trust-actual = Shown now
trust-changed-risk = If in doubt, ask your provider for the new fingerprint before you trust the new certificate.
trust-accept-new = Trust the new certificate for this account
trust-banner-button = Check certificate…
trust-saved = From now on the certificate is accepted for { $account }.

## Account wizard
wizard-title = Welcome to Postfach
wizard-intro = Set up your email account. Postfach gets your mail by POP3 and keeps it on this computer.
wizard-add-title = Add an account
wizard-step = Step { $step } of 3
wizard-name = Your name
wizard-name-placeholder = First and last name
wizard-email = Email address
wizard-email-placeholder = name@example.com
wizard-password = Password
wizard-manual = Enter the server settings myself
wizard-next = Next
wizard-back = Back
wizard-cancel = Cancel
wizard-finish = Done
wizard-email-invalid = This is not a valid email address.
wizard-no-pop3 = This provider does not offer POP3. You can still enter a server yourself.
wizard-searching = Looking for your server…
wizard-trying = Trying { $host }, port { $port } ({ $security })…
wizard-attempt-failed = { $host }, port { $port }: { $reason }
wizard-found = Found: { $host }, port { $port }, { $security }. Signing in worked.
wizard-not-found = Postfach found no working server. Enter your provider’s settings below and test the connection.
wizard-server-title = Server settings
wizard-edit = Change
wizard-search-again = Search again
wizard-test-first = Test the connection before you continue.
wizard-options-title = What should happen to the messages on the server?
wizard-options-intro = You can change this later in the account’s settings.
wizard-account-name = Account name in Postfach
wizard-saving = Setting up the account…
wizard-failed = The account could not be set up: { $detail }
wizard-done = The account “{ $account }” is set up. Postfach is getting your mail now.
settings-no-accounts = No accounts yet. Add one under Settings → Add account.
wizard-server-intro = Postfach looks for your provider’s settings and tests them. You can change everything by hand.
wizard-reason-network = not reachable
wizard-reason-tls = no secure connection
wizard-reason-busy = busy, try again later
wizard-reason-server = did not answer like a POP3 server
settings-leave-title = Discard your changes?
settings-leave-text = The settings of “{ $account }” were changed but not saved.
settings-leave-discard = Discard
settings-leave-stay = Keep editing
wizard-option-delete = Download and delete from the server (the default)
wizard-option-delete-hint = Your mail then lives on this computer only, and your mailbox at the provider never fills up.
wizard-later = Not now

## Selecting several messages; dragging and copying attachments
ui-selected-count = { $count ->
    [one] 1 message selected
   *[other] { $shown } messages selected
}
ui-selection-changed = The list changed before the action could run, so nothing was done. Please select the messages again.
ui-drag-failed = “{ $name }” could not be dragged out of the window: { $detail }. Use “Save as…” instead.
ui-attachment-copy = Copy
ui-attachment-copy-tip = Copy the file, to paste it into a folder in your file manager
ui-copied = “{ $name }” copied. Paste it into a folder in your file manager.
ui-copy-failed = “{ $name }” could not be copied: { $detail }. Use “Save as…” instead.

## Settings: the account's own CA certificate
settings-ca-file = CA certificate
settings-ca-file-none = None
settings-ca-file-choose = Choose…
settings-ca-file-remove = Remove
settings-ca-file-hint = Only needed when your server's certificate comes from a private certificate authority (for example in a company network). The certificates in this file are trusted in addition to the system's.
settings-ca-file-dialog = Choose a CA certificate (PEM file)
settings-ca-file-filter = Certificates (PEM)
settings-ca-file-filter-all = All files
settings-ca-file-unreadable = The CA certificate “{ $file }” cannot be read: { $detail }
settings-ca-file-not-pem = The file “{ $file }” contains no certificate in PEM format. Choose a file that starts with “-----BEGIN CERTIFICATE-----”.
settings-ca-file-damaged = The CA certificate “{ $file }” is damaged: { $detail }

## Sending (SMTP). Each sentence says whether the message left; nothing here is sent twice.
smtp-error-network = Cannot reach the outgoing mail server { $host }. Check your internet connection and the server name and port in the account settings. The message was not sent; it stays in the Outbox.
smtp-error-refused = The outgoing mail server { $host } refused the connection. Check the server name and port in the account settings. The message was not sent.
smtp-error-name = The outgoing mail server { $host } was not found. Check its spelling in the account settings and your internet connection. The message was not sent.
smtp-error-timeout = The outgoing mail server { $host } did not answer in time. The message was not sent; Postfach will try again later.
smtp-error-closed = The outgoing mail server { $host } closed the connection unexpectedly. The message was not sent; Postfach will try again later.
smtp-error-aborted = The message was not sent: Postfach could not note in its mail store that it was about to be sent (is the disk full?). It stays in the Outbox and is tried again later.
send-unknown = The message was sent to { $host }, but the server did not confirm that it took it (the connection broke or the server did not answer in time). It may have been sent. It stays in the Outbox marked “may have been sent”: check with a recipient or in the server’s web mail, then send it again or mark it as sent.
send-failed-title = Sending from { $account }:
send-no-password = There is no password for the outgoing server of “{ $account }”. Enter it in the account settings; the messages wait in the Outbox.
send-status-sent = { $count ->
    [one] 1 message sent
   *[other] { $count } messages sent
}
send-status-kept = { $count ->
    [one] 1 still in the Outbox
   *[other] { $count } still in the Outbox
}
smtp-error-starttls = The outgoing mail server { $host } does not offer STARTTLS, so the password and the message cannot be sent securely. Nothing was sent. Choose SSL/TLS (usually port 465) in the account settings.
smtp-error-auth = The outgoing mail server { $host } did not accept the sign-in. Check the user name and password in the account settings. The message was not sent.
smtp-error-auth-failed = The outgoing mail server rejected the user name or password. Check them in the account settings and enter the password again. The message was not sent.
smtp-error-app-password = Your provider requires an app password for mail programs (because two-step verification is on). Create one in your account's security settings and enter it as the password here. The message was not sent.
smtp-error-basic-auth-off = Your provider no longer allows signing in with a password for sending (basic authentication is switched off for this mailbox). Ask your administrator to allow authenticated SMTP, or use another sign-in method. The message was not sent.
smtp-error-send-as-denied = You are not allowed to send with this sender address from this account. Choose the address that belongs to the account, or ask your administrator for permission to send as it. The message was not sent.
smtp-error-message-too-large = The message is too large for the server. Remove or shrink attachments and send it again. The message was not sent.
smtp-error-sender-refused = The server does not allow this sender address for your account. Check the email address in the account settings. The message was not sent.
smtp-error-temporary = The server cannot take the message right now. It stays in the Outbox; Postfach will try again later.
smtp-error-recipients = The server refused every recipient. Check the addresses and send the message again. The message was not sent.
smtp-error-refused-message = The server refused the message. The message was not sent; see the details for the server's reason.
smtp-error-too-large = The message ({ $size } bytes) is larger than the server accepts ({ $limit } bytes). Remove or shrink attachments. The message was not sent.
smtp-error-utf8 = An address contains characters the server cannot handle (it does not support international addresses). Use a plain-ASCII address. The message was not sent.
smtp-error-envelope = The message has no valid recipient address. Check the addresses. The message was not sent.
smtp-error-protocol = The outgoing mail server { $host } answered in a way Postfach does not understand. The message was not sent.

## postfach send / outbox
cli-send-queued = Message { $id } is in the Outbox.
cli-send-sent = { $account }: message { $id } was sent.
cli-send-refused = Refused: { $address } ({ $reply })
cli-send-bad-address = “{ $address }” is not an email address.
cli-send-no-server = The account “{ $account }” has no outgoing server. Set one up with: postfach account set { $account } --smtp-host HOST
cli-send-cannot-build = The message cannot be written: { $detail }
cli-send-locked = The Outbox of “{ $account }” is being sent by another Postfach right now. Try again in a moment.
cli-send-file = Cannot read { $path }: { $detail }
cli-send-too-big = { $path } is larger than 100 MB; Postfach does not send files this large.
cli-outbox-empty = The Outbox is empty.
cli-outbox-no-such = There is no message { $id } in the Outbox.
cli-outbox-removed = Message { $id } was moved to the Trash; it will not be sent.
cli-outbox-marked-sent = Message { $id } was moved to Sent.
outbox-state-queued = waiting
outbox-state-unknown = may have been sent
outbox-state-failed = not sent

## Writing mail: the compose window
ui-write = Write
ui-write-tip = Write a new message (Ctrl+N)
ui-reply = Reply
ui-reply-tip = Reply to the sender
ui-reply-all = Reply all
ui-reply-all-tip = Reply to the sender and all recipients (Ctrl+Shift+R)
ui-reply-list = Reply to list
ui-reply-list-tip = Reply to the mailing list (Ctrl+Shift+L)
ui-forward = Forward
ui-forward-tip = Forward the message with its text and attachments (Ctrl+L)

ui-forward-attached-tip = Forward the whole message as an attachment
ui-draft-note = This is a draft; it has not been sent.
ui-draft-continue = Continue writing
ui-outbox-edit = Edit
compose-title-new = New message
compose-from = From
compose-to = To
compose-cc = Cc
compose-bcc = Bcc
compose-subject = Subject
compose-subject-placeholder = What is it about?
compose-address-placeholder = Name or address; several separated by commas
compose-body-placeholder = Write your message…
compose-send = Send
compose-send-tip = Send the message (Ctrl+Enter); it waits in the Outbox until the server has it
compose-attach = Attach
compose-attach-tip = Attach files (Ctrl+Shift+A), or drop them onto this window
compose-attach-title = Attach files
compose-save = Save
compose-save-tip = Save as draft now (Ctrl+S); drafts are also saved while you type
compose-discard = Discard
compose-discard-tip = Throw this message away
compose-files = { $count ->
    [one] One attachment, { $size }
   *[other] { $count } attachments, { $size }
}
compose-not-an-address = Not an e-mail address: { $entries }
compose-queueing = Putting the message into the Outbox…
compose-saved = Draft saved at { $time }
compose-subject-prefixes = en
compose-attribution = On { $date } at { $time }, { $name } wrote:
compose-attribution-undated = { $name } wrote:
compose-forwarded-title = -------- Forwarded message --------
compose-forwarded-file = Forwarded message
compose-no-account = Set up an account before writing mail.
compose-no-server = The account “{ $account }” has no outgoing server yet. Add one under Settings → { $account } → Outgoing server (SMTP).
compose-no-recipient = Add at least one recipient (To, Cc or Bcc).
compose-invalid-addresses = Some entries are not e-mail addresses; they are marked above. Correct or remove them, then send again.
compose-queue-failed = The message could not be put into the Outbox, nothing was sent. It is kept here. ({ $detail })
compose-save-failed = The draft could not be saved; Postfach keeps trying. ({ $detail })
compose-discard-failed = The draft could not be removed. ({ $detail })
compose-attach-failed = “{ $name }” cannot be attached: { $detail }
compose-attach-folder = “{ $name }” is a folder; only files can be attached.
compose-attach-too-big = “{ $name }” is larger than 100 MB; Postfach does not send files this large.
compose-ask-attachment-title = Forgot the attachment?
compose-ask-attachment = Your text mentions an attachment, but nothing is attached.
compose-send-anyway = Send anyway
compose-keep-writing = Keep writing
compose-ask-large-title = A large message
compose-ask-large = The attachments come to { $size }. The outgoing server or the recipient's server may refuse messages above { $limit }; then it stays in the Outbox with the reason.
compose-ask-discard-title = Discard this message?
compose-ask-discard = What you wrote and its saved draft are removed.

## The message list's context menu (the shortcuts shown on the right of its entries)
ui-forward-as-attachment = Forward as attachment
ui-keys-reply-all = Ctrl+Shift+R
ui-keys-forward = Ctrl+L
ui-keys-delete = Del

## HTML mail in the reader
ui-view-formatted = Formatted
ui-view-plain = Plain text
ui-remote-blocked = { $count ->
    [one] Remote content was blocked to protect your privacy (one picture or style from the internet).
   *[other] Remote content was blocked to protect your privacy ({ $count } pictures or styles from the internet).
}
ui-remote-load = Load for this message
ui-remote-always = Always for this sender
ui-remote-shown = Remote pictures are shown. Style sheets, fonts and backgrounds from the internet stay blocked.
ui-remote-never = Remote content is never loaded for mail in the Trash or in Junk.
ui-html-image = [picture]
ui-html-image-alt = [picture: { $alt }]
ui-link-warning-title = This link may not lead where it says
ui-link-warning = The link's words show { $shown }, but it leads to { $target }. Senders of phishing mail do this. Open it only if you trust the address it leads to.
ui-link-warning-open = Open anyway
ui-link-warning-cancel = Don't open

## import and export (command line)
cli-import-progress = Importing into “{ $folder }”: { $percent } % ({ $count } messages)
cli-import-folder = Folder “{ $folder }”
cli-import-summary = Imported { $imported } { $imported ->
        [one] message
       *[other] messages
    }; { $duplicates } already there, { $deleted } marked deleted in the source and left out, { $failed } could not be read.
cli-import-failed = The import stopped: { $detail }. What was imported so far is kept; run the same command again to finish it.
cli-export-done = Wrote { $count } { $count ->
        [one] message
       *[other] messages
    } to { $path }.
cli-export-where = Say where to write: --mbox FILE, --eml DIR or --maildir DIR.

## settings: import and export
settings-nav-transfer = Import and export
settings-transfer-subtitle = Bring your mail over from another program, or take it with you.
settings-import = Import mail
settings-import-hint = Bring mail over from another program: Thunderbird's folders, an mbox file, a Maildir or a folder of .eml files. Each becomes a local folder; messages you already have are skipped, so an import can be run again to finish it.
settings-import-thunderbird = Found in Thunderbird
settings-import-no-thunderbird = No Thunderbird profile was found on this computer.
settings-import-tb-folder = { $name } (profile “{ $profile }”)
settings-import-ticked = Import ticked folders
settings-import-file = Import a file…
settings-import-folder = Import a folder…
settings-import-cancel = Cancel
settings-import-cancelled = The import was cancelled; what was imported stays, and importing again finishes it.
settings-import-failed = The import stopped: { $detail }. What was imported so far is kept; import the same again to finish it.
settings-export = Export mail
settings-export-hint = Write every folder as a Maildir tree (readable by Thunderbird's ImportExportTools, mutt, Evolution and others). To write some messages or one folder (Ctrl+A) as mbox or .eml files, use the message list's right-click menu.
settings-export-maildir = Export everything as Maildir…
settings-export-done = Wrote { $count } { $count ->
        [one] message
       *[other] messages
    } to { $path }.
settings-export-failed = The export failed: { $detail }
cli-state-imported = { $count } { $count ->
        [one] message
       *[other] messages
    } of “{ $account }” are now known as downloaded by { $program }: Postfach will not download them again and never deletes them from the server ({ $known } were known already).{ $linked ->
        [0] {""}
       *[other] {" "}{ $linked } of them came with their mail: they are stored here, and your settings for the server's copies apply to them. The next fetch first shows what it will do.
    }
cli-state-no-match = The file holds no state for { $user } on { $host }. It has: { $found }.
cli-state-which = Say which program wrote the state: --from thunderbird|mpop|fetchmail|getmail|claws PATH.
cli-state-forgotten = Forgot { $count } { $count ->
        [one] message
       *[other] messages
    } another program had downloaded for “{ $account }”: the next fetch downloads them.

## organising: move, archive, junk
ui-archive-name = Archive
ui-moved = { $count ->
        [one] One message
       *[other] { $count } messages
    } moved to “{ $folder }”. Ctrl+Z takes it back.
ui-archived = { $count ->
        [one] One message
       *[other] { $count } messages
    } archived in “{ $folder }”. Ctrl+Z takes it back.
ui-junked = { $count ->
        [one] One message
       *[other] { $count } messages
    } moved to Junk. Ctrl+Z takes it back.
ui-not-junked = { $count ->
        [one] One message
       *[other] { $count } messages
    } moved back to the Inbox; mail from { $count ->
        [one] this sender
       *[other] these senders
    } will not go to Junk again.
ui-msgs-copied = { $count ->
        [one] One message
       *[other] { $count } messages
    } copied to “{ $folder }”.
ui-move-undone = { $count ->
        [one] One message is
       *[other] { $count } messages are
    } back where { $count ->
        [one] it was
       *[other] they were
    }.
ui-move-title = { $count ->
        [one] Move the message to…
       *[other] Move { $count } messages to…
    }
ui-move-filter = Type to find a folder
ui-move-none = No folder matches.
ui-move-copy = Copy instead of moving
ui-move-to = Move to…
ui-move-to-tip = Move the selected messages to another folder (Ctrl+Shift+V)
ui-archive = Archive
ui-archive-tip = Move the selected messages to the archive, a folder per year (A)
ui-junk = Junk
ui-junk-tip = Move the selected messages to Junk (J)
ui-not-junk = Not junk
ui-not-junk-tip = Back to the Inbox; mail from these senders stays out of Junk (Shift+J)
ui-keys-move-to = Ctrl+Shift+V
ui-keys-archive = A
ui-keys-junk = J
ui-keys-not-junk = Shift+J

## settings: message rules
settings-nav-rules = Message rules
rules-intro = New mail passes through these rules as it arrives, from the top down: each rule whose conditions hold does what it says. Text compares without regard to case or umlaut spelling (“muller” finds “Müller”).
rules-list = Rules
rules-none = No rules yet.
rules-new = New rule
rules-edit = Change
rules-remove = Remove
rules-up = Earlier (runs before the rule above)
rules-down = Later (runs after the rule below)
rules-summary = { $count ->
        [one] 1 condition
       *[other] { $count } conditions ({ $all ->
            [all] all
           *[any] any
        })
    } → { $actions }
rules-folder-gone = (a folder that is gone)
rules-new-title = New rule
rules-edit-title = Change the rule
rules-name = Name
rules-name-placeholder = e.g. Invoices
rules-account = For mail of
rules-all-accounts = every account
rules-match-all = All conditions hold
rules-match-any = Any condition holds
rules-field-from = From
rules-field-to = To
rules-field-cc = Cc
rules-field-to-or-cc = To or Cc
rules-field-subject = Subject
rules-field-header = Header…
rules-field-body = Text of the message
rules-field-size = Size
rules-field-attachments = Has attachments
rules-test-contains = contains
rules-test-not-contains = does not contain
rules-test-is = is
rules-test-begins = begins with
rules-test-ends = ends with
rules-test-matches = matches the regular expression
rules-test-greater = is larger than
rules-test-less = is smaller than
rules-header-name = Header name
rules-value = Text
rules-size-kb = KB
rules-add-condition = Add a condition
rules-then = Then
rules-action-move = Move to
rules-action-copy = Copy to
rules-action-read = Mark as read
rules-action-flag = Flag
rules-action-trash = Move to the Trash
rules-action-stop = Stop (no later rule)
rules-choose-folder = Choose a folder
rules-add-action = Add an action
rules-remove-line = Remove this line
rules-save = Save rule
rules-needs-name = Give the rule a name.
rules-needs-value = A condition has no text to compare with.
rules-needs-header = Name the header a condition looks at (without a colon).
rules-needs-size = A size must be a whole number of KB.
rules-needs-condition = A rule needs at least one condition.
rules-needs-folder = Choose the folder for “Move to” or “Copy to”.
rules-needs-action = A rule needs at least one action.
rules-bad-pattern = The regular expression cannot be used: { $detail }
rules-failed = The rules could not be read or changed: { $detail }
rules-run = Run rules now
rules-run-hint = Apply the rules that are switched on to every message of a folder, for example after you wrote a new rule.
rules-run-now = Run now
rules-running = The rules are running: { $done } of { $all } messages…
rules-ran = Checked { $checked } { $checked ->
        [one] message
       *[other] messages
    }: { $moved } moved, { $copied } copied, { $trashed } to the Trash.

## local folders in the window
folder-new-tip = New folder
folder-name-placeholder = Name of the folder
folder-new-title = New folder
folder-create = Create
folder-place = In
folder-manage-title = Folder “{ $name }”
folder-new-inside = New folder inside
folder-rename = Rename
folder-delete = Delete…
folder-delete-title = Delete “{ $name }”?
folder-delete-text = { $messages ->
        [0] The folder is empty
        [one] Its one message goes to the Trash
       *[other] Its { $messages } messages go to the Trash
    }{ $folders ->
        [0] .
        [one] , with those of its subfolder, which is deleted too.
       *[other] , with those of its { $folders } subfolders, which are deleted too.
    } Mail in the Trash can be restored.
folder-created = Folder “{ $name }” created.
folder-renamed = Folder renamed to “{ $name }”.
folder-deleted = Folder deleted; { $messages } { $messages ->
        [one] message
       *[other] messages
    } moved to the Trash.
folder-failed = The folder could not be changed: { $detail }

## account settings: junk
junk-title = Junk
junk-enabled = Move mail the provider marked as spam to the Junk folder
junk-enabled-hint = Recognised by X-Spam-Flag, X-Spam-Status and X-Spam headers (and the one below). Senders you mark “Not junk” always stay in the Inbox. Remote content never loads for junk.
junk-header = Further header
junk-header-hint = A header of your provider's that marks spam when its value begins with “yes”.
junk-days = Delete junk after
junk-days-hint = Days, counted from when it arrived here; empty: keep it until you delete it. Only the copy here is deleted, the server keeps its own as the account's settings say.
junk-apply = Apply
junk-saved = Saved.
junk-bad-days = The number of days must be a whole number above 0, or empty.
junk-bad-header = A header name has no spaces.
junk-failed = The Junk settings could not be read or saved: { $detail }
settings-state = Already downloaded by another program
settings-state-hint = For an account that leaves mail on the server: choose the account and the program you fetched it with before, then that program's state file. The messages it already downloaded are not downloaded again, and Postfach never deletes them on the server.
settings-state-account = Account
settings-state-program = Program
settings-state-file = Choose its file…
settings-state-unreadable = The file could not be read: { $detail }
rules-running-selection = Running the rules on { $count } { $count ->
        [one] message
       *[other] messages
    }…

error-import-review = The first fetch of “{ $account }” after an import waits until you have seen what it will do.
cli-fetch-accept-import = Nothing was downloaded or deleted. To fetch with these effects: postfach fetch --accept-import “{ $account }”
dry-run = “{ $account }”: the server holds { $listed } { $listed ->
        [one] message
       *[other] messages
    }.{ $known ->
        [0] {""}
        [one] {" "}1 of them was downloaded by the other program: it stays on the server and is not downloaded.
       *[other] {" "}{ $known } of them were downloaded by the other program: they stay on the server and are not downloaded.
    }{ $linked ->
        [0] {""}
       *[other] {" "}{ $linked } came with the imported mail: your settings for the server's copies apply to them.
    } This fetch downloads { $download } new { $download ->
        [one] message
       *[other] messages
    } and deletes { $delete ->
        [0] none
       *[other] { $delete }
    } from the server{ $expired ->
        [0] {""}
       *[other] {" "}({ $expired } because they are older than your “at most N days”)
    }.
ui-import-review-title = First fetch of “{ $account }” after the import
ui-import-review-go = Fetch now
wizard-earlier = I used another program for this account before
wizard-earlier-hint = Postfach takes over which messages that program already downloaded: it does not download them again, and it never deletes them from the server (it holds no copy of them). Your first fetch shows what it will do before it does anything.
wizard-earlier-pick = Choose its file…
wizard-earlier-found = { $count } { $count ->
        [one] message
       *[other] messages
    } of this account were downloaded by that program.
wizard-earlier-not-found = The program's file was not found in its usual place: choose it.
wizard-earlier-empty = The file names no downloaded messages for this account.
ui-export-mbox = Export as mbox file…
ui-export-eml = Save as .eml files…
ui-export-default-name = Messages
ui-exported = Exported { $count } { $count ->
        [one] message
       *[other] messages
    } to { $path }.
import-linked = { $count } of them carry the UIDL of a message whose POP3 state was taken over: they count as stored here, and the account's setting for the server's copies applies to them.
settings-state-known = { $count } { $count ->
        [one] message
       *[other] messages
    } of this account were downloaded by another program and stay on the server.
settings-state-forget = Download these too
## Signing in with Google and Microsoft (OAuth)
oauth-no-client-id = This copy of Postfach has no client ID for { $provider }, so it cannot sign in there yet. Enter your own client ID under "Advanced" (the README says how to get one).
oauth-no-client-id-app-password = Or use an app password: create one in your { $provider } account's security settings and enter it instead of your password.
oauth-no-client-id-no-app-password = { $provider } accepts no passwords for POP3 and SMTP, so a client ID is needed.
oauth-unknown-provider = This version of Postfach cannot sign in with "{ $provider }".
oauth-listen = Postfach cannot wait for the browser's answer: { $detail }
oauth-timed-out = The sign-in was not finished in the browser in time. Please try again.
oauth-cancelled = The sign-in was cancelled.
oauth-wrong-state = The browser's answer did not belong to this sign-in and was refused. Please try again.
oauth-denied = The sign-in was refused ({ $reason }).
oauth-sign-in-again = { $provider } no longer accepts the sign-in for { $user }. Please sign in again.
oauth-not-signed-in = { $user } is not signed in with { $provider }. Please sign in.
oauth-refused = The sign-in server refused: { $detail }
oauth-network = The sign-in server cannot be reached: { $detail }
oauth-answer = The sign-in server's answer cannot be read.
oauth-page-done = You are signed in. You can close this window and return to Postfach.
oauth-page-failed = The sign-in did not work. You can close this window; Postfach says what happened.
oauth-sign-in-with = Sign in with { $provider }
oauth-sign-in-again-button = Sign in again…
oauth-sign-out = Sign out
oauth-waiting = Waiting for the sign-in in your browser…
oauth-signed-in-as = Signed in with { $provider } as { $user }.
oauth-signed-out = Not signed in with { $provider }.
oauth-advanced = Advanced
oauth-own-client-id = Own client ID
oauth-own-client-id-placeholder = The Application (client) ID of your registration
oauth-instead-of-password = { $provider } signs you in through your browser: Postfach never sees your password.
oauth-banner = { $account }: { $provider } asks you to sign in again.
cli-oauth-open = Open this address in your browser to sign in:
cli-oauth-device = On any device, open { $uri } and enter the code { $code }.
cli-oauth-signed-in = { $account }: signed in with { $provider } as { $user }.
cli-oauth-not-oauth = The account { $account } does not sign in with Google or Microsoft (its address and servers belong to neither).
cli-oauth-login-hint = Sign in again with: postfach account login { $account }
wizard-needs-sign-in = Please sign in with { $provider } first.
oauth-section = Sign-in with { $provider }
oauth-own-client-secret = Client secret
oauth-own-client-secret-hint = { $provider } gives desktop apps a secret with the client ID; it is not secret there, but it must be sent.
oauth-device-button = Sign in on another device…
oauth-device-prompt = On any device, open { $uri } and enter the code { $code }. Postfach waits here.
