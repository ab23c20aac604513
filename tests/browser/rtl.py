"""The gallery in Arabic, at a phone's size, in a real headless Chromium whose language is
Arabic (its Accept-Language). Run by tests/browser.rs:
    python3 rtl.py LINK PROFILE_DIR EXPECTED_ITEMS SCREENSHOT
Prints one JSON object of what the page measured: its lang and dir, where the header's title,
the first tiles and the viewer's name and Close button sit, the texts shown; and keeps a
screenshot at SCREENSHOT. The test checks positions and sizes, not pixels.
"""

import json
import os
import sys

from playwright.sync_api import sync_playwright

from gallery import TIMEOUT_MS, chromium_path

PHONE = {"width": 360, "height": 740}


def box(page, selector):
    return page.evaluate(
        """(s) => { const r = document.querySelector(s).getBoundingClientRect();
                    return { left: r.left, right: r.right, top: r.top, width: r.width, height: r.height } }""",
        selector,
    )


def main():
    link, profile, expected, screenshot = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    args = ["--no-sandbox"] if os.geteuid() == 0 else []
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=chromium_path(), headless=True, args=args, locale="ar-EG", viewport=PHONE
        )
        context.set_default_timeout(TIMEOUT_MS)
        page = context.pages[0] if context.pages else context.new_page()
        page.goto(link)
        page.wait_for_function(f"() => document.querySelectorAll('#grid .tile').length === {expected}")
        result = {
            "lang": page.evaluate("() => document.documentElement.lang"),
            "dir": page.evaluate("() => document.documentElement.dir"),
            "width": page.evaluate("() => document.documentElement.clientWidth"),
            "title": box(page, "header h1"),
            "lock": box(page, "#lock"),
            "lock_text": page.evaluate("() => document.getElementById('lock').textContent"),
            "status": page.evaluate("() => document.getElementById('status').textContent"),
            "tiles": page.evaluate(
                """() => [...document.querySelectorAll('#grid .tile')].map((t) => {
                       const r = t.getBoundingClientRect();
                       const name = t.querySelector('.name');
                       return { left: r.left, right: r.right, top: r.top, width: r.width,
                                name: name.textContent, name_dir: getComputedStyle(name).direction } })"""
            ),
        }
        page.screenshot(path=screenshot, full_page=True)
        page.locator("#grid .tile").first.click()
        page.wait_for_selector("#viewer:not([hidden])")
        result["viewer_name"] = box(page, "#viewer-name")
        result["close"] = box(page, "#close")
        result["close_text"] = page.evaluate("() => document.getElementById('close').textContent")
        context.close()
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
