package com.closeloop.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Request bodies are UTF-8 (RFC 8259): bytes that are not are refused, never silently replaced. */
public final class Utf8 {

    private Utf8() {
    }

    /** The text of {@code bytes}; null for no body; a 400 naming {@code body} for invalid UTF-8. */
    public static String strict(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw InvalidEventException.malformed("body", "is not valid UTF-8");
        }
    }
}
