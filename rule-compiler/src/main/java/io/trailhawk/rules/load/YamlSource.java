package io.trailhawk.rules.load;

import io.trailhawk.rules.diag.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/** Maps YAML nodes back to 1-based positions in the file they came from. */
final class YamlSource {
    private final String fileName;
    private final String[] lines;

    YamlSource(RulesFile file) {
        this.fileName = file.name();
        this.lines = file.content().split("\n", -1);
    }

    String fileName() {
        return fileName;
    }

    SourceLocation at(Node node) {
        return node.getStartMark().map(this::at).orElse(SourceLocation.of(fileName, 1, 1));
    }

    SourceLocation at(Mark mark) {
        return SourceLocation.of(fileName, mark.getLine() + 1, mark.getColumn() + 1);
    }

    /**
     * The scalar's value with a position for each character. Folding, block indentation and quotes make the value
     * differ from the raw text, so characters are aligned in order: a value character takes the position of the
     * next raw character that equals it, skipping raw whitespace and quoting that folding removed.
     */
    PositionedText text(ScalarNode node) {
        String value = node.getValue();
        SourceLocation start = at(node);
        if (value.isEmpty() || node.getStartMark().isEmpty() || node.getEndMark().isEmpty()) {
            return PositionedText.of(value, start);
        }
        Mark s = node.getStartMark().get();
        Mark e = node.getEndMark().get();
        List<int[]> raw = new ArrayList<>();
        StringBuilder rawText = new StringBuilder();
        int line = s.getLine();
        int col = s.getColumn();
        ScalarStyle style = node.getScalarStyle();
        if (style == ScalarStyle.LITERAL || style == ScalarStyle.FOLDED) {
            line++;
            col = 0;
        } else if (style == ScalarStyle.DOUBLE_QUOTED || style == ScalarStyle.SINGLE_QUOTED) {
            col++;
        }
        while (line < lines.length && (line < e.getLine() || (line == e.getLine() && col < e.getColumn()))) {
            String l = lines[line];
            if (col < l.length()) {
                rawText.append(l.charAt(col));
                raw.add(new int[] {line, col});
                col++;
            } else {
                rawText.append('\n');
                raw.add(new int[] {line, col});
                line++;
                col = 0;
            }
        }
        PositionedText.Builder positioned = new PositionedText.Builder();
        int j = 0;
        SourceLocation last = start;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            int k = j;
            while (k < rawText.length() && rawText.charAt(k) != c && Character.isWhitespace(rawText.charAt(k))) {
                k++;
            }
            if (k < rawText.length() && rawText.charAt(k) == c) {
                int[] p = raw.get(k);
                last = SourceLocation.of(fileName, p[0] + 1, p[1] + 1);
                j = k + 1;
            } else if (!Character.isWhitespace(c) && j < rawText.length()) {
                // An escape sequence or similar: consume one raw character and stay close.
                int[] p = raw.get(j);
                last = SourceLocation.of(fileName, p[0] + 1, p[1] + 1);
                j++;
                while (j < rawText.length() && rawText.charAt(j) != value.charAt(Math.min(i + 1, value.length() - 1))
                        && !Character.isWhitespace(rawText.charAt(j)) && j - k < 8) {
                    j++;
                }
            }
            positioned.append(c, last);
        }
        return positioned.build(start);
    }
}
