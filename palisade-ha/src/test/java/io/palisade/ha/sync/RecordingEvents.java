package io.palisade.ha.sync;

import io.palisade.ha.sync.Ha2Message.BulkRequest;
import io.palisade.ha.sync.Ha2Message.GapRequest;
import io.palisade.ha.sync.Ha2Message.KeepAlive;
import java.util.ArrayList;
import java.util.List;

/** Records what a receiver passes on and asks for. */
final class RecordingEvents implements SessionSyncReceiver.Events {
    final List<KeepAlive> keepAlives = new ArrayList<>();
    final List<GapRequest> gapRequestsReceived = new ArrayList<>();
    final List<BulkRequest> bulkRequestsReceived = new ArrayList<>();
    final List<GapRequest> gapRequestsSent = new ArrayList<>();
    final List<Long> bulkRequestsSent = new ArrayList<>();
    final List<Long> restarts = new ArrayList<>();

    @Override
    public void onKeepAlive(int linkIndex, KeepAlive keepAlive, long nowNs) {
        keepAlives.add(keepAlive);
    }

    @Override
    public void onGapRequest(GapRequest request) {
        gapRequestsReceived.add(request);
    }

    @Override
    public void onBulkRequest(BulkRequest request, long nowNs) {
        bulkRequestsReceived.add(request);
    }

    @Override
    public void onPeerRestarted(long epoch) {
        restarts.add(epoch);
    }

    @Override
    public void sendGapRequest(GapRequest request) {
        gapRequestsSent.add(request);
    }

    @Override
    public void sendBulkRequest(long requestId) {
        bulkRequestsSent.add(requestId);
    }
}
