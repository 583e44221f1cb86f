package dev.tcccbridge.security;

import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Keeps no record of issued tokens. They are signed JWTs that the push endpoint checks on their
 * own, on any instance; the default in-memory store would keep every token ever issued, on one
 * instance only. The price: introspection and revocation find no token. To withdraw access,
 * remove or change the client, or rotate the signing key.
 */
final class SelfContainedTokens implements OAuth2AuthorizationService {

    @Override
    public void save(OAuth2Authorization authorization) {
        // nothing to keep: the token carries its own proof
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        // nothing was kept
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return null;
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        return null;
    }
}
