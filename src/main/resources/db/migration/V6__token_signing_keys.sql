-- The built-in token endpoint's signing keys (bridge.tccc.push.auth.oauth2.clients without a
-- configured signing-key): generated once, shared by every instance, kept across restarts.
-- Plain SQL that H2 (PostgreSQL mode) and PostgreSQL both run.
--
-- One key is current (current_slot = 'current', unique): new tokens are signed with it. A key an
-- operator rotated away from keeps verifying the tokens it signed until retired_at plus the
-- token lifetime; then it is deleted.
CREATE TABLE token_signing_key (
    -- the key's JWK thumbprint, the kid of the tokens it signs
    key_id       VARCHAR(64)              NOT NULL,
    -- the RSA private key, PKCS#8 PEM: whoever reads this table can sign tokens for the push endpoint
    private_key  VARCHAR(4000)            NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    retired_at   TIMESTAMP WITH TIME ZONE,
    current_slot VARCHAR(7),
    CONSTRAINT token_signing_key_pk PRIMARY KEY (key_id),
    CONSTRAINT token_signing_key_current_uk UNIQUE (current_slot),
    CONSTRAINT token_signing_key_slot_ck CHECK (current_slot IS NULL OR current_slot = 'current')
);
