package io.trailhawk.bench;

import io.trailhawk.formats.AlertContext;
import io.trailhawk.formats.AlertFormat;
import io.trailhawk.formats.AlertFormats;
import io.trailhawk.formats.AlertId;
import io.trailhawk.formats.FormatSettings;
import io.trailhawk.rules.CompiledRuleset;
import io.trailhawk.rules.RuleCompiler;
import io.trailhawk.rules.load.AccountTable;
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
 * the count printed at setup. Falco JSON is the baseline each other alert format is held to (at most twice its
 * cost); the alerts carry their events' facts, as they do when a route asks for another format.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class AlertRenderingBenchmark {
    private Alert[] alerts;
    private AlertContext[] contexts;
    private AlertJson json;
    private AlertFormat ocsf;
    private AlertFormat asff;
    private AlertFormat ecs;

    @Setup
    public void setup() throws Exception {
        CompiledRuleset rules = RuleCompiler.builder().setEventFacts(true).build()
                .compile(RulesFile.readAll(List.of(Path.of("rules"))));
        CompiledRuleset.Evaluator evaluator = rules.evaluator();
        List<Alert> all = new ArrayList<>();
        long n = 0;
        for (byte[] r : Samples.records(Samples.DEFAULT)) {
            all.addAll(evaluator.evaluate(r, ++n));
        }
        alerts = all.toArray(new Alert[0]);
        json = new AlertJson("bench-host");
        FormatSettings settings = FormatSettings.of("bench-host");
        ocsf = AlertFormats.named(AlertFormats.OCSF, settings);
        asff = AlertFormats.named(AlertFormats.ASFF, settings);
        ecs = AlertFormats.named(AlertFormats.ECS, settings);
        contexts = new AlertContext[alerts.length];
        for (int i = 0; i < alerts.length; i++) {
            contexts[i] = AlertContext.of(7L, AccountTable.Account.unknown(alerts[i].accountId()));
        }
        System.out.println("alerts rendered per invocation: " + alerts.length);
    }

    /** Falco JSON, as the alerts topic carries it, with the ruleset version. */
    @Benchmark
    public void falcoJson(Blackhole bh) {
        for (Alert a : alerts) {
            bh.consume(json.renderUtf8(a, 7L));
        }
    }

    /** Falco JSON and the stable id the sink puts in each record's headers. */
    @Benchmark
    public void falcoJsonWithId(Blackhole bh) {
        for (Alert a : alerts) {
            bh.consume(json.renderUtf8(a, 7L));
            bh.consume(AlertId.of(a));
        }
    }

    @Benchmark
    public void ocsf(Blackhole bh) {
        render(ocsf, bh);
    }

    @Benchmark
    public void asff(Blackhole bh) {
        render(asff, bh);
    }

    @Benchmark
    public void ecs(Blackhole bh) {
        render(ecs, bh);
    }

    private void render(AlertFormat format, Blackhole bh) {
        for (int i = 0; i < alerts.length; i++) {
            bh.consume(format.render(alerts[i], contexts[i]));
        }
    }
}
