package dev.tcccbridge.admin;

import dev.tcccbridge.crm.CrmMode;
import dev.tcccbridge.crm.SalesforceApiAllowance;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.component.resilience4j.ResilienceProcessor;
import org.springframework.stereotype.Component;

/**
 * The CRM connection as operators see it: the mode, the state of the circuit breaker in front of the
 * Desk lookups ({@code routes/desk-callbacks.camel.yaml}, Camel's Resilience4j EIP: CLOSED, OPEN,
 * HALF_OPEN), and the org's API allowance ({@link SalesforceApiAllowance#snapshot()}).
 */
@Component
public class CrmConnection {

    static final String DESK_LOOKUP_ROUTE = "desk-lookup";

    private final CrmMode mode;
    private final SalesforceApiAllowance allowance;
    private final CamelContext camel;

    public CrmConnection(CrmMode mode, SalesforceApiAllowance allowance, CamelContext camel) {
        this.mode = mode;
        this.allowance = allowance;
        this.camel = camel;
    }

    public boolean salesforce() {
        return mode == CrmMode.SALESFORCE;
    }

    /** The circuit breaker's state, or {@code NONE} when the route has none (or is not there). */
    public String circuitBreaker() {
        Route route = camel.getRoute(DESK_LOOKUP_ROUTE);
        if (route == null) {
            return "NONE";
        }
        for (Processor processor : route.filter("*")) {
            if (processor instanceof ResilienceProcessor breaker) {
                return breaker.getCircuitBreakerState();
            }
        }
        return "NONE";
    }

    public SalesforceApiAllowance.Snapshot allowance() {
        return allowance.snapshot();
    }

    public Map<String, Object> describe() {
        Map<String, Object> crm = new LinkedHashMap<>();
        crm.put("mode", salesforce() ? "salesforce" : "dry-run");
        crm.put("circuitBreaker", circuitBreaker());
        crm.put("api", allowance());
        return crm;
    }
}
