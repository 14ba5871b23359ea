ALTER TABLE "comments" ADD COLUMN "body_text" text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Comments written before this column get their source as text: close enough for an excerpt.
UPDATE "comments" SET "body_text" = btrim(regexp_replace("body", '\s+', ' ', 'g'));
