package dev.tcccbridge.desk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeskQueryTest {

    @Test
    void namesAreMatchedIgnoringCase() {
        DeskQuery query = DeskQuery.parse("sdkappid=1400000001&CALLBACKCOMMAND=ChatBot.OnAssignHuman&Sign=ab");

        assertThat(query.get("SdkAppid")).isEqualTo("1400000001");
        assertThat(query.get("CallbackCommand")).isEqualTo("ChatBot.OnAssignHuman");
        assertThat(query.get("sign")).isEqualTo("ab");
    }

    @Test
    void valuesArePercentDecodedAndTheFirstOfARepeatedNameCounts() {
        DeskQuery query = DeskQuery.parse("ClientIP=127.0.0.1&CallbackCommand=Chatbot%2EInterfaceInvocation"
                + "&SdkAppid=1&sdkappid=2&x=a+b");

        assertThat(query.get("CallbackCommand")).isEqualTo("Chatbot.InterfaceInvocation");
        assertThat(query.get("SdkAppid")).isEqualTo("1");
        assertThat(query.get("x")).isEqualTo("a b");
    }

    @Test
    void absentEmptyAndMalformedParametersAreNull() {
        DeskQuery query = DeskQuery.parse("Sign=&RequestTime&&bad=%zz");

        assertThat(query.get("Sign")).isNull();
        assertThat(query.get("RequestTime")).isNull();
        assertThat(query.get("SdkAppid")).isNull();
        assertThat(query.get("bad")).isEqualTo("%zz");
        assertThat(DeskQuery.parse(null).get("SdkAppid")).isNull();
    }
}
