CREATE TABLE `inbox_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`file_id` integer NOT NULL,
	`at` text NOT NULL,
	`state` text NOT NULL,
	`detail` text,
	FOREIGN KEY (`file_id`) REFERENCES `inbox_files`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `inbox_events_file` ON `inbox_events` (`file_id`);--> statement-breakpoint
CREATE TABLE `inbox_files` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`folder_id` integer,
	`parent_id` integer,
	`job_id` text NOT NULL,
	`rel_path` text NOT NULL,
	`source_name` text NOT NULL,
	`claimed_path` text,
	`copy_only` integer DEFAULT false NOT NULL,
	`size` integer NOT NULL,
	`mtime_ms` real NOT NULL,
	`same_since` real NOT NULL,
	`state` text NOT NULL,
	`attempt` integer DEFAULT 0 NOT NULL,
	`next_at` real,
	`first_error_at` real,
	`last_error` text,
	`failed_state` text,
	`sha256` text,
	`bytes` integer,
	`stored_path` text,
	`kind` text,
	`pages` integer,
	`original_doc_id` integer,
	`duplicate_of_doc_id` integer,
	`duplicate_of_file_id` integer,
	`employee_id` integer,
	`material_type` text,
	`year` integer,
	`matched_by` text,
	`review_reason` text,
	`candidates` text,
	`part_pages` text,
	`work_path` text,
	`output_sha256` text,
	`output_bytes` integer,
	`output_name` text,
	`document_id` integer,
	`release_target` text,
	`released_at` real,
	`purge_at` real,
	`purged` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`folder_id`) REFERENCES `watched_folders`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inbox_files_job_id_unique` ON `inbox_files` (`job_id`);--> statement-breakpoint
CREATE INDEX `inbox_files_state` ON `inbox_files` (`state`);--> statement-breakpoint
CREATE INDEX `inbox_files_folder_path` ON `inbox_files` (`folder_id`,`rel_path`);--> statement-breakpoint
CREATE INDEX `inbox_files_sha256` ON `inbox_files` (`sha256`);--> statement-breakpoint
CREATE INDEX `inbox_files_parent` ON `inbox_files` (`parent_id`);--> statement-breakpoint
CREATE TABLE `watched_folders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`path` text NOT NULL,
	`label` text,
	`material_type` text,
	`employee_id` integer,
	`polling` integer,
	`stable_seconds` integer,
	`after_filing` text DEFAULT 'move' NOT NULL,
	`delete_after_days` integer DEFAULT 7 NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `watched_folders_path_unique` ON `watched_folders` (`path`);