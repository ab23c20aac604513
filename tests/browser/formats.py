"""Phone formats in the browser gallery, in a real headless Chromium: a HEIC photo displays
(Chromium cannot decode HEIC; the server hands it a JPEG made in memory), and a 3GP video
whose picture Chromium cannot decode says so and what plays it (it played sound over a black
box and said nothing).

Run by tests/browser.rs:
    python3 formats.py LINK PROFILE_DIR HEIC_NAME VIDEO_NAME
Prints one JSON object of what it measured; exits non-zero on the first failed check.
"""

import json
import sys

from playwright.sync_api import sync_playwright

from gallery import open_browser


def main():
    link, profile, heic, video = sys.argv[1:5]
    measured = {}
    with sync_playwright() as p:
        context, page = open_browser(p, profile)
        page.goto(link)
        page.wait_for_function("() => document.querySelectorAll('#grid .tile').length === 2")

        page.locator("#grid .tile", has_text=heic).click()
        page.wait_for_function(
            "() => { const i = document.getElementById('viewing'); return i && i.complete && i.naturalWidth > 0 }"
        )
        measured["heic_width"] = page.evaluate("() => document.getElementById('viewing').naturalWidth")
        page.click("#close")

        page.locator("#grid .tile", has_text=video).click()
        page.wait_for_function(
            "() => document.getElementById('viewer-note').textContent.includes('cannot show this video')"
        )
        measured["video_note"] = page.text_content("#viewer-note")
        context.close()
    print(json.dumps(measured))


if __name__ == "__main__":
    main()
