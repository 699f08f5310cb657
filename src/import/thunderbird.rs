//! Finding Thunderbird's mail: its profiles (`profiles.ini` where Thunderbird keeps it on Linux,
//! Windows and macOS, also the Flatpak and Snap places), and in each profile the mail folders of
//! its POP3 accounts and of "Local Folders" (from `prefs.js`; IMAP, news and feeds are left out:
//! their mail lives on a server).

use std::path::{Path, PathBuf};

/// A Thunderbird profile and its mail folders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub name: String,
    pub path: PathBuf,
    pub folders: Vec<MailFolder>,
}

/// The mail folder of one Thunderbird account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailFolder {
    /// The account's name in Thunderbird ("Local Folders", or e.g. "anna@example.de").
    pub name: String,
    /// For a POP3 account: its server and user name (to match its `popstate.dat`).
    pub pop3: Option<(String, String)>,
    pub path: PathBuf,
}

/// Where Thunderbird keeps `profiles.ini` on this system, for the user whose home is `home`
/// and whose roaming application data is `app_data` (Windows).
pub fn roots(home: &Path, app_data: Option<&Path>) -> Vec<PathBuf> {
    let mut out = vec![
        home.join(".thunderbird"),
        home.join(".var/app/org.mozilla.Thunderbird/.thunderbird"),
        home.join("snap/thunderbird/common/.thunderbird"),
        home.join("Library/Thunderbird"),
    ];
    if let Some(app_data) = app_data {
        out.push(app_data.join("Thunderbird"));
    }
    out
}

/// The roots of the user running Postfach.
pub fn default_roots() -> Vec<PathBuf> {
    let Some(dirs) = directories::BaseDirs::new() else {
        return Vec::new();
    };
    let app_data = cfg!(windows).then(|| dirs.config_dir().to_path_buf());
    roots(dirs.home_dir(), app_data.as_deref())
}

/// The profiles found under `roots`, with their POP3 and local mail folders that exist.
pub fn profiles(roots: &[PathBuf]) -> Vec<Profile> {
    let mut out = Vec::new();
    for root in roots {
        let Ok(ini) = std::fs::read_to_string(root.join("profiles.ini")) else {
            continue;
        };
        for (name, relative, path) in ini_profiles(&ini) {
            let path = if relative {
                root.join(path)
            } else {
                PathBuf::from(path)
            };
            let folders = std::fs::read_to_string(path.join("prefs.js"))
                .map(|prefs| mail_folders(&prefs, &path))
                .unwrap_or_default();
            if !out.iter().any(|p: &Profile| p.path == path) {
                out.push(Profile {
                    name,
                    path,
                    folders,
                });
            }
        }
    }
    out
}

/// `[ProfileN]` sections: name, whether the path is relative, the path.
fn ini_profiles(ini: &str) -> Vec<(String, bool, String)> {
    let mut out = Vec::new();
    let mut current: Option<(String, bool, String)> = None;
    for line in ini.lines().map(str::trim) {
        if line.starts_with('[') {
            if let Some(p) = current.take().filter(|p| !p.2.is_empty()) {
                out.push(p);
            }
            if line.starts_with("[Profile") {
                current = Some((String::new(), true, String::new()));
            }
            continue;
        }
        let (Some(p), Some((key, value))) = (current.as_mut(), line.split_once('=')) else {
            continue;
        };
        match key.trim() {
            "Name" => p.0 = value.trim().to_owned(),
            "IsRelative" => p.1 = value.trim() == "1",
            "Path" => p.2 = value.trim().to_owned(),
            _ => {}
        }
    }
    out.extend(current.filter(|p| !p.2.is_empty()));
    out
}

