package dev.minitls.cli.trace;

/** The forms {@code --trace} writes: text blocks for people, JSON lines for tools. */
public enum TraceFormat {
    /** One block per step, every value in full (long ones shortened in the middle), colour on a terminal. */
    text,
    /** One JSON object per event, one per line, every value in full. */
    json
}
