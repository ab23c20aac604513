//! Thumbnails of media made by the real `ffmpeg`: every image format phones save, EXIF
//! orientation, and hostile input (truncated, a decompression bomb, bytes that lie) that
//! must give an error, not a panic or an unbounded allocation.

use crate::fixture::{CliEnv, ffmpeg, heavy, require};
use clipvault::media::thumbnail::{LONGEST_SIDE, ThumbnailError, of_image};
use std::path::Path;

/// An image made by ffmpeg from its test pattern, read back.
fn ffmpeg_image(dir: &Path, name: &str, size: &str, extra: &[&str]) -> Vec<u8> {
    let out = dir.join(name);
    let source = format!("testsrc=size={size}:rate=1");
    ffmpeg(&[&["-f", "lavfi", "-i", &source, "-frames:v", "1"], extra].concat(), &out);
    std::fs::read(out).unwrap()
}

fn decode(jpeg: &[u8]) -> image::DynamicImage {
    image::load_from_memory_with_format(jpeg, image::ImageFormat::Jpeg).expect("a valid JPEG")
}

#[test]
fn a_12_megapixel_photo_gives_a_320_pixel_jpeg() {
    require!("ffmpeg");
    let dir = tempfile::tempdir().unwrap();
    let photo = ffmpeg_image(dir.path(), "big.jpg", "4000x3000", &["-q:v", "3"]);
    let thumb = of_image(&photo).unwrap();
    assert_eq!((thumb.width, thumb.height), (320, 240));
    assert_eq!((thumb.source_width, thumb.source_height), (4000, 3000));
    let shown = decode(&thumb.jpeg);
    assert_eq!((shown.width(), shown.height()), (320, 240));
    assert!(thumb.jpeg.len() < 64 * 1024, "{} bytes", thumb.jpeg.len());
}

#[test]
fn every_format_phones_save_has_a_thumbnail() {
    require!("ffmpeg");
    let dir = tempfile::tempdir().unwrap();
    for (name, extra) in [
        ("a.png", &[][..]),
        ("a.gif", &[][..]),
        ("a.webp", &["-c:v", "libwebp"][..]),
        ("a.bmp", &[][..]),
        ("a.jpg", &[][..]),
    ] {
        let bytes = ffmpeg_image(dir.path(), name, "640x480", extra);
        let thumb = of_image(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(thumb.width.max(thumb.height), LONGEST_SIDE, "{name}");
        decode(&thumb.jpeg);
    }
    // Smaller than a thumbnail: kept at its size, not enlarged.
    let small = ffmpeg_image(dir.path(), "small.png", "100x50", &[]);
    let thumb = of_image(&small).unwrap();
    assert_eq!((thumb.width, thumb.height), (100, 50));
}

/// A minimal EXIF APP1 segment (little-endian TIFF, one IFD entry: Orientation).
fn exif_app1(orientation: u16) -> Vec<u8> {
    let mut tiff = b"II*\0\x08\0\0\0".to_vec();
    tiff.extend_from_slice(&1u16.to_le_bytes());
    tiff.extend_from_slice(&0x0112u16.to_le_bytes()); // Orientation
    tiff.extend_from_slice(&3u16.to_le_bytes()); // SHORT
    tiff.extend_from_slice(&1u32.to_le_bytes());
    tiff.extend_from_slice(&orientation.to_le_bytes());
    tiff.extend_from_slice(&[0, 0]);
    tiff.extend_from_slice(&0u32.to_le_bytes());
    let mut segment = vec![0xff, 0xe1];
    segment.extend_from_slice(&((2 + 6 + tiff.len()) as u16).to_be_bytes());
    segment.extend_from_slice(b"Exif\0\0");
    segment.extend_from_slice(&tiff);
    segment
}

#[test]
fn exif_orientation_is_applied() {
    require!("ffmpeg");
    let dir = tempfile::tempdir().unwrap();
    let plain = ffmpeg_image(dir.path(), "wide.jpg", "640x320", &[]);
    // Insert the EXIF segment right after the SOI marker: "rotate 90° clockwise to show".
    let mut turned = plain[..2].to_vec();
    turned.extend_from_slice(&exif_app1(6));
    turned.extend_from_slice(&plain[2..]);
    let thumb = of_image(&turned).unwrap();
    assert_eq!((thumb.width, thumb.height), (160, 320), "a portrait photo shows upright");
    assert_eq!((thumb.source_width, thumb.source_height), (320, 640));
    let unturned = of_image(&plain).unwrap();
    assert_eq!((unturned.width, unturned.height), (320, 160));
}

#[test]
fn truncated_images_are_errors_not_panics() {
    require!("ffmpeg");
    let dir = tempfile::tempdir().unwrap();
    for name in ["t.jpg", "t.png", "t.webp", "t.gif"] {
        let extra: &[&str] = if name.ends_with("webp") { &["-c:v", "libwebp"] } else { &[] };
        let whole = ffmpeg_image(dir.path(), name, "640x480", extra);
        for cut in [whole.len() / 2, 40, 12] {
            match of_image(&whole[..cut]) {
                Err(ThumbnailError::Damaged(_) | ThumbnailError::NotAnImage) => {}
                // Some decoders show what they have of a cut image; that is fine too.
                Ok(thumb) => assert!(thumb.width <= LONGEST_SIDE),
                Err(e) => panic!("{name} cut at {cut}: {e}"),
            }
        }
    }
}

/// A PNG whose header claims 60000 x 60000 pixels (3.6 billion, 14 GB decoded) with almost no
/// data: refused from the header, before anything is allocated for it.
#[test]
fn a_decompression_bomb_is_refused_from_its_header() {
    fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut out = (data.len() as u32).to_be_bytes().to_vec();
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        let mut crc_input = kind.to_vec();
        crc_input.extend_from_slice(data);
        out.extend_from_slice(&crc32(&crc_input).to_be_bytes());
        out
    }
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xffff_ffffu32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
            }
        }
        !crc
    }
    let mut ihdr = 60_000u32.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&60_000u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]); // 8-bit RGB
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(chunk(b"IHDR", &ihdr));
    png.extend(chunk(b"IDAT", &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]));
    png.extend(chunk(b"IEND", &[]));
    assert!(matches!(of_image(&png), Err(ThumbnailError::TooLarge { .. })), "{:?}", of_image(&png).err());
    // The same for a JPEG frame header claiming 60000 x 60000.
    let mut jpeg = vec![0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08];
    jpeg.extend_from_slice(&60_000u16.to_be_bytes());
    jpeg.extend_from_slice(&60_000u16.to_be_bytes());
    jpeg.extend_from_slice(&[3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xff, 0xd9]);
    assert!(matches!(of_image(&jpeg), Err(ThumbnailError::TooLarge { .. } | ThumbnailError::Damaged(_))));
}

