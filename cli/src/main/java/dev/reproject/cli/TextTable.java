package dev.reproject.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Rows under a header, each column as wide as its widest cell, two spaces apart; the columns named as numeric are
 * aligned right, the others left. Trailing blanks are cut.
 */
final class TextTable {

    private final List<String> header;
    private final Set<Integer> rightAligned;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(List<String> header, Set<Integer> rightAligned) {
        this.header = List.copyOf(header);
        this.rightAligned = Set.copyOf(rightAligned);
    }

    TextTable row(List<String> cells) {
        if (cells.size() != header.size()) {
            throw new IllegalArgumentException("a row of " + cells.size() + " cells under " + header.size()
                    + " columns");
        }
        rows.add(List.copyOf(cells));
        return this;
    }

    /** The header and the rows, each line starting with {@code indent}. */
    List<String> lines(String indent) {
        int[] widths = new int[header.size()];
        for (List<String> row : allRows()) {
            for (int c = 0; c < row.size(); c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (List<String> row : allRows()) {
            StringBuilder line = new StringBuilder(indent);
            for (int c = 0; c < row.size(); c++) {
                String cell = row.get(c);
                String pad = " ".repeat(widths[c] - cell.length());
                line.append(c == 0 ? "" : "  ").append(rightAligned.contains(c) ? pad + cell : cell + pad);
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    private List<List<String>> allRows() {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        return all;
    }
}
