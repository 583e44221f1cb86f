package dev.tcccbridge.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;


/** Users, Contacts and Leads the stub finds by SOQL (users by e-mail) and SOSL (phone search). */
public final class SalesforceDirectory {

    private final SalesforceStub salesforce;

    public SalesforceDirectory(SalesforceStub salesforce) {
        this.salesforce = salesforce;
    }

    /** Queries and searches that match nothing below find nothing. */
    public void findNothingElse() {
        salesforce.server().stubFor(get(urlPathEqualTo(salesforce.dataPath() + "/query/")).atPriority(10)
                .willReturn(json("{\"totalSize\":0,\"done\":true,\"records\":[]}")));
        salesforce.server().stubFor(get(urlPathEqualTo(salesforce.dataPath() + "/search/")).atPriority(10)
                .willReturn(json("{\"searchRecords\":[]}")));
    }

    public void user(String email, String userId) {
        salesforce.server().stubFor(get(urlPathEqualTo(salesforce.dataPath() + "/query/")).atPriority(1)
                .withQueryParam("q", containing("Email = '" + email + "'"))
                .willReturn(json("""
                        {"totalSize":1,"done":true,"records":[
                          {"attributes":{"type":"User","url":"/services/data/v62.0/sobjects/User/%s"},"Id":"%s"}]}"""
                        .formatted(userId, userId))));
    }

    /** A search whose text contains {@code searched} finds these records (JSON of searchRecords). */
    public void search(String searched, String... records) {
        salesforce.server().stubFor(get(urlPathEqualTo(salesforce.dataPath() + "/search/")).atPriority(1)
                .withQueryParam("q", containing(searched))
                .willReturn(json("{\"searchRecords\":[" + String.join(",", records) + "]}")));
    }

    public static String contact(String id, String name, String phoneField, String phone, String ownerEmail) {
        return """
                {"attributes":{"type":"Contact","url":"/services/data/v62.0/sobjects/Contact/%s"},
                 "Id":"%s","Name":"%s","OwnerId":"005000000000077AAA",
                 "Owner":{"attributes":{"type":"User"},"Email":"%s"},"%s":"%s"}"""
                .formatted(id, id, name, ownerEmail, phoneField, phone);
    }

    public static String lead(String id, String name, String phone) {
        return """
                {"attributes":{"type":"Lead","url":"/services/data/v62.0/sobjects/Lead/%s"},
                 "Id":"%s","Name":"%s","OwnerId":"005000000000078AAA",
                 "Owner":{"attributes":{"type":"User"},"Email":"leads@example.com"},"Phone":"%s"}"""
                .formatted(id, id, name, phone);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }
}
