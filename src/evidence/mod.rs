//! The evidence locker's pieces that know no storage: SSH signatures over an export bundle's
//! checksums (`signature`), checkable with the standard `ssh-keygen -Y verify`. The custody
//! log and evidence marks live in the vault (`vault::custody`, `vault::evidence`); the
//! bundle's files are written by the command line.

pub mod signature;
