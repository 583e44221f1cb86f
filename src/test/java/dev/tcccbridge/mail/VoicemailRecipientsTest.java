package dev.tcccbridge.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tcccbridge.crm.CrmCustomer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VoicemailRecipientsTest {

    static final CrmCustomer LEAD = new CrmCustomer("00Q1", "Lead", "Li Na", "0051", "owner@sales.example", null);
    static final List<String> TEAM = List.of("team@support.example");
    static final List<String> CC = List.of("archive@support.example");

    @Test
    void callerWithACrmOwnerGoesToTheOwnerWithTheCopy() {
        VoicemailRecipients recipients = VoicemailRecipients.choose(Optional.of(LEAD), true, TEAM, CC);

        assertThat(recipients.to()).containsExactly("owner@sales.example");
        assertThat(recipients.cc()).containsExactly("archive@support.example");
    }

    @Test
    void callerNotInTheCrmGoesToTheConfiguredMailbox() {
        assertThat(VoicemailRecipients.choose(Optional.empty(), true, TEAM, List.of()).to()).isEqualTo(TEAM);
    }

    @Test
    void ownerNotificationOffSendsEveryVoicemailToTheConfiguredMailbox() {
        assertThat(VoicemailRecipients.choose(Optional.of(LEAD), false, TEAM, List.of()).to()).isEqualTo(TEAM);
    }

    @Test
    void ownerWithoutEmailFallsBackToTheConfiguredMailbox() {
        CrmCustomer noEmail = new CrmCustomer("00Q1", "Lead", "Li Na", "0051", " ", null);

        assertThat(VoicemailRecipients.choose(Optional.of(noEmail), true, TEAM, List.of()).to()).isEqualTo(TEAM);
    }

    @Test
    void noRecipientAtAllIsAPermanentErrorThatSaysWhy() {
        assertThatThrownBy(() -> VoicemailRecipients.choose(Optional.empty(), true, List.of(), CC))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not in the CRM").hasMessageContaining("bridge.mail.to is empty");
    }
}
