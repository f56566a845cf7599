package io.trailhawk.job.detect;

import io.trailhawk.control.DocumentKind;
import io.trailhawk.rules.field.FieldRegistry;
import io.trailhawk.stateful.StatefulRules;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.OperatorStateStore;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * The rule files an operator keeps in broadcast state, and the ruleset they make: the one place that restores them,
 * tries an update against them and commits it. The rules operator and the stateful operator each keep their own
 * copy, from the same control stream, so they build the same ruleset version by version.
 */
final class RuleFiles {
    static final MapStateDescriptor<String, RuleFileState> FILES = new MapStateDescriptor<>(
            "rule-files", BasicTypeInfo.STRING_TYPE_INFO, TypeInformation.of(RuleFileState.class));
    static final MapStateDescriptor<String, Long> META = new MapStateDescriptor<>(
            "ruleset-meta", BasicTypeInfo.STRING_TYPE_INFO, BasicTypeInfo.LONG_TYPE_INFO);
    private static final String VERSION_KEY = "version";
    /** Present once the operator's state is in the layout of shared group keys ({@link #ownKeyRules}). */
    private static final String LAYOUT_KEY = "stateful-layout";
    private static final long SHARED_GROUP_KEYS = 2;
    private static final String OWN_KEY_PREFIX = "stateful-own-keys:";

    private RuleFiles() {
    }

    /** A restored ruleset and its version. */
    static final class Restored {
        final RulesetBuilder.Outcome outcome;
        final long version;
        /** True when the restored files no longer compiled, and the bootstrap rules run alone. */
        final boolean fellBack;

        Restored(RulesetBuilder.Outcome outcome, long version, boolean fellBack) {
            this.outcome = outcome;
            this.version = version;
            this.fellBack = fellBack;
        }
    }

    /** The control documents that are part of the ruleset: texts by key (null: deleted), and the files in shadow. */
    static final class Overlay {
        final Map<String, String> texts = new HashMap<>();
        final Set<String> shadow = new HashSet<>();

        static Overlay of(Iterable<Map.Entry<String, RuleFileState>> files) {
            Overlay o = new Overlay();
            for (Map.Entry<String, RuleFileState> e : files) {
                if (!e.getValue().sequenceOnly) {
                    o.set(e.getKey(), e.getValue().yaml, e.getValue().shadow);
                }
            }
            return o;
        }

        void set(String key, String text, boolean inShadow) {
            texts.put(key, text);
            if (inShadow) {
                shadow.add(key);
            } else {
                shadow.remove(key);
            }
        }

        RulesetBuilder.Outcome build(RulesetBuilder builder, String host) {
            return builder.build(texts, shadow, host);
        }
    }

    /** The ruleset the operator's broadcast state holds: the bootstrap rules alone when that no longer compiles. */
    static Restored restore(OperatorStateStore store, RulesetBuilder builder, String host) throws Exception {
        BroadcastState<String, RuleFileState> files = store.getBroadcastState(FILES);
        Long version = store.getBroadcastState(META).get(VERSION_KEY);
        RulesetBuilder.Outcome o = Overlay.of(files.entries()).build(builder, host);
        boolean fellBack = false;
        if (!o.activated()) {
            // Only rulesets that compiled reach state, so this means the bootstrap rules changed under it.
            o = builder.build(Map.of(), host);
            fellBack = true;
            if (!o.activated()) {
                throw new IllegalStateException("bootstrap rules do not compile: " + o.issues);
            }
        }
        return new Restored(o, version == null ? 0 : version, fellBack);
    }

