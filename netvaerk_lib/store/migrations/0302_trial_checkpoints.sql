-- The trial checkpoint's outcome: after three to four meetings the network evaluates its model (how often, how
-- long, where, who does what) and keeps it or changes it. One row per meeting where that was decided.
CREATE TABLE trial_checkpoints (
    meeting_id INTEGER PRIMARY KEY REFERENCES meetings(id),
    outcome TEXT NOT NULL CHECK (outcome IN ('keep', 'change')),
    note TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL
);
