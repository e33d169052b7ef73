package com.closeloop;

/** CSV cells that a spreadsheet would run as a formula are prefixed with an apostrophe (ASVS 1.2.10). */
public final class CsvCells {

    private CsvCells() {
    }

    public static String neutralise(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' || first == '\0'
                ? "'" + cell : cell;
    }
}
