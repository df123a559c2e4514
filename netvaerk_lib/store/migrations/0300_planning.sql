-- Meeting planning: agenda items with exercise types, each meeting's calendar identity and planning notes,
-- and the contract's confidentiality agreement.
CREATE TABLE agenda_items (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    minutes INTEGER NOT NULL CHECK (minutes BETWEEN 0 AND 600),
    exercise_type TEXT NOT NULL DEFAULT 'none'
        CHECK (exercise_type IN ('presentation', 'interview', 'sparring', 'free', 'none')),
    note TEXT NOT NULL DEFAULT '',
    optional INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX agenda_items_meeting ON agenda_items(meeting_id, position);

-- One row per planned meeting: the stable calendar UID and SEQUENCE (bumped when the exported event changes,
-- detected by a fingerprint of its content), when it was last revised, the date the rule proposed and why the
-- meeting was moved, and whether the host was chosen by hand (a swap) rather than by the rota.
CREATE TABLE meeting_plans (
    meeting_id INTEGER PRIMARY KEY REFERENCES meetings(id),
    uid TEXT UNIQUE,
    sequence INTEGER NOT NULL DEFAULT 0,
    fingerprint TEXT,
    revised_at TEXT,
    rule_date TEXT,
    move_reason TEXT NOT NULL DEFAULT '',
    host_fixed INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE contracts (
    network_id INTEGER PRIMARY KEY REFERENCES networks(id),
    confidentiality TEXT NOT NULL DEFAULT '',
    agreed_on TEXT
);
