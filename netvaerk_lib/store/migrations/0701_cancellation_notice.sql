-- When a cancellation came (issue 14). A cancellation registered by the facilitator records its notice as
-- said at check-in or in the plan: 'in_time', 'late' (within the network's limit before the start) or
-- 'same_day'; a cancellation with an exact time (cancelled_at, e.g. a member's own) is judged by that time.
-- The limit for "late" is the network's own, 48 hours before the start unless it says otherwise.
ALTER TABLE attendance ADD COLUMN notice TEXT CHECK (notice IN ('in_time', 'late', 'same_day'));
ALTER TABLE networks ADD COLUMN late_cancellation_hours INTEGER NOT NULL DEFAULT 48;
