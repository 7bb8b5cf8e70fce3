package dev.reproject.core.item;

import java.math.BigDecimal;

/** DynamoDB's numbers: up to 38 significant digits, magnitude from 1E-130 to below 1E+126. */
public final class Numbers {

    public static final int MAX_DIGITS = 38;

    private Numbers() {
    }

    /** @throws NumberFormatException when {@code text} is not a number DynamoDB accepts */
    public static BigDecimal parse(String text) {
        BigDecimal value = new BigDecimal(text.strip());
        check(value);
        return normalise(value);
    }

    public static BigDecimal normalise(BigDecimal value) {
        if (value.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        // keep whole numbers out of exponent notation, as DynamoDB prints them
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** @throws NumberFormatException when out of DynamoDB's range or precision */
    public static void check(BigDecimal value) {
        if (value.signum() == 0) {
            return;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.precision() > MAX_DIGITS) {
            throw new NumberFormatException("more than 38 significant digits: " + value.toPlainString());
        }
        // the exponent of the leading digit
        int exponent = stripped.precision() - stripped.scale() - 1;
        if (exponent < -130 || exponent > 125) {
            throw new NumberFormatException("out of DynamoDB's range 1E-130..9.9E+125: " + value);
        }
    }
}
