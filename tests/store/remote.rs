//! The senders whose remote pictures load without asking: added once, found whatever the case,
//! listed, removed one by one or all, and kept across reopening the file.
use crate::*;

#[test]
fn allowed_senders_are_kept_found_and_forgotten() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("postfach.sqlite3");
    {
        let mut store = Store::open(&db)?;
        assert!(store.remote_senders()?.is_empty());
        assert!(!store.remote_allowed("news@radhaus.example")?);
        assert!(store.allow_remote(" News@Radhaus.example ", NOW)?);
        assert!(
            store.allow_remote("news@radhaus.example", NOW + 10)?,
            "again"
        );
        assert!(store.allow_remote("anna@example.de", NOW + 20)?);
        assert!(!store.allow_remote("", NOW)?, "no address");
        assert!(!store.allow_remote("not an address", NOW)?);
        assert!(store.remote_allowed("NEWS@radhaus.example")?, "any case");
        assert!(!store.remote_allowed("other@radhaus.example")?);
        assert!(!store.remote_allowed("")?);
    }
    let mut store = Store::open(&db)?;
    let list = store.remote_senders()?;
    let addresses: Vec<&str> = list.iter().map(|s| s.address.as_str()).collect();
    assert_eq!(addresses, ["anna@example.de", "News@Radhaus.example"]);
    assert_eq!(list[1].added_at, NOW, "the first date stays");
    store.forget_remote_sender("news@RADHAUS.example")?;
    assert!(!store.remote_allowed("news@radhaus.example")?);
    assert!(store.remote_allowed("anna@example.de")?);
    store.allow_remote("x@example.org", NOW)?;
    store.forget_remote_senders()?;
    assert!(store.remote_senders()?.is_empty());
    Ok(())
}
