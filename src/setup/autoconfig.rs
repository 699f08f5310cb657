//! Server proposals for the account wizard: a small built-in table of well-known providers, and
//! otherwise the usual names (`pop.<domain>`, `mail.<domain>`) on 995 (SSL/TLS), then 110 with
//! STARTTLS. Never plain text: that is only ever a manual choice.

use crate::pop3::Security;

/// One server setting to try, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub host: String,
    pub port: u16,
    pub security: Security,
    /// The user name the provider expects: the whole address or only the local part.
    pub username: String,
}

/// Providers whose POP3 servers are well known (domain → host, port).
const PROVIDERS: &[(&[&str], &str, u16)] = &[
    (
        &["gmx.de", "gmx.net", "gmx.at", "gmx.ch"],
        "pop.gmx.net",
        995,
    ),
    (&["web.de"], "pop3.web.de", 995),
    (&["t-online.de", "magenta.de"], "securepop.t-online.de", 995),
    (&["freenet.de"], "mx.freenet.de", 995),
    (&["posteo.de", "posteo.net"], "posteo.de", 995),
    (&["mailbox.org"], "pop3.mailbox.org", 995),
    (&["ionos.de", "online.de"], "pop.ionos.de", 995),
    (&["gmail.com", "googlemail.com"], "pop.gmail.com", 995),
    (
        &[
            "outlook.com",
            "hotmail.com",
            "live.com",
            "outlook.de",
            "hotmail.de",
        ],
        "outlook.office365.com",
        995,
    ),
    (&["yahoo.com", "yahoo.de"], "pop.mail.yahoo.com", 995),
    (&["icloud.com", "me.com"], "", 0), // no POP3 at all
];

/// Why no proposal can be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AutoconfigError {
    #[error("not an email address")]
    NotAnAddress,
    #[error("this provider offers no POP3")]
    NoPop3,
}

/// Proposals for `email`, best first.
pub fn propose(email: &str) -> Result<Vec<Proposal>, AutoconfigError> {
    let email = email.trim();
    let Some((local, domain)) = email.rsplit_once('@') else {
        return Err(AutoconfigError::NotAnAddress);
    };
    let domain = domain.trim_end_matches('.').to_ascii_lowercase();
    if local.is_empty() || domain.is_empty() || !domain.contains('.') {
        return Err(AutoconfigError::NotAnAddress);
    }
    if let Some((_, host, port)) = PROVIDERS
        .iter()
        .find(|(d, _, _)| d.contains(&domain.as_str()))
    {
        if host.is_empty() {
            return Err(AutoconfigError::NoPop3);
        }
        return Ok(vec![Proposal {
            host: (*host).to_owned(),
            port: *port,
            security: Security::Tls,
            username: email.to_owned(),
        }]);
    }
    let mut out = Vec::new();
    for security in [Security::Tls, Security::StartTls] {
        for prefix in ["pop", "pop3", "mail"] {
            out.push(Proposal {
                host: format!("{prefix}.{domain}"),
                port: security.default_port(),
                security,
                username: email.to_owned(),
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_providers_come_from_the_table() {
        let p = propose("Max@GMX.de").unwrap();
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].host, "pop.gmx.net");
        assert_eq!((p[0].port, p[0].security), (995, Security::Tls));
        assert_eq!(p[0].username, "Max@GMX.de");
        assert_eq!(propose("a@icloud.com"), Err(AutoconfigError::NoPop3));
    }

    #[test]
    fn unknown_domains_try_tls_names_first_then_starttls_never_plain() {
        let p = propose("anna@beispiel-firma.de").unwrap();
        assert_eq!(p[0].host, "pop.beispiel-firma.de");
        assert_eq!((p[0].port, p[0].security), (995, Security::Tls));
        assert!(p.iter().any(|x| x.host == "mail.beispiel-firma.de"));
        let first_starttls = p
            .iter()
            .position(|x| x.security == Security::StartTls)
            .unwrap();
        assert!(
            p[..first_starttls]
                .iter()
                .all(|x| x.security == Security::Tls)
        );
        assert!(p.iter().all(|x| x.security != Security::Plain));
        assert_eq!(p.last().unwrap().port, 110);
    }

    #[test]
    fn garbage_is_not_an_address() {
        assert_eq!(
            propose("kein-at-zeichen"),
            Err(AutoconfigError::NotAnAddress)
        );
        assert_eq!(propose("@domain.de"), Err(AutoconfigError::NotAnAddress));
        assert_eq!(propose("a@localhost"), Err(AutoconfigError::NotAnAddress));
    }
}
