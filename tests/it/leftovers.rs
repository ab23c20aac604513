//! `leftovers` on a made-up phone: a photo made by ffmpeg is vaulted, and copies of it are
//! left where Android leaves them (an exact copy renamed into the gallery's trash, a WhatsApp
//! re-encode at 80% and JPEG quality 60, a small copy in `DCIM/.thumbnails`), beside unrelated
//! photos. The scan finds exactly the three copies, and `--remove --yes` wipes exactly them.

use crate::fixture::{CliEnv, ffmpeg, require};
use std::path::PathBuf;

const WHATSAPP: &str = "storage/shared/Android/media/com.whatsapp/WhatsApp/Media/WhatsApp Images/Sent";

struct Phone {
    env: CliEnv,
    copies: Vec<PathBuf>,
    unrelated: Vec<PathBuf>,
}

fn phone() -> Phone {
    let env = CliEnv::new();
    for dir in
        ["camera", "storage/shared/DCIM/Camera", "storage/shared/DCIM/.thumbnails", "storage/shared/Pictures", WHATSAPP]
    {
        std::fs::create_dir_all(env.path(dir)).unwrap();
    }
    let photo = env.path("camera/IMG_20261205_101500.jpg");
    ffmpeg(&["-f", "lavfi", "-i", "testsrc2=size=1600x1200:rate=1", "-frames:v", "1", "-q:v", "2"], &photo);
    env.add(&photo);
    let trashed = env.path("storage/shared/DCIM/Camera/.trashed-1767600000-IMG_20261205_101500.jpg");
    std::fs::copy(&photo, &trashed).unwrap();
    // What WhatsApp sends: smaller and recompressed (ffmpeg's -q:v 12 is about quality 60).
    let resent = env.path(&format!("{WHATSAPP}/IMG-20261205-WA0003.jpg"));
    ffmpeg(&["-i", photo.to_str().unwrap(), "-vf", "scale=iw*0.8:ih*0.8", "-q:v", "12"], &resent);
    // The gallery's thumbnail cache: a small copy under a number, without an extension.
    let thumbnail = env.path("storage/shared/DCIM/.thumbnails/1767600000123");
    ffmpeg(&["-i", photo.to_str().unwrap(), "-vf", "scale=256:-1", "-f", "mjpeg"], &thumbnail);
    let mut unrelated = Vec::new();
    for (name, source) in [
        ("mandelbrot.jpg", "mandelbrot=size=1600x1200:rate=1"),
        ("life.jpg", "life=size=800x600:rate=1:seed=7:mold=10"),
        ("cells.png", "cellauto=size=640x480:rate=1:rule=110"),
        ("bars.jpg", "smptehdbars=size=1280x720:rate=1"),
        ("sierpinski.jpg", "sierpinski=size=1024x768:rate=1"),
    ] {
        let path = env.path(&format!("storage/shared/Pictures/{name}"));
        ffmpeg(&["-f", "lavfi", "-i", source, "-frames:v", "1"], &path);
        unrelated.push(path);
    }
    unrelated.push(env.write("storage/shared/Download/letter.txt", b"not a picture"));
    Phone { env, copies: vec![trashed, resent, thumbnail], unrelated }
}

fn leftovers(phone: &Phone, args: &[&str]) -> assert_cmd::assert::Assert {
    phone.env.cmd().env("TERMUX_VERSION", "0.118.1").arg("leftovers").args(args).assert()
}

#[test]
fn leftovers_finds_the_trashed_resent_and_thumbnail_copies_and_nothing_else() {
    require!("ffmpeg");
    let phone = phone();
    let out = leftovers(&phone, &["--json"]).success().get_output().stdout.clone();
    let found: Vec<serde_json::Value> = serde_json::from_slice(&out).unwrap();
    let mut paths: Vec<PathBuf> = found.iter().map(|f| PathBuf::from(f["path"].as_str().unwrap())).collect();
    paths.sort();
    let mut expected = phone.copies.clone();
    expected.sort();
    assert_eq!(paths, expected, "{found:#?}");
    for f in &found {
        assert_eq!(f["name"], "IMG_20261205_101500.jpg");
        let exact = f["path"].as_str().unwrap().contains(".trashed-");
        assert_eq!(f["match"], if exact { "exact" } else { "near" }, "{f}");
        assert!(f["distance"].as_u64().unwrap() <= 31);
    }
    // Read-only: every file is still there.
    assert!(phone.copies.iter().chain(&phone.unrelated).all(|p| p.exists()));
}

#[test]
fn leftovers_remove_wipes_exactly_the_copies_and_the_vault_keeps_its_own() {
    require!("ffmpeg");
    let phone = phone();
    let said = leftovers(&phone, &["--remove", "--yes"]).success().get_output().stderr.clone();
    assert!(String::from_utf8_lossy(&said).contains("Wiped 3 copies"), "{}", String::from_utf8_lossy(&said));
    for copy in &phone.copies {
        assert!(!copy.exists(), "{} is left", copy.display());
    }
    for other in &phone.unrelated {
        assert!(other.exists(), "{} was removed", other.display());
    }
    assert_eq!(phone.env.names(&[]), ["IMG_20261205_101500.jpg"]);
    // Nothing is left to find.
    leftovers(&phone, &[]).success().stderr(predicates::str::contains("No copies found"));
}

#[test]
fn leftovers_searches_the_folders_it_is_given_and_asks_before_wiping() {
    require!("ffmpeg");
    let phone = phone();
    let pictures = phone.env.path("storage/shared/Pictures");
    let out = leftovers(&phone, &["--json", pictures.to_str().unwrap()]).success().get_output().stdout.clone();
    assert_eq!(serde_json::from_slice::<Vec<serde_json::Value>>(&out).unwrap(), Vec::<serde_json::Value>::new());
    // --remove without a terminal to ask on, and without --yes: nothing is wiped.
    leftovers(&phone, &["--remove"]).failure();
    assert!(phone.copies.iter().all(|p| p.exists()));
}
