-- Full-text search (docs/decisions/016-needs-you-and-search.md). Written by hand: drizzle
-- cannot describe an FTS5 table or triggers. search_docs says what each indexed text is and
-- which body it belongs to; search_fts holds the words, one row per doc (rowid = doc).
-- unicode61 with remove_diacritics 2 folds accents, so "reunion" finds "reunión"
-- (https://www.sqlite.org/fts5.html#unicode61_tokenizer). The triggers keep both in step
-- with every write, inside the writing transaction. Decision-record entries are indexed by
-- app/models/record.server.ts (their words are rendered from the catalogues).
CREATE TABLE `search_docs` (
	`doc` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`ref_id` text NOT NULL,
	`assembly_id` text NOT NULL,
	`proposal_id` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`assembly_id`) REFERENCES `assemblies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `search_docs_ref_uq` ON `search_docs` (`kind`, `ref_id`);
--> statement-breakpoint
CREATE INDEX `search_docs_assembly_idx` ON `search_docs` (`assembly_id`);
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_fts` USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE TRIGGER `search_docs_gone` AFTER DELETE ON `search_docs` BEGIN
	DELETE FROM search_fts WHERE rowid = old.doc;
END;
--> statement-breakpoint
-- Proposals: the title and text of the current revision (every revision is written once).
CREATE TRIGGER `search_proposal_revision` AFTER INSERT ON `proposal_revisions` BEGIN
	DELETE FROM search_docs WHERE kind = 'proposal' AND ref_id = new.proposal_id;
	INSERT INTO search_docs (kind, ref_id, assembly_id, proposal_id, at)
		SELECT 'proposal', p.id, p.assembly_id, p.id, new.created_at FROM proposals p WHERE p.id = new.proposal_id;
	INSERT INTO search_fts (rowid, title, body)
		SELECT doc, new.title, new.body FROM search_docs WHERE kind = 'proposal' AND ref_id = new.proposal_id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_proposal_gone` AFTER DELETE ON `proposals` BEGIN
	DELETE FROM search_docs WHERE proposal_id = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_comment` AFTER INSERT ON `comments` BEGIN
	INSERT INTO search_docs (kind, ref_id, assembly_id, proposal_id, at)
		SELECT 'comment', new.id, p.assembly_id, p.id, new.created_at FROM proposals p WHERE p.id = new.proposal_id;
	INSERT INTO search_fts (rowid, title, body)
		SELECT doc, '', new.body FROM search_docs WHERE kind = 'comment' AND ref_id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_comment_edit` AFTER UPDATE OF `body` ON `comments` BEGIN
	UPDATE search_fts SET body = new.body WHERE rowid = (SELECT doc FROM search_docs WHERE kind = 'comment' AND ref_id = new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_comment_gone` AFTER DELETE ON `comments` BEGIN
	DELETE FROM search_docs WHERE kind = 'comment' AND ref_id = old.id;
END;
--> statement-breakpoint
-- Minutes: the meeting's title, its summary, the notes of its agenda items and its action items,
-- re-read whole whenever one of them changes.
CREATE TRIGGER `search_meeting` AFTER INSERT ON `meetings` BEGIN
	INSERT INTO search_docs (kind, ref_id, assembly_id, proposal_id, at) VALUES ('minutes', new.id, new.assembly_id, NULL, new.starts_at);
	INSERT INTO search_fts (rowid, title, body)
		SELECT doc, new.title, new.minutes_summary FROM search_docs WHERE kind = 'minutes' AND ref_id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_meeting_edit` AFTER UPDATE OF `title`, `minutes_summary`, `starts_at` ON `meetings` BEGIN
	UPDATE search_docs SET at = new.starts_at WHERE kind = 'minutes' AND ref_id = new.id;
	UPDATE search_fts SET title = new.title,
		body = concat_ws(char(10), new.minutes_summary,
			(SELECT group_concat(notes, char(10)) FROM agenda_items WHERE meeting_id = new.id AND notes <> ''),
			(SELECT group_concat(text, char(10)) FROM action_items WHERE meeting_id = new.id))
		WHERE rowid = (SELECT doc FROM search_docs WHERE kind = 'minutes' AND ref_id = new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_meeting_gone` AFTER DELETE ON `meetings` BEGIN
	DELETE FROM search_docs WHERE kind = 'minutes' AND ref_id = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_agenda_notes` AFTER UPDATE OF `notes` ON `agenda_items` BEGIN
	UPDATE meetings SET minutes_summary = minutes_summary WHERE id = new.meeting_id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_action_item` AFTER INSERT ON `action_items` BEGIN
	UPDATE meetings SET minutes_summary = minutes_summary WHERE id = new.meeting_id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_action_item_edit` AFTER UPDATE OF `text` ON `action_items` BEGIN
	UPDATE meetings SET minutes_summary = minutes_summary WHERE id = new.meeting_id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_action_item_gone` AFTER DELETE ON `action_items` BEGIN
	UPDATE meetings SET minutes_summary = minutes_summary WHERE id = old.meeting_id;
END;
--> statement-breakpoint
-- Report-backs: indexed once written (body and submitted_at are set together, once), in the delegate's home body.
CREATE TRIGGER `search_report` AFTER INSERT ON `report_backs` WHEN new.body IS NOT NULL BEGIN
	INSERT INTO search_docs (kind, ref_id, assembly_id, proposal_id, at) VALUES ('report', new.id, new.assembly_id, NULL, coalesce(new.submitted_at, new.created_at));
	INSERT INTO search_fts (rowid, title, body) SELECT doc, coalesce(new.title, ''), new.body FROM search_docs WHERE kind = 'report' AND ref_id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_report_filed` AFTER UPDATE OF `body` ON `report_backs` WHEN new.body IS NOT NULL AND old.body IS NULL BEGIN
	INSERT INTO search_docs (kind, ref_id, assembly_id, proposal_id, at) VALUES ('report', new.id, new.assembly_id, NULL, coalesce(new.submitted_at, new.created_at));
	INSERT INTO search_fts (rowid, title, body) SELECT doc, coalesce(new.title, ''), new.body FROM search_docs WHERE kind = 'report' AND ref_id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_report_gone` AFTER DELETE ON `report_backs` BEGIN
	DELETE FROM search_docs WHERE kind = 'report' AND ref_id = old.id;
END;
--> statement-breakpoint
-- What is already there.
INSERT INTO search_docs (kind, ref_id, assembly_id, proposal_id, at)
	SELECT 'proposal', p.id, p.assembly_id, p.id, p.updated_at FROM proposals p;
--> statement-breakpoint
INSERT INTO search_fts (rowid, title, body)
	SELECT d.doc, r.title, r.body FROM search_docs d JOIN proposals p ON p.id = d.ref_id
	JOIN proposal_revisions r ON r.proposal_id = p.id AND r.number = p.current_revision WHERE d.kind = 'proposal';
--> statement-breakpoint
INSERT INTO search_docs (kind, ref_id, assembly_id, proposal_id, at)
	SELECT 'comment', c.id, p.assembly_id, p.id, c.created_at FROM comments c JOIN proposals p ON p.id = c.proposal_id;
--> statement-breakpoint
INSERT INTO search_fts (rowid, title, body)
	SELECT d.doc, '', c.body FROM search_docs d JOIN comments c ON c.id = d.ref_id WHERE d.kind = 'comment';
--> statement-breakpoint
INSERT INTO search_docs (kind, ref_id, assembly_id, proposal_id, at)
	SELECT 'minutes', m.id, m.assembly_id, NULL, m.starts_at FROM meetings m;
--> statement-breakpoint
INSERT INTO search_fts (rowid, title, body)
	SELECT d.doc, m.title, concat_ws(char(10), m.minutes_summary,
		(SELECT group_concat(notes, char(10)) FROM agenda_items WHERE meeting_id = m.id AND notes <> ''),
		(SELECT group_concat(text, char(10)) FROM action_items WHERE meeting_id = m.id))
	FROM search_docs d JOIN meetings m ON m.id = d.ref_id WHERE d.kind = 'minutes';
--> statement-breakpoint
INSERT INTO search_docs (kind, ref_id, assembly_id, proposal_id, at)
	SELECT 'report', r.id, r.assembly_id, NULL, coalesce(r.submitted_at, r.created_at) FROM report_backs r WHERE r.body IS NOT NULL;
--> statement-breakpoint
INSERT INTO search_fts (rowid, title, body)
	SELECT d.doc, coalesce(r.title, ''), r.body FROM search_docs d JOIN report_backs r ON r.id = d.ref_id WHERE d.kind = 'report';
