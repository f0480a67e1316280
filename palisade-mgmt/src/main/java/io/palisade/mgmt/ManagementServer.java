package io.palisade.mgmt;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.palisade.config.ConfigException;
import io.palisade.config.model.HostPort;
import io.palisade.config.model.IpAddresses;
import io.palisade.mgmt.api.ApiBodies.ErrorBody;
import io.palisade.mgmt.api.ApiJson;
import io.palisade.mgmt.api.ApiKeyGuard;
import io.palisade.mgmt.api.ApiRoute;
import io.palisade.mgmt.api.ApiServer;
import io.palisade.mgmt.api.BadRequest;
import io.palisade.ops.OpsService;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management listener of a node: REST API under {@code /api/v1/}, server-sent events, the OpenAPI document,
 * Prometheus metrics at {@code /metrics} and the web dashboard at {@code /}. It talks to the node only through
 * the {@link OpsService} it is given.
 *
 * <pre>
 *   var server = new ManagementServer(ops, Settings.of(HostPort.parse("127.0.0.1:0"), key)).start();
 *   server.port();   // the bound port
 *   server.close();
 * </pre>
 */
public final class ManagementServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ManagementServer.class);

    /** Classpath folder of the dashboard's static files. */
    public static final String WEB_ROOT = "/io/palisade/mgmt/web";

    /**
     * How the server listens.
     *
     * @param listen address and port; port 0 picks a free port ({@link #port()} tells which)
     * @param apiKey the key clients send in {@code X-API-Key}
     * @param tlsCertificate PEM certificate chain, or null for plain HTTP
     * @param tlsKey PKCS#8 PEM private key, or null for plain HTTP
     * @param maxRequestBytes largest request body accepted (413 above)
     * @param snapshotInterval period of the {@code snapshot} server-sent event
     */
    public record Settings(
            HostPort listen,
            String apiKey,
            Path tlsCertificate,
            Path tlsKey,
            int maxRequestBytes,
            Duration snapshotInterval) {
        /** Default body limit, as the configuration's {@code max-request-bytes}. */
        public static final int DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024;

        public Settings {
            Objects.requireNonNull(listen, "listen");
            if ((tlsCertificate == null) != (tlsKey == null)) {
                throw new IllegalArgumentException("management TLS needs both a certificate and a key");
            }
            if (maxRequestBytes < 1) {
                throw new IllegalArgumentException("maxRequestBytes must be positive");
            }
            if (snapshotInterval.toMillis() < 100) {
                throw new IllegalArgumentException("snapshotInterval must be at least 100 ms");
            }
        }

        /** Plain HTTP, default body limit, a snapshot every two seconds. */
        public static Settings of(HostPort listen, String apiKey) {
            return new Settings(listen, apiKey, null, null, DEFAULT_MAX_REQUEST_BYTES, Duration.ofSeconds(2));
        }

        public Settings withTls(Path certificate, Path key) {
            return new Settings(listen, apiKey, certificate, key, maxRequestBytes, snapshotInterval);
        }

        public Settings withMaxRequestBytes(int bytes) {
            return new Settings(listen, apiKey, tlsCertificate, tlsKey, bytes, snapshotInterval);
        }

        public Settings withSnapshotInterval(Duration interval) {
            return new Settings(listen, apiKey, tlsCertificate, tlsKey, maxRequestBytes, interval);
        }

        boolean tls() {
            return tlsCertificate != null;
        }
    }

    private final Settings settings;
    private final ApiServer api;
    private final Javalin app;
    private boolean started;

    /** A server over {@code ops}; nothing listens until {@link #start()}. */
    public ManagementServer(OpsService ops, Settings settings) {
        this(ops, settings, System::currentTimeMillis);
    }

    /** As {@link #ManagementServer(OpsService, Settings)}, with the wall clock of snapshots given. */
    public ManagementServer(OpsService ops, Settings settings, LongSupplier epochMillis) {
        this.settings = Objects.requireNonNull(settings);
        ObjectMapper json = ApiJson.mapper();
        this.api =
                new ApiServer(ops, json, new ApiKeyGuard(settings.apiKey()), epochMillis, settings.snapshotInterval());
        this.app = Javalin.create(config -> configure(config, json));
    }

    private void configure(JavalinConfig config, ObjectMapper json) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.concurrency.useVirtualThreads = true;
        config.jsonMapper(new JavalinJackson(json, true));
        config.http.maxRequestSize = settings.maxRequestBytes();
        config.http.generateEtags = false;
        config.router.ignoreTrailingSlashes = true;
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = WEB_ROOT;
            files.location = Location.CLASSPATH;
        });
        config.jetty.addConnector((server, httpConfig) -> {
            ServerConnector connector = settings.tls()
                    ? new ServerConnector(
                            server,
                            new SslConnectionFactory(sslContextFactory(), "http/1.1"),
                            new HttpConnectionFactory(httpsConfiguration(httpConfig)))
                    : new ServerConnector(server, new HttpConnectionFactory(httpConfig));
            connector.setHost(IpAddresses.format(settings.listen().address()));
            connector.setPort(settings.listen().port());
            return connector;
        });
        // Refuse an announced oversized body before any handler runs; a chunked one is cut off by Javalin when
        // the handler reads it (maxRequestSize), which also answers 413.
        config.routes.before(ctx -> {
            long length = ctx.req().getContentLengthLong();
            if (length > settings.maxRequestBytes()) {
                throw new ContentTooLargeResponse(
                        "request body of " + length + " bytes is larger than " + settings.maxRequestBytes());
            }
        });
        for (ApiRoute route : api.routes()) {
            var handler = api.guard().wrap(route.access(), route.handler());
            config.routes.addHttpHandler(route.method(), route.path(), handler);
        }
        config.routes.exception(
                BadRequest.class,
                (e, ctx) -> ctx.status(HttpStatus.BAD_REQUEST).json(new ErrorBody(e.getMessage(), e.problems())));
        config.routes.exception(
                ConfigException.class,
                (e, ctx) ->
                        ctx.status(HttpStatus.BAD_REQUEST).json(new ErrorBody("configuration refused", e.problems())));
        config.routes.exception(
                IllegalArgumentException.class,
                (e, ctx) -> ctx.status(HttpStatus.BAD_REQUEST).json(new ErrorBody(e.getMessage())));
        config.routes.exception(
                HttpResponseException.class,
                (e, ctx) -> ctx.status(e.getStatus()).json(new ErrorBody(e.getMessage())));
        config.routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("management API: {} {} failed", ctx.method(), ctx.path(), e);
            ctx.status(HttpStatus.INTERNAL_SERVER_ERROR)
                    .json(new ErrorBody("internal error: " + e.getClass().getSimpleName()));
        });
        config.routes.error(HttpStatus.NOT_FOUND, ctx -> notFound(ctx));
    }

    /** Unknown routes answer JSON too; a handler's own 404 body (no such session) is kept. */
    private static void notFound(Context ctx) {
        if (ctx.result() == null || ctx.result().isEmpty() || !ctx.result().startsWith("{")) {
            ctx.json(new ErrorBody("no such route: " + ctx.method() + " " + ctx.path()));
        }
    }

    /**
     * Operators reach a node by address far more often than by the name in its certificate, so the SNI host check
     * is off; the certificate still authenticates the node to clients that pin it.
     */
    private static HttpConfiguration httpsConfiguration(HttpConfiguration base) {
        HttpConfiguration https = new HttpConfiguration();
        https.setOutputBufferSize(base.getOutputBufferSize());
        https.setSendServerVersion(false);
        SecureRequestCustomizer secure = new SecureRequestCustomizer(false);
        https.addCustomizer(secure);
        return https;
    }

    private SslContextFactory.Server sslContextFactory() {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(PemKeyStore.load(settings.tlsCertificate(), settings.tlsKey()));
        ssl.setKeyStorePassword(PemKeyStore.PASSWORD);
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        return ssl;
    }

    /** Binds the listener and starts the event stream; returns this. */
    public synchronized ManagementServer start() {
        if (!started) {
            app.start();
            api.events().start();
            started = true;
            LOG.info("management: listening on {} (dashboard, REST API, metrics)", baseUri());
        }
        return this;
    }

    /** The bound port (the real one when the settings asked for port 0). */
    public int port() {
        return app.port();
    }

    /** {@code http(s)://address:port}. */
    public URI baseUri() {
        String host = IpAddresses.format(settings.listen().address());
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create((settings.tls() ? "https" : "http") + "://" + host + ":" + port());
    }

    /** The routes served (the same table the OpenAPI document describes). */
    public List<ApiRoute> routes() {
        return api.routes();
    }

    /** The routes Javalin actually registered, as {@code METHOD path}, for checks against the document. */
    public List<String> registeredRoutes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(p -> p.endpoint.method.name() + " " + p.endpoint.path)
                .filter(s -> !s.startsWith("BEFORE") && !s.startsWith("AFTER"))
                .toList();
    }

    @Override
    public synchronized void close() {
        api.events().close();
        app.stop();
        started = false;
    }
}
