package io.trailhawk.rules.load;

import java.util.List;
import java.util.Optional;

/**
 * What one rule item does to the rule of its name: for each key it sets, the value and whether it is appended to
 * the rule's or replaces it. A definition replaces every key it gives; {@code append: true} appends its condition
 * and exceptions; {@code override} says per key. {@link RuleCollector} applies it. Immutable.
 */
final class RuleUpdate {
    /** One key's new value, and how it merges with the old. */
    static final class Change<T> {
        final Merge merge;
        final T value;

        Change(Merge merge, T value) {
            this.merge = merge;
            this.value = value;
        }

        boolean appends() {
            return merge == Merge.APPEND;
        }
    }

    final Optional<Change<PositionedText>> condition;
    final Optional<Change<PositionedText>> output;
    final Optional<Change<String>> desc;
    final Optional<Priority> priority;
    final Optional<Change<List<String>>> tags;
    final Optional<Change<List<ExceptionInfo>>> exceptions;
    final Optional<Boolean> enabled;
    final Optional<Boolean> skipIfUnknownFilter;
    /** Present when the item sets a stateful key: the new clause, or none. */
    final Optional<Optional<StatefulClause>> stateful;
    final Optional<Boolean> alert;
    final Optional<Boolean> shadow;

    private RuleUpdate(Builder b) {
        this.condition = Optional.ofNullable(b.condition);
        this.output = Optional.ofNullable(b.output);
        this.desc = Optional.ofNullable(b.desc);
        this.priority = Optional.ofNullable(b.priority);
        this.tags = Optional.ofNullable(b.tags);
        this.exceptions = Optional.ofNullable(b.exceptions);
        this.enabled = Optional.ofNullable(b.enabled);
        this.skipIfUnknownFilter = Optional.ofNullable(b.skipIfUnknownFilter);
        this.stateful = Optional.ofNullable(b.stateful);
        this.alert = Optional.ofNullable(b.alert);
        this.shadow = Optional.ofNullable(b.shadow);
    }

    static Builder builder() {
        return new Builder();
    }

    /** Collects the keys an item sets; a key left unset is left as it was. */
    static final class Builder {
        private Change<PositionedText> condition;
        private Change<PositionedText> output;
        private Change<String> desc;
        private Priority priority;
        private Change<List<String>> tags;
        private Change<List<ExceptionInfo>> exceptions;
        private Boolean enabled;
        private Boolean skipIfUnknownFilter;
        private Optional<StatefulClause> stateful;
        private Boolean alert;
        private Boolean shadow;

        Builder condition(Merge m, PositionedText v) {
            condition = new Change<>(m, v);
            return this;
        }

        Builder output(Merge m, PositionedText v) {
            output = new Change<>(m, v);
            return this;
        }

        Builder desc(Merge m, String v) {
            desc = new Change<>(m, v);
            return this;
        }

        Builder priority(Priority v) {
            priority = v;
            return this;
        }

        Builder tags(Merge m, List<String> v) {
            tags = new Change<>(m, List.copyOf(v));
            return this;
        }

        Builder exceptions(Merge m, List<ExceptionInfo> v) {
            exceptions = new Change<>(m, List.copyOf(v));
            return this;
        }

        Builder enabled(boolean v) {
            enabled = v;
            return this;
        }

        Builder skipIfUnknownFilter(boolean v) {
            skipIfUnknownFilter = v;
            return this;
        }

        Builder stateful(Optional<StatefulClause> v) {
            stateful = v;
            return this;
        }

        Builder alert(boolean v) {
            alert = v;
            return this;
        }

        Builder shadow(boolean v) {
            shadow = v;
            return this;
        }

        RuleUpdate build() {
            return new RuleUpdate(this);
        }
    }
}
