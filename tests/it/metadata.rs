//! `inspect` against exiftool, the reference reader of photo and video metadata: a JPEG, a
//! PNG, a HEIC (made by ffmpeg and heif-enc) and an MP4 given a location, a camera, a serial
//! number and a time by exiftool; what clipvault reports must be what exiftool reads back.

use crate::fixture::{CliEnv, heavy, require};
use std::path::Path;
use std::process::Command;

fn run(program: &str, args: &[&str]) {
    let out =
        Command::new(program).args(args).output().unwrap_or_else(|e| panic!("{program}: {e} (.ci/run installs it)"));
    assert!(out.status.success(), "{program} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// The binary on the fixture's vault, its output whatever it was.
fn clipvault(env: &CliEnv, args: &[&str]) -> std::process::Output {
    env.cmd().args(args).output().unwrap()
}

/// ffmpeg's arguments for one 640x480 test picture (the output file follows).
const PICTURE: [&str; 9] = ["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=640x480:rate=1", "-frames:v", "1"];

/// exiftool's numeric reading of one file.
fn exiftool(file: &Path) -> serde_json::Value {
    let out = Command::new("exiftool").args(["-j", "-n", "-G"]).arg(file).output().expect("exiftool");
    assert!(out.status.success());
    serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()[0].clone()
}

/// The first of exiftool's fields, in any group, whose name ends with `name`.
fn field<'a>(tags: &'a serde_json::Value, name: &str) -> Option<&'a serde_json::Value> {
    tags.as_object().unwrap().iter().find(|(k, _)| k.rsplit(':').next() == Some(name)).map(|(_, v)| v)
}

