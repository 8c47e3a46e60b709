-- The change log is append-only: history that subscribers were mailed must never be rewritten.
CREATE OR REPLACE FUNCTION "changes_refuse_modification"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'changes is append-only: % refused', TG_OP
    USING ERRCODE = 'restrict_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "changes_no_update_delete"
  BEFORE UPDATE OR DELETE ON "changes"
  FOR EACH ROW EXECUTE FUNCTION "changes_refuse_modification"();
--> statement-breakpoint
CREATE TRIGGER "changes_no_truncate"
  BEFORE TRUNCATE ON "changes"
  FOR EACH STATEMENT EXECUTE FUNCTION "changes_refuse_modification"();
