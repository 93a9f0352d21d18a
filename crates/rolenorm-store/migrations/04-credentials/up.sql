-- Practitioners' assessments submitted for review, an assessor's decision on each, and the
-- credentials issued on approval.
--
-- reviews: the input as submitted and its assessment (JSON, opaque to the store), the role the
-- practitioner asks to be credentialed for, the SHA-256 of the holder's secret key (the key
-- itself is only ever in the holder's link), and the decision: who, when, why.
CREATE TABLE reviews (
    id           TEXT PRIMARY KEY NOT NULL,
    created_at   INTEGER NOT NULL,
    holder_hash  TEXT NOT NULL,
    holder_name  TEXT NOT NULL,
    role         TEXT NOT NULL,
    input        TEXT NOT NULL,
    assessment   TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'declined')),
    decided_at   INTEGER,
    decided_by   TEXT,
    reason       TEXT
) STRICT;
CREATE INDEX reviews_by_status ON reviews (status, created_at);
CREATE UNIQUE INDEX reviews_by_holder ON reviews (holder_hash);

-- credentials: the signed credential (JSON), its index in status list 1 (unique), when it was
-- revoked (withdrawn by its holder or an assessor), and whether its public page is hidden.
CREATE TABLE credentials (
    id           TEXT PRIMARY KEY NOT NULL,
    review_id    TEXT NOT NULL UNIQUE REFERENCES reviews (id),
    created_at   INTEGER NOT NULL,
    credential   TEXT NOT NULL,
    status_list  INTEGER NOT NULL,
    status_index INTEGER NOT NULL,
    revoked_at   INTEGER,
    revoked_by   TEXT,
    hidden       INTEGER NOT NULL DEFAULT 0,
    UNIQUE (status_list, status_index)
) STRICT;

-- The signed Bitstring Status List credentials, re-signed on every revocation.
CREATE TABLE status_lists (
    id          INTEGER PRIMARY KEY NOT NULL,
    updated_at  INTEGER NOT NULL,
    credential  TEXT NOT NULL
) STRICT;
