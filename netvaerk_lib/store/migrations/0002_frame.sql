-- The network's frame (how often, how long, when, where, who pays) and its roles.
ALTER TABLE networks ADD COLUMN frequency_months INTEGER NOT NULL DEFAULT 2;
ALTER TABLE networks ADD COLUMN length_minutes INTEGER NOT NULL DEFAULT 180;
ALTER TABLE networks ADD COLUMN time_of_day TEXT NOT NULL DEFAULT 'after_closing';
ALTER TABLE networks ADD COLUMN venue_mode TEXT NOT NULL DEFAULT 'practice';
ALTER TABLE networks ADD COLUMN venue_detail TEXT NOT NULL DEFAULT '';
ALTER TABLE networks ADD COLUMN cost_model TEXT NOT NULL DEFAULT 'host_pays';
ALTER TABLE networks ADD COLUMN facilitator_fee_kr INTEGER NOT NULL DEFAULT 0;
ALTER TABLE networks ADD COLUMN trial_meetings INTEGER NOT NULL DEFAULT 4;
ALTER TABLE networks ADD COLUMN facilitator TEXT NOT NULL DEFAULT '';
ALTER TABLE networks ADD COLUMN coordinator_member_id INTEGER REFERENCES members(id);
