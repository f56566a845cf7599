package io.trailhawk.rules.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhawk.rules.diag.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PositionedTextTest {

    private static PositionedText line(String text, String file, int line, int col) {
        PositionedText.Builder b = new PositionedText.Builder();
        for (int i = 0; i < text.length(); i++) {
            b.append(text.charAt(i), SourceLocation.of(file, line, col + i));
        }
        return b.build(SourceLocation.of(file, line, col));
    }

    @Test
    void textFromOneLine_isOneRun_andEachCharacterKeepsItsColumn() {
        PositionedText t = line("ct.name = X", "a.yaml", 7, 16);
        assertThat(t.runCount()).isEqualTo(1);
        assertThat(t.locationOf(0)).isEqualTo(SourceLocation.of("a.yaml", 7, 16));
        assertThat(t.locationOf(10)).isEqualTo(SourceLocation.of("a.yaml", 7, 26));
        assertThat(t.locationOf(99)).isEqualTo(SourceLocation.of("a.yaml", 7, 26));
    }

    @Test
    void generatedText_pointsAtOnePlace() {
        PositionedText t = PositionedText.of(" and not ct.name = X", SourceLocation.of("a.yaml", 3, 5));
        assertThat(t.locationOf(12)).isEqualTo(SourceLocation.of("a.yaml", 3, 5));
    }

    @Test
    void append_keepsEachPartsPositions_andTheSeparatorTakesTheSecondPartsStart() {
        PositionedText a = line("x = 1", "a.yaml", 2, 3);
        PositionedText b = line("y = 2", "b.yaml", 9, 1);
        PositionedText t = a.append(" and ", b);
        assertThat(t.text()).isEqualTo("x = 1 and y = 2");
        assertThat(t.locationOf(4)).isEqualTo(SourceLocation.of("a.yaml", 2, 7));
        assertThat(t.locationOf(6)).isEqualTo(SourceLocation.of("b.yaml", 9, 1));
        assertThat(t.locationOf(14)).isEqualTo(SourceLocation.of("b.yaml", 9, 5));
    }

    @Test
    void replace_andTrim_keepTheUntouchedCharactersPositions() {
        PositionedText t = line("  a in (l) ", "a.yaml", 4, 1);
        PositionedText replaced = t.replace(8, 9, "\"p\", \"q\"");
        assertThat(replaced.text()).isEqualTo("  a in (\"p\", \"q\") ");
        assertThat(replaced.locationOf(9)).isEqualTo(SourceLocation.of("a.yaml", 4, 9));
        assertThat(replaced.locationOf(16)).isEqualTo(SourceLocation.of("a.yaml", 4, 10));
        PositionedText trimmed = t.trim();
        assertThat(trimmed.text()).isEqualTo("a in (l)");
        assertThat(trimmed.locationOf(0)).isEqualTo(SourceLocation.of("a.yaml", 4, 3));
    }

    @Test
    void deleteLast_returnsWhereTheRemovedCharacterCameFrom() {
        PositionedText.Builder b = new PositionedText.Builder().append(line("abc", "a.yaml", 1, 1), 0, 3);
        assertThat(b.deleteLast()).isEqualTo(SourceLocation.of("a.yaml", 1, 3));
        assertThat(b.deleteLast()).isEqualTo(SourceLocation.of("a.yaml", 1, 2));
        assertThat(b.build(SourceLocation.of("a.yaml", 1, 1)).text()).isEqualTo("a");
    }

    @Test
    void anySequenceOfEdits_givesTheSamePositionsAsOneLocationPerCharacter() {
        Random random = new Random(11);
        for (int round = 0; round < 200; round++) {
            List<SourceLocation> expected = new ArrayList<>();
            PositionedText.Builder b = new PositionedText.Builder();
            StringBuilder text = new StringBuilder();
            for (int step = 0; step < 30; step++) {
                int kind = random.nextInt(4);
                SourceLocation at = SourceLocation.of(random.nextBoolean() ? "a" : "b", 1 + random.nextInt(3),
                        1 + random.nextInt(5));
                if (kind == 0) {
                    b.append('x', at);
                    text.append('x');
                    expected.add(at);
                } else if (kind == 1) {
                    b.append("gen", at);
                    text.append("gen");
                    expected.add(at);
                    expected.add(at);
                    expected.add(at);
                } else if (kind == 2) {
                    PositionedText piece = line("abcdef", at.file(), at.line(), at.col());
                    int from = random.nextInt(3);
                    int to = from + 1 + random.nextInt(3);
                    b.append(piece, from, to);
                    text.append("abcdef", from, to);
                    for (int i = from; i < to; i++) {
                        expected.add(piece.locationOf(i));
                    }
                } else if (b.length() > 0) {
                    assertThat(b.deleteLast()).isEqualTo(expected.remove(expected.size() - 1));
                    text.setLength(text.length() - 1);
                }
            }
            PositionedText t = b.build(SourceLocation.of("empty", 1, 1));
            assertThat(t.text()).isEqualTo(text.toString());
            for (int i = 0; i < expected.size(); i++) {
                assertThat(t.locationOf(i)).as("round %d offset %d", round, i).isEqualTo(expected.get(i));
            }
        }
    }
}
