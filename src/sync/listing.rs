//! The server's listing: `UIDL` (with the header fallback identity for servers without it)
//! and, when the plan needs them, the sizes from `LIST`.

use std::collections::HashMap;

use super::plan::Listed;
use crate::pop3::{self, Client};

/// What [`list`] found.
pub(super) struct Listing {
    pub(super) listing: Vec<Listed>,
    /// The server has no UIDL; the identities are the header fallback.
    pub(super) no_uidl: bool,
    /// Whether `size` is filled in (from LIST); without it every size is `None`.
    pub(super) sized: bool,
}

/// The server's messages by UIDL. Sizes (LIST) are left out: a "nothing new" poll does not
/// need them, and on a large mailbox the second listing costs as much as the first; the
/// engine asks for them (see [`add_sizes`]) once the plan downloads something. Without UIDL,
/// the header fallback identity needs LIST and TOP anyway.
pub(super) async fn list<S>(client: &mut Client<S>) -> Result<Listing, pop3::Error>
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send,
{
    match client.uidl().await {
        Ok(uidls) => Ok(Listing {
            listing: uidls
                .into_iter()
                .map(|(number, uidl)| Listed {
                    number,
                    uidl,
                    size: None,
                })
                .collect(),
            no_uidl: false,
            sized: false,
        }),
        Err(pop3::Error::ServerError(_)) => {
            let sizes = client.list().await?;
            let mut listing = Vec::with_capacity(sizes.len());
            for (number, size) in sizes {
                let headers = client.top(number, 0).await?;
                listing.push(Listed {
                    number,
                    uidl: super::identity::fallback_uidl(size, &headers),
                    size: Some(size),
                });
            }
            Ok(Listing {
                listing,
                no_uidl: true,
                sized: true,
            })
        }
        Err(e) => Err(e),
    }
}

/// Fills in the sizes from LIST. A message that UIDL listed but LIST does not (a server
/// answering inconsistently) is dropped from the listing: it is neither fetched nor deleted.
pub(super) async fn add_sizes<S>(
    client: &mut Client<S>,
    listing: &mut Vec<Listed>,
) -> Result<(), pop3::Error>
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send,
{
    let sizes: HashMap<u32, u64> = client.list().await?.into_iter().collect();
    listing.retain_mut(|l| match sizes.get(&l.number) {
        Some(&size) => {
            l.size = Some(size);
            true
        }
        None => false,
    });
    Ok(())
}
