CREATE TYPE "public"."wall_scope" AS ENUM('team', 'rotation', 'organisation');--> statement-breakpoint
CREATE TYPE "public"."wall_theme" AS ENUM('dark', 'light');--> statement-breakpoint
CREATE TABLE "wall_links" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"secret_hash" text NOT NULL,
	"name" text NOT NULL,
	"scope" "wall_scope" NOT NULL,
	"team_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"rotate_seconds" integer DEFAULT 60 NOT NULL,
	"theme" "wall_theme" DEFAULT 'dark' NOT NULL,
	"show_names" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "wall_links" ADD CONSTRAINT "wall_links_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wall_links" ADD CONSTRAINT "wall_links_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "wall_links_organisation_idx" ON "wall_links" USING btree ("organisation_id");