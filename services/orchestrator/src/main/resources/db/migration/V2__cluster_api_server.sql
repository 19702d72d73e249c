-- One API server is one cluster: a second registration of the same server (under another name) is refused, since
-- two sets of services would fight over its objects. Rows of earlier registrations have no server recorded (NULL).
ALTER TABLE clusters ADD COLUMN api_server VARCHAR(2048);
CREATE UNIQUE INDEX clusters_api_server_idx ON clusters (api_server) WHERE api_server IS NOT NULL;
