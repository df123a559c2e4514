-- Exercise timers: each run of a timer program, and per phase the planned, added and used time.
-- No names are stored (speakers stay in the program), so erasing a member leaves nothing here to erase.
CREATE TABLE timer_runs (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER REFERENCES meetings(id),
    agenda_item_id INTEGER,
    kind TEXT NOT NULL CHECK (kind IN ('presentation', 'interview', 'sparring', 'free')),
    title TEXT NOT NULL,
    started_at TEXT NOT NULL,
    ended_at TEXT
);
CREATE INDEX timer_runs_meeting ON timer_runs(meeting_id, started_at);

CREATE TABLE timer_phase_log (
    run_id INTEGER NOT NULL REFERENCES timer_runs(id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    label TEXT NOT NULL,
    kind TEXT NOT NULL,
    planned_seconds INTEGER NOT NULL CHECK (planned_seconds > 0),
    added_seconds INTEGER NOT NULL DEFAULT 0 CHECK (added_seconds >= 0),
    used_seconds REAL NOT NULL DEFAULT 0 CHECK (used_seconds >= 0),
    PRIMARY KEY (run_id, position)
);
