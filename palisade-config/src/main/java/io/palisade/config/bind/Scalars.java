package io.palisade.config.bind;

import io.palisade.config.model.AppPort;
import io.palisade.config.model.HostPort;
import io.palisade.config.model.IpAddresses;
import io.palisade.config.model.IpPrefix;
import io.palisade.config.model.IpRange;
import io.palisade.config.model.PortRanges;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The scalar types configuration records may use, with their parsers and YAML spellings. A parser throws
 * {@link IllegalArgumentException} with a message that names the bad text.
 */
public final class Scalars {
    private static final Map<Class<?>, Function<String, Object>> PARSERS = Map.ofEntries(
            Map.entry(String.class, s -> s),
            Map.entry(int.class, Scalars::parseInt),
            Map.entry(Integer.class, Scalars::parseInt),
            Map.entry(long.class, Scalars::parseLong),
            Map.entry(Long.class, Scalars::parseLong),
            Map.entry(boolean.class, Scalars::parseBoolean),
            Map.entry(Boolean.class, Scalars::parseBoolean),
            Map.entry(InetAddress.class, IpAddresses::parse),
            Map.entry(IpPrefix.class, IpPrefix::parse),
            Map.entry(IpRange.class, IpRange::parse),
            Map.entry(HostPort.class, HostPort::parse),
            Map.entry(PortRanges.class, PortRanges::parse),
            Map.entry(AppPort.class, AppPort::parse));

    private static final Map<Class<?>, String> DESCRIPTIONS = Map.of(
            int.class, "a whole number",
            Integer.class, "a whole number",
            long.class, "a whole number",
            Long.class, "a whole number",
            boolean.class, "true or false",
            Boolean.class, "true or false",
            InetAddress.class, "an IP address",
            IpPrefix.class, "an address with prefix length, e.g. 198.18.0.1/24",
            HostPort.class, "address:port",
            PortRanges.class, "ports such as 80, 8000-8100 or 80,443");

    private Scalars() {}

    public static boolean isScalar(Class<?> type) {
        return PARSERS.containsKey(type) || type.isEnum();
    }

    /** Parses {@code text} as {@code type}; throws IllegalArgumentException with a user-facing message. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Object parse(Class<?> type, String text) {
        if (type.isEnum()) {
            return parseEnum((Class<? extends Enum>) type, text);
        }
        Function<String, Object> parser = PARSERS.get(type);
        if (parser == null) {
            throw new IllegalStateException("no scalar parser for " + type);
        }
        return parser.apply(text);
    }

    /** What a value of {@code type} looks like, for "expected ..." messages. */
    public static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + allowed(type);
        }
        return DESCRIPTIONS.getOrDefault(type, "a text value");
    }

    /** The YAML text of a scalar value. */
    public static Object emit(Object value) {
        return switch (value) {
            case Enum<?> e -> Names.enumName(e);
            case InetAddress a -> IpAddresses.format(a);
            case Integer i -> i;
            case Long l -> l;
            case Boolean b -> b;
            default -> value.toString();
        };
    }

    private static String allowed(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants())
                .map(c -> Names.enumName((Enum<?>) c))
                .collect(Collectors.joining(", "));
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        for (E c : type.getEnumConstants()) {
            if (Names.enumName(c).equals(wanted)) {
                return c;
            }
        }
        var names = Arrays.stream(type.getEnumConstants()).map(Names::enumName).toList();
        throw new IllegalArgumentException(
                "'" + text + "' is not one of " + String.join(", ", names) + Names.didYouMean(wanted, names));
    }

    private static int parseInt(String text) {
        long value = parseLong(text);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
        return (int) value;
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text.strip().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a whole number, got '" + text + "'");
        }
    }

    private static boolean parseBoolean(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException("expected true or false, got '" + text + "'");
        };
    }
}