#[test]
fn inspect_reports_what_exiftool_reads_in_jpeg_png_heic_and_mp4() {
    require!("ffmpeg", "exiftool", "heif-enc");
    let _heavy = heavy();
    let env = CliEnv::new();
    let d = env.dir.path();
    let picture = PICTURE;
    let jpeg = d.join("photo.jpg");
    let png = d.join("screen.png");
    let heic_source = d.join("heic-source.png");
    run("ffmpeg", &[&picture[..], &[jpeg.to_str().unwrap()]].concat());
    run("ffmpeg", &[&picture[..], &[png.to_str().unwrap()]].concat());
    run("ffmpeg", &[&picture[..], &[heic_source.to_str().unwrap()]].concat());
    let heic = d.join("iphone.heic");
    run("heif-enc", &[heic_source.to_str().unwrap(), "-o", heic.to_str().unwrap()]);
    let mp4 = d.join("clip.mp4");
    test_clip(&mp4, false);

    let image_tags = [&CAMERA_TAGS[..], &["-OffsetTimeOriginal=+05:30", "-Software=CameraApp 2.1"]].concat();
    for file in [&jpeg, &png, &heic] {
        run("exiftool", &[&image_tags[..], &[file.to_str().unwrap()]].concat());
    }
    // The JPEG also gets an embedded preview (what an edit cropped can survive in it) and XMP.
    let preview = d.join("preview.jpg");
    run(
        "ffmpeg",
        &[
            "-v",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "color=red:size=160x120",
            "-frames:v",
            "1",
            preview.to_str().unwrap(),
        ],
    );
    let embed = format!("-ThumbnailImage<={}", preview.display());
    run("exiftool", &[&embed, "-XMP-dc:Creator=Sunita", "-overwrite_original", jpeg.to_str().unwrap()]);
    run(
        "exiftool",
        &[
            "-Keys:GPSCoordinates=-33.8688, 151.2093",
            "-Keys:Make=Apple",
            "-Keys:Model=iPhone 13",
            "-Keys:Software=17.1",
            "-overwrite_original",
            mp4.to_str().unwrap(),
        ],
    );

    for file in [&jpeg, &png, &heic, &mp4] {
        let name = file.file_name().unwrap().to_str().unwrap();
        let reference = exiftool(file);
        let add = clipvault(&env, &["add", file.to_str().unwrap()]);
        assert!(add.status.success(), "{}", String::from_utf8_lossy(&add.stderr));
        if file != &mp4 {
            // A photo that says where it was taken is named at add.
            assert!(String::from_utf8_lossy(&add.stderr).contains("carries the place where it was taken"), "{name}");
        }
        let out = clipvault(&env, &["inspect", name, "--json"]);
        assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
        let ours: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        eprintln!("{name}: clipvault {ours}");
        let number = |v: Option<&serde_json::Value>| v.and_then(serde_json::Value::as_f64).unwrap();
        let (latitude, longitude) = match field(&reference, "GPSCoordinates") {
            // exiftool -n gives a video's position as "lat lon [alt]".
            Some(pair) => {
                let parts: Vec<f64> = pair.as_str().unwrap().split(' ').map(|p| p.parse().unwrap()).collect();
                (parts[0], parts[1])
            }
            None => (number(field(&reference, "GPSLatitude")), number(field(&reference, "GPSLongitude"))),
        };
        assert!((number(ours["location"].get("latitude")) - latitude).abs() < 1e-4, "{name}: {ours} vs {reference}");
        assert!((number(ours["location"].get("longitude")) - longitude).abs() < 1e-4, "{name}: {ours} vs {reference}");
        assert_eq!(ours["make"], *field(&reference, "Make").unwrap(), "{name}");
        assert_eq!(ours["model"], *field(&reference, "Model").unwrap(), "{name}");
        assert_eq!(
            ours["software"].as_str(),
            field(&reference, "Software").map(|s| s.to_string().trim_matches('"').to_string()).as_deref(),
            "{name}"
        );
        assert_eq!(
            ours["embedded_preview_bytes"].as_u64(),
            field(&reference, "ThumbnailLength").and_then(|v| v.as_u64()),
            "{name}"
        );
        let xmp = reference.as_object().unwrap().keys().any(|k| k.starts_with("XMP"));
        assert_eq!(ours["xmp"], xmp, "{name}");
        if file != &mp4 {
            assert_eq!(ours["serial_numbers"][0]["value"], *field(&reference, "SerialNumber").unwrap(), "{name}");
            assert_eq!(ours["owner"], *field(&reference, "Artist").unwrap(), "{name}");
            assert_eq!(ours["taken"], "2026-12-05T10:41:00+05:30", "{name}");
        }
    }
    // In words, for a person.
    let words = clipvault(&env, &["inspect", "photo.jpg"]);
    let text = String::from_utf8_lossy(&words.stdout);
    assert!(
        text.contains("28.61390, 77.20900") && text.contains("TestMaker Pocket 7") && text.contains("SN-123456"),
        "{text}"
    );
    // A file without any of it says so.
    let plain = d.join("plain.png");
    run("ffmpeg", &[&picture[..], &["-map_metadata", "-1", plain.to_str().unwrap()]].concat());
    let add = clipvault(&env, &["add", plain.to_str().unwrap()]);
    assert!(add.status.success());
    assert!(!String::from_utf8_lossy(&add.stderr).contains("carries the place"));
    let out = clipvault(&env, &["inspect", "plain.png"]);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("carries no location"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// A hash of what a file decodes to (`-f hash`: every decoded frame), or of its encoded
/// streams (`-f streamhash`: every packet, for a lossless copy of a video).
/// What exiftool writes into the test pictures: a location, a camera, a serial number, a time
/// and an author (each test adds its own few).
const CAMERA_TAGS: [&str; 10] = [
    "-GPSLatitude=28.6139",
    "-GPSLatitudeRef=N",
    "-GPSLongitude=77.2090",
    "-GPSLongitudeRef=E",
    "-Make=TestMaker",
    "-Model=Pocket 7",
    "-SerialNumber=SN-123456",
    "-DateTimeOriginal=2026:12:05 10:41:00",
    "-Artist=Sunita",
    "-overwrite_original",
];

/// A one-second MP4 of ffmpeg's test pattern (320 x 240), with a sine tone if `sound`.
fn test_clip(out: &Path, sound: bool) {
    let mut args = vec!["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=10"];
    if sound {
        args.extend(["-f", "lavfi", "-i", "sine=duration=1"]);
    }
    args.extend(["-t", "1", "-pix_fmt", "yuv420p", out.to_str().unwrap()]);
    run("ffmpeg", &args);
}

fn ffmpeg_hash(file: &Path, format: &str) -> String {
    let out = Command::new("ffmpeg")
        .args(["-v", "error", "-i"])
        .arg(file)
        .args(["-map", "0", "-f", format, "-hash", "sha256", "-"])
        .output()
        .expect("ffmpeg");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn export_strip_metadata_leaves_nothing_exiftool_finds_and_every_pixel_as_it_was() {
    require!("ffmpeg", "exiftool", "heif-enc", "heif-convert");
    let _heavy = heavy();
    let env = CliEnv::new();
    let d = env.dir.path();
    let picture = PICTURE;
    let jpeg = d.join("turned.jpg");
    let png = d.join("screen.png");
    let mp4 = d.join("clip.mp4");
    let heic = d.join("iphone.heic");
    run("ffmpeg", &[&picture[..], &[jpeg.to_str().unwrap()]].concat());
    run("ffmpeg", &[&picture[..], &[png.to_str().unwrap()]].concat());
    run("heif-enc", &[png.to_str().unwrap(), "-o", heic.to_str().unwrap()]);
    test_clip(&mp4, true);
    let tags = [&CAMERA_TAGS[..], &["-XMP-dc:Creator=Sunita"]].concat();
    run("exiftool", &[&tags[..], &["-Orientation#=6", jpeg.to_str().unwrap()]].concat());
    run("exiftool", &[&tags[..], &[png.to_str().unwrap()]].concat());
    run("exiftool", &[&tags[..], &[heic.to_str().unwrap()]].concat());
    let gif = d.join("loop.gif");
    run("ffmpeg", &[&picture[..], &[gif.to_str().unwrap()]].concat());
    run(
        "exiftool",
        &[
            "-Keys:GPSCoordinates=-33.8688, 151.2093",
            "-Keys:Make=Apple",
            "-Keys:Model=iPhone 13",
            "-UserData:GPSCoordinates=-33.8688, 151.2093",
            "-overwrite_original",
            mp4.to_str().unwrap(),
        ],
    );
    for file in [&jpeg, &png, &mp4, &heic, &gif] {
        assert!(clipvault(&env, &["add", "--no-thumbnails", file.to_str().unwrap()]).status.success());
    }
    let out_dir = d.join("shared");
    let export = clipvault(
        &env,
        &[
            "export",
            "turned.jpg",
            "screen.png",
            "clip.mp4",
            "iphone.heic",
            "--strip-metadata",
            "--to",
            out_dir.to_str().unwrap(),
        ],
    );
    assert!(export.status.success(), "{}", String::from_utf8_lossy(&export.stderr));
    let identifying = [
        "GPSLatitude",
        "GPSLongitude",
        "GPSCoordinates",
        "GPSPosition",
        "Make",
        "Model",
        "SerialNumber",
        "Artist",
        "DateTimeOriginal",
        "Creator",
        "ThumbnailImage",
    ];
    for (original, hash) in [(&jpeg, "hash"), (&png, "hash"), (&mp4, "streamhash"), (&heic, "heif")] {
        let name = original.file_name().unwrap();
        let stripped = out_dir.join(name);
        let before = exiftool(original);
        let after = exiftool(&stripped);
        assert!(
            identifying.iter().any(|t| field(&before, t).is_some()),
            "{name:?}: the test file had nothing to strip"
        );
        for tag in identifying {
            assert!(field(&after, tag).is_none(), "{name:?}: {tag} survived: {after}");
        }
        assert!(!after.as_object().unwrap().keys().any(|k| k.starts_with("XMP")), "{name:?}: XMP survived: {after}");
        if hash == "heif" {
            // libheif's decoder gives the pixels; the two decodes must be the same.
            let decode = |file: &Path, png: &str| {
                let out = d.join(png);
                run("heif-convert", &[file.to_str().unwrap(), out.to_str().unwrap()]);
                ffmpeg_hash(&out, "hash")
            };
            assert_eq!(decode(original, "before.png"), decode(&stripped, "after.png"), "{name:?}: the picture changed");
            assert_eq!(std::fs::metadata(original).unwrap().len(), std::fs::metadata(&stripped).unwrap().len());
            continue;
        }
        assert_eq!(ffmpeg_hash(original, hash), ffmpeg_hash(&stripped, hash), "{name:?}: the picture or sound changed");
    }
    // The turn of a phone photo stays: it is how the picture is meant to be seen.
    assert_eq!(field(&exiftool(&out_dir.join("turned.jpg")), "Orientation").and_then(|v| v.as_u64()), Some(6));
    // The stored items are untouched: the original bytes come back.
    let cat = clipvault(&env, &["cat", "turned.jpg"]);
    assert_eq!(cat.stdout, std::fs::read(&jpeg).unwrap());
    // A type it cannot strip is not exported at all.
    let refused = clipvault(&env, &["export", "loop.gif", "--strip-metadata", "--to", out_dir.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("image/gif"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    assert!(!out_dir.join("loop.gif").exists());
}
