package io.github.frappemessenger.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class Sha256Test {

    @Test
    void hexOfTheUtf8BytesWholeOrItsFirstDigits() {
        String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assertEquals(abc, Sha256.hex("abc"));
        assertEquals(abc.substring(0, 16), Sha256.hex("abc", 16));
    }
}
