package dev.tcccbridge.agent;

import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.tcccbridge.crm.CrmCustomer;
import dev.tcccbridge.crm.CrmMode;
import dev.tcccbridge.crm.CrmProperties;
import dev.tcccbridge.crm.CustomerLookup;
import dev.tcccbridge.crm.PhoneNumbers;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The agent page's endpoints (CONTRACT §5), for the signed-in agent only ({@link AgentSecurityConfiguration}):
 * {@code /agent/sdk-url} mints a Web SDK login for the agent's own seat, {@code /agent/lookup} finds the
 * caller in the CRM as CDR delivery does, {@code /agent/me} tells the page who is signed in. Errors are
 * {@code {"error": code, "message": text}} with a status the page can act on.
 */
@RestController
public class AgentController {

    static final int MAX_NUMBER_LENGTH = 40;

    private static final Logger LOG = LoggerFactory.getLogger(AgentController.class);

    private final AgentProperties properties;
    private final AgentSeats seats;
    private final ObjectProvider<SdkLogins> logins;
    private final CustomerLookup customers;
    private final CrmMode crmMode;
    private final PhoneNumbers phoneNumbers;
    private final AllowedOrigins salesforceOrigins;

    public AgentController(AgentProperties properties, AgentSeats seats, ObjectProvider<SdkLogins> logins,
                           CustomerLookup customers, CrmMode crmMode, CrmProperties crm,
                           AllowedOrigins salesforceOrigins) {
        this.properties = properties;
        this.seats = seats;
        this.logins = logins;
        this.customers = customers;
        this.crmMode = crmMode;
        this.phoneNumbers = new PhoneNumbers(crm.phoneRegion());
        this.salesforceOrigins = salesforceOrigins;
    }

    /** {@code {"SdkURL": "..."}} for the signed-in agent's seat; whatever the request says, never another's. */
    @GetMapping("/agent/sdk-url")
    public ResponseEntity<Map<String, String>> sdkUrl(@AuthenticationPrincipal OAuth2User agent) {
        String seat = seats.seatOf(signedIn(agent).getAttributes());
        String url = logins.getObject().sdkUrl(seat);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(Map.of("SdkURL", url));
    }

    /**
     * Who is signed in, their seat (or why they have none), the Open CTI script when Salesforce opened the page
     * ({@code crmOrigin} = its {@code sfdcIframeOrigin}, which must be one of bridge.agent.salesforce-origins),
     * and the CSRF token that signing out needs.
     */
    @GetMapping("/agent/me")
    public ResponseEntity<Map<String, Object>> me(@AuthenticationPrincipal OAuth2User agent,
                                                  @RequestParam(name = "crmOrigin", required = false) String crmOrigin,
                                                  CsrfToken csrf) {
        Map<String, Object> attributes = signedIn(agent).getAttributes();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("name", text(attributes.get("name")).or(() -> text(attributes.get("preferred_username")))
                .orElse(agent.getName()));
        try {
            answer.put("seat", seats.seatOf(attributes));
        } catch (AgentRefusal noSeat) {
            answer.put("seat", null);
            answer.put("problem", Map.of("error", noSeat.code(), "message", noSeat.getMessage()));
        }
        if (crmOrigin != null && !crmOrigin.isBlank()) {
            String origin = salesforceOrigins.allowed(crmOrigin).orElseThrow(() -> new AgentRefusal(400,
                    "crm-origin-refused", "The page was opened by " + printable(crmOrigin) + ", which is not one of"
                    + " the Salesforce origins the bridge trusts (bridge.agent.salesforce-origins)."));
            answer.put("openCtiScript", origin + "/support/api/" + properties.openCtiVersion()
                    + "/lightning/opencti_min.js");
        }
        answer.put("csrf", Map.of("header", csrf.getHeaderName(), "parameter", csrf.getParameterName(),
                "token", csrf.getToken()));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(answer);
    }

    /** The Contact, else Lead, with the number, found as CDR delivery finds the customer of a call. */
    @GetMapping("/agent/lookup")
    public ResponseEntity<Map<String, Object>> lookup(@AuthenticationPrincipal OAuth2User agent,
                                                      @RequestParam(name = "number", required = false) String number) {
        signedIn(agent);
        if (number == null || number.isBlank()) {
            throw new AgentRefusal(400, "number-missing", "Give the number to look up: /agent/lookup?number=...");
        }
        if (number.length() > MAX_NUMBER_LENGTH) {
            throw new AgentRefusal(400, "not-a-number", "That is longer than any phone number.");
        }
        PhoneNumber parsed = phoneNumbers.parse(number).orElseThrow(() -> new AgentRefusal(400, "not-a-number",
                "'" + printable(number) + "' cannot be read as a phone number (hidden numbers cannot be looked up)."));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("number", PhoneNumbers.international(parsed));
        answer.put("crm", crmMode == CrmMode.SALESFORCE ? "salesforce" : "dry-run");
        Optional<CrmCustomer> match;
        try {
            match = customers.byPhone(number);
        } catch (RuntimeException e) {
            LOG.warn("caller lookup of {} failed: {}", PhoneNumbers.e164(parsed), e.getMessage());
            throw new AgentRefusal(503, "crm-unavailable", "The CRM could not be asked just now; try again.");
        }
        answer.put("match", match.map(customer -> {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("id", customer.id());
            record.put("type", customer.objectType());
            record.put("name", customer.name());
            record.put("url", customer.recordUrl());
            return record;
        }).orElse(null));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(answer);
    }

    @ExceptionHandler(AgentRefusal.class)
    ResponseEntity<Map<String, Object>> refused(AgentRefusal refusal) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("error", refusal.code());
        answer.put("message", refusal.getMessage());
        if (refusal.requestId() != null) {
            answer.put("requestId", refusal.requestId());
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.status(refusal.status()).cacheControl(CacheControl.noStore());
        if (refusal.status() == 429) {
            response.header("Retry-After", "2");
        }
        return response.body(answer);
    }

    /** The agent, when the workspace is on (with it off nobody is signed in). */
    private OAuth2User signedIn(OAuth2User agent) {
        if (!properties.enabled()) {
            throw new AgentRefusal(404, "agent-workspace-off",
                    "The agent workspace is off: set bridge.agent.enabled=true (docs/AGENT.md).");
        }
        if (agent == null) {
            throw new AgentRefusal(401, "sign-in-required", "Sign in first: open /agent/.");
        }
        return agent;
    }

    private static Optional<String> text(Object value) {
        return value instanceof String s && !s.isBlank() ? Optional.of(s.strip()) : Optional.empty();
    }

    private static String printable(String text) {
        String line = text.replaceAll("\\p{Cntrl}", "?");
        return line.length() > 80 ? line.substring(0, 80) + "…" : line;
    }
}
