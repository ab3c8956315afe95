-- 008_change_log_fields.sql - the change log as data: what was changed
-- (meeting, attendee, agenda item, note, proposal, conclusion, directive),
-- which one (item_id), which field (a column name, or added, deleted,
-- position, carried over), old and new; bienban words an entry when it
-- shows it, in the reader's language. Until now `what` held an English
-- phrase ("note 52 text", "agenda item 3: added", "status"); the entries
-- written so far are converted here by the same grammar the program used
-- (store_changelog.c parses it the same way for callers that still pass a
-- phrase). A phrase of no known shape stays as it was, with no field, and
-- is shown as written.
ALTER TABLE change_log ADD COLUMN item_id INTEGER;
ALTER TABLE change_log ADD COLUMN field TEXT;
UPDATE change_log SET what = 'meeting',
	item_id = CAST(substr(what, 9) AS INTEGER),
	field = substr(substr(what, 9), instr(substr(what, 9), ' ') + 1)
	WHERE field IS NULL AND (what GLOB 'meeting [0-9]*: ?*' OR what GLOB 'meeting [0-9]* ?*');
UPDATE change_log SET what = 'meeting', field = 'added' WHERE field IS NULL AND what = 'meeting added';
UPDATE change_log SET what = 'attendee',
	item_id = CAST(substr(what, 10) AS INTEGER),
	field = substr(substr(what, 10), instr(substr(what, 10), ' ') + 1)
	WHERE field IS NULL AND (what GLOB 'attendee [0-9]*: ?*' OR what GLOB 'attendee [0-9]* ?*');
UPDATE change_log SET what = 'attendee', field = 'added' WHERE field IS NULL AND what = 'attendee added';
UPDATE change_log SET what = 'agenda item',
	item_id = CAST(substr(what, 13) AS INTEGER),
	field = substr(substr(what, 13), instr(substr(what, 13), ' ') + 1)
	WHERE field IS NULL AND (what GLOB 'agenda item [0-9]*: ?*' OR what GLOB 'agenda item [0-9]* ?*');
UPDATE change_log SET what = 'agenda item', field = 'added' WHERE field IS NULL AND what = 'agenda item added';
UPDATE change_log SET what = 'note',
	item_id = CAST(substr(what, 6) AS INTEGER),
	field = substr(substr(what, 6), instr(substr(what, 6), ' ') + 1)
	WHERE field IS NULL AND (what GLOB 'note [0-9]*: ?*' OR what GLOB 'note [0-9]* ?*');
UPDATE change_log SET what = 'note', field = 'added' WHERE field IS NULL AND what = 'note added';
UPDATE change_log SET what = 'proposal',
	item_id = CAST(substr(what, 10) AS INTEGER),
	field = substr(substr(what, 10), instr(substr(what, 10), ' ') + 1)
	WHERE field IS NULL AND (what GLOB 'proposal [0-9]*: ?*' OR what GLOB 'proposal [0-9]* ?*');
UPDATE change_log SET what = 'proposal', field = 'added' WHERE field IS NULL AND what = 'proposal added';
UPDATE change_log SET what = 'conclusion',
	item_id = CAST(substr(what, 12) AS INTEGER),
	field = substr(substr(what, 12), instr(substr(what, 12), ' ') + 1)
	WHERE field IS NULL AND (what GLOB 'conclusion [0-9]*: ?*' OR what GLOB 'conclusion [0-9]* ?*');
UPDATE change_log SET what = 'conclusion', field = 'added' WHERE field IS NULL AND what = 'conclusion added';
UPDATE change_log SET what = 'directive',
	item_id = CAST(substr(what, 11) AS INTEGER),
	field = substr(substr(what, 11), instr(substr(what, 11), ' ') + 1)
	WHERE field IS NULL AND (what GLOB 'directive [0-9]*: ?*' OR what GLOB 'directive [0-9]* ?*');
UPDATE change_log SET what = 'directive', field = 'added' WHERE field IS NULL AND what = 'directive added';
UPDATE change_log SET what = 'meeting', item_id = meeting_id, field = 'status'
	WHERE field IS NULL AND what = 'status';
UPDATE change_log SET
	what = substr(coalesce(new_value, old_value), 1,
		      instr(coalesce(new_value, old_value), ' ') - 1),
	item_id = CAST(substr(coalesce(new_value, old_value),
			      instr(coalesce(new_value, old_value), ' ') + 1) AS INTEGER),
	field = 'carried over'
	WHERE field IS NULL AND what = 'carried over'
	AND (coalesce(new_value, old_value) GLOB 'directive [0-9]*'
	     OR coalesce(new_value, old_value) GLOB 'proposal [0-9]*');
