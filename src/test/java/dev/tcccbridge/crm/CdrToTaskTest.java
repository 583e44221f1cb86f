package dev.tcccbridge.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tcccbridge.crm.CrmMappingProperties.FieldMapping;
import dev.tcccbridge.tccc.Cdr;
import dev.tcccbridge.tccc.PushAction;
import dev.tcccbridge.tccc.PushReader;
import dev.tcccbridge.testing.CdrJson;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

/** The shipped mapping (application.yaml) applied to CDRs. */
class CdrToTaskTest {

    static final CrmMappingProperties SHIPPED = shippedMapping();
    static final PushReader READER = new PushReader(new ObjectMapper());

    final CdrToTask mapper = new CdrToTask(SHIPPED, properties("Asia/Shanghai"));

    @Test
    void mapsEveryContractFieldOfTheVendorSample() {
        Cdr cdr = cdr(CdrJson.sample().set("Duration", 9));
        Map<String, Object> task = mapper.fields(new CallParties(cdr, Optional.of("005OWNER"),
                Optional.of(new CrmCustomer("003CUSTOMER", "Contact", "Li Lei", null, null, null))));

        assertThat(task).containsOnlyKeys("Subject", "TaskSubtype", "CallType", "CallDurationInSeconds",
                "CallDisposition", "CallObject", "ActivityDate", "Status", "OwnerId", "WhoId", "Description");
        assertThat(task).containsEntry("Subject", "Outbound call to 0086184xxxx7605")
                .containsEntry("TaskSubtype", "Call")
                .containsEntry("CallType", "Outbound")
                .containsEntry("CallDurationInSeconds", 9)
                .containsEntry("CallDisposition", "numberNotExist")
                .containsEntry("CallObject", "99a1c8f8-eb3d-4xxx-8401-5f6aa8761232")
                // 1677140068 = 2023-02-23 08:14:28 UTC = 16:14:28 in Shanghai
                .containsEntry("ActivityDate", "2023-02-23")
                .containsEntry("Status", "Completed")
                .containsEntry("OwnerId", "005OWNER")
                .containsEntry("WhoId", "003CUSTOMER");
    }

    @Test
    void descriptionTellsTheCallInWords() {
        Cdr cdr = cdr(CdrJson.sample().inboundFrom("008618412347605")
                .set("IVRKeyPressedEx", List.of(Map.of("Key", "1", "Label", "Sales"), Map.of("Key", "3")))
                .set("PostIVRKeyPressed", List.of(Map.of("Key", "5", "Label", "Very satisfied")))
                .set("HungUpSide", "user")
                .set("ServeParticipants", List.of(
                        Map.of("Mail", "zhangsan@tencent.com", "Type", "staffSeat", "Sequence", 0,
                                "RingTimestamp", 1677140068, "AcceptTimestamp", 1677140069,
                                "EndedTimestamp", 1677140075, "TransferTo", "lisi@tencent.com",
                                "TransferToType", "staffSeat", "EndStatusString", "ok"),
                        Map.of("Mail", "lisi@tencent.com", "Type", "staffSeat", "Sequence", 1,
                                "TransferFrom", "zhangsan@tencent.com", "RingTimestamp", 1677140075,
                                "AcceptTimestamp", 0, "EndStatusString", "seatGiveUp"))));

        String description = (String) mapper.fields(new CallParties(cdr, Optional.empty(), Optional.empty()))
                .get("Description");

        assertThat(description).isEqualTo("""
                Inbound call from +86 184 1234 7605 to 0086400xxx6666
                Started 2023-02-23 16:14:28 (Asia/Shanghai), ended 16:14:41, talk time 0 s
                Queue: Outbound Consultant (skill group 2734)
                IVR keys: 1 = Sales, 3
                After-call IVR keys: 5 = Very satisfied
                Agent: Zhang San <zhangsan@tencent.com>, staff no. 8546
                Participants:
                1. zhangsan@tencent.com (staffSeat), transferred to lisi@tencent.com (staffSeat), rang 16:14:28, \
                answered 16:14:29, ended 16:14:35: completed normally (ok)
                2. lisi@tencent.com (staffSeat), transferred from zhangsan@tencent.com, rang 16:14:35, \
                not answered: not answered by the agent (seatGiveUp)
                Hung up by: the customer
                Customer location: Guizhou, Anshun, China (Mobile)
                End status: number does not exist (numberNotExist)
                Remark: *****7605
                Customer data (Uui): abc
                TCCC session: 99a1c8f8-eb3d-4xxx-8401-5f6aa8761232""");
    }

