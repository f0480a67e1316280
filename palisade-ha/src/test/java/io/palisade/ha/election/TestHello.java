package io.palisade.ha.election;

import io.palisade.config.model.Ha2Transport;
import io.palisade.config.model.HaMode;

/** Builds peer hellos for single-machine tests; defaults match {@link Fixture#config}. */
final class TestHello {
    String serial = Fixture.PEER;
    long nodeId = Fixture.PEER_NODE_ID;
    int groupId = 1;
    HaMode mode = HaMode.ACTIVE_PASSIVE;
    HaState state = HaState.PASSIVE;
    int priority = 100;
    boolean preemptive;
    int deviceId = 1;
    SoftwareVersion version = Fixture.VERSION;
    Ha2Transport ha2 = Ha2Transport.UDP;
    boolean bulkSyncComplete = true;

    static TestHello peer(HaState state) {
        TestHello h = new TestHello();
        h.state = state;
        return h;
    }

    TestHello state(HaState value) {
        state = value;
        return this;
    }

    TestHello priority(int value) {
        priority = value;
        return this;
    }

    TestHello preemptive(boolean value) {
        preemptive = value;
        return this;
    }

    TestHello nodeId(long value) {
        nodeId = value;
        return this;
    }

    TestHello serial(String value) {
        serial = value;
        return this;
    }

    TestHello groupId(int value) {
        groupId = value;
        return this;
    }

    TestHello mode(HaMode value) {
        mode = value;
        return this;
    }

    TestHello deviceId(int value) {
        deviceId = value;
        return this;
    }

    TestHello version(String value) {
        version = SoftwareVersion.parse(value);
        return this;
    }

    TestHello ha2(Ha2Transport value) {
        ha2 = value;
        return this;
    }

    TestHello bulkSyncComplete(boolean value) {
        bulkSyncComplete = value;
        return this;
    }

    HaHello build() {
        return new HaHello(
                serial, nodeId, groupId, mode, state, priority, preemptive, deviceId, version, ha2, bulkSyncComplete);
    }
}
