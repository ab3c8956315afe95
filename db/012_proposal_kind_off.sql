-- 012_proposal_kind_off.sql - a proposal note given another kind stays.
--
-- 007 made a proposal raised under an item one thing with its note: the
-- note changed to another kind takes its proposal away
-- (notes_proposal_kind_off), and a linked proposal deleted takes its note
-- away (proposals_note_ad). Together they deleted the note being edited:
-- correcting a proposal into a report lost it, and the note's search
-- trigger, firing after, indexed the deleted note, so the next note given
-- the same id could not be indexed and no note could be saved after it.
-- A proposal deleted now takes its note away only while that note is
-- still a proposal (as it is whenever the proposal is deleted in the
-- proposals tab); the kind change leaves the note with its new kind.
DROP TRIGGER proposals_note_ad;
CREATE TRIGGER proposals_note_ad AFTER DELETE ON proposals WHEN old.note_id IS NOT NULL BEGIN
	DELETE FROM notes WHERE id = old.note_id AND kind = 'proposal';
END;

-- Stores where it happened: the search rows of notes that no longer
-- exist (the index's own trigger takes them out of the index).
DELETE FROM search_doc WHERE src = 1 AND NOT EXISTS (SELECT 1 FROM notes n WHERE n.id = search_doc.src_id);
