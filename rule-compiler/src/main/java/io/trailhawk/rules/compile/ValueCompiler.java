package io.trailhawk.rules.compile;

import io.trailhawk.rules.eval.MultiValueTransformers;
import io.trailhawk.rules.eval.Transformer;
import io.trailhawk.rules.field.Extractor;
import io.trailhawk.rules.field.FieldRegistry;
import io.trailhawk.rules.field.FieldType;
import io.trailhawk.rules.field.ResolvedField;
import io.trailhawk.rules.field.UnknownFieldException;
import io.trailhawk.rules.parse.ValueAccess;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves what a check reads (a field, a transformer of its arguments, a constant) to an extractor and a type,
 * with Falco's rules and messages for transformers and their arguments. Every record path a field reads is added
 * to {@code reads}.
 */
final class ValueCompiler {
    private final FieldRegistry registry;
    private final List<String[]> reads;

    ValueCompiler(FieldRegistry registry, List<String[]> reads) {
        this.registry = registry;
        this.reads = reads;
    }

    /** A resolved value: its extractor, its type, and its name for messages. */
    static final class Value {
        final Extractor extractor;
        final FieldType type;
        final String name;

        Value(Extractor extractor, FieldType type, String name) {
            this.extractor = extractor;
            this.type = type;
            this.name = name;
        }
    }

    Value value(ValueAccess a) throws CompileError {
        switch (a.kind()) {
            case FIELD:
                try {
                    ResolvedField f = registry.resolve(a.field(), a.arg());
                    reads.addAll(f.reads());
                    return new Value(f.extractor(), f.type(), f.displayName());
                } catch (UnknownFieldException ex) {
                    throw new CompileError(ex.getMessage(), a.offset(), true);
                }
            case CONSTANT: {
                String v = a.constant();
                return new Value(e -> v, FieldType.STRING, v);
            }
            case LIST:
                throw new CompileError("a list is only an argument of a transformer", a.offset(), false);
            default:
                return a.transformer().isMultiValue() ? multiValue(a) : singleValue(a);
        }
    }

    private Value singleValue(ValueAccess a) throws CompileError {
        Transformer t = a.transformer();
        if (a.arguments().size() != 1) {
            throw new CompileError("unknown multivalue transformer", a.offset(), false);
        }
        if (a.arg() != null) {
            throw new CompileError("transformer '" + t.spelling() + "' does not support field arguments", a.offset(),
                    false);
        }
        Value inner = value(a.inner());
        FieldType type = t.resultType(inner.type);
        if (type == null) {
            throw new CompileError("can't add field transformer: type '" + inner.type.falcoName()
                    + "' is not supported by '" + t.spelling() + "' transformer applied on field '" + inner.name
                    + "'", a.offset(), false);
        }
        return new Value(t.apply(inner.extractor), type, a.toString());
    }

    private Value multiValue(ValueAccess a) throws CompileError {
        Transformer t = a.transformer();
        List<ValueAccess> args = a.arguments();
        if (args.size() == 1) {
            // Falco's own spelling of this message.
            throw new CompileError("unknown field transfomer '" + t.spelling() + "'", a.offset(), false);
        }
        switch (t) {
            case JOIN: {
                if (args.size() != 2) {
                    throw error(a, "join() requires exactly 2 arguments: separator and list");
                }
                noFieldArgument(a);
                if (args.get(0).kind() == ValueAccess.Kind.LIST) {
                    throw error(a, "join() first argument (separator) must be a single value, not a list");
                }
                Value sep = value(args.get(0));
                if (sep.type == FieldType.STRING_LIST) {
                    throw error(a, "join() first argument (separator) must be a single value, not a list");
                }
                if (args.get(1).kind() == ValueAccess.Kind.LIST) {
                    return new Value(MultiValueTransformers.join(sep.extractor, elements(args.get(1))),
                            FieldType.STRING, a.toString());
                }
                Value list = value(args.get(1));
                if (list.type != FieldType.STRING_LIST) {
                    throw error(a, "join() second argument must be a list");
                }
                return new Value(MultiValueTransformers.join(sep.extractor, list.extractor), FieldType.STRING,
                        a.toString());
            }
            case CONCAT: {
                noFieldArgument(a);
                List<Extractor> parts = new ArrayList<>();
                for (ValueAccess arg : args) {
                    Value v = arg.kind() == ValueAccess.Kind.LIST ? null : value(arg);
                    if (v == null || v.type != FieldType.STRING) {
                        throw error(a, "concat() arguments must be strings");
                    }
                    parts.add(v.extractor);
                }
                return new Value(MultiValueTransformers.concat(parts), FieldType.STRING, a.toString());
            }
            case GETOPT: {
                if (args.size() != 2) {
                    throw error(a, "getopt() requires exactly 2 arguments: args list and optstring");
                }
                if (a.arg() != null && a.arg().length() != 1) {
                    throw error(a, "getopt() field argument must be a single option character");
                }
                List<Extractor> argv;
                if (args.get(0).kind() == ValueAccess.Kind.LIST) {
                    argv = elements(args.get(0));
                } else {
                    Value list = value(args.get(0));
                    if (list.type != FieldType.STRING_LIST) {
                        throw error(a, "getopt() first argument must be a list");
                    }
                    argv = List.of(list.extractor);
                }
                if (args.get(1).kind() == ValueAccess.Kind.LIST) {
                    throw error(a, "getopt() second argument (optstring) must be a single value");
                }
                Value spec = value(args.get(1));
                if (spec.type != FieldType.STRING) {
                    throw error(a, spec.type == FieldType.STRING_LIST
                            ? "getopt() second argument (optstring) must be a single value"
                            : "getopt() arguments must be strings");
                }
                return new Value(MultiValueTransformers.getopt(argv, spec.extractor, a.arg()),
                        a.arg() == null ? FieldType.STRING_LIST : FieldType.STRING, a.toString());
            }
            default:
                throw new IllegalStateException(t + " is not a multi-value transformer");
        }
    }

    private List<Extractor> elements(ValueAccess list) throws CompileError {
        List<Extractor> out = new ArrayList<>();
        for (ValueAccess e : list.arguments()) {
            out.add(value(e).extractor);
        }
        return out;
    }

    private static void noFieldArgument(ValueAccess a) throws CompileError {
        if (a.arg() != null) {
            throw error(a, "transformer '" + a.transformer().spelling() + "' does not support field arguments");
        }
    }

    private static CompileError error(ValueAccess a, String message) {
        return new CompileError(message, a.offset(), false);
    }
}