    /**
     * The fingerprints of the stateful rules whose state keeps one key per rule and group, as release 0.1.0 wrote
     * it: on the first restore of such a savepoint, every stateful rule it ran, recorded here once so that later
     * checkpoints keep them. Those rules keep that layout, and their state carries on, until they change. Empty
     * for a job that started on this release.
     */
    static Set<Long> ownKeyRules(OperatorStateStore store, boolean restored, RulesetBuilder.Outcome restoredRules)
            throws Exception {
        BroadcastState<String, Long> meta = store.getBroadcastState(META);
        if (meta.get(LAYOUT_KEY) == null) {
            if (restored) {
                for (long f : StatefulRules.of(restoredRules.ruleset).fingerprints()) {
                    meta.put(OWN_KEY_PREFIX + Long.toHexString(f), f);
                }
            }
            meta.put(LAYOUT_KEY, SHARED_GROUP_KEYS);
        }
        Set<Long> own = new HashSet<>();
        for (Map.Entry<String, Long> e : meta.entries()) {
            if (e.getKey().startsWith(OWN_KEY_PREFIX)) {
                own.add(e.getValue());
            }
        }
        return own;
    }

    /**
     * Null when {@code update} is newer than the record that last set its file; otherwise why it is refused. A record
     * without a sequence number is not compared, as records written before sequence numbers were not.
     */
    static String staleness(ReadOnlyBroadcastState<String, RuleFileState> files, RuleFileUpdate update)
            throws Exception {
        RuleFileState last = files.get(update.name);
        if (update.sequence == 0 || last == null || update.sequence > last.sequence) {
            return null;
        }
        return "sequence " + update.sequence + " is not newer than " + last.sequence + ", the last applied to "
                + update.name + ": an older, reordered or replayed record";
    }

    /**
     * The ruleset the files would make with {@code update} applied; nothing is changed. A promotion or demotion
     * takes {@code active}'s compiled rules as they are.
     */
    static RulesetBuilder.Outcome tryUpdate(ReadOnlyBroadcastState<String, RuleFileState> files,
            RuleFileUpdate update, RulesetBuilder builder, String host, RulesetBuilder.Outcome active)
            throws Exception {
        Overlay overlay = Overlay.of(files.immutableEntries());
        if (update.reset) {
            overlay.texts.remove(update.name);
            overlay.shadow.remove(update.name);
        } else {
            overlay.set(update.name, update.yaml, update.shadow);
        }
        if (update.kind() == DocumentKind.PROMOTION) {
            return builder.withPromotions(active, overlay.texts, overlay.shadow);
        }
        return overlay.build(builder, host);
    }

    /** What a key gives the ruleset now: a document of the control topic's, or else the bootstrap file's text. */
    static final class Current {
        /** True when a control record set the document; false when the bootstrap file (or nothing) applies. */
        final boolean recorded;
        /** Null when the key gives the ruleset nothing. */
        final String text;
        final boolean shadow;

        private Current(boolean recorded, String text, boolean shadow) {
            this.recorded = recorded;
            this.text = text;
            this.shadow = shadow;
        }

        static Current of(ReadOnlyBroadcastState<String, RuleFileState> files, String key, RulesetBuilder builder)
                throws Exception {
            RuleFileState last = files.get(key);
            if (last != null && !last.sequenceOnly) {
                return new Current(true, last.yaml, last.shadow);
            }
            return new Current(false, builder.bootstrapText(key), false);
        }
    }

    /**
     * Whether {@code update} leaves its document as it is: the same text (or the bootstrap's, for a key with no
     * record yet), in or out of shadow alike, or a delete of what is not there.
     */
    static boolean unchanged(ReadOnlyBroadcastState<String, RuleFileState> files, RuleFileUpdate update,
            RulesetBuilder builder) throws Exception {
        Current now = Current.of(files, update.name, builder);
        if (update.reset) {
            return !now.recorded;
        }
        return java.util.Objects.equals(now.text, update.yaml) && now.shadow == update.shadow;
    }

