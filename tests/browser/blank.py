"""The gallery's tab after the server is gone (`panic`, Ctrl-C): it must blank itself within a
second, without anyone touching it. Run by tests/browser.rs:
    python3 blank.py LINK PROFILE_DIR EXPECTED_ITEMS
Opens the gallery and an image, prints "ready", waits for a line on standard input (the test
ends the server meanwhile), then prints one JSON object: how long the page took to blank and
what text it still shows.
"""

import json
import sys
import time

from playwright.sync_api import sync_playwright

from gallery import open_browser


def main():
    link, profile, expected = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with sync_playwright() as p:
        context, page = open_browser(p, profile)
        page.goto(link)
        page.wait_for_function(f"() => document.querySelectorAll('#grid .tile').length === {expected}")
        page.locator(".tile[data-kind=image]").first.click()
        page.wait_for_function("() => { const i = document.getElementById('viewing'); return i && i.naturalWidth > 0 }")
        print("ready", flush=True)
        sys.stdin.readline()
        ended = time.monotonic()
        page.wait_for_selector("#locked:not([hidden])", timeout=5_000)
        blanked_ms = (time.monotonic() - ended) * 1000
        text = page.evaluate("() => document.body.innerText")
        images = page.evaluate("() => document.querySelectorAll('img, video').length")
        context.close()
    print(json.dumps({"blanked_ms": blanked_ms, "text": text, "media_elements": images}))


if __name__ == "__main__":
    main()
