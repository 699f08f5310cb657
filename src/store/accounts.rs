//! Accounts and their settings. Passwords are never stored here (they live in the OS keyring).
use std::path::PathBuf;

use rusqlite::types::{Type, Value};
use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter};

use super::folders::{self, FolderKind};
use super::{AccountId, Error, Store};
use crate::pop3::{AuthMethod, Security};

/// What the user configures for one POP3 account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountSettings {
    /// Short unique name; the CLI refers to the account by it.
    pub name: String,
    /// The user's name as shown to others.
    pub display_name: String,
    /// The user's address.
    pub email: String,
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub username: String,
    pub auth: AuthMethod,
    /// A CA certificate file to trust for this account, besides the system's.
    pub ca_file: Option<PathBuf>,
    /// A pinned server certificate: SHA-256 of its DER bytes, hex.
    pub pinned_sha256: Option<String>,
    /// Leave mail on the server (off: download and delete).
    pub leave_on_server: bool,
    /// With `leave_on_server`: delete from the server this many days after the first download.
    pub keep_days: Option<u32>,
    /// With `leave_on_server`: delete from the server once the last local copy was deleted here.
    pub delete_when_deleted_here: bool,
    pub check_on_startup: bool,
    pub check_every_minutes: Option<u32>,
    /// Desktop notification on new mail.
    pub notify: bool,
    /// The outgoing server (SMTP submission); `None` until one is set up.
    pub smtp: Option<SmtpSettings>,
    /// Where answers should go, when not to `email`.
    pub reply_to: Option<String>,
    /// Placed below the user's text, after the `-- ` line (plain text; empty: none).
    pub signature: String,
    /// Signing in with Google or Microsoft (OAuth) instead of a password, for both servers.
    pub oauth: Option<OAuthSettings>,
}

/// How an account signs in with its provider. The tokens are in the OS keyring, never here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthSettings {
    /// The provider's id in `oauth::provider::PROVIDERS` ("google", "microsoft").
    pub provider: String,
    /// The user's own client ID ("Advanced"); `None`: the one this build was made with.
    pub client_id: Option<String>,
    /// Its secret, for a provider whose clients send one (Google's "Desktop app" clients;
    /// not secret there, as Google says).
    pub client_secret: Option<String>,
}

/// An account's outgoing server. Certificate trust (CA file, pin) is the account's, as for
/// its incoming server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmtpSettings {
    pub host: String,
    /// 465 for SSL/TLS, 587 for STARTTLS.
    pub port: u16,
    pub security: Security,
    pub auth: AuthMethod,
    pub username: String,
    /// The password is its own keyring entry (off: the incoming server's password is used).
    pub own_password: bool,
    /// Trust the outgoing server's certificate when this CA (PEM) vouches for it.
    pub ca_file: Option<PathBuf>,
    /// The outgoing server's pinned certificate: SHA-256 of its DER bytes, hex.
    pub pinned_sha256: Option<String>,
}

impl AccountSettings {
    /// How the incoming server is signed in to: XOAUTH2 for an account that signs in with
    /// its provider (whatever `auth` says: a token is never sent as a password), else `auth`.
    pub fn incoming_auth(&self) -> AuthMethod {
        if self.oauth.is_some() {
            AuthMethod::XOAuth2
        } else {
            self.auth
        }
    }

    /// Makes the account sign in with `provider` (OAuth) on both servers; `own_client` (ID
    /// and secret) replaces the user's own client when given.
    pub fn sign_in_with(&mut self, provider: &str, own_client: Option<(String, Option<String>)>) {
        let (client_id, client_secret) = match own_client {
            Some((id, secret)) => (Some(id), secret),
            None => self
                .oauth
                .as_ref()
                .map(|o| (o.client_id.clone(), o.client_secret.clone()))
                .unwrap_or_default(),
        };
        self.oauth = Some(OAuthSettings {
            provider: provider.to_owned(),
            client_id,
            client_secret,
        });
        self.auth = AuthMethod::XOAuth2;
        if let Some(m) = self.smtp.as_mut() {
            m.auth = AuthMethod::XOAuth2;
            if m.username.trim().is_empty() {
                m.username = self.username.clone();
            }
        }
    }

    /// The same for the outgoing server `server`.
    pub fn outgoing_auth(&self, server: &SmtpSettings) -> AuthMethod {
        if self.oauth.is_some() {
            AuthMethod::XOAuth2
        } else {
            server.auth
        }
    }
}

