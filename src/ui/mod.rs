//! The iced 0.14 desktop app. The only layer that knows iced.
//!
//! [`run`] opens the main window on a data directory. The window is built from screens and panes
//! that share one shape (icebreaker style): a `Message`, an `update` that returns an `Action` for
//! the parent, and a `view`. See [`app`] for how they are put together, and docs/ARCHITECTURE.md
//! for the map:
//!
//! - [`screen`]: what fills the window (the mail panes, the settings, the account wizard);
//! - [`dialog`]: modal dialogs over a screen (the certificate trust dialog);
//! - [`widget`]: the look: theme, icons, styles, form building blocks, dates and sizes;
//! - [`service`]: work outside the window's thread (the store, the sync subscription, imports,
//!   notifications);
//! - [`platform`]: what iced does not do for us (dragging files out of the window);
//! - [`dev`]: the benchmark's timing hook.

pub mod app;
pub mod dev;
pub mod dialog;
pub mod platform;
pub mod screen;
pub mod service;
pub mod widget;

use std::path::PathBuf;
use std::process::ExitCode;

use iced::window;

use crate::config::Config;
use crate::i18n::{self, Language};
pub use app::{App, Boot, Input, Message, Modal};

/// The app icon, shown by the window manager.
const APP_ICON: &[u8] = include_bytes!("../../resources/icons/postfach-256.png");

/// Opens the main window on `data_dir` and returns when it is closed. `opened` is a folder and the
/// message in it to show first (mail files opened from the desktop); `mailto` a link to write
/// to (a compose window opens with it).
pub fn run(
    data_dir: Option<PathBuf>,
    opened: Option<(crate::store::FolderId, crate::store::MessageId)>,
    mailto: Option<crate::send::mailto::Mailto>,
) -> ExitCode {
    // On Wayland with XWayland available, restart under XWayland so attachments can be dragged out.
    platform::dragout::xwayland::use_xwayland();
    let Some(data_dir) = data_dir else {
        eprintln!("postfach: no data directory; pass --data-dir or set POSTFACH_DATA_DIR");
        return ExitCode::from(2);
    };
    widget::format::init_time_zone();
    widget::font::install();
    platform::renderer::choose();
    let (config, warning) = Config::load(&data_dir);
    let env_language = std::env::var("POSTFACH_LANG").is_ok_and(|v| !v.trim().is_empty());
    i18n::select(if env_language {
        Language::System
    } else {
        config.language
    });

    let boot = match Boot::open(data_dir, config.clone(), warning) {
        Ok(boot) => boot,
        Err(e) => {
            eprintln!(
                "postfach: {}",
                crate::fl!("ui-store-failed", detail = e.to_string())
            );
            return ExitCode::from(1);
        }
    };
    let boot = std::sync::Mutex::new(Some(boot));
    let main_window = window_settings(
        iced::Size::new(config.window.width, config.window.height),
        iced::Size::new(720.0, 420.0),
    );
    // A daemon, not a single-window application: compose windows open beside the main window
    // (the app ends with the main window, see `App::quit`).
    let result = iced::daemon(
        move || {
            // The boot function runs once; a second call (never made by iced) gets an error.
            match boot.lock().ok().and_then(|mut b| b.take()) {
                Some(boot) => {
                    let (mut app, task) = App::new(boot);
                    if let Some((folder, message)) = opened {
                        app.show_opened_after_load(folder, message);
                    }
                    if let Some(link) = mailto.clone() {
                        app.compose_after_load(screen::compose::Start::Mailto(link));
                    }
                    let (_, open) = window::open(main_window.clone());
                    (app, iced::Task::batch([open.discard(), task]))
                }
                None => unreachable_boot(),
            }
        },
        App::update,
        App::view_of,
    )
    .title(App::title_of)
    .subscription(App::subscription_with_bench)
    .theme(App::theme_of)
    .run();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("postfach: the window failed: {e}");
            ExitCode::from(1)
        }
    }
}

/// Only reached if iced booted the app twice: exits at once.
fn unreachable_boot() -> (App, iced::Task<Message>) {
    tracing::error!("the app was booted twice");
    std::process::exit(1)
}

/// A window of the app: its size, its smallest size, the app's icon, the desktop entry's id
/// (docks match windows to the menu entry by it, `StartupWMClass`), and no closing on the close
/// button before the app has saved what it must.
pub(crate) fn window_settings(size: iced::Size, min_size: iced::Size) -> window::Settings {
    window::Settings {
        size,
        min_size: Some(min_size),
        icon: window_icon(),
        exit_on_close_request: false,
        #[cfg(target_os = "linux")]
        platform_specific: window::settings::PlatformSpecific {
            application_id: "org.postfach.Postfach".to_owned(),
            ..Default::default()
        },
        ..window::Settings::default()
    }
}

/// The app's icon for a window.
fn window_icon() -> Option<window::Icon> {
    let image = image::load_from_memory_with_format(APP_ICON, image::ImageFormat::Png).ok()?;
    let rgba = image.to_rgba8();
    let (w, h) = rgba.dimensions();
    window::icon::from_rgba(rgba.into_raw(), w, h).ok()
}
