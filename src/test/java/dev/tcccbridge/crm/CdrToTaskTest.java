package dev.tcccbridge.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
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
    static final CamelContext CAMEL = new DefaultCamelContext();

    final CdrToTask mapper = new CdrToTask(SHIPPED, properties("Asia/Shanghai"), CAMEL);

    @Test
    void mapsEveryContractFieldOfTheVendorSample() {
        Cdr cdr = cdr(CdrJson.sample().set("Duration", 9));
        Map<String, Object> task = mapper.fields(new CallParties(cdr, Optional.of("005OWNER"),
                Optional.of(new CrmCustomer("003CUSTOMER", "Contact", "Li Lei", null, null, null))));

        // the sample never queued (QueuedTimestamp 0) and pressed no survey key: those fields are left out
        assertThat(task).containsOnlyKeys("Subject", "TaskSubtype", "CallType", "CallDurationInSeconds",
                "CallDisposition", "CallObject", "ActivityDate", "Status", "OwnerId", "WhoId", "Description",
                "TCCC_Ring_Seconds__c", "TCCC_IVR_Seconds__c", "TCCC_Queue__c", "TCCC_Agents__c",
                "TCCC_Transfer_Count__c", "TCCC_Hung_Up_By__c", "TCCC_End_Status__c", "TCCC_Customer_Location__c");
        assertThat(task).containsEntry("Subject", "Outbound call to 0086184xxxx7605")
                .containsEntry("TaskSubtype", "Call")
                .containsEntry("CallType", "Outbound")
                .containsEntry("CallDurationInSeconds", 9)
                .containsEntry("CallDisposition", "number does not exist")
                .containsEntry("TCCC_End_Status__c", "numberNotExist")
                // rang at 1677140072 and never answered: rang until the end, 1677140081
                .containsEntry("TCCC_Ring_Seconds__c", 9)
                .containsEntry("TCCC_IVR_Seconds__c", 0)
                .containsEntry("TCCC_Queue__c", "Outbound Consultant")
                .containsEntry("TCCC_Agents__c", "zhangsan@tencent.com")
                .containsEntry("TCCC_Transfer_Count__c", 0)
                .containsEntry("TCCC_Hung_Up_By__c", "Agent")
                .containsEntry("TCCC_Customer_Location__c", "Guizhou, Anshun, China (Mobile)")
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

        assertThat(new CdrToTask(SHIPPED, properties("UTC"), CAMEL).fields(parties(cdr))).containsEntry("ActivityDate",
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
                new FieldMapping("Priority", null, "Normal", null)), List.of(), SHIPPED.voicemailTask());

        Map<String, Object> task = new CdrToTask(custom, properties("UTC"), CAMEL).fields(parties(cdr(CdrJson.sample())));

        assertThat(task).containsExactly(entry("Subject", "Outbound cal"),
                entry("TCCC_Queue__c", "Outbound Consultant"), entry("TCCC_Agent__c", "zhangsan@tencent.com"),
                entry("Priority", "Normal"));
    }

    @Test
    void everyCallValueOfTheSampleIsWritable() {
        CdrToTask all = new CdrToTask(SHIPPED, properties("UTC"), CAMEL);
        // dialled from an Account on the agent page: its id comes back as Uui
        Cdr cdr = cdr(CdrJson.sample().set("AcceptTimestamp", 1677140069).set("Uui", "001000000000042AAA")
                .set("QueuedTimestamp", 1677140060).set("RingTimestamp", 1677140066).set("PostIVRKeyPressed", List.of(Map.of("Key", "5"))));
        for (CallValue value : CallValue.values()) {
            Object mapped = all.value(value, new CallParties(cdr, Optional.of("005X"),
                    Optional.of(new CrmCustomer("003X", "Contact", null, null, null, null))));
            assertThat(mapped).as(value.key()).isNotNull();
        }
    }

    @Test
    void reportableDataOfATransferredInboundCall() {
        Cdr cdr = cdr(CdrJson.sample().inboundFrom("008618412347605").set("StartTimestamp", 1677140000)
                .set("IVRDuration", 12).set("QueuedTimestamp", 1677140012).set("RingTimestamp", 1677140030)
                .set("AcceptTimestamp", 1677140034).set("EndedTimestamp", 1677140100).set("HungUpSide", "user")
                .set("PostIVRKeyPressed", List.of(Map.of("Key", "5", "Label", "Very satisfied")))
                .set("ServeParticipants", List.of(
                        Map.of("Mail", "lisi@tencent.com", "Sequence", 1, "TransferFrom", "zhangsan@tencent.com"),
                        Map.of("Mail", "zhangsan@tencent.com", "Sequence", 0, "TransferTo", "lisi@tencent.com"),
                        Map.of("Phone", "008613800000000", "Sequence", 2, "TransferFrom", "lisi@tencent.com"))));

        Map<String, Object> task = mapper.fields(parties(cdr));

        assertThat(task).containsEntry("TCCC_Wait_Seconds__c", 22)
                .containsEntry("TCCC_Ring_Seconds__c", 4)
                .containsEntry("TCCC_IVR_Seconds__c", 12)
                .containsEntry("TCCC_Agents__c", "zhangsan@tencent.com, lisi@tencent.com, 008613800000000")
                .containsEntry("TCCC_Transfer_Count__c", 2)
                .containsEntry("TCCC_Satisfaction_Key__c", "5")
                .containsEntry("TCCC_Hung_Up_By__c", "Customer");
        // one Task per session: the legs stay listed in the Description
        assertThat((String) task.get("Description")).contains("Participants:\n1. zhangsan@tencent.com");
    }

    @Test
    void callerWhoGaveUpInTheQueueWaitedUntilTheEnd() {
        Cdr cdr = cdr(CdrJson.sample().inboundFrom("008618412347605").set("QueuedTimestamp", 1677140012)
                .set("RingTimestamp", 0).set("AcceptTimestamp", 0).set("EndedTimestamp", 1677140070)
                .set("EndStatusString", "waitingGiveUp"));

        Map<String, Object> task = mapper.fields(parties(cdr));

        assertThat(task).containsEntry("TCCC_Wait_Seconds__c", 58)
                .containsEntry("CallDisposition", "caller hung up while queuing")
                .containsEntry("TCCC_End_Status__c", "waitingGiveUp")
                .doesNotContainKey("TCCC_Ring_Seconds__c");
    }

    @Test
    void zeroMissingAndContradictoryTimestampsLeaveTheDurationsOut() {
        Cdr missing = cdr(CdrJson.sample().set("QueuedTimestamp", null).set("RingTimestamp", 0)
                .set("IVRDuration", null).set("ServeParticipants", null).set("SeatUser", null));
        Cdr backwards = cdr(CdrJson.sample().set("QueuedTimestamp", 1677140090).set("RingTimestamp", 1677140095)
                .set("AcceptTimestamp", 1677140080));
        Cdr noEnd = cdr(CdrJson.sample().set("QueuedTimestamp", 1677140090).set("AcceptTimestamp", 0)
                .set("EndedTimestamp", 0));

        Map<String, Object> task = mapper.fields(parties(missing));

        assertThat(task).doesNotContainKeys("TCCC_Wait_Seconds__c", "TCCC_Ring_Seconds__c", "TCCC_IVR_Seconds__c",
                "TCCC_Agents__c").containsEntry("TCCC_Transfer_Count__c", 0);
        assertThat(mapper.fields(parties(backwards))).doesNotContainKeys("TCCC_Wait_Seconds__c", "TCCC_Ring_Seconds__c");
        assertThat(mapper.fields(parties(noEnd))).doesNotContainKeys("TCCC_Wait_Seconds__c");
    }

    @Test
    void durationsBeyondAnIntegerFieldAreLeftOutAndNegativeOnesAreZero() {
        Cdr absurd = cdr(CdrJson.sample().set("Duration", 4_000_000_000L).set("IVRDuration", -5)
                .set("QueuedTimestamp", 1L).set("AcceptTimestamp", 4_102_444_800L));

        Map<String, Object> task = mapper.fields(parties(absurd));

        assertThat(task).doesNotContainKeys("CallDurationInSeconds", "TCCC_Wait_Seconds__c")
                .containsEntry("TCCC_IVR_Seconds__c", 0);
    }

    @Test
    void expressionsReadTheCdrAndTheLookups() {
        CrmMappingProperties custom = new CrmMappingProperties(List.of(
                new FieldMapping("Order_Number__c", null, null, "${body.uui}", 10),
                new FieldMapping("Agent_Staff_No__c", null, null, "${body.seatUser.staffNumber}", null),
                new FieldMapping("Caller_Name__c", null, null, "${variable.customer?.name}", null),
                new FieldMapping("Channel__c", null, null, "TCCC direction ${body.direction}", null),
                new FieldMapping("Nothing__c", null, null, "${body.userRemark.substring(99)}", null)),
                List.of(), SHIPPED.voicemailTask());
        CdrToTask mapping = new CdrToTask(custom, properties("UTC"), CAMEL);
        Cdr cdr = cdr(CdrJson.sample().set("Uui", "ORD-2023-0042-XYZ"));

        Map<String, Object> found = mapping.fields(new CallParties(cdr, Optional.empty(),
                Optional.of(new CrmCustomer("003X", "Contact", "Li Lei", null, null, null))));
        Map<String, Object> notFound = mapping.fields(parties(cdr));

        // cut to max-length; a failing expression leaves its field out
        assertThat(found).containsExactly(entry("Order_Number__c", "ORD-2023-0"), entry("Agent_Staff_No__c", "8546"),
                entry("Caller_Name__c", "Li Lei"), entry("Channel__c", "TCCC direction 1"));
        assertThat(notFound).doesNotContainKey("Caller_Name__c");
    }

    @Test
    void anInvalidExpressionStopsTheStartNamingItsField() {
        CrmMappingProperties broken = new CrmMappingProperties(List.of(
                new FieldMapping("Subject", "subject", null, null),
                new FieldMapping("Order_Number__c", null, null, "${body.uui", null)), List.of(), SHIPPED.voicemailTask());

        assertThatThrownBy(() -> new CdrToTask(broken, properties("UTC"), CAMEL))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("bridge.crm.mapping.cdr-task[1] (field Order_Number__c): the expression ${body.uui");
    }

    @Test
    void anUnknownCallValueStopsTheStartNamingItsField() {
        CrmMappingProperties broken = new CrmMappingProperties(List.of(
                new FieldMapping("TCCC_Queue__c", "queueName", null, null)), List.of(), SHIPPED.voicemailTask());

        assertThatThrownBy(() -> new CdrToTask(broken, properties("UTC"), CAMEL))
                .hasMessageStartingWith("bridge.crm.mapping.cdr-task[0] (field TCCC_Queue__c): unknown value 'queueName'");
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
