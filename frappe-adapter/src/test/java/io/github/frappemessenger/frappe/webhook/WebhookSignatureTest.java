package io.github.frappemessenger.frappe.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    private final WebhookSignature signature = WebhookSignature.withSecret(Fixtures.SECRET);
    private final byte[] body = Fixtures.fixtureBody();

    @Test
    void frappesSignatureOfTheFixtureBodyVerifies() {
        assertThat(signature.verify(body, Fixtures.fixtureSignature())).isTrue();
    }

    @Test
    void signingTheFixtureBodyGivesTheHeaderFrappeSent() {
        assertThat(signature.sign(body)).isEqualTo(Fixtures.fixtureSignature());
    }

    @Test
    void aBodyChangedByOneByteDoesNotVerify() {
        byte[] changed = body.clone();
        changed[changed.length - 3] ^= 1;
        assertThat(signature.verify(changed, Fixtures.fixtureSignature())).isFalse();
    }

    @Test
    void theSameJsonReserialisedWithOtherSeparatorsDoesNotVerify() {
        String compact = new String(body, StandardCharsets.UTF_8).replace("\": ", "\":").replace(", \"", ",\"");
        assertThat(signature.verify(compact.getBytes(StandardCharsets.UTF_8), Fixtures.fixtureSignature())).isFalse();
    }

    @Test
    void aSignatureMadeWithAnotherSecretDoesNotVerify() {
        String other = WebhookSignature.withSecret("another-secret").sign(body);
        assertThat(signature.verify(body, other)).isFalse();
    }

    @Test
    void aMissingOrBlankSignatureIsInvalid() {
        assertThat(signature.verify(body, null)).isFalse();
        assertThat(signature.verify(body, "")).isFalse();
        assertThat(signature.verify(body, "   ")).isFalse();
    }

    @Test
    void aMalformedBase64SignatureIsInvalidRatherThanAnError() {
        assertThat(signature.verify(body, "not base64 at all!")).isFalse();
        assertThat(signature.verify(body, "0IOCXA58*0LWGpCjoowrHbI4FoFPnA8R8JzQYjv9l3g=")).isFalse();
        assertThat(signature.verify(body, Fixtures.fixtureSignature() + "A")).isFalse();
    }

    @Test
    void theSameMacWithoutBase64PaddingStillVerifies() {
        // Frappe pads; an unpadded value carries the same HMAC bytes, so it proves the same thing.
        assertThat(signature.verify(body, Fixtures.fixtureSignature().replace("=", ""))).isTrue();
    }

    @Test
    void aTruncatedSignatureIsInvalid() {
        byte[] mac = Base64.getDecoder().decode(Fixtures.fixtureSignature());
        byte[] shorter = Arrays.copyOf(mac, mac.length - 1);
        assertThat(signature.verify(body, Base64.getEncoder().encodeToString(shorter))).isFalse();
    }

    @Test
    void surroundingWhitespaceOfTheHeaderValueIsIgnored() {
        assertThat(signature.verify(body, " " + Fixtures.fixtureSignature() + " ")).isTrue();
    }

    @Test
    void toStringNeverShowsTheSecret() {
        assertThat(signature.toString()).doesNotContain(Fixtures.SECRET);
    }

    @Test
    void aBlankSecretIsRefused() {
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> WebhookSignature.withSecret(" "));
    }
}
