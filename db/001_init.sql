-- 001_init.sql - the first schema of a bienban store.
-- Applied inside one transaction; PRAGMA user_version becomes 1.
-- Text is UTF-8 NFC; times are local wall-clock ISO 8601 ("2023-04-12T08:00").

-- Organisation settings: issuer lines, place, symbol, signers, recipients.
-- List values are stored one item per line.
CREATE TABLE settings (
	key	TEXT PRIMARY KEY,
	value	TEXT NOT NULL
) STRICT;

CREATE TABLE clusters (
	id	INTEGER PRIMARY KEY,
	number	INTEGER NOT NULL UNIQUE CHECK (number > 0),
	name	TEXT NOT NULL
) STRICT;

CREATE TABLE units (
	id		INTEGER PRIMARY KEY,
	name		TEXT NOT NULL UNIQUE,
	cluster_id	INTEGER REFERENCES clusters(id) ON DELETE SET NULL,
	position	INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX units_cluster ON units(cluster_id, position);

CREATE TABLE people (
	id	INTEGER PRIMARY KEY,
	name	TEXT NOT NULL,
	title	TEXT,
	unit_id	INTEGER REFERENCES units(id) ON DELETE SET NULL
) STRICT;
CREATE INDEX people_unit ON people(unit_id);

CREATE TABLE conferences (
	id	INTEGER PRIMARY KEY,
	title	TEXT NOT NULL UNIQUE,
	period	TEXT
) STRICT;

CREATE TABLE meetings (
	id		INTEGER PRIMARY KEY,
	conference_id	INTEGER REFERENCES conferences(id) ON DELETE SET NULL,
	cluster_id	INTEGER REFERENCES clusters(id) ON DELETE SET NULL,
	title		TEXT NOT NULL,
	period		TEXT,		-- "I/2023"
	period_key	INTEGER,	-- year * 10 + quarter, for filtering and sorting
	starts_at	TEXT NOT NULL,
	ends_at		TEXT,
	location	TEXT,
	host_unit	TEXT,
	document_number	TEXT,
	status		TEXT NOT NULL DEFAULT 'draft'
			CHECK (status IN ('draft', 'live', 'closed', 'approved')),
	previous_id	INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
	created_at	TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
	updated_at	TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'))
) STRICT;
CREATE INDEX meetings_newest ON meetings(starts_at DESC, id DESC);
CREATE INDEX meetings_cluster ON meetings(cluster_id, starts_at DESC);
CREATE INDEX meetings_period ON meetings(period_key, starts_at DESC);
CREATE INDEX meetings_conference ON meetings(conference_id);

-- Attendees are snapshots: name, title and unit are copied when added, so
-- editing a person later never rewrites past minutes.
CREATE TABLE attendees (
	id		INTEGER PRIMARY KEY,
	meeting_id	INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
	position	INTEGER NOT NULL,
	person_id	INTEGER REFERENCES people(id) ON DELETE SET NULL,
	name		TEXT NOT NULL,
	title		TEXT,
	unit		TEXT,
	role		TEXT NOT NULL DEFAULT 'delegate'
			CHECK (role IN ('chair', 'secretary', 'delegate', 'guest', 'reporter')),
	presence	TEXT NOT NULL DEFAULT 'present'
			CHECK (presence IN ('present', 'late', 'excused', 'absent')),
	arrived_at	TEXT,
	reason		TEXT,
	substitute_for	TEXT
) STRICT;
CREATE INDEX attendees_meeting ON attendees(meeting_id, position);

CREATE TABLE agenda_items (
	id		INTEGER PRIMARY KEY,
	meeting_id	INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
	position	INTEGER NOT NULL,
	title		TEXT NOT NULL,
	presenter	TEXT,
	planned_start	TEXT,
	planned_end	TEXT,
	started_at	TEXT,
	ended_at	TEXT
) STRICT;
CREATE INDEX agenda_meeting ON agenda_items(meeting_id, position);

CREATE TABLE notes (
	id		INTEGER PRIMARY KEY,
	meeting_id	INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
	item_id		INTEGER NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
	position	INTEGER NOT NULL,
	at		TEXT,
	speaker		TEXT,
	kind		TEXT NOT NULL DEFAULT 'statement'
			CHECK (kind IN ('statement', 'report', 'question', 'answer',
					'proposal', 'decision')),
	text		TEXT NOT NULL,
	created_at	TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'))
) STRICT;
CREATE INDEX notes_item ON notes(item_id, position);
CREATE INDEX notes_meeting ON notes(meeting_id);

CREATE TABLE proposals (
	id		INTEGER PRIMARY KEY,
	meeting_id	INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
	item_id		INTEGER REFERENCES agenda_items(id) ON DELETE SET NULL,
	position	INTEGER NOT NULL,
	unit		TEXT,
	text		TEXT NOT NULL,
	answer		TEXT,
	status		TEXT NOT NULL DEFAULT 'open'
			CHECK (status IN ('open', 'done', 'dropped'))
) STRICT;
CREATE INDEX proposals_meeting ON proposals(meeting_id, position);

CREATE TABLE conclusions (
	id		INTEGER PRIMARY KEY,
	meeting_id	INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
	position	INTEGER NOT NULL,
	text		TEXT NOT NULL
) STRICT;
CREATE INDEX conclusions_meeting ON conclusions(meeting_id, position);

-- A directive belongs to the meeting that set it; closed_meeting_id is the
-- meeting where it was reported done or dropped.
CREATE TABLE directives (
	id			INTEGER PRIMARY KEY,
	meeting_id		INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
	position		INTEGER NOT NULL,
	text			TEXT NOT NULL,
	owner			TEXT,
	due			TEXT,	-- "2023-06-30"
	status			TEXT NOT NULL DEFAULT 'open'
				CHECK (status IN ('open', 'done', 'dropped')),
	closed_meeting_id	INTEGER REFERENCES meetings(id) ON DELETE SET NULL
) STRICT;
CREATE INDEX directives_meeting ON directives(meeting_id, position);
CREATE INDEX directives_status ON directives(status, due);

-- Every edit of a meeting once it left draft: who, when, what, old, new.
CREATE TABLE change_log (
	id		INTEGER PRIMARY KEY,
	meeting_id	INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
	at		TEXT NOT NULL,
	who		TEXT NOT NULL,
	what		TEXT NOT NULL,
	old_value	TEXT,
	new_value	TEXT
) STRICT;
CREATE INDEX change_log_meeting ON change_log(meeting_id, id);

-- The unfinished note line of a secretary, saved while typing so that it
-- survives a crash or a dropped connection. One per meeting and author.
CREATE TABLE drafts (
	meeting_id	INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
	author		TEXT NOT NULL,
	item_id		INTEGER REFERENCES agenda_items(id) ON DELETE SET NULL,
	speaker		TEXT,
	kind		TEXT,
	text		TEXT NOT NULL,
	updated_at	TEXT NOT NULL,
	PRIMARY KEY (meeting_id, author)
) STRICT;
