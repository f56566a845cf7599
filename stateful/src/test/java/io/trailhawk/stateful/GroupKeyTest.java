package io.trailhawk.stateful;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class GroupKeyTest {
    @Test
    void valuesCannotRunIntoEachOther() {
        assertThat(GroupKey.of(7, List.of("ab", "c"))).isNotEqualTo(GroupKey.of(7, List.of("a", "bc")));
        assertThat(GroupKey.of(7, List.of("a\u0000", ""))).isNotEqualTo(GroupKey.of(7, List.of("a", "\u0000")));
    }

    @Test
    void aKeyNamesItsRuleAndGroup() {
        GroupKey k = GroupKey.of(-42L, List.of("arn:aws:iam::1:user/é", "<NA>"));
        assertThat(k.scope()).isEqualTo(-42L);
        assertThat(k.values()).containsExactly("arn:aws:iam::1:user/é", "<NA>");
        assertThat(GroupKey.of(-42L, List.of()).values()).isEmpty();
    }

    @Test
    void aKeyCrossesAsBytesUnchanged() {
        GroupKey k = GroupKey.of(1L << 60, List.of("x", "y"));
        GroupKey back = GroupKey.fromBytes(k.toBytes());
        assertThat(back).isEqualTo(k).hasSameHashCodeAs(k);
        assertThat(back.compareTo(k)).isZero();
        assertThatThrownBy(() -> GroupKey.fromBytes(new byte[3])).isInstanceOf(IllegalArgumentException.class);
    }
}
