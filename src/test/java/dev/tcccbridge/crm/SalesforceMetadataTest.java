package dev.tcccbridge.crm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tcccbridge.desk.DeskCustomerQuery;
import dev.tcccbridge.desk.DeskMatch;
import dev.tcccbridge.desk.DeskProperties;
import dev.tcccbridge.mail.CallbackTasks;
import dev.tcccbridge.mail.CallerNumber;
import dev.tcccbridge.mail.RecordingAudio;
import dev.tcccbridge.mail.VoicemailMail;
import dev.tcccbridge.mail.VoicemailRecipients;
import dev.tcccbridge.recording.RecordingProperties;
import dev.tcccbridge.testing.SalesforceMetadata;
import dev.tcccbridge.testing.SalesforceMetadata.Access;
import dev.tcccbridge.testing.SalesforceMetadata.Use;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

/**
 * The shipped metadata is the truth: every object and field the bridge reads or writes with its
 * shipped settings (application.yaml) is declared under {@code salesforce/} (or is one of the
 * standard fields listed in {@code salesforce/standard-fields.txt}) and granted by the
 * integration permission set with the access the code needs. The fields are taken from what the
 * code itself builds: the queries and searches of the lookups, the mappings' fields, the
 * external ids, the Desk user id it writes back. (Files, ContentVersion, need no permission set:
 * the Salesforce stub refuses any of their fields the org would not have, see RecordingArchiveTest.)
 */
class SalesforceMetadataTest {

    static final SalesforceMetadata ORG = SalesforceMetadata.shipped();
    static final StandardEnvironment SHIPPED = shippedSettings();

    final CrmProperties crm = bind("bridge.crm", CrmProperties.class);
    final CrmMappingProperties mapping = bind("bridge.crm.mapping", CrmMappingProperties.class);
    final DeskProperties desk = bind("bridge.desk", DeskProperties.class);
    final RecordingProperties recording = bind("bridge.recording", RecordingProperties.class);
    final DefaultCamelContext camel = new DefaultCamelContext();

    @Test
    void everyFieldTheBridgeUsesIsDeclaredAndGranted() {
        List<String> problems = new ArrayList<>();
        for (Use use : usesOfTheCode()) {
            ORG.refusal(use.object(), use.field()).ifPresent(refusal -> problems.add(use + ": " + refusal));
            ORG.missingGrant(ORG.resolve(use.object(), use.field(), use.access()))
                    .ifPresent(missing -> problems.add(use + ": " + missing));
        }

        assertThat(problems).as("fields the bridge uses that a deployed org lacks or does not grant").isEmpty();
    }

    @Test
    void theDeskLookupsFieldIsShippedWithItsPermission() {
        Set<Use> uses = usesOfTheCode();

        assertThat(uses).contains(new Use("Contact", "TCCC_Desk_User_Id__c", Access.READ),
                new Use("Contact", "TCCC_Desk_User_Id__c", Access.EDIT));
        assertThat(ORG.isCustom("Contact", "TCCC_Desk_User_Id__c")).isTrue();
        assertThat(ORG.isExternalId("Contact", "TCCC_Desk_User_Id__c")).isTrue();
    }

    @Test
    void theCheckFailsForAFieldTheMetadataDoesNotDeclareOrGrant() {
        // a mapping to a field nobody deployed, and a read of a custom field not in the permission set
        assertThat(ORG.refusal("Task", "TCCC_Sentiment__c")).hasValueSatisfying(
                refusal -> assertThat(refusal).startsWith("No such column 'TCCC_Sentiment__c' on entity 'Task'"));
        assertThat(ORG.with("Contact.Loyalty__c").missingGrant(new Use("Contact", "Loyalty__c", Access.READ)))
                .isEmpty();
        assertThat(ORG.missingGrant(new Use("Lead", "Phone", Access.EDIT))).hasValueSatisfying(
                missing -> assertThat(missing).contains("EDIT on the object Lead"));
        assertThat(ORG.refusal("Contact", "Account.Tier__c")).hasValueSatisfying(
                refusal -> assertThat(refusal).startsWith("No such column 'Tier__c' on entity 'Account'"));
    }

