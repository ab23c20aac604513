//! SHA-256 and ChaCha20-Poly1305 throughput of each backend, on clipvault's 64 KiB chunks:
//! rounds in turn, every backend once per round, medians. Run by `../../backends.sh`.

use std::time::Instant;

const CHUNK: usize = 64 * 1024;
const TOTAL: usize = 256 << 20;
const ROUNDS: usize = 9;

/// One measured thing: a name and a run over `TOTAL` bytes.
type Case<'a> = (&'static str, Box<dyn FnMut() + 'a>);

/// The cases of a backend with ring's API (`ring` itself, and `aws-lc-rs`, which copies it):
/// its SHA-256, and sealing and opening each chunk in place.
macro_rules! ring_shaped {
    ($name:literal, $lib:ident, $data:expr) => {{
        let data: &[u8] = $data;
        let key = || {
            let unbound = $lib::aead::UnboundKey::new(&$lib::aead::CHACHA20_POLY1305, &[7u8; 32]).unwrap();
            $lib::aead::LessSafeKey::new(unbound)
        };
        let nonce = |i: usize| {
            let mut n = [0u8; 12];
            n[4..].copy_from_slice(&(i as u64).to_be_bytes());
            $lib::aead::Nonce::assume_unique_for_key(n)
        };
        // One sealed chunk, opened again and again (a copy of it each time, as a reader's).
        let sealing = key();
        let mut sealed = data[..CHUNK].to_vec();
        let tag = sealing.seal_in_place_separate_tag(nonce(0), $lib::aead::Aad::empty(), &mut sealed).unwrap();
        sealed.extend_from_slice(tag.as_ref());
        let (mut seal_buf, mut open_buf) = (vec![0u8; CHUNK], vec![0u8; CHUNK + 16]);
        let opening = key();
        let cases: Vec<Case> = vec![
            (
                concat!($name, " SHA-256"),
                Box::new(move || {
                    let mut hash = $lib::digest::Context::new(&$lib::digest::SHA256);
                    data.chunks(CHUNK).for_each(|c| hash.update(c));
                    std::hint::black_box(hash.finish());
                }),
            ),
            (
                concat!($name, " ChaCha20-Poly1305 seal"),
                Box::new(move || {
                    for (i, c) in data.chunks(CHUNK).enumerate() {
                        seal_buf.copy_from_slice(c);
                        let aad = $lib::aead::Aad::empty();
                        let tag = sealing.seal_in_place_separate_tag(nonce(i), aad, &mut seal_buf).unwrap();
                        std::hint::black_box(tag.as_ref()[0]);
                    }
                }),
            ),
            (
                concat!($name, " ChaCha20-Poly1305 open"),
                Box::new(move || {
                    for _ in 0..TOTAL / CHUNK {
                        open_buf.copy_from_slice(&sealed);
                        let aad = $lib::aead::Aad::empty();
                        std::hint::black_box(opening.open_in_place(nonce(0), aad, &mut open_buf).unwrap().len());
                    }
                }),
            ),
        ];
        cases
    }};
}

fn main() {
    let data: Vec<u8> = (0..TOTAL).map(|i| (i * 31 + i / 7) as u8).collect();
    let sha2_case: Case = (
        "sha2 0.10 SHA-256",
        Box::new(|| {
            use sha2::Digest;
            let mut hash = sha2::Sha256::new();
            data.chunks(CHUNK).for_each(|c| hash.update(c));
            std::hint::black_box(hash.finalize());
        }),
    );
    let mut cases = vec![sha2_case];
    cases.extend(ring_shaped!("ring 0.17", ring, &data));
    cases.extend(ring_shaped!("aws-lc-rs 1.19", aws_lc_rs, &data));
    let mut secs = vec![Vec::new(); cases.len()];
    for _ in 0..ROUNDS {
        for (case, times) in cases.iter_mut().zip(&mut secs) {
            let started = Instant::now();
            (case.1)();
            times.push(started.elapsed().as_secs_f64());
        }
    }
    for ((name, _), mut times) in cases.into_iter().zip(secs) {
        times.sort_by(f64::total_cmp);
        println!("{name:40} {:6.2} GB/s", TOTAL as f64 / times[times.len() / 2] / 1e9);
    }
}
