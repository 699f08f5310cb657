//! The senders whose HTML mail may load its remote pictures as soon as it is opened ("Always
//! for this sender" in the reader; listed and removed in the settings). Addresses are kept
//! trimmed and compared without regard to case.
use rusqlite::{OptionalExtension, params};

use super::{Error, Store};

/// A sender whose remote pictures load without asking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteSender {
    pub address: String,
    /// When the user allowed it (Unix seconds).
    pub added_at: i64,
}

/// The longest address kept (longer ones are not addresses).
const MAX_ADDRESS: usize = 320;

fn clean(address: &str) -> Option<&str> {
    let a = address.trim();
    (!a.is_empty() && a.len() <= MAX_ADDRESS && a.contains('@')).then_some(a)
}

impl Store {
    /// Allows the remote pictures of mail from `address` (again: keeps the first date). An
    /// empty or odd address is ignored; the answer says whether it is on the list.
    pub fn allow_remote(&mut self, address: &str, now: i64) -> Result<bool, Error> {
        let Some(address) = clean(address) else {
            return Ok(false);
        };
        self.write(|tx| {
            tx.execute(
                "INSERT INTO remote_senders (address, added_at) VALUES (?1, ?2)
                 ON CONFLICT(address) DO NOTHING",
                params![address, now],
            )?;
            Ok(true)
        })
    }

    /// Whether mail from `address` may load its remote pictures when opened.
    pub fn remote_allowed(&self, address: &str) -> Result<bool, Error> {
        let Some(address) = clean(address) else {
            return Ok(false);
        };
        self.read(|c| {
            Ok(c.query_row(
                "SELECT 1 FROM remote_senders WHERE address = ?1",
                [address],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
        })
    }

    /// The allowed senders, by address.
    pub fn remote_senders(&self) -> Result<Vec<RemoteSender>, Error> {
        self.read(|c| {
            let mut stmt =
                c.prepare("SELECT address, added_at FROM remote_senders ORDER BY address")?;
            let rows = stmt.query_map([], |r| {
                Ok(RemoteSender {
                    address: r.get(0)?,
                    added_at: r.get(1)?,
                })
            })?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
    }

    /// Takes `address` off the list.
    pub fn forget_remote_sender(&mut self, address: &str) -> Result<(), Error> {
        let address = address.trim().to_owned();
        self.write(|tx| {
            tx.execute("DELETE FROM remote_senders WHERE address = ?1", [&address])?;
            Ok(())
        })
    }

    /// Empties the list.
    pub fn forget_remote_senders(&mut self) -> Result<(), Error> {
        self.write(|tx| {
            tx.execute("DELETE FROM remote_senders", [])?;
            Ok(())
        })
    }
}
