package io.trailhawk.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhawk.rules.CompiledRuleset;
import io.trailhawk.rules.RuleCompiler;
import io.trailhawk.rules.load.RulesFile;
import io.trailhawk.rules.reference.ReferenceEvaluator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Single-thread cost per CloudTrail record, on the bytes of the 2,900 invictus records. Each invocation processes
 * all of them, so the scores are events per second; with {@code -prof gc}, {@code gc.alloc.rate.norm} is bytes
 * allocated per event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(EvaluationBenchmark.RECORDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class EvaluationBenchmark {
    static final int RECORDS = 2900;

    private byte[][] records;
    /** The records that raise no alert with the default rules: most of production traffic looks like these. */
    private byte[][] quiet;
    private JsonFactory factory;
    private ObjectMapper mapper;
    private CompiledRuleset rules;
    private CompiledRuleset.Evaluator evaluator;
    private CompiledRuleset.Evaluator evaluator1000;
    private CompiledRuleset.Evaluator evaluator1000Substrings;
    private ReferenceEvaluator naive;

    @Setup
    public void setup() throws IOException, io.trailhawk.rules.RuleValidationException {
        records = Samples.records(Samples.DEFAULT).toArray(new byte[0][]);
        if (records.length != RECORDS) {
            throw new IllegalStateException("expected " + RECORDS + " records, found " + records.length);
        }
        mapper = new ObjectMapper();
        factory = mapper.getFactory();
        List<RulesFile> defaults = RulesFile.readAll(List.of(Path.of("rules")));
        rules = RuleCompiler.builder().build().compile(defaults);
        List<RulesFile> scaled = new ArrayList<>(defaults);
        scaled.add(RulesFile.of("zz-generated.yaml", GeneratedRules.yaml(1000 - rules.ruleCount(), "jmh")));
        CompiledRuleset rules1000 = RuleCompiler.builder().build().compile(scaled);
        if (rules1000.ruleCount() != 1000) {
            throw new IllegalStateException("expected 1000 rules, compiled " + rules1000.ruleCount());
        }
        List<RulesFile> substrings = new ArrayList<>(defaults);
        substrings.add(RulesFile.of("zz-generated.yaml", GeneratedRules.yamlWithSubstringsOnly(1000 - rules.ruleCount(),
                "jmh")));
        evaluator = rules.evaluator();
        evaluator1000 = rules1000.evaluator();
        evaluator1000Substrings = RuleCompiler.builder().build().compile(substrings).evaluator();
        naive = new ReferenceEvaluator(defaults, rules);
        List<byte[]> silent = new ArrayList<>();
        long n = 0;
        for (byte[] r : records) {
            if (evaluator.evaluate(r, ++n).isEmpty()) {
                silent.add(r);
            }
        }
        quiet = silent.toArray(new byte[0][]);
    }

    /** (a) The floor: Jackson streaming tokenisation of the bytes, building nothing. */
    @Benchmark
    public void a_tokenize(Blackhole bh) throws IOException {
        for (byte[] r : records) {
            try (JsonParser p = factory.createParser(r)) {
                JsonToken t;
                while ((t = p.nextToken()) != null) {
                    bh.consume(t);
                }
            }
        }
    }

    /** (b) A Jackson tree of each record. */
    @Benchmark
    public void b_readTree(Blackhole bh) throws IOException {
        for (byte[] r : records) {
            bh.consume(mapper.readTree(r));
        }
    }

    /** (c) Naive: the whole tree, then every rule's condition interpreted. */
    @Benchmark
    public void c_naive(Blackhole bh) throws IOException {
        long n = 0;
        for (byte[] r : records) {
            bh.consume(naive.matchingRules(r, ++n));
        }
    }

    /** (d) Trailhawk compiled, bytes to alerts, default ruleset. */
    @Benchmark
    public void d_compiled(Blackhole bh) throws IOException {
        evaluateAll(evaluator, bh);
    }

    /** (e) The same with 1,000 rules: the default set plus generated ones, 10% without an event-name constraint. */
    @Benchmark
    public void e_compiled1000(Blackhole bh) throws IOException {
        evaluateAll(evaluator1000, bh);
    }

    /** (e2) As (e), but the 87 rules without an event name require only a substring of the user agent and a prefix. */
    @Benchmark
    public void e2_compiled1000Substrings(Blackhole bh) throws IOException {
        evaluateAll(evaluator1000Substrings, bh);
    }

    /**
     * (d0) As (d), on the records that raise no alert, scaled to events per second. Its allocation per event is
     * what evaluation itself costs, without alerts.
     */
    @Benchmark
    public void d0_compiledNoAlerts(Blackhole bh) throws IOException {
        long n = 0;
        for (int k = 0; k < RECORDS; k++) {
            bh.consume(evaluator.evaluate(quiet[k % quiet.length], ++n));
        }
    }

    private void evaluateAll(CompiledRuleset.Evaluator ruleset, Blackhole bh) throws IOException {
        long n = 0;
        for (byte[] r : records) {
            bh.consume(ruleset.evaluate(r, ++n));
        }
    }
}
