//! The evidence locker's pieces that know no storage: SSH signatures over an export bundle's
//! checksums (`signature`), checkable with the standard `ssh-keygen -Y verify`; checking a
//! bundle (`check`); custody checkpoints sent early and checked against a later bundle
//! (`checkpoint`); report drafts from the threats kept and sourced facts (`drafts`). The custody
//! log, the evidence marks and the bundle live in the vault (`vault::custody`,
//! `vault::evidence`, `vault::bundle`).

pub mod check;
pub mod checkpoint;
pub mod drafts;
pub mod signature;
