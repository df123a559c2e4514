-- What a meeting already in the plan was before the person agreed to change its host or place ("Ja, skift"),
-- and when, so that the plan can show what changed.
ALTER TABLE meeting_plans ADD COLUMN previous_host_member_id INTEGER REFERENCES members(id);
ALTER TABLE meeting_plans ADD COLUMN previous_location TEXT;
ALTER TABLE meeting_plans ADD COLUMN changed_at TEXT;
