//! Runs the store benchmark (benches/store_bench.rs) as an ignored test, for machines where the
//! `[[bench]]` entry is not set up: `cargo test --release --test store_bench -- --ignored
//! --nocapture`. It prints figures and asserts nothing about time.
#[path = "../benches/store_bench.rs"]
mod bench;

#[test]
#[ignore = "benchmark: seeds 100,000 messages, takes minutes"]
fn store_benchmark() -> Result<(), Box<dyn std::error::Error>> {
    bench::run()
}
