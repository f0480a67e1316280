package io.palisade.mgmt.api;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One route of the management server: what Javalin registers and what the OpenAPI document describes.
 *
 * @param method HTTP method
 * @param path Javalin path, with {@code {name}} path parameters (the OpenAPI form too)
 * @param operationId stable OpenAPI operation id
 * @param tag OpenAPI tag (dashboard section / command family)
 * @param summary one line; the PAN-OS command it serves where there is one
 * @param access who may call it
 * @param query query parameters
 * @param request request body, or null
 * @param response response body
 * @param errors error statuses besides 401 that the route can answer (400, 404, 409, 413)
 * @param handler the handler (without the key check: {@link ApiKeyGuard} wraps it)
 */
public record ApiRoute(
        HandlerType method,
        String path,
        String operationId,
        String tag,
        String summary,
        Access access,
        List<Param> query,
        Body request,
        Body response,
        List<Integer> errors,
        Handler handler) {

    public ApiRoute {
        Objects.requireNonNull(method);
        Objects.requireNonNull(path);
        Objects.requireNonNull(operationId);
        query = List.copyOf(query);
        errors = List.copyOf(errors);
    }

    /** Who may call a route. */
    public enum Access {
        /** Anyone (health, the OpenAPI document). */
        PUBLIC,
        /** The {@code X-API-Key} header. */
        API_KEY,
        /**
         * The header, or {@code ?key=} in the query: only for the dashboard's {@code EventSource}, which cannot set
         * headers.
         */
        API_KEY_OR_QUERY
    }

    /**
     * A query parameter.
     *
     * @param name parameter name
     * @param type {@code string}, {@code integer} or {@code boolean}
     * @param required whether it must be given
     * @param description one line
     */
    public record Param(String name, String type, boolean required, String description) {
        public static Param string(String name, String description) {
            return new Param(name, "string", false, description);
        }

        public static Param integer(String name, String description) {
            return new Param(name, "integer", false, description);
        }

        public Param asRequired() {
            return new Param(name, type, true, description);
        }
    }

    /**
     * A request or response body.
     *
     * @param contentType media type
     * @param type Java type the JSON schema is derived from ({@code String.class} for text)
     * @param description one line
     */
    public record Body(String contentType, Type type, String description) {
        public static final String JSON = "application/json";

        public static Body json(Type type, String description) {
            return new Body(JSON, type, description);
        }

        public static Body text(String contentType, String description) {
            return new Body(contentType, String.class, description);
        }
    }

    /** Starts a route description. */
    public static Builder route(HandlerType method, String path, String operationId) {
        return new Builder(method, path, operationId);
    }

    /** Fluent construction of a route, so the table reads as one line of facts per route. */
    public static final class Builder {
        private final HandlerType method;
        private final String path;
        private final String operationId;
        private String tag = "system";
        private String summary = "";
        private Access access = Access.API_KEY;
        private final List<Param> query = new ArrayList<>();
        private Body request;
        private Body response;
        private final List<Integer> errors = new ArrayList<>();

        private Builder(HandlerType method, String path, String operationId) {
            this.method = method;
            this.path = path;
            this.operationId = operationId;
        }

        public Builder tag(String value) {
            tag = value;
            return this;
        }

        public Builder summary(String value) {
            summary = value;
            return this;
        }

        public Builder access(Access value) {
            access = value;
            return this;
        }

        public Builder query(Param... params) {
            query.addAll(List.of(params));
            return this;
        }

        public Builder request(Body body) {
            request = body;
            return this;
        }

        public Builder returns(Body body) {
            response = body;
            return this;
        }

        public Builder returnsJson(Type type, String description) {
            return returns(Body.json(type, description));
        }

        public Builder errors(Integer... statuses) {
            errors.addAll(List.of(statuses));
            return this;
        }

        public ApiRoute handle(Handler handler) {
            return new ApiRoute(
                    method, path, operationId, tag, summary, access, query, request, response, errors, handler);
        }
    }
}
