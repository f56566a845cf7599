package io.trailhawk.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Holds the library's package direction by reading the compiled classes: each package may use only the packages
 * below it in {@link #LAYERS}, so there are no cycles. The root package is the API facade on top.
 */
class PackageDirectionTest {

    private static final String ROOT = "io/trailhawk/rules";

    /** Top to bottom. */
    private static final List<String> LAYERS = List.of(
            "", "compile", "output", "load", "parse", "eval", "field", "event", "json", "diag");

    private static final Pattern REFERENCE = Pattern.compile(Pattern.quote(ROOT) + "((?:/[a-z]+)*)/[A-Z]");

    @Test
    void everyPackage_usesOnlyPackagesBelowIt() throws IOException {
        Map<String, Set<String>> uses = packageUses(Path.of("target", "classes", ROOT));
        assertThat(uses).isNotEmpty();
        List<String> violations = new ArrayList<>();
        uses.forEach((from, targets) -> {
            for (String to : targets) {
                if (!from.equals(to) && layer(to) <= layer(from)) {
                    violations.add(name(from) + " -> " + name(to));
                }
            }
        });
        assertThat(violations).isEmpty();
    }

    @Test
    void everyPackage_hasAPlaceInTheLayers() throws IOException {
        assertThat(packageUses(Path.of("target", "classes", ROOT)).keySet()).allMatch(LAYERS::contains);
    }

    private static int layer(String pkg) {
        int i = LAYERS.indexOf(pkg);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    private static String name(String pkg) {
        return pkg.isEmpty() ? "(root)" : pkg;
    }

    private static Map<String, Set<String>> packageUses(Path classes) throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                Path dir = classes.relativize(file).getParent();
                String pkg = dir == null ? "" : dir.toString().replace('\\', '/');
                Set<String> targets = uses.computeIfAbsent(pkg, k -> new TreeSet<>());
                for (String text : utf8Constants(file)) {
                    Matcher m = REFERENCE.matcher(text);
                    while (m.find()) {
                        String target = m.group(1);
                        targets.add(target.isEmpty() ? "" : target.substring(1));
                    }
                }
            }
        }
        return uses;
    }

    /** The UTF-8 entries of a class file's constant pool: every class name, descriptor and signature it uses. */
    private static List<String> utf8Constants(Path classFile) throws IOException {
        List<String> texts = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(classFile); DataInputStream in = new DataInputStream(raw)) {
            in.readInt();
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                if (tag == 1) {
                    texts.add(in.readUTF());
                } else if (tag == 5 || tag == 6) {
                    in.skipBytes(8);
                    i++;
                } else {
                    in.skipBytes(constantSize(tag, classFile));
                }
            }
        }
        return texts;
    }

    private static int constantSize(int tag, Path classFile) throws IOException {
        switch (tag) {
            case 7: case 8: case 16: case 19: case 20:
                return 2;
            case 15:
                return 3;
            case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18:
                return 4;
            default:
                throw new IOException("unknown constant tag " + tag + " in " + classFile);
        }
    }
}
