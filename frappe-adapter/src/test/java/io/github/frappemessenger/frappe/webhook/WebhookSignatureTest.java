package io.github.frappemessenger.frappe.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    private final WebhookSignature signature = WebhookSignature.withSecret(Fixtures.SECRET);
    private final byte[] body = Fixtures.fixtureBody();

    @Test
    void frappesSignatureOfTheFixtureBodyVerifies() {
        assertTrue(signature.verify(body, Fixtures.fixtureSignature()));
    }

    @Test
    void signingTheFixtureBodyGivesTheHeaderFrappeSent() {
        assertEquals(Fixtures.fixtureSignature(), signature.sign(body));
    }

    @Test
    void aBodyChangedByOneByteDoesNotVerify() {
        byte[] changed = body.clone();
        changed[changed.length - 3] ^= 1;
        assertFalse(signature.verify(changed, Fixtures.fixtureSignature()));
    }

    @Test
    void theSameJsonReserialisedWithOtherSeparatorsDoesNotVerify() {
        String compact = new String(body, StandardCharsets.UTF_8).replace("\": ", "\":").replace(", \"", ",\"");
        assertFalse(signature.verify(compact.getBytes(StandardCharsets.UTF_8), Fixtures.fixtureSignature()));
    }

    @Test
    void aSignatureMadeWithAnotherSecretDoesNotVerify() {
        String other = WebhookSignature.withSecret("another-secret").sign(body);
        assertFalse(signature.verify(body, other));
    }

    @Test
    void aMissingOrBlankSignatureIsInvalid() {
        assertFalse(signature.verify(body, null));
        assertFalse(signature.verify(body, ""));
        assertFalse(signature.verify(body, "   "));
    }

    @Test
    void aMalformedBase64SignatureIsInvalidRatherThanAnError() {
        assertFalse(signature.verify(body, "not base64 at all!"));
        assertFalse(signature.verify(body, "0IOCXA58*0LWGpCjoowrHbI4FoFPnA8R8JzQYjv9l3g="));
        assertFalse(signature.verify(body, Fixtures.fixtureSignature() + "A"));
    }

    @Test
    void theSameMacWithoutBase64PaddingStillVerifies() {
        // Frappe pads; an unpadded value carries the same HMAC bytes, so it proves the same thing.
        assertTrue(signature.verify(body, Fixtures.fixtureSignature().replace("=", "")));
    }

    @Test
    void aTruncatedSignatureIsInvalid() {
        byte[] mac = Base64.getDecoder().decode(Fixtures.fixtureSignature());
        byte[] shorter = Arrays.copyOf(mac, mac.length - 1);
        assertFalse(signature.verify(body, Base64.getEncoder().encodeToString(shorter)));
    }

    @Test
    void surroundingWhitespaceOfTheHeaderValueIsIgnored() {
        assertTrue(signature.verify(body, " " + Fixtures.fixtureSignature() + " "));
    }

    @Test
    void toStringNeverShowsTheSecret() {
        assertFalse(signature.toString().contains(Fixtures.SECRET));
    }

    @Test
    void aBlankSecretIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> WebhookSignature.withSecret(" "));
    }
}
