"""Drives `clipvault serve`'s gallery in a real, headless Chromium (Debian's, through
Playwright): the grid shows every item, an image displays, a video plays and seeks, an
upload adds an item, a hostile name stays text, Shred asks and destroys, Lock ends it all.

Run by tests/browser.rs, which makes the vault and the media and checks the disk afterwards:
    python3 gallery.py LINK PROFILE_DIR UPLOAD_FILE EXPECTED_ITEMS HOSTILE_NAME
Prints one JSON object of what it measured; exits non-zero on the first failed check.
"""

import http.server
import json
import os
import shutil
import sys
import threading

from playwright.sync_api import sync_playwright

TIMEOUT_MS = 60_000


def chromium_path():
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("Debian's chromium is not installed: apt-get install chromium")


def open_browser(p, profile):
    """Debian's chromium, headless, with a profile of its own (as root, without its sandbox,
    which refuses to run as root); its first page, and the context to close."""
    args = ["--no-sandbox"] if os.geteuid() == 0 else []
    context = p.chromium.launch_persistent_context(profile, executable_path=chromium_path(), headless=True, args=args)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.pages[0] if context.pages else context.new_page()
    return context, page


class OtherPort(http.server.BaseHTTPRequestHandler):
    """Another local program's page on another 127.0.0.1 port: it records every Cookie header
    the browser sends it, and tries to plant its own `clipvault_session` for every path."""

    cookies = []

    def do_GET(self):
        OtherPort.cookies.append(self.headers.get("Cookie", ""))
        body = b"<!doctype html><title>other</title><p>another program's page</p>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Set-Cookie", "clipvault_session=planted-by-another-program; Path=/")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def visit_another_port(context):
    """Opens a page of another program on another port in the same browser: it must get no
    session cookie, and its planted cookie must not lock the gallery."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), OtherPort)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    other = context.new_page()
    for path in ("/", "/api/items", "/anything/else"):
        other.goto(f"http://127.0.0.1:{server.server_address[1]}{path}")
    other.close()
    server.shutdown()
    leaked = [c for c in OtherPort.cookies if "clipvault_session=" in c and "planted-by-another-program" not in c]
    assert not leaked, f"another port got the session cookie: {leaked}"
    return len(OtherPort.cookies)


def main():
    link, profile, upload, expected, hostile = sys.argv[1:6]
    expected = int(expected)
    measured = {}
    dialogs = []
    with sync_playwright() as p:
        context, page = open_browser(p, profile)

        def on_dialog(dialog):
            dialogs.append(dialog.message)
            dialog.accept()

        page.on("dialog", on_dialog)

        # The link sets the cookie and leaves the token behind: the address is plain `/`.
        page.goto(link)
        assert page.url.endswith("/"), page.url
        assert "token" not in page.url
        tiles = page.locator("#grid .tile")
        page.wait_for_function(f"() => document.querySelectorAll('#grid .tile').length === {expected}")
        names = tiles.locator(".name").all_text_contents()
        measured["names"] = names
        assert hostile in names, names
        # The hostile name is text: nothing it names was made into an element, no script ran.
        assert page.evaluate("() => document.querySelectorAll('img[src=\"x\"]').length") == 0
        assert not any("1" == d for d in dialogs), dialogs

        # Thumbnails: the image's and the video's come from the server and decode.
        page.wait_for_function(
            "() => [...document.querySelectorAll('#grid .tile img.thumb')].length >= 2 && "
            "[...document.querySelectorAll('#grid .tile img.thumb')].every(i => i.complete && i.naturalWidth > 0)"
        )
        measured["thumbnails"] = page.locator("#grid .tile img.thumb").count()

        # Another program's page on another port gets no cookie and cannot lock us out.
        measured["other_port_requests"] = visit_another_port(context)
        page.reload()
        page.wait_for_function(f"() => document.querySelectorAll('#grid .tile').length === {expected}")
        measured["title"] = page.title()
        assert "clipvault" not in page.title().lower(), page.title()

        # Evidence is marked, and its viewer has no Shred.
        evidence = page.locator(".tile[data-evidence=true]")
        assert evidence.count() == 1 and "Evidence" in evidence.inner_text(), evidence.count()
        evidence.click()
        assert page.locator("#shred").is_hidden()
        assert "shred --force" in page.locator("#viewer-note").inner_text()
        page.click("#close")
        measured["evidence_tiles"] = 1

        # An image displays.
        page.locator(".tile[data-kind=image]:not([data-evidence])").first.click()
        page.wait_for_function(
            "() => { const i = document.getElementById('viewing'); return i && i.complete && i.naturalWidth > 0 }"
        )
        measured["image_width"] = page.evaluate("() => document.getElementById('viewing').naturalWidth")
        page.click("#close")

        # A video plays, seeks, and plays on from there.
        page.locator(".tile[data-kind=video]").first.click()
        page.wait_for_function("() => document.getElementById('viewing').readyState >= 1")
        measured["duration"] = page.evaluate("() => document.getElementById('viewing').duration")
        page.evaluate("() => { const v = document.getElementById('viewing'); v.muted = true; return v.play(); }")
        page.wait_for_function("() => document.getElementById('viewing').currentTime > 0.3")
        target = measured["duration"] * 0.6
        landed = page.evaluate(
            """(t) => new Promise(resolve => {
                const v = document.getElementById('viewing');
                v.addEventListener('seeked', () => resolve(v.currentTime), { once: true });
                v.currentTime = t;
            })""",
            target,
        )
        measured["seeked_to"] = landed
        assert abs(landed - target) < 0.5, (landed, target)
        page.wait_for_function(f"() => document.getElementById('viewing').currentTime > {landed + 0.3}")
        measured["played_past"] = page.evaluate("() => document.getElementById('viewing').currentTime")
        page.click("#close")

        # Upload adds an item.
        page.set_input_files("#upload", upload)
        page.wait_for_function(f"() => document.querySelectorAll('#grid .tile').length === {expected + 1}")
        uploaded = os.path.basename(upload)
        assert uploaded in tiles.locator(".name").all_text_contents()
        page.wait_for_function("() => document.getElementById('status').textContent.startsWith('Added')")
        assert page.text_content("#status") == "Added 1 of 1.", page.text_content("#status")
        # The same file again: refused as already stored, and the reason stays with the count.
        page.set_input_files("#upload", upload)
        page.wait_for_function("() => document.getElementById('status').textContent.startsWith('Added 0')")
        status = page.text_content("#status")
        assert status.startswith("Added 0 of 1. ") and uploaded in status and "already" in status, status

        # Shred asks, then destroys.
        page.locator("#grid .tile", has_text=uploaded).click()
        page.click("#shred")
        page.wait_for_function(f"() => document.querySelectorAll('#grid .tile').length === {expected}")
        assert any("Destroy" in d for d in dialogs), dialogs
        assert uploaded not in tiles.locator(".name").all_text_contents()

        # Lock ends the session: the page says so, the server is gone.
        page.click("#lock")
        page.wait_for_selector("#locked:not([hidden])")
        assert tiles.count() == 0
        context.close()
    print(json.dumps(measured))


if __name__ == "__main__":
    main()
