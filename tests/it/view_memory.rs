//! `view` of a big item keeps memory bounded (issue #30): a viewer that wants a path gets an
//! in-memory file for an item up to 256 MiB, and above that a loopback URL served to this
//! user only, which it can read whole and seek in; peak RSS (shared memory included) stays
//! far below the item's size. It held a 300 MiB item whole in memory before.

use crate::fixture::{CliEnv, heavy, require};

/// A viewer that reads what it is given (a path or a URL) whole, then the last MiB again by
/// itself (a seek), and writes the SHA-256 of the whole and what it was given.
const VIEWER: &str = r#"
import hashlib, sys, urllib.request
target, out = sys.argv[1], sys.argv[2]
h = hashlib.sha256()
if target.startswith("http://"):
    with urllib.request.urlopen(target) as r:
        while chunk := r.read(1 << 20):
            h.update(chunk)
    size = int(urllib.request.urlopen(urllib.request.Request(target, method="HEAD")).headers["Content-Length"])
    req = urllib.request.Request(target, headers={"Range": f"bytes={size - (1 << 20)}-"})
    tail = urllib.request.urlopen(req).read()
else:
    with open(target, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
        f.seek(-(1 << 20), 2)
        tail = f.read()
open(out, "w").write(f"{h.hexdigest()} {len(tail)} {target.split(':')[0]}\n")
"#;

fn view_and_measure(env: &CliEnv, name: &str) -> (String, u64) {
    let viewer = env.write("viewer.py", VIEWER.as_bytes());
    let out = env.path("seen.txt");
    let with = format!("python3 {} {{}} {}", viewer.display(), out.display());
    let time = env.path("time.txt");
    let mut command = env.program_on(&env.vault, Some(&env.pass));
    command.args(["view", name, "--with", &with]);
    let status = std::process::Command::new("/usr/bin/time")
        .args(["-f", "%M", "-o"])
        .arg(&time)
        .arg(command.get_program())
        .args(command.get_args())
        .envs(command.get_envs().filter_map(|(k, v)| v.map(|v| (k, v))))
        .status()
        .unwrap();
    assert!(status.success());
    let peak_kib: u64 = std::fs::read_to_string(&time).unwrap().trim().parse().unwrap();
    (std::fs::read_to_string(&out).unwrap(), peak_kib)
}

#[test]
fn viewing_a_big_item_keeps_memory_bounded_and_the_viewer_can_seek() {
    require!("python3", "/usr/bin/time");
    let _heavy = heavy();
    let env = CliEnv::new();
    let big = env.path("long-video.mp4");
    let small = env.path("short-clip.mp4");
    let content = |len: usize, seed: u64| -> Vec<u8> {
        let mut x = seed;
        (0..len / 8)
            .flat_map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x.to_le_bytes()
            })
            .collect()
    };
    let big_bytes = content(300 << 20, 7);
    std::fs::write(&big, &big_bytes).unwrap();
    let big_sha = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&big_bytes));
    drop(big_bytes);
    let small_bytes = content(10 << 20, 9);
    std::fs::write(&small, &small_bytes).unwrap();
    let small_sha = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&small_bytes));
    env.cmd().args(["add", "--no-thumbnails"]).arg(&big).arg(&small).assert().success();

    let (seen, peak_kib) = view_and_measure(&env, "long-video.mp4");
    assert_eq!(seen.trim(), format!("{big_sha} 1048576 http"), "read whole and seeked, through a URL");
    assert!(peak_kib < 96 * 1024, "viewing a 300 MiB item peaked at {} MiB", peak_kib / 1024);

    let (seen, _) = view_and_measure(&env, "short-clip.mp4");
    assert!(
        seen.starts_with(&format!("{small_sha} 1048576 /proc/self/fd/")),
        "a small item is an in-memory file: {seen}"
    );
}
