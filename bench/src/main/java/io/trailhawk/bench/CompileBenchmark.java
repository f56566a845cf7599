package io.trailhawk.bench;

import io.trailhawk.rules.CompiledRuleset;
import io.trailhawk.rules.RuleCompiler;
import io.trailhawk.rules.load.RulesFile;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** How long 1,000 rules take to compile, and how much heap the compiled ruleset holds. */
public final class CompileBenchmark {
    private CompileBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<RulesFile> defaults = RulesFile.readAll(List.of(Path.of("rules")));
        int base = RuleCompiler.builder().build().compile(defaults).ruleCount();
        List<RulesFile> scaled = new ArrayList<>(defaults);
        scaled.add(RulesFile.of("zz-generated.yaml", GeneratedRules.yaml(1000 - base, "compile")));
        RuleCompiler compiler = RuleCompiler.builder().build();
        for (int i = 0; i < 5; i++) {
            compiler.compile(scaled);
        }
        long[] ms = new long[20];
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            compiler.compile(scaled);
            ms[i] = (System.nanoTime() - t) / 1_000_000;
        }
        Arrays.sort(ms);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = settledHeap(memory);
        CompiledRuleset held = compiler.compile(scaled);
        long after = settledHeap(memory);
        System.out.printf("compile 1,000 rules (%d default + %d generated): median %d ms, max %d ms over %d runs%n",
                base, 1000 - base, ms[ms.length / 2], ms[ms.length - 1], ms.length);
        System.out.printf("heap held by the compiled 1,000-rule ruleset: %.1f MB (%d rules active)%n",
                (after - before) / 1e6, held.activeRuleCount());
    }

    private static long settledHeap(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
