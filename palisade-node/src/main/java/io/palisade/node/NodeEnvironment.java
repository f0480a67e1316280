package io.palisade.node;

import io.palisade.config.model.PalisadeConfig;
import io.palisade.config.store.RunningConfig;
import io.palisade.dataplane.engine.ForwardingMode;
import io.palisade.dataplane.port.Port;
import io.palisade.ha.agent.HaEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The node's side of the HA agent: the data plane's switch and links, ARP, worker health, the committer. */
final class NodeEnvironment implements HaEnvironment {
    private static final Logger LOG = LoggerFactory.getLogger("palisade.system");

    private final Node node;

    NodeEnvironment(Node node) {
        this.node = node;
    }

    @Override
    public void setForwarding(ForwardingMode mode) {
        node.dataplane().forwardingSwitch().set(mode);
    }

    @Override
    public void setDataLinksUp(boolean up) {
        if (up) {
            node.linksRaised();
        }
        for (Port p : node.dataplane().ports()) {
            if (p != null && p.adminUp() != up) {
                try {
                    p.setAdminUp(up);
                } catch (RuntimeException e) {
                    LOG.error("passive link state: cannot set {} {}: {}", p.name(), up ? "up" : "down", e.getMessage());
                }
            }
        }
        LOG.info("data links {} (passive link state)", up ? "up" : "down");
    }

    @Override
    public void announceAddresses() {
        node.dataplane().announceAddresses();
    }

    @Override
    public long[] workerCycleNs() {
        return node.dataplane().lastCycleNs();
    }

    @Override
    public RunningConfig running() {
        return node.configService().running();
    }

    @Override
    public void commitFromPeer(PalisadeConfig merged, String description) {
        node.configService().commitConfig(merged, "ha-sync", description);
    }
}
