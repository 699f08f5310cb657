//! Server proposals for the account wizard: a small built-in table of well-known providers (data,
//! not code branches: incoming and outgoing server per provider), and otherwise the usual names
//! (`pop.<domain>`, `mail.<domain>` on 995 with SSL/TLS, then 110 with STARTTLS; `smtp.<domain>`,
//! `mail.<domain>` on 465, then 587). Never plain text: that is only ever a manual choice.

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

/// A provider whose servers are well known.
struct Provider {
    domains: &'static [&'static str],
    /// POP3 over SSL/TLS; `None`: the provider offers no POP3.
    pop3: Option<(&'static str, u16)>,
    /// Submission: host, port, security.
    smtp: (&'static str, u16, Security),
}

const PROVIDERS: &[Provider] = &[
    Provider {
        domains: &["gmx.de", "gmx.net", "gmx.at", "gmx.ch"],
        pop3: Some(("pop.gmx.net", 995)),
        smtp: ("mail.gmx.net", 465, Security::Tls),
    },
    Provider {
        domains: &["web.de"],
        pop3: Some(("pop3.web.de", 995)),
        smtp: ("smtp.web.de", 587, Security::StartTls),
    },
    Provider {
        domains: &["t-online.de", "magenta.de"],
        pop3: Some(("securepop.t-online.de", 995)),
        smtp: ("securesmtp.t-online.de", 465, Security::Tls),
    },
    Provider {
        domains: &["freenet.de"],
        pop3: Some(("mx.freenet.de", 995)),
        smtp: ("mx.freenet.de", 587, Security::StartTls),
    },
    Provider {
        domains: &["posteo.de", "posteo.net"],
        pop3: Some(("posteo.de", 995)),
        smtp: ("posteo.de", 465, Security::Tls),
    },
    Provider {
        domains: &["mailbox.org"],
        pop3: Some(("pop3.mailbox.org", 995)),
        smtp: ("smtp.mailbox.org", 465, Security::Tls),
    },
    Provider {
        domains: &["ionos.de", "online.de"],
        pop3: Some(("pop.ionos.de", 995)),
        smtp: ("smtp.ionos.de", 465, Security::Tls),
    },
    Provider {
        domains: &["gmail.com", "googlemail.com"],
        pop3: Some(("pop.gmail.com", 995)),
        smtp: ("smtp.gmail.com", 465, Security::Tls),
    },
    Provider {
        domains: &[
            "outlook.com",
            "hotmail.com",
            "live.com",
            "outlook.de",
            "hotmail.de",
        ],
        pop3: Some(("outlook.office365.com", 995)),
        smtp: ("smtp-mail.outlook.com", 587, Security::StartTls),
    },
    Provider {
        domains: &["yahoo.com", "yahoo.de"],
        pop3: Some(("pop.mail.yahoo.com", 995)),
        smtp: ("smtp.mail.yahoo.com", 465, Security::Tls),
    },
    Provider {
        domains: &["icloud.com", "me.com"],
        pop3: None,
        smtp: ("smtp.mail.me.com", 587, Security::StartTls),
    },
];

/// Why no proposal can be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AutoconfigError {
    #[error("not an email address")]
    NotAnAddress,
    #[error("this provider offers no POP3")]
    NoPop3,
}

/// Incoming-server (POP3) proposals for `email`, best first.
pub fn propose(email: &str) -> Result<Vec<Proposal>, AutoconfigError> {
    let (domain, provider) = lookup(email)?;
    if let Some(p) = provider {
        let (host, port) = p.pop3.ok_or(AutoconfigError::NoPop3)?;
        return Ok(vec![proposal(email, host.to_owned(), port, Security::Tls)]);
    }
    Ok(guesses(email, &domain, &["pop", "pop3", "mail"], |s| {
        s.default_port()
    }))
}

/// Outgoing-server (SMTP submission) proposals for `email`, best first: the provider's, else
/// `smtp.<domain>` and `mail.<domain>` on 465 (SSL/TLS), then on 587 (STARTTLS).
pub fn propose_outgoing(email: &str) -> Result<Vec<Proposal>, AutoconfigError> {
    let (domain, provider) = lookup(email)?;
    if let Some(Provider {
        smtp: (host, port, security),
        ..
    }) = provider
    {
        return Ok(vec![proposal(email, (*host).to_owned(), *port, *security)]);
    }
    Ok(guesses(
        email,
        &domain,
        &["smtp", "mail"],
        crate::smtp::default_port,
    ))
}

/// The address's domain (lower case) and its provider, if it is a known one.
fn lookup(email: &str) -> Result<(String, Option<&'static Provider>), AutoconfigError> {
    let email = email.trim();
    let Some((local, domain)) = email.rsplit_once('@') else {
        return Err(AutoconfigError::NotAnAddress);
    };
    let domain = domain.trim_end_matches('.').to_ascii_lowercase();
    if local.is_empty() || domain.is_empty() || !domain.contains('.') {
        return Err(AutoconfigError::NotAnAddress);
    }
    let provider = PROVIDERS
        .iter()
        .find(|p| p.domains.contains(&domain.as_str()));
    Ok((domain, provider))
}

fn proposal(email: &str, host: String, port: u16, security: Security) -> Proposal {
    Proposal {
        host,
        port,
        security,
        username: email.trim().to_owned(),
    }
}

/// The usual names, SSL/TLS first, then STARTTLS; never plain text.
fn guesses(
    email: &str,
    domain: &str,
    prefixes: &[&str],
    port: fn(Security) -> u16,
) -> Vec<Proposal> {
    let mut out = Vec::new();
    for security in [Security::Tls, Security::StartTls] {
        for prefix in prefixes {
            out.push(proposal(
                email,
                format!("{prefix}.{domain}"),
                port(security),
                security,
            ));
        }
    }
    out
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
    fn outgoing_servers_come_from_the_same_table_or_the_usual_names() {
        let gmx = propose_outgoing("Max@GMX.de").unwrap();
        assert_eq!(
            (gmx[0].host.as_str(), gmx[0].port, gmx[0].security),
            ("mail.gmx.net", 465, Security::Tls)
        );
        assert_eq!(gmx[0].username, "Max@GMX.de");
        // A provider without POP3 still has an outgoing server.
        assert_eq!(propose_outgoing("a@icloud.com").unwrap()[0].port, 587);
        let other = propose_outgoing("anna@beispiel-firma.de").unwrap();
        let names: Vec<(&str, u16)> = other.iter().map(|p| (p.host.as_str(), p.port)).collect();
        assert_eq!(
            names,
            [
                ("smtp.beispiel-firma.de", 465),
                ("mail.beispiel-firma.de", 465),
                ("smtp.beispiel-firma.de", 587),
                ("mail.beispiel-firma.de", 587),
            ]
        );
        assert!(other.iter().all(|p| p.security != Security::Plain));
        assert_eq!(
            propose_outgoing("kein-at-zeichen"),
            Err(AutoconfigError::NotAnAddress)
        );
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
