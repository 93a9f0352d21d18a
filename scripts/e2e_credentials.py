"""End-to-end test of the practitioner flow in a real headless Chromium (selenium + Debian's
chromedriver). Usage: e2e_credentials.py BASE_URL SCREENSHOT_DIR CV_FILE ASSESSOR_EMAIL PASSWORD.

Assesses a CV on /assess (fit bars, gaps checklist), submits it for review, logs in as an
assessor who approves it on the review page, checks that the credential verifies on its public
page and on /verify, withdraws it as its holder, and checks that /verify then says revoked.
Screenshots of /assess, the review page, the public credential page and /verify at 390 and
1280 px. Exits non-zero on the first failure.
"""

import sys

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

import e2e

BASE, SHOTS, CV_FILE, EMAIL, PASSWORD = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
e2e.SHOTS = SHOTS
check, shoot = e2e.check, e2e.shoot


def set_value(d, element_id, text):
    """Fills a textarea at once (send_keys types a long text key by key)."""
    d.execute_script("document.getElementById(arguments[0]).value = arguments[1]", element_id, text)


def verify_on_page(d, wait, credential):
    d.get(BASE + "/verify")
    set_value(d, "credential", credential)
    d.find_element(By.ID, "verify").click()
    return wait.until(EC.presence_of_element_located((By.ID, "verification")))


def main():
    with open(CV_FILE, encoding="utf-8") as f:
        cv = f.read()
    d = e2e.driver()
    wait = WebDriverWait(d, 20)
    try:
        # Assess a CV.
        d.get(BASE + "/assess")
        check(d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "de", "the assess page is German")
        set_value(d, "text", cv)
        d.find_element(By.ID, "assess").click()
        best = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "a.best")))
        check(best.get_attribute("data-role") == "community-manager", f"best fit is community-manager ({best.text})")
        check(len(d.find_elements(By.CSS_SELECTOR, "#fit-bars meter")) >= 3, "fit bars are drawn")
        check(d.find_elements(By.CSS_SELECTOR, ".checklist .item-done"), "the checklist ticks covered core tasks")
        check(d.find_elements(By.CSS_SELECTOR, ".checklist .item-missing"), "the checklist lists gaps of nearby roles")
        check("rolenorm@" in d.find_element(By.ID, "norm-version").text, "the norm version is shown")
        shoot(d, "assess")

        # Ask for a credential.
        d.find_element(By.ID, "name").send_keys("Alex Beispiel")
        Select(d.find_element(By.ID, "role")).select_by_value("community-manager")
        d.find_element(By.ID, "submit-review").click()
        status = wait.until(EC.presence_of_element_located((By.ID, "review-status")))
        check(status.get_attribute("data-status") == "pending", "the request waits for an assessor")
        holder = d.current_url
        check("/holder/" in holder, "the holder has their own page")
        shoot(d, "holder-pending")

        # The assessor logs in, reviews the evidence, approves.
        d.get(BASE + "/reviews")
        wait.until(EC.presence_of_element_located((By.ID, "login-form")))
        d.find_element(By.ID, "email").send_keys(EMAIL)
        d.find_element(By.ID, "password").send_keys(PASSWORD)
        d.find_element(By.ID, "login").click()
        item = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#reviews a[data-review]")))
        check("Alex Beispiel" in item.text, "the pending review is listed after login")
        item.click()
        wait.until(EC.presence_of_element_located((By.ID, "evidence")))
        check(len(d.find_elements(By.CSS_SELECTOR, "#evidence > li.item-done")) == 5, "all five core tasks show evidence")
        shoot(d, "review")
        d.find_element(By.ID, "reason").send_keys("Die Belege decken alle Kernaufgaben ab.")
        d.find_element(By.ID, "approve").click()
        link = wait.until(EC.presence_of_element_located((By.ID, "issued-link")))
        check("/c/" in link.get_attribute("href"), "approval issues the credential")

        # The holder sees it; its public page verifies.
        d.get(holder)
        check(d.find_element(By.ID, "review-status").get_attribute("data-status") == "approved", "the holder sees the approval")
        public = d.find_element(By.ID, "public-link").get_attribute("href")
        d.get(public)
        result = wait.until(EC.presence_of_element_located((By.ID, "verification")))
        check(result.get_attribute("data-verified") == "true", "the public page says the credential holds")
        shoot(d, "credential")
        credential = d.execute_script(
            "return await (await fetch(arguments[0])).text()", public + "/credential.json")
        check('"OpenBadgeCredential"' in credential, "the credential downloads as JSON")

        # /verify says it holds, each check passes.
        result = verify_on_page(d, wait, credential)
        check(result.get_attribute("data-verified") == "true", "/verify says the credential holds")
        outcomes = [li.get_attribute("data-outcome") for li in d.find_elements(By.CSS_SELECTOR, ".checks li")]
        check(outcomes == ["pass"] * 4, f"proof, issuer key, dates and status pass ({outcomes})")
        check("Alex Beispiel" in d.find_element(By.ID, "claim-holder").text, "/verify names the holder")
        shoot(d, "verify")

        # A tampered copy fails with a named reason.
        result = verify_on_page(d, wait, credential.replace("Alex Beispiel", "Mallory"))
        check(result.get_attribute("data-reason") == "bad-signature", "a tampered credential: bad-signature")

        # The holder withdraws it: /verify says revoked.
        d.get(holder)
        d.find_element(By.ID, "withdraw").click()
        wait.until(EC.presence_of_element_located((By.ID, "withdrawn")))
        result = verify_on_page(d, wait, credential)
        check(result.get_attribute("data-reason") == "revoked", "after withdrawal /verify says revoked")
        shoot(d, "verify-revoked")
        d.get(public)
        check(d.find_element(By.ID, "verification").get_attribute("data-reason") == "revoked", "the public page says revoked")
        shoot(d, "credential-revoked")
    finally:
        d.quit()


if __name__ == "__main__":
    main()
