-- The norm's community: proposals (structured changes to the norm), their debate, votes, and
-- the released norm versions.

-- A proposal: JSON operations on the norm made against `base_version`; its vote is open until a
-- maintainer closes it (accepted or rejected) or releases it, or until `closes_at` if set.
CREATE TABLE proposals (
    id           INTEGER PRIMARY KEY,
    author       INTEGER NOT NULL REFERENCES users (id),
    title        TEXT NOT NULL,
    rationale    TEXT NOT NULL,
    changes      TEXT NOT NULL,
    base_version TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('open', 'accepted', 'rejected', 'released')),
    created_at   INTEGER NOT NULL,
    closes_at    INTEGER,
    closed_at    INTEGER,
    released_in  TEXT
) STRICT;

-- Comments (Markdown as written and its sanitised HTML), replies one level deep, pre-moderated.
CREATE TABLE comments (
    id           INTEGER PRIMARY KEY,
    proposal_id  INTEGER NOT NULL REFERENCES proposals (id),
    parent_id    INTEGER REFERENCES comments (id),
    author       INTEGER NOT NULL REFERENCES users (id),
    body         TEXT NOT NULL,
    html         TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'hidden')),
    reason       TEXT,
    created_at   INTEGER NOT NULL,
    moderated_by INTEGER REFERENCES users (id),
    moderated_at INTEGER
) STRICT;
CREATE INDEX comments_proposal ON comments (proposal_id, id);
CREATE INDEX comments_author ON comments (author, status);

-- Members' flags on comments, one per member and comment.
CREATE TABLE flags (
    comment_id INTEGER NOT NULL REFERENCES comments (id),
    user_id    INTEGER NOT NULL REFERENCES users (id),
    reason     TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (comment_id, user_id)
) STRICT;

-- One vote per member and proposal, changeable while the vote is open.
CREATE TABLE votes (
    proposal_id INTEGER NOT NULL REFERENCES proposals (id),
    user_id     INTEGER NOT NULL REFERENCES users (id),
    vote        TEXT NOT NULL CHECK (vote IN ('yes', 'no', 'abstain')),
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (proposal_id, user_id)
) STRICT;

-- Released norm versions: the whole pack (JSON object file name → text), the changelog, the
-- proposals it released with their final tallies. Immutable.
CREATE TABLE releases (
    version     TEXT PRIMARY KEY NOT NULL,
    seq         INTEGER NOT NULL UNIQUE,
    previous    TEXT NOT NULL,
    bump        TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    released_by INTEGER NOT NULL REFERENCES users (id),
    files       TEXT NOT NULL,
    changelog   TEXT NOT NULL,
    proposals   TEXT NOT NULL
) STRICT;
CREATE TRIGGER releases_no_update BEFORE UPDATE ON releases BEGIN SELECT RAISE(ABORT, 'releases are immutable'); END;
CREATE TRIGGER releases_no_delete BEFORE DELETE ON releases BEGIN SELECT RAISE(ABORT, 'releases are immutable'); END;
