-- Running a meeting: the points the group collects on the digital flip-over, and when each agenda item began
-- and ended (the live progress: planned against used time). Agenda items are named by their position in the
-- meeting's agenda as it was run, with their title and planned minutes copied, because an agenda may still be
-- the guide's unsaved template.
CREATE TABLE flipover_points (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    position INTEGER NOT NULL,
    text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
    created_at TEXT NOT NULL
);
CREATE INDEX flipover_points_meeting ON flipover_points(meeting_id, position);

-- An item may be returned to: its used time adds up; running_since is set on the one item now running.
CREATE TABLE agenda_progress (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    position INTEGER NOT NULL CHECK (position >= 0),
    title TEXT NOT NULL,
    planned_minutes INTEGER NOT NULL CHECK (planned_minutes >= 0),
    first_started_at TEXT NOT NULL,
    used_seconds REAL NOT NULL DEFAULT 0 CHECK (used_seconds >= 0),
    running_since TEXT,
    PRIMARY KEY (meeting_id, position)
);
