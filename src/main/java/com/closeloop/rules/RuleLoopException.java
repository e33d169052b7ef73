package com.closeloop.rules;

/** A rule kept firing past the configured limit; the session was stopped. Names the rule. */
public class RuleLoopException extends RuntimeException {

    private final String ruleName;

    public RuleLoopException(String ruleName, int limit) {
        super("rule '" + ruleName + "' kept firing: the session was stopped after " + limit
                + " firings (closeloop.rules.max-firings); a rule that re-triggers itself must be fixed");
        this.ruleName = ruleName;
    }

    public String ruleName() {
        return ruleName;
    }
}