impl Default for AccountSettings {
    fn default() -> Self {
        AccountSettings {
            name: String::new(),
            display_name: String::new(),
            email: String::new(),
            host: String::new(),
            port: Security::Tls.default_port(),
            security: Security::Tls,
            username: String::new(),
            auth: AuthMethod::Auto,
            ca_file: None,
            pinned_sha256: None,
            leave_on_server: false,
            keep_days: None,
            delete_when_deleted_here: false,
            check_on_startup: true,
            check_every_minutes: Some(10),
            notify: true,
            smtp: None,
            reply_to: None,
            signature: String::new(),
            oauth: None,
        }
    }
}

/// The server's own retention, as announced by `CAPA` (RFC 2449 `EXPIRE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum ServerExpire {
    /// `EXPIRE NEVER`: the server keeps mail until the client deletes it.
    Never,
    /// `EXPIRE n`: the server may delete mail n days after it was retrieved (0: right away).
    Days(u32),
}

impl ServerExpire {
    fn to_column(self) -> i64 {
        match self {
            ServerExpire::Never => -1,
            ServerExpire::Days(d) => i64::from(d),
        }
    }

    fn from_column(v: i64) -> Option<ServerExpire> {
        if v < 0 {
            Some(ServerExpire::Never)
        } else {
            u32::try_from(v).ok().map(ServerExpire::Days)
        }
    }
}

/// What to do with an account's mail when the account is removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeepMail {
    /// Delete its messages (copies already in local folders stay, unlinked from the account).
    DeleteIt,
    /// Move all its messages (Inbox and Trash) into the local folder of this name (created if
    /// needed, merged if it exists).
    MoveToLocalFolder(String),
}

/// A stored account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub id: AccountId,
    pub settings: AccountSettings,
    /// What the server announced for `EXPIRE`, if anything (see [`Store::set_server_policy`]).
    pub server_expire: Option<ServerExpire>,
    /// What the server announced for `LOGIN-DELAY`, in seconds.
    pub server_login_delay: Option<u32>,
    /// When the last fetch finished (Unix seconds), see [`Store::set_last_fetch_at`].
    pub last_fetch_at: Option<i64>,
    /// When the account was added (Unix seconds).
    pub created_at: i64,
}

const COLUMNS: &str = "id, name, display_name, email, host, port, security, username, auth, \
     ca_file, pinned_sha256, leave_on_server, keep_days, delete_when_deleted_here, \
     check_on_startup, check_every_minutes, notify, server_expire, server_login_delay, \
     last_fetch_at, created_at, smtp_host, smtp_port, smtp_security, smtp_auth, smtp_username, \
     smtp_own_password, reply_to, signature, smtp_ca_file, smtp_pinned_sha256, oauth_provider, \
     oauth_client_id, oauth_client_secret";

fn parse_column<T: std::str::FromStr>(row: &Row<'_>, idx: usize) -> rusqlite::Result<T>
where
    T::Err: std::error::Error + Send + Sync + 'static,
{
    let text: String = row.get(idx)?;
    text.parse()
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, Box::new(e)))
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<Account> {
    Ok(Account {
        id: row.get(0)?,
        settings: AccountSettings {
            name: row.get(1)?,
            display_name: row.get(2)?,
            email: row.get(3)?,
            host: row.get(4)?,
            port: row.get(5)?,
            security: parse_column(row, 6)?,
            username: row.get(7)?,
            auth: parse_column(row, 8)?,
            ca_file: row.get::<_, Option<String>>(9)?.map(PathBuf::from),
            pinned_sha256: row.get(10)?,
            leave_on_server: row.get(11)?,
            keep_days: row.get(12)?,
            delete_when_deleted_here: row.get(13)?,
            check_on_startup: row.get(14)?,
            check_every_minutes: row.get(15)?,
            notify: row.get(16)?,
            smtp: match row.get::<_, Option<String>>(21)? {
                Some(host) => Some(SmtpSettings {
                    host,
                    port: row.get(22)?,
                    security: parse_column(row, 23)?,
                    auth: parse_column(row, 24)?,
                    username: row.get(25)?,
                    own_password: row.get(26)?,
                    ca_file: row.get::<_, Option<String>>(29)?.map(PathBuf::from),
                    pinned_sha256: row.get(30)?,
                }),
                None => None,
            },
            reply_to: row.get(27)?,
            signature: row.get(28)?,
            oauth: row
                .get::<_, Option<String>>(31)?
                .map(|provider| -> rusqlite::Result<OAuthSettings> {
                    Ok(OAuthSettings {
                        provider,
                        client_id: row.get(32)?,
                        client_secret: row.get(33)?,
                    })
                })
                .transpose()?,
        },
        server_expire: row
            .get::<_, Option<i64>>(17)?
            .and_then(ServerExpire::from_column),
        server_login_delay: row.get(18)?,
        last_fetch_at: row.get(19)?,
        created_at: row.get(20)?,
    })
}

