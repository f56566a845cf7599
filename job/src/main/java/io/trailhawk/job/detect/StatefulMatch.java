package io.trailhawk.job.detect;

import io.trailhawk.rules.compile.CompiledRule;
import io.trailhawk.rules.output.Alert;
import io.trailhawk.stateful.GroupKey;
import io.trailhawk.stateful.MatchBytes;
import io.trailhawk.stateful.StatefulRules;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One event's matches of stateful rules under one group key, on their way to {@link StatefulDetector}: the key
 * ({@link io.trailhawk.stateful.GroupKey#toBytes()}) and the matches ({@link
 * io.trailhawk.stateful.MatchBytes#join}), as bytes, which Flink writes in one piece.
 */
public final class StatefulMatch implements Serializable {
    private static final long serialVersionUID = 3L;

    public byte[] key;
    public byte[] matches;

    public StatefulMatch() {
    }

    public StatefulMatch(byte[] key, byte[] matches) {
        this.key = key;
        this.matches = matches;
    }

    /**
     * One event's alerts' matches of stateful rules, one record per group key, in the order the rules matched: the
     * stateful operator reads and writes each key once per event.
     */
    public static List<StatefulMatch> byKey(List<Alert> alerts, StatefulRules rules) {
        Map<GroupKey, List<byte[]>> byKey = new LinkedHashMap<>();
        for (Alert a : alerts) {
            Optional<CompiledRule> rule = rules.ruleOf(a);
            if (rule.isPresent()) {
                byKey.computeIfAbsent(rules.keyOf(rule.get(), a), k -> new ArrayList<>(2))
                        .add(MatchBytes.encode(a, rule.get().stateful().orElseThrow().fingerprint()));
            }
        }
        List<StatefulMatch> out = new ArrayList<>(byKey.size());
        byKey.forEach((k, m) -> out.add(new StatefulMatch(k.toBytes(), MatchBytes.join(m))));
        return out;
    }
}
