"""End-to-end test of the rolenorm web app in a real headless Chromium (selenium + Debian's
chromedriver). Usage: e2e.py BASE_URL SCREENSHOT_DIR. Exits non-zero on the first failure.

Pastes an ad, checks the role and a highlighted evidence span (and its task label on focus),
switches the language, saves a permalink, builds an ad and downloads its JSON-LD, and saves
screenshots of every page at 390 px and 1280 px width.
"""

import json
import os
import sys
import tempfile
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

BASE = sys.argv[1].rstrip("/")
SHOTS = sys.argv[2]
os.makedirs(SHOTS, exist_ok=True)
DOWNLOADS = tempfile.mkdtemp(prefix="rolenorm-e2e-downloads-")

AD = """Community Manager (m/w/d)

Deine Aufgaben:
- Du moderierst Kommentare auf Instagram und TikTok und beantwortest Nachrichten unserer Community.
- Du baust die Community auf und pflegst den Dialog mit unseren Fans.
- Du erkennst Krisen früh und eskalierst sie an das Social-Media-Team.

Dein Profil:
- Erfahrung im Community Management
"""


def driver():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1280,900", "--lang=de-DE"]:
        options.add_argument(arg)
    options.add_experimental_option("prefs", {
        "download.default_directory": DOWNLOADS,
        "download.prompt_for_download": False,
        "intl.accept_languages": "de-DE,de",
    })
    service = Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    d = webdriver.Chrome(service=service, options=options)
    d.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": DOWNLOADS})
    return d


def shoot(d, name, ours=True):
    """Full-page screenshots at phone and desktop width. Headless Chromium lays a window out no
    narrower than 500 px, so the phone width is emulated (device metrics), and a page of ours must
    not scroll sideways there (`ours=False`: a vendored page such as Swagger UI, only shot)."""
    d.execute_script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)")
    for width, mobile in ((390, True), (1280, False)):
        metrics = {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": mobile}
        d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
        inner, scroll = d.execute_script(
            "return [window.innerWidth, document.documentElement.scrollWidth]")
        if ours:
            check(inner == width and scroll <= width, f"{name} at {width} px: no sideways scroll ({scroll} px)")
        height = d.execute_script("return Math.min(document.documentElement.scrollHeight, 6000)")
        d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {**metrics, "height": max(900, height)})
        d.save_screenshot(os.path.join(SHOTS, f"{name}-{width}.png"))
    d.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    d.set_window_size(1280, 900)


def click_to_load(d, element_id):
    """Clicks a link or a form's button and waits until the browser has left the old page, so
    that no later lookup reads an element of the page being replaced."""
    old_page = d.find_element(By.TAG_NAME, "html")
    d.find_element(By.ID, element_id).click()
    WebDriverWait(d, 20).until(EC.staleness_of(old_page))


def check(condition, message):
    if not condition:
        raise AssertionError(message)
    print("ok:", message)


