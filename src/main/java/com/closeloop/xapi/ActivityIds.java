package com.closeloop.xapi;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises xAPI activity ids that name a document version, following a template with the placeholders
 * {@code {documentNumber}} and {@code {version}}. Literal parts must match exactly; each placeholder matches one or
 * more characters other than {@code : / ? #} and whitespace.
 */
public final class ActivityIds {

    public static final String DEFAULT_TEMPLATE = "urn:closeloop:document:{documentNumber}:version:{version}";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(documentNumber|version)\\}");
    private static final String SEGMENT = "[^:/?#\\s]+";

    /** A document number and version named by an activity id. */
    public record DocumentRef(String documentNumber, String version) {
    }

    private final String template;
    private final Pattern pattern;

    public ActivityIds() {
        this(DEFAULT_TEMPLATE);
    }

    /** @throws IllegalArgumentException unless the template holds {@code {documentNumber}} and {@code {version}} once each */
    public ActivityIds(String template) {
        if (template == null) {
            throw new IllegalArgumentException("activity id template must not be null");
        }
        StringBuilder regex = new StringBuilder();
        int documentNumbers = 0;
        int versions = 0;
        int literalStart = 0;
        Matcher placeholder = PLACEHOLDER.matcher(template);
        while (placeholder.find()) {
            quote(regex, template.substring(literalStart, placeholder.start()));
            String name = placeholder.group(1);
            regex.append("(?<").append(name).append('>').append(SEGMENT).append(')');
            if (name.equals("documentNumber")) {
                documentNumbers++;
            } else {
                versions++;
            }
            literalStart = placeholder.end();
        }
        quote(regex, template.substring(literalStart));
        if (documentNumbers != 1 || versions != 1) {
            throw new IllegalArgumentException("activity id template must contain {documentNumber} and {version} exactly once each: "
                    + template);
        }
        this.template = template;
        this.pattern = Pattern.compile(regex.toString());
    }

    public String template() {
        return template;
    }

    /** The document version an activity id names, or empty when the id does not follow the template. */
    public Optional<DocumentRef> parse(String objectId) {
        if (objectId == null) {
            return Optional.empty();
        }
        Matcher match = pattern.matcher(objectId);
        if (!match.matches()) {
            return Optional.empty();
        }
        return Optional.of(new DocumentRef(match.group("documentNumber"), match.group("version")));
    }

    private static void quote(StringBuilder regex, String literal) {
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal));
        }
    }
}
