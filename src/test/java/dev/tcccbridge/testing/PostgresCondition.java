package dev.tcccbridge.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** See {@link RequiresPostgres}. */
class PostgresCondition implements ExecutionCondition {

    private static volatile Boolean reachable;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (reachable == null) {
            reachable = TestDatabases.postgresReachable();
        }
        if (reachable) {
            return ConditionEvaluationResult.enabled("PostgreSQL is running at " + TestDatabases.POSTGRES_URL);
        }
        String message = "PostgreSQL is not reachable at " + TestDatabases.POSTGRES_URL + " as "
                + TestDatabases.POSTGRES_USER;
        if (TestDatabases.postgresRequired()) {
            throw new IllegalStateException(message + ", and BRIDGE_TEST_POSTGRES=required");
        }
        System.err.println();
        System.err.println("**********************************************************************");
        System.err.println("*** " + message);
        System.err.println("*** SKIPPING " + context.getDisplayName() + " (set BRIDGE_TEST_POSTGRES=required to fail)");
        System.err.println("**********************************************************************");
        return ConditionEvaluationResult.disabled(message);
    }
}
