package io.trailhawk.rules.output;

import io.trailhawk.rules.event.EventTime;
import java.util.List;

/**
 * The {@code %state.*} values a stateful rule's output may name: what its state knows only when it alerts, which
 * the event does not. The evaluator leaves a marker in the output text in their place; the stateful engine fills
 * them in from the alert's {@link StatefulContext}. They are not {@code output_fields}: the {@code trailhawk} key
 * carries them.
 */
public final class StatefulOutput {
    private static final char START = '\uE000';
    private static final char END = '\uE001';
    private static final char WIDTH = '\uE002';

    /** Each value's name after {@code %state.}. */
    public static final List<String> NAMES = List.of("count", "kind", "window_start", "window_end", "values",
            "group");

    private StatefulOutput() {
    }

    /** What the evaluator writes for {@code %state.NAME}, with its width (0: none). */
    static String marker(String name, int width) {
        return START + name + WIDTH + width + END;
    }

    /** {@code output} with its markers replaced by the values of {@code context}. */
    public static String fill(String output, StatefulContext context) {
        int at = output.indexOf(START);
        if (at < 0) {
            return output;
        }
        StringBuilder sb = new StringBuilder(output.length() + 32);
        int from = 0;
        while (at >= 0) {
            int width = output.indexOf(WIDTH, at);
            int end = output.indexOf(END, at);
            if (width < 0 || end < width) {
                break;
            }
            sb.append(output, from, at);
            String name = output.substring(at + 1, width);
            int w = Integer.parseInt(output.substring(width + 1, end));
            sb.append(OutputTemplate.fit(value(name, context), w));
            from = end + 1;
            at = output.indexOf(START, from);
        }
        return sb.append(output, from, output.length()).toString();
    }

    private static String value(String name, StatefulContext c) {
        switch (name) {
            case "count":
                return Long.toString(c.count());
            case "kind":
                return c.kind();
            case "window_start":
                return EventTime.utcTimestamp(c.windowStartNanos());
            case "window_end":
                return EventTime.utcTimestamp(c.windowEndNanos());
            case "values":
                return OutputTemplate.text(c.values());
            default:
                return OutputTemplate.text(List.copyOf(c.group().values()));
        }
    }
}
