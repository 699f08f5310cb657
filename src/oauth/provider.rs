//! The providers Postfach can sign in with: data, not code branches. Each entry says where
//! its authorization and token endpoints are, which scopes mail needs, which addresses and
//! servers belong to it, and where its client registration comes from (the build, or the
//! account's own client ID).
//!
//! Tests (and anyone running their own authorization server) point a provider at other
//! endpoints with `POSTFACH_OAUTH_ENDPOINTS=<id>=<base URL>`: the endpoints are then
//! `<base>/authorize`, `<base>/token` and `<base>/devicecode`. Nothing else changes.

/// The environment variable that points a provider at other endpoints.
pub const ENDPOINTS_ENV: &str = "POSTFACH_OAUTH_ENDPOINTS";

/// One provider's entry in the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// Stable id, stored with the account ("google", "microsoft").
    pub id: &'static str,
    /// The name shown ("Google", "Microsoft").
    pub name: &'static str,
    pub auth_url: &'static str,
    pub token_url: &'static str,
    /// The device-code endpoint (RFC 8628), where the provider has one.
    pub device_url: Option<&'static str>,
    pub scopes: &'static [&'static str],
    /// Extra parameters of the authorization request (offline access, consent).
    pub auth_params: &'static [(&'static str, &'static str)],
    /// Address domains that belong to the provider.
    pub domains: &'static [&'static str],
    /// Incoming or outgoing server names that belong to it (a custom domain hosted there).
    pub hosts: &'static [&'static str],
    /// The client ID and secret this build was made with, if any.
    pub built_client_id: Option<&'static str>,
    pub built_client_secret: Option<&'static str>,
    /// Whether the provider gives app passwords (the way in without a client ID).
    pub app_passwords: bool,
    /// How the redirect names the loopback: "127.0.0.1" (RFC 8252), or "localhost" where the
    /// provider's registration says `http://localhost` and matches the name (Microsoft).
    pub redirect_host: &'static str,
    /// Whether its clients send a client secret (Google's "Desktop app" clients do; the
    /// secret is not secret there): the user's own client then needs its secret too.
    pub sends_secret: bool,
}

/// The table.
pub const PROVIDERS: &[Entry] = &[
    Entry {
        id: "google",
        name: "Google",
        auth_url: "https://accounts.google.com/o/oauth2/auth",
        token_url: "https://oauth2.googleapis.com/token",
        device_url: None,
        scopes: &["https://mail.google.com/"],
        // a refresh token is only given with offline access, and again only with consent
        auth_params: &[("access_type", "offline"), ("prompt", "consent")],
        domains: &["gmail.com", "googlemail.com"],
        hosts: &["pop.gmail.com", "smtp.gmail.com"],
        built_client_id: option_env!("POSTFACH_GOOGLE_CLIENT_ID"),
        // a "Desktop app" client's secret is not secret (Google says so); it must be sent
        built_client_secret: option_env!("POSTFACH_GOOGLE_CLIENT_SECRET"),
        app_passwords: true,
        redirect_host: "127.0.0.1",
        sends_secret: true,
    },
    Entry {
        id: "microsoft",
        name: "Microsoft",
        auth_url: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
        token_url: "https://login.microsoftonline.com/common/oauth2/v2.0/token",
        device_url: Some("https://login.microsoftonline.com/common/oauth2/v2.0/devicecode"),
        scopes: &[
            "https://outlook.office.com/POP.AccessAsUser.All",
            "https://outlook.office.com/SMTP.Send",
            "offline_access",
        ],
        auth_params: &[],
        domains: &[
            "outlook.com",
            "outlook.de",
            "hotmail.com",
            "hotmail.de",
            "live.com",
            "live.de",
            "msn.com",
        ],
        hosts: &[
            "outlook.office365.com",
            "smtp.office365.com",
            "smtp-mail.outlook.com",
        ],
        built_client_id: option_env!("POSTFACH_MICROSOFT_CLIENT_ID"),
        // a public client: no secret
        built_client_secret: None,
        app_passwords: false,
        // registered as http://localhost ("Mobile and desktop"); Microsoft ignores the port
        redirect_host: "localhost",
        sends_secret: false,
    },
];

/// A provider ready to use: its entry, the endpoints in force, and the client registration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provider {
    pub entry: &'static Entry,
    pub auth_url: String,
    pub token_url: String,
    pub device_url: Option<String>,
    /// `None`: neither the build nor the account has a client ID for this provider.
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
}

