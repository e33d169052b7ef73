package com.closeloop.rules;

import java.util.List;

/** The rules folder could not be compiled; {@link #problems()} lists each error with file and line. */
public class RuleCompilationException extends RuntimeException {

    private final transient List<String> problems;

    public RuleCompilationException(String message, List<String> problems) {
        super(problems.isEmpty() ? message : message + ":\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
