package dev.tcccbridge.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogSafeTest {

    @Test
    void lineBreaksBecomeVisibleEscapes() {
        assertThat(LogSafe.neutralise("cdr\r\n2026-01-01 ERROR forged")).isEqualTo("cdr\\r\\n2026-01-01 ERROR forged");
    }

    @Test
    void otherControlCharactersAndUnicodeSeparatorsAreEscaped() {
        assertThat(LogSafe.neutralise("a\u001b[31mred\u0000\u0085\u2028\u2029b"))
                .isEqualTo("a\\u001b[31mred\\u0000\\u0085\\u2028\\u2029b");
    }

    @Test
    void plainTextTabsAndChineseStayAsTheyAre() {
        String text = "push 9f1c\tSessionId 张三 ok";
        assertThat(LogSafe.neutralise(text)).isSameAs(text);
        assertThat(LogSafe.neutralise(null)).isNull();
    }
}
