package io.trailhawk.rules.load;

import io.trailhawk.rules.diag.Diagnostics;
import io.trailhawk.rules.diag.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Composes a file's YAML documents within {@link RuleLimits}. The composer recurses once per nesting level and
 * shares aliased nodes, so depth and aliases are counted on the event stream, before a node is built: a document
 * nested thousands deep, or an alias bomb, stops at the event that crosses the limit, with its position.
 */
final class BoundedYaml {
    private BoundedYaml() {
    }

    /** A limit crossed at a position in the file. */
    static final class LimitExceeded extends MarkedYamlEngineException {
        private static final long serialVersionUID = 1L;

        LimitExceeded(String problem, Optional<Mark> at) {
            super("", Optional.empty(), problem, at);
        }
    }

    /**
     * The file's documents, or null with the reason in {@code diag} at its {@code FILE:LINE:COL}: a file over the
     * size limit, YAML that does not parse, or a limit crossed. For control documents other than rule files.
     */
    static List<Node> documents(RulesFile file, RuleLimits limits, YamlSource yaml, Diagnostics diag) {
        if (file.content().length() > limits.fileChars()) {
            diag.error(SourceLocation.of(file.name(), 1, 1), null, "the file is larger than " + limits.fileChars()
                    + " characters");
            return null;
        }
        try {
            return compose(file, limits);
        } catch (MarkedYamlEngineException e) {
            diag.error(e.getProblemMark().map(yaml::at).orElse(SourceLocation.of(file.name(), 1, 1)), null,
                    "invalid YAML: " + e.getProblem());
        } catch (YamlEngineException e) {
            diag.error(SourceLocation.of(file.name(), 1, 1), null, "invalid YAML: " + e.getMessage());
        }
        return null;
    }

    static List<Node> compose(RulesFile file, RuleLimits limits) {
        LoadSettings settings = LoadSettings.builder().setLabel(file.name())
                .setCodePointLimit(limits.fileChars())
                .setMaxAliasesForCollections(Math.max(limits.yamlAliases(), 1))
                .build();
        Parser events = new CountingParser(new ParserImpl(settings, new StreamReader(settings, file.content())),
                limits);
        List<Node> documents = new ArrayList<>();
        Composer composer = new Composer(settings, events);
        while (composer.hasNext()) {
            documents.add(composer.next());
        }
        return documents;
    }

    private static final class CountingParser implements Parser {
        private final Parser delegate;
        private final RuleLimits limits;
        private int depth;
        private int aliases;

        CountingParser(Parser delegate, RuleLimits limits) {
            this.delegate = delegate;
            this.limits = limits;
        }

        @Override
        public boolean checkEvent(Event.ID id) {
            return delegate.checkEvent(id);
        }

        @Override
        public Event peekEvent() {
            return delegate.peekEvent();
        }

        @Override
        public boolean hasNext() {
            return delegate.hasNext();
        }

        @Override
        public Event next() {
            Event e = delegate.next();
            switch (e.getEventId()) {
                case SequenceStart:
                case MappingStart:
                    if (++depth > limits.yamlDepth()) {
                        throw new LimitExceeded("YAML nests deeper than " + limits.yamlDepth() + " levels",
                                e.getStartMark());
                    }
                    break;
                case SequenceEnd:
                case MappingEnd:
                    depth--;
                    break;
                case Alias:
                    if (++aliases > limits.yamlAliases()) {
                        throw new LimitExceeded("the file uses more than " + limits.yamlAliases()
                                + " YAML aliases", e.getStartMark());
                    }
                    break;
                default:
                    break;
            }
            return e;
        }
    }
}
