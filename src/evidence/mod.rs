//! The evidence locker's pieces that know no storage: SSH signatures over an export bundle's
//! checksums (`signature`), checkable with the standard `ssh-keygen -Y verify`. The custody
//! log, the evidence marks and the bundle live in the vault (`vault::custody`,
//! `vault::evidence`, `vault::bundle`).

pub mod check;
pub mod signature;
