use super::*;

#[test]
fn path_components_and_traversal_are_removed() {
    assert_eq!(safe_file_name("../../etc/passwd"), "passwd");
    assert_eq!(safe_file_name("..\\..\\Windows\\system.ini"), "system.ini");
    assert_eq!(
        safe_file_name("C:\\Users\\max\\Rechnung März.pdf"),
        "Rechnung März.pdf"
    );
    assert_eq!(safe_file_name(".."), "attachment");
    assert_eq!(safe_file_name("foo/.."), "attachment");
    assert_eq!(safe_file_name("/"), "attachment");
}

#[test]
fn control_and_bidi_characters_are_removed() {
    assert_eq!(safe_file_name("evil\u{202E}gpj.exe"), "evilgpj.exe");
    assert_eq!(
        safe_file_name("a\u{2066}b\u{2069}\u{200E}\u{200F}c.txt"),
        "abc.txt"
    );
    assert_eq!(safe_file_name("zeile\neins\r\t\0.txt"), "zeileeins.txt");
    assert_eq!(
        safe_file_name("frage?stern*:pipe|.txt"),
        "frage_stern__pipe_.txt"
    );
}

#[test]
fn windows_reserved_names_are_defused() {
    for name in [
        "CON",
        "con.txt",
        "Prn.log",
        "AUX",
        "nul.tar.gz",
        "COM1",
        "com9.x",
        "LPT1.txt",
        "lpt9",
        "CON .txt",
    ] {
        let safe = safe_file_name(name);
        assert!(safe.starts_with('_'), "{name} → {safe}");
    }
    assert_eq!(safe_file_name("CON.txt"), "_CON.txt");
    assert_eq!(safe_file_name("Console.txt"), "Console.txt");
    assert_eq!(safe_file_name("COM10.txt"), "COM10.txt");
}

#[test]
fn dots_and_spaces_at_the_ends() {
    assert_eq!(safe_file_name("bericht.pdf. . "), "bericht.pdf");
    assert_eq!(safe_file_name("  leer  zeichen  .txt"), "leer zeichen .txt");
    assert_eq!(safe_file_name(".bashrc"), "attachment.bashrc");
    assert_eq!(safe_file_name(".pdf"), "attachment.pdf");
    assert_eq!(safe_file_name(""), "attachment");
    assert_eq!(safe_file_name("   "), "attachment");
    assert_eq!(safe_file_name("\u{202E}"), "attachment");
}

#[test]
fn long_names_are_cut_keeping_the_extension() {
    let long = format!("{}.pdf", "ä".repeat(300));
    let safe = safe_file_name(&long);
    assert!(safe.len() <= MAX_FILE_NAME_BYTES, "{}", safe.len());
    assert!(safe.ends_with("ä.pdf"), "{safe}");
    let no_ext = "x".repeat(1000);
    assert_eq!(safe_file_name(&no_ext).len(), MAX_FILE_NAME_BYTES);
    let long_ext = format!("a.{}", "e".repeat(300));
    assert!(safe_file_name(&long_ext).len() <= MAX_FILE_NAME_BYTES);
}

#[test]
fn ordinary_names_are_kept() {
    for name in [
        "Rechnung_2024-03.pdf",
        "Grüße aus Köln.jpg",
        "日本語.txt",
        "a.b.c",
        "Foto (1).jpeg",
    ] {
        assert_eq!(safe_file_name(name), name);
    }
}

#[test]
fn safe_names_are_fixed_points() {
    for name in [
        "../../etc/passwd",
        "CON.txt",
        "evil\u{202E}gpj.exe",
        ".pdf",
        " . x . ",
        "a:b",
        "con .txt",
    ] {
        let once = safe_file_name(name);
        assert_eq!(safe_file_name(&once), once, "{name:?}");
    }
}
