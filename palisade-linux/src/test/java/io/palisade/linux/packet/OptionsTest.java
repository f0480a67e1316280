package io.palisade.linux.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OptionsTest {
    @Test
    void ringGeometryRejectsWhatTheKernelWould() {
        assertThatThrownBy(() -> new RingGeometry(5000, 4, 2048, 4)).hasMessageContaining("multiple of 4096");
        assertThatThrownBy(() -> new RingGeometry(4096, 1, 2048, 4)).hasMessageContaining("at least 2 blocks");
        assertThatThrownBy(() -> new RingGeometry(4096, 4, 100, 4)).hasMessageContaining("multiple of 16");
        assertThatThrownBy(() -> new RingGeometry(4096, 4, 2048, 0)).hasMessageContaining("1 to 1000");
        RingGeometry ring = RingGeometry.defaults();
        assertThat(ring.totalBytes()).isEqualTo(4L << 20);
        assertThat(ring.frameCount()).isEqualTo(4 * 512);
    }

    @Test
    void fanoutOptionCarriesModeFlagsAndGroup() {
        assertThat(Fanout.hash(7).optionValue()).isEqualTo((0x8000 << 16) | 7);
        assertThat(new Fanout(9, FanoutMode.LOAD_BALANCE, false, true, null).optionValue())
                .isEqualTo(((1 | 0x1000) << 16) | 9);
        assertThat(Fanout.cbpf(3, BpfProgram.field16(22, 1)).optionValue()).isEqualTo((6 << 16) | 3);
        assertThatThrownBy(() -> new Fanout(70000, FanoutMode.HASH, false, false, null))
                .hasMessageContaining("0 to 65535");
        assertThatThrownBy(() -> new Fanout(1, FanoutMode.CBPF, false, false, null))
                .hasMessageContaining("BPF program");
    }

    @Test
    void txRingSlotsHoldTwoBatchesInPageMultipleBlocks() {
        AfPacketOptions options = AfPacketOptions.defaults().withTx(TxMode.RING, 64, 2048);
        assertThat(options.txSlotBytes()).isEqualTo(2096);
        RingTransmitter.TxRingGeometry geometry = RingTransmitter.TxRingGeometry.forBatches(64, 2096);
        assertThat(geometry.blockSize() % RingGeometry.PAGE_SIZE).isZero();
        assertThat(geometry.slotCount()).isGreaterThanOrEqualTo(128);
        assertThat(geometry.slotOffset(geometry.slotsPerBlock())).isEqualTo(geometry.blockSize());
        assertThatThrownBy(() -> AfPacketOptions.defaults().withTx(TxMode.SENDMMSG, 0, 2048))
                .hasMessageContaining("1 to 1024");
    }
}
