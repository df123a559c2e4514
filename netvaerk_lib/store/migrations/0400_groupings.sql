-- Locked groupings (interview pairs/triads, sparring groups) with their meeting, so that the next grouping
-- knows who has met whom, who has had the chair and which questions each member has been asked.
CREATE TABLE groupings (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    kind TEXT NOT NULL CHECK (kind IN ('interview', 'sparring')),
    locked_at TEXT NOT NULL
);
CREATE INDEX groupings_meeting ON groupings(meeting_id);

CREATE TABLE grouping_seats (
    grouping_id INTEGER NOT NULL REFERENCES groupings(id) ON DELETE CASCADE,
    round INTEGER NOT NULL CHECK (round >= 1),
    group_number INTEGER NOT NULL CHECK (group_number >= 1),
    position INTEGER NOT NULL CHECK (position >= 1),
    member_id INTEGER NOT NULL REFERENCES members(id),
    role TEXT NOT NULL,
    question TEXT,
    PRIMARY KEY (grouping_id, round, member_id)
);
CREATE INDEX grouping_seats_member ON grouping_seats(member_id);
