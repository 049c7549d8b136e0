-- A change that is a commit of a pull request (listed in its commit_ids) and that a deploy shipped
-- by its sha is the pull request's work: the jobs write its row with superseded_by = the pull
-- request's change_id, and only rows with superseded_by = '' are counted. 18.16 compatible.
ALTER TABLE ${database}.change_lead_times
    ADD COLUMN superseded_by String DEFAULT '' AFTER deploy_seconds;
