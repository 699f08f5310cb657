//! Setting up an account: server proposals for an address (built-in provider table, usual
//! names), the "Test connection" probe (connect, secure, sign in; nothing downloaded or
//! deleted), and the words that explain the chosen POP3 options next to the server's own policy.
//! The outgoing server's side (`outgoing`): its connection, credentials, keyring entry and test.
//! Uses `pop3`, `smtp` and `store` types; knows nothing of iced. The wizard and the settings
//! screens call it.
pub mod autoconfig;
pub mod explain;
pub mod outgoing;
pub mod probe;
