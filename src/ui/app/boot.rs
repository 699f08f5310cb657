//! What the app starts with: its store, preferences, and the services' engines.
use std::path::PathBuf;

use crate::config::{self, Config};
use crate::send::Sender;
use crate::store::{Shared, Store};
use crate::sync::Fetcher;
use crate::ui::service::db::{Db, Error};

/// What the app starts with.
pub struct Boot {
    pub db: Db,
    pub config: Config,
    pub config_warning: Option<config::Error>,
    /// The sync workers' fetcher; `None` starts no workers (tests drive sync events by hand).
    pub fetcher: Option<Fetcher>,
    /// The Outbox workers' sender; `None` starts none.
    pub sender: Option<Sender>,
}

impl Boot {
    /// Opens the UI's store, and the sync and send services' own stores, in `data_dir`.
    pub fn open(
        data_dir: PathBuf,
        config: Config,
        warning: Option<config::Error>,
    ) -> Result<Boot, Error> {
        let db = Db::open(&data_dir)?;
        let fetcher = Fetcher::open(&data_dir)?;
        let sending = Shared::new(Store::open_in(&data_dir).map_err(Error::from)?);
        Ok(Boot {
            db,
            config,
            config_warning: warning,
            fetcher: Some(fetcher),
            sender: Some(Sender::new(sending, &data_dir)),
        })
    }
}