    /**
     * Null, or why a put in shadow is refused: its key holds live rules (a bootstrap file or a live document),
     * which the put would take off the alert topic, and whose lists and macros live rules may use.
     */
    static String shadowReplacesLive(ReadOnlyBroadcastState<String, RuleFileState> files, RuleFileUpdate update,
            RulesetBuilder builder) throws Exception {
        if (!update.shadow) {
            return null;
        }
        Current now = Current.of(files, update.name, builder);
        if (now.text == null || now.shadow) {
            return null;
        }
        return update.name + " holds live rules" + (now.recorded ? "" : " (a bootstrap file)") + ": a file in shadow "
                + "takes a name of its own, so that no live rule leaves the alert topic; push it under another name";
    }

    /** Keeps an update that compiled, as ruleset {@code version}. */
    static void commit(BroadcastState<String, RuleFileState> files, BroadcastState<String, Long> meta,
            RuleFileUpdate update, long version) throws Exception {
        files.put(update.name, stateOf(files.get(update.name), update, version));
        meta.put(VERSION_KEY, version);
    }

    /** Keeps an update that changed nothing: its sequence number and signer, under the version already active. */
    static void commitUnchanged(BroadcastState<String, RuleFileState> files, RuleFileUpdate update,
            long activeVersion) throws Exception {
        RuleFileState last = files.get(update.name);
        long version = last != null && !last.sequenceOnly ? last.version : activeVersion;
        files.put(update.name, stateOf(last, update, version));
    }

    private static RuleFileState stateOf(RuleFileState last, RuleFileUpdate update, long version) {
        long sequence = Math.max(update.sequence, last == null ? 0 : last.sequence);
        if (update.reset) {
            return RuleFileState.refusedOnly(sequence);
        }
        RuleFileState s = new RuleFileState(update.yaml, version, sequence);
        s.shadow = update.shadow;
        s.keyId = update.keyId;
        return s;
    }

    /**
     * Makes {@code target} (key to state) the documents of ruleset {@code version}: every other document leaves the
     * ruleset, keeping its sequence number, and none goes back below the sequence number it has.
     */
    static void commitAll(BroadcastState<String, RuleFileState> files, BroadcastState<String, Long> meta,
            Map<String, RuleFileState> target, long version) throws Exception {
        Map<String, RuleFileState> next = new HashMap<>();
        for (Map.Entry<String, RuleFileState> e : files.entries()) {
            if (!target.containsKey(e.getKey()) && !e.getValue().sequenceOnly) {
                next.put(e.getKey(), RuleFileState.refusedOnly(e.getValue().sequence));
            }
        }
        for (Map.Entry<String, RuleFileState> e : target.entrySet()) {
            RuleFileState last = files.get(e.getKey());
            RuleFileState s = new RuleFileState(e.getValue().yaml, version,
                    Math.max(e.getValue().sequence, last == null ? 0 : last.sequence));
            s.shadow = e.getValue().shadow;
            s.keyId = e.getValue().keyId;
            next.put(e.getKey(), s);
        }
        for (Map.Entry<String, RuleFileState> e : next.entrySet()) {
            files.put(e.getKey(), e.getValue());
        }
        meta.put(VERSION_KEY, version);
    }

    /**
     * Keeps the sequence number of an authentic update whose ruleset did not compile, and nothing else of it, so
     * that the record cannot be replayed later, when other files would let it compile.
     */
    static void rememberRefused(BroadcastState<String, RuleFileState> files, RuleFileUpdate update) throws Exception {
        if (update.sequence == 0) {
            return;
        }
        RuleFileState last = files.get(update.name);
        if (last == null) {
            files.put(update.name, RuleFileState.refusedOnly(update.sequence));
        } else if (update.sequence > last.sequence) {
            RuleFileState kept = new RuleFileState(last.yaml, last.version, update.sequence);
            kept.sequenceOnly = last.sequenceOnly;
            kept.shadow = last.shadow;
            kept.keyId = last.keyId;
            files.put(update.name, kept);
        }
    }

    /** The configured host name, or else this TaskManager's: alerts carry it, and {@code evt.hostname} gives it. */
    static String host(String configured) {
        if (configured != null) {
            return configured;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return FieldRegistry.DEFAULT_HOSTNAME;
        }
    }
}
