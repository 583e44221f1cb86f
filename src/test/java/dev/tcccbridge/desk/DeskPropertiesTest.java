package dev.tcccbridge.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** bridge.desk.* is bound and checked when the bridge starts. */
class DeskPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(DeskProperties.class)
    static class Bind {
    }

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Bind.class);

    @Test
    void defaultsAreTheContractsAndTheLookupGetsFourFifthsOfTheBudget() {
        runner.run(context -> {
            DeskProperties desk = context.getBean(DeskProperties.class);
            assertThat(desk.path()).isEqualTo("/desk/callback");
            assertThat(desk.sdkAppId()).isNull();
            assertThat(desk.token()).isNull();
            assertThat(desk.maxClockSkew()).isEqualTo(Duration.ofSeconds(60));
            assertThat(desk.timeout()).isEqualTo(Duration.ofMillis(1500));
            assertThat(desk.lookupTimeout()).isEqualTo(Duration.ofMillis(1200));
            assertThat(desk.customer().object()).isEqualTo("Contact");
            assertThat(desk.customer().userIdField()).isEqualTo("TCCC_Desk_User_Id__c");
            assertThat(desk.assignment().agentFields()).containsExactly("Owner.Email");
        });
    }

    @Test
    void variableNamesKeepTheirCase() {
        runner.withPropertyValues("bridge.desk.variables.customerName=Name",
                        "bridge.desk.assignment.group-ids[Gold Plus]=6521")
                .run(context -> {
                    DeskProperties desk = context.getBean(DeskProperties.class);
                    assertThat(desk.variables()).containsEntry("customerName", "Name");
                    assertThat(desk.assignment().groupIds()).containsEntry("Gold Plus", 6521L);
                });
    }

    @Test
    void aFieldPathThatCouldAlterTheQueryStopsTheStart() {
        runner.withPropertyValues("bridge.desk.variables.tier=Account.Tier__c FROM User")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("bridge.desk.variables").hasMessageContaining("field path"));
    }

    @Test
    void anObjectNameThatIsNotANameStopsTheStart() {
        runner.withPropertyValues("bridge.desk.customer.object=Contact WHERE Id != null")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("bridge.desk.customer.object"));
    }

    @Test
    void aTimeoutTooShortToAnswerInStopsTheStart() {
        runner.withPropertyValues("bridge.desk.timeout=10ms")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("bridge.desk.timeout"));
    }

    @Test
    void anSdkAppIdWithoutTokenStopsTheStartUnlessUnsignedCallbacksAreAllowedExplicitly() {
        runner.withPropertyValues("bridge.desk.sdk-app-id=1400000001")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("bridge.desk.sdk-app-id is set without bridge.desk.token")
                        .hasMessageContaining("bridge.desk.allow-unsigned=true"));
        runner.withPropertyValues("bridge.desk.sdk-app-id=1400000001", "bridge.desk.allow-unsigned=true")
                .run(context -> assertThat(context.getBean(DeskProperties.class).allowUnsigned()).isTrue());
        runner.withPropertyValues("bridge.desk.sdk-app-id=1400000001", "bridge.desk.token=t")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void allowUnsignedBesideATokenWouldBeIgnoredAndStopsTheStart() {
        runner.withPropertyValues("bridge.desk.sdk-app-id=1400000001", "bridge.desk.token=t",
                        "bridge.desk.allow-unsigned=true")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("bridge.desk.allow-unsigned is true but bridge.desk.token is set"));
    }
}
