//! Criterion benchmarks of the hot paths: sealing and opening one 64 KiB chunk (clipvault's
//! payload key, which is `ring`'s cipher with a wiped key, beside bare `ring` and the
//! `chacha20poly1305` crate), SHA-256 of a chunk, the index at 100,000 items, and the
//! default KDF.
//!
//! `cargo bench --bench hot_paths`; docs/PERFORMANCE.md has the results.

use chacha20poly1305::aead::{AeadInPlace, KeyInit};
use clipvault::KdfParams;
use clipvault::crypto::FileKey;
use clipvault::crypto::stream::{CHUNK_LEN, PayloadKey, TAG_LEN};
use clipvault::format::v2::{decode_segment, encode_blob as encode_segment};
use clipvault::format::{ItemRecord, SegmentBody};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

fn chunk_cipher(c: &mut Criterion) {
    let mut group = c.benchmark_group("chunk_64KiB");
    group.throughput(Throughput::Bytes(CHUNK_LEN as u64));
    let key = PayloadKey::derive(&FileKey::from_bytes([7; 16]), &[1; 16]);
    let mut buf = vec![0x5au8; CHUNK_LEN + TAG_LEN];
    group.bench_function("seal/clipvault", |b| b.iter(|| key.seal_chunk(3, false, black_box(&mut buf), CHUNK_LEN)));
    let mut sealed = vec![0x5au8; CHUNK_LEN + TAG_LEN];
    key.seal_chunk(3, false, &mut sealed, CHUNK_LEN);
    let mut copy = sealed.clone();
    group.bench_function("open/clipvault", |b| {
        b.iter(|| {
            copy.copy_from_slice(&sealed);
            key.open_chunk(3, false, black_box(&mut copy)).unwrap()
        })
    });
    group.bench_function("copy (the open benchmarks' overhead)", |b| b.iter(|| copy.copy_from_slice(&sealed)));
    let ring_key =
        ring::aead::LessSafeKey::new(ring::aead::UnboundKey::new(&ring::aead::CHACHA20_POLY1305, &[9; 32]).unwrap());
    let mut plain = vec![0x5au8; CHUNK_LEN];
    group.bench_function("seal/ring", |b| {
        b.iter(|| {
            let nonce = ring::aead::Nonce::assume_unique_for_key([0; 12]);
            ring_key.seal_in_place_separate_tag(nonce, ring::aead::Aad::empty(), black_box(&mut plain)).unwrap()
        })
    });
    let rust_crypto = chacha20poly1305::ChaCha20Poly1305::new(&[9; 32].into());
    group.bench_function("seal/chacha20poly1305", |b| {
        b.iter(|| rust_crypto.encrypt_in_place_detached(&[0; 12].into(), b"", black_box(&mut plain)).unwrap())
    });
    let tag = rust_crypto.encrypt_in_place_detached(&[0; 12].into(), b"", &mut plain).unwrap();
    let ciphertext = plain.clone();
    group.bench_function("open/chacha20poly1305", |b| {
        b.iter(|| {
            plain.copy_from_slice(&ciphertext);
            rust_crypto.decrypt_in_place_detached(&[0; 12].into(), b"", black_box(&mut plain), &tag).unwrap()
        })
    });
    group.bench_function("sha256", |b| b.iter(|| <sha2::Sha256 as sha2::Digest>::digest(black_box(&plain))));
    group.finish();
}

fn index(c: &mut Criterion) {
    let mut group = c.benchmark_group("index");
    group.sample_size(10);
    for n in [1_000u64, 100_000] {
        let body = SegmentBody { items: (0..n).map(ItemRecord::synthetic).collect() };
        let encoded = encode_segment(&body).unwrap();
        group.throughput(Throughput::Elements(n));
        group
            .bench_with_input(BenchmarkId::new("encode", n), &body, |b, body| b.iter(|| encode_segment(body).unwrap()));
        group.bench_with_input(BenchmarkId::new("decode", n), &encoded, |b, e| b.iter(|| decode_segment(e).unwrap()));
    }
    group.finish();
}

fn kdf(c: &mut Criterion) {
    let mut group = c.benchmark_group("kdf");
    group.sample_size(10);
    let params = KdfParams::default();
    group.bench_function("argon2id_64MiB_t3_p4", |b| {
        b.iter(|| params.derive(b"correct horse battery staple", &[1; 32]).unwrap())
    });
    group.finish();
}

/// A 12-megapixel photo's thumbnail (issue #11: at most 25% of that item's add time). The
/// photo is a smooth gradient with noise, encoded at quality 90: about 4-6 MB, like a phone's.
fn thumbnail(c: &mut Criterion) {
    use rand::{Rng, SeedableRng};
    let mut rng = rand::rngs::StdRng::seed_from_u64(12);
    let photo = image::RgbImage::from_fn(4000, 3000, |x, y| {
        let n: u8 = rng.r#gen::<u8>() / 8;
        image::Rgb([(x / 16) as u8 ^ n, (y / 12) as u8 ^ n, ((x + y) / 28) as u8 ^ n])
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90).encode_image(&photo).unwrap();
    eprintln!("thumbnail bench: a {} byte 12-megapixel JPEG", jpeg.len());
    let mut group = c.benchmark_group("thumbnail");
    group.sample_size(20);
    group.bench_function("12MP_jpeg", |b| b.iter(|| clipvault::media::thumbnail::of_image(black_box(&jpeg)).unwrap()));
    // For comparison: the image crate's full-size decode (zune-jpeg) and resize.
    group.bench_function("12MP_jpeg_full_decode_zune", |b| {
        b.iter(|| {
            image::load_from_memory_with_format(black_box(&jpeg), image::ImageFormat::Jpeg).unwrap().thumbnail(320, 320)
        })
    });
    group.finish();
}

criterion_group!(benches, chunk_cipher, index, kdf, thumbnail);
criterion_main!(benches);