def main():
    d = driver()
    wait = WebDriverWait(d, 20)
    try:
        # Accept-Language de → German interface.
        d.get(BASE + "/")
        check(d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "de", "Accept-Language de gives German")
        shoot(d, "analyze-form")

        d.find_element(By.ID, "text").send_keys(AD)
        d.find_element(By.ID, "analyze").click()
        role = wait.until(EC.presence_of_element_located((By.ID, "role")))
        check(role.get_attribute("data-role") == "community-manager", f"role is community-manager ({role.text})")
        marks = d.find_elements(By.CSS_SELECTOR, "#ad mark")
        check(len(marks) >= 2, f"{len(marks)} evidence spans highlighted")
        community = [m for m in marks if "d-community" in m.get_attribute("class")]
        check(community, "a span is coloured as community work")
        label = community[0].get_attribute("data-label")
        check(label.startswith("COM-"), f"the span names its task ({label})")
        d.execute_script("arguments[0].focus()", community[0])
        after = d.execute_script("return getComputedStyle(arguments[0], '::after').content", community[0])
        check(label in after, "the task name shows on focus")
        check(d.find_elements(By.CSS_SELECTOR, "meter"), "role fit bars are drawn")
        check(d.find_element(By.ID, "verdict").text, "the Wollmilchsau verdict is shown")
        shoot(d, "analysis")

        # Switch to English, analyse again with a permalink.
        click_to_load(d, "lang-en")
        wait.until(lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en")
        check("Analyse a job ad" in d.page_source, "the switch gives English")
        d.find_element(By.ID, "text").send_keys(AD)
        d.find_element(By.ID, "save").click()
        d.find_element(By.ID, "analyze").click()
        link = wait.until(EC.presence_of_element_located((By.ID, "permalink")))
        check("/a/" in d.current_url and link.get_attribute("href") == d.current_url, "saving leads to the permalink page")
        check(d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en", "the language choice sticks (cookie)")
        shoot(d, "permalink")
        d.find_element(By.ID, "download-json").click()

        # The norm.
        d.get(BASE + "/norm")
        check(len(d.find_elements(By.CSS_SELECTOR, "table.matrix tbody tr")) > 40, "the role × task matrix is shown")
        shoot(d, "norm")
        d.get(BASE + "/norm/roles/community-manager")
        check("owned by" in d.page_source, "the role page names the owners of excluded tasks")
        shoot(d, "role")
        d.get(BASE + "/norm/tasks/COM-01")
        shoot(d, "task")

        # Build an ad and download its JSON-LD.
        d.get(BASE + "/build")
        Select(d.find_element(By.ID, "role")).select_by_value("community-manager")
        wait.until(EC.presence_of_element_located((By.ID, "build-form")))
        core = d.find_elements(By.CSS_SELECTOR, ".choice-core input")
        check(core and all(c.is_selected() and not c.is_enabled() for c in core), "core tasks are pre-selected and fixed")
        excluded = d.find_elements(By.CSS_SELECTOR, ".choice-excluded input")
        check(excluded and all(not c.is_enabled() for c in excluded), "excluded tasks are disabled")
        optional = d.find_elements(By.CSS_SELECTOR, ".choice-optional input")
        if optional:
            optional[0].click()
        d.find_element(By.ID, "org").send_keys("Nordlicht Medien GmbH")
        d.find_element(By.ID, "locality").send_keys("Hamburg")
        d.find_element(By.ID, "salary_min").send_keys("48000")
        shoot(d, "build-form")
        d.find_element(By.ID, "preview-button").click()
        check_line = wait.until(EC.presence_of_element_located((By.ID, "check")))
        check("ok" in check_line.get_attribute("class"), f"the built ad analyses back ({check_line.text})")
        shoot(d, "build-preview")
        d.find_element(By.ID, "download-jsonld").click()
        path = os.path.join(DOWNLOADS, "jobposting.jsonld")
        for _ in range(100):
            if os.path.exists(path):
                break
            time.sleep(0.1)
        check(os.path.exists(path), "the JSON-LD was downloaded")
        with open(path, encoding="utf-8") as f:
            posting = json.load(f)
        check(posting["@type"] == "JobPosting" and posting["hiringOrganization"]["name"] == "Nordlicht Medien GmbH",
              "the download is the JobPosting")

        d.get(BASE + "/api/v1/docs/")
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".swagger-ui .info .title")))
        check("rolenorm API" in d.find_element(By.CSS_SELECTOR, ".swagger-ui .info .title").text, "the docs page works offline")
        shoot(d, "docs", ours=False)  # Swagger UI (vendored): no viewport meta of ours
        errors = [e for e in d.get_log("browser") if e.get("level") == "SEVERE" and "favicon" not in e.get("message", "")]
        check(not errors, f"no console errors on the docs page ({errors})")
    finally:
        d.quit()


if __name__ == "__main__":
    main()
