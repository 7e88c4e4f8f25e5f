CREATE TABLE "sign_in_link" (
	"id" text PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"user_id" text NOT NULL,
	"issued_by_id" text NOT NULL,
	"purpose" text NOT NULL,
	"redirect_to" text,
	"expires_at" timestamp NOT NULL,
	"uses" integer DEFAULT 0 NOT NULL,
	"used_at" timestamp,
	"revoked_at" timestamp,
	"created_at" timestamp NOT NULL,
	CONSTRAINT "sign_in_link_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "sign_in_link" ADD CONSTRAINT "sign_in_link_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;
