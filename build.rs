//! On Windows, embeds the app icon and version information into postfach.exe (Explorer, task bar,
//! "Installed apps" and the .eml association show them).
//!
//! Everywhere: sets `cfg(openssl_tls)` on targets where TLS goes through OpenSSL directly (the
//! unix systems whose native-tls backend is OpenSSL; must match the target table in Cargo.toml).

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=resources/icons/postfach.ico");
    println!("cargo::rustc-check-cfg=cfg(openssl_tls)");
    let family = std::env::var("CARGO_CFG_TARGET_FAMILY").unwrap_or_default();
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if family.split(',').any(|f| f == "unix") && !matches!(os.as_str(), "macos" | "ios" | "android")
    {
        println!("cargo::rustc-cfg=openssl_tls");
    }
    #[cfg(windows)]
    embed_windows_resources();
}

/// `cfg(windows)` is the host (the build dependency exists only there); the target is checked too.
#[cfg(windows)]
fn embed_windows_resources() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    // FileVersion and ProductVersion come from CARGO_PKG_VERSION.
    let mut res = winresource::WindowsResource::new();
    res.set_icon("resources/icons/postfach.ico")
        .set("ProductName", "Postfach")
        .set("FileDescription", "Postfach")
        .set("CompanyName", "The Postfach developers")
        .set(
            "LegalCopyright",
            "© 2026 The Postfach developers. MIT or Apache-2.0.",
        )
        .set("OriginalFilename", "postfach.exe")
        .set("InternalName", "postfach");
    if let Err(e) = res.compile() {
        panic!("cannot embed the icon and version information: {e}");
    }
}
