//! `postfach account …`: add, change, list and remove accounts.

use std::io::BufRead;

use super::{AccountCommand, AccountOptions, CliError, exit};
use crate::fl;
use crate::pop3::{self, Password, Security};
use crate::smtp;
use crate::store::{AccountId, AccountSettings, KeepMail, SmtpSettings, Store};

pub(super) fn run(store: &mut Store, command: AccountCommand) -> Result<u8, CliError> {
    match command {
        AccountCommand::Add { name, options } => add(store, name, *options),
        AccountCommand::Set { name, options } => set(store, &name, *options),
        AccountCommand::List => list(store),
        AccountCommand::Login {
            name,
            provider,
            client_id,
            client_secret,
            device_code,
            no_browser,
        } => super::login::login(
            store,
            &name,
            super::login::LoginOptions {
                provider,
                client_id,
                client_secret,
                device_code,
                no_browser,
            },
        ),
        AccountCommand::Logout { name } => super::login::logout(store, &name),
        AccountCommand::Remove { name, keep_mail_in } => {
            let account = super::commands::account_named(store, &name)?;
            let keep = match keep_mail_in {
                Some(folder) => KeepMail::MoveToLocalFolder(folder),
                None => KeepMail::DeleteIt,
            };
            store.remove_account(account.id, keep)?;
            let remaining = store.accounts()?;
            for entry in crate::secrets::unused_entries(&account.settings, &remaining) {
                if let Err(e) = crate::secrets::delete_password(&entry) {
                    tracing::warn!("could not remove a saved password: {e}");
                }
            }
            if let Ok(Some(identity)) = crate::oauth::tokens::identity(&account.settings)
                && let Err(e) = crate::oauth::sign_out(&identity)
            {
                tracing::warn!("could not remove the saved sign-in: {e}");
            }
            println!("{}", fl!("cli-account-removed", name = name));
            Ok(exit::OK)
        }
    }
}

fn add(store: &mut Store, name: String, options: AccountOptions) -> Result<u8, CliError> {
    let (Some(email), Some(host)) = (options.email.clone(), options.host.clone()) else {
        return Err(CliError::new(
            exit::USAGE,
            "account add needs --email and --host",
        ));
    };
    let mut settings = AccountSettings {
        name: name.clone(),
        display_name: String::new(),
        username: email.clone(),
        email,
        host,
        port: 0,
        ..AccountSettings::default()
    };
    let password = apply(&mut settings, &options, true)?;
    if store.account_by_name(&name)?.is_some() {
        return Err(CliError::new(
            exit::USAGE,
            format!("an account named {name:?} exists already"),
        ));
    }
    let id = store.add_account(&settings)?;
    apply_junk(store, id, &options)?;
    println!("{}", fl!("cli-account-added", name = name));
    save_password(&settings, password, options.smtp_password_stdin)
}

fn set(store: &mut Store, name: &str, options: AccountOptions) -> Result<u8, CliError> {
    let account = super::commands::account_named(store, name)?;
    let mut settings = account.settings.clone();
    let password = apply(&mut settings, &options, false)?;
    store.update_account(account.id, &settings)?;
    apply_junk(store, account.id, &options)?;
    println!("{}", fl!("cli-account-updated", name = name));
    save_password(&settings, password, options.smtp_password_stdin)
}

/// The junk options given (`--junk-filter`, `--junk-header`, `--junk-days`), if any.
fn apply_junk(store: &mut Store, id: AccountId, o: &AccountOptions) -> Result<(), CliError> {
    if o.junk_filter.is_none() && o.junk_header.is_none() && o.junk_days.is_none() {
        return Ok(());
    }
    let mut junk = store.junk_settings(id)?;
    if let Some(on) = o.junk_filter {
        junk.enabled = on;
    }
    if let Some(header) = &o.junk_header {
        junk.header = Some(header.trim().to_owned()).filter(|h| !h.is_empty());
    }
    if let Some(days) = o.junk_days {
        junk.keep_days = (days > 0).then_some(days);
    }
    store.set_junk_settings(id, &junk).map_err(|e| match e {
        crate::store::Error::Invalid(_) => CliError::new(
            exit::USAGE,
            fl!(
                "cli-junk-bad-header",
                header = o.junk_header.as_deref().unwrap_or("")
            ),
        ),
        other => other.into(),
    })
}

fn list(store: &Store) -> Result<u8, CliError> {
    let accounts = store.accounts()?;
    if accounts.is_empty() {
        println!("{}", fl!("cli-no-accounts"));
    }
    for a in accounts {
        let s = &a.settings;
        let mode = if !s.leave_on_server {
            "delete".to_owned()
        } else {
            let mut m = "leave-on-server".to_owned();
            if let Some(d) = s.keep_days {
                m.push_str(&format!(", {d} days"));
            }
            if s.delete_when_deleted_here {
                m.push_str(", delete-when-deleted-here");
            }
            m
        };
        let outgoing = match &s.smtp {
            Some(m) => format!("{}@{}:{} ({})", m.username, m.host, m.port, m.security),
            None => fl!("cli-no-outgoing-server"),
        };
        let junk = store.junk_settings(a.id)?;
        let mut junk_text = if junk.enabled {
            "junk-filter"
        } else {
            "no-junk-filter"
        }
        .to_owned();
        if let Some(h) = &junk.header {
            junk_text.push_str(&format!(", header {h}"));
        }
        if let Some(d) = junk.keep_days {
            junk_text.push_str(&format!(", {d} days"));
        }
        println!(
            "{}\t{}\t{}@{}:{} ({})\t{}\t{}\t{}",
            s.name, s.email, s.username, s.host, s.port, s.security, mode, outgoing, junk_text
        );
    }
    Ok(exit::OK)
}

