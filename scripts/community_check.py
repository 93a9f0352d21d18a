"""The community flow against a live `rolenorm serve`, over the HTTP API, and its Atom feeds read
by a real feed parser (feedparser); then `rolenorm norm pull` of the released version reproduces
the server's analysis from the command line.

Usage: community_check.py BASE_URL DATA_DIR ROLENORM_BINARY
(the accounts `max@example.org` maintainer and `mia@example.org` moderator exist, password
`community password`; .ci/community.sh creates them with `rolenorm admin user add`).
"""

import json
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request

import feedparser

BASE, DATA, ROLENORM = sys.argv[1], sys.argv[2], sys.argv[3]
PASSWORD = "community password"
AD = ("Channel Manager Instagram\n\nDeine Aufgaben:\n- Du planst den Redaktionsplan für Instagram.\n"
      "- Du moderierst Kommentare und beantwortest Nachrichten der Community.\n")
failures = []
passes = []


def call(method, path, body=None, token=None, expect=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(BASE + path, data=data, method=method)
    if data is not None:
        request.add_header("content-type", "application/json")
    if token:
        request.add_header("authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request) as response:
            status, text = response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        status, text = error.code, error.read().decode()
    if expect is not None and status != expect:
        raise SystemExit(f"{method} {path}: expected {expect}, got {status}: {text}")
    return status, (json.loads(text) if text and text[0] in "[{" else text)


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    (passes if condition else failures).append(what)


def login(email):
    return call("POST", "/api/v1/auth/login", {"email": email, "password": PASSWORD}, expect=200)[1]["token"]


def member(name):
    email = f"{name.lower()}@example.org"
    call("POST", "/api/v1/auth/register", {"name": name, "email": email, "password": PASSWORD}, expect=201)
    return login(email)


def feed(path):
    status, text = call("GET", path, expect=200)
    parsed = feedparser.parse(text)
    check(not parsed.bozo, f"{path} is well-formed Atom ({parsed.get('bozo_exception', '')})")
    check(parsed.version == "atom10", f"{path} is Atom 1.0 (feedparser says {parsed.version!r})")
    return parsed


max_token, mia_token = login("max@example.org"), login("mia@example.org")
ada, bob = member("Ada"), member("Bob")
call("POST", "/api/v1/analyze?save=true", {"title": "Channel Manager", "text": AD}, expect=201)
before = call("POST", "/api/v1/analyze", {"text": AD}, expect=200)[1]["norm"]["version"]

proposal = {"title": "Moderation is core for channel managers", "rationale": "Ads *demand* it.",
            "changes": [{"op": "set-scope", "task": "COM-02", "role": "channel-manager", "scope": "core"}]}
pid = call("POST", "/api/v1/proposals", proposal, token=ada, expect=201)[1]["id"]
created = call("POST", f"/api/v1/proposals/{pid}/comments", {"body": "A **pending** thought"}, token=ada, expect=201)[1]
check(created["status"] == "pending", "a new member's comment is pending")

parsed = feed(f"/feeds/proposals/{pid}/comments.atom")
check(len(parsed.entries) == 0, "the pending comment is not in the comments feed")
call("POST", f"/api/v1/comments/{created['id']}/approve", token=mia_token, expect=200)
parsed = feed(f"/feeds/proposals/{pid}/comments.atom")
check(len(parsed.entries) == 1 and "pending" in parsed.entries[0].content[0].value,
      "the approved comment is in the comments feed with its HTML")
check(parsed.entries[0].author == "Ada", "the entry names its author (and no e-mail address)")
check("ada@example.org" not in json.dumps(parsed), "no e-mail address in the feed")

for token in (ada, bob):
    call("POST", f"/api/v1/proposals/{pid}/votes", {"vote": "yes"}, token=token, expect=200)
released = call("POST", "/api/v1/releases", {"proposals": [pid]}, token=max_token, expect=201)[1]
version = released["version"]
check(version != before, f"released {version} after {before}")

parsed = feed("/feeds/proposals.atom")
check(any(e.title == proposal["title"] for e in parsed.entries), "the proposal is in the proposals feed")
check(parsed.entries[0].link.endswith(f"/proposals/{pid}"), "its entry links to its page")
parsed = feed("/feeds/releases.atom")
check(parsed.entries and parsed.entries[0].title == f"rolenorm {version}", "the release is in the releases feed")
check(f"/proposals/{pid}" in parsed.entries[0].content[0].value, "the release entry's changelog links the proposal")

server = call("POST", "/api/v1/analyze", {"title": "Channel Manager", "text": AD}, expect=200)[1]
check(server["norm"]["version"] == version, "the server analyses with the new release")
with tempfile.TemporaryDirectory() as work:
    subprocess.run([ROLENORM, "norm", "pull", "--data", DATA, "--version", version, "-o", f"{work}/pack"], check=True)
    with open(f"{work}/ad.txt", "w", encoding="utf-8") as f:
        f.write(AD)
    out = subprocess.run([ROLENORM, "analyze", "--json", "--norm", f"{work}/pack", "--title", "Channel Manager",
                          f"{work}/ad.txt"], check=True, capture_output=True, text=True).stdout
    local = json.loads(out)
    for key in ("role", "tasks", "jack_of_all_trades", "norm"):
        a, b = local[key], server[key]
        if key == "tasks":
            a, b = [t["id"] for t in a], [t["id"] for t in b]
        check(a == b, f"norm pull + analyze --norm reproduces the server's {key}")

print(f"community: {len(passes)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
