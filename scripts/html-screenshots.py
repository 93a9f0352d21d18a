#!/usr/bin/env python3
"""Full-page screenshots of a self-contained HTML file (the `rolenorm report` output) at true phone
and desktop widths in headless Chromium, and its layout measured at each width.

Usage: html-screenshots.py REPORT.html OUT_DIR [WIDTH ...]   (default widths: 390 1280)

Headless Chromium will not make a window narrower than 500 px: `--window-size=390,…` lays the page
out 500 px wide and crops the picture, which hides (or invents) sideways scrolling. So the page is
put into an iframe of exactly WIDTH px (srcdoc, same origin) and measured from outside. Writes
OUT_DIR/report-WIDTH.png and prints per width: the page's scroll width, the frame width, the page
height, and the elements that stick out of the frame outside any scroll container.

Only the Python standard library and /usr/bin/chromium (or $CHROMIUM) are needed.
"""

import html
import json
import os
import re
import subprocess
import sys
import tempfile

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
PROBE = """<script>const f=document.getElementById('f');f.addEventListener('load',()=>{const w=f.contentWindow,d=f.contentDocument;
const out=[...d.querySelectorAll('body *')].filter(e=>e.getBoundingClientRect().right>w.innerWidth+1)
 .filter(e=>!e.parentElement.closest('.scroll,details.numbers,svg')).slice(0,10)
 .map(e=>e.tagName.toLowerCase()+(e.id?'#'+e.id:'')+(e.getAttribute('class')?'.'+e.getAttribute('class'):''));
const text=Math.min(...[...d.querySelectorAll('svg text')].filter(t=>w.getComputedStyle(t).display!=='none'&&t.textContent.trim())
 .map(t=>parseFloat(w.getComputedStyle(t).fontSize)*t.closest('svg').getScreenCTM().a));
document.body.setAttribute('data-layout',JSON.stringify({scroll:d.documentElement.scrollWidth,width:w.innerWidth,height:d.documentElement.scrollHeight,text,out}));});</script>"""


def page(source, width, height, probe):
    frame = (f'<iframe id="f" style="border:0;display:block;width:{width}px;height:{height}px" '
             f'srcdoc="{html.escape(source, quote=True)}"></iframe>')
    return f'<!DOCTYPE html><html><body style="margin:0">{frame}{PROBE if probe else ""}</body></html>'


def chromium(work, text, *args):
    path = os.path.join(work, "frame.html")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
         f"--user-data-dir={work}/profile", *args, "file://" + path],
        capture_output=True, text=True, timeout=300, check=False)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    report, out_dir = sys.argv[1], sys.argv[2]
    widths = [int(w) for w in sys.argv[3:]] or [390, 1280]
    with open(report, encoding="utf-8") as f:
        source = f.read()
    os.makedirs(out_dir, exist_ok=True)
    for width in widths:
        with tempfile.TemporaryDirectory() as work:
            dom = chromium(work, page(source, width, 900, True), "--window-size=1400,900",
                           "--virtual-time-budget=10000", "--dump-dom").stdout
        found = re.search(r'data-layout="([^"]*)"', dom)
        if not found:
            sys.exit(f"{report}: no layout measured at {width} px")
        layout = json.loads(html.unescape(found.group(1)))
        shot = os.path.join(out_dir, f"report-{width}.png")
        with tempfile.TemporaryDirectory() as work:
            chromium(work, page(source, width, layout["height"], False),
                     f"--window-size={width},{layout['height']}", f"--screenshot={shot}")
        print(f"{width} px: page scroll width {layout['scroll']} / frame {layout['width']}, "
              f"height {layout['height']}, smallest chart text {layout['text']:.1f} px, sticking out: {layout['out'] or 'nothing'} → {shot}")


if __name__ == "__main__":
    main()