/// The POP3 and local mail folders `prefs.js` names (`mail.server.serverN.*`) that exist.
fn mail_folders(prefs: &str, profile: &Path) -> Vec<MailFolder> {
    use std::collections::BTreeMap;
    let mut servers: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for line in prefs.lines() {
        let Some(rest) = line.trim().strip_prefix("user_pref(\"mail.server.") else {
            continue;
        };
        let Some((key, value)) = rest.split_once("\",") else {
            continue;
        };
        let Some((server, field)) = key.split_once('.') else {
            continue;
        };
        let value = value.trim().trim_end_matches(");").trim();
        let value = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .unwrap_or(value)
            .replace("\\\\", "\\")
            .replace("\\\"", "\"");
        servers
            .entry(server.to_owned())
            .or_default()
            .insert(field.to_owned(), value);
    }
    let mut out = Vec::new();
    for fields in servers.values() {
        let kind = fields.get("type").map(String::as_str);
        if !matches!(kind, Some("pop3" | "none")) {
            continue;
        }
        let path = match (fields.get("directory-rel"), fields.get("directory")) {
            (Some(rel), _) if rel.starts_with("[ProfD]") => {
                profile.join(rel.trim_start_matches("[ProfD]"))
            }
            (_, Some(abs)) => PathBuf::from(abs),
            _ => continue,
        };
        if !path.is_dir() {
            continue;
        }
        let pop3 = (kind == Some("pop3")).then(|| {
            (
                fields.get("hostname").cloned().unwrap_or_default(),
                fields.get("userName").cloned().unwrap_or_default(),
            )
        });
        let name = fields
            .get("name")
            .cloned()
            .unwrap_or_else(|| "Local Folders".to_owned());
        out.push(MailFolder { name, pop3, path });
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A profile as Thunderbird writes it: one POP3 account, Local Folders, an IMAP account.
    pub fn fixture(home: &Path) -> std::io::Result<PathBuf> {
        let root = home.join(".thunderbird");
        let profile = root.join("x1y2z3.default-release");
        std::fs::create_dir_all(profile.join("Mail/pop.example.de"))?;
        std::fs::create_dir_all(profile.join("Mail/Local Folders"))?;
        std::fs::create_dir_all(profile.join("ImapMail/imap.example.de"))?;
        std::fs::write(
            root.join("profiles.ini"),
            "[Install4F96D1932A9F858E]\nDefault=x1y2z3.default-release\n\n[Profile0]\n\
             Name=default-release\nIsRelative=1\nPath=x1y2z3.default-release\nDefault=1\n\n\
             [General]\nStartWithLastProfile=1\nVersion=2\n",
        )?;
        std::fs::write(
            profile.join("prefs.js"),
            r#"// Mozilla User Preferences
user_pref("mail.server.server1.directory-rel", "[ProfD]Mail/Local Folders");
user_pref("mail.server.server1.hostname", "Local Folders");
user_pref("mail.server.server1.name", "Lokale Ordner");
user_pref("mail.server.server1.type", "none");
user_pref("mail.server.server2.directory-rel", "[ProfD]Mail/pop.example.de");
user_pref("mail.server.server2.hostname", "pop.example.de");
user_pref("mail.server.server2.name", "anna@example.de");
user_pref("mail.server.server2.type", "pop3");
user_pref("mail.server.server2.userName", "anna");
user_pref("mail.server.server3.directory-rel", "[ProfD]ImapMail/imap.example.de");
user_pref("mail.server.server3.type", "imap");
"#,
        )?;
        Ok(profile)
    }

    #[test]
    fn profiles_and_their_pop3_and_local_folders_are_found() -> std::io::Result<()> {
        let home = tempfile::tempdir()?;
        let profile = fixture(home.path())?;
        let found = profiles(&roots(home.path(), None));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].name, "default-release");
        assert_eq!(found[0].path, profile);
        let folders: Vec<(&str, Option<(&str, &str)>)> = found[0]
            .folders
            .iter()
            .map(|f| {
                (
                    f.name.as_str(),
                    f.pop3.as_ref().map(|(h, u)| (h.as_str(), u.as_str())),
                )
            })
            .collect();
        assert_eq!(
            folders,
            [
                ("Lokale Ordner", None),
                ("anna@example.de", Some(("pop.example.de", "anna")))
            ],
            "IMAP left out"
        );
        assert_eq!(
            found[0].folders[1].path,
            profile.join("Mail/pop.example.de")
        );
        assert!(profiles(&roots(&home.path().join("nobody"), None)).is_empty());
        Ok(())
    }
}