#[test]
fn bytes_that_lie_about_their_type_are_not_images() {
    assert_eq!(of_image(b"not an image at all, whatever its name says").err(), Some(ThumbnailError::NotAnImage));
    assert_eq!(of_image(&[]).err(), Some(ThumbnailError::NotAnImage));
    // A JPEG signature on garbage.
    let mut fake = vec![0xff, 0xd8, 0xff, 0xe0];
    fake.extend_from_slice(&[0x5a; 500]);
    assert!(matches!(of_image(&fake), Err(ThumbnailError::Damaged(_))));
}

/// A video made by ffmpeg (H.264 in MP4, its index at the end, as phones write them): a
/// poster frame of the right shape and its facts, with the content served from memory and
/// only the parts ffmpeg asks for read.
#[test]
fn a_video_gets_a_poster_frame_without_being_read_whole() {
    require!("ffmpeg");
    let _heavy = heavy();
    use clipvault::media::video;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("clip.mp4");
    ffmpeg(
        &[
            &["-f", "lavfi", "-i", "testsrc=size=1280x720:rate=30", "-f", "lavfi", "-i", "sine=frequency=440"][..],
            // Noise, so the video is as big as a phone's (about 20 MB for 20 s).
            &["-t", "20", "-vf", "noise=alls=30:allf=t", "-c:v", "libx264", "-preset", "ultrafast", "-b:v", "8M"],
            &["-c:a", "aac"],
        ]
        .concat(),
        &path,
    );
    let bytes = std::fs::read(&path).unwrap();
    let len = bytes.len() as u64;
    let (thumb, info, served) = video::poster(&mut std::io::Cursor::new(bytes), len).unwrap();
    assert_eq!((info.width, info.height), (1280, 720));
    let duration = info.duration_ms.unwrap();
    assert!((19_500..=20_500).contains(&duration), "{duration} ms");
    assert_eq!((thumb.width, thumb.height), (320, 180));
    decode(&thumb.jpeg);
    // What ffmpeg skips by seeking is never decrypted. (A connection it leaves open while it
    // seeks elsewhere still gets what the loopback buffers hold before the writes block: on
    // this 20 MB video about half of it was served when measured.)
    assert!(served < len * 3 / 4, "ffmpeg read {served} of {len} bytes: it should seek, not read it all");
}

