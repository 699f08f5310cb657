//! Tables: a data table (prices, appointments) stays a grid; a layout table (what newsletters use
//! to place columns, banners and buttons) is flattened into the blocks of its cells, top to
//! bottom and left to right, so it reads without scrolling sideways.
//!
//! A table is a **data table** when all of these hold:
//! - it is not marked `role="presentation"` (or `role="none"`);
//! - no table is nested inside it;
//! - every cell holds at most two paragraphs and nothing else (no image, heading, list, quote,
//!   rule, preformatted text);
//! - it has at least two columns in some row;
//! - and either it has a header cell (`<th>`), or it is a grid of short text cells: at least two
//!   rows, every cell at most [`SHORT_CELL`] characters, and not every cell sized with a `width`
//!   attribute (fixed widths on every cell are how layout grids are built).
//!
//! Everything else is a **layout table**.

use html5ever::LocalName;

use super::{Block, Span};

/// Longest cell text (in characters) of a data table without header cells.
pub(super) const SHORT_CELL: usize = 120;

/// A table being read.
pub(super) struct Table {
    pub(super) rows: Vec<Vec<Cell>>,
    /// A table is nested inside this one.
    pub(super) nested: bool,
    presentation: bool,
}

/// A cell being read (or read).
pub(super) struct Cell {
    pub(super) blocks: Vec<Block>,
    header: bool,
    sized: bool,
    /// Made for content found outside any cell.
    pub(super) stray: bool,
}

impl Table {
    pub(super) fn new(attrs: &[(LocalName, String)]) -> Table {
        let presentation = attrs.iter().any(|(n, v)| {
            &**n == "role"
                && matches!(
                    v.trim().to_ascii_lowercase().as_str(),
                    "presentation" | "none"
                )
        });
        Table {
            rows: Vec::new(),
            nested: false,
            presentation,
        }
    }

    /// Adds a finished cell to the last row (a first row is made when there is none).
    pub(super) fn push_cell(&mut self, cell: Cell) {
        match self.rows.last_mut() {
            Some(row) => row.push(cell),
            None => self.rows.push(vec![cell]),
        }
    }
}

impl Cell {
    pub(super) fn new(header: bool, attrs: &[(LocalName, String)]) -> Cell {
        Cell {
            blocks: Vec::new(),
            header,
            sized: attrs.iter().any(|(n, _)| &**n == "width"),
            stray: false,
        }
    }

    /// The cell holds only paragraphs (at most two).
    fn is_simple(&self) -> bool {
        self.blocks.len() <= 2 && self.blocks.iter().all(|b| matches!(b, Block::Paragraph(_)))
    }

    fn chars(&self) -> usize {
        self.blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(spans) => {
                    spans.iter().map(|s: &Span| s.text.chars().count()).sum()
                }
                _ => 0,
            })
            .sum()
    }
}

/// Whether a finished table is a data table (see the module documentation).
pub(super) fn is_data(t: &Table) -> bool {
    let cells = || t.rows.iter().flatten();
    if t.presentation || t.nested || cells().next().is_none() {
        return false;
    }
    if !cells().all(Cell::is_simple) || t.rows.iter().all(|r| r.len() < 2) {
        return false;
    }
    if cells().any(|c| c.header) {
        return true;
    }
    t.rows.len() >= 2 && cells().all(|c| c.chars() <= SHORT_CELL) && !cells().all(|c| c.sized)
}

/// The table as a [`Block::Table`] when it is a data table, else (`Err`) the blocks of its cells
/// in reading order.
pub(super) fn finish(t: Table) -> Result<Block, Vec<Block>> {
    if !is_data(&t) {
        return Err(t
            .rows
            .into_iter()
            .flatten()
            .flat_map(|c| c.blocks)
            .collect());
    }
    let rows: Vec<Vec<Cell>> = t.rows.into_iter().filter(|r| !r.is_empty()).collect();
    let header_rows = rows
        .iter()
        .take_while(|r| r.iter().all(|c| c.header))
        .count();
    let rows = rows
        .into_iter()
        .map(|r| r.into_iter().map(|c| c.blocks).collect())
        .collect();
    Ok(Block::Table { rows, header_rows })
}
