package dev.tcccbridge.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Agents' sessions in the migrated tables (V11) with Spring Session's own SQL: a sign-in saved by one
 * instance is found by another (each with its own pool), and ends when it expires. Run against H2 and
 * PostgreSQL by the subclasses.
 */
abstract class AgentSessionsContract {

    private HikariDataSource first;
    private HikariDataSource second;

    abstract String newDatabaseUrl();

    abstract String user();

    abstract String password();

    @BeforeEach
    void migrate() {
        String url = newDatabaseUrl();
        Flyway.configure().dataSource(url, user(), password()).load().migrate();
        first = pool(url);
        second = pool(url);
    }

    @AfterEach
    void close() {
        first.close();
        second.close();
    }

    @Test
    void aSignInSavedByOneInstanceIsFoundByAnother() {
        FindByIndexNameSessionRepository<Session> instanceA = repository(first);
        FindByIndexNameSessionRepository<Session> instanceB = repository(second);
        Session session = instanceA.createSession();
        session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
                new SecurityContextImpl(signIn("li.lei@example.com")));
        instanceA.save(session);

        Session found = instanceB.findById(session.getId());

        assertThat(found).isNotNull();
        SecurityContextImpl context = found.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        OidcUser agent = (OidcUser) context.getAuthentication().getPrincipal();
        assertThat(agent.getEmail()).isEqualTo("li.lei@example.com");
        assertThat(agent.getClaimAsString("name")).isEqualTo("李雷");
        assertThat(instanceB.findByIndexNameAndIndexValue(
                FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME, "sub-li.lei@example.com"))
                .containsOnlyKeys(session.getId());
    }

    @Test
    void anExpiredSessionSignsTheAgentOut() {
        FindByIndexNameSessionRepository<Session> instanceA = repository(first);
        Session session = instanceA.createSession();
        session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
                new SecurityContextImpl(signIn("han.meimei@example.com")));
        session.setMaxInactiveInterval(Duration.ofSeconds(1));
        session.setLastAccessedTime(Instant.now().minusSeconds(60));
        instanceA.save(session);

        assertThat(repository(second).findById(session.getId())).isNull();
        ((JdbcIndexedSessionRepository) (Object) instanceA).cleanUpExpiredSessions();
        assertThat(new JdbcTemplate(first).queryForObject("SELECT COUNT(*) FROM spring_session", Integer.class)).isZero();
    }

    private static OAuth2AuthenticationToken signIn(String email) {
        Instant now = Instant.now();
        OidcIdToken token = new OidcIdToken("id-token-value", now, now.plusSeconds(300),
                Map.of("sub", "sub-" + email, "email", email, "email_verified", true, "name", "李雷",
                        "iss", "https://idp.example", "aud", List.of("tccc-bridge")));
        DefaultOidcUser user = new DefaultOidcUser(Set.of(new SimpleGrantedAuthority("OIDC_USER")), token);
        return new OAuth2AuthenticationToken(user, user.getAuthorities(), "idp");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private FindByIndexNameSessionRepository<Session> repository(HikariDataSource pool) {
        return (FindByIndexNameSessionRepository) new JdbcIndexedSessionRepository(new JdbcTemplate(pool),
                new TransactionTemplate(new DataSourceTransactionManager(pool)));
    }

    private HikariDataSource pool(String url) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername(user());
        pool.setPassword(password());
        pool.setMaximumPoolSize(2);
        return pool;
    }
}