/// Applies the given options; returns the password read from stdin, if asked for.
fn apply(
    s: &mut AccountSettings,
    o: &AccountOptions,
    adding: bool,
) -> Result<Option<Password>, CliError> {
    if let Some(v) = &o.email {
        s.email = v.clone();
    }
    if let Some(v) = &o.display_name {
        s.display_name = v.clone();
    }
    if let Some(v) = &o.host {
        s.host = v.clone();
    }
    if let Some(v) = o.security {
        s.security = v.into();
    }
    if let Some(v) = o.port {
        s.port = v;
    } else if adding || o.security.is_some() {
        s.port = s.security.default_port();
    }
    if let Some(v) = &o.user {
        s.username = v.clone();
    }
    if let Some(v) = o.auth {
        s.auth = v.into();
        // a password method chosen by name ends the sign-in with the provider
        if !s.auth.uses_token()
            && s.oauth.take().is_some()
            && let Some(m) = s.smtp.as_mut().filter(|m| m.auth.uses_token())
        {
            m.auth = crate::pop3::AuthMethod::Auto;
        }
    }
    if let Some(v) = &o.ca_file {
        s.ca_file = Some(v.clone());
    }
    if let Some(v) = &o.pin_sha256 {
        if v.is_empty() {
            s.pinned_sha256 = None;
        } else {
            let Some(fp) = pop3::parse_fingerprint(v) else {
                return Err(CliError::new(
                    exit::USAGE,
                    "--pin-sha256 needs 64 hex digits (colons allowed)",
                ));
            };
            s.pinned_sha256 = Some(hex::encode(fp));
        }
    }
    if let Some(v) = o.leave_on_server() {
        s.leave_on_server = v;
    }
    if let Some(v) = o.keep_days {
        s.keep_days = (v > 0).then_some(v.min(3650));
    }
    if let Some(v) = o.delete_when_deleted_here() {
        s.delete_when_deleted_here = v;
    }
    if let Some(v) = o.check_every {
        s.check_every_minutes = (v > 0).then_some(v);
    }
    apply_outgoing(s, o)?;
    if o.password_stdin && o.smtp_password_stdin {
        return Err(CliError::new(exit::USAGE, fl!("cli-one-password-input")));
    }
    if !o.password_stdin && !o.smtp_password_stdin {
        return Ok(None);
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| CliError::new(exit::LOCAL, e.to_string()))?;
    let secret = line.trim_end_matches(['\r', '\n']);
    Ok(Some(Password::new(secret)))
}

/// The outgoing server and identity options.
fn apply_outgoing(s: &mut AccountSettings, o: &AccountOptions) -> Result<(), CliError> {
    if let Some(host) = &o.smtp_host {
        let host = host.trim();
        s.smtp = (!host.is_empty()).then(|| SmtpSettings {
            host: host.to_owned(),
            port: smtp::default_port(Security::StartTls),
            security: Security::StartTls,
            auth: pop3::AuthMethod::Auto,
            username: s.username.clone(),
            own_password: false,
            ca_file: None,
            pinned_sha256: None,
        });
    }
    let given = o.smtp_port.is_some()
        || o.smtp_security.is_some()
        || o.smtp_auth.is_some()
        || o.smtp_user.is_some()
        || o.smtp_password_stdin;
    match s.smtp.as_mut() {
        Some(m) => {
            if let Some(v) = o.smtp_security {
                m.security = v.into();
                m.port = smtp::default_port(m.security);
            }
            if let Some(v) = o.smtp_port {
                m.port = v;
            }
            if let Some(v) = o.smtp_auth {
                m.auth = v.into();
            }
            if let Some(v) = &o.smtp_user {
                m.username = v.clone();
            }
            if o.smtp_password_stdin {
                m.own_password = true;
            }
        }
        None if given => {
            return Err(CliError::new(exit::USAGE, fl!("cli-smtp-needs-host")));
        }
        None => {}
    }
    if let Some(v) = &o.reply_to {
        let v = v.trim();
        s.reply_to = (!v.is_empty()).then(|| v.to_owned());
    }
    if let Some(path) = &o.signature_file {
        let text = std::fs::read_to_string(path).map_err(|e| {
            let detail = crate::text::safe_line(&e.to_string());
            let path = path.display().to_string();
            CliError::new(
                exit::USAGE,
                fl!("cli-file-unreadable", path = path, detail = detail),
            )
        })?;
        s.signature = text.trim_end().replace("\r\n", "\n");
    }
    Ok(())
}

fn save_password(
    s: &AccountSettings,
    password: Option<Password>,
    outgoing: bool,
) -> Result<u8, CliError> {
    let Some(password) = password else {
        return Ok(exit::OK);
    };
    let entry = match (&s.smtp, outgoing) {
        (Some(m), true) => crate::secrets::smtp_entry(m),
        _ => crate::secrets::account_entry(s),
    };
    crate::secrets::save_password(&entry, &password).map_err(CliError::from)?;
    Ok(exit::OK)
}
