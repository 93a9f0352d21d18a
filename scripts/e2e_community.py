"""End-to-end test of the norm's community in a real headless Chromium (selenium + Debian's
chromedriver). Usage: e2e_community.py BASE_URL SCREENSHOT_DIR. Exits non-zero on the first failure.

The flow of issue 8: a member registers, saves an analysis, proposes a scope change (the page shows
its impact), comments (pending, invisible to a second member); a moderator approves it (now
visible); two members vote; the maintainer releases; the new version appears with its diff and
changelog; the analysis saved before the release still names the old version. The moderator
`mia@example.org` and the maintainer `max@example.org` (password `community password`) exist
already (`rolenorm admin user add`). Screenshots of every community page at 390 and 1280 px.
"""

import json
import os
import sys
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

sys.path.insert(0, os.path.dirname(__file__))
from e2e import check, click_to_load, driver, shoot  # noqa: E402

BASE = sys.argv[1].rstrip("/")
SHOTS = sys.argv[2]
os.makedirs(SHOTS, exist_ok=True)
PASSWORD = "community password"
AD = ("Channel Manager Instagram\n\nDeine Aufgaben:\n- Du planst den Redaktionsplan für Instagram.\n"
      "- Du moderierst Kommentare und beantwortest Nachrichten der Community.\n")
COMMENT = "Channel managers **moderate** every day."


def fill(d, element_id, text):
    field = d.find_element(By.ID, element_id)
    field.clear()
    field.send_keys(text)


def sign_out(d):
    d.delete_all_cookies()


def register(d, name):
    sign_out(d)
    d.get(BASE + "/register")
    fill(d, "name", name)
    fill(d, "email", f"{name.lower()}@example.org")
    fill(d, "password", PASSWORD)
    d.find_element(By.ID, "register").click()
    WebDriverWait(d, 20).until(EC.presence_of_element_located((By.ID, "account-email")))
    check(d.find_element(By.ID, "account-email").text.startswith(f"{name.lower()}@example.org"),
          f"{name} registered and sees their own e-mail address")


def log_in(d, email):
    sign_out(d)
    d.get(BASE + "/login")
    fill(d, "email", email)
    fill(d, "password", PASSWORD)
    d.find_element(By.ID, "login").click()
    WebDriverWait(d, 20).until(EC.presence_of_element_located((By.ID, "account-role")))


def saved_version(permalink):
    with urllib.request.urlopen(BASE + permalink + "/json") as response:
        return json.loads(response.read())["norm"]["version"]


def main():
    d = driver()
    wait = WebDriverWait(d, 20)
    try:
        d.get(BASE + "/register")
        shoot(d, "community-register")
        register(d, "Ada")
        shoot(d, "community-account")

        # An analysis saved before the release.
        d.get(BASE + "/")
        fill(d, "title", "Channel Manager")
        fill(d, "text", AD)
        d.find_element(By.ID, "save").click()
        d.find_element(By.ID, "analyze").click()
        wait.until(EC.url_contains("/a/"))
        permalink = "/a/" + d.current_url.split("/a/")[1].split("?")[0].split("#")[0]
        before = saved_version(permalink)

        # Propose a scope change: the page shows its impact.
        d.get(BASE + "/proposals")
        d.find_element(By.ID, "new-proposal").click()
        fill(d, "title", "Moderation is core for channel managers")
        fill(d, "rationale", "Channel-manager ads *demand* comment moderation.")
        Select(d.find_element(By.ID, "task")).select_by_value("COM-02")
        Select(d.find_element(By.ID, "role")).select_by_value("channel-manager")
        Select(d.find_element(By.ID, "scope")).select_by_value("core")
        shoot(d, "community-proposal-new")
        d.find_element(By.ID, "propose").click()
        wait.until(EC.presence_of_element_located((By.ID, "proposal-title")))
        proposal = d.current_url.split("#")[0]
        check("minor" in d.find_element(By.ID, "bump").text, "the proposal page shows the bump (minor)")
        check("COM-02" in d.find_element(By.ID, "changes").text, "the proposal page lists the change")
        check(d.find_element(By.ID, "impact-table").is_displayed(), "the proposal page shows the impact on stored ads")

        # Ada comments: pending, visible to her only.
        fill(d, "body", COMMENT)
        d.find_element(By.ID, "comment").click()
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".comment-pending")))
        check("moderate" in d.find_element(By.CSS_SELECTOR, ".comment-pending").text, "Ada sees her pending comment")
        shoot(d, "community-proposal-pending")

        register(d, "Bob")
        d.get(proposal)
        check("every day" not in d.find_element(By.ID, "debate").text, "Bob does not see the pending comment")

        # The moderator approves it.
        log_in(d, "mia@example.org")
        d.get(BASE + "/moderation")
        shoot(d, "community-moderation")
        d.find_element(By.CSS_SELECTOR, "button.approve").click()
        wait.until(EC.presence_of_element_located((By.ID, "queue-empty")))
        check(True, "the moderator approved the comment")

        # Bob sees it now, and votes; so does Ada.
        log_in(d, "bob@example.org")
        d.get(proposal)
        check("every day" in d.find_element(By.ID, "debate").text, "Bob sees the approved comment")
        click_to_load(d, "vote-yes")
        wait.until(EC.presence_of_element_located((By.ID, "my-vote")))
        log_in(d, "ada@example.org")
        d.get(proposal)
        click_to_load(d, "vote-yes")
        wait.until(EC.presence_of_element_located((By.ID, "my-vote")))
        check(d.find_element(By.ID, "tally").text.startswith("2"), "two yes votes are counted")
        shoot(d, "community-proposal")
        d.get(BASE + "/proposals")
        check("Moderation is core" in d.find_element(By.ID, "most-discussed").text, "the proposal is most discussed")
        shoot(d, "community-proposals")

        # The maintainer releases it.
        log_in(d, "max@example.org")
        d.get(BASE + "/releases")
        shoot(d, "community-releases")
        d.find_element(By.ID, "release").click()
        wait.until(EC.presence_of_element_located((By.ID, "release-title")))
        version = d.find_element(By.ID, "release-title").text.split()[-1]
        check(version != before, f"released {version} after {before}")
        check("Moderation is core" in d.find_element(By.ID, "changelog").text, "the changelog names the proposal")
        check("COM-02" in d.find_element(By.ID, "diff").text, "the release page shows the diff")
        shoot(d, "community-release")
        d.get(f"{BASE}/releases/diff?from={before}&to={version}")
        check("COM-02" in d.find_element(By.ID, "diff").text, "the diff between the two versions")
        shoot(d, "community-diff")
        d.get(BASE + "/audit")
        check("release:" + version in d.find_element(By.ID, "audit").text, "the audit log records the release")
        shoot(d, "community-audit")
        d.get(BASE + "/")
        check(f"rolenorm@{version}" in d.find_element(By.CLASS_NAME, "foot").text, "new analyses use the new version")
        check(saved_version(permalink) == before, "the analysis saved before the release still names the old version")
        d.get(proposal)
        check(d.find_element(By.ID, "released-in").text == version, "the proposal links its release")
        d.get(BASE + "/debate-rules")
        shoot(d, "community-rules")
        sign_out(d)
        d.get(BASE + "/login")
        shoot(d, "community-login")
    finally:
        d.quit()
    print("e2e community: passed")


if __name__ == "__main__":
    main()
