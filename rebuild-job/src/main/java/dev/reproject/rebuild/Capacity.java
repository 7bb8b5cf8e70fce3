package dev.reproject.rebuild;

/**
 * Provisioned throughput for a table the rebuild creates (the table and each of its indexes get the same).
 *
 * @param readUnits  read capacity units, at least 1
 * @param writeUnits write capacity units, at least 1
 */
public record Capacity(long readUnits, long writeUnits) {

    public Capacity {
        if (readUnits < 1 || writeUnits < 1) {
            throw new IllegalArgumentException("provisioned capacity needs at least 1 read and 1 write unit, was "
                    + readUnits + "," + writeUnits);
        }
    }

    /** {@code R,W}, as {@code --provisioned} takes it. */
    public static Capacity parse(String text) {
        String[] parts = text.split(",", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("--provisioned takes READ,WRITE capacity units (e.g. 100,1000), was '"
                    + text + "'");
        }
        try {
            return new Capacity(Long.parseLong(parts[0].trim()), Long.parseLong(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--provisioned takes READ,WRITE capacity units as whole numbers "
                    + "(e.g. 100,1000), was '" + text + "'");
        }
    }
}
