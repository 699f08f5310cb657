//! The message model against real mail: golden files (`golden`) and property tests that feed it
//! malformed input (`props`).

mod golden;
mod props;
