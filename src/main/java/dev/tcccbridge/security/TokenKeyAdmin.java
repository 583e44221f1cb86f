package dev.tcccbridge.security;

import dev.tcccbridge.http.JsonAnswers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Message;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The operator's view of the built-in token endpoint's signing keys ({@code /admin/token-signing-keys},
 * routes/token-signing-keys.camel.yaml): list them, and rotate the stored key. Answers 404 while
 * the endpoint is off, 409 when the key is configured (it is rotated in the configuration).
 */
@Component
public class TokenKeyAdmin {

    private final ObjectProvider<TokenSigningKeys> keys;
    private final JsonAnswers answers;

    public TokenKeyAdmin(ObjectProvider<TokenSigningKeys> keys, JsonAnswers answers) {
        this.keys = keys;
        this.answers = answers;
    }

    public String list(Message message) {
        TokenSigningKeys available = keys.getIfAvailable();
        if (available == null) {
            return off(message);
        }
        List<Map<String, Object>> listed = available.describe().stream().map(key -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("keyId", key.keyId());
            row.put("current", key.current());
            row.put("createdAt", key.createdAt() == null ? null : key.createdAt().toString());
            row.put("retiredAt", key.retiredAt() == null ? null : key.retiredAt().toString());
            row.put("validUntil", key.validUntil() == null ? null : key.validUntil().toString());
            return row;
        }).toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("stored", available.isStored());
        answer.put("keys", listed);
        return answers.write(message, 200, answer);
    }

    public String rotate(Message message) {
        TokenSigningKeys available = keys.getIfAvailable();
        if (available == null) {
            return off(message);
        }
        if (!available.isStored()) {
            return answers.write(message, 409, Map.of("error", "the signing key is set by "
                    + "bridge.tccc.push.auth.oauth2.signing-key: rotate it there, on every instance"));
        }
        TokenSigningKeys.Rotation rotation = available.rotate();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("keyId", rotation.keyId());
        answer.put("previousKeyId", rotation.previousKeyId());
        answer.put("previousValidUntil", rotation.previousValidUntil().toString());
        return answers.write(message, 200, answer);
    }

    private String off(Message message) {
        return answers.write(message, 404, Map.of("error", "the built-in token endpoint is off: it needs "
                + "bridge.tccc.push.auth.oauth2.clients"));
    }
}
