//! `clipvault serve` over real HTTP: the real binary serving a real vault on 127.0.0.1, asked
//! by `ureq` (and by a raw socket where a client library would fix the request up). Every
//! rule of the gallery server: no data without the cookie, a link that works once, the Host
//! check, CSRF, the headers on every response, Range, hostile names and content, upload,
//! shred, and locking by button, idle time and signal.

use crate::fixture::{self, CliEnv, quiet, require};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

/// A running `clipvault serve`.
struct Server {
    child: Child,
    port: u16,
    /// The one-time link it printed.
    link: String,
    /// The random path every route is under (`/` and 32 hex digits).
    base: String,
    agent: ureq::Agent,
}

impl Server {
    fn start(env: &CliEnv, idle: &str) -> Server {
        let mut child = env
            .process()
            .args(["serve", "--idle-lock", idle])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.as_mut().unwrap()).read_line(&mut line).unwrap();
        let link = line.trim().to_string();
        assert!(link.starts_with("http://127.0.0.1:"), "serve printed {link:?}");
        let port = link["http://127.0.0.1:".len()..].split('/').next().unwrap().parse().unwrap();
        let path = &link[link.find(&format!(":{port}/")).unwrap() + format!(":{port}").len()..];
        let base = path.strip_suffix(&path[path.find("/unlock").unwrap()..]).unwrap().to_string();
        assert_eq!(base.len(), 33, "a random base path: {link}");
        let agent = ureq::Agent::config_builder()
            .max_redirects(0)
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .new_agent();
        Server { child, port, link, base, agent }
    }

    /// `path` under the server's base path.
    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{}{path}", self.port, self.base)
    }

    /// Follows the link; returns the session cookie (`name=value`).
    fn unlock(&self) -> String {
        let response = self.agent.get(&self.link).call().unwrap();
        assert_eq!(response.status(), 303);
        let set = response.headers()["set-cookie"].to_str().unwrap().to_string();
        set.split(';').next().unwrap().to_string()
    }

    /// A request with optional cookie and headers: status, headers, body.
    fn request(&self, method: &str, path: &str, cookie: Option<&str>, headers: &[(&str, &str)], body: &[u8]) -> Reply {
        let mut request = ureq::http::Request::builder().method(method).uri(self.url(path));
        if let Some(cookie) = cookie {
            request = request.header("Cookie", cookie);
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = if body.is_empty() && method != "POST" {
            self.agent.run(request.body(()).unwrap())
        } else {
            self.agent.run(request.body(body.to_vec()).unwrap())
        }
        .unwrap();
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response.into_body().with_config().limit(1 << 30).read_to_vec().unwrap();
        Reply { status, headers, body }
    }

    /// The status of a request to `path` as it stands (not under the base path).
    fn request_at(&self, method: &str, path: &str, cookie: Option<&str>) -> u16 {
        let mut request =
            ureq::http::Request::builder().method(method).uri(format!("http://127.0.0.1:{}{path}", self.port));
        if let Some(cookie) = cookie {
            request = request.header("Cookie", cookie);
        }
        self.agent.run(request.body(()).unwrap()).unwrap().status().as_u16()
    }

    fn get(&self, path: &str, cookie: &str) -> Reply {
        self.request("GET", path, Some(cookie), &[], b"")
    }

    /// The CSRF token, as every authenticated GET answers it.
    fn csrf(&self, cookie: &str) -> String {
        self.get("/api/items", cookie).header("x-csrf-token").expect("GET answers with a CSRF token")
    }

    /// Waits for the server to exit; its status and standard error.
    fn wait(mut self, within: Duration) -> (i32, String) {
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                let mut stderr = String::new();
                self.child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
                return (status.code().unwrap_or(-1), stderr);
            }
            assert!(started.elapsed() < within, "serve did not exit within {within:?}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Unlocks, then starts an upload that stalls (see `start_upload`) and gives it a moment
    /// to reach the server: the cookie, the CSRF token and the stalled connection.
    fn stalled_upload(&self) -> (String, String, TcpStream) {
        let cookie = self.unlock();
        let csrf = self.csrf(&cookie);
        let stalled = self.start_upload(&cookie, &csrf, "stalled.bin");
        std::thread::sleep(Duration::from_millis(300));
        (cookie, csrf, stalled)
    }

    /// An upload written by hand that promises 1 MB and has sent 5 kB so far.
    fn start_upload(&self, cookie: &str, csrf: &str, name: &str) -> TcpStream {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(
            stream,
            "POST {}/api/items HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nCookie: {cookie}\r\nX-CSRF-Token: {csrf}\r\n\
             X-File-Name: {name}\r\nContent-Length: 1000000\r\n\r\n",
            self.base, self.port
        )
        .unwrap();
        stream.write_all(&[7u8; 5000]).unwrap();
        stream
    }

    fn signal(&self, signal: i32) {
        // SAFETY: kill with the pid of the server this test started and a valid signal.
        assert_eq!(unsafe { libc::kill(self.child.id() as i32, signal) }, 0);
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Reply {
    status: u16,
    headers: ureq::http::HeaderMap,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<String> {
        self.headers.get(name).map(|v| v.to_str().unwrap().to_string())
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap()
    }

    /// The headers every response must carry.
    fn assert_guarded(&self, what: &str) {
        assert_eq!(self.header("cache-control").as_deref(), Some("no-store"), "{what}");
        assert_eq!(self.header("referrer-policy").as_deref(), Some("no-referrer"), "{what}");
        assert_eq!(self.header("x-content-type-options").as_deref(), Some("nosniff"), "{what}");
        let policy = self.header("content-security-policy").unwrap_or_else(|| panic!("{what}: no CSP"));
        assert!(policy.starts_with("default-src 'none'"), "{what}: {policy}");
        assert!(!policy.contains("http"), "{what}: the policy allows another origin: {policy}");
    }
}

/// A vault with an image (made by ffmpeg), 200,000 random bytes and a voice clip.
fn vault_with_items() -> (CliEnv, Vec<u8>) {
    let env = CliEnv::new();
    let image = env.path("beach.png");
    fixture::ffmpeg(&["-f", "lavfi", "-i", "testsrc=size=640x480:rate=1", "-frames:v", "1"], &image);
    let random: Vec<u8> = (0..200_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    let notes = env.write("notes.bin", &random);
    env.add(&image);
    env.add(&notes);
    (env, random)
}

fn id_of(env: &CliEnv, name: &str) -> String {
    let items = env.list_json();
    let item = items.iter().find(|i| i["name"] == name).unwrap_or_else(|| panic!("{name} is listed"));
    item["id"].as_str().unwrap().to_string()
}

#[test]
fn without_the_cookie_nothing_answers_and_every_response_is_guarded() {
    require!("ffmpeg");
    let (env, _) = vault_with_items();
    let id = id_of(&env, "notes.bin");
    let server = Server::start(&env, "10");
    let routes = [
        ("GET", "/".to_string()),
        ("GET", "/app.js".to_string()),
        ("GET", "/api/items".to_string()),
        ("GET", format!("/api/items/{id}/content")),
        ("GET", format!("/api/items/{id}/thumbnail")),
        ("POST", "/api/items".to_string()),
        ("DELETE", format!("/api/items/{id}")),
        ("POST", "/api/lock".to_string()),
        ("GET", "/no/such/page".to_string()),
    ];
    for cookie in [None, Some("clipvault_session=guessed"), Some("other=1")] {
        for (method, path) in &routes {
            let reply = server.request(method, path, cookie, &[("X-File-Name", "a")], b"");
            assert_eq!(reply.status, 401, "{method} {path} with {cookie:?}");
            reply.assert_guarded(path);
            let text = String::from_utf8_lossy(&reply.body);
            assert!(!text.contains("notes") && !text.contains(&id[..8]), "{method} {path} said {text}");
        }
    }
    let cookie = server.unlock();
    let replies = [
        ("page", server.get("/", &cookie), 200),
        ("script", server.get("/app.js", &cookie), 200),
        ("style", server.get("/app.css", &cookie), 200),
        ("list", server.get("/api/items", &cookie), 200),
        ("content", server.get(&format!("/api/items/{id}/content"), &cookie), 200),
        (
            "range",
            server.request("GET", &format!("/api/items/{id}/content"), Some(&cookie), &[("Range", "bytes=0-9")], b""),
            206,
        ),
        (
            "past the end",
            server.request(
                "GET",
                &format!("/api/items/{id}/content"),
                Some(&cookie),
                &[("Range", "bytes=999999-")],
                b"",
            ),
            416,
        ),
        ("no thumbnail", server.get(&format!("/api/items/{id}/thumbnail"), &cookie), 404),
        ("no such item", server.get("/api/items/0123456789abcdef/content", &cookie), 404),
        ("no such page", server.get("/nothing", &cookie), 404),
        ("no csrf", server.request("DELETE", &format!("/api/items/{id}"), Some(&cookie), &[], b""), 403),
    ];
    for (what, reply, status) in &replies {
        assert_eq!(reply.status, *status, "{what}");
        reply.assert_guarded(what);
    }
    // The page loads nothing from elsewhere: no absolute URL in it.
    let page = String::from_utf8(replies[0].1.body.clone()).unwrap();
    assert!(!page.contains("http:") && !page.contains("https:") && !page.contains("//cdn"), "{page}");
}

#[test]
fn the_link_works_once_and_sets_a_strict_http_only_cookie() {
    require!("ffmpeg");
    let (env, _) = vault_with_items();
    let server = Server::start(&env, "10");
    let wrong = server.link.replace("token=", "token=x");
    assert_eq!(server.agent.get(&wrong).call().unwrap().status(), 401);
    assert_eq!(server.agent.get(&server.url("/unlock")).call().unwrap().status(), 401);
    let first = server.agent.get(&server.link).call().unwrap();
    assert_eq!(first.status(), 303);
    assert_eq!(first.headers()["location"], format!("{}/", server.base).as_str());
    let set = first.headers()["set-cookie"].to_str().unwrap().to_string();
    // The cookie is sent to the gallery's base path only: never to another port's pages.
    let path = format!("Path={}/", server.base);
    assert!(set.contains("HttpOnly") && set.contains("SameSite=Strict") && set.contains(&path), "{set}");
    let cookie = set.split(';').next().unwrap().to_string();
    let items = server.get("/api/items", &cookie);
    assert_eq!(items.status, 200);
    assert_eq!(items.json().as_array().unwrap().len(), 2);
    // Nothing outside the base path answers, cookie or not.
    for path in ["/", "/api/items", "/unlock"] {
        let outside = server.request_at("GET", path, Some(&cookie));
        assert_eq!(outside, 404, "{path} outside the base path");
    }
    // The wrong token tried first did not spend it; the right one did. Its second use means
    // someone else has the link: the gallery locks at once and says why.
    let again = server.agent.get(&server.link).call().unwrap();
    assert_eq!(again.status(), 401);
    assert!(again.headers().get("set-cookie").is_none());
    let (code, said) = server.wait(Duration::from_secs(10));
    assert_eq!(code, 0);
    assert!(said.contains("used a second time"), "{said}");
}

/// A stranger's refused requests kept a short idle lock from firing (401s every 300 ms for
/// far longer than the idle time): only the gallery's own requests are activity, and the open
/// tab's heartbeat (`api/alive`, which it asks twice a second) is none either.
#[test]
fn refused_requests_do_not_keep_the_gallery_unlocked() {
    // An idle lock of two seconds.
    let _quiet = quiet();
    require!("ffmpeg");
    let (env, _) = vault_with_items();
    let server = Server::start(&env, "2s");
    let cookie = server.unlock();
    assert_eq!(server.get("/api/items", &cookie).status, 200);
    let started = Instant::now();
    // Refused requests until the server stops answering at all (it locked) or 6 s passed.
    while started.elapsed() < Duration::from_secs(6) {
        match server.agent.get(&server.url("/api/items")).call() {
            Ok(reply) => assert_eq!(reply.status(), 401),
            Err(_) => break,
        }
        let heartbeat = ureq::http::Request::get(server.url("/api/alive")).header("Cookie", &cookie);
        match server.agent.run(heartbeat.body(()).unwrap()) {
            Ok(reply) => assert!([204, 401, 503].contains(&reply.status().as_u16()), "{}", reply.status()),
            Err(_) => break,
        }
        std::thread::sleep(Duration::from_millis(300));
    }
    let (code, said) = server.wait(Duration::from_secs(10));
    assert!(started.elapsed() < Duration::from_secs(6), "locked while strangers kept asking");
    assert_eq!(code, 0);
    assert!(said.contains("no request for"), "{said}");
}

/// A request written by hand, so the Host header is exactly what the test says.
fn raw_get(server: &Server, host: Option<&str>, cookie: &str) -> u16 {
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    let host_line = host.map(|h| format!("Host: {h}\r\n")).unwrap_or_default();
    let base = &server.base;
    write!(stream, "GET {base}/api/items HTTP/1.1\r\n{host_line}Cookie: {cookie}\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut reply = String::new();
    let _ = stream.read_to_string(&mut reply);
    reply.split(' ').nth(1).unwrap_or("0").parse().unwrap()
}

#[test]
fn only_its_own_host_names_are_answered() {
    require!("ffmpeg");
    let (env, _) = vault_with_items();
    let server = Server::start(&env, "10");
    let cookie = server.unlock();
    let port = server.port;
    assert_eq!(raw_get(&server, Some(&format!("127.0.0.1:{port}")), &cookie), 200);
    assert_eq!(raw_get(&server, Some(&format!("localhost:{port}")), &cookie), 200);
    // DNS rebinding: a hostile page's own name, now pointing at 127.0.0.1.
    assert_eq!(raw_get(&server, Some(&format!("evil.example:{port}")), &cookie), 403);
    assert_eq!(raw_get(&server, Some("127.0.0.1"), &cookie), 403);
    assert_eq!(raw_get(&server, Some(&format!("127.0.0.1:{}", port.wrapping_add(1))), &cookie), 403);
    assert_eq!(raw_get(&server, None, &cookie), 403, "no Host at all");
}

#[test]
fn state_changes_need_the_csrf_token() {
    require!("ffmpeg");
    let (env, _) = vault_with_items();
    let id = id_of(&env, "notes.bin");
    let server = Server::start(&env, "10");
    let cookie = server.unlock();
    let shred = format!("/api/items/{id}");
    for headers in [vec![], vec![("X-CSRF-Token", "guessed")]] {
        assert_eq!(server.request("DELETE", &shred, Some(&cookie), &headers, b"").status, 403);
        let mut upload = headers.clone();
        upload.push(("X-File-Name", "sneaked.bin"));
        assert_eq!(server.request("POST", "/api/items", Some(&cookie), &upload, b"sneaked in").status, 403);
        assert_eq!(server.request("POST", "/api/lock", Some(&cookie), &headers, b"").status, 403);
    }
    assert_eq!(env.list_json().len(), 2, "nothing was shredded or added");
    let csrf = server.csrf(&cookie);
    let reply = server.request("DELETE", &shred, Some(&cookie), &[("X-CSRF-Token", &csrf)], b"");
    assert_eq!(reply.status, 200);
    assert_eq!(reply.json()["shredded"], id.as_str());
    let names: Vec<String> = env.names(&[]);
    assert_eq!(names, ["beach.png"], "shredded for real, as `list` sees the file");
    assert_eq!(server.get(&format!("/api/items/{id}/content"), &cookie).status, 404);
}

#[test]
fn ranges_follow_rfc_9110_and_bytes_equal_cat() {
    require!("ffmpeg");
    let (env, random) = vault_with_items();
    let id = id_of(&env, "notes.bin");
    let server = Server::start(&env, "10");
    let cookie = server.unlock();
    let path = format!("/api/items/{id}/content");
    let whole = server.get(&path, &cookie);
    assert_eq!(whole.status, 200);
    assert_eq!(whole.body, random);
    assert_eq!(whole.body, env.cat("notes.bin"));
    assert_eq!(whole.header("accept-ranges").as_deref(), Some("bytes"));
    assert_eq!(whole.header("content-type").as_deref(), Some("application/octet-stream"));
    let n = random.len();
    let cases: [(&str, std::ops::Range<usize>); 6] = [
        ("bytes=0-99", 0..100),
        ("bytes=65530-65545", 65530..65546), // across a chunk boundary
        ("bytes=-1000", n - 1000..n),        // suffix
        ("bytes=150000-", 150_000..n),       // open-ended
        ("bytes=199990-300000", 199_990..n), // end past the end: cut
        ("bytes=-999999", 0..n),             // suffix longer than the item
    ];
    for (range, expected) in cases {
        let reply = server.request("GET", &path, Some(&cookie), &[("Range", range)], b"");
        assert_eq!(reply.status, 206, "{range}");
        assert_eq!(reply.body, random[expected.clone()], "{range}");
        let content_range = format!("bytes {}-{}/{n}", expected.start, expected.end - 1);
        assert_eq!(reply.header("content-range"), Some(content_range), "{range}");
        assert_eq!(reply.header("content-length"), Some(expected.len().to_string()), "{range}");
    }
    for range in [format!("bytes={n}-"), "bytes=0-1,5-6".to_string(), "bytes=-0".to_string()] {
        let reply = server.request("GET", &path, Some(&cookie), &[("Range", &range)], b"");
        assert_eq!(reply.status, 416, "{range}");
        assert_eq!(reply.header("content-range"), Some(format!("bytes */{n}")), "{range}");
        assert!(reply.body.is_empty());
    }
    // Not a byte range: ignored, the whole item (RFC 9110 §14.2).
    let reply = server.request("GET", &path, Some(&cookie), &[("Range", "pages=1-2")], b"");
    assert_eq!((reply.status, reply.body.len()), (200, n));
    let head = server.request("HEAD", &path, Some(&cookie), &[], b"");
    assert_eq!((head.status, head.header("content-length")), (200, Some(n.to_string())));
    drop(server);

    // Past the first 1 MiB batch of decrypted chunks: ranges that span batches.
    let big: Vec<u8> = (0..2_600_000u32).map(|i| (i.wrapping_mul(2_246_822_519) >> 11) as u8).collect();
    env.add(&env.write("big.bin", &big));
    let server = Server::start(&env, "10");
    let cookie = server.unlock();
    let path = format!("/api/items/{}/content", id_of(&env, "big.bin"));
    assert_eq!(server.get(&path, &cookie).body, big);
    let batch = 16 * 65536;
    for (from, to) in [(batch - 10, batch + 10), (batch - 1, 2 * batch), (5, 2 * batch + 7), (2 * batch, big.len() - 1)]
    {
        let reply = server.request("GET", &path, Some(&cookie), &[("Range", &format!("bytes={from}-{to}"))], b"");
        assert_eq!(reply.status, 206);
        assert!(reply.body == big[from..=to], "bytes {from}-{to}");
    }
}

#[test]
fn hostile_names_and_content_never_run_as_a_page() {
    let env = CliEnv::new();
    let name = "<img src=x onerror=alert(1)>.html";
    let page = env.write("page.html", b"<!doctype html><html><script>document.title='pwned'</script></html>");
    let svg = env.write("logo.svg", br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#);
    env.cmd().arg("add").arg(&page).args(["--name", name]).assert().success();
    env.add(&svg);
    let server = Server::start(&env, "10");
    let cookie = server.unlock();
    let items = server.get("/api/items", &cookie).json();
    let listed: Vec<&str> = items.as_array().unwrap().iter().map(|i| i["name"].as_str().unwrap()).collect();
    assert!(listed.contains(&name), "the name comes back exactly, as data: {listed:?}");
    for item in items.as_array().unwrap() {
        let reply = server.get(&format!("/api/items/{}/content", item["id"].as_str().unwrap()), &cookie);
        assert_eq!(reply.status, 200);
        assert_eq!(reply.header("content-type").as_deref(), Some("application/octet-stream"), "{}", item["type"]);
        assert!(reply.header("content-security-policy").unwrap().contains("sandbox"));
    }
}

#[test]
fn thumbnails_are_jpegs_made_in_memory() {
    require!("ffmpeg");
    let (env, _) = vault_with_items();
    let server = Server::start(&env, "10");
    let cookie = server.unlock();
    let reply = server.get(&format!("/api/items/{}/thumbnail", id_of(&env, "beach.png")), &cookie);
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("content-type").as_deref(), Some("image/jpeg"));
    assert_eq!(&reply.body[..3], [0xff, 0xd8, 0xff], "a JPEG");
    let none = server.get(&format!("/api/items/{}/thumbnail", id_of(&env, "notes.bin")), &cookie);
    assert_eq!(none.status, 404);
    assert!(none.json()["error"].as_str().unwrap().contains("no thumbnail"));
}

#[test]
fn upload_streams_into_the_vault_and_refuses_duplicates_and_cut_offs() {
    let env = CliEnv::new();
    let server = Server::start(&env, "10");
    let cookie = server.unlock();
    let csrf = server.csrf(&cookie);
    let content: Vec<u8> = (0..3_000_000u32).map(|i| (i % 251) as u8).collect();
    let headers = [
        ("X-CSRF-Token", csrf.as_str()),
        ("X-File-Name", "Camera%2FIMG%200001.bin"),
        ("X-File-Modified", "1700000000123"),
    ];
    let reply = server.request("POST", "/api/items", Some(&cookie), &headers, &content);
    assert_eq!(reply.status, 201, "{}", String::from_utf8_lossy(&reply.body));
    let item = reply.json();
    assert_eq!(item["name"], "Camera/IMG 0001.bin");
    assert_eq!(item["size"], content.len());
    assert_eq!(item["modified"], "2023-11-14T22:13:20Z");
    let id = item["id"].as_str().unwrap().to_string();
    assert_eq!(env.cat(&id), content);
    let again = server.request("POST", "/api/items", Some(&cookie), &headers, &content);
    assert_eq!(again.status, 409);
    assert_eq!(again.json()["id"], id.as_str());
    let nameless = server.request("POST", "/api/items", Some(&cookie), &[("X-CSRF-Token", &csrf)], b"x");
    assert_eq!(nameless.status, 400);
    // A client that promises 1 MB and sends 5 kB, then goes: nothing is stored.
    let stream = server.start_upload(&cookie, &csrf, "cut.bin");
    stream.shutdown(std::net::Shutdown::Both).unwrap();
    drop(stream);
    // The next upload waits for the cut-off one to end (both need the vault): then the
    // vault holds the first and the last, never a piece of the cut one.
    let after = [("X-CSRF-Token", csrf.as_str()), ("X-File-Name", "after.bin")];
    assert_eq!(server.request("POST", "/api/items", Some(&cookie), &after, b"after").status, 201);
    assert_eq!(env.names(&[]), ["Camera/IMG 0001.bin", "after.bin"]);
}

#[test]
fn the_lock_button_ends_the_server_and_nothing_secret_is_printed() {
    require!("ffmpeg");
    let (env, _) = vault_with_items();
    let server = Server::start(&env, "10");
    let link = server.link.clone();
    let cookie = server.unlock();
    let csrf = server.csrf(&cookie);
    let reply = server.request("POST", "/api/lock", Some(&cookie), &[("X-CSRF-Token", &csrf)], b"");
    assert_eq!(reply.status, 200);
    let port = server.port;
    let (code, stderr) = server.wait(Duration::from_secs(30));
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("locked: the Lock button was pressed"), "{stderr}");
    let token = link.split("token=").nth(1).unwrap();
    for secret in [token, &cookie["clipvault_session=".len()..], &csrf, "beach", "notes"] {
        assert!(!stderr.contains(secret), "stderr shows {secret}: {stderr}");
    }
    assert!(TcpStream::connect(("127.0.0.1", port)).is_err(), "the listener is closed");
}

#[test]
fn it_locks_when_idle_and_on_signals() {
    require!("ffmpeg");
    // An idle lock of one second.
    let _quiet = quiet();
    let (env, _) = vault_with_items();
    let server = Server::start(&env, "1s");
    let cookie = server.unlock();
    assert_eq!(server.get("/api/items", &cookie).status, 200);
    let (code, stderr) = server.wait(Duration::from_secs(30));
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("locked: no request for 1s"), "{stderr}");
    for (signal, name) in [(libc::SIGTERM, "SIGTERM"), (libc::SIGINT, "SIGINT"), (libc::SIGHUP, "SIGHUP")] {
        let server = Server::start(&env, "10");
        server.signal(signal);
        let (code, stderr) = server.wait(Duration::from_secs(30));
        assert_eq!(code, 0, "{stderr}");
        assert!(stderr.contains("locked: ") && stderr.contains(name), "{stderr}");
    }
    // Locked means closed: the vault is free for a writer again.
    env.add(&env.write("after.txt", b"after"));
}

#[test]
/// `serve --open` put the one-time link on `xdg-open`'s command line, where every local user
/// reads it in /proc. The opener now gets a private file (0600 in a 0700 folder) that
/// redirects to the link; and an opener that fails is reported, not left as a zombie.
fn open_hands_the_link_to_the_browser_opener() {
    require!("ffmpeg");
    let (env, _) = vault_with_items();
    // A stand-in `xdg-open` first on PATH records what it was given.
    let bin = env.path("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let opened = env.path("opened.txt");
    let opener = bin.join("xdg-open");
    std::fs::write(&opener, format!("#!/bin/sh\necho \"$@\" > '{}'\n", opened.display())).unwrap();
    std::fs::set_permissions(&opener, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    // serve --open with the stand-in first on PATH: the process and the link it printed.
    let serve_open = |idle: &str| {
        let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
        let mut child = env
            .process()
            .args(["serve", "--open", "--idle-lock", idle])
            .env("PATH", path)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut link = String::new();
        BufReader::new(child.stdout.as_mut().unwrap()).read_line(&mut link).unwrap();
        (child, link)
    };
    let (mut child, link) = serve_open("10");
    let started = Instant::now();
    while std::fs::read_to_string(&opened).map_or(true, |t| t.trim().is_empty()) {
        assert!(started.elapsed() < Duration::from_secs(20), "xdg-open was not run");
        std::thread::sleep(Duration::from_millis(50));
    }
    let argument = std::fs::read_to_string(&opened).unwrap().trim().to_string();
    assert!(!argument.contains("token"), "the link is on the opener's command line: {argument}");
    let page = std::path::PathBuf::from(argument.strip_prefix("file://").expect("a file:// URL"));
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(std::fs::metadata(&page).unwrap().permissions().mode() & 0o777, 0o600);
    assert_eq!(std::fs::metadata(page.parent().unwrap()).unwrap().permissions().mode() & 0o777, 0o700);
    assert!(std::fs::read_to_string(&page).unwrap().contains(&format!("url={}", link.trim())));
    let _ = child.kill();
    let _ = child.wait();

    // An opener that fails (no browser) is said, on standard error.
    std::fs::write(&opener, "#!/bin/sh\nexit 3\n").unwrap();
    let (child, link) = serve_open("2s");
    let server = Server { child, port: 0, link, base: String::new(), agent: ureq::Agent::new_with_defaults() };
    let (_, said) = server.wait(Duration::from_secs(20));
    assert!(said.contains("could not open a browser"), "{said}");
}

#[test]
fn serve_refuses_bad_arguments_in_one_line() {
    let env = CliEnv::new();
    for idle in ["0", "soon"] {
        let out = env.cmd().args(["serve", "--idle-lock", idle]).assert().failure().code(2).get_output().stderr.clone();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("--idle-lock"), "{text}");
    }
    let busy = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let port = busy.local_addr().unwrap().port().to_string();
    let out = env.cmd().args(["serve", "--port", &port]).assert().failure().get_output().stderr.clone();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.trim().lines().count(), 1, "{text}");
    assert!(text.contains(&format!("cannot listen on 127.0.0.1:{port}")), "{text}");
}

/// A client that starts an upload and then stalls must not keep the vault open: Lock still
/// ends the server, and the half upload is not stored.
#[test]
fn lock_ends_the_server_even_during_a_stalled_upload() {
    require!("ffmpeg");
    let (env, _) = vault_with_items();
    let server = Server::start(&env, "10");
    let (cookie, csrf, stalled) = server.stalled_upload();
    let reply = server.request("POST", "/api/lock", Some(&cookie), &[("X-CSRF-Token", &csrf)], b"");
    assert_eq!(reply.status, 200);
    let (code, stderr) = server.wait(Duration::from_secs(30));
    assert_eq!(code, 0, "{stderr}");
    drop(stalled);
    assert_eq!(env.names(&[]).len(), 2, "the stalled upload was not stored");
}

/// The browser's DELETE shredded an evidence item without any force (only the command line
/// asked for `--force`). The rule lives in the vault now: the server refuses with 409, the
/// item stays, and the item's JSON says it is evidence so the page can mark it.
#[test]
fn the_browser_cannot_shred_evidence() {
    require!("ffmpeg");
    let (env, _) = vault_with_items();
    env.cmd().args(["evidence", "mark", "notes.bin", "--note", "the threat"]).assert().success();
    let id = id_of(&env, "notes.bin");
    let server = Server::start(&env, "10");
    let cookie = server.unlock();
    let items = server.get("/api/items", &cookie).json();
    let marked: Vec<bool> = items.as_array().unwrap().iter().map(|i| i["evidence"].as_bool().unwrap()).collect();
    assert_eq!(marked.iter().filter(|m| **m).count(), 1, "{items}");
    let csrf = server.csrf(&cookie);
    let reply = server.request("DELETE", &format!("/api/items/{id}"), Some(&cookie), &[("X-CSRF-Token", &csrf)], b"");
    assert_eq!(reply.status, 409);
    assert!(String::from_utf8_lossy(&reply.body).contains("evidence"));
    drop(server);
    assert_eq!(env.list_json().len(), 2, "the evidence item is still there");
}

/// An upload held the vault for its whole body: a stalled one froze `GET /api/items` for as
/// long as it stalled. The body is now encrypted beside the vault first, and the vault is
/// taken only to commit: the listing answers at once, and the cut-off upload leaves nothing.
#[test]
fn a_stalled_upload_does_not_hold_up_a_listing() {
    // The listing within 3 s.
    let _quiet = quiet();
    require!("ffmpeg");
    let (env, _) = vault_with_items();
    let server = Server::start(&env, "10");
    let (cookie, _, stalled) = server.stalled_upload();
    let started = Instant::now();
    let listing = server.get("/api/items", &cookie);
    assert_eq!(listing.status, 200);
    assert!(started.elapsed() < Duration::from_secs(3), "the listing waited {:?} for the upload", started.elapsed());
    assert_eq!(listing.json().as_array().unwrap().len(), 2);
    drop(stalled);
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(
        server.get("/api/items", &cookie).json().as_array().unwrap().len(),
        2,
        "the cut-off upload stored nothing"
    );
    let hidden: Vec<_> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".clipvault-"))
        .collect();
    assert!(hidden.is_empty(), "left beside the vault: {hidden:?}");
}
