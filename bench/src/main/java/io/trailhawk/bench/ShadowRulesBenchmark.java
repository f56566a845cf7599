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
 * What a rule in shadow costs against the same rule live: the default ruleset plus 100 rules on the sample's
 * commonest API calls, which raise 10,170 alerts over the 2,900 records (ten times the matching calls), once as a live file and once as a
 * file in shadow. Each invocation does what the detect operator does per record: one evaluation, then for each
 * alert the shadow check, the Falco JSON and, in shadow, its mark. Events per second is the score times 2,900.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class ShadowRulesBenchmark {
    private static final String[] COMMON_CALLS = {"Decrypt", "DescribeRouteTables", "GetUser", "DescribeParameters",
        "ListTagsForResource", "GetParameter", "DeleteParameter", "PutParameter", "GetSecretValue", "AssumeRole"};
    private List<byte[]> records;
    private CompiledRuleset.Evaluator live;
    private CompiledRuleset liveRules;
    private CompiledRuleset.Evaluator shadow;
    private CompiledRuleset shadowRules;
    private AlertJson json;

    static String hundredRules() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            sb.append("- rule: Staged rule ").append(i).append('\n')
                    .append("  desc: staged for the shadow benchmark\n")
                    .append("  condition: ct.name = ").append(COMMON_CALLS[i % COMMON_CALLS.length])
                    .append(" and ct.user.identitytype != Dummy").append(i).append('\n')
                    .append("  output: staged ").append(i).append(" user=%ct.user ip=%ct.srcip region=%ct.region\n")
                    .append("  priority: NOTICE\n  tags: [staged]\n");
        }
        return sb.toString();
    }

    @Setup
    public void setup() throws Exception {
        List<RulesFile> base = RulesFile.readAll(List.of(Path.of("rules")));
        RulesFile staged = RulesFile.of("zz-staged.yaml", hundredRules());
        List<RulesFile> asLive = new ArrayList<>(base);
        asLive.add(staged);
        List<RulesFile> asShadow = new ArrayList<>(base);
        asShadow.add(staged.asShadow());
        liveRules = RuleCompiler.builder().build().compile(asLive);
        shadowRules = RuleCompiler.builder().build().compile(asShadow);
        live = liveRules.evaluator();
        shadow = shadowRules.evaluator();
        records = Samples.records(Samples.DEFAULT);
        json = new AlertJson("bench-host");
        long n = 0;
        long alerts = 0;
        long inShadow = 0;
        for (byte[] r : records) {
            for (Alert a : shadow.evaluate(r, ++n)) {
                alerts++;
                inShadow += shadowRules.inShadow(a.rule()) ? 1 : 0;
            }
        }
        System.out.println("records: " + records.size() + ", alerts: " + alerts + ", of rules in shadow: " + inShadow);
    }

    private void run(CompiledRuleset rules, CompiledRuleset.Evaluator evaluator, Blackhole bh) throws Exception {
        long n = 0;
        for (byte[] r : records) {
            for (Alert a : evaluator.evaluate(r, ++n)) {
                bh.consume(json.renderUtf8(a, 7L, rules.inShadow(a.rule())));
            }
        }
    }

    /** The 100 rules live. */
    @Benchmark
    public void live100(Blackhole bh) throws Exception {
        run(liveRules, live, bh);
    }

    /** The same 100 rules in shadow. */
    @Benchmark
    public void shadow100(Blackhole bh) throws Exception {
        run(shadowRules, shadow, bh);
    }
}
