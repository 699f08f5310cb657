//! Desktop notifications for new mail.
//!
//! The hook is here; the notification itself needs the `notify-rust` crate, which is not a
//! dependency yet. Until it is, new mail is only logged.

use crate::fl;

/// New mail arrived for `account` (called only when notifications are switched on).
pub fn new_mail(count: usize, account: &str) {
    let title = fl!("ui-notification-title", count = count);
    // With notify-rust: Notification::new().summary(&title).body(account).appname("Postfach").show()
    tracing::info!(count, account, title = %title, "new mail (desktop notification hook)");
}
