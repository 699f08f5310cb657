//! The app's line icons: one set, 24×24 with a 2-pixel round stroke, embedded at compile time
//! from `resources/ui/`.

use std::sync::LazyLock;

use iced::Theme;
use iced::widget::svg::{self, Svg};

use crate::ui::widget::theme;

macro_rules! icons {
    ($($name:ident => $file:literal),* $(,)?) => {
        /// A named icon.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Icon { $($name),* }

        impl Icon {
            fn handle(self) -> svg::Handle {
                $(
                    #[allow(non_upper_case_globals)]
                    static $name: LazyLock<svg::Handle> = LazyLock::new(|| {
                        svg::Handle::from_memory(
                            include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/resources/ui/", $file)).as_slice(),
                        )
                    });
                )*
                match self { $(Icon::$name => $name.clone()),* }
            }
        }
    };
}

icons! {
    Alert => "alert.svg",
    ArrowDown => "arrow-down.svg",
    ArrowLeft => "arrow-left.svg",
    ArrowUp => "arrow-up.svg",
    Bell => "bell.svg",
    Check => "check.svg",
    CircleCheck => "circle-check.svg",
    CircleDashed => "circle-dashed.svg",
    CircleX => "circle-x.svg",
    Clock => "clock.svg",
    Download => "download.svg",
    External => "external.svg",
    File => "file.svg",
    FileArchive => "file-archive.svg",
    FileImage => "file-image.svg",
    FilePdf => "file-pdf.svg",
    FileText => "file-text.svg",
    Filter => "filter.svg",
    Folder => "folder.svg",
    Forward => "forward.svg",
    Gear => "gear.svg",
    Globe => "globe.svg",
    HardDrive => "hard-drive.svg",
    IdCard => "id-card.svg",
    Inbox => "inbox.svg",
    Inboxes => "inboxes.svg",
    Info => "info.svg",
    Key => "key.svg",
    Mail => "mail.svg",
    MailOpen => "mail-open.svg",
    OctagonAlert => "octagon-alert.svg",
    Outbox => "outbox.svg",
    Mailbox => "mailbox.svg",
    Palette => "palette.svg",
    Paperclip => "paperclip.svg",
    Pencil => "pencil.svg",
    Play => "play.svg",
    Plus => "plus.svg",
    Refresh => "refresh.svg",
    Reply => "reply.svg",
    ReplyAll => "reply-all.svg",
    Search => "search.svg",
    Send => "send.svg",
    Server => "server.svg",
    Shield => "shield.svg",
    ShieldAlert => "shield-alert.svg",
    Trash => "trash.svg",
    User => "user.svg",
    X => "x.svg",
}

/// An icon of `size` pixels in the muted text colour.
pub fn view<'a>(icon: Icon, size: f32) -> Svg<'a, Theme> {
    Svg::new(icon.handle())
        .width(size)
        .height(size)
        .style(|theme, _status| theme::icon_color(theme))
}

/// An icon in a given style (accent, danger, on the primary button).
pub fn styled<'a>(icon: Icon, size: f32, style: fn(&Theme) -> svg::Style) -> Svg<'a, Theme> {
    Svg::new(icon.handle())
        .width(size)
        .height(size)
        .style(move |theme, _status| style(theme))
}

/// The icon for an attachment's MIME type.
pub fn for_content_type(content_type: &str) -> Icon {
    let (kind, sub) = content_type.split_once('/').unwrap_or((content_type, ""));
    match (kind, sub) {
        ("image", _) => Icon::FileImage,
        ("text", _) | ("message", _) => Icon::FileText,
        (_, "pdf") => Icon::FilePdf,
        (_, s)
            if s.contains("zip")
                || s.contains("compressed")
                || s.contains("tar")
                || s.contains("rar")
                || s.contains("7z") =>
        {
            Icon::FileArchive
        }
        (_, s) if s.contains("word") || s.contains("opendocument") || s.contains("rtf") => {
            Icon::FileText
        }
        _ => Icon::File,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn icons_follow_the_type() {
        assert_eq!(for_content_type("image/png"), Icon::FileImage);
        assert_eq!(for_content_type("application/pdf"), Icon::FilePdf);
        assert_eq!(for_content_type("application/zip"), Icon::FileArchive);
        assert_eq!(for_content_type("text/csv"), Icon::FileText);
        assert_eq!(for_content_type("application/octet-stream"), Icon::File);
        assert_eq!(for_content_type("garbage"), Icon::File);
    }
}
