package io.kustos.decrypt.sops;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * For any finite double (drawn from its bits, so every exponent and the subnormals come up): the
 * three forms sops writes name one decimal number, it reads back as exactly that double, and it
 * has the fewest digits that do (Go's shortest formatting): with one digit less, neither
 * neighbouring decimal reads back.
 */
class GoFloatsPropertiesTest {

    @Provide
    Arbitrary<Double> finiteDoubles() {
        return Arbitraries.longs().withDistribution(RandomDistribution.uniform())
                .map(Double::longBitsToDouble).filter(Double::isFinite);
    }

    @Property
    void everyFormReadsBackAsTheDoubleWithTheFewestDigits(@ForAll("finiteDoubles") double v) {
        String plain = GoFloats.plain(v);
        String yaml = GoFloats.yaml(v);
        String json = GoFloats.json(v);

        for (String form : new String[] {plain, yaml, json}) {
            assertEquals(Double.doubleToLongBits(v), Double.doubleToLongBits(Double.parseDouble(form)), form + " reads back as " + v);
        }
        BigDecimal decimal = new BigDecimal(plain);
        assertEquals(0, decimal.compareTo(new BigDecimal(yaml)), yaml + " = " + plain);
        assertEquals(0, decimal.compareTo(new BigDecimal(json)), json + " = " + plain);

        int digits = v == 0 ? 1 : decimal.stripTrailingZeros().precision();
        if (digits > 1) {
            BigDecimal exact = new BigDecimal(Math.abs(v));
            for (RoundingMode side : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
                BigDecimal shorter = exact.round(new MathContext(digits - 1, side));
                assertNotEquals(Math.abs(v), shorter.doubleValue(), plain + " has a shorter form: " + shorter);
            }
        }
    }
}
