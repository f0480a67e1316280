package io.palisade.mgmt.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.palisade.mgmt.api.ApiBodies.ErrorBody;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API key check wrapped around every non-public handler. The key is compared in constant time and never
 * written to a log line or an answer.
 */
public final class ApiKeyGuard {
    /** The request header that carries the key. */
    public static final String HEADER = "X-API-Key";

    /** The query parameter accepted only on {@link ApiRoute.Access#API_KEY_OR_QUERY} routes (EventSource). */
    public static final String QUERY_PARAM = "key";

    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyGuard.class);

    private final byte[] expected;

    public ApiKeyGuard(String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("the management API needs an API key");
        }
        this.expected = apiKey.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code handler} behind the check that {@code access} asks for. */
    public Handler wrap(ApiRoute.Access access, Handler handler) {
        if (access == ApiRoute.Access.PUBLIC) {
            return handler;
        }
        boolean queryAllowed = access == ApiRoute.Access.API_KEY_OR_QUERY;
        return ctx -> {
            if (admit(ctx, queryAllowed)) {
                handler.handle(ctx);
            }
        };
    }

    private boolean admit(Context ctx, boolean queryAllowed) {
        String given = ctx.header(HEADER);
        if ((given == null || given.isEmpty()) && queryAllowed) {
            given = ctx.queryParam(QUERY_PARAM);
        }
        String refusal;
        if (given == null || given.isEmpty()) {
            refusal = "missing API key";
        } else if (!MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
            refusal = "wrong API key";
        } else {
            return true;
        }
        // ctx.path() has no query string, so a key given as ?key= cannot reach the log either.
        LOG.warn("management API: refused {} {} from {}: {}", ctx.method(), ctx.path(), ctx.ip(), refusal);
        ctx.status(HttpStatus.UNAUTHORIZED)
                .header("WWW-Authenticate", "ApiKey header=\"" + HEADER + "\"")
                .json(new ErrorBody(refusal + " (send it in the " + HEADER + " header)"));
        return false;
    }
}
