package dev.tcccbridge.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SalesforceQueriesTest {

    @Test
    void soqlLiteralsCannotBeEnded() {
        assertThat(SalesforceQueries.literal("o'brien@example.com")).isEqualTo("'o\\'brien@example.com'");
        assertThat(SalesforceQueries.literal("a\\' OR Id != null")).isEqualTo("'a\\\\\\' OR Id != null'");
        assertThat(SalesforceQueries.literal("line\nbreak")).isEqualTo("'line\\nbreak'");
    }

    @Test
    void soslPhrasesEscapeEveryReservedCharacter() {
        assertThat(SalesforceQueries.phrase("+8618412347605")).isEqualTo("\"\\+8618412347605\"");
        assertThat(SalesforceQueries.phrase("a} OR {b\"")).isEqualTo("\"a\\} OR \\{b\\\"\"");
    }

    @Test
    void listsOfLiteralsAreEscapedEach() {
        assertThat(SalesforceQueries.inList(List.of("a@example.com", "o'brien@example.com")))
                .isEqualTo("('a@example.com','o\\'brien@example.com')");
    }

    @Test
    void queriesAreCutToWhatFitsAndASingleValueAlwaysGoes() {
        List<String> values = IntStream.range(0, 500).mapToObj(i -> "value-" + i).toList();

        assertThat(SalesforceQueries.fitting(values, 200, some -> true)).isEqualTo(200);
        assertThat(SalesforceQueries.fitting(values, 1000, some -> some.size() <= 37)).isEqualTo(37);
        assertThat(SalesforceQueries.fitting(values, 1000, some -> false)).isEqualTo(1);
        assertThat(SalesforceQueries.fitting(values.subList(0, 3), 200, some -> true)).isEqualTo(3);
    }

    @Test
    void theUriLimitCountsWhatCamelSalesforceSends() {
        // spaces travel as %20: three characters each
        assertThat(SalesforceQueries.fitsInUri(" ".repeat(3333))).isTrue();
        assertThat(SalesforceQueries.fitsInUri(" ".repeat(3334))).isFalse();
        assertThat(SalesforceQueries.fitsInUri("a".repeat(10_000))).isTrue();
        assertThat(SalesforceQueries.fitsInUri("'".repeat(3334))).isFalse();
    }

    @Test
    void quotesAPlainValue() {
        assertThat(SalesforceQueries.literal("user517")).isEqualTo("'user517'");
        assertThat(SalesforceQueries.literal("李伟 o'brien")).isEqualTo("'李伟 o\\'brien'");
    }

    @Test
    void quotesAndKeywordsStayInsideTheLiteral() {
        assertThat(SalesforceQueries.literal("x' OR Name != '")).isEqualTo("'x\\' OR Name != \\''");
    }

    @Test
    void backslashIsEscapedFirstSoItCannotEscapeTheClosingQuote() {
        assertThat(SalesforceQueries.literal("a\\")).isEqualTo("'a\\\\'");
        assertThat(SalesforceQueries.literal("a\\'")).isEqualTo("'a\\\\\\''");
    }

    @Test
    void doubleQuotesAndEscapableControlCharactersAreEscaped() {
        assertThat(SalesforceQueries.literal("\"a\"\n\r\t\b\f")).isEqualTo("'\\\"a\\\"\\n\\r\\t\\b\\f'");
    }

    @Test
    void otherControlCharactersBrokenSurrogatesAndOverlongValuesAreRefused() {
        for (String value : new String[] {"a\u0000b", "a\u001bb", "a\u007fb", "a\ud800b", "\udc00", "x".repeat(256)}) {
            assertThat(SalesforceQueries.quotable(value)).as(value).isFalse();
            assertThatThrownBy(() -> SalesforceQueries.literal(value)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(SalesforceQueries.quotable(null)).isFalse();
    }

    @Test
    void likeWildcardsNeedNoEscapeInAnEqualityLiteral() {
        assertThat(SalesforceQueries.literal("50%_off")).isEqualTo("'50%_off'");
        assertThat(SalesforceQueries.literal("😀")).isEqualTo("'😀'");
        assertThat(SalesforceQueries.quotable("x".repeat(255))).isTrue();
    }
}
