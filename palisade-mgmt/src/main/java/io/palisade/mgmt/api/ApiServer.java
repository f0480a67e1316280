package io.palisade.mgmt.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.sse.SseHandler;
import io.palisade.mgmt.api.ApiBodies.Health;
import io.palisade.mgmt.metrics.MetricsScrape;
import io.palisade.mgmt.metrics.PrometheusText;
import io.palisade.ops.OpsService;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The API side of the management server without the HTTP server: the route table with its handlers, the key
 * guard, the event hub and the OpenAPI document built from the same table.
 */
public final class ApiServer {
    /** The version of the API, as in its path. */
    public static final String API_VERSION = "1";

    private final ApiKeyGuard guard;
    private final EventHub events;
    private final List<ApiRoute> routes;
    private final String openApiJson;
    private final OpsService ops;

    public ApiServer(
            OpsService ops, ObjectMapper json, ApiKeyGuard guard, LongSupplier epochMillis, Duration snapshotInterval) {
        this.ops = ops;
        this.guard = guard;
        this.events = new EventHub(ops, json, epochMillis, snapshotInterval.toMillis());
        ApiRoutes.ServerHandlers serverHandlers = new ApiRoutes.ServerHandlers(
                ctx -> ctx.json(new Health("ok")), this::openApi, new SseHandler(events::onConnect), this::metrics);
        this.routes = ApiRoutes.table(new ApiHandlers(ops, json), serverHandlers);
        this.openApiJson = OpenApiDocument.build(routes, API_VERSION, json).toString();
    }

    public List<ApiRoute> routes() {
        return routes;
    }

    public ApiKeyGuard guard() {
        return guard;
    }

    public EventHub events() {
        return events;
    }

    /** The OpenAPI 3 document of {@link #routes()}, as JSON text. */
    public String openApiJson() {
        return openApiJson;
    }

    private void openApi(Context ctx) {
        ctx.contentType("application/json").result(openApiJson);
    }

    private void metrics(Context ctx) {
        ctx.contentType(PrometheusText.CONTENT_TYPE).result(MetricsScrape.scrape(ops));
    }
}
