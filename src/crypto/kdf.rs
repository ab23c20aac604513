//! Passphrase -> key-encryption key with Argon2id, under parameters that are capped before any
//! memory is allocated.

use super::{CryptoError, Kek};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use zeroize::Zeroize;

/// Largest memory cost a reader accepts: 4 GiB.
pub const MAX_MEMORY_KIB: u32 = 4 * 1024 * 1024;
/// Largest iteration count a reader accepts.
pub const MAX_ITERATIONS: u32 = 64;
/// Largest lane count a reader accepts.
pub const MAX_PARALLELISM: u32 = 64;

/// Argon2id parameters as stored in the superblock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KdfParams {
    /// Memory in KiB.
    pub memory_kib: u32,
    /// Passes over memory.
    pub iterations: u32,
    /// Lanes.
    pub parallelism: u32,
}

/// Named, fixed cost profiles. Fixed (not tuned to the machine) so that a vault made on a
/// laptop still opens on a phone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KdfProfile {
    /// RFC 9106 §4, second recommended option: 64 MiB, t = 3, p = 4. The default.
    Standard,
    /// Four times the memory and work of `Standard`: 256 MiB, t = 4, p = 4.
    Strong,
}

impl KdfProfile {
    /// All profiles with their command-line names.
    pub const ALL: [(&'static str, KdfProfile); 2] =
        [("standard", KdfProfile::Standard), ("strong", KdfProfile::Strong)];

    /// The parameters of this profile.
    pub fn params(self) -> KdfParams {
        match self {
            KdfProfile::Standard => KdfParams { memory_kib: 64 * 1024, iterations: 3, parallelism: 4 },
            KdfProfile::Strong => KdfParams { memory_kib: 256 * 1024, iterations: 4, parallelism: 4 },
        }
    }
}

impl Default for KdfParams {
    fn default() -> Self {
        KdfProfile::Standard.params()
    }
}

impl KdfParams {
    /// Checks the caps of FORMAT.md §3.1. Must pass before `derive` allocates anything.
    pub fn validate(&self) -> Result<(), CryptoError> {
        if self.parallelism == 0 || self.parallelism > MAX_PARALLELISM {
            return Err(CryptoError::KdfParams("parallelism must be between 1 and 64"));
        }
        if self.iterations == 0 || self.iterations > MAX_ITERATIONS {
            return Err(CryptoError::KdfParams("iterations must be between 1 and 64"));
        }
        if self.memory_kib > MAX_MEMORY_KIB {
            return Err(CryptoError::KdfParams("memory must be at most 4 GiB"));
        }
        if self.memory_kib < 8 * self.parallelism {
            return Err(CryptoError::KdfParams("memory must be at least 8 KiB per lane"));
        }
        Ok(())
    }

    /// Whether this device can afford to run these parameters without being asked: at most
    /// the `strong` profile's memory and work, and at most a quarter of physical memory. A
    /// vault file someone swapped in or sent could otherwise ask for 4 GiB and 64 passes, an
    /// out-of-memory kill on a phone before any passphrase is checked.
    pub fn is_affordable(&self) -> bool {
        let strong = KdfProfile::Strong.params();
        let work = u64::from(self.memory_kib) * u64::from(self.iterations);
        let strong_work = u64::from(strong.memory_kib) * u64::from(strong.iterations);
        let quarter_of_memory = physical_memory_kib().map_or(u64::MAX, |m| m / 4);
        self.memory_kib <= strong.memory_kib && work <= strong_work && u64::from(self.memory_kib) <= quarter_of_memory
    }

    /// Runs Argon2id. The working memory is wiped and freed before this returns.
    pub fn derive(&self, passphrase: &[u8], salt: &[u8; 32]) -> Result<Kek, CryptoError> {
        self.validate()?;
        let params = Params::new(self.memory_kib, self.iterations, self.parallelism, Some(32))
            .map_err(|_| CryptoError::KdfParams("rejected by Argon2"))?;
        let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
        // Fail with an error, not an abort, where the memory is not there.
        let mut blocks = Vec::new();
        blocks
            .try_reserve_exact(params.block_count())
            .map_err(|_| CryptoError::KdfParams("not enough memory for this vault's key derivation"))?;
        blocks.resize(params.block_count(), Block::default());
        let mut out = [0u8; 32];
        let result = argon.hash_password_into_with_memory(passphrase, salt, &mut out, &mut blocks);
        blocks.zeroize();
        drop(blocks);
        result.map_err(|_| CryptoError::KdfParams("rejected by Argon2"))?;
        let kek = Kek::from_bytes(out);
        out.zeroize();
        Ok(kek)
    }
}

/// The most memory, in KiB, that a passphrase KDF read from a file (Argon2id in a vault,
/// scrypt in an `.age` file) may use without the user's say-so: the `strong` profile's
/// 256 MiB, or a quarter of physical memory if that is less.
pub fn affordable_kdf_memory_kib() -> u64 {
    let strong = u64::from(KdfProfile::Strong.params().memory_kib);
    physical_memory_kib().map_or(strong, |m| strong.min(m / 4))
}

/// Physical memory in KiB, where the system says.
fn physical_memory_kib() -> Option<u64> {
    crate::sys::physical_memory().map(|bytes| bytes / 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_are_checked_before_allocating() {
        let huge = KdfParams { memory_kib: u32::MAX, iterations: 1, parallelism: 1 };
        assert!(matches!(huge.derive(b"x", &[0; 32]), Err(CryptoError::KdfParams(_))));
        let no_lanes = KdfParams { memory_kib: 64, iterations: 1, parallelism: 0 };
        assert!(no_lanes.validate().is_err());
        let many_passes = KdfParams { memory_kib: 64, iterations: 65, parallelism: 1 };
        assert!(many_passes.validate().is_err());
    }

    #[test]
    fn the_profiles_are_affordable_and_the_caps_are_not() {
        assert!(KdfProfile::Standard.params().is_affordable());
        let caps = KdfParams { memory_kib: MAX_MEMORY_KIB, iterations: MAX_ITERATIONS, parallelism: 4 };
        assert!(!caps.is_affordable());
        let many_passes = KdfParams { memory_kib: 64 * 1024, iterations: 64, parallelism: 4 };
        assert!(!many_passes.is_affordable());
    }

    #[test]
    fn default_is_at_least_rfc9106_second_recommendation() {
        let p = KdfParams::default();
        assert!(p.memory_kib >= 64 * 1024 && p.iterations >= 3);
        assert!(KdfProfile::Strong.params().memory_kib > p.memory_kib);
    }

    #[test]
    fn derivation_is_deterministic_and_salted() {
        let p = KdfParams { memory_kib: 64, iterations: 1, parallelism: 1 };
        let a = p.derive(b"pw", &[1; 32]).unwrap();
        let b = p.derive(b"pw", &[1; 32]).unwrap();
        let c = p.derive(b"pw", &[2; 32]).unwrap();
        assert_eq!(a.expose(), b.expose());
        assert_ne!(a.expose(), c.expose());
    }
}
