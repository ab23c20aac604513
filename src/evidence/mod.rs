//! The evidence locker's pieces that know no storage: SSH signatures over an export bundle's
//! checksums (`signature`), checkable with the standard `ssh-keygen -Y verify`. The custody
//! log and the bundle itself build on format version 2 (docs/FORMAT-v2.md §6.3) and land
//! with it.

pub mod signature;
