"""rolenorm with pandas (and Arrow underneath).

    python examples/python/pandas_example.py [ADS.jsonl[.gz]]
"""

import sys

import pandas as pd

import rolenorm
import rolenorm.pandas

if len(sys.argv) > 1:
    ads = pd.read_json(sys.argv[1], lines=True)
else:
    ads = pd.DataFrame({
        "ad_id": ["x1", "x2", "x3"],
        "headline": ["Social Media Manager (m/w/d)", "Content Creator TikTok", "Buchhalter (m/w/d)"],
        "body": [
            "Du entwickelst unsere Social-Media-Strategie, planst Kampagnen und wertest KPIs aus.",
            "Du drehst Kurzvideos für TikTok und Instagram Reels und schneidest sie selbst.",
            "Sie erstellen Monats- und Jahresabschlüsse und betreuen die Kreditorenbuchhaltung.",
        ],
    })

columns = {"text": "body", "title": "headline", "id": "ad_id"} if "body" in ads else {"text": "text", "title": "title", "id": "id"}
result = rolenorm.pandas.analyze(ads, **columns)  # same index as `ads`
print(result[["id", "role", "confidence", "title_role", "title_fits", "level", "tasks"]].head(10).to_string())
print()
print(result["role"].value_counts().to_string())

# The same through Arrow directly: a pyarrow.RecordBatch with typed columns.
import pyarrow as pa  # noqa: E402

batch = rolenorm.Analyzer().analyze_arrow(pa.Table.from_pandas(ads, preserve_index=False), **columns)
print(batch.schema)
