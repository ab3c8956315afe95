-- 010_meeting_units.sql - the cluster's units as they were when a meeting
-- closed.
--
-- The minutes count the units present against the cluster's units
-- ("3/4 đơn vị có mặt") and list them in the cluster's order. Read from
-- the cluster as it is now, the minutes of a closed or approved meeting
-- changed when a unit joined the cluster later (by hand, or when an import
-- merged its clusters into the store's): "4/4" became "4/12" in minutes
-- already signed. A meeting keeps its cluster's units from the moment it
-- closes (or is stored closed, or its cluster is changed while closed);
-- drafts and live meetings follow the cluster. An import copies the
-- snapshot of its file's clusters (store_stage_copy.c), since its copy
-- sets these triggers aside.
CREATE TABLE IF NOT EXISTS meeting_units (
	meeting_id	INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
	position	INTEGER NOT NULL,
	name		TEXT NOT NULL,
	PRIMARY KEY (meeting_id, position)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER IF NOT EXISTS meetings_units_close
AFTER UPDATE OF status, cluster_id ON meetings
WHEN new.status IN ('closed', 'approved')
     AND (old.status NOT IN ('closed', 'approved') OR old.cluster_id IS NOT new.cluster_id) BEGIN
	DELETE FROM meeting_units WHERE meeting_id = new.id;
	INSERT INTO meeting_units(meeting_id, position, name)
		SELECT new.id, row_number() OVER (ORDER BY position, id) - 1, name
		FROM units WHERE cluster_id = new.cluster_id;
END;

CREATE TRIGGER IF NOT EXISTS meetings_units_insert AFTER INSERT ON meetings
WHEN new.status IN ('closed', 'approved') BEGIN
	INSERT INTO meeting_units(meeting_id, position, name)
		SELECT new.id, row_number() OVER (ORDER BY position, id) - 1, name
		FROM units WHERE cluster_id = new.cluster_id;
END;

-- Existing stores: the closed meetings keep the units their clusters have
-- now, the nearest there is to the units they had.
INSERT OR IGNORE INTO meeting_units(meeting_id, position, name)
	SELECT m.id, row_number() OVER (PARTITION BY m.id ORDER BY u.position, u.id) - 1, u.name
	FROM meetings m JOIN units u ON u.cluster_id = m.cluster_id
	WHERE m.status IN ('closed', 'approved');
