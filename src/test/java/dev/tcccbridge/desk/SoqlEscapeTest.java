package dev.tcccbridge.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SoqlEscapeTest {

    @Test
    void quotesAPlainValue() {
        assertThat(SoqlEscape.quote("user517")).isEqualTo("'user517'");
        assertThat(SoqlEscape.quote("李伟 o'brien")).isEqualTo("'李伟 o\\'brien'");
    }

    @Test
    void quotesAndKeywordsStayInsideTheLiteral() {
        assertThat(SoqlEscape.quote("x' OR Name != '")).isEqualTo("'x\\' OR Name != \\''");
    }

    @Test
    void backslashIsEscapedFirstSoItCannotEscapeTheClosingQuote() {
        assertThat(SoqlEscape.quote("a\\")).isEqualTo("'a\\\\'");
        assertThat(SoqlEscape.quote("a\\'")).isEqualTo("'a\\\\\\''");
    }

    @Test
    void doubleQuotesAndEscapableControlCharactersAreEscaped() {
        assertThat(SoqlEscape.quote("\"a\"\n\r\t\b\f")).isEqualTo("'\\\"a\\\"\\n\\r\\t\\b\\f'");
    }

    @Test
    void otherControlCharactersBrokenSurrogatesAndOverlongValuesAreRefused() {
        for (String value : new String[] {"a\u0000b", "a\u001bb", "a\u007fb", "a\ud800b", "\udc00", "x".repeat(256)}) {
            assertThat(SoqlEscape.quotable(value)).as(value).isFalse();
            assertThatThrownBy(() -> SoqlEscape.quote(value)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(SoqlEscape.quotable(null)).isFalse();
    }

    @Test
    void likeWildcardsNeedNoEscapeInAnEqualityLiteral() {
        assertThat(SoqlEscape.quote("50%_off")).isEqualTo("'50%_off'");
        assertThat(SoqlEscape.quote("😀")).isEqualTo("'😀'");
        assertThat(SoqlEscape.quotable("x".repeat(255))).isTrue();
    }
}
