package dev.tcccbridge.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** See {@link RequiresBrowser}. */
class BrowserCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String missing = Browsers.missing();
        if (missing == null) {
            return ConditionEvaluationResult.enabled("Chromium at " + Browsers.CHROMIUM);
        }
        if (Browsers.required()) {
            throw new IllegalStateException(missing + ", and BRIDGE_TEST_BROWSER=required");
        }
        System.err.println();
        System.err.println("**********************************************************************");
        System.err.println("*** " + missing + " (Debian: apt-get install chromium chromium-driver)");
        System.err.println("*** SKIPPING " + context.getDisplayName() + " (set BRIDGE_TEST_BROWSER=required to fail)");
        System.err.println("**********************************************************************");
        return ConditionEvaluationResult.disabled(missing);
    }
}
