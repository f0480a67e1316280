package io.palisade.dataplane.policy;

import io.palisade.config.model.AppPort;
import io.palisade.dataplane.route.Ip;

/** A readable way for tests to ask the security policy about one session; answers with the matched rule's name. */
final class SecurityProbe {
    private final CompiledPolicy policy;
    private String from = "trust";
    private String to = "untrust";
    private Ip src = Ip.parse("198.18.0.10");
    private Ip dst = Ip.parse("198.18.1.10");
    private int protocol = AppPort.TCP;
    private int srcPort = 40000;
    private int dstPort = 80;
    private String app;
    private String user;

    private SecurityProbe(CompiledPolicy policy) {
        this.policy = policy;
    }

    static SecurityProbe on(CompiledPolicy policy) {
        return new SecurityProbe(policy);
    }

    SecurityProbe zones(String fromZone, String toZone) {
        from = fromZone;
        to = toZone;
        return this;
    }

    SecurityProbe src(String address) {
        src = Ip.parse(address);
        return this;
    }

    SecurityProbe dst(String address) {
        dst = Ip.parse(address);
        return this;
    }

    SecurityProbe tcp(int port) {
        protocol = AppPort.TCP;
        dstPort = port;
        return this;
    }

    SecurityProbe udp(int port) {
        protocol = AppPort.UDP;
        dstPort = port;
        return this;
    }

    SecurityProbe icmp(int type) {
        protocol = AppPort.ICMP;
        dstPort = type;
        return this;
    }

    SecurityProbe srcPort(int port) {
        srcPort = port;
        return this;
    }

    /** Forces the application instead of identifying it by port. */
    SecurityProbe app(String name) {
        app = name;
        return this;
    }

    SecurityProbe user(String name) {
        user = name;
        return this;
    }

    int index() {
        int appId = app == null
                ? policy.identifyApplication(protocol, dstPort)
                : policy.applications().id(app);
        return policy.matchSecurity(
                policy.zoneId(from),
                policy.zoneId(to),
                src.version(),
                src.hi(),
                src.lo(),
                dst.hi(),
                dst.lo(),
                protocol,
                srcPort,
                dstPort,
                appId,
                user);
    }

    /** The matched rule's name, or intrazone-default / interzone-default. */
    String rule() {
        return policy.ruleName(index());
    }
}
