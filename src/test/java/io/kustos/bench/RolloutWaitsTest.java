package io.kustos.bench;

import org.junit.jupiter.api.Test;

import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RolloutWaitsTest {

    @Test
    void theWaitsOfEveryAppliedEnvironmentAreSummed() {
        String out = String.join("\n",
                "revision config=abc releases=def",
                "dev: applied 300 objects",
                "  = deployment/dev/app-000: rolled out",
                "  = took 1.25 s to write 300 objects, then 9.50 s waiting for 50 rollouts",
                "qa: applied 1 object",
                "  = took 0.05 s to write 1 object, then 0.00 s waiting for 0 rollouts",
                "prod: applied 2 objects",
                "  = took 0.10 s to write 2 objects, 2.00 s running 1 hook, then 1.25 s waiting for 1 rollout",
                "api requests: 12 reads");
        assertEquals(10.75, RolloutWaits.seconds(out).orElseThrow(), 1e-9);
        assertEquals(9.5, RolloutWaits.longest(out).orElseThrow(), 1e-9);
    }

    @Test
    void anOutputWithoutTimingLinesHasNoFigure() {
        assertEquals(OptionalDouble.empty(), RolloutWaits.seconds("dev: in sync, nothing to write\n"));
        assertEquals(OptionalDouble.empty(), RolloutWaits.longest("dev: in sync, nothing to write\n"));
    }

    @Test
    void theLineItMatchesIsTheOneKustosPrints() {
        String line = "  = " + io.kustos.rollout.ApplyTiming.line(300, 1_250_000_000L, 0, 0, 50, 9_500_000_000L);
        assertEquals(9.5, RolloutWaits.seconds(line).orElseThrow(), 1e-9);
        String withHooks = "  = " + io.kustos.rollout.ApplyTiming.line(1, 30_000_000L, 2, 1_000_000_000L, 1, 500_000_000L);
        assertEquals("  = took 0.03 s to write 1 object, 1.00 s running 2 hooks, then 0.50 s waiting for 1 rollout", withHooks);
        assertEquals(0.5, RolloutWaits.seconds(withHooks).orElseThrow(), 1e-9);
    }
}
