//! Address completion: while an entry is typed into To, Cc or Bcc, the people it may mean,
//! from the contacts index (`store::Contacts`, built from the mail in the store). Picking one
//! replaces the entry being typed with the full address and starts the next.
use super::Field;
use crate::mime::Address;
use crate::send::addresses::last_entry_start;
use crate::store::Contacts;

/// How many suggestions are shown.
pub const SHOWN: usize = 6;

/// The suggestions for the field being typed in.
#[derive(Debug, Default)]
pub struct Completion {
    field: Option<Field>,
    items: Vec<Address>,
}

impl Completion {
    /// The field's text changed to `text`: suggestions for the entry at its end.
    pub fn typed(&mut self, field: Field, text: &str, contacts: Option<&Contacts>) {
        self.field = Some(field);
        self.items.clear();
        let typed = text[last_entry_start(text)..].trim();
        let Some(contacts) = contacts else {
            return;
        };
        if typed.is_empty() || typed.contains(['<', '>']) {
            return;
        }
        let present = crate::send::addresses::entries(&text[..last_entry_start(text)]);
        let already = |email: &str| {
            present.iter().any(|e| match e {
                crate::send::addresses::Entry::Valid(a) => a.email.eq_ignore_ascii_case(email),
                crate::send::addresses::Entry::Invalid(_) => false,
            })
        };
        self.items = contacts
            .complete(typed, SHOWN + present.len())
            .into_iter()
            .filter(|c| !already(&c.email))
            .filter(|c| !c.email.eq_ignore_ascii_case(typed))
            .take(SHOWN)
            .map(|c| Address {
                name: c.name.clone(),
                email: c.email.clone(),
            })
            .collect();
    }

    /// The field text with suggestion `index` in place of the entry being typed, or `None`
    /// when there is no such suggestion for `field`.
    pub fn pick(&mut self, field: Field, index: usize, current: &str) -> Option<String> {
        if self.field != Some(field) {
            return None;
        }
        let chosen = self.items.get(index)?.for_field();
        let kept = current[..last_entry_start(current)].trim_end();
        self.clear();
        Some(if kept.is_empty() {
            format!("{chosen}, ")
        } else {
            format!("{kept} {chosen}, ")
        })
    }

    /// The suggestions shown under `field`.
    pub fn items(&self, field: Field) -> &[Address] {
        if self.field == Some(field) {
            &self.items
        } else {
            &[]
        }
    }

    pub fn clear(&mut self) {
        self.items.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_entry_starts_after_the_last_separator_outside_quotes() {
        assert_eq!(last_entry_start("anna"), 0);
        assert_eq!(last_entry_start("a@x.de, be"), 7);
        assert_eq!(last_entry_start("\"Müller, Anna\" <a@x.de>; b"), 25);
        assert_eq!(last_entry_start("\"Müller, An"), 0);
    }
}