impl Provider {
    /// The provider `id` with the account's own client (ID and, where the provider sends
    /// one, secret; an empty ID: the build's).
    pub fn resolve(id: &str, own: Option<(&str, Option<&str>)>) -> Option<Provider> {
        let entry = entry(id)?;
        let own = own.filter(|(id, _)| !id.trim().is_empty());
        let (client_id, client_secret) = match own {
            Some((own, secret)) => (
                Some(own.trim().to_owned()),
                secret
                    .map(str::trim)
                    .filter(|s| entry.sends_secret && !s.is_empty())
                    .map(str::to_owned),
            ),
            None => (
                entry.built_client_id.map(str::to_owned),
                entry.built_client_secret.map(str::to_owned),
            ),
        };
        let provider = Provider {
            entry,
            auth_url: entry.auth_url.to_owned(),
            token_url: entry.token_url.to_owned(),
            device_url: entry.device_url.map(str::to_owned),
            client_id,
            client_secret,
        };
        let base = std::env::var(ENDPOINTS_ENV)
            .ok()
            .and_then(|v| override_for(&v, id));
        Some(match base {
            Some(base) => provider.at(&base),
            None => provider,
        })
    }

    /// The same provider with its endpoints at `base`: `<base>/authorize`, `<base>/token`
    /// and (where it has one) `<base>/devicecode`.
    pub fn at(self, base: &str) -> Provider {
        let base = base.trim_end_matches('/');
        Provider {
            auth_url: format!("{base}/authorize"),
            token_url: format!("{base}/token"),
            device_url: self
                .device_url
                .as_ref()
                .map(|_| format!("{base}/devicecode")),
            ..self
        }
    }

    /// The provider's stable id.
    pub fn id(&self) -> &'static str {
        self.entry.id
    }

    /// The name shown.
    pub fn name(&self) -> &'static str {
        self.entry.name
    }
}

/// The table entry with this id.
pub fn entry(id: &str) -> Option<&'static Entry> {
    PROVIDERS.iter().find(|p| p.id == id)
}

/// The provider of an address, or of the servers it uses (a custom domain hosted by Google
/// or Microsoft 365 is known by its server names).
pub fn recognise(email: &str, hosts: &[&str]) -> Option<&'static Entry> {
    let domain = email
        .trim()
        .rsplit_once('@')
        .map(|(_, d)| d.trim_end_matches('.').to_ascii_lowercase())
        .unwrap_or_default();
    PROVIDERS.iter().find(|p| {
        p.domains.contains(&domain.as_str())
            || hosts.iter().any(|h| {
                let h = h.trim().trim_end_matches('.').to_ascii_lowercase();
                p.hosts.contains(&h.as_str())
            })
    })
}

/// The base URL for `id` in `POSTFACH_OAUTH_ENDPOINTS` (`id=url`, several separated by `;`).
fn override_for(value: &str, id: &str) -> Option<String> {
    value.split(';').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k.trim() == id).then(|| v.trim().trim_end_matches('/').to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn providers_are_known_by_domain_or_server() {
        assert_eq!(
            recognise("Anna@Outlook.de", &[]).map(|p| p.id),
            Some("microsoft")
        );
        assert_eq!(recognise("a@gmail.com", &[]).map(|p| p.id), Some("google"));
        let hosted = recognise("chef@firma.de", &["Outlook.Office365.com"]);
        assert_eq!(hosted.map(|p| p.id), Some("microsoft"));
        assert_eq!(recognise("a@gmx.de", &["pop.gmx.net"]), None);
    }

    #[test]
    fn the_own_client_id_wins_and_endpoints_are_overridable() {
        let p = Provider::resolve("microsoft", Some((" abc ", Some("s")))).unwrap();
        assert_eq!(p.client_id.as_deref(), Some("abc"));
        assert_eq!(p.client_secret, None, "a public client sends no secret");
        let g = Provider::resolve("google", Some(("id", Some(" geheim ")))).unwrap();
        assert_eq!(g.client_secret.as_deref(), Some("geheim"));
        assert_eq!(
            override_for(
                "google=http://a/; microsoft = http://127.0.0.1:9/x/",
                "microsoft"
            ),
            Some("http://127.0.0.1:9/x".into())
        );
        assert_eq!(override_for("google=http://a", "microsoft"), None);
        assert!(Provider::resolve("yahoo", None).is_none());
    }
}
