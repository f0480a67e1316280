package io.palisade.mgmt.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.palisade.mgmt.api.ApiBodies.ErrorBody;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds the OpenAPI 3 document of the management API from the route table. */
public final class OpenApiDocument {
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}");

    private OpenApiDocument() {}

    /** The document as a JSON tree. */
    public static ObjectNode build(List<ApiRoute> routes, String version, ObjectMapper json) {
        JsonSchemas schemas = new JsonSchemas(json);
        ObjectNode root = json.createObjectNode().put("openapi", "3.0.3");
        root.putObject("info")
                .put("title", "Palisade management API")
                .put("version", version)
                .put(
                        "description",
                        "Operational commands, configuration and live events of one Palisade node. Send the API "
                                + "key in the X-API-Key header; /api/v1/events also accepts ?key= because "
                                + "EventSource cannot set headers. Errors are {\"error\": ..., \"problems\": "
                                + "[{path, line, column, message}]}.");
        ObjectNode securitySchemes = root.putObject("components").putObject("securitySchemes");
        securitySchemes
                .putObject("apiKeyHeader")
                .put("type", "apiKey")
                .put("in", "header")
                .put("name", ApiKeyGuard.HEADER);
        securitySchemes
                .putObject("apiKeyQuery")
                .put("type", "apiKey")
                .put("in", "query")
                .put("name", ApiKeyGuard.QUERY_PARAM);
        root.putArray("security").addObject().putArray("apiKeyHeader");
        ObjectNode paths = root.putObject("paths");
        for (ApiRoute route : routes) {
            ObjectNode pathItem =
                    paths.has(route.path()) ? (ObjectNode) paths.get(route.path()) : paths.putObject(route.path());
            pathItem.set(route.method().name().toLowerCase(Locale.ROOT), operation(route, schemas, json));
        }
        ObjectNode componentSchemas = ((ObjectNode) root.get("components")).putObject("schemas");
        schemas.components().forEach(componentSchemas::set);
        return root;
    }

    private static ObjectNode operation(ApiRoute route, JsonSchemas schemas, ObjectMapper json) {
        ObjectNode op =
                json.createObjectNode().put("operationId", route.operationId()).put("summary", route.summary());
        op.putArray("tags").add(route.tag());
        ArrayNode parameters = json.createArrayNode();
        Matcher m = PATH_PARAM.matcher(route.path());
        while (m.find()) {
            ObjectNode p = parameters
                    .addObject()
                    .put("name", m.group(1))
                    .put("in", "path")
                    .put("required", true);
            p.putObject("schema").put("type", "string");
        }
        for (ApiRoute.Param param : route.query()) {
            ObjectNode p = parameters
                    .addObject()
                    .put("name", param.name())
                    .put("in", "query")
                    .put("required", param.required())
                    .put("description", param.description());
            p.putObject("schema").put("type", param.type());
        }
        if (!parameters.isEmpty()) {
            op.set("parameters", parameters);
        }
        if (route.request() != null) {
            ObjectNode body = op.putObject("requestBody")
                    .put("description", route.request().description())
                    .put("required", false);
            body.putObject("content")
                    .putObject(route.request().contentType())
                    .set("schema", schemas.schemaOf(route.request().type()));
        }
        ObjectNode responses = op.putObject("responses");
        ObjectNode ok =
                responses.putObject("200").put("description", route.response().description());
        ok.putObject("content")
                .putObject(route.response().contentType())
                .set("schema", schemas.schemaOf(route.response().type()));
        switch (route.access()) {
            case PUBLIC -> op.putArray("security");
            case API_KEY_OR_QUERY -> {
                ArrayNode security = op.putArray("security");
                security.addObject().putArray("apiKeyHeader");
                security.addObject().putArray("apiKeyQuery");
            }
            case API_KEY -> {}
        }
        if (route.access() != ApiRoute.Access.PUBLIC) {
            error(responses, 401, "missing or wrong API key", schemas);
        }
        for (int status : route.errors()) {
            if (status == 409) {
                // A refused command answers the same body as a done one, with ok=false.
                ObjectNode r = responses.putObject("409").put("description", errorDescription(status));
                r.putObject("content")
                        .putObject(ApiRoute.Body.JSON)
                        .set("schema", schemas.schemaOf(route.response().type()));
            } else {
                error(responses, status, errorDescription(status), schemas);
            }
        }
        return op;
    }

    private static void error(ObjectNode responses, int status, String description, JsonSchemas schemas) {
        ObjectNode r = responses.putObject(Integer.toString(status)).put("description", description);
        r.putObject("content").putObject(ApiRoute.Body.JSON).set("schema", schemas.schemaOf(ErrorBody.class));
    }

    private static String errorDescription(int status) {
        return switch (status) {
            case 400 -> "invalid input; problems say where";
            case 404 -> "no such object";
            case 409 -> "refused in the node's current state";
            case 413 -> "request body larger than the configured limit";
            default -> "error";
        };
    }
}
