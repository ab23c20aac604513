//! Throughput of each backend; see ../../backends.sh.
use std::time::Instant;
const CHUNK: usize = 64 * 1024;
const TOTAL: usize = 256 << 20;
fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}
fn report(name: &str, secs: Vec<f64>) {
    let m = median(secs);
    println!("{name:40} {:6.2} GB/s", TOTAL as f64 / m / 1e9);
}
fn main() {
    let data: Vec<u8> = (0..TOTAL).map(|i| (i * 31 + i / 7) as u8).collect();
    let rounds = 9;
    let mut r: Vec<(&str, Vec<f64>)> = vec![
        ("sha2 0.10", vec![]),
        ("ring digest", vec![]),
        ("aws-lc-rs digest", vec![]),
        ("ring chacha seal 64K", vec![]),
        ("aws-lc-rs chacha seal 64K", vec![]),
        ("ring chacha open 64K", vec![]),
        ("aws-lc-rs chacha open 64K", vec![]),
    ];
    let key = [7u8; 32];
    let rk = ring::aead::LessSafeKey::new(ring::aead::UnboundKey::new(&ring::aead::CHACHA20_POLY1305, &key).unwrap());
    let ak = aws_lc_rs::aead::LessSafeKey::new(
        aws_lc_rs::aead::UnboundKey::new(&aws_lc_rs::aead::CHACHA20_POLY1305, &key).unwrap(),
    );
    let mut buf = vec![0u8; CHUNK + 16];
    for _ in 0..rounds {
        let t = Instant::now();
        use sha2::Digest;
        let mut h = sha2::Sha256::new();
        for c in data.chunks(CHUNK) {
            h.update(c);
        }
        std::hint::black_box(h.finalize());
        r[0].1.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        let mut h = ring::digest::Context::new(&ring::digest::SHA256);
        for c in data.chunks(CHUNK) {
            h.update(c);
        }
        std::hint::black_box(h.finish());
        r[1].1.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        let mut h = aws_lc_rs::digest::Context::new(&aws_lc_rs::digest::SHA256);
        for c in data.chunks(CHUNK) {
            h.update(c);
        }
        std::hint::black_box(h.finish());
        r[2].1.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        for (i, c) in data.chunks(CHUNK).enumerate() {
            buf[..CHUNK].copy_from_slice(c);
            let mut n = [0u8; 12];
            n[..8].copy_from_slice(&(i as u64).to_be_bytes());
            let tag = rk
                .seal_in_place_separate_tag(
                    ring::aead::Nonce::assume_unique_for_key(n),
                    ring::aead::Aad::empty(),
                    &mut buf[..CHUNK],
                )
                .unwrap();
            let _ = std::hint::black_box(tag);
        }
        r[3].1.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        for (i, c) in data.chunks(CHUNK).enumerate() {
            buf[..CHUNK].copy_from_slice(c);
            let mut n = [0u8; 12];
            n[..8].copy_from_slice(&(i as u64).to_be_bytes());
            let tag = ak
                .seal_in_place_separate_tag(
                    aws_lc_rs::aead::Nonce::assume_unique_for_key(n),
                    aws_lc_rs::aead::Aad::empty(),
                    &mut buf[..CHUNK],
                )
                .unwrap();
            let _ = std::hint::black_box(tag);
        }
        r[4].1.push(t.elapsed().as_secs_f64());
        // open: seal once then open repeatedly
        let mut sealed = vec![0u8; CHUNK];
        sealed.copy_from_slice(&data[..CHUNK]);
        let tag = rk
            .seal_in_place_separate_tag(
                ring::aead::Nonce::assume_unique_for_key([0; 12]),
                ring::aead::Aad::empty(),
                &mut sealed,
            )
            .unwrap();
        sealed.extend_from_slice(tag.as_ref());
        let t = Instant::now();
        for _ in 0..TOTAL / CHUNK {
            buf.copy_from_slice(&sealed);
            std::hint::black_box(
                rk.open_in_place(ring::aead::Nonce::assume_unique_for_key([0; 12]), ring::aead::Aad::empty(), &mut buf)
                    .unwrap()
                    .len(),
            );
        }
        r[5].1.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        for _ in 0..TOTAL / CHUNK {
            buf.copy_from_slice(&sealed);
            std::hint::black_box(
                ak.open_in_place(
                    aws_lc_rs::aead::Nonce::assume_unique_for_key([0; 12]),
                    aws_lc_rs::aead::Aad::empty(),
                    &mut buf,
                )
                .unwrap()
                .len(),
            );
        }
        r[6].1.push(t.elapsed().as_secs_f64());
    }
    for (n, s) in r {
        report(n, s);
    }
}
