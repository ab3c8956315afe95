-- 005_item_kind.sql - what an agenda item is, for the documents: NULL
-- (detected from its title and notes, as before), 'regular', 'reports'
-- (the units' reports) or 'conclusions' (the chair's conclusions: the
-- minutes' conclusions section whatever the item's title).
ALTER TABLE agenda_items ADD COLUMN kind TEXT
	CHECK (kind IN ('regular', 'reports', 'conclusions'));