#[test]
fn a_file_that_is_no_video_gives_an_error_not_a_thumbnail() {
    require!("ffmpeg");
    use clipvault::media::video;
    let junk = vec![0x42u8; 100_000];
    let result = video::poster(&mut std::io::Cursor::new(junk), 100_000);
    assert!(matches!(result, Err(video::VideoError::Unreadable(_))), "{:?}", result.err());
}

/// `clipvault thumb ITEM` through the real binary: an image's and a video's thumbnail, the
/// video read by ffmpeg straight from the decrypting reader over loopback.
#[test]
fn the_thumb_command_writes_a_jpeg_of_an_image_and_of_a_video() {
    require!("ffmpeg");
    let env = CliEnv::new();
    let dir = &env.dir;
    let clipvault = |args: &[&str]| {
        let mut c = env.cmd();
        c.args(args);
        c
    };
    ffmpeg_image(dir.path(), "photo.jpg", "1600x1200", &[]);
    let video = dir.path().join("clip.mp4");
    ffmpeg(
        &["-f", "lavfi", "-i", "testsrc=size=640x360:rate=25", "-t", "3", "-c:v", "libx264", "-preset", "ultrafast"],
        &video,
    );
    for (file, size) in [("photo.jpg", (320, 240)), ("clip.mp4", (320, 180))] {
        clipvault(&["add", dir.path().join(file).to_str().unwrap()]).assert().success();
        let jpeg = clipvault(&["thumb", file]).assert().success().get_output().stdout.clone();
        let shown = decode(&jpeg);
        assert_eq!((shown.width(), shown.height()), size, "{file}");
    }
    let note = dir.path().join("note.txt");
    std::fs::write(&note, "text").unwrap();
    clipvault(&["add", note.to_str().unwrap()]).assert().success();
    clipvault(&["thumb", "note.txt"]).assert().code(1);
}

fn ffmpeg_video(dir: &Path, name: &str, extra: &[&str]) {
    ffmpeg(&[&["-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25", "-t", "2"], extra].concat(), &dir.join(name));
}

