//! Hooks for the benchmarks.
pub mod bench;