    /** What the code reads and writes with the shipped settings, from the requests it builds. */
    Set<Use> usesOfTheCode() {
        Set<Use> uses = new LinkedHashSet<>();
        String activity = crm.salesforce().activityObject();
        // writes: the mappings, the external id, the recording field, the Desk user id written back
        FieldMappings.compile("cdr", mapping.cdrTask(), CallValue.class, CallValue::key, Map.of(), camel)
                .fieldNames().forEach(field -> uses.add(new Use(activity, field, Access.EDIT)));
        FieldMappings.compile("voicemail", mapping.voicemailTask(), dev.tcccbridge.mail.VoicemailValue.class,
                        dev.tcccbridge.mail.VoicemailValue::key, Map.of(), camel)
                .fieldNames().forEach(field -> uses.add(new Use("Task", field, Access.EDIT)));
        uses.add(new Use(activity, crm.salesforce().sessionIdField(), Access.EDIT));
        uses.add(new Use(activity, recording.taskField(), Access.EDIT));
        assertThat(desk.linkUserId()).as("bridge.desk.link-user-id ships on").isTrue();
        uses.add(new Use(desk.customer().object(), desk.customer().userIdField(), Access.EDIT));
        // reads: every query and search the code sends
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        ObjectMapper json = new ObjectMapper();
        List<String> soql = new ArrayList<>();
        List<String> sosl = new ArrayList<>();
        soql.add(new OwnerLookup(CrmMode.SALESFORCE, crm, json, metrics).request(List.of("zhang@example.com")));
        sosl.add(new SalesforceCustomerLookup(null, CrmMode.SALESFORCE, crm, json, metrics)
                .request(List.of("+8618412347605")));
        soql.add(new RecordUpserts(activity, crm.salesforce().sessionIdField(), crm.salesforce().createOnlyFields(),
                List.of(new CrmRecord("s1", Map.of("Subject", "x"))), false).existenceQuery(List.of("s1")));
        DeskCustomerQuery deskQuery = new DeskCustomerQuery(desk);
        soql.add(deskQuery.forUser("user517"));
        PhoneNumbers numbers = new PhoneNumbers(crm.phoneRegion());
        sosl.add(deskQuery.forMatch(new DeskMatch("phone", numbers.parse("+8618412347605").orElseThrow(), null)));
        sosl.add(deskQuery.forMatch(new DeskMatch("email", null, "li.wei@example.com")));
        CallbackTasks callbacks = new CallbackTasks(crm, mapping, Clock.systemUTC(), camel, json);
        soql.add(callbacks.callTaskQuery(new VoicemailMail("s1", "m", "s", "f", new VoicemailRecipients(List.of("a@b"),
                List.of(), "t"), CallerNumber.of("13123456789", numbers), "", "UTC", null, null, null,
                RecordingAudio.notRequested())));
        for (String query : soql) {
            Map.Entry<String, List<String>> read = SalesforceMetadata.soqlFields(query);
            read.getValue().forEach(path -> uses.add(new Use(read.getKey(), path, Access.READ)));
        }
        for (String search : sosl) {
            SalesforceMetadata.soslFields(search).forEach((object, paths) ->
                    paths.forEach(path -> uses.add(new Use(object, path, Access.READ))));
        }
        return uses;
    }

    private static <T> T bind(String prefix, Class<T> type) {
        return new Binder(ConfigurationPropertySources.get(SHIPPED)).bindOrCreate(prefix, type);
    }

    private static StandardEnvironment shippedSettings() {
        try {
            StandardEnvironment environment = new StandardEnvironment();
            new YamlPropertySourceLoader().load("application.yaml", new FileSystemResource(Path.of("application.yaml")))
                    .forEach(environment.getPropertySources()::addLast);
            return environment;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
