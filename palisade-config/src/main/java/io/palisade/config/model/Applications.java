package io.palisade.config.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in application table: names PAN-OS users know, with their default ports. Without App-ID signatures
 * Palisade identifies an application by its default ports only; the table drives {@code application-default}.
 */
public final class Applications {
    private static final Map<String, ApplicationDef> BUILT_IN = build();

    private Applications() {}

    private static Map<String, ApplicationDef> build() {
        Map<String, ApplicationDef> m = new LinkedHashMap<>();
        add(m, "web-browsing", "Web browsing over HTTP", "tcp/80");
        add(m, "ssl", "TLS", "tcp/443");
        add(m, "dns", "Domain name system", "tcp/53", "udp/53");
        add(m, "ssh", "Secure shell", "tcp/22");
        add(m, "telnet", "Telnet", "tcp/23");
        add(m, "ping", "ICMP and ICMPv6 echo", "icmp", "ipv6-icmp");
        add(m, "icmp", "ICMP", "icmp");
        add(m, "ipv6-icmp", "ICMPv6", "ipv6-icmp");
        add(m, "ntp", "Network time protocol", "udp/123");
        add(m, "smtp", "Mail transfer", "tcp/25");
        add(m, "imap", "Mail access (IMAP)", "tcp/143");
        add(m, "pop3", "Mail access (POP3)", "tcp/110");
        add(m, "ftp", "File transfer", "tcp/21");
        add(m, "tftp", "Trivial file transfer", "udp/69");
        add(m, "snmp", "Network management", "udp/161-162");
        add(m, "syslog", "System logging", "udp/514");
        add(m, "ldap", "Directory access", "tcp/389");
        add(m, "kerberos", "Kerberos authentication", "tcp/88", "udp/88");
        add(m, "radius", "RADIUS authentication", "udp/1812-1813");
        add(m, "dhcp", "Address assignment", "udp/67-68");
        add(m, "bgp", "Border gateway protocol", "tcp/179");
        add(m, "ms-rdp", "Remote desktop", "tcp/3389");
        add(m, "mysql", "MySQL", "tcp/3306");
        add(m, "postgres", "PostgreSQL", "tcp/5432");
        add(m, "http-proxy", "HTTP proxy", "tcp/3128,8080");
        add(m, "sip", "Session initiation protocol", "udp/5060", "tcp/5060");
        add(m, "iperf", "iperf3 throughput testing", "tcp/5201", "udp/5201");
        add(m, "traceroute", "Traceroute probes", "udp/33434-33534");
        return Map.copyOf(m);
    }

    private static void add(Map<String, ApplicationDef> m, String name, String description, String... ports) {
        List<AppPort> parsed =
                java.util.Arrays.stream(ports).map(AppPort::parse).toList();
        m.put(name, new ApplicationDef(name, parsed, null, description));
    }

    /** Built-in applications by name. */
    public static Map<String, ApplicationDef> builtIn() {
        return BUILT_IN;
    }

    /** The built-in table with the configured applications added (a configured name overrides a built-in). */
    public static Map<String, ApplicationDef> effective(List<ApplicationDef> configured) {
        Map<String, ApplicationDef> m = new java.util.TreeMap<>(BUILT_IN);
        for (ApplicationDef a : configured) {
            m.put(a.name(), a);
        }
        return m;
    }
}