/// `add` stores an encrypted thumbnail for every image format and for videos (ffmpeg), and
/// `list --json` says so with the media's size and duration; the thumbnail's bytes are
/// nowhere in the vault file or the temporary folder in plaintext.
#[test]
fn add_stores_encrypted_thumbnails_and_list_says_so() {
    require!("ffmpeg");
    let cli = CliEnv::new();
    let d = cli.dir.path();
    let inputs = d.join("in");
    std::fs::create_dir_all(&inputs).unwrap();
    ffmpeg_image(&inputs, "a.jpg", "1600x1200", &[]);
    ffmpeg_image(&inputs, "b.png", "800x600", &[]);
    ffmpeg_image(&inputs, "c.gif", "400x300", &[]);
    ffmpeg_image(&inputs, "d.webp", "640x480", &[]);
    ffmpeg_video(&inputs, "e.mp4", &["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]);
    std::fs::write(inputs.join("f.txt"), "no picture here").unwrap();
    cli.cmd().args(["add", inputs.to_str().unwrap()]).assert().success();
    let items = cli.list_json();
    // A folder's files are named with the folder: `in/a.jpg`.
    let get = |name: &str| {
        let full = format!("in/{name}");
        items.iter().find(|i| i["name"] == full.as_str()).unwrap_or_else(|| panic!("{full} listed: {items:?}")).clone()
    };
    for (name, w, h) in
        [("a.jpg", 1600, 1200), ("b.png", 800, 600), ("c.gif", 400, 300), ("d.webp", 640, 480), ("e.mp4", 640, 360)]
    {
        let item = get(name);
        assert_eq!(item["thumbnail"], true, "{name}");
        assert_eq!((item["width"].clone(), item["height"].clone()), (w.into(), h.into()), "{name}");
    }
    assert!((get("e.mp4")["duration"].as_f64().unwrap() - 2.0).abs() < 0.1);
    assert_eq!(get("a.jpg")["duration"], serde_json::Value::Null);
    assert_eq!(get("f.txt")["thumbnail"], false);
    // The stored thumbnail is what `thumb` gives, and its bytes never appear in the clear.
    let vault = std::fs::read(d.join("v.clipvault")).unwrap();
    for name in ["a.jpg", "e.mp4"] {
        let jpeg = cli.cmd().args(["thumb", name]).assert().success().get_output().stdout.clone();
        assert_eq!(decode(&jpeg).width(), 320, "{name}");
        for at in (0..jpeg.len() - 32).step_by(jpeg.len() / 8) {
            let sample = &jpeg[at..at + 32];
            assert!(!vault.windows(32).any(|w| w == sample), "{name}: thumbnail bytes in the vault file");
        }
        for file in walk(&d.join("tmp")) {
            let bytes = std::fs::read(&file).unwrap();
            assert!(!bytes.windows(32).any(|w| w == &jpeg[100..132]), "{name}: thumbnail in {}", file.display());
        }
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// Items without a thumbnail (`--no-thumbnails`, a damaged image, older vaults) get one from
/// `thumbnails`, which is resumable; a damaged image never stops an add.
#[test]
fn thumbnails_fills_in_what_is_missing_and_a_damaged_image_never_stops_an_add() {
    require!("ffmpeg");
    let cli = CliEnv::new();
    let d = cli.dir.path();
    let photo = ffmpeg_image(d, "photo.jpg", "1200x900", &[]);
    std::fs::write(d.join("broken.jpg"), &photo[..photo.len() / 3]).unwrap();
    cli.cmd().args(["add", "--no-thumbnails", d.join("photo.jpg").to_str().unwrap()]).assert().success();
    let out =
        cli.cmd().args(["add", d.join("broken.jpg").to_str().unwrap()]).assert().success().get_output().stderr.clone();
    let stderr = String::from_utf8(out).unwrap();
    assert!(stderr.contains("no thumbnail for broken.jpg: the image is damaged"), "{stderr}");
    assert_eq!(stderr.lines().count(), 2, "{stderr}");
    let has = |cli: &CliEnv| {
        cli.list_json()
            .iter()
            .map(|i| (i["name"].as_str().unwrap().to_string(), i["thumbnail"] == true))
            .collect::<Vec<_>>()
    };
    assert_eq!(has(&cli), [("photo.jpg".to_string(), false), ("broken.jpg".to_string(), false)]);
    let out = cli.cmd().args(["thumbnails", "--all"]).assert().success().get_output().stderr.clone();
    let stderr = String::from_utf8(out).unwrap();
    assert!(stderr.contains("stored 1 thumbnail; 1 item got none"), "{stderr}");
    assert_eq!(has(&cli), [("photo.jpg".to_string(), true), ("broken.jpg".to_string(), false)]);
    cli.cmd().args(["verify"]).assert().success();
    // Shredding an item wipes its thumbnail too: the thumbnail's ciphertext is gone from the file.
    let jpeg = cli.cmd().args(["thumb", "photo.jpg"]).assert().success().get_output().stdout.clone();
    assert_eq!(decode(&jpeg).height(), 240);
    cli.cmd().args(["shred", "--yes", "photo.jpg"]).assert().success();
    cli.cmd().args(["thumbnails", "photo.jpg"]).assert().code(5);
}

/// A HEIC or AVIF image made by libheif's own encoder from an ffmpeg test pattern.
fn heif_image(dir: &Path, name: &str, size: &str, avif: bool) -> std::path::PathBuf {
    let png = dir.join(format!("{name}.png"));
    ffmpeg(&["-f", "lavfi", "-i", &format!("testsrc=size={size}:rate=1"), "-frames:v", "1"], &png);
    let out = dir.join(name);
    let mut encode = std::process::Command::new("heif-enc");
    encode.args(["-q", "60", "-o"]).arg(&out).arg(&png);
    if avif {
        encode.arg("--avif");
    }
    let status = encode.output().expect("heif-enc is installed (.ci/run installs libheif-examples)").status;
    assert!(status.success(), "heif-enc made {name}");
    std::fs::remove_file(png).unwrap();
    out
}

/// HEIC (iPhones) and AVIF through libheif's decoder, handed over in memory: the thumbnail
/// is stored like any other, nothing of the image is left under TMPDIR, a damaged file never
/// stops the add, and without the decoder the add says once what to install.
#[test]
fn heic_and_avif_get_thumbnails_through_libheif_in_memory() {
    require!("ffmpeg", "heif-enc", "heif-dec|heif-convert");
    let cli = CliEnv::new();
    let d = cli.dir.path().join("in");
    std::fs::create_dir_all(&d).unwrap();
    let heic = heif_image(&d, "a.heic", "600x800", false);
    heif_image(&d, "b.avif", "640x480", true);
    let bytes = std::fs::read(&heic).unwrap();
    std::fs::write(d.join("c.heic"), &bytes[..bytes.len() / 2]).unwrap();
    let said = cli.add(&d);
    assert!(said.contains("no thumbnail for in/c.heic: libheif could not read"), "{said}");
    let items = cli.list_json();
    let get = |name: &str| items.iter().find(|i| i["name"] == format!("in/{name}").as_str()).unwrap().clone();
    for (name, w, h, kind) in [("a.heic", 600, 800, "image/heic"), ("b.avif", 640, 480, "image/avif")] {
        let item = get(name);
        assert_eq!((item["thumbnail"].clone(), item["type"].clone()), (true.into(), kind.into()), "{name}");
        assert_eq!((item["width"].clone(), item["height"].clone()), (w.into(), h.into()), "{name}");
    }
    assert_eq!(get("c.heic")["thumbnail"], false);
    let jpeg = cli.cmd().args(["thumb", "in/a.heic"]).assert().success().get_output().stdout.clone();
    let shown = decode(&jpeg);
    assert_eq!((shown.width(), shown.height()), (240, 320));
    // The decoder's in-memory files were reached through links in a private folder, gone now.
    assert_eq!(walk(&cli.path("tmp")), Vec::<std::path::PathBuf>::new());

    // Without libheif's decoder on PATH: the items are stored, one note says what to install.
    let bare = CliEnv::new();
    let out = bare.cmd().env("PATH", "/nonexistent").arg("add").arg(&d).assert().success().get_output().stderr.clone();
    let said = String::from_utf8(out).unwrap();
    assert_eq!(said.matches("need libheif's heif-dec").count(), 1, "{said}");
    assert!(said.contains("libheif-examples on Debian"), "{said}");
    assert_eq!(bare.list_json().len(), 3);
}

/// `add` takes a thumbnail made ahead (while the passphrase is asked, or the file before is
/// encrypted) only for the content it was made from: a file that changed in between gets the
/// thumbnail of what was stored.
#[test]
fn a_thumbnail_made_ahead_is_stored_only_for_the_content_it_was_made_from() {
    require!("ffmpeg");
    let dir = tempfile::tempdir().unwrap();
    let wide = ffmpeg_image(dir.path(), "wide.png", "640x480", &[]);
    let tall = ffmpeg_image(dir.path(), "tall.png", "300x600", &[]);
    let (_storage, mut vault) = crate::common::new_vault();
    for (content, ahead_of, size) in [(&wide, &wide, (320, 240)), (&tall, &wide, (160, 320))] {
        let options = clipvault::AddOptions {
            thumbnail: true,
            thumbnail_ahead: Some(clipvault::vault::ThumbnailAhead::of_image(ahead_of)),
            ..Default::default()
        };
        let id = vault.add(&mut &content[..], b"photo.png", &options).unwrap();
        let shown = decode(&vault.thumbnail(id).unwrap().unwrap());
        assert_eq!((shown.width(), shown.height()), size);
    }
}

/// While a video's poster frame is made, its plaintext is served to ffmpeg on a loopback URL
/// that stands on ffmpeg's command line, readable by every user in /proc. Another user that
/// polls /proc and fetches every such URL gets nothing; this user (the control: the same
/// poller as root, the test's own user) does get bytes, so the poller does reach the server.
#[test]
fn another_user_gets_nothing_of_a_video_handed_to_ffmpeg() {
    require!("ffmpeg", "python3");
    let _heavy = heavy();
    use clipvault::media::video;
    // SAFETY: getuid has no preconditions.
    if unsafe { libc::getuid() } != 0 {
        eprintln!("skipped: needs root to run the poller as another user");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    ffmpeg_video(dir.path(), "clip.mp4", &["-t", "6", "-c:v", "libx264", "-preset", "ultrafast"]);
    let bytes = std::fs::read(dir.path().join("clip.mp4")).unwrap();
    let poller = r#"
import os, re, sys, time, urllib.request
seen, got, deadline = set(), 0, time.time() + float(sys.argv[1])
print("ready", flush=True)
while time.time() < deadline and len(seen) < 6:
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            cmd = open(f"/proc/{pid}/cmdline", "rb").read().decode(errors="replace")
            parent = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[1]
        except (OSError, IndexError):
            continue
        # Only what the test process started itself (its posters' ffmpeg and ffprobe): the
        # other tests of that process make posters too, through clipvault, whose servers this
        # poller must neither count nor read from.
        if parent != sys.argv[2]:
            continue
        for url in re.findall(r"http://127\.0\.0\.1:\d+/[0-9a-f]{32}", cmd):
            if url in seen:
                continue
            seen.add(url)
            try:
                got += len(urllib.request.urlopen(url, timeout=3).read(1 << 20))
            except Exception:
                pass
print(f"{len(seen)} {got}", flush=True)
"#;
    let run_poller = |uid: Option<u32>| {
        use std::io::BufRead;
        let mut cmd = std::process::Command::new("python3");
        if let Some(uid) = uid {
            std::os::unix::process::CommandExt::uid(&mut cmd, uid);
        }
        let mut child = cmd
            .args(["-c", poller, "20", &std::process::id().to_string()])
            .current_dir("/")
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        out.read_line(&mut line).unwrap();
        assert_eq!(line.trim(), "ready");
        // Posters made while the poller watches, until it saw enough URLs or time is up.
        let started = std::time::Instant::now();
        let done = std::thread::spawn(move || {
            let mut rest = String::new();
            out.read_line(&mut rest).unwrap();
            rest
        });
        while !done.is_finished() && started.elapsed() < std::time::Duration::from_secs(20) {
            let len = bytes.len() as u64;
            video::poster(&mut std::io::Cursor::new(bytes.clone()), len).expect("ffmpeg of this user is served");
        }
        let said = done.join().unwrap();
        let _ = child.wait();
        let mut fields = said.split_whitespace().map(|f| f.parse::<u64>().unwrap());
        (fields.next().unwrap(), fields.next().unwrap())
    };
    let (seen, got) = run_poller(None);
    assert!(seen > 0 && got > 0, "control: the poller as this user saw {seen} URLs and got {got} bytes");
    let (seen, got) = run_poller(Some(65534));
    assert!(seen > 0, "the poller as another user saw no URL (nothing was tested)");
    assert_eq!(got, 0, "another user got {got} bytes of the video from {seen} URLs");
}

/// A folder's thumbnails are made by a pool of threads, out of order, and each must still
/// reach its own item: every photo of a folder (different sizes, so a swapped thumbnail
/// shows) gets a thumbnail made from it, and the PDQ of its picture is stored with it.
#[test]
fn a_folder_of_photos_gets_each_its_own_thumbnail_from_the_pool() {
    require!("ffmpeg");
    let env = CliEnv::new();
    let folder = env.path("camera");
    std::fs::create_dir(&folder).unwrap();
    let sizes = [(640, 480), (480, 640), (1200, 300), (300, 1200), (800, 800), (1000, 500), (500, 1000), (960, 540)];
    for (n, (w, h)) in sizes.iter().enumerate() {
        ffmpeg_image(&folder, &format!("IMG_{n}.jpg"), &format!("{w}x{h}"), &[]);
    }
    env.cmd().arg("add").arg(&folder).assert().success();
    let items = env.list_json();
    assert_eq!(items.len(), sizes.len());
    for item in &items {
        let n: usize =
            item["name"].as_str().unwrap().trim_start_matches("camera/IMG_").trim_end_matches(".jpg").parse().unwrap();
        assert_eq!(item["thumbnail"], true, "{item}");
        assert_eq!(
            (item["width"].as_u64().unwrap(), item["height"].as_u64().unwrap()),
            (sizes[n].0, sizes[n].1),
            "{item}"
        );
        // The stored thumbnail is this photo's: its shape follows the photo's.
        let jpeg =
            env.cmd().args(["thumb", item["id"].as_str().unwrap()]).assert().success().get_output().stdout.clone();
        let thumb = decode(&jpeg);
        let (tw, th) = (thumb.width() as i64, thumb.height() as i64);
        let (w, h) = (sizes[n].0 as i64, sizes[n].1 as i64);
        assert!((tw * h - th * w).abs() <= w.max(h) * 2, "IMG_{n}: thumbnail {tw}x{th} for {w}x{h}");
    }
}
