package dev.tcccbridge.mail;

import dev.tcccbridge.crm.PhoneNumbers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcccbridge.crm.CrmProperties;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallbackTasksTest {

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
        CallbackTasks tasks = new CallbackTasks(crm, Clock.systemUTC());

        // 2023-02-23 20:30 UTC is already the 24th in Shanghai
        var fields = tasks.fields(mail("s1", Instant.parse("2023-02-23T20:30:00Z")));

        assertThat(fields).containsEntry("ActivityDate", "2023-02-24")
                .containsEntry("Subject", "Call back +86 131 2345 6789")
                .containsEntry("OwnerId", "005DEFAULT")
                .doesNotContainKey("WhoId");
    }
}
