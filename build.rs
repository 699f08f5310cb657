//! For Windows targets, embeds the app icon and version information into postfach.exe (Explorer,
//! task bar, "Installed apps" and the .eml association show them): with the Windows SDK's rc.exe
//! or MinGW's windres on Windows, and with `x86_64-w64-mingw32-windres` when cross-building from
//! Linux (winresource picks the prefixed windres when host and target differ; `WINDRES` overrides).
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
    if os == "windows" {
        embed_windows_resources();
    }
}

fn embed_windows_resources() {
    // Cross-building without MinGW's windres (a type check on a machine without MinGW): say
    // so and go on; packaging/windows/build-exe-cross.sh fails if the resource is missing.
    let host = std::env::var("HOST").unwrap_or_default();
    let target = std::env::var("TARGET").unwrap_or_default();
    if host != target && target.ends_with("-gnu") {
        let arch = target.split('-').next().unwrap_or("x86_64");
        let windres =
            std::env::var("WINDRES").unwrap_or_else(|_| format!("{arch}-w64-mingw32-windres"));
        if std::process::Command::new(&windres)
            .arg("--version")
            .output()
            .is_err()
        {
            println!(
                "cargo::warning=no {windres}: postfach.exe gets no icon or version information"
            );
            return;
        }
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
