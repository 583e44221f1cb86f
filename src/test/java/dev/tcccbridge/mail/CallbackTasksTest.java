package dev.tcccbridge.mail;

import dev.tcccbridge.crm.PhoneNumbers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tcccbridge.crm.CrmMappingProperties;
import dev.tcccbridge.crm.CrmMappingProperties.FieldMapping;
import dev.tcccbridge.crm.CrmProperties;
import org.apache.camel.impl.DefaultCamelContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallbackTasksTest {

    static final CrmMappingProperties SHIPPED = new CrmMappingProperties(List.of(new FieldMapping("Subject", "subject", null, null)),
            List.of(), List.of(
            new FieldMapping("Subject", "subject", null, null),
            new FieldMapping("ActivityDate", "dueDate", null, null),
            new FieldMapping("Status", null, "Not Started", null),
            new FieldMapping("WhoId", "whoId", null, null),
            new FieldMapping("OwnerId", "ownerId", null, null),
            new FieldMapping("TCCC_Call_Task_Id__c", "callTaskId", null, null),
            new FieldMapping("Voicemail_Link__c", null, null, "${body.recordingUrl}", null)));

    static VoicemailMail mail(String sessionId, Instant received) {
        return new VoicemailMail(sessionId, MessageIds.voicemail(sessionId), "s", "a@b.example",
                new VoicemailRecipients(List.of("t@b.example"), List.of(), "test"),
                CallerNumber.of("13123456789", new PhoneNumbers("CN")), "", "UTC", received, null, null, RecordingAudio.notRequested());
    }

    @Test
    void externalIdIsApartFromTheCallsOwnTaskAndFitsTheField() {
        assertThat(CallbackTasks.externalId(mail("e97be0ab-1ef6-4ad2-a8c4-2b2bbfb18e55", null)))
                .isEqualTo("voicemail:e97be0ab-1ef6-4ad2-a8c4-2b2bbfb18e55");
        String longId = CallbackTasks.externalId(mail("x".repeat(100), null));
        assertThat(longId).startsWith("voicemail:").hasSizeLessThanOrEqualTo(64);
        assertThat(CallbackTasks.externalId(mail("x".repeat(100), null))).isEqualTo(longId);
    }

    @Test
    void taskIsDueTheDayTheVoicemailWasLeftInTheCrmTimeZone() {
        CrmProperties crm = new CrmProperties(null, "005DEFAULT", ZoneId.of("Asia/Shanghai"), "CN",
                new CrmProperties.Cache(Duration.ofMinutes(15), 10_000),
                new CrmProperties.Salesforce("Task", "TCCC_Session_Id__c", List.of("TaskSubtype")));
        CallbackTasks tasks = new CallbackTasks(crm, SHIPPED, Clock.systemUTC(), new DefaultCamelContext(),
                new ObjectMapper());

        // 2023-02-23 20:30 UTC is already the 24th in Shanghai
        var fields = tasks.fields(mail("s1", Instant.parse("2023-02-23T20:30:00Z")), null);

        assertThat(fields).containsEntry("ActivityDate", "2023-02-24")
                .containsEntry("Subject", "Call back +86 131 2345 6789")
                .containsEntry("OwnerId", "005DEFAULT")
                .doesNotContainKey("WhoId");
    }

    @Test
    void taskIsLinkedToTheCallsOwnTaskWhenItExists() {
        CrmProperties crm = new CrmProperties(null, null, ZoneId.of("UTC"), "CN",
                new CrmProperties.Cache(Duration.ofMinutes(15), 10_000),
                new CrmProperties.Salesforce("Task", "TCCC_Session_Id__c", List.of("TaskSubtype")));
        CallbackTasks tasks = new CallbackTasks(crm, SHIPPED, Clock.systemUTC(), new DefaultCamelContext(),
                new ObjectMapper());
        VoicemailMail mail = mail("s1", Instant.parse("2023-02-23T10:30:00Z"));

        var linked = tasks.fields(mail, """
                {"totalSize":1,"done":true,"records":[{"attributes":{"type":"Task"},"Id":"00T000000000042AAA"}]}""");
        var alone = tasks.fields(mail, "{\"totalSize\":0,\"done\":true,\"records\":[]}");

        assertThat(linked).containsEntry("TCCC_Call_Task_Id__c", "00T000000000042AAA");
        assertThat(alone).doesNotContainKeys("TCCC_Call_Task_Id__c", "OwnerId", "Voicemail_Link__c");
        assertThat(tasks.callTaskQuery(mail))
                .isEqualTo("SELECT Id FROM Task WHERE TCCC_Session_Id__c = 's1' LIMIT 1");
    }
}