/// The settings columns in the order of `COLUMNS` without the id and the server's
/// announcements (`?1`…`?29` of the insert, `?2`…`?30` of the update).
fn settings_values(s: &AccountSettings, ca_file: &Option<String>) -> Vec<Value> {
    let text = |v: &str| Value::Text(v.to_owned());
    let opt = |v: Option<&str>| v.map_or(Value::Null, |v| Value::Text(v.to_owned()));
    let number = |v: Option<u32>| v.map_or(Value::Null, |v| Value::Integer(i64::from(v)));
    let smtp = s.smtp.as_ref();
    vec![
        text(&s.name),
        text(&s.display_name),
        text(&s.email),
        text(&s.host),
        Value::Integer(i64::from(s.port)),
        text(s.security.as_str()),
        text(&s.username),
        text(s.auth.as_str()),
        opt(ca_file.as_deref()),
        opt(s.pinned_sha256.as_deref()),
        Value::Integer(i64::from(s.leave_on_server)),
        number(s.keep_days),
        Value::Integer(i64::from(s.delete_when_deleted_here)),
        Value::Integer(i64::from(s.check_on_startup)),
        number(s.check_every_minutes),
        Value::Integer(i64::from(s.notify)),
        opt(smtp.map(|m| m.host.as_str())),
        number(smtp.map(|m| u32::from(m.port))),
        opt(smtp.map(|m| m.security.as_str())),
        opt(smtp.map(|m| m.auth.as_str())),
        opt(smtp.map(|m| m.username.as_str())),
        Value::Integer(i64::from(smtp.is_some_and(|m| m.own_password))),
        opt(s.reply_to.as_deref()),
        text(&s.signature),
        opt(smtp
            .and_then(|m| m.ca_file.as_deref())
            .and_then(|p| p.to_str())),
        opt(smtp.and_then(|m| m.pinned_sha256.as_deref())),
        opt(s.oauth.as_ref().map(|o| o.provider.as_str())),
        opt(s.oauth.as_ref().and_then(|o| o.client_id.as_deref())),
        opt(s.oauth.as_ref().and_then(|o| o.client_secret.as_deref())),
    ]
}

fn validate(s: &AccountSettings) -> Result<Option<String>, Error> {
    if s.name.trim().is_empty() {
        return Err(Error::Invalid("the account name is empty".into()));
    }
    match &s.ca_file {
        None => Ok(None),
        Some(p) => p
            .to_str()
            .map(|p| Some(p.to_owned()))
            .ok_or_else(|| Error::Invalid(format!("CA file path {} is not UTF-8", p.display()))),
    }
}

fn name_taken(conn: &Connection, name: &str, except: Option<AccountId>) -> Result<bool, Error> {
    let other: Option<AccountId> = conn
        .query_row("SELECT id FROM accounts WHERE name = ?1", [name], |r| {
            r.get(0)
        })
        .optional()?;
    Ok(other.is_some_and(|o| Some(o) != except))
}

impl Store {
    /// Adds an account with its Inbox, Drafts, Sent, Outbox, Junk and Trash. The name must be unique
    /// ([`Error::AccountExists`] otherwise).
    pub fn add_account(&mut self, s: &AccountSettings) -> Result<AccountId, Error> {
        let ca_file = validate(s)?;
        self.write(|tx| {
            if name_taken(tx, &s.name, None)? {
                return Err(Error::AccountExists(s.name.clone()));
            }
            tx.execute(
                &format!(
                    "INSERT INTO accounts ({}) VALUES (NULL, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, \
                     ?10, ?11, ?12, ?13, ?14, ?15, ?16, NULL, NULL, NULL, unixepoch(), ?17, ?18, \
                     ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29)",
                    COLUMNS
                ),
                params_from_iter(settings_values(s, &ca_file)),
            )?;
            let id = AccountId(tx.last_insert_rowid());
            for kind in FolderKind::OF_ACCOUNT {
                folders::insert_special(tx, Some(id), kind)?;
            }
            Ok(id)
        })
    }

    /// Replaces an account's settings (the name stays unique).
    pub fn update_account(&mut self, id: AccountId, s: &AccountSettings) -> Result<(), Error> {
        let ca_file = validate(s)?;
        self.write(|tx| {
            if name_taken(tx, &s.name, Some(id))? {
                return Err(Error::AccountExists(s.name.clone()));
            }
            let n = tx.execute(
                "UPDATE accounts SET name = ?2, display_name = ?3, email = ?4, host = ?5, \
                 port = ?6, security = ?7, username = ?8, auth = ?9, ca_file = ?10, \
                 pinned_sha256 = ?11, leave_on_server = ?12, keep_days = ?13, \
                 delete_when_deleted_here = ?14, check_on_startup = ?15, \
                 check_every_minutes = ?16, notify = ?17, smtp_host = ?18, smtp_port = ?19, \
                 smtp_security = ?20, smtp_auth = ?21, smtp_username = ?22, \
                 smtp_own_password = ?23, reply_to = ?24, signature = ?25, \
                 smtp_ca_file = ?26, smtp_pinned_sha256 = ?27, oauth_provider = ?28, \
                 oauth_client_id = ?29, oauth_client_secret = ?30 WHERE id = ?1",
                params_from_iter(
                    std::iter::once(Value::Integer(id.0)).chain(settings_values(s, &ca_file)),
                ),
            )?;
            if n == 0 {
                return Err(Error::NotFound);
            }
            Ok(())
        })
    }

