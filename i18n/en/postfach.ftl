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
