CREATE TYPE "public"."catchball_kind" AS ENUM('throw', 'catch', 'throw_back', 'decision');--> statement-breakpoint
CREATE TABLE "catchball_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"card_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"kind" "catchball_kind" NOT NULL,
	"from_team_id" uuid NOT NULL,
	"to_team_id" uuid NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"ask" text DEFAULT '' NOT NULL,
	"brief_will" text DEFAULT '' NOT NULL,
	"brief_how" text DEFAULT '' NOT NULL,
	"brief_need" text DEFAULT '' NOT NULL,
	"actor_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "catchball_entries" ADD CONSTRAINT "catchball_entries_card_id_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."cards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catchball_entries" ADD CONSTRAINT "catchball_entries_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catchball_entries" ADD CONSTRAINT "catchball_entries_from_team_id_teams_id_fk" FOREIGN KEY ("from_team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catchball_entries" ADD CONSTRAINT "catchball_entries_to_team_id_teams_id_fk" FOREIGN KEY ("to_team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catchball_entries" ADD CONSTRAINT "catchball_entries_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "catchball_entries_card_idx" ON "catchball_entries" USING btree ("card_id","at");--> statement-breakpoint
CREATE INDEX "catchball_entries_organisation_idx" ON "catchball_entries" USING btree ("organisation_id","at");