//! Setting up an account: server proposals for an address (built-in provider table, usual
//! names), the "Test connection" probe (connect, secure, sign in; nothing downloaded or
//! deleted), and the words that explain the chosen POP3 options next to the server's own policy.
//! Uses `pop3` and `store` types; knows nothing of iced. The wizard and the settings screens
//! (and later the outgoing-server checks) call it.
pub mod autoconfig;
pub mod explain;
pub mod probe;
