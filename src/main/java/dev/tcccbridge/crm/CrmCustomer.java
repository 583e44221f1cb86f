package dev.tcccbridge.crm;

/**
 * A customer found in the CRM: a Contact or a Lead.
 *
 * @param id         the record id
 * @param objectType {@code Contact} or {@code Lead}
 * @param name       the display name
 * @param ownerId    the owning user's id
 * @param ownerEmail the owning user's e-mail, when known
 * @param recordUrl  a link that opens the record in the CRM
 */
public record CrmCustomer(String id, String objectType, String name, String ownerId, String ownerEmail,
                          String recordUrl) {
}
