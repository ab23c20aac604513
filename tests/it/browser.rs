//! The gallery in a real browser: Debian's `chromium`, headless, driven by Playwright for
//! Python (`tests/browser/gallery.py`) against the real `clipvault serve`. Then the disk:
//! after viewing and seeking a video, no file under the browser's profile, its home folder or
//! either process's temporary folder holds a 32-byte sample of any plaintext.
//!
//! Needs `chromium`, `ffmpeg` and `pip install playwright` (`.ci/run` installs them).

use crate::fixture::{CliEnv, ffmpeg, heavy, quiet, require};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// 32-byte samples spread over `content`, skipping its first 4 KiB (container headers are
/// alike in every file of a kind and say nothing private).
fn samples(content: &[u8], count: usize) -> Vec<Vec<u8>> {
    let body = &content[4096.min(content.len() / 2)..];
    (0..count).map(|i| body[i * (body.len() - 32) / count..][..32].to_vec()).collect()
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect()
}

/// `clipvault serve` on `env`'s vault with `home` as its HOME; the process and its link.
fn serve(env: &CliEnv, home: &Path) -> (std::process::Child, String) {
    let mut server = env
        .process()
        .args(["serve", "--idle-lock", "5"])
        .env("HOME", home)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut link = String::new();
    BufReader::new(server.stdout.as_mut().unwrap()).read_line(&mut link).unwrap();
    (server, link)
}

