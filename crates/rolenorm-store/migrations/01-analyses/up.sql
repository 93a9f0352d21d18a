-- Saved analyses: the permalink id, when it was saved, the ad as submitted and its analysis
-- (both JSON, opaque to the store).
CREATE TABLE analyses (
    id         TEXT PRIMARY KEY NOT NULL,
    created_at INTEGER NOT NULL,
    input      TEXT NOT NULL,
    analysis   TEXT NOT NULL
) STRICT;
