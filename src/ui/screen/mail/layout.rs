//! The three resizable panes and the window's geometry, remembered in the preferences.
//!
//! `pane_grid` works with ratios; the preferences keep pixel widths, so that a wider window gives
//! the extra room to the reader and the sidebar and list keep the widths the user chose.

use iced::Size;
use iced::widget::pane_grid::{self, Axis, Configuration, Node, Split};

use crate::config::{PaneWidths, WindowSize};

/// Narrowest a pane may become (pixels).
const MIN_PANE: f32 = 150.0;
/// Narrowest the reader may become when the other panes are restored (pixels).
const MIN_READER: f32 = 260.0;

/// The panes of the main window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Sidebar,
    List,
    Reader,
}

/// Pane state and the pixel widths behind it.
#[derive(Debug)]
pub struct Layout {
    pub panes: pane_grid::State<Pane>,
    outer: Option<Split>,
    window: Size,
    widths: PaneWidths,
}

impl Layout {
    /// Panes for a window of `window` size with the remembered `widths`.
    pub fn new(window: WindowSize, widths: PaneWidths) -> Layout {
        let window = Size::new(window.width, window.height);
        let widths = fit(widths, window.width);
        let (outer_ratio, inner_ratio) = ratios(widths, window.width);
        let panes = pane_grid::State::with_configuration(Configuration::Split {
            axis: Axis::Vertical,
            ratio: outer_ratio,
            a: Box::new(Configuration::Pane(Pane::Sidebar)),
            b: Box::new(Configuration::Split {
                axis: Axis::Vertical,
                ratio: inner_ratio,
                a: Box::new(Configuration::Pane(Pane::List)),
                b: Box::new(Configuration::Pane(Pane::Reader)),
            }),
        });
        let outer = match panes.layout() {
            Node::Split { id, .. } => Some(*id),
            Node::Pane(_) => None,
        };
        Layout {
            panes,
            outer,
            window,
            widths,
        }
    }

    /// The window's size.
    pub fn window(&self) -> Size {
        self.window
    }

    /// The remembered pane widths.
    pub fn widths(&self) -> PaneWidths {
        self.widths
    }

    /// The window was resized: keep the sidebar and list widths, give the rest to the reader.
    pub fn resized(&mut self, size: Size) {
        if size.width <= 0.0 || size.height <= 0.0 {
            return;
        }
        self.window = size;
        let shown = fit(self.widths, size.width);
        self.apply(shown);
    }

    /// The user dragged a split.
    pub fn split_dragged(&mut self, split: Split, ratio: f32) {
        self.panes.resize(split, ratio);
        let width = self.window.width;
        if Some(split) == self.outer {
            self.widths.sidebar = (ratio * width).max(MIN_PANE);
        } else {
            self.widths.list = (ratio * (width - self.widths.sidebar)).max(MIN_PANE);
        }
    }

    fn apply(&mut self, widths: PaneWidths) {
        let (outer_ratio, inner_ratio) = ratios(widths, self.window.width);
        let splits: Vec<Split> = self.panes.layout().splits().copied().collect();
        for split in splits {
            let ratio = if Some(split) == self.outer {
                outer_ratio
            } else {
                inner_ratio
            };
            self.panes.resize(split, ratio);
        }
    }
}

/// Shrinks the widths so the reader keeps some room in a narrow window.
fn fit(widths: PaneWidths, window: f32) -> PaneWidths {
    let room = (window - MIN_READER).max(2.0 * MIN_PANE);
    let total = widths.sidebar + widths.list;
    if total <= room {
        return widths;
    }
    let scale = room / total;
    PaneWidths {
        sidebar: (widths.sidebar * scale).max(MIN_PANE),
        list: (widths.list * scale).max(MIN_PANE),
    }
}

fn ratios(widths: PaneWidths, window: f32) -> (f32, f32) {
    let window = window.max(1.0);
    let outer = (widths.sidebar / window).clamp(0.05, 0.9);
    let rest = (window - widths.sidebar).max(1.0);
    let inner = (widths.list / rest).clamp(0.05, 0.95);
    (outer, inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_survive_a_resize_and_a_drag() {
        let mut layout = Layout::new(
            WindowSize {
                width: 1200.0,
                height: 800.0,
            },
            PaneWidths {
                sidebar: 240.0,
                list: 400.0,
            },
        );
        layout.resized(Size::new(1600.0, 900.0));
        assert_eq!(layout.widths().sidebar, 240.0);
        assert_eq!(layout.widths().list, 400.0);
        let outer = layout.outer.expect("the outer split");
        layout.split_dragged(outer, 0.2);
        assert!((layout.widths().sidebar - 320.0).abs() < 0.5);
        assert_eq!(layout.window(), Size::new(1600.0, 900.0));
    }

    #[test]
    fn narrow_windows_keep_room_for_the_reader() {
        let w = fit(
            PaneWidths {
                sidebar: 300.0,
                list: 600.0,
            },
            800.0,
        );
        assert!(w.sidebar + w.list <= 800.0 - MIN_READER + 0.5, "{w:?}");
        assert!(w.sidebar >= MIN_PANE && w.list >= MIN_PANE);
    }
}
