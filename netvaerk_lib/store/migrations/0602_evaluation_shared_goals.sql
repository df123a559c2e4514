-- A goal a member shares on the evaluation form waits here until the evaluation closes (issue 14): a goal that
-- appeared as its member answered would tell the facilitator who has answered, and goal ids in arrival order
-- would give the order of the answers. Closing moves them to goals in a shuffled order.
CREATE TABLE evaluation_shared_goals (
    key TEXT PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    member_id INTEGER NOT NULL REFERENCES members(id),
    text TEXT NOT NULL
) WITHOUT ROWID;
