//! `file://` URIs for the `text/uri-list` a drop target reads (RFC 8089, RFC 2483).

use std::path::Path;

/// The `file://` URI of an absolute local path, with every byte outside the RFC 3986 unreserved
/// set (and `/`) percent-encoded: `/tmp/Rechnung März.pdf` → `file:///tmp/Rechnung%20M%C3%A4rz.pdf`.
pub fn file_uri(path: &Path) -> String {
    let mut out = String::from("file://");
    for &b in path_bytes(path).iter() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A `text/uri-list` body: one URI per line, each line ended by CRLF.
pub fn uri_list(paths: &[&Path]) -> String {
    paths
        .iter()
        .map(|p| format!("{}\r\n", file_uri(p)))
        .collect()
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> std::borrow::Cow<'_, [u8]> {
    use std::os::unix::ffi::OsStrExt;
    std::borrow::Cow::Borrowed(path.as_os_str().as_bytes())
}

#[cfg(not(unix))]
fn path_bytes(path: &Path) -> std::borrow::Cow<'_, [u8]> {
    // `C:\Users\x` → `/C:/Users/x`, so the URI reads `file:///C:/Users/x`.
    let text = path.to_string_lossy().replace('\\', "/");
    let text = if text.starts_with('/') {
        text
    } else {
        format!("/{text}")
    };
    std::borrow::Cow::Owned(text.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn unsafe_bytes_are_percent_encoded() {
        assert_eq!(
            file_uri(Path::new("/tmp/postfach-anna/7/Rechnung März 2024 (1).pdf")),
            "file:///tmp/postfach-anna/7/Rechnung%20M%C3%A4rz%202024%20%281%29.pdf"
        );
        assert_eq!(
            file_uri(Path::new("/a/%#?&+;\r\n")),
            "file:///a/%25%23%3F%26%2B%3B%0D%0A"
        );
    }

    #[cfg(unix)]
    #[test]
    fn non_utf8_names_survive() {
        use std::os::unix::ffi::OsStrExt;
        let path = Path::new(std::ffi::OsStr::from_bytes(b"/tmp/caf\xe9.txt"));
        assert_eq!(file_uri(path), "file:///tmp/caf%E9.txt");
    }

    #[cfg(unix)]
    #[test]
    fn a_uri_list_ends_every_line_with_crlf() {
        let list = uri_list(&[Path::new("/x/a b"), Path::new("/y")]);
        assert_eq!(list, "file:///x/a%20b\r\nfile:///y\r\n");
    }
}