    @Test
    void zeroTimestampsNeverBecome1970AndMissingValuesAreLeftOut() {
        Cdr cdr = cdr(CdrJson.sample().set("StartTimestamp", 0).set("RingTimestamp", 0).set("AcceptTimestamp", 0)
                .set("EndedTimestamp", 0).set("QueuedTimestamp", 0).set("Duration", null)
                .set("ServeParticipants", null).set("EndStatusString", ""));

        Map<String, Object> task = mapper.fields(new CallParties(cdr, Optional.empty(), Optional.empty()));

        assertThat(task).doesNotContainKeys("ActivityDate", "CallDurationInSeconds", "CallDisposition", "OwnerId",
                "WhoId");
        assertThat(task.toString()).doesNotContain("1970");
    }

    @Test
    void activityDateIsTheStartDateInTheConfiguredZone() {
        // 2023-02-23 17:00:00 UTC
        Cdr cdr = cdr(CdrJson.sample().set("StartTimestamp", 1677171600));

        assertThat(new CdrToTask(SHIPPED, properties("UTC")).fields(parties(cdr))).containsEntry("ActivityDate",
                "2023-02-23");
        assertThat(mapper.fields(parties(cdr))).containsEntry("ActivityDate", "2023-02-24");
    }

    @Test
    void textsAreCutToTheFieldLengths() {
        String remark = "备注".repeat(20_000);
        Cdr cdr = cdr(CdrJson.sample().set("EndStatusString", "x".repeat(300)).set("UserRemark", remark)
                .outboundTo("1".repeat(300)));

        Map<String, Object> task = mapper.fields(parties(cdr));

        assertThat((String) task.get("Subject")).hasSize(255).startsWith("Outbound call to 111");
        assertThat((String) task.get("CallDisposition")).hasSize(255);
        assertThat((String) task.get("Description")).hasSize(32000);
    }

    @Test
    void cuttingNeverSplitsACharacterOutsideTheBasicPlane() {
        assertThat(CdrToTask.cut("ab😀", 3)).isEqualTo("ab");
        assertThat(CdrToTask.cut("ab😀", 4)).isEqualTo("ab😀");
        assertThat(CdrToTask.cut(42, 1)).isEqualTo(42);
    }

    @Test
    void mappingChoosesFieldsConstantsAndLengths() {
        CrmMappingProperties custom = new CrmMappingProperties(List.of(
                new FieldMapping("Subject", "subject", null, 12),
                new FieldMapping("TCCC_Queue__c", "queue", null, null),
                new FieldMapping("TCCC_Agent__c", "agentEmail", null, null),
                new FieldMapping("Priority", null, "Normal", null)));

        Map<String, Object> task = new CdrToTask(custom, properties("UTC")).fields(parties(cdr(CdrJson.sample())));

        assertThat(task).containsExactly(entry("Subject", "Outbound cal"),
                entry("TCCC_Queue__c", "Outbound Consultant"), entry("TCCC_Agent__c", "zhangsan@tencent.com"),
                entry("Priority", "Normal"));
    }

    @Test
    void everyCallValueOfTheSampleIsWritable() {
        CdrToTask all = new CdrToTask(SHIPPED, properties("UTC"));
        // dialled from an Account on the agent page: its id comes back as Uui
        Cdr cdr = cdr(CdrJson.sample().set("AcceptTimestamp", 1677140069).set("Uui", "001000000000042AAA"));
        for (CallValue value : CallValue.values()) {
            Object mapped = all.value(value, new CallParties(cdr, Optional.of("005X"),
                    Optional.of(new CrmCustomer("003X", "Contact", null, null, null, null))));
            assertThat(mapped).as(value.key()).isNotNull();
        }
    }

    private static CallParties parties(Cdr cdr) {
        return new CallParties(cdr, Optional.empty(), Optional.empty());
    }

    private static Cdr cdr(CdrJson json) {
        return (Cdr) READER.read(PushAction.CDR, json.json());
    }

    static CrmProperties properties(String zone) {
        return new CrmProperties(null, null, ZoneId.of(zone), "CN",
                new CrmProperties.Cache(Duration.ofMinutes(1), 100),
                new CrmProperties.Salesforce("Task", "TCCC_Session_Id__c", List.of("TaskSubtype")));
    }

    /** bridge.crm.mapping as application.yaml ships it. */
    private static CrmMappingProperties shippedMapping() {
        try {
            StandardEnvironment environment = new StandardEnvironment();
            new YamlPropertySourceLoader().load("application.yaml", new FileSystemResource(Path.of("application.yaml")))
                    .forEach(environment.getPropertySources()::addLast);
            return new Binder(ConfigurationPropertySources.get(environment))
                    .bind("bridge.crm.mapping", CrmMappingProperties.class).get();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
