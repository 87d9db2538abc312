package dev.minitls.cli.kat;

/** Changes one recorded value in the text of the known answers, for tests that must see a change refused. */
final class Tampering {

    private Tampering() {
    }

    /**
     * {@code text} with the first character of {@code value} changed where {@code value} follows {@code before}
     * ({@code 0} becomes {@code 1}, anything else {@code 0}: hex stays hex, base64 stays base64).
     *
     * @throws IllegalStateException unless {@code before + value} occurs exactly once, so the change is unambiguous
     */
    static String changeFirstCharacter(String text, String before, String value) {
        String original = before + value;
        int first = text.indexOf(original);
        if (first < 0 || text.indexOf(original, first + 1) >= 0) {
            throw new IllegalStateException("\"" + original + "\" does not occur exactly once");
        }
        String changed = before + (value.charAt(0) == '0' ? '1' : '0') + value.substring(1);
        return text.substring(0, first) + changed + text.substring(first + original.length());
    }
}