#[test]
fn the_gallery_works_in_chromium_and_leaves_no_plaintext_on_disk() {
    require!("chromium", "python3:playwright", "ffmpeg");
    let _heavy = heavy();
    let env = CliEnv::new();
    let inputs = env.path("inputs");
    std::fs::create_dir_all(&inputs).unwrap();
    let image = inputs.join("beach.png");
    ffmpeg(&["-f", "lavfi", "-i", "testsrc2=size=640x480:rate=1", "-frames:v", "1"], &image);
    let video = inputs.join("party.webm");
    ffmpeg(
        &[
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=320x240:rate=25",
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440",
            "-t",
            "6",
            "-c:v",
            "libvpx-vp9",
            "-deadline",
            "realtime",
            "-cpu-used",
            "8",
            "-b:v",
            "400k",
            "-c:a",
            "libopus",
            "-shortest",
        ],
        &video,
    );
    let upload = inputs.join("upload.jpg");
    ffmpeg(&["-f", "lavfi", "-i", "mandelbrot=size=400x300:rate=1", "-frames:v", "1"], &upload);
    let hostile = "<img src=x onerror=alert(1)>.png";
    env.add(&image);
    env.add(&video);
    env.cmd().arg("add").arg(&image).args(["--name", hostile, "--allow-duplicates"]).assert().success();
    // Evidence: marked in the grid, and the page offers no Shred for it.
    env.cmd().arg("add").arg(&upload).args(["--name", "threat.jpg", "--evidence"]).assert().success();

    // Both processes get a home and a temporary folder of their own, so everything they
    // could write is in a folder this test reads afterwards.
    let home = env.path("home");
    let tmp = env.path("tmp");
    let profile = home.join("profile");
    std::fs::create_dir_all(&profile).unwrap();
    let (mut server, link) = serve(&env, &home);

    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/gallery.py");
    let run = Command::new("python3")
        .arg(&script)
        .arg(link.trim())
        .arg(&profile)
        .arg(&upload)
        .arg("4")
        .arg(hostile)
        .env("HOME", &home)
        .env("TMPDIR", &tmp)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_CACHE_HOME", home.join(".cache"))
        .output()
        .expect("python3 runs");
    let _ = server.kill();
    let status = server.wait().unwrap();
    let mut server_stderr = String::new();
    server.stderr.take().unwrap().read_to_string(&mut server_stderr).unwrap();
    assert!(
        run.status.success(),
        "the browser test failed (needs chromium and `pip install playwright`):\n{}\n{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    let measured: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    eprintln!("measured in the browser: {measured}");
    assert_eq!(measured["thumbnails"], 4, "{measured}");
    assert_eq!(measured["evidence_tiles"], 1, "{measured}");
    assert_eq!(measured["title"], "Gallery", "{measured}");
    assert_eq!(measured["image_width"], 640, "{measured}");
    assert!(measured["duration"].as_f64().unwrap() > 5.0, "{measured}");
    assert!(status.success(), "serve ended by itself after Lock: {server_stderr}");
    assert!(server_stderr.contains("locked: the Lock button was pressed"), "{server_stderr}");

    let mut plain = Vec::new();
    for (name, path) in [("video", &video), ("image", &image), ("upload", &upload)] {
        let content = std::fs::read(path).unwrap();
        plain.extend(samples(&content, 24).into_iter().map(|s| (name, s)));
    }
    let files: Vec<PathBuf> = files_under(&home).into_iter().chain(files_under(&tmp)).collect();
    assert!(files.len() > 10, "the browser profile was written where this test looks: {files:?}");
    for file in &files {
        let Ok(bytes) = std::fs::read(file) else { continue };
        for (name, sample) in &plain {
            assert!(
                memchr::memmem::find(&bytes, sample).is_none(),
                "{} holds a piece of the {name}'s plaintext",
                file.display()
            );
        }
    }
}

/// After `panic` (or Ctrl-C on `serve`) the open tab kept the grid and the picture on screen
/// until someone touched it. It now blanks itself within a second, untouched.
#[test]
fn the_tab_blanks_itself_when_the_server_is_gone() {
    require!("chromium", "python3:playwright", "ffmpeg");
    // Blanked within 1.5 s, measured in the browser.
    let _quiet = quiet();
    use std::io::Write;
    let env = CliEnv::new();
    let image = env.path("beach-secret.png");
    ffmpeg(&["-f", "lavfi", "-i", "testsrc2=size=320x240:rate=1", "-frames:v", "1"], &image);
    env.add(&image);
    let home = env.path("home");
    let profile = home.join("profile");
    std::fs::create_dir_all(&profile).unwrap();
    let (mut server, link) = serve(&env, &home);
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/blank.py");
    let mut browser = Command::new("python3")
        .arg(&script)
        .arg(link.trim())
        .arg(&profile)
        .arg("1")
        .env("HOME", &home)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(browser.stdout.take().unwrap());
    let mut ready = String::new();
    out.read_line(&mut ready).unwrap();
    assert_eq!(ready.trim(), "ready", "the browser script failed before the server ended");
    let panic = env.no_pass().args(["panic", "--yes"]).output().unwrap();
    assert!(panic.status.success());
    browser.stdin.take().unwrap().write_all(b"go\n").unwrap();
    let mut result = String::new();
    out.read_line(&mut result).unwrap();
    let _ = browser.wait();
    let _ = server.wait();
    let measured: serde_json::Value = serde_json::from_str(&result).expect("the browser script's result");
    eprintln!("measured in the browser: {measured}");
    assert!(measured["blanked_ms"].as_f64().unwrap() < 1500.0, "{measured}");
    assert!(!measured["text"].as_str().unwrap().contains("beach-secret"), "{measured}");
    assert_eq!(measured["media_elements"], 0, "{measured}");
}

/// A HEIC photo (an iPhone's, made here by libheif's `heif-enc`) showed as a black page, and
/// a 3GP video with H.263 picture played sound only, saying nothing. The photo now displays,
/// the video says it cannot be shown here and what plays it, and `fingerprint` gives the
/// HEIC photo a PDQ hash through the same decoder.
#[test]
fn heic_photos_display_and_undecodable_video_says_so() {
    require!("chromium", "python3:playwright", "ffmpeg", "heif-enc", "heif-dec|heif-convert");
    let _heavy = heavy();
    let env = CliEnv::new();
    let png = env.path("source.png");
    ffmpeg(&["-f", "lavfi", "-i", "testsrc2=size=320x240:rate=1", "-frames:v", "1"], &png);
    let heic = env.path("iphone.heic");
    let made =
        Command::new("heif-enc").arg(&png).arg("-o").arg(&heic).output().expect("heif-enc (.ci/run installs it)");
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let video = env.path("old-phone.3gp");
    ffmpeg(
        &[
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=176x144:rate=15",
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:sample_rate=8000",
            "-t",
            "3",
            "-c:v",
            "h263",
            "-c:a",
            "aac",
            "-ar",
            "8000",
            "-ac",
            "1",
            "-shortest",
        ],
        &video,
    );
    env.add(&heic);
    env.add(&video);
    let printed = env.stdout(&["fingerprint", "iphone.heic", "--json"]);
    let found: serde_json::Value = serde_json::from_str(&printed).unwrap();
    let found = if found.is_array() { found[0].clone() } else { found };
    assert!(found["pdq"].as_str().is_some_and(|p| p.len() == 64), "no PDQ for HEIC: {printed}");

    let home = env.path("home");
    let profile = home.join("profile");
    std::fs::create_dir_all(&profile).unwrap();
    let (mut server, link) = serve(&env, &home);
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/formats.py");
    let run = Command::new("python3")
        .arg(&script)
        .arg(link.trim())
        .arg(&profile)
        .args(["iphone.heic", "old-phone.3gp"])
        .env("HOME", &home)
        .env("TMPDIR", env.path("tmp"))
        .output()
        .expect("python3 runs");
    let _ = server.kill();
    let _ = server.wait();
    assert!(
        run.status.success(),
        "the browser test failed:\n{}\n{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    let measured: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    eprintln!("measured in the browser: {measured}");
    assert_eq!(measured["heic_width"], 320, "{measured}");
    assert!(measured["video_note"].as_str().unwrap().contains("clipvault view"), "{measured}");
}

/// The gallery in Arabic at a phone's size: the page is `lang="ar" dir="rtl"`, its words are
/// Arabic, and it is laid out right to left (the title and the first tile at the right, the
/// viewer's Close button at the left), every tile inside the screen. A screenshot is kept in
/// the build's test folder for a person to look at; the checks are positions, not pixels.
#[test]
fn the_gallery_in_arabic_is_laid_out_right_to_left() {
    require!("chromium", "python3:playwright", "ffmpeg");
    let _heavy = heavy();
    let env = CliEnv::new();
    let inputs = env.path("inputs");
    std::fs::create_dir_all(&inputs).unwrap();
    for name in ["شاطئ.png", "beach.png", "عائلة.png"] {
        ffmpeg(&["-f", "lavfi", "-i", "testsrc2=size=320x240:rate=1", "-frames:v", "1"], &inputs.join(name));
    }
    env.cmd().arg("add").arg(&inputs).assert().success();
    let home = env.path("home");
    let profile = home.join("profile");
    std::fs::create_dir_all(&profile).unwrap();
    let (mut server, link) = serve(&env, &home);
    let screenshot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("gallery-ar-phone.png");
    let out = Command::new("python3")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/rtl.py"))
        .arg(link.trim())
        .arg(&profile)
        .arg("3")
        .arg(&screenshot)
        .env("HOME", &home)
        .output()
        .unwrap();
    let _ = server.kill();
    let _ = server.wait();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let page: serde_json::Value = serde_json::from_slice(&out.stdout).expect("the browser script's result");
    eprintln!("measured in the browser: {page}; screenshot: {}", screenshot.display());
    let number = |v: &serde_json::Value| v.as_f64().unwrap();
    let width = number(&page["width"]);
    assert_eq!((page["lang"].as_str(), page["dir"].as_str()), (Some("ar"), Some("rtl")), "{page}");
    let arabic = |v: &serde_json::Value| v.as_str().unwrap().chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
    assert!(arabic(&page["lock_text"]) && arabic(&page["close_text"]) && arabic(&page["status"]), "{page}");
    // Right to left: the title at the right edge, the Lock button left of it.
    assert!(width - number(&page["title"]["right"]) < 24.0, "{page}");
    assert!(number(&page["lock"]["right"]) < number(&page["title"]["left"]), "{page}");
    let tiles = page["tiles"].as_array().unwrap();
    assert_eq!(tiles.len(), 3);
    for tile in tiles {
        assert!(number(&tile["left"]) >= 0.0 && number(&tile["right"]) <= width + 0.5, "a tile off screen: {page}");
        assert!(number(&tile["width"]) >= 100.0, "tiles too small on a phone: {page}");
    }
    // A name keeps its own direction: one that starts in Latin letters reads left to right.
    for tile in tiles {
        let latin_first = tile["name"].as_str().unwrap().starts_with("inputs/");
        assert!(!latin_first || tile["name_dir"] == "ltr", "{page}");
    }
    // The first tile is the rightmost of the first row; the second is to its left.
    assert!(width - number(&tiles[0]["right"]) < 24.0, "{page}");
    assert_eq!(number(&tiles[0]["top"]), number(&tiles[1]["top"]), "{page}");
    assert!(number(&tiles[1]["right"]) <= number(&tiles[0]["left"]), "{page}");
    // The viewer's bar mirrors too: the name at the right, Close at the left.
    assert!(number(&page["close"]["left"]) < number(&page["viewer_name"]["left"]), "{page}");
    assert!(number(&page["close"]["left"]) < width / 2.0, "{page}");
    assert!(std::fs::metadata(&screenshot).unwrap().len() > 1000);
}
