//! Desktop notifications for new mail (freedesktop notifications on Linux, the notification
//! centre on macOS, toasts on Windows), through `notify-rust`.

use crate::fl;

/// New mail arrived for `account` (called only when notifications are switched on). Showing it
/// talks to the desktop, so it runs on a background thread; a desktop without a notification
/// service only logs.
pub fn new_mail(count: usize, account: &str) {
    let title = fl!("ui-notification-title", count = count);
    let body = account.to_owned();
    std::thread::spawn(move || {
        let shown = notify_rust::Notification::new()
            .appname("Postfach")
            .summary(&title)
            .body(&body)
            .icon("org.postfach.Postfach")
            .show();
        if let Err(e) = shown {
            tracing::info!("no desktop notification: {e}");
        }
    });
}
