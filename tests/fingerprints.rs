//! PDQ checked against its reference implementation: Meta's C++ PDQ through its Python
//! binding (`pip install pdqhash`, which `.ci/run` installs), on images made by ffmpeg. And
//! MD5 against `md5sum`.

use clipvault::media::fingerprint::{Pdq, md5_hex, pdq};
use std::path::Path;
use std::process::Command;

fn ffmpeg(dir: &Path, name: &str, source: &str, extra: &[&str]) -> std::path::PathBuf {
    let out = dir.join(name);
    let ok = Command::new("ffmpeg")
        .args(["-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", source, "-frames:v", "1"])
        .args(extra)
        .arg(&out)
        .status()
        .expect("ffmpeg is installed (.ci/run installs it)")
        .success();
    assert!(ok);
    out
}

/// The reference's hash of an image file: its 256 bits as 0/1 characters, and its quality.
fn reference(path: &Path) -> (Vec<bool>, u8) {
    let script = "import sys, numpy, pdqhash\nfrom PIL import Image\n\
                  img = numpy.asarray(Image.open(sys.argv[1]).convert('RGB'))\n\
                  h, q = pdqhash.compute(img)\nprint(''.join(str(int(b)) for b in h), q)";
    let out = Command::new("python3").args(["-c", script]).arg(path).output().expect("python3");
    assert!(
        out.status.success(),
        "pdqhash (pip install pdqhash numpy pillow): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let (bits, quality) = text.trim().split_once(' ').unwrap();
    // The binding lists bit k at position 255 - k (its `hash_to_vector` reverses the order).
    (bits.chars().rev().map(|c| c == '1').collect(), quality.parse().unwrap())
}

fn ours(path: &Path) -> Pdq {
    pdq(&image::open(path).unwrap()).unwrap()
}

#[test]
fn pdq_matches_the_reference_implementation() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ffmpeg(dir.path(), "pattern.png", "testsrc=size=640x480", &[]),
        ffmpeg(dir.path(), "noise.png", "testsrc2=size=1000x700", &["-vf", "noise=alls=50:allf=t"]),
        ffmpeg(dir.path(), "tall.png", "smptebars=size=300x900", &[]),
        ffmpeg(dir.path(), "tiny.png", "testsrc=size=32x24", &[]),
    ];
    for path in &cases {
        let (bits, quality) = reference(path);
        let hash = ours(path);
        let differing = (0..256).filter(|&k| hash.bit(k) != bits[k]).count();
        assert!(differing <= 2, "{}: {differing} bits differ from the reference", path.display());
        assert!(hash.quality.abs_diff(quality) <= 1, "{}: quality {} against {quality}", path.display(), hash.quality);
    }
}

#[test]
fn pdq_survives_what_a_leak_does_to_an_image_and_tells_images_apart() {
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
