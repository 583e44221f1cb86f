package dev.tcccbridge.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tcccbridge.TcccBridgeApplication;
import dev.tcccbridge.testing.CdrJson;
import dev.tcccbridge.testing.SalesforceBridgeTest;
import dev.tcccbridge.testing.SalesforceDirectory;
import dev.tcccbridge.testing.TestDatabases;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A mapping an integration team wrote with Camel Simple expressions reaches the Task through the
 * real delivery and camel-salesforce; one Simple cannot parse stops the start with its field named.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bridge.crm.mapping.cdr-task[0].field=Subject",
        "bridge.crm.mapping.cdr-task[0].value=subject",
        // the order number the agent page passed as uui comes back in the CDR
        "bridge.crm.mapping.cdr-task[1].field=Order_Number__c",
        "bridge.crm.mapping.cdr-task[1].expression=$simple{body.uui}",
        "bridge.crm.mapping.cdr-task[2].field=Description",
        "bridge.crm.mapping.cdr-task[2].expression=Order $simple{body.uui}, agent $simple{body.seatUser.staffNumber}",
        // a value of the customer lookup
        "bridge.crm.mapping.cdr-task[3].field=Caller_Name__c",
        "bridge.crm.mapping.cdr-task[3].expression=$simple{variable.customer?.name}",
        "bridge.crm.mapping.cdr-task[4].field=Channel__c",
        "bridge.crm.mapping.cdr-task[4].constant=Phone"})
class CrmMappingExpressionsTest extends SalesforceBridgeTest {

    @BeforeEach
    void orgFields() {
        SALESFORCE.orgAlsoHas("Task.Order_Number__c", "Task.Caller_Name__c", "Task.Channel__c");
    }

    @Test
    void expressionsOverTheCdrAndItsLookupsReachTheTask() {
        String session = UUID.randomUUID().toString();
        directory.search("18412347605", SalesforceDirectory.contact("003000000000001AAA", "Li Lei", "MobilePhone",
                "+86 184 1234 7605", "owner@example.com"));
        String cdr = CdrJson.sample().session(session).outboundTo("008618412347605").set("Uui", "ORD-2023-0042").json();

        bridge.push("cdr", "push-" + session, cdr);
        bridge.awaitStatus("push-" + session, "DONE");

        Map<String, Object> task = SALESFORCE.records().get("Task", session);
        assertThat(task).containsEntry("Subject", "Outbound call to +86 184 1234 7605")
                .containsEntry("Order_Number__c", "ORD-2023-0042")
                .containsEntry("Description", "Order ORD-2023-0042, agent 8546")
                .containsEntry("Caller_Name__c", "Li Lei")
                .containsEntry("Channel__c", "Phone")
                .doesNotContainKey("CallDisposition");
    }

    @Test
    void anExpressionSimpleCannotParseStopsTheStartNamingItsField() {
        SpringApplicationBuilder bridge = new SpringApplicationBuilder(TcccBridgeApplication.class);
        // arguments, as an operator's --key=value: above application.yaml
        String[] broken = {"--server.port=0", "--spring.datasource.url=" + TestDatabases.h2Url(),
                "--spring.datasource.username=sa", "--spring.datasource.password=", "--bridge.crm.mode=dry-run",
                "--bridge.delivery.enabled=false",
                "--bridge.crm.mapping.cdr-task[0].field=Subject",
                "--bridge.crm.mapping.cdr-task[0].value=subject",
                "--bridge.crm.mapping.cdr-task[1].field=Order_Number__c",
                "--bridge.crm.mapping.cdr-task[1].expression=$simple{body.uui"};

        assertThatThrownBy(() -> bridge.run(broken)).satisfies(e -> assertThat(rootMessages(e))
                .contains("bridge.crm.mapping.cdr-task[1] (field Order_Number__c): the expression $simple{body.uui"));
    }

    private static String rootMessages(Throwable e) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
