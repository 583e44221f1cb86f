package dev.tcccbridge.desk;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where CRM fields meet Desk's answer fields: agents and agent group for {@code OnAssignHuman},
 * session variables for {@code InterfaceInvocation}. A user without a record, or a CRM that is
 * unavailable, gets no assignment (only the default group, if any) and no variables.
 */
public final class DeskMapping {

    private final DeskProperties.Assignment assignment;
    private final Map<String, String> variables;

    public DeskMapping(DeskProperties.Assignment assignment, Map<String, String> variables) {
        this.assignment = assignment;
        this.variables = variables;
    }

    public DeskAnswer answer(DeskCommand command, DeskLookup lookup) {
        DeskCustomer customer = lookup instanceof DeskLookup.Found found ? found.customer() : null;
        return switch (command) {
            case ASSIGN_HUMAN -> customer == null
                    ? DeskAnswer.assignment(assignment.defaultGroupId(), List.of())
                    : DeskAnswer.assignment(groupId(customer), agents(customer));
            case INTERFACE_INVOCATION -> DeskAnswer.variables(customer == null ? Map.of() : variables(customer));
        };
    }

    /** The agent e-mails of the record, in the configured order, each once. */
    List<String> agents(DeskCustomer customer) {
        List<String> agents = new ArrayList<>();
        for (String field : assignment.agentFields()) {
            String email = customer.field(field);
            if (email != null && !email.isBlank() && !agents.contains(email.trim())) {
                agents.add(email.trim());
            }
        }
        return agents;
    }

    /** The record's group through the mapping (or as a number), else the default group. */
    Long groupId(DeskCustomer customer) {
        String value = assignment.groupField() == null ? null : customer.field(assignment.groupField());
        Long group = value == null ? null : assignment.groupIds().isEmpty() ? number(value)
                : assignment.groupIds().get(value.trim());
        return group != null ? group : assignment.defaultGroupId();
    }

    /** Every configured variable the record has a value for. */
    Map<String, String> variables(DeskCustomer customer) {
        Map<String, String> body = new LinkedHashMap<>();
        variables.forEach((name, field) -> {
            String value = customer.field(field);
            if (value != null) {
                body.put(name, value);
            }
        });
        return body;
    }

    private static Long number(String value) {
        try {
            return new BigDecimal(value.trim()).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }
}
