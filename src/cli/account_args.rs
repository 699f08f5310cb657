//! The arguments of `postfach account`: adding, changing, signing in and removing accounts.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use crate::pop3::{AuthMethod, Security};

#[derive(Debug, Subcommand)]
pub enum AccountCommand {
    /// Add an account.
    Add {
        /// A short unique name for the account.
        name: String,
        #[command(flatten)]
        options: Box<AccountOptions>,
    },
    /// Change an account.
    Set {
        /// The account's name.
        name: String,
        #[command(flatten)]
        options: Box<AccountOptions>,
    },
    /// List accounts.
    List,
    /// Sign in with Google or Microsoft (OAuth) in the browser; both servers then use it.
    Login {
        /// The account's name.
        name: String,
        /// The provider (default: the one the address or the servers belong to).
        #[arg(long, value_parser = ["google", "microsoft"])]
        provider: Option<String>,
        /// Your own client ID for the provider (kept with the account).
        #[arg(long, value_name = "ID")]
        client_id: Option<String>,
        /// Its secret, for Google's "Desktop app" clients (not secret there).
        #[arg(long, value_name = "SECRET", requires = "client_id")]
        client_secret: Option<String>,
        /// Sign in on another device with a code (Microsoft), where no browser here can
        /// reach this computer.
        #[arg(long)]
        device_code: bool,
        /// Only print the address to open; do not start a browser.
        #[arg(long)]
        no_browser: bool,
    },
    /// Sign out of Google or Microsoft: the saved sign-in is removed from the keyring.
    Logout {
        /// The account's name.
        name: String,
    },
    /// Remove an account and its local mail.
    Remove {
        /// The account's name.
        name: String,
        /// Keep its messages in a local folder of this name instead of deleting them.
        #[arg(long, value_name = "FOLDER")]
        keep_mail_in: Option<String>,
    },
}

/// Account settings; on `set`, only the given ones change.
#[derive(Debug, Args, Default)]
pub struct AccountOptions {
    /// The email address.
    #[arg(long)]
    pub email: Option<String>,
    /// Display name for the identity.
    #[arg(long)]
    pub display_name: Option<String>,
    /// POP3 server host name.
    #[arg(long)]
    pub host: Option<String>,
    /// Server port (default 995 for tls, 110 otherwise).
    #[arg(long)]
    pub port: Option<u16>,
    /// Connection security.
    #[arg(long, value_enum)]
    pub security: Option<SecurityArg>,
    /// User name (default: the email address).
    #[arg(long)]
    pub user: Option<String>,
    /// Authentication method. A password method ends signing in with Google or Microsoft
    /// (`account login`).
    #[arg(long, value_enum)]
    pub auth: Option<AuthArg>,
    /// Read the password (or OAuth token) from standard input and save it in the OS keyring.
    #[arg(long)]
    pub password_stdin: bool,
    /// Trust certificates issued by this CA (PEM file).
    #[arg(long, value_name = "PATH")]
    pub ca_file: Option<PathBuf>,
    /// Trust exactly this server certificate (SHA-256 fingerprint, hex, colons allowed).
    #[arg(long, value_name = "HEX")]
    pub pin_sha256: Option<String>,
    /// Leave mail on the server. The default for a new account is download and delete.
    #[arg(
        long,
        num_args = 0..=1,
        default_missing_value = "true",
        value_name = "BOOL",
        overrides_with = "no_leave_on_server"
    )]
    pub leave_on_server: Option<bool>,
    /// Download and delete from the server (the default for a new account).
    #[arg(long, overrides_with = "leave_on_server")]
    pub no_leave_on_server: bool,
    /// With --leave-on-server: delete from the server N days after the first download (0 = no
    /// limit, the default).
    #[arg(long, value_name = "N")]
    pub keep_days: Option<u32>,
    /// With --leave-on-server: delete from the server when deleted here permanently (default: no).
    #[arg(
        long,
        num_args = 0..=1,
        default_missing_value = "true",
        value_name = "BOOL",
        overrides_with = "no_delete_when_deleted_here"
    )]
    pub delete_when_deleted_here: Option<bool>,
    /// Keep mail on the server when it is deleted here (the default).
    #[arg(long, overrides_with = "delete_when_deleted_here")]
    pub no_delete_when_deleted_here: bool,
    /// Check for mail every N minutes in the app (0 = never).
    #[arg(long, value_name = "MINUTES")]
    pub check_every: Option<u32>,
    /// Outgoing (SMTP submission) server host name; an empty value removes the outgoing server.
    #[arg(long, value_name = "HOST")]
    pub smtp_host: Option<String>,
    /// Outgoing server port (default 465 for tls, 587 otherwise).
    #[arg(long, value_name = "PORT")]
    pub smtp_port: Option<u16>,
    /// Outgoing server security (default starttls on 587).
    #[arg(long, value_enum)]
    pub smtp_security: Option<SecurityArg>,
    /// Outgoing server authentication (default auto).
    #[arg(long, value_enum)]
    pub smtp_auth: Option<AuthArg>,
    /// Outgoing server user name (default: the incoming server's).
    #[arg(long, value_name = "NAME")]
    pub smtp_user: Option<String>,
    /// Read the outgoing server's own password from standard input and save it in the OS
    /// keyring (otherwise the incoming server's password is used).
    #[arg(long)]
    pub smtp_password_stdin: bool,
    /// Where answers should go (Reply-To); an empty value removes it.
    #[arg(long, value_name = "ADDR")]
    pub reply_to: Option<String>,
    /// The signature, read from this UTF-8 text file (an empty file removes it).
    #[arg(long, value_name = "PATH")]
    pub signature_file: Option<PathBuf>,
    /// Move mail the provider marked as spam to the Junk folder when it arrives (on for a new
    /// account; `--junk-filter false` turns it off).
    #[arg(long, num_args = 0..=1, default_missing_value = "true", value_name = "BOOL")]
    pub junk_filter: Option<bool>,
    /// A further header that marks junk when its value begins with "yes" (an empty value
    /// removes it).
    #[arg(long, value_name = "NAME")]
    pub junk_header: Option<String>,
    /// Delete junk here N days after it arrived (default 30; 0 keeps it).
    #[arg(long, value_name = "N")]
    pub junk_days: Option<u32>,
}

