package com.closeloop.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Rules are pure: facts in, decisions out. A DRL may import only the fact and decision records and java.util,
 * java.time and java.math, may not declare globals, and may not name the file system, the network, the database,
 * reflection, processes, threads, the environment or the application's own services. Checked line by line
 * before compiling, so a violation is reported with file and line like a compile error.
 */
final class RulePurity {

    private static final Pattern ALLOWED_IMPORT = Pattern.compile(
            "^\\s*import\\s+(com\\.closeloop\\.rules\\.(facts|decisions)\\.[\\w*]+|java\\.(util|time|math)\\.[\\w.*]+)\\s*;?\\s*$");
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+");
    private static final Pattern FORBIDDEN = Pattern.compile("\\bjava\\.(io|nio|net|sql|lang\\.reflect)\\b|\\bjavax\\.|\\bjakarta\\."
            + "|\\borg\\.springframework\\b|\\bRuntime\\b|\\bProcessBuilder\\b|\\bSystem\\s*\\.\\s*(exit|getenv|getProperty|setProperty|load"
            + "|loadLibrary)\\b|\\bClass\\s*\\.\\s*forName\\b|\\bThread\\b|\\bcom\\.closeloop\\.(?!rules\\.(facts|decisions)\\b)|^\\s*global\\s");

    private RulePurity() {
    }

    static List<String> check(String file, String text) {
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = stripComment(lines[i]);
            if (IMPORT.matcher(line).find() && !ALLOWED_IMPORT.matcher(line).matches()) {
                problems.add(file + ":" + (i + 1) + ": rules may import only com.closeloop.rules.facts / .decisions and java.util,"
                        + " java.time, java.math: " + line.trim());
            } else if (FORBIDDEN.matcher(line).find()) {
                problems.add(file + ":" + (i + 1) + ": rules are pure (facts in, decisions out) and may not use: " + line.trim());
            }
        }
        return problems;
    }

    private static String stripComment(String line) {
        int comment = line.indexOf("//");
        return comment < 0 ? line : line.substring(0, comment);
    }
}
