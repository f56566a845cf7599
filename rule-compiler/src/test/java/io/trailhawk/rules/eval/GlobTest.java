package io.trailhawk.rules.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {
    @ParameterizedTest
    @CsvSource({
        "*.log, /var/x.log, true",
        "/tmp/*, /tmp/a/b, true",
        "a?c, abc, true",
        "a?c, ac, false",
        "[abc]x, bx, true",
        "[!abc]x, bx, false",
        "[^abc]x, dx, true",
        "[a-c]x, cx, true",
        "[a-c]x, dx, false",
        "a\\*, a*, true",
        "a\\*, ab, false",
        "*, '', true",
        "a*b*c, axxbyyc, true",
        "a*b*c, axxbyy, false",
        "[, [, true"
    })
    void glob_matchesLikeFnmatch(String pattern, String value, boolean expected) {
        assertThat(Glob.compile(pattern, false).matches(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"AdminRole*, adminrole-prod, true", "*ROOT*, my-root-user, true", "abc, abd, false"})
    void iglob_ignoresAsciiCase(String pattern, String value, boolean expected) {
        assertThat(Glob.compile(pattern, true).matches(value)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    @org.junit.jupiter.api.Timeout(30)
    void glob_manyStarsDoNotBacktrackExponentially() {
        assertThat(Glob.compile("*a*a*a*a*a*a*a*a*b", false).matches("a".repeat(5000))).isFalse();
    }
}
