-- The core of a network: members, meetings, attendance, topics, ground rules, goals, evaluations.
CREATE TABLE networks (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    purpose TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);

CREATE TABLE members (
    id INTEGER PRIMARY KEY,
    network_id INTEGER NOT NULL REFERENCES networks(id),
    name TEXT,
    email TEXT,
    practice_type TEXT,
    years_in_profession INTEGER,
    years_as_leader INTEGER,
    practice_size INTEGER,
    region TEXT,
    gender TEXT,
    birth_year INTEGER,
    motivation TEXT,
    practice_address TEXT,
    expected_gain TEXT NOT NULL DEFAULT '',
    in_host_rota INTEGER NOT NULL DEFAULT 1,
    joined_on TEXT,
    erased_at TEXT
);
CREATE INDEX members_network ON members(network_id);

-- A member's primary motivation may change; the history keeps each change.
CREATE TABLE motivation_history (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members(id),
    motivation TEXT NOT NULL,
    since TEXT NOT NULL
);

CREATE TABLE topics (
    id INTEGER PRIMARY KEY,
    network_id INTEGER NOT NULL REFERENCES networks(id),
    title TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('guide', 'own')),
    UNIQUE (network_id, title)
);

CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    network_id INTEGER NOT NULL REFERENCES networks(id),
    starts_at TEXT NOT NULL,
    length_minutes INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('first', 'following')),
    status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'cancelled')),
    topic_id INTEGER REFERENCES topics(id),
    location TEXT NOT NULL DEFAULT '',
    host_member_id INTEGER REFERENCES members(id),
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX meetings_network ON meetings(network_id, starts_at);

CREATE TABLE attendance (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    member_id INTEGER NOT NULL REFERENCES members(id),
    status TEXT NOT NULL CHECK (status IN ('present', 'cancelled', 'absent')),
    cancelled_at TEXT,
    PRIMARY KEY (meeting_id, member_id)
);

CREATE TABLE ground_rules (
    id INTEGER PRIMARY KEY,
    network_id INTEGER NOT NULL REFERENCES networks(id),
    text TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('guide', 'own')),
    position INTEGER NOT NULL DEFAULT 0,
    UNIQUE (network_id, text)
);

CREATE TABLE goals (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members(id),
    meeting_id INTEGER REFERENCES meetings(id),
    text TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'continued', 'dropped')),
    followed_up_meeting_id INTEGER REFERENCES meetings(id)
);

-- Evaluation answers are anonymous: a random key (WITHOUT ROWID, so the physical order carries no
-- insertion order), the meeting, and no member, code or time.
CREATE TABLE evaluation_questions (
    key TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('rating', 'text')),
    label_da TEXT NOT NULL,
    label_en TEXT NOT NULL,
    position INTEGER NOT NULL,
    required INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE evaluation_responses (
    id TEXT PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id)
) WITHOUT ROWID;

CREATE TABLE evaluation_answers (
    response_id TEXT NOT NULL REFERENCES evaluation_responses(id),
    question_key TEXT NOT NULL REFERENCES evaluation_questions(key),
    rating INTEGER CHECK (rating BETWEEN 1 AND 5),
    text TEXT,
    PRIMARY KEY (response_id, question_key)
) WITHOUT ROWID;

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
