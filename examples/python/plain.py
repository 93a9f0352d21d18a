"""rolenorm from plain Python: one ad, many ads, the norm.

    python examples/python/plain.py
"""

from pathlib import Path

import rolenorm

ADS = Path(__file__).resolve().parents[1] / "ads"

analyzer = rolenorm.Analyzer()  # the built-in norm, compiled once
print(f"rolenorm {rolenorm.__version__}, norm {analyzer.norm.id} {analyzer.norm.version}")

# One ad: the analysis as a dict (the JSON of `rolenorm analyze --json`).
result = analyzer.analyze(text=(ADS / "social-media-manager-de.txt").read_text(encoding="utf-8"))
print(f"role {result['role']} ({result['confidence']:.2f}), title says {result['title_role']}, "
      f"level {result['level']}, jack of all trades: {result['jack_of_all_trades']}")
for task in result["tasks"][:5]:
    print(f"  {task['id']} ({task['scope']}): {task['evidence'][0]['text']!r}")

# Many ads: on all cores, the GIL released while Rust works.
records = [
    {"id": "a1", "title": "Community Manager (m/w/d)", "text": "Du moderierst Kommentare und beantwortest Nachrichten."},
    {"id": "a2", "html": (ADS / "community-manager-en.html").read_text(encoding="utf-8")},
    {"id": "a3"},  # no text: an error in place with errors="return"
]
for analysis in analyzer.analyze_many(records, errors="return"):
    print(analysis["id"], analysis.get("role", analysis.get("error")))

# Bad input raises rolenorm.InputError (a ValueError) naming the input and the problem.
try:
    analyzer.analyze(text="...", lang="klingon")
except rolenorm.InputError as error:
    print("InputError:", error)

# The norm itself.
norm = analyzer.norm
print(len(norm.roles), "roles,", len(norm.tasks), "tasks; STR-01 for a social media manager is",
      norm.scope("social-media-manager", "STR-01"))
