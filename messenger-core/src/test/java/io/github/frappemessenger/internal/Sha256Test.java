package io.github.frappemessenger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Sha256Test {

    @Test
    void hexOfTheUtf8BytesWholeOrItsFirstDigits() {
        String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assertThat(Sha256.hex("abc")).isEqualTo(abc);
        assertThat(Sha256.hex("abc", 16)).isEqualTo(abc.substring(0, 16));
    }
}
