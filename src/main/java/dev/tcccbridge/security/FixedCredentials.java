package dev.tcccbridge.security;

import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Accepts exactly one username and password from configuration, for HTTP Basic. Both are
 * always compared, in constant time, so neither a wrong username nor a wrong password answers
 * faster than the other.
 */
final class FixedCredentials implements AuthenticationProvider {

    private final String username;
    private final String password;
    private final String authority;

    FixedCredentials(String username, String password, String authority) {
        this.username = username;
        this.password = password;
        this.authority = authority;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String presentedName = authentication.getName();
        Object presentedPassword = authentication.getCredentials();
        boolean nameMatches = PlainSecretEncoder.INSTANCE.matches(presentedName, username);
        boolean passwordMatches = presentedPassword instanceof CharSequence secret
                && PlainSecretEncoder.INSTANCE.matches(secret, password);
        if (!(nameMatches & passwordMatches)) {
            throw new BadCredentialsException("wrong username or password");
        }
        return UsernamePasswordAuthenticationToken.authenticated(username, null,
                List.of(new SimpleGrantedAuthority(authority)));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
