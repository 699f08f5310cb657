//! App preferences (language, theme, window) — being written.
