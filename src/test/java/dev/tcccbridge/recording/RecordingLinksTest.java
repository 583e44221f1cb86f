package dev.tcccbridge.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcccbridge.crm.PhoneNumbers;
import dev.tcccbridge.tccc.Recording;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecordingLinksTest {

    final RecordingLinks links = new RecordingLinks(new PhoneNumbers("CN"));

    static Recording recording(String recordId, long timestamp, String endpoint, String url, String customUrl) {
        return new Recording(1400264214L, recordId, "s-1", timestamp, endpoint, url, customUrl);
    }

    final Recording customer = recording("r-1", 1608130650, "008618486147605", "https://tccc/r-1", null);
    final Recording agent = recording("r-2", 1608130650, "zhangsan@tencent.com", "https://tccc/r-2", null);
    final Recording transferred = recording("r-3", 1608130700, "lisi@tencent.com", "https://tccc/r-3", null);

    @Test
    void eachSideIsOneLineSayingWhoseItIs() {
        assertThat(links.text(List.of(customer, agent))).isEqualTo("""
                Customer +86 184 8614 7605: https://tccc/r-1
                Agent zhangsan@tencent.com: https://tccc/r-2""");
    }

    @Test
    void theTextIsTheSameWhateverOrderAndHowOftenThePushesCame() {
        List<Recording> pushes = new ArrayList<>(List.of(customer, agent, transferred, agent, customer));
        String expected = links.text(List.of(customer, agent, transferred));
        Random random = new Random(42);
        for (int i = 0; i < 20; i++) {
            Collections.shuffle(pushes, random);
            assertThat(links.text(pushes)).isEqualTo(expected);
        }
        assertThat(expected.lines()).hasSize(3).last().asString().startsWith("Agent lisi@tencent.com");
    }

    @Test
    void linesAreOrderedByTimestampThenRecordId() {
        Recording early = recording("r-9", 1608130600, "wangwu@tencent.com", "https://tccc/r-9", null);

        assertThat(links.distinct(List.of(transferred, agent, early, customer)))
                .extracting(Recording::recordId).containsExactly("r-9", "r-1", "r-2", "r-3");
    }

    @Test
    void theCustomersOwnCopyIsPreferredAlsoWhenItCameInAnotherPushOfTheRecording() {
        Recording withCopy = recording("r-1", 1608130650, "008618486147605", "https://tccc/r-1", "https://cos/r-1.mp3");

        assertThat(links.text(List.of(customer, withCopy))).isEqualTo(links.text(List.of(withCopy, customer)))
                .isEqualTo("Customer +86 184 8614 7605: https://cos/r-1.mp3");
    }

    @Test
    void numbersThatCannotBeReadAndMissingEndpointsAreShownAsTheyAre() {
        Recording masked = recording("r-1", 1, "0086184xxxx7605", "https://tccc/r-1", null);
        Recording nobody = recording("r-2", 2, " ", "https://tccc/r-2", null);

        assertThat(links.text(List.of(masked, nobody))).isEqualTo("""
                Customer 0086184xxxx7605: https://tccc/r-1
                Recording r-2: https://tccc/r-2""");
    }

    @Test
    void recordingsWithoutALinkAreLeftOutAndNoneGivesAnEmptyText() {
        assertThat(links.text(List.of(recording("r-1", 1, "zhangsan@tencent.com", " ", null)))).isEmpty();
        assertThat(links.text(List.of())).isEmpty();
    }

    @Test
    void linesThatDoNotFitTheFieldAreLeftOutWhole() {
        RecordingLinks short_ = new RecordingLinks(new PhoneNumbers("CN"), 60);

        assertThat(short_.text(List.of(customer, agent))).isEqualTo("Customer +86 184 8614 7605: https://tccc/r-1");
    }

    @Test
    void anArchivedRecordingIsListedWithItsFileInsteadOfTheLinkThatExpires() {
        assertThat(links.text(List.of(customer, agent), Map.of("r-2", "068000000000002AAA"))).isEqualTo("""
                Customer +86 184 8614 7605: https://tccc/r-1
                Agent zhangsan@tencent.com: Salesforce File 068000000000002AAA""");
    }
}
