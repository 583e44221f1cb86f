package dev.tcccbridge.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DeskSignatureTest {

    static final long NOW = 1_731_488_371L;
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    static final DeskSignature SIGNED = new DeskSignature(1400000001L, "token", Duration.ofSeconds(60), CLOCK);

    @Test
    void signIsLowercaseHexSha256OfTokenFollowedByRequestTime() {
        // printf token1731488371 | sha256sum
        assertThat(DeskSignature.sign("token", "1731488371"))
                .isEqualTo("5662268a8b1fc7f0ff2bdc795bdfa4d58bfa5ea3f9fa28aa19514adf25b93a89");
    }

    @Test
    void acceptsTheRightSdkAppidSignAndTime() {
        assertThatCode(() -> SIGNED.verify("1400000001", Long.toString(NOW), DeskSignature.sign("token", "" + NOW)))
                .doesNotThrowAnyException();
    }

    @Test
    void acceptsAnUppercaseSign() {
        String sign = DeskSignature.sign("token", "" + NOW).toUpperCase();
        assertThatCode(() -> SIGNED.verify("1400000001", "" + NOW, sign)).doesNotThrowAnyException();
    }

    @Test
    void refusesAnotherSdkAppid() {
        assertRefused(() -> SIGNED.verify("1400000002", "" + NOW, DeskSignature.sign("token", "" + NOW)),
                DeskError.WRONG_SDK_APP_ID);
        assertRefused(() -> SIGNED.verify(null, "" + NOW, DeskSignature.sign("token", "" + NOW)),
                DeskError.WRONG_SDK_APP_ID);
    }

    @Test
    void refusesAMissingOrWrongSign() {
        assertRefused(() -> SIGNED.verify("1400000001", "" + NOW, null), DeskError.BAD_SIGNATURE);
        assertRefused(() -> SIGNED.verify("1400000001", null, DeskSignature.sign("token", "" + NOW)),
                DeskError.BAD_SIGNATURE);
        assertRefused(() -> SIGNED.verify("1400000001", "" + NOW, DeskSignature.sign("other", "" + NOW)),
                DeskError.BAD_SIGNATURE);
        // signed for another time than the one sent
        assertRefused(() -> SIGNED.verify("1400000001", "" + NOW, DeskSignature.sign("token", "" + (NOW - 1))),
                DeskError.BAD_SIGNATURE);
    }

    @Test
    void refusesARequestTimeOutsideTheSkewEitherWay() {
        long stale = NOW - 61;
        long future = NOW + 61;
        assertRefused(() -> SIGNED.verify("1400000001", "" + stale, DeskSignature.sign("token", "" + stale)),
                DeskError.STALE_REQUEST);
        assertRefused(() -> SIGNED.verify("1400000001", "" + future, DeskSignature.sign("token", "" + future)),
                DeskError.STALE_REQUEST);
        long edge = NOW - 60;
        assertThatCode(() -> SIGNED.verify("1400000001", "" + edge, DeskSignature.sign("token", "" + edge)))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesANonNumericRequestTimeEvenWhenSigned() {
        assertRefused(() -> SIGNED.verify("1400000001", "soon", DeskSignature.sign("token", "soon")),
                DeskError.STALE_REQUEST);
    }

    @Test
    void withoutTokenOnlyTheSdkAppidIsChecked() {
        DeskSignature unsigned = new DeskSignature(1400000001L, null, Duration.ofSeconds(60), CLOCK);
        assertThatCode(() -> unsigned.verify("1400000001", null, null)).doesNotThrowAnyException();
        assertRefused(() -> unsigned.verify("1", null, null), DeskError.WRONG_SDK_APP_ID);
    }

    @Test
    void withoutSdkAppidEveryCallbackIsRefused() {
        DeskSignature unconfigured = new DeskSignature(null, null, Duration.ofSeconds(60), CLOCK);
        assertRefused(() -> unconfigured.verify("1400000001", null, null), DeskError.NOT_CONFIGURED);
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, DeskError error) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DeskRefused.class,
                refused -> assertThat(refused.error()).isEqualTo(error));
    }
}
