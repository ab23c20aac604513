//! Fingerprints for StopNCII-style matching, made on the device: PDQ for images (Meta's
//! perceptual hash, the one StopNCII uses), MD5 for videos. Following the reference
//! implementation (facebook/ThreatExchange `pdq/cpp/hashing/pdqhashing.cpp`) step by step, in
//! `f32` as it is: luminance, two passes of a Jarosz (box) filter, decimation to 64 x 64, the
//! 16 x 16 low frequencies of a DCT (without the DC term), bits above the median; and its
//! gradient-based quality score. `tests/it/fingerprints.rs` checks the result against the
//! reference's Python binding.

use image::DynamicImage;
use std::io::{self, Read};

/// A PDQ hash and its quality (0-100; the reference advises not to trust hashes below 50).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pdq {
    /// Bit `k` of the hash is `bits[k / 8] >> (k % 8) & 1`.
    pub bits: [u8; 32],
    pub quality: u8,
}

impl Pdq {
    /// Bit `k` (0-255).
    pub fn bit(&self, k: usize) -> bool {
        self.bits[k / 8] >> (k % 8) & 1 == 1
    }

    /// The reference's hex form: its sixteen 16-bit words, the last first.
    pub fn to_hex(&self) -> String {
        (0..16)
            .rev()
            .map(|w| {
                let word = u16::from(self.bits[2 * w]) | u16::from(self.bits[2 * w + 1]) << 8;
                format!("{word:04x}")
            })
            .collect()
    }

    /// Bits that differ: StopNCII-style matching treats 31 or fewer as the same image.
    pub fn distance(&self, other: &Pdq) -> u32 {
        self.bits.iter().zip(&other.bits).map(|(a, b)| (a ^ b).count_ones()).sum()
    }
}

/// The PDQ hash of a picture held in memory (a thumbnail's JPEG: small, so decoded whole),
/// in the form the vault stores; `None` if it does not decode or is too small to hash.
pub fn pdq_of_picture(bytes: &[u8]) -> Option<crate::format::v2::Pdq> {
    let image = super::thumbnail::decode_whole(bytes).ok()?;
    pdq(&image).map(|p| crate::format::v2::Pdq { hash: p.bits, quality: p.quality })
}

/// The smallest side PDQ hashes.
const MIN_SIDE: usize = 5;

/// The PDQ hash of an image (as decoded, before any EXIF turn, as the reference reads it).
pub fn pdq(image: &DynamicImage) -> Option<Pdq> {
    let rgb = image.to_rgb8();
    let (cols, rows) = (rgb.width() as usize, rgb.height() as usize);
    if rows < MIN_SIDE || cols < MIN_SIDE {
        return None;
    }
    let mut luma: Vec<f32> =
        rgb.pixels().map(|p| 0.299 * f32::from(p[0]) + 0.587 * f32::from(p[1]) + 0.114 * f32::from(p[2])).collect();
    let mut scratch = vec![0f32; luma.len()];
    let along_rows = jarosz_window(cols, 64);
    let along_cols = jarosz_window(rows, 64);
    for _ in 0..2 {
        for r in 0..rows {
            box_1d(&luma[r * cols..], &mut scratch[r * cols..], cols, 1, along_rows);
        }
        for c in 0..cols {
            box_1d(&scratch[c..], &mut luma[c..], rows, cols, along_cols);
        }
    }
    let mut small = [[0f32; 64]; 64];
    for (i, row) in small.iter_mut().enumerate() {
        let ini = (((i as f64 + 0.5) * rows as f64) / 64.0) as usize;
        for (j, cell) in row.iter_mut().enumerate() {
            let inj = (((j as f64 + 0.5) * cols as f64) / 64.0) as usize;
            *cell = luma[ini * cols + inj];
        }
    }
    let quality = quality(&small);
    let dct = dct_16x16(&small);
    let median = lower_median(&mut dct.iter().flatten().copied().collect::<Vec<f32>>());
    let mut bits = [0u8; 32];
    for (k, value) in dct.iter().flatten().enumerate() {
        if *value > median {
            bits[k / 8] |= 1 << (k % 8);
        }
    }
    Some(Pdq { bits, quality })
}

