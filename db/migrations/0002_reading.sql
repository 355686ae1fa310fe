CREATE TABLE `record_suggestions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`employee_id` integer NOT NULL,
	`document_id` integer NOT NULL,
	`kind` text NOT NULL,
	`fields` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`record_id` integer,
	`decided_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `record_suggestions_employee` ON `record_suggestions` (`employee_id`,`status`);--> statement-breakpoint
CREATE UNIQUE INDEX `record_suggestions_document_kind` ON `record_suggestions` (`document_id`,`kind`);--> statement-breakpoint
ALTER TABLE `assessments` ADD `document_id` integer REFERENCES documents(id) ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE `continuing_education` ADD `document_id` integer REFERENCES documents(id) ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE `documents` ADD `verification_code` text;--> statement-breakpoint
ALTER TABLE `educations` ADD `document_id` integer REFERENCES documents(id) ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE `inbox_files` ADD `engine_runs` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `inbox_files` ADD `reading` text;--> statement-breakpoint
ALTER TABLE `titles` ADD `document_id` integer REFERENCES documents(id) ON DELETE SET NULL;--> statement-breakpoint
-- Written by hand (drizzle-kit knows no virtual tables): the text of every filed document,
-- rowid = documents.id. The trigram tokenizer indexes every three characters, so Chinese is
-- searchable without a word list; shorter queries fall back to LIKE, which it also serves.
CREATE VIRTUAL TABLE `document_text` USING fts5(`text`, tokenize = 'trigram');
