//! `postfach 'mailto:…'`: a link handed over by a browser or the desktop (the desktop entry's
//! `%U`, Windows' `"%1"`). It is no file to import; it asks for a new message, which the window
//! opens. macOS hands links to a running app as Apple Events, not as arguments, so there this
//! path only serves links given on the command line.

use crate::fl;
use crate::send::mailto::{self, Mailto};

/// Takes every `mailto:` link out of `args` (the positional arguments), leaving the files, and
/// reads the first one; further links are dropped (the window starts one message). `None` when
/// there was no link.
pub fn split_mailto(args: &mut Vec<String>) -> Option<Result<Mailto, mailto::Error>> {
    let mut first = None;
    args.retain(|arg| {
        if !mailto::is_mailto(arg) {
            return true;
        }
        first.get_or_insert_with(|| mailto::parse(arg));
        false
    });
    first
}

/// A sentence for the person who clicked the link: why it is not used. The window opens anyway.
pub fn message(e: &mailto::Error) -> String {
    match e {
        mailto::Error::NotMailto => fl!("cli-mailto-not-mailto"),
        mailto::Error::TooLong { limit } => {
            let kib = limit / 1024;
            fl!("cli-mailto-too-long", kib = kib)
        }
        mailto::Error::BadPercent => fl!("cli-mailto-bad-percent"),
        mailto::Error::NotUtf8 => fl!("cli-mailto-not-utf8"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn links_are_taken_out_and_files_stay() {
        let mut files = args(&[
            "/tmp/a.eml",
            "MAILTO:anna@example.org?subject=Hallo",
            "file:///tmp/b.eml",
            "mailto:bernd@example.org",
            "/tmp/mailto:c.eml",
        ]);
        let mailto = split_mailto(&mut files);
        assert_eq!(
            files,
            args(&["/tmp/a.eml", "file:///tmp/b.eml", "/tmp/mailto:c.eml"])
        );
        assert_eq!(
            mailto,
            Some(Ok(Mailto {
                to: args(&["anna@example.org"]),
                subject: "Hallo".into(),
                ..Mailto::default()
            }))
        );
    }

    #[test]
    fn the_command_line_takes_a_link_and_says_so() {
        use clap::{CommandFactory, Parser};
        let link = "mailto:anna@example.org?subject=Hallo&body=a%20b";
        let mut cli = match crate::cli::Cli::try_parse_from(["postfach", link, "m.eml"]) {
            Ok(cli) => cli,
            Err(e) => panic!("{e}"),
        };
        assert!(cli.command.is_none());
        assert!(matches!(split_mailto(&mut cli.files), Some(Ok(m)) if m.body == "a b"));
        assert_eq!(cli.files, args(&["m.eml"]));
        let help = crate::cli::Cli::command().render_long_help().to_string();
        assert!(help.contains("mailto: link"), "{help}");
    }

    #[test]
    fn no_link_leaves_the_files_alone() {
        let mut files = args(&["a.eml", "b.eml"]);
        assert_eq!(split_mailto(&mut files), None);
        assert_eq!(files, args(&["a.eml", "b.eml"]));
        assert_eq!(split_mailto(&mut Vec::new()), None);
    }

    #[test]
    fn a_broken_link_is_an_error_and_still_no_file() {
        let mut files = args(&["mailto:a@example.org?subject=100%", "x.eml"]);
        assert_eq!(
            split_mailto(&mut files),
            Some(Err(mailto::Error::BadPercent))
        );
        assert_eq!(files, args(&["x.eml"]));
    }

    #[test]
    fn every_error_has_a_sentence_in_both_languages() {
        use crate::i18n::{Language, hold};
        let errors = [
            mailto::Error::NotMailto,
            mailto::Error::TooLong {
                limit: mailto::MAX_URL,
            },
            mailto::Error::BadPercent,
            mailto::Error::NotUtf8,
        ];
        for language in [Language::English, Language::German] {
            let _held = hold(language);
            let texts: Vec<String> = errors.iter().map(message).collect();
            for text in &texts {
                assert!(text.contains("mailto:"), "{language:?}: {text}");
            }
            assert!(texts[1].contains("64"), "{}", texts[1]);
        }
    }
}
