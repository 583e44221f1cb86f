package dev.tcccbridge.crm;

import java.util.Map;

/**
 * One record for {@code direct:crm-upsert}: its external id value and the fields written.
 *
 * @param externalId the value of the external id field (the header {@code CrmExternalIdField} names the field)
 * @param fields     CRM field → value, without the external id field; a field left out stays as it is
 */
public record CrmRecord(String externalId, Map<String, Object> fields) {
}
