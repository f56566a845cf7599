package io.trailhawk.bench;

import io.trailhawk.rules.CompiledRuleset;
import io.trailhawk.rules.RuleCompiler;
import io.trailhawk.rules.load.RulesFile;
import io.trailhawk.rules.output.Alert;
import io.trailhawk.rules.output.AlertJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Single-thread cost of writing alerts as the job's sink sends them: Falco JSON in UTF-8, for every alert the
 * default ruleset raises on the 2,900 invictus records (stateful matches included, with their context). Each
 * invocation renders all of them; the score is invocations per second, so alerts per second is the score times
 * the count printed at setup. The baseline each other alert format is held to.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class AlertRenderingBenchmark {
    private Alert[] alerts;
    private AlertJson json;

    @Setup
    public void setup() throws Exception {
        CompiledRuleset rules = RuleCompiler.builder().build().compile(RulesFile.readAll(List.of(Path.of("rules"))));
        CompiledRuleset.Evaluator evaluator = rules.evaluator();
        List<Alert> all = new ArrayList<>();
        long n = 0;
        for (byte[] r : Samples.records(Samples.DEFAULT)) {
            all.addAll(evaluator.evaluate(r, ++n));
        }
        alerts = all.toArray(new Alert[0]);
        json = new AlertJson("bench-host");
        System.out.println("alerts rendered per invocation: " + alerts.length);
    }

    /** Falco JSON, as the alerts topic carries it, with the ruleset version. */
    @Benchmark
    public void falcoJson(Blackhole bh) {
        for (Alert a : alerts) {
            bh.consume(json.renderUtf8(a, 7L));
        }
    }
}