impl AccountOptions {
    /// `--leave-on-server [BOOL]` or `--no-leave-on-server`, whichever came last.
    pub fn leave_on_server(&self) -> Option<bool> {
        negatable(self.leave_on_server, self.no_leave_on_server)
    }

    /// `--delete-when-deleted-here [BOOL]` or `--no-delete-when-deleted-here`, whichever came last.
    pub fn delete_when_deleted_here(&self) -> Option<bool> {
        negatable(
            self.delete_when_deleted_here,
            self.no_delete_when_deleted_here,
        )
    }
}

/// A switch with its `--no-` twin; clap keeps only the last of the two given.
fn negatable(value: Option<bool>, no: bool) -> Option<bool> {
    if no { Some(false) } else { value }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SecurityArg {
    Tls,
    Starttls,
    Plain,
}

impl From<SecurityArg> for Security {
    fn from(s: SecurityArg) -> Security {
        match s {
            SecurityArg::Tls => Security::Tls,
            SecurityArg::Starttls => Security::StartTls,
            SecurityArg::Plain => Security::Plain,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum AuthArg {
    Auto,
    Plain,
    Login,
    User,
    CramMd5,
    Apop,
    Xoauth2,
    Oauthbearer,
}

impl From<AuthArg> for AuthMethod {
    fn from(a: AuthArg) -> AuthMethod {
        match a {
            AuthArg::Auto => AuthMethod::Auto,
            AuthArg::Plain => AuthMethod::Plain,
            AuthArg::Login => AuthMethod::Login,
            AuthArg::User => AuthMethod::UserPass,
            AuthArg::CramMd5 => AuthMethod::CramMd5,
            AuthArg::Apop => AuthMethod::Apop,
            AuthArg::Xoauth2 => AuthMethod::XOAuth2,
            AuthArg::Oauthbearer => AuthMethod::OAuthBearer,
        }
    }
}
