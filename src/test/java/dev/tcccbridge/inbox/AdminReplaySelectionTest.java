package dev.tcccbridge.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tcccbridge.tccc.PushAction;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** What POST /admin/inbox/replay accepts: one session, or a time range, optionally of one action. */
class AdminReplaySelectionTest {

    @Test
    void aSessionOrARangeWithAnOptionalAction() {
        assertThat(InboxAdmin.selection(" s-1 ", null, null, null)).isEqualTo(InboxReplays.Selection.session("s-1", null));
        assertThat(InboxAdmin.selection(null, "2026-01-05T08:00:00Z", "2026-01-05T17:00:00+08:00", "CDR"))
                .isEqualTo(InboxReplays.Selection.arrived(OffsetDateTime.parse("2026-01-05T08:00:00Z"),
                        OffsetDateTime.parse("2026-01-05T17:00:00+08:00"), PushAction.CDR));
    }

    @Test
    void anythingElseIsRefusedWithTheReason() {
        assertRefused(null, null, null, null, "either session=<SessionId> or from=<time>&to=<time>");
        assertRefused("s-1", "2026-01-05T08:00:00Z", null, null, "either session");
        assertRefused(null, "2026-01-05T08:00:00Z", null, null, "to is missing");
        assertRefused(null, "2026-01-05 08:00", "2026-01-06T08:00:00Z", null, "from is not an ISO-8601 time");
        assertRefused(null, "2026-01-06T08:00:00Z", "2026-01-05T08:00:00Z", null, "from must be before to");
        assertRefused("s-1", null, null, "agent", "action must be cdr, record or voicemail");
    }

    private static void assertRefused(String session, String from, String to, String action, String reason) {
        assertThatThrownBy(() -> InboxAdmin.selection(session, from, to, action))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason);
    }
}