/// `⌈old / (2·new)⌉`, the reference's window for shrinking `old` to `new`.
fn jarosz_window(old: usize, new: usize) -> usize {
    old.div_ceil(2 * new)
}

/// A box filter along one line (`len` values `stride` apart) whose window grows from half at
/// the start to `window` and shrinks again at the end, as the reference's four phases do.
fn box_1d(input: &[f32], output: &mut [f32], len: usize, stride: usize, window: usize) {
    let half = (window + 2) / 2;
    let phase1 = half - 1;
    let phase2 = window - half + 1;
    let phase3 = len.saturating_sub(window);
    let phase4 = half - 1;
    let (mut li, mut ri, mut oi) = (0, 0, 0);
    let mut sum = 0f32;
    let mut count = 0usize;
    for _ in 0..phase1.min(len) {
        sum += input[ri];
        count += 1;
        ri += stride;
    }
    for _ in 0..phase2 {
        if ri / stride >= len {
            break;
        }
        sum += input[ri];
        count += 1;
        output[oi] = sum / count as f32;
        ri += stride;
        oi += stride;
    }
    for _ in 0..phase3 {
        sum += input[ri];
        sum -= input[li];
        output[oi] = sum / count as f32;
        li += stride;
        ri += stride;
        oi += stride;
    }
    for _ in 0..phase4 {
        if oi / stride >= len {
            break;
        }
        sum -= input[li];
        count -= 1;
        output[oi] = sum / count as f32;
        li += stride;
        oi += stride;
    }
}

/// The reference's quality: summed absolute gradients of the 64 x 64 image, scaled to 0-100.
fn quality(small: &[[f32; 64]; 64]) -> u8 {
    let mut sum: i64 = 0;
    for (upper, lower) in small.iter().zip(&small[1..]) {
        for (u, v) in upper.iter().zip(lower) {
            sum += i64::from((((u - v) * 100.0) / 255.0) as i32).abs();
        }
    }
    for row in small.iter() {
        for j in 0..63 {
            sum += i64::from((((row[j] - row[j + 1]) * 100.0) / 255.0) as i32).abs();
        }
    }
    (sum / 90).min(100) as u8
}

/// `D · A · Dᵀ` with the reference's 16 x 64 DCT matrix (rows 1-16: the DC term skipped).
fn dct_16x16(a: &[[f32; 64]; 64]) -> [[f32; 16]; 16] {
    let scale = (2.0f64 / 64.0).sqrt();
    let mut d = [[0f32; 64]; 16];
    for (i, row) in d.iter_mut().enumerate() {
        for (j, cell) in row.iter_mut().enumerate() {
            *cell = (scale * ((std::f64::consts::PI / 2.0 / 64.0) * (i as f64 + 1.0) * (2.0 * j as f64 + 1.0)).cos())
                as f32;
        }
    }
    let mut t = [[0f32; 64]; 16];
    for i in 0..16 {
        for j in 0..64 {
            t[i][j] = (0..64).map(|k| d[i][k] * a[k][j]).sum();
        }
    }
    let mut b = [[0f32; 16]; 16];
    for i in 0..16 {
        for j in 0..16 {
            b[i][j] = (0..64).map(|k| t[i][k] * d[j][k]).sum();
        }
    }
    b
}

/// The `⌈n / 2⌉`-th smallest value, as Torben's method in the reference returns.
fn lower_median(values: &mut [f32]) -> f32 {
    values.sort_by(f32::total_cmp);
    values[values.len().div_ceil(2) - 1]
}

/// MD5 of a stream, in hex (StopNCII's fingerprint for videos), from the `md-5` crate.
pub fn md5_hex(source: &mut dyn Read) -> io::Result<String> {
    use md5::Digest;
    let mut hasher = md5::Md5::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = source.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hex::encode(hasher.finalize()))
}
