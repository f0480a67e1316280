package io.palisade.mgmt.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The JSON mapping shared by the server and its clients: records as objects, unknown fields tolerated. */
public final class ApiJson {
    private ApiJson() {}

    /** A new mapper; cheap enough to make once per server or client. */
    public static ObjectMapper mapper() {
        return new ObjectMapper()
                .disable(SerializationFeature.INDENT_OUTPUT)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                // Newer servers may add fields; an older shell must still read the answer.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
