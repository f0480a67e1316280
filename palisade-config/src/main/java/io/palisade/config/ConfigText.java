package io.palisade.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.palisade.config.bind.TreeWriter;
import io.palisade.config.model.PalisadeConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/** Writing configurations back out: YAML text, a plain tree for JSON, and content digests. */
public final class ConfigText {
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);

    private ConfigText() {}

    /** YAML with defaults left out: the shortest text that loads back to {@code config}. */
    public static String toYaml(PalisadeConfig config) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setWidth(120);
        return new Yaml(options).dump(toTree(config, true));
    }

    /** The configuration as a tree of maps, lists and scalars in YAML spelling. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> toTree(PalisadeConfig config, boolean omitDefaults) {
        return (Map<String, Object>) new TreeWriter(omitDefaults).write(config);
    }

    /**
     * SHA-256 over the canonical form of the whole configuration (every value, defaults included), so two
     * files that differ only in layout, comments or spelled-out defaults have the same digest.
     */
    public static String digest(PalisadeConfig config) {
        try {
            byte[] canonical = JSON.writeValueAsBytes(toTree(config, false));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (com.fasterxml.jackson.core.JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The digest of the part that synchronises to an HA peer: the configuration with the HA-local parts
     * replaced by a fixed placeholder, so both peers compute the same value when in sync.
     */
    public static String sharedDigest(PalisadeConfig config) {
        return digest(config.sharedPart());
    }

    /** Digest bytes of arbitrary text, used for files on disk. */
    public static String digestOf(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
