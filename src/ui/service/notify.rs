//! Desktop notifications for new mail (freedesktop notifications on Linux, the notification
//! centre on macOS, toasts on Windows), through `notify-rust`.

use crate::fl;

/// New mail arrived for `account` (called only when notifications are switched on). Showing it
/// talks to the desktop, so it runs on a background thread; a desktop without a notification
/// service only logs.
pub fn new_mail(count: usize, account: &str) {
    let title = fl!("ui-notification-title", count = count);
    let body = plain_body(account);
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

/// The body as plain text: one safe line, and on Linux with the markup characters escaped
/// (freedesktop notification servers may read `<b>`, `<a href>` and `&amp;` in the body).
fn plain_body(text: &str) -> String {
    let line = crate::text::safe_line(text);
    if cfg!(target_os = "linux") {
        line.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    } else {
        line
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_os = "linux")]
    #[test]
    fn the_body_is_plain_text() {
        let body = super::plain_body("<b>A&B</b>\u{202E}\u{1b}[2J");
        assert!(!body.contains(['<', '>', '\u{202E}', '\u{1b}']), "{body}");
        assert!(body.contains("A&amp;B"));
    }
}
