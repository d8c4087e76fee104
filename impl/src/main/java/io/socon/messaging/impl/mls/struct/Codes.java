package io.socon.messaging.impl.mls.struct;

/** Formatting shared by the code classes. */
final class Codes {

    private Codes() {
    }

    static String hex16(int value) {
        return String.format("0x%04x", value);
    }
}
