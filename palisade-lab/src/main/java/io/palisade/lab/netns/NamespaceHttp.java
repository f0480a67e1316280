package io.palisade.lab.netns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.palisade.linux.netns.NetNamespace;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;

/**
 * Calls a node's REST API from inside the node's namespace: the node listens on the namespace's loopback, which
 * the root namespace cannot reach, so each call runs on a platform thread that entered the namespace (a socket
 * belongs to the namespace of the thread that created it).
 */
public final class NamespaceHttp {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TIMEOUT_MS = 3000;

    private NamespaceHttp() {}

    /** GET {@code path} and parse the JSON answer. */
    public static JsonNode get(String ns, String baseUrl, String apiKey, String path) {
        return call(ns, baseUrl, apiKey, "GET", path);
    }

    /** POST {@code path} without a body and parse the JSON answer. */
    public static JsonNode post(String ns, String baseUrl, String apiKey, String path) {
        return call(ns, baseUrl, apiKey, "POST", path);
    }

    private static JsonNode call(String ns, String baseUrl, String apiKey, String method, String path) {
        try {
            return NetNamespace.call(ns, () -> request(baseUrl, apiKey, method, path));
        } catch (IOException e) {
            throw LabException.of(method + " " + baseUrl + path + " in " + ns + ": " + e.getMessage());
        } catch (Exception e) {
            throw LabException.of(method + " " + baseUrl + path + " in " + ns + ": " + e);
        }
    }

    private static JsonNode request(String baseUrl, String apiKey, String method, String path) throws IOException {
        HttpURLConnection c =
                (HttpURLConnection) URI.create(baseUrl + path).toURL().openConnection();
        try {
            c.setRequestMethod(method);
            c.setConnectTimeout(TIMEOUT_MS);
            c.setReadTimeout(TIMEOUT_MS);
            c.setRequestProperty("X-API-Key", apiKey);
            c.setRequestProperty("Accept", "application/json");
            if ("POST".equals(method)) {
                c.setDoOutput(true);
                c.setFixedLengthStreamingMode(0);
            }
            int code = c.getResponseCode();
            try (InputStream in = code < 400 ? c.getInputStream() : c.getErrorStream()) {
                JsonNode body = in == null ? JSON.nullNode() : JSON.readTree(in);
                if (code >= 400) {
                    throw new IOException("HTTP " + code + " " + body);
                }
                return body;
            }
        } finally {
            c.disconnect();
        }
    }
}
