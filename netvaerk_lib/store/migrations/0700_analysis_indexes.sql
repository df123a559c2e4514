-- Indexes for the consultant's analysis, which reads one network's evaluations and goals at a time (the app)
-- or all networks at once (the overview). An index on the meeting of a response records no order: entries
-- are sorted by meeting and then by the random response key.
CREATE INDEX IF NOT EXISTS evaluation_responses_meeting ON evaluation_responses(meeting_id);
CREATE INDEX IF NOT EXISTS goals_member ON goals(member_id);
