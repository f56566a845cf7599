package io.trailhawk.rules.load;

import java.util.Optional;

/** How a later item changes one key of an earlier one: {@code override: {key: append}} or {@code replace}. */
enum Merge {
    APPEND, REPLACE;

    String spelling() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static Optional<Merge> parse(String word) {
        for (Merge m : values()) {
            if (m.spelling().equals(word)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
