package io.trailhawk.rules.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NeedleSetTest {
    @Test
    void findsWhatSeparateCaseInsensitiveSearchesFind() {
        Random random = new Random(7);
        String alphabet = "abcAB-_/ é\u00c9z";
        for (int round = 0; round < 2000; round++) {
            List<String> needles = new ArrayList<>();
            for (int n = random.nextInt(5); n >= 0; n--) {
                needles.add(word(random, alphabet, 1 + random.nextInt(4)));
            }
            NeedleSet set = NeedleSet.of(needles);
            String hay = word(random, alphabet, random.nextInt(12));
            boolean expected = false;
            for (String n : needles) {
                expected |= StringMatchers.indexOfIgnoreAsciiCase(hay, StringMatchers.asciiLower(n)) >= 0;
            }
            assertThat(set.foundIn(hay)).as("%s in %s", needles, hay).isEqualTo(expected);
        }
    }

    @Test
    void realUserAgents() {
        NeedleSet tools = NeedleSet.of(List.of("stratus-red-team", "Pacu", "kali", "scout suite", "x"));
        assertThat(tools.foundIn("aws-cli/2.11 Python/3.11 Linux/6.1 exe/x86_64.Kali.2023")).isTrue();
        assertThat(tools.foundIn("Boto3/1.26 md/Botocore#1.29 Stratus-Red-Team_1234")).isTrue();
        assertThat(tools.foundIn("console.amazonaws.com")).isFalse();
        assertThat(tools.foundIn("")).isFalse();
        assertThat(NeedleSet.of(List.of("")).foundIn("")).isTrue();
        assertThat(NeedleSet.of(List.of("SCOUT SUITE")).foundIn("ScoutSuite/5 and scout suite")).isTrue();
    }

    private static String word(Random random, String alphabet, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