    /// One account; [`Error::NotFound`] when it does not exist.
    pub fn account(&self, id: AccountId) -> Result<Account, Error> {
        self.read(|c| {
            let sql = format!("SELECT {COLUMNS} FROM accounts WHERE id = ?1");
            Ok(c.query_row(&sql, [id], from_row)?)
        })
    }

    /// The account with this name, if any.
    pub fn account_by_name(&self, name: &str) -> Result<Option<Account>, Error> {
        self.read(|c| {
            let sql = format!("SELECT {COLUMNS} FROM accounts WHERE name = ?1");
            Ok(c.query_row(&sql, [name], from_row).optional()?)
        })
    }

    /// All accounts, in the order they were added.
    pub fn accounts(&self) -> Result<Vec<Account>, Error> {
        self.read(|c| {
            let mut stmt =
                c.prepare_cached(&format!("SELECT {COLUMNS} FROM accounts ORDER BY id"))?;
            let rows = stmt.query_map([], from_row)?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
    }

    /// Removes an account, its folders and its ledger. Its mail is deleted or moved into a local
    /// folder as `keep_mail` says. Copies the user made in local folders always stay (unlinked);
    /// the account's own local folders move to "Local folders" with their messages.
    pub fn remove_account(&mut self, id: AccountId, keep_mail: KeepMail) -> Result<(), Error> {
        let mut bodies: Vec<super::BodyId> = Vec::new();
        self.write(|tx| {
            bodies.clear();
            let exists: Option<i64> = tx
                .query_row("SELECT 1 FROM accounts WHERE id = ?1", [id], |r| r.get(0))
                .optional()?;
            if exists.is_none() {
                return Err(Error::NotFound);
            }
            let name: String =
                tx.query_row("SELECT name FROM accounts WHERE id = ?1", [id], |r| {
                    r.get(0)
                })?;
            super::folder_edit::release_account_folders(tx, id, &name)?;
            match &keep_mail {
                KeepMail::DeleteIt => {
                    let mut stmt = tx.prepare(
                        "DELETE FROM messages WHERE folder_id IN \
                         (SELECT id FROM folders WHERE account_id = ?1) RETURNING body_id",
                    )?;
                    let deleted = stmt.query_map([id], |r| r.get::<_, Option<super::BodyId>>(0))?;
                    for body in deleted {
                        bodies.extend(body?);
                    }
                }
                KeepMail::MoveToLocalFolder(name) => {
                    let target = folders::local_folder_get_or_create(tx, name)?;
                    tx.execute(
                        "UPDATE messages SET folder_id = ?2, trash_from = NULL WHERE folder_id IN \
                         (SELECT id FROM folders WHERE account_id = ?1)",
                        params![id, target],
                    )?;
                }
            }
            tx.execute(
                "UPDATE messages SET account_id = NULL, uidl = NULL WHERE account_id = ?1",
                [id],
            )?;
            tx.execute("DELETE FROM folders WHERE account_id = ?1", [id])?;
            tx.execute("DELETE FROM accounts WHERE id = ?1", [id])?;
            Ok(())
        })?;
        self.drop_unreferenced_bodies(&bodies);
        tracing::info!(account = %id, "account removed");
        Ok(())
    }

    /// Records what the server announced in `CAPA` (`EXPIRE`, `LOGIN-DELAY`); `None` clears.
    pub fn set_server_policy(
        &mut self,
        id: AccountId,
        expire: Option<ServerExpire>,
        login_delay_secs: Option<u32>,
    ) -> Result<(), Error> {
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE accounts SET server_expire = ?2, server_login_delay = ?3 WHERE id = ?1",
                params![id, expire.map(ServerExpire::to_column), login_delay_secs],
            )?;
            if n == 0 { Err(Error::NotFound) } else { Ok(()) }
        })
    }

    /// Records when a fetch of this account finished (Unix seconds).
    pub fn set_last_fetch_at(&mut self, id: AccountId, at: i64) -> Result<(), Error> {
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE accounts SET last_fetch_at = ?2 WHERE id = ?1",
                params![id, at],
            )?;
            if n == 0 { Err(Error::NotFound) } else { Ok(()) }
        })
    }
}
