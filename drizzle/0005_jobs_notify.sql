-- Wakes the job runners (LISTEN catchball_jobs) when jobs are inserted. NOTIFY is delivered at commit,
-- so a job enqueued in a transaction that rolls back wakes nobody, and every instance hears it.
CREATE FUNCTION "catchball_jobs_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('catchball_jobs', '');
	RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "jobs_notify" AFTER INSERT ON "jobs" FOR EACH STATEMENT EXECUTE FUNCTION "catchball_jobs_notify"();
