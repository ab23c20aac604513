//! PDQ checked against its reference implementation: Meta's C++ PDQ through its Python
//! binding (`pip install pdqhash`, which `.ci/run` installs), on images made by ffmpeg. And
//! MD5 against `md5sum`.

use crate::fixture::{self, heavy, require};
use clipvault::media::fingerprint::{Pdq, md5_hex, pdq};
use std::path::Path;
use std::process::Command;

fn ffmpeg(dir: &Path, name: &str, source: &str, extra: &[&str]) -> std::path::PathBuf {
    let out = dir.join(name);
    fixture::ffmpeg(&[&["-f", "lavfi", "-i", source, "-frames:v", "1"], extra].concat(), &out);
    out
}

/// The reference's hash of each image file: its 256 bits, and its quality. One Python for
/// them all (starting one, with numpy, costs about 0.4 s).
fn reference(paths: &[std::path::PathBuf]) -> Vec<(Vec<bool>, u8)> {
    let script = "import sys, numpy, pdqhash\nfrom PIL import Image\n\
                  for path in sys.argv[1:]:\n\
                  \x20   img = numpy.asarray(Image.open(path).convert('RGB'))\n\
                  \x20   h, q = pdqhash.compute(img)\n\
                  \x20   print(''.join(str(int(b)) for b in h), q)";
    let out = Command::new("python3").args(["-c", script]).args(paths).output().expect("python3");
    assert!(
        out.status.success(),
        "pdqhash (pip install pdqhash numpy pillow): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let hashes: Vec<(Vec<bool>, u8)> = text
        .lines()
        .map(|line| {
            let (bits, quality) = line.trim().split_once(' ').unwrap();
            // The binding lists bit k at position 255 - k (its `hash_to_vector` reverses the order).
            (bits.chars().rev().map(|c| c == '1').collect(), quality.parse().unwrap())
        })
        .collect();
    assert_eq!(hashes.len(), paths.len(), "{text}");
    hashes
}

fn ours(path: &Path) -> Pdq {
    pdq(&image::open(path).unwrap()).unwrap()
}

#[test]
fn pdq_matches_the_reference_implementation() {
    require!("ffmpeg", "python3:pdqhash, numpy, PIL");
    // Twenty images made by ffmpeg, two of them 4000 x 3000 with noise.
    let _heavy = heavy();
    let dir = tempfile::tempdir().unwrap();
    // Twenty images: patterns, "photos" (noise over gradients and fractals), screenshot-like
    // flat colours and text-like bars, and the variants a leak makes (rotated, mirrored,
    // resized, cropped, re-encoded at low JPEG quality).
    let d = dir.path();
    let cases = [
        ffmpeg(d, "pattern.png", "testsrc=size=640x480", &[]),
        ffmpeg(d, "noise.png", "testsrc2=size=1000x700", &["-vf", "noise=alls=50:allf=t"]),
        ffmpeg(d, "tall.png", "smptebars=size=300x900", &[]),
        ffmpeg(d, "tiny.png", "testsrc=size=32x24", &[]),
        ffmpeg(d, "fractal.png", "mandelbrot=size=800x600", &[]),
        ffmpeg(d, "fractal-noisy.jpg", "mandelbrot=size=800x600", &["-vf", "noise=alls=20:allf=t", "-q:v", "3"]),
        ffmpeg(d, "fractal-rotated.png", "mandelbrot=size=800x600", &["-vf", "transpose=1"]),
        ffmpeg(d, "fractal-mirrored.png", "mandelbrot=size=800x600", &["-vf", "hflip"]),
        ffmpeg(d, "fractal-small.png", "mandelbrot=size=800x600", &["-vf", "scale=200:150"]),
        ffmpeg(d, "fractal-crop.png", "mandelbrot=size=800x600", &["-vf", "crop=600:450:100:75"]),
        ffmpeg(d, "fractal-low.jpg", "mandelbrot=size=800x600", &["-q:v", "25"]),
        // (A perfectly flat white image with one box is a case of ties: many DCT terms equal
        // the median, and which side of it they fall is float rounding in any implementation;
        // the noise of a real screenshot's JPEG, or a photo of a screen, breaks the ties.)
        ffmpeg(
            d,
            "screenshot.jpg",
            "color=c=white:size=1080x1920",
            &["-vf", "drawbox=x=40:y=200:w=1000:h=120:color=blue@1:t=fill,noise=alls=6:allf=t"],
        ),
        ffmpeg(d, "chat.png", "rgbtestsrc=size=720x1280", &[]),
        ffmpeg(d, "bars.jpg", "smptehdbars=size=1280x720", &["-q:v", "5"]),
        ffmpeg(d, "gradient.png", "gradients=size=640x640:seed=7", &[]),
        ffmpeg(d, "gradient-rotated.png", "gradients=size=640x640:seed=7", &["-vf", "transpose=2"]),
        ffmpeg(d, "cells.png", "cellauto=size=400x400:seed=3", &[]),
        ffmpeg(d, "life.png", "life=size=320x240:seed=5:mold=10", &[]),
        ffmpeg(d, "photo.jpg", "testsrc2=size=4000x3000", &["-vf", "noise=alls=30:allf=t", "-q:v", "4"]),
        ffmpeg(
            d,
            "photo-resized.jpg",
            "testsrc2=size=4000x3000",
            &["-vf", "noise=alls=30:allf=t,scale=1024:768", "-q:v", "8"],
        ),
    ];
    assert_eq!(cases.len(), 20);
    let mut report = Vec::new();
    for (path, (bits, quality)) in cases.iter().zip(reference(&cases)) {
        let hash = ours(path);
        let differing = (0..256).filter(|&k| hash.bit(k) != bits[k]).count();
        report.push(format!(
            "{}: {differing} bit(s) from the reference, quality {} (reference {quality})",
            path.file_name().unwrap().to_string_lossy(),
            hash.quality
        ));
        // Below quality 50 the reference itself says a hash is not to be used: an almost flat
        // image has DCT terms near zero, whose signs are float noise in any implementation.
        if quality >= 50 {
            assert!(differing <= 2, "{}: {differing} bits differ from the reference", path.display());
        }
        assert!(hash.quality.abs_diff(quality) <= 1, "{}: quality {} against {quality}", path.display(), hash.quality);
    }
    eprintln!("PDQ against Meta's reference:\n  {}", report.join("\n  "));
    // Between variants of one image, as a leak makes them (reported; StopNCII-style matching
    // takes 31 or fewer as the same image).
    let base = ours(&cases[4]);
    let distances: Vec<String> = cases[5..11]
        .iter()
        .map(|p| format!("{}: {}", p.file_name().unwrap().to_string_lossy(), base.distance(&ours(p))))
        .collect();
    eprintln!("distance from fractal.png: {}", distances.join(", "));
}

#[test]
fn pdq_survives_what_a_leak_does_to_an_image_and_tells_images_apart() {
    require!("ffmpeg");
    let dir = tempfile::tempdir().unwrap();
    let original = ffmpeg(dir.path(), "photo.png", "testsrc2=size=1280x720", &[]);
    let recompressed = ffmpeg(dir.path(), "photo.jpg", "testsrc2=size=1280x720", &["-q:v", "12"]);
    let resized = ffmpeg(dir.path(), "photo-small.png", "testsrc2=size=1280x720", &["-vf", "scale=400:225"]);
    let other = ffmpeg(dir.path(), "other.png", "smptebars=size=1280x720", &[]);
    let base = ours(&original);
    assert!(base.distance(&ours(&recompressed)) <= 31, "a recompressed copy still matches");
    assert!(base.distance(&ours(&resized)) <= 31, "a resized copy still matches");
    assert!(base.distance(&ours(&other)) > 31, "a different image does not");
    assert_eq!(base.to_hex().len(), 64);
}

#[test]
fn md5_is_what_md5sum_says() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("video.bin");
    std::fs::write(&path, (0..300_000u32).map(|i| (i * 7) as u8).collect::<Vec<u8>>()).unwrap();
    let out = Command::new("md5sum").arg(&path).output().unwrap();
    let expected = String::from_utf8(out.stdout).unwrap().split_whitespace().next().unwrap().to_string();
    assert_eq!(md5_hex(&mut std::fs::File::open(&path).unwrap()).unwrap(), expected);
}
